package render

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/rubrics"
)

// The JSON output is written here by hand, straight into a byte slice: byte for byte what
// encoding/json, indented by two spaces and without HTML escaping, makes of NewJSON's
// structs (TestJSONWriterMatchesEncodingJSON), at several times the speed. A change to
// the JSON* types must be made here too. slant check's documents may have one member more,
// "suppressed" (AppendJSONDocumentObject, TestJSONDocumentObject).
//
// The output has a fixed shape, so each value is written at a fixed depth: the top-level
// object's members at depth 1, the documents at depth 2, their members at depth 3, and so
// on. A new line at depth d is followed by 2×d spaces.

// AppendJSONHead appends the beginning of JSON's output, up to and including the name of
// its "documents" member. AppendJSONDocument for each document and AppendJSONTail complete
// it; together they write what JSON writes, one document at a time.
func AppendJSONHead(dst []byte, rubric *rubrics.Rubric, version string) []byte {
	r := JSONRubric{Name: rubric.Name()}
	for _, m := range rubric.Meta {
		r.Files = append(r.Files, JSONRubricID{m.Name, m.Version, m.Path})
	}
	return AppendJSONHeadFor(dst, r, version)
}

// AppendJSONHeadFor is AppendJSONHead for output whose "rubric" member is given whole, as
// when the documents were checked under several rubrics. Nil Files are written as null.
func AppendJSONHeadFor(dst []byte, rubric JSONRubric, version string) []byte {
	b := append(dst, '{')
	b = jsonInt(b, 1, true, "schema_version", SchemaVersion)
	b = jsonKey(b, 1, false, "tool")
	b = append(b, '{')
	b = jsonString(b, 2, true, "name", "slant")
	b = jsonString(b, 2, false, "version", version)
	b = jsonClose(b, 1, '}')
	b = jsonKey(b, 1, false, "rubric")
	b = append(b, '{')
	b = jsonString(b, 2, true, "name", rubric.Name)
	b = jsonKey(b, 2, false, "files")
	switch {
	case rubric.Files == nil:
		b = append(b, "null"...)
	case len(rubric.Files) == 0:
		b = append(b, '[', ']')
	default:
		b = append(b, '[')
		for i, f := range rubric.Files {
			b = jsonElem(b, 3, i)
			b = append(b, '{')
			b = jsonString(b, 4, true, "name", f.Name)
			b = jsonString(b, 4, false, "version", f.Version)
			b = jsonString(b, 4, false, "path", f.Path)
			b = jsonClose(b, 3, '}')
		}
		b = jsonClose(b, 2, ']')
	}
	b = jsonClose(b, 1, '}')
	return jsonKey(b, 1, false, "documents")
}

// AppendJSONDocument appends the report as the i-th (from 0) element of the "documents" of
// JSON's output: the array's opening bracket before the first, a comma before the others,
// then the document on a new line, indented as JSON indents it.
func AppendJSONDocument(dst []byte, rep Report, i int) []byte {
	return AppendJSONDocumentObject(AppendJSONDocumentStart(dst, i), rep, nil)
}

// AppendJSONDocumentStart appends what AppendJSONDocument puts before the i-th (from 0)
// document: the array's opening bracket before the first, a comma before the others, and
// the new line and indentation.
func AppendJSONDocumentStart(dst []byte, i int) []byte {
	if i == 0 {
		dst = append(dst, '[')
	} else {
		dst = append(dst, ',')
	}
	return append(dst, jsonIndent[:1+2*2]...)
}

// AppendJSONDocumentObject appends the report's document alone, without what
// AppendJSONDocumentStart puts before it: for a caller that renders documents before it
// knows their places. When suppressed is not empty, a "suppressed" member after the others
// lists those findings, switched off by comments in the text, as "findings" lists the
// report's (slant check --report-suppressed).
func AppendJSONDocumentObject(dst []byte, rep Report, suppressed []annotate.Finding) []byte {
	n := jsonDocumentSize(rep)
	if len(suppressed) > 0 {
		n += jsonFindingsSize(suppressed)
	}
	return appendJSONDocument(slices.Grow(dst, n), rep, suppressed, nil)
}

// WriteJSONDocument writes what AppendJSONDocument appends to w, a piece at a time, so that
// a large document's JSON, several times its size, is never held whole.
func WriteJSONDocument(w io.Writer, rep Report, i int) error {
	var err error
	flush := func(b []byte) []byte {
		if err == nil {
			_, err = w.Write(b)
		}
		return b[:0]
	}
	b := make([]byte, 0, jsonChunk+jsonChunk/2)
	flush(appendJSONDocument(AppendJSONDocumentStart(b, i), rep, nil, flush))
	return err
}

// jsonChunk is how much of a document's JSON WriteJSONDocument keeps before it writes.
const jsonChunk = 32 << 10

// jsonFlush, when not nil, takes the output so far once it passes jsonChunk bytes, and
// returns the slice to go on with.
type jsonFlush func(b []byte) []byte

// flushFull passes b to flush when it has reached jsonChunk bytes.
func flushFull(b []byte, flush jsonFlush) []byte {
	if flush != nil && len(b) >= jsonChunk {
		return flush(b)
	}
	return b
}

// AppendJSONTail appends the end of JSON's output after n documents.
func AppendJSONTail(dst []byte, n int) []byte {
	if n == 0 {
		return append(dst, "null\n}\n"...) // NewJSON's Documents is nil then
	}
	return append(dst, "\n  ]\n}\n"...)
}

// jsonDocumentSize estimates the length of a document's JSON from above, but for escapes,
// so that it can be written without growing the buffer on the way.
func jsonDocumentSize(rep Report) int {
	n := 2048 + len(rep.Doc.Name) + jsonFindingsSize(rep.Findings) // the summary and provenance
	if p := rep.Provenance; p != nil {
		for _, s := range p.Sources {
			n += 256 + len(s.Name) + len(s.Role)
			for _, v := range s.Verbs {
				n += 16 + len(v)
			}
			for _, v := range s.Venues {
				n += 16 + len(v)
			}
			for _, m := range s.Mentions {
				n += 160 + m.Len()
			}
		}
		for i := range p.Attributions {
			at := &p.Attributions[i]
			n += 640 + len(at.Verb) + len(at.Venue) + at.Cue.Len() + at.Mention.Len() + at.Content.Len()
		}
	}
	return n
}

// jsonFindingsSize estimates the length of the findings' JSON from above, but for escapes.
func jsonFindingsSize(fs []annotate.Finding) int {
	n := 0
	for i := range fs {
		f := &fs[i]
		n += 384 + len(f.Rule.ID) + len(f.Rule.Category) + len(f.Message) + len(f.Suggestion) + len(f.Text)
	}
	return n
}

// jsonIndent is a new line and the indentation of up to depth 16.
const jsonIndent = "\n                                "

// jsonKey appends the name of an object's member at depth d: a comma unless it is the
// object's first, a new line, the indentation, the quoted name, a colon and a space. Names
// are plain ASCII and need no escaping.
func jsonKey(b []byte, d int, first bool, name string) []byte {
	if !first {
		b = append(b, ',')
	}
	b = append(b, jsonIndent[:1+2*d]...)
	b = append(b, '"')
	b = append(b, name...)
	return append(b, '"', ':', ' ')
}

// jsonElem starts the i-th element of an array whose elements are at depth d.
func jsonElem(b []byte, d, i int) []byte {
	if i > 0 {
		b = append(b, ',')
	}
	return append(b, jsonIndent[:1+2*d]...)
}

// jsonClose closes a non-empty object or array (c is '}' or ']') that is itself at depth d.
func jsonClose(b []byte, d int, c byte) []byte {
	b = append(b, jsonIndent[:1+2*d]...)
	return append(b, c)
}

func jsonInt(b []byte, d int, first bool, name string, v int) []byte {
	return appendJSONInt(jsonKey(b, d, first, name), v)
}

// jsonDigitPairs holds the two digits of each number below 100.
const jsonDigitPairs = "00010203040506070809" +
	"10111213141516171819" + "20212223242526272829" + "30313233343536373839" +
	"40414243444546474849" + "50515253545556575859" + "60616263646566676869" +
	"70717273747576777879" + "80818283848586878889" + "90919293949596979899"

// appendJSONInt appends v in decimal, as strconv.AppendInt does. The values written are
// nearly all small and non-negative: counts, lines, columns and byte offsets. Those below
// 10⁸ are written here, two digits at a time, straight into b's room for them, which takes
// half the time strconv's more general code takes; others are left to strconv.
func appendJSONInt(b []byte, v int) []byte {
	u := uint(v)
	if u < 10 { // most counts, lines and columns
		return append(b, byte('0'+u))
	}
	if u >= 1e8 { // negative or large
		return strconv.AppendInt(b, int64(v), 10)
	}
	n := 2 // digits
	for p := uint(100); u >= p; p *= 10 {
		n++
	}
	b = append(b, "00000000"[:n]...)
	i := len(b)
	for u >= 100 {
		q := u / 100
		r := 2 * (u - 100*q)
		i -= 2
		b[i], b[i+1] = jsonDigitPairs[r], jsonDigitPairs[r+1]
		u = q
	}
	if u >= 10 {
		b[i-2], b[i-1] = jsonDigitPairs[2*u], jsonDigitPairs[2*u+1]
	} else {
		b[i-1] = byte('0' + u)
	}
	return b
}

func jsonString(b []byte, d int, first bool, name, v string) []byte {
	return appendJSONString(jsonKey(b, d, first, name), v)
}

// jsonSafe[c] says the ASCII byte c stands for itself in a JSON string.
var jsonSafe = func() (safe [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\'
	}
	return safe
}()

const jsonHex = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes a string without HTML
// escaping: \" \\ \b \f \n \r \t, other control characters as \u00XX, U+2028 and U+2029 as
// \u2028 and \u2029, and each byte of invalid UTF-8 as \ufffd.
func appendJSONString[S string | []byte](b []byte, s S) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', jsonHex[c>>4], jsonHex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', jsonHex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendJSONDocument appends a JSONDocument at depth 2, and suppressed after its members
// when there are any.
func appendJSONDocument(b []byte, rep Report, suppressed []annotate.Finding, flush jsonFlush) []byte {
	const d = 3 // of the document's members
	doc := rep.Doc
	b = append(b, '{')
	b = jsonString(b, d, true, "name", doc.Name)
	b = jsonString(b, d, false, "format", doc.Format.String())
	b = jsonInt(b, d, false, "bytes", len(doc.Source))
	b = jsonKey(b, d, false, "findings")
	b = appendJSONFindings(b, d, doc, rep.Findings, flush)
	b = jsonKey(b, d, false, "summary")
	b = appendJSONSummary(b, d, rep.Findings)
	if p := rep.Provenance; p != nil {
		// NewJSON makes Sources and Attributions empty, not nil; omitempty leaves them out.
		if len(p.Sources) > 0 {
			b = jsonKey(b, d, false, "sources")
			b = appendJSONSources(b, d, doc, p.Sources, flush)
		}
		if len(p.Attributions) > 0 {
			b = jsonKey(b, d, false, "attributions")
			b = appendJSONAttributions(b, d, doc, p.Attributions, flush)
		}
		b = jsonKey(b, d, false, "provenance")
		b = appendJSONProvenance(b, d, p.Count(doc))
	}
	if len(suppressed) > 0 {
		b = jsonKey(b, d, false, "suppressed")
		b = appendJSONFindings(b, d, doc, suppressed, flush)
	}
	return jsonClose(b, d-1, '}')
}

// appendJSONFindings appends the findings as an array at depth d: never null.
func appendJSONFindings(b []byte, d int, doc *annotate.Document, fs []annotate.Finding, flush jsonFlush) []byte {
	if len(fs) == 0 {
		return append(b, '[', ']')
	}
	starts, ends := newLineCursor(doc), newLineCursor(doc)
	b = append(b, '[')
	for i := range fs {
		b = flushFull(b, flush)
		f := &fs[i]
		line, col := starts.at(f.Span.Start)
		endLine, endCol := ends.at(f.Span.End)
		b = jsonElem(b, d+1, i)
		b = append(b, '{')
		b = appendJSONFinding(b, d+2, f, line, col, endLine, endCol)
		b = jsonClose(b, d+1, '}')
	}
	return jsonClose(b, d, ']')
}

// appendJSONFinding appends the members of a JSONFinding at depth d.
func appendJSONFinding(b []byte, d int, f *annotate.Finding, line, col, endLine, endCol int) []byte {
	b = jsonString(b, d, true, "rule", f.Rule.ID)
	b = jsonString(b, d, false, "category", f.Rule.Category)
	b = jsonString(b, d, false, "severity", string(f.Severity))
	b = jsonString(b, d, false, "voice", string(f.Voice))
	b = jsonString(b, d, false, "message", f.Message)
	if f.Suggestion != "" {
		b = jsonString(b, d, false, "suggestion", f.Suggestion)
	}
	b = jsonInt(b, d, false, "start", f.Span.Start)
	b = jsonInt(b, d, false, "end", f.Span.End)
	b = jsonInt(b, d, false, "line", line)
	b = jsonInt(b, d, false, "column", col)
	b = jsonInt(b, d, false, "end_line", endLine)
	b = jsonInt(b, d, false, "end_column", endCol)
	b = jsonString(b, d, false, "text", f.Text)
	return jsonString(b, d, false, "origin", "rubric")
}

// appendJSONSummary appends Summarize(fs) as an object at depth d.
func appendJSONSummary(b []byte, d int, fs []annotate.Finding) []byte {
	var small [16]CategoryCounts
	s := summarize(fs, small[:0])
	b = append(b, '{')
	b = jsonKey(b, d+1, true, "categories")
	if s.Categories == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, c := range s.Categories {
			b = jsonElem(b, d+2, i)
			b = append(b, '{')
			b = jsonString(b, d+3, true, "category", c.Name)
			b = appendJSONCounts(b, d+3, false, c.Counts)
			b = jsonClose(b, d+2, '}')
		}
		b = jsonClose(b, d+1, ']')
	}
	b = jsonKey(b, d+1, false, "total")
	b = append(b, '{')
	b = appendJSONCounts(b, d+2, true, s.Total)
	b = jsonClose(b, d+1, '}')
	b = jsonInt(b, d+1, false, "writer_voice", s.Writer)
	b = jsonInt(b, d+1, false, "quoted_voice", s.Quoted)
	return jsonClose(b, d, '}')
}

// appendJSONCounts appends the members of Counts at depth d.
func appendJSONCounts(b []byte, d int, first bool, c Counts) []byte {
	b = jsonInt(b, d, first, "info", c.Info)
	b = jsonInt(b, d, false, "warning", c.Warning)
	return jsonInt(b, d, false, "error", c.Error)
}

// summarize is Summarize without a map, counting categories in cats (empty, with room for
// the few a document's findings usually fall in); it hands over to Summarize when they are
// more than cats has room for.
func summarize(fs []annotate.Finding, cats []CategoryCounts) Summary {
	var s Summary
	last := 0
	for i := range fs {
		f := &fs[i]
		name := f.Rule.Category
		if len(cats) == 0 || cats[last].Name != name {
			last = 0
			for last < len(cats) && cats[last].Name != name {
				last++
			}
			if last == len(cats) {
				if len(cats) == cap(cats) {
					return Summarize(fs)
				}
				cats = append(cats, CategoryCounts{Name: name})
			}
		}
		cats[last].add(f.Severity)
		s.Total.add(f.Severity)
		if f.Voice == rubrics.VoiceQuoted {
			s.Quoted++
		} else {
			s.Writer++
		}
	}
	if len(cats) > 0 {
		slices.SortFunc(cats, func(a, b CategoryCounts) int { return strings.Compare(a.Name, b.Name) })
		s.Categories = cats
	}
	return s
}

// appendJSONSpan appends the JSONSpan of s as an object whose members are at depth d.
func appendJSONSpan(b []byte, d int, c *lineCursor, s annotate.Span) []byte {
	line, col := c.at(s.Start)
	b = append(b, '{')
	b = jsonInt(b, d, true, "start", s.Start)
	b = jsonInt(b, d, false, "end", s.End)
	b = jsonInt(b, d, false, "line", line)
	b = jsonInt(b, d, false, "column", col)
	b = jsonKey(b, d, false, "text")
	b = appendJSONString(b, c.doc.Source[s.Start:s.End])
	return jsonClose(b, d-1, '}')
}

// appendJSONStrings appends a []string at depth d as encoding/json does: null when nil.
func appendJSONStrings(b []byte, d int, ss []string) []byte {
	switch {
	case ss == nil:
		return append(b, "null"...)
	case len(ss) == 0:
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, s := range ss {
		b = jsonElem(b, d+1, i)
		b = appendJSONString(b, s)
	}
	return jsonClose(b, d, ']')
}

// appendJSONSources appends the sources as a non-empty array at depth d.
func appendJSONSources(b []byte, d int, doc *annotate.Document, sources []*annotate.Source, flush jsonFlush) []byte {
	mentions := newLineCursor(doc)
	b = append(b, '[')
	for i, s := range sources {
		b = flushFull(b, flush)
		b = jsonElem(b, d+1, i)
		b = append(b, '{')
		m := d + 2 // the source's members
		b = jsonInt(b, m, true, "id", s.ID)
		b = jsonString(b, m, false, "kind", string(s.Kind))
		b = jsonString(b, m, false, "name", s.Name)
		if s.Role != "" {
			b = jsonString(b, m, false, "role", s.Role)
		}
		b = jsonKey(b, m, false, "verbs")
		b = appendJSONStrings(b, m, s.Verbs)
		b = jsonInt(b, m, false, "statements", s.Statements)
		b = jsonInt(b, m, false, "loaded_statements", s.Loaded)
		if len(s.Venues) > 0 {
			b = jsonKey(b, m, false, "venues")
			b = appendJSONStrings(b, m, s.Venues)
		}
		b = jsonKey(b, m, false, "mentions")
		if len(s.Mentions) == 0 {
			b = append(b, '[', ']')
		} else {
			b = append(b, '[')
			for k, sp := range s.Mentions {
				b = flushFull(b, flush)
				b = jsonElem(b, m+1, k)
				b = appendJSONSpan(b, m+2, &mentions, sp)
			}
			b = jsonClose(b, m, ']')
		}
		b = jsonClose(b, d+1, '}')
	}
	return jsonClose(b, d, ']')
}

// appendJSONAttributions appends the attributions as a non-empty array at depth d.
func appendJSONAttributions(b []byte, d int, doc *annotate.Document, ats []annotate.Attribution, flush jsonFlush) []byte {
	cues, mentions, contents := newLineCursor(doc), newLineCursor(doc), newLineCursor(doc)
	b = append(b, '[')
	for i := range ats {
		b = flushFull(b, flush)
		at := &ats[i]
		b = jsonElem(b, d+1, i)
		b = append(b, '{')
		m := d + 2 // the attribution's members
		id := 0
		if at.Source != nil {
			id = at.Source.ID
		}
		b = jsonInt(b, m, true, "source", id)
		b = jsonString(b, m, false, "form", string(at.Form))
		b = jsonString(b, m, false, "verb", at.Verb)
		b = jsonString(b, m, false, "tone", string(at.Tone))
		if at.Venue != "" {
			b = jsonString(b, m, false, "venue", at.Venue)
		}
		b = jsonKey(b, m, false, "cue")
		b = appendJSONSpan(b, m+1, &cues, at.Cue)
		if at.Mention.Len() > 0 {
			b = jsonKey(b, m, false, "mention")
			b = appendJSONSpan(b, m+1, &mentions, at.Mention)
		}
		if at.Content.Len() > 0 {
			b = jsonKey(b, m, false, "content")
			b = appendJSONSpan(b, m+1, &contents, at.Content)
		}
		b = jsonClose(b, d+1, '}')
	}
	return jsonClose(b, d, ']')
}

// appendJSONProvenance appends the JSONProvenance of c as an object at depth d.
func appendJSONProvenance(b []byte, d int, c annotate.ProvenanceCounts) []byte {
	b = append(b, '{')
	b = jsonInt(b, d+1, true, "writer_sentences", c.ClaimSentences)
	b = jsonInt(b, d+1, false, "attributed_sentences", c.AttributedSentences)
	b = jsonInt(b, d+1, false, "named_sources", c.Named)
	b = jsonInt(b, d+1, false, "anonymous_sources", c.Anonymous)
	b = jsonInt(b, d+1, false, "vague_sources", c.Vague)
	b = jsonInt(b, d+1, false, "unsourced_statements", c.Unsourced)
	b = jsonInt(b, d+1, false, "neutral_verbs", c.NeutralVerbs)
	b = jsonInt(b, d+1, false, "loaded_verbs", c.LoadedVerbs)
	b = jsonInt(b, d+1, false, "belief_verbs", c.BeliefVerbs)
	return jsonClose(b, d, '}')
}

// lineCursor gives the line and column of source offsets exactly as doc.LineColumn does,
// but from the last offset asked for rather than from the start of the line (paragraphs of
// plain text are long lines) after a binary search: for an offset after it, it counts the
// new lines and characters in between; for one a little before it on the same line, the
// characters in between. Others fall back to doc.LineColumn.
//
// Counting characters from an offset gives the count from the start of the line when the
// offset starts a character (a new line does): no character decoded from before it, valid
// or not, runs into it.
type lineCursor struct {
	doc            *annotate.Document
	off, line, col int // the last offset asked for and its position
}

func newLineCursor(doc *annotate.Document) lineCursor {
	return lineCursor{doc: doc, off: 0, line: 1, col: 1}
}

func (c *lineCursor) at(off int) (line, col int) {
	src := c.doc.Source
	off = min(max(off, 0), len(src)) // as LineColumn does
	switch {
	case off == c.off:
	case off > c.off:
		gap := src[c.off:off]
		if bytes.IndexByte(gap, '\n') >= 0 {
			nl := bytes.LastIndexByte(gap, '\n')
			c.line += 1 + bytes.Count(gap[:nl], []byte{'\n'})
			c.col = 1 + utf8.RuneCount(gap[nl+1:])
		} else if utf8.RuneStart(gap[0]) {
			c.col += utf8.RuneCount(gap)
		} else {
			c.line, c.col = c.doc.LineColumn(off)
		}
	default:
		if gap := src[off:c.off]; utf8.RuneStart(gap[0]) && bytes.IndexByte(gap, '\n') < 0 {
			c.col -= utf8.RuneCount(gap)
		} else {
			c.line, c.col = c.doc.LineColumn(off)
		}
	}
	c.off = off
	return c.line, c.col
}
