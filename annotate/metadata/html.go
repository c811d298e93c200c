package metadata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/slant-news/slant/annotate/prose"
)

// Bounds on what a page's metadata may cost: past them the rest is not read.
const (
	maxJSONLDScripts = 32      // JSON-LD blocks read from one page
	maxJSONLDBytes   = 1 << 20 // bytes of one JSON-LD block
	maxJSONLDNodes   = 10000   // objects and arrays walked in one block
	maxJSONLDDepth   = 64      // nesting of objects and arrays walked
	maxValueLen      = 2000    // bytes kept of a headline, name or description
	maxAuthors       = 50
)

// FromHTML reads the metadata of an HTML page: <title>, <meta> (description, author,
// article:published_time, article:modified_time, og:site_name, og:title, og:url...),
// <link rel="canonical">, and JSON-LD blocks (<script type="application/ld+json">) of type
// NewsArticle, Article, ReportageNewsArticle and their kin, at the top level, in an array,
// in an @graph or nested in another node, with @id references followed.
//
// Precedence, where several say the same: JSON-LD over Open Graph over plain <meta name>
// over <title>; for the canonical URL, <link rel="canonical"> first. A page is read as
// browsers read it: broken markup is no error. A JSON-LD block that is not JSON, or a
// date field that is not a date, is skipped and reported in the error, each problem an
// *prose.InputError naming name, line and column (joined with errors.Join); the
// metadata read from the rest of the page is returned with it.
func FromHTML(name string, src []byte) (*Metadata, error) {
	var (
		title      string
		inTitle    bool
		metas      = map[string]metaValue{} // the first <meta> of each name or property, lowercased
		itemprops  = map[string]metaValue{}
		canonical  string
		inJSONLD   bool
		jsonldAt   int
		scripts    int
		problems   []error
		articles   []jsonldArticle
		pos        int
		scriptText []byte
	)
	z := xhtml.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break // io.EOF: the tokenizer reads from memory
		}
		start := pos
		pos += len(z.Raw())
		switch tt {
		case xhtml.TextToken:
			switch {
			case inTitle && title == "":
				title = clean(string(z.Text()))
			case inJSONLD:
				scriptText = append(scriptText, z.Raw()...)
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			tag, _ := z.TagName()
			attrs := readAttrs(z)
			switch string(tag) {
			case "title":
				inTitle = tt == xhtml.StartTagToken
			case "meta":
				val := metaValue{attrs["content"], start}
				for _, key := range []string{attrs["property"], attrs["name"]} {
					if key = strings.ToLower(strings.TrimSpace(key)); key != "" {
						if _, ok := metas[key]; !ok {
							metas[key] = val
						}
					}
				}
				if key := attrs["itemprop"]; key != "" {
					if _, ok := itemprops[key]; !ok {
						itemprops[key] = val
					}
				}
			case "link":
				if canonical == "" && hasToken(attrs["rel"], "canonical") {
					canonical = strings.TrimSpace(attrs["href"])
				}
			case "script":
				if tt == xhtml.StartTagToken && isJSONLD(attrs["type"]) {
					inJSONLD, jsonldAt, scriptText = true, pos, scriptText[:0]
				}
			}
		case xhtml.EndTagToken:
			tag, _ := z.TagName()
			switch string(tag) {
			case "title":
				inTitle = false
			case "script":
				if !inJSONLD {
					break
				}
				inJSONLD = false
				if scripts++; scripts > maxJSONLDScripts {
					break
				}
				if len(scriptText) > maxJSONLDBytes {
					problems = append(problems, inputError(name, src, jsonldAt, fmt.Sprintf("JSON-LD block of %d bytes not read (at most %d)", len(scriptText), maxJSONLDBytes)))
					break
				}
				found, err := readJSONLD(scriptText)
				if err != nil {
					at := jsonldAt
					var se *json.SyntaxError
					if errors.As(err, &se) && se.Offset > 0 && int(se.Offset) <= len(scriptText) {
						at += int(se.Offset) - 1
					}
					problems = append(problems, inputError(name, src, at, "JSON-LD block skipped: "+err.Error()))
					break
				}
				for i := range found {
					found[i].at = jsonldAt
				}
				articles = append(articles, found...)
			}
		}
	}

	m := &Metadata{}
	// JSON-LD first: the best-ranked article node of the page.
	if a, ok := bestArticle(articles); ok {
		setString(&m.Headline, &m.Origins.Headline, a.headline, OriginJSONLD)
		setString(&m.Outlet, &m.Origins.Outlet, a.publisher, OriginJSONLD)
		if len(a.authors) > 0 {
			m.Authors, m.Origins.Authors = a.authors, OriginJSONLD
		}
		setString(&m.Description, &m.Origins.Description, a.description, OriginJSONLD)
		for _, d := range []struct {
			modified bool
			field    string
			value    string
		}{{false, "datePublished", a.published}, {true, "dateModified", a.modified}} {
			if d.value == "" {
				continue
			}
			if t, ok := parseStamp(d.value); ok {
				m.addDate(d.modified, t, OriginJSONLD, d.field)
			} else {
				problems = append(problems, inputError(name, src, a.at, fmt.Sprintf("JSON-LD %s %q is not a date", d.field, truncate(d.value, 60))))
			}
		}
	}
	// Open Graph and article:* properties.
	setString(&m.Headline, &m.Origins.Headline, clean(metas["og:title"].v), OriginOpenGraph)
	setString(&m.Outlet, &m.Origins.Outlet, clean(metas["og:site_name"].v), OriginOpenGraph)
	setString(&m.Description, &m.Origins.Description, clean(metas["og:description"].v), OriginOpenGraph)
	if a := clean(metas["article:author"].v); len(m.Authors) == 0 && a != "" && !looksLikeURL(a) {
		m.Authors, m.Origins.Authors = []string{a}, OriginOpenGraph
	}
	dateMetas := []struct {
		modified bool
		key      string
		origin   Origin
	}{
		{false, "article:published_time", OriginOpenGraph},
		{true, "article:modified_time", OriginOpenGraph},
		{true, "og:updated_time", OriginOpenGraph},
		{false, "date", OriginMeta},
		{false, "pubdate", OriginMeta},
		{false, "publish-date", OriginMeta},
		{false, "dc.date.issued", OriginMeta},
		{false, "dcterms.created", OriginMeta},
		{true, "dcterms.modified", OriginMeta},
	}
	for _, d := range dateMetas {
		mv, ok := metas[d.key]
		if !ok || strings.TrimSpace(mv.v) == "" {
			continue
		}
		if t, ok := parseStamp(mv.v); ok {
			m.addDate(d.modified, t, d.origin, d.key)
		} else {
			problems = append(problems, inputError(name, src, mv.at, fmt.Sprintf("<meta> %s %q is not a date", d.key, truncate(mv.v, 60))))
		}
	}
	for _, d := range []struct {
		modified bool
		key      string
	}{{false, "datePublished"}, {true, "dateModified"}} {
		if t, ok := parseStamp(itemprops[d.key].v); ok {
			m.addDate(d.modified, t, OriginMeta, "itemprop "+d.key)
		}
	}
	// Plain <meta name> tags, then the <title>.
	setString(&m.Headline, &m.Origins.Headline, clean(metas["twitter:title"].v), OriginMeta)
	setString(&m.Headline, &m.Origins.Headline, title, OriginTitle)
	setString(&m.Outlet, &m.Origins.Outlet, clean(metas["application-name"].v), OriginMeta)
	setString(&m.Description, &m.Origins.Description, clean(metas["description"].v), OriginMeta)
	if a := clean(metas["author"].v); len(m.Authors) == 0 && a != "" && !looksLikeURL(a) {
		m.Authors, m.Origins.Authors = []string{a}, OriginMeta
	}
	// The canonical URL: the element made for it, then JSON-LD, then og:url.
	setString(&m.CanonicalURL, &m.Origins.CanonicalURL, clean(canonical), OriginLink)
	if a, ok := bestArticle(articles); ok {
		setString(&m.CanonicalURL, &m.Origins.CanonicalURL, a.url, OriginJSONLD)
	}
	setString(&m.CanonicalURL, &m.Origins.CanonicalURL, clean(metas["og:url"].v), OriginOpenGraph)
	return m, errors.Join(problems...)
}

// metaValue is the content of a <meta> tag and the tag's source offset.
type metaValue struct {
	v  string
	at int
}

// readAttrs returns the attributes of the tag z is at, names lowercased, the first of each.
func readAttrs(z *xhtml.Tokenizer) map[string]string {
	attrs := map[string]string{}
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		key := strings.ToLower(string(k))
		if _, ok := attrs[key]; !ok && key != "" {
			attrs[key] = string(v)
		}
	}
	return attrs
}

// hasToken reports whether the space-separated list s holds tok, without regard to case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// isJSONLD reports whether a <script> type attribute names JSON-LD.
func isJSONLD(typ string) bool {
	typ, _, _ = strings.Cut(typ, ";")
	return strings.EqualFold(strings.TrimSpace(typ), "application/ld+json")
}

// clean collapses runs of white space, reads character references left in a value (JSON-LD
// strings often hold "&amp;") and keeps at most maxValueLen bytes.
func clean(s string) string {
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return truncate(strings.Join(strings.Fields(s), " "), maxValueLen)
}

// truncate cuts s to at most n bytes, on a rune boundary, marking the cut with "…".
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//")
}

// inputError is a problem at source offset off of the page, with its line and column
// (counted in characters, from 1).
func inputError(name string, src []byte, off int, msg string) *prose.InputError {
	line, col := lineColumn(src, off)
	return &prose.InputError{Name: name, Line: line, Column: col, Msg: msg}
}

// lineColumn returns the line and column (in characters, from 1) of offset off of src.
func lineColumn(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	lineStart := bytes.LastIndexByte(src[:off], '\n') + 1
	return bytes.Count(src[:off], []byte{'\n'}) + 1, utf8.RuneCount(src[lineStart:off]) + 1
}
