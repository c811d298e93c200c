package metadata

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	yamltoken "github.com/goccy/go-yaml/token"
	"github.com/pelletier/go-toml/v2"

	"github.com/slant-news/slant/annotate/prose"
)

// maxFrontMatter bounds the front matter read: past it, none is.
const maxFrontMatter = 64 << 10

// frontMatter locates a front matter block: its body's source range and its syntax.
type frontMatter struct {
	body     []byte
	fenceAt  int // source offset of the opening fence (after a byte order mark)
	bodyAt   int // source offset of body
	toml     bool
	unclosed bool // it opens but never closes: prose reads it as Markdown
}

// findFrontMatter finds a YAML (---, closed by --- or ...) or TOML (+++) front matter block
// at the start of src, after an optional byte order mark: the same blocks package prose leaves
// out of a Markdown document's prose.
func findFrontMatter(src []byte) (frontMatter, bool) {
	body := bytes.TrimPrefix(src, []byte("\ufeff"))
	bom := len(src) - len(body)
	var fence string
	switch {
	case bytes.HasPrefix(body, []byte("---\n")), bytes.HasPrefix(body, []byte("---\r\n")):
		fence = "---"
	case bytes.HasPrefix(body, []byte("+++\n")), bytes.HasPrefix(body, []byte("+++\r\n")):
		fence = "+++"
	default:
		return frontMatter{}, false
	}
	start := bytes.IndexByte(body, '\n') + 1
	fm := frontMatter{fenceAt: bom, bodyAt: bom + start, toml: fence == "+++"}
	for pos := start; pos < len(body); {
		next := len(body)
		if i := bytes.IndexByte(body[pos:], '\n'); i >= 0 {
			next = pos + i + 1
		}
		line := string(bytes.TrimRight(body[pos:next], "\r\n"))
		if line == fence || fence == "---" && line == "..." {
			fm.body = body[start:pos]
			return fm, true
		}
		pos = next
	}
	fm.body, fm.unclosed = body[start:], true
	return fm, true
}

// looksLikeKey matches a first line of front matter: "title:" or "title =".
var looksLikeKey = regexp.MustCompile(`^\s*[A-Za-z_][A-Za-z0-9_-]*\s*[:=]`)

// FromMarkdown reads the front matter of a Markdown document: YAML between "---" lines, or
// TOML between "+++" lines, at the very start. The fields read are title (or headline),
// date (or published), lastmod (or modified, updated), author or authors (a name, a list
// of names, or a map with a name), outlet (or publisher, site) and source: a source that
// is a URL is the canonical URL, any other the outlet. Other fields are ignored.
//
// A document without front matter has no metadata and no error. Malformed front matter
// (bad syntax, a date that is not one, a field of the wrong shape, a block over 64 KB or
// one never closed) gives an error naming name, line and column, each an
// *prose.InputError joined with errors.Join, beside what could be read: the prose is
// not affected (prose skips the block either way), so a caller may report the error as
// a warning and go on.
func FromMarkdown(name string, src []byte) (*Metadata, error) {
	m := &Metadata{}
	fm, ok := findFrontMatter(src)
	if !ok {
		return m, nil
	}
	if fm.unclosed {
		if looksLikeKey.Match(fm.body) {
			return m, inputError(name, src, fm.fenceAt, "front matter is never closed: read as Markdown")
		}
		return m, nil
	}
	if len(fm.body) > maxFrontMatter {
		return m, inputError(name, src, fm.bodyAt, fmt.Sprintf("front matter of %d bytes not read (at most %d)", len(fm.body), maxFrontMatter))
	}
	var fields []fmField
	var err error
	if fm.toml {
		fields, err = tomlFields(name, src, fm)
	} else {
		fields, err = yamlFields(name, src, fm)
	}
	if err != nil {
		return m, err
	}
	var problems []error
	for _, f := range fields {
		bad := func(want string) {
			problems = append(problems, &prose.InputError{Name: name, Line: f.line, Column: f.col,
				Msg: fmt.Sprintf("front matter %s: %s", f.key, want)})
		}
		switch strings.ToLower(f.key) {
		case "title", "headline":
			if s, ok := f.str(); ok {
				setString(&m.Headline, &m.Origins.Headline, clean(s), OriginFrontMatter)
			} else {
				bad("want a string")
			}
		case "date", "published", "publishdate", "pubdate", "date_published", "lastmod", "modified", "updated", "date_modified":
			modified := modifiedKeys[strings.ToLower(f.key)]
			d, ok := f.date()
			if !ok {
				bad(fmt.Sprintf("%s is not a date (want YYYY-MM-DD or RFC 3339)", f.show()))
				continue
			}
			m.addDate(modified, d, OriginFrontMatter, f.key)
		case "author", "authors":
			if len(f.names) == 0 {
				bad("want a name, a list of names or a map with a name")
			} else if len(m.Authors) == 0 {
				m.Authors, m.Origins.Authors = f.names, OriginFrontMatter
			}
		case "outlet", "publisher", "site", "source":
			s, ok := f.str()
			if !ok && len(f.names) > 0 {
				s, ok = f.names[0], true // publisher: {name: ...}
			}
			if !ok {
				bad("want a string")
				continue
			}
			if s = clean(s); strings.EqualFold(f.key, "source") && looksLikeURL(s) {
				setString(&m.CanonicalURL, &m.Origins.CanonicalURL, s, OriginFrontMatter)
			} else {
				setString(&m.Outlet, &m.Origins.Outlet, s, OriginFrontMatter)
			}
		case "url", "canonical", "canonical_url", "canonicalurl":
			if s, ok := f.str(); ok {
				setString(&m.CanonicalURL, &m.Origins.CanonicalURL, clean(s), OriginFrontMatter)
			}
		case "description", "summary":
			if s, ok := f.str(); ok {
				setString(&m.Description, &m.Origins.Description, clean(s), OriginFrontMatter)
			}
		}
	}
	return m, errors.Join(problems...)
}

// fieldsRead are the front matter fields FromMarkdown reads, lowercased.
var fieldsRead = set("title", "headline", "date", "published", "publishdate", "pubdate",
	"date_published", "lastmod", "modified", "updated", "date_modified", "author", "authors",
	"outlet", "publisher", "site", "source", "url", "canonical", "canonical_url", "canonicalurl",
	"description", "summary")

// modifiedKeys are the front matter fields of the date a page was last changed.
var modifiedKeys = map[string]bool{"lastmod": true, "modified": true, "updated": true, "date_modified": true}

// fmField is one top-level field of front matter, its value in the forms slant reads.
type fmField struct {
	key       string
	line, col int // position of the value in the source
	scalar    *string
	when      *Date
	names     []string // a name, names, or maps with a name
}

func (f fmField) str() (string, bool) {
	if f.scalar == nil {
		return "", false
	}
	return *f.scalar, true
}

func (f fmField) date() (Date, bool) {
	if f.when != nil {
		return *f.when, true
	}
	if f.scalar == nil {
		return Date{}, false
	}
	return parseStamp(*f.scalar)
}

// show gives the value for an error message.
func (f fmField) show() string {
	if f.scalar != nil {
		return strconv.Quote(truncate(*f.scalar, 60))
	}
	return "the value"
}

// yamlFields decodes YAML front matter into its top-level fields. It reads the syntax tree
// of github.com/goccy/go-yaml, whose errors give the line and column of the fault (and a
// repeated key is one), and whose nodes keep theirs; aliases are followed one step, never
// expanded.
func yamlFields(name string, src []byte, fm frontMatter) ([]fmField, error) {
	file, err := parser.ParseBytes(fm.body, 0)
	if err != nil {
		at, msg := fm.bodyAt, err.Error()
		var se *yaml.SyntaxError
		if errors.As(err, &se) {
			at, msg = yamlOffset(fm, se.Token), se.Message
		}
		return nil, inputError(name, src, at, "front matter is not valid YAML: "+msg)
	}
	if file == nil || len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil, nil // empty
	}
	pos := func(n ast.Node) (int, int) {
		return lineColumn(src, yamlOffset(fm, n.GetToken()))
	}
	var pairs []*ast.MappingValueNode
	switch top := unwrap(file.Docs[0].Body, nil).(type) {
	case *ast.MappingNode:
		pairs = top.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{top}
	default:
		line, col := pos(file.Docs[0].Body)
		return nil, &prose.InputError{Name: name, Line: line, Column: col, Msg: "front matter is not a YAML mapping of fields"}
	}
	anchors := map[string]ast.Node{}
	var fields []fmField
	for _, p := range pairs {
		key, _ := yamlScalar(p.Key)
		v := unwrap(p.Value, anchors)
		f := fmField{key: key}
		f.line, f.col = pos(v)
		switch v := v.(type) {
		case *ast.NullNode:
		case *ast.SequenceNode:
			for _, e := range v.Values {
				f.names = append(f.names, yamlName(unwrap(e, anchors))...)
			}
		case *ast.MappingNode, *ast.MappingValueNode:
			f.names = yamlName(v)
		default:
			if s, ok := yamlScalar(v); ok {
				f.scalar = &s
				f.names = nonEmpty(clean(s))
			}
		}
		if len(f.names) > maxAuthors {
			f.names = f.names[:maxAuthors]
		}
		fields = append(fields, f)
	}
	return fields, nil
}

// yamlOffset returns the source offset of a token of the front matter. go-yaml's line
// counts a lone carriage return as a line break, as YAML does, and slant's lines do not;
// its Offset counts characters from 1: that is what is mapped to the source.
func yamlOffset(fm frontMatter, tk *yamltoken.Token) int {
	if tk == nil || tk.Position == nil {
		return fm.bodyAt
	}
	off, n := 0, tk.Position.Offset-1
	for i := 0; i < n && off < len(fm.body); i++ {
		_, size := utf8.DecodeRune(fm.body[off:])
		off += size
	}
	return fm.bodyAt + off
}

// unwrap returns the node n stands for: the value of an anchor (recorded in anchors) or a
// tag, or the anchored node an alias names.
func unwrap(n ast.Node, anchors map[string]ast.Node) ast.Node {
	for range 8 {
		switch a := n.(type) {
		case *ast.AnchorNode:
			if name, ok := yamlScalar(a.Name); ok && anchors != nil {
				anchors[name] = a.Value
			}
			n = a.Value
		case *ast.TagNode:
			n = a.Value
		case *ast.AliasNode:
			name, _ := yamlScalar(a.Value)
			target, ok := anchors[name]
			if !ok {
				return a
			}
			n = target
		default:
			return n
		}
	}
	return n
}

// yamlScalar returns the text of a scalar node as written (a quoted string unquoted).
func yamlScalar(n ast.Node) (string, bool) {
	switch n := n.(type) {
	case *ast.StringNode:
		return n.Value, true
	case *ast.LiteralNode:
		if n.Value != nil {
			return n.Value.Value, true
		}
	case *ast.NullNode:
		return "", false
	case ast.ScalarNode:
		if tk := n.GetToken(); tk != nil {
			return tk.Value, true
		}
	}
	return "", false
}

// yamlName returns the name a scalar or a mapping with a name gives.
func yamlName(n ast.Node) []string {
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, p := range n.Values {
			if names := yamlName(p); names != nil {
				return names
			}
		}
	case *ast.MappingValueNode:
		if k, _ := yamlScalar(n.Key); k == "name" {
			if s, ok := yamlScalar(n.Value); ok {
				return nonEmpty(clean(s))
			}
		}
	default:
		if s, ok := yamlScalar(n); ok {
			return nonEmpty(clean(s))
		}
	}
	return nil
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// tomlFields decodes TOML front matter into its top-level fields. go-toml gives no position
// for a decoded value, so a field's position is that of its key, found in the source.
func tomlFields(name string, src []byte, fm frontMatter) ([]fmField, error) {
	firstLine, _ := lineColumn(src, fm.bodyAt)
	var doc map[string]any
	if err := toml.Unmarshal(fm.body, &doc); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return nil, &prose.InputError{Name: name, Line: firstLine + row - 1, Column: col, Msg: "front matter is not valid TOML: " + de.Error()}
		}
		return nil, &prose.InputError{Name: name, Line: firstLine, Column: 1, Msg: "front matter is not valid TOML: " + err.Error()}
	}
	var fields []fmField
	for _, k := range sortedKeys(doc) {
		if !fieldsRead[strings.ToLower(k)] {
			continue // its position is not worth a search
		}
		line, col := tomlKeyPosition(fm.body, k)
		f := fmField{key: k, line: firstLine + line - 1, col: col}
		switch v := doc[k].(type) {
		case string:
			f.scalar = &v
			f.names = nonEmpty(clean(v))
		case time.Time:
			f.when = &Date{Time: v, HasTime: true}
		case toml.LocalDate:
			f.when = &Date{Time: v.AsTime(time.UTC)}
		case toml.LocalDateTime:
			f.when = &Date{Time: v.AsTime(time.UTC), HasTime: true}
		case []any:
			for _, e := range v {
				f.names = append(f.names, tomlName(e)...)
			}
		case map[string]any:
			f.names = tomlName(v)
		}
		if len(f.names) > maxAuthors {
			f.names = f.names[:maxAuthors]
		}
		fields = append(fields, f)
	}
	return fields, nil
}

func tomlName(v any) []string {
	switch v := v.(type) {
	case string:
		return nonEmpty(clean(v))
	case map[string]any:
		if s, ok := v["name"].(string); ok {
			return nonEmpty(clean(s))
		}
	}
	return nil
}

// tomlKeyPosition returns the line and column (from 1, within body) of the value of the
// top-level key k, or 1, 1.
func tomlKeyPosition(body []byte, k string) (int, int) {
	re := regexp.MustCompile(`(?m)^[ \t]*(?:` + regexp.QuoteMeta(k) + `|"` + regexp.QuoteMeta(k) + `")[ \t]*=[ \t]*`)
	loc := re.FindIndex(body)
	if loc == nil {
		return 1, 1
	}
	return lineColumn(body, loc[1])
}
