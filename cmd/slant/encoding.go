package main

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/slant-news/slant/annotate/prose"
)

// parseDocument is prose.Parse with its input errors made more helpful: text in UTF-16
// is called that, not a binary file, and invalid UTF-8 in an HTML page that declares
// another charset names the charset; both with the iconv command that converts the file.
func parseDocument(name string, data []byte, format prose.Format) (*prose.Document, error) {
	doc, err := prose.Parse(name, data, format)
	var ie *prose.InputError
	if err == nil || !errors.As(err, &ie) {
		return doc, err
	}
	if enc := utf16Encoding(data); enc != "" {
		return nil, &prose.InputError{Name: ie.Name, Line: 1, Column: 1,
			Msg: fmt.Sprintf("looks like %s text; slant reads UTF-8: convert it with iconv -f %s -t UTF-8", enc, iconvName(enc))}
	}
	if format == prose.FormatHTML && strings.HasPrefix(ie.Msg, "invalid UTF-8") {
		if cs := declaredCharset(data); cs != "" && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
			e := *ie
			e.Msg += fmt.Sprintf(": the page declares charset %s; slant reads UTF-8: convert it with iconv -f %s -t UTF-8 (and change the declaration)", cs, cs)
			return nil, &e
		}
	}
	return nil, err
}

// utf16Encoding recognises UTF-16 text: by its byte order mark, or, without one, by NUL
// bytes in every other place of its first characters (ASCII text in UTF-16). It returns
// "UTF-16LE" or "UTF-16BE" with "(with a byte order mark)" when there is one, or "".
func utf16Encoding(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return "UTF-16LE (with a byte order mark)"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "UTF-16BE (with a byte order mark)"
	}
	head := data[:min(len(data), 512)&^1]
	if len(head) < 4 {
		return ""
	}
	var even, odd int // NUL bytes at even and at odd offsets
	for i, c := range head {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(head) / 2
	switch {
	case odd*4 >= half*3 && even == 0:
		return "UTF-16LE"
	case even*4 >= half*3 && odd == 0:
		return "UTF-16BE"
	}
	return ""
}

// iconvName is the encoding name iconv knows: plain UTF-16 reads the byte order mark.
func iconvName(enc string) string {
	if strings.HasSuffix(enc, "(with a byte order mark)") {
		return "UTF-16"
	}
	return enc
}

// metaCharset finds a charset declared in an HTML page's <meta charset> or
// <meta http-equiv="Content-Type" content="...; charset=...">.
var metaCharset = regexp.MustCompile(`(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)`)

// declaredCharset returns the charset an HTML page declares in its first 4 KB, or "".
func declaredCharset(data []byte) string {
	m := metaCharset.FindSubmatch(data[:min(len(data), 4096)])
	if m == nil {
		return ""
	}
	return string(m[1])
}
