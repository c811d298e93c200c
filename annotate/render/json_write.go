package render

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/rubrics"
)

// The JSON output is written here by hand, straight into a byte slice: byte for byte what
// encoding/json, indented by two spaces and without HTML escaping, makes of NewJSON's
// structs (TestJSONWriterMatchesEncodingJSON), at several times the speed. A change to
// the JSON* types must be made here too. slant check's documents may have one member more,
// "suppressed" (appendJSONDocumentObject, TestJSONDocumentObject).
//
// The output has a fixed shape, so each value is written at a fixed depth: the top-level
// object's members at depth 1, the documents at depth 2, their members at depth 3, and so
// on. A new line at depth d is followed by 2×d spaces.

// appendJSONHead appends the beginning of JSON's output, up to and including the name of
// its "documents" member. appendJSONElement for each document and appendJSONTail complete
// it; together they write what JSON writes, one document at a time.
func appendJSONHead(dst []byte, rubric *rubrics.Rubric, version string) []byte {
	r := JSONRubric{Name: rubric.Name()}
	for _, m := range rubric.Meta {
		r.Files = append(r.Files, JSONRubricID{m.Name, m.Version, m.Path})
	}
	return appendJSONHeadFor(dst, r, version)
}

// appendJSONHeadFor is appendJSONHead for output whose "rubric" member is given whole, as
// when the documents were checked under several rubrics. Nil Files are written as null.
func appendJSONHeadFor(dst []byte, rubric JSONRubric, version string) []byte {
	b := append(dst, '{')
	b = jsonInt(b, 1, true, keySchemaVersion, SchemaVersion)
	b = jsonKey(b, 1, false, keyTool)
	b = append(b, '{')
	b = jsonString(b, 2, true, keyName, "slant")
	b = jsonString(b, 2, false, keyVersion, version)
	b = jsonClose(b, 1, '}')
	b = jsonKey(b, 1, false, keyRubric)
	b = append(b, '{')
	b = jsonString(b, 2, true, keyName, rubric.Name)
	b = jsonKey(b, 2, false, keyFiles)
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
			b = jsonString(b, 4, true, keyName, f.Name)
			b = jsonString(b, 4, false, keyVersion, f.Version)
			b = jsonString(b, 4, false, keyPath, f.Path)
			b = jsonClose(b, 3, '}')
		}
		b = jsonClose(b, 2, ']')
	}
	b = jsonClose(b, 1, '}')
	return jsonKey(b, 1, false, keyDocuments)
}

// appendJSONElement appends the report as the i-th (from 0) element of the "documents" of
// JSON's output: the array's opening bracket before the first, a comma before the others,
// then the document on a new line, indented as JSON indents it.
func appendJSONElement(dst []byte, rep Report, i int) []byte {
	return appendJSONDocumentObject(appendJSONElementStart(dst, i), rep)
}

// appendJSONElementStart appends what appendJSONElement puts before the i-th (from 0)
// document: the array's opening bracket before the first, a comma before the others, and
// the new line and indentation.
func appendJSONElementStart(dst []byte, i int) []byte {
	if i == 0 {
		dst = append(dst, '[')
	} else {
		dst = append(dst, ',')
	}
	return append(dst, jsonIndent[:1+2*2]...)
}

// appendJSONDocumentObject appends the report's document alone, without what
// appendJSONElementStart puts before it: for a caller that renders documents before it
// knows their places. When rep.Suppressed is not empty, a "suppressed" member after the
// others lists those findings, switched off by comments in the text, as "findings" lists the
// report's (slant check --report-suppressed).
func appendJSONDocumentObject(dst []byte, rep Report) []byte {
	return appendJSONDocument(slices.Grow(dst, jsonObjectSize(rep)), rep, rep.Suppressed, nil)
}

// jsonObjectSize estimates from above, but for escapes, the length of what
// appendJSONDocumentObject appends.
func jsonObjectSize(rep Report) int {
	n := jsonDocumentSize(rep)
	if len(rep.Suppressed) > 0 {
		n += jsonFindingsSize(rep.Suppressed)
	}
	return n
}

// writeJSONElement writes what appendJSONElement appends to w, a piece at a time, so that
// a large document's JSON, several times its size, is never held whole.
func writeJSONElement(w io.Writer, rep Report, i int) error {
	return writeJSONDocument(w, rep, appendJSONElementStart(nil, i))
}

// writeJSONDocument writes prefix and the report's document to w, a piece at a time.
func writeJSONDocument(w io.Writer, rep Report, prefix []byte) error {
	var err error
	flush := func(b []byte) []byte {
		if err == nil {
			_, err = w.Write(b)
		}
		return b[:0]
	}
	b := append(make([]byte, 0, jsonChunk+jsonChunk/2), prefix...)
	flush(appendJSONDocument(b, rep, rep.Suppressed, flush))
	return err
}

// jsonChunk is how much of a document's JSON writeJSONElement keeps before it writes.
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

// appendJSONTail appends the end of JSON's output after n documents.
func appendJSONTail(dst []byte, n int) []byte {
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

// jsonMaxDepth is the depth of the deepest members: a source's mentions'.
const jsonMaxDepth = 7

// jsonName is the name of an object's member with, for each depth up to jsonMaxDepth, what
// jsonKey writes before the member's value: a comma, a new line, the indentation, the
// quoted name, a colon and a space. A name comes before nearly every value, and one copy of
// the whole is measurably cheaper (BenchmarkJSON) than the five appends it was made of.
type jsonName [jsonMaxDepth + 1]string

// newJSONName makes the jsonName of name, which is plain ASCII and needs no escaping.
func newJSONName(name string) *jsonName {
	var k jsonName
	for d := range k {
		k[d] = "," + jsonIndent[:1+2*d] + `"` + name + `": `
	}
	return &k
}

// The names of the members of the JSON* types.
var (
	keyAnonymousSources    = newJSONName("anonymous_sources")
	keyAttributedSentences = newJSONName("attributed_sentences")
	keyAttributions        = newJSONName("attributions")
	keyBeliefVerbs         = newJSONName("belief_verbs")
	keyBytes               = newJSONName("bytes")
	keyCategories          = newJSONName("categories")
	keyCategory            = newJSONName("category")
	keyColumn              = newJSONName("column")
	keyContent             = newJSONName("content")
	keyCue                 = newJSONName("cue")
	keyDocuments           = newJSONName("documents")
	keyEnd                 = newJSONName("end")
	keyEndColumn           = newJSONName("end_column")
	keyEndLine             = newJSONName("end_line")
	keyError               = newJSONName("error")
	keyFiles               = newJSONName("files")
	keyFindings            = newJSONName("findings")
	keyNoProse             = newJSONName("no_prose")
	keyMetadata            = newJSONName("metadata")
	keyForm                = newJSONName("form")
	keyFormat              = newJSONName("format")
	keyID                  = newJSONName("id")
	keyInfo                = newJSONName("info")
	keyKind                = newJSONName("kind")
	keyLine                = newJSONName("line")
	keyLoadedStatements    = newJSONName("loaded_statements")
	keyLoadedVerbs         = newJSONName("loaded_verbs")
	keyMention             = newJSONName("mention")
	keyMentions            = newJSONName("mentions")
	keyMessage             = newJSONName("message")
	keyName                = newJSONName("name")
	keyNamedSources        = newJSONName("named_sources")
	keyNeutralVerbs        = newJSONName("neutral_verbs")
	keyOrigin              = newJSONName("origin")
	keyPath                = newJSONName("path")
	keyProvenance          = newJSONName("provenance")
	keyQuotedVoice         = newJSONName("quoted_voice")
	keyRole                = newJSONName("role")
	keyRubric              = newJSONName("rubric")
	keyRule                = newJSONName("rule")
	keySchemaVersion       = newJSONName("schema_version")
	keySeverity            = newJSONName("severity")
	keySource              = newJSONName("source")
	keySources             = newJSONName("sources")
	keyStart               = newJSONName("start")
	keyStatements          = newJSONName("statements")
	keySuggestion          = newJSONName("suggestion")
	keySummary             = newJSONName("summary")
	keySuppressed          = newJSONName("suppressed")
	keyText                = newJSONName("text")
	keyTone                = newJSONName("tone")
	keyTool                = newJSONName("tool")
	keyTotal               = newJSONName("total")
	keyUnsourcedStatements = newJSONName("unsourced_statements")
	keyVagueSources        = newJSONName("vague_sources")
	keyVenue               = newJSONName("venue")
	keyVenues              = newJSONName("venues")
	keyVerb                = newJSONName("verb")
	keyVerbs               = newJSONName("verbs")
	keyVersion             = newJSONName("version")
	keyVoice               = newJSONName("voice")
	keyReportedBy          = newJSONName("reported_by")
	keySecondOpinion       = newJSONName("second_opinion")
	keyWarning             = newJSONName("warning")
	keyWriterSentences     = newJSONName("writer_sentences")
	keyWriterVoice         = newJSONName("writer_voice")
)

// jsonKey appends the name of an object's member at depth d: what k holds for d, without
// its comma when the member is the object's first.
func jsonKey(b []byte, d int, first bool, k *jsonName) []byte {
	s := k[d]
	if first {
		s = s[1:]
	}
	return append(b, s...)
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

func jsonInt(b []byte, d int, first bool, k *jsonName, v int) []byte {
	return appendJSONInt(jsonKey(b, d, first, k), v)
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
	// Made room for and written in place: appending n bytes of anything would copy them
	// with a call to memmove.
	b = slices.Grow(b, n)
	b = b[:len(b)+n]
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

func jsonString(b []byte, d int, first bool, k *jsonName, v string) []byte {
	return appendJSONString(jsonKey(b, d, first, k), v)
}

// jsonSafe[c] says the ASCII byte c stands for itself in a JSON string.
var jsonSafe = func() (safe [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\'
	}
	return safe
}()

const jsonHex = "0123456789abcdef"

// jsonPlain8 reports whether the 8 bytes of w are all safe ASCII (jsonSafe), so that
// appendJSONString can pass over them at once: most of what it writes is, and a byte at a
// time made escaping a fifth of BenchmarkJSON's time. It tests the bytes together, with the
// borrows of subtraction: the top bit of a byte of w-0x2020… is set when the byte is below
// 0x20, of (w^0x2222…)-0x0101… when it is '"', and so on, in the lowest byte that is so (a
// borrow may set it in the bytes above too, which only sends them to the slow path).
func jsonPlain8(w uint64) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	return (w|(w-ones*' ')|(w^ones*'"'-ones)|(w^ones*'\\'-ones))&tops == 0
}

// appendJSONString appends s quoted as encoding/json quotes a string without HTML
// escaping: \" \\ \b \f \n \r \t, other control characters as \u00XX, U+2028 and U+2029 as
// \u2028 and \u2029, and each byte of invalid UTF-8 as \ufffd.
func appendJSONString[S string | []byte](b []byte, s S) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) {
			// Loaded here, not in a function of s, so that the loop calls nothing: Go
			// inlines no call from a generic function to another.
			t := s[i : i+8]
			if !jsonPlain8(uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
				uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56) {
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
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
	b = jsonString(b, d, true, keyName, doc.Name)
	b = jsonString(b, d, false, keyFormat, doc.Format.String())
	b = jsonInt(b, d, false, keyBytes, len(doc.Source))
	if Unread(doc) != "" {
		b = jsonKey(b, d, false, keyNoProse)
		b = append(b, "true"...)
	}
	if m := rep.Metadata; m != nil && !m.IsZero() {
		b = jsonKey(b, d, false, keyMetadata)
		b = appendJSONValue(b, d, m)
	}
	b = jsonKey(b, d, false, keyFindings)
	if rep.SecondOpinion != nil {
		b = appendJSONFindingsWithModel(b, d, rep)
	} else {
		b = appendJSONFindings(b, d, doc, rep.Findings, newReportIndex(rep.Provenance), flush)
	}
	b = jsonKey(b, d, false, keySummary)
	b = appendJSONSummary(b, d, rep.Findings)
	if p := rep.Provenance; p != nil {
		// NewJSON makes Sources and Attributions empty, not nil; omitempty leaves them out.
		if len(p.Sources) > 0 {
			b = jsonKey(b, d, false, keySources)
			b = appendJSONSources(b, d, doc, p.Sources, flush)
		}
		if len(p.Attributions) > 0 {
			b = jsonKey(b, d, false, keyAttributions)
			b = appendJSONAttributions(b, d, doc, p.Attributions, flush)
		}
		b = jsonKey(b, d, false, keyProvenance)
		b = appendJSONProvenance(b, d, p.Count(doc))
	}
	if so := rep.SecondOpinion; so != nil {
		b = jsonKey(b, d, false, keySecondOpinion)
		b = appendJSONValue(b, d, jsonSecondOpinion(doc, so))
	}
	if len(suppressed) > 0 {
		b = jsonKey(b, d, false, keySuppressed)
		b = appendJSONFindings(b, d, doc, suppressed, reportIndex{}, flush)
	}
	return jsonClose(b, d-1, '}')
}

// appendJSONFindings appends the findings as an array at depth d: never null.
func appendJSONFindings(b []byte, d int, doc *prose.Document, fs []annotate.Finding, reports reportIndex, flush jsonFlush) []byte {
	if len(fs) == 0 {
		return append(b, '[', ']')
	}
	starts := newLineCursor(doc)
	b = append(b, '[')
	for i := range fs {
		b = flushFull(b, flush)
		f := &fs[i]
		line, col := starts.at(f.Span.Start)
		// The end from the start, over the finding's text alone: a cursor of the ends
		// would walk the document again.
		ends := starts
		endLine, endCol := ends.at(f.Span.End)
		b = jsonElem(b, d+1, i)
		b = append(b, '{')
		b = appendJSONFinding(b, d+2, f, reports.reportedBy(*f), line, col, endLine, endCol)
		b = jsonClose(b, d+1, '}')
	}
	return jsonClose(b, d, ']')
}

// appendJSONFinding appends the members of a JSONFinding at depth d.
func appendJSONFinding(b []byte, d int, f *annotate.Finding, reportedBy, line, col, endLine, endCol int) []byte {
	b = jsonString(b, d, true, keyRule, f.Rule.ID)
	b = jsonString(b, d, false, keyCategory, f.Rule.Category)
	b = jsonString(b, d, false, keySeverity, string(f.Severity))
	b = jsonString(b, d, false, keyVoice, string(f.Voice))
	if reportedBy > 0 {
		b = jsonInt(b, d, false, keyReportedBy, reportedBy)
	}
	b = jsonString(b, d, false, keyMessage, f.Message)
	if f.Suggestion != "" {
		b = jsonString(b, d, false, keySuggestion, f.Suggestion)
	}
	b = jsonInt(b, d, false, keyStart, f.Span.Start)
	b = jsonInt(b, d, false, keyEnd, f.Span.End)
	b = jsonInt(b, d, false, keyLine, line)
	b = jsonInt(b, d, false, keyColumn, col)
	b = jsonInt(b, d, false, keyEndLine, endLine)
	b = jsonInt(b, d, false, keyEndColumn, endCol)
	b = jsonString(b, d, false, keyText, f.Text)
	return jsonString(b, d, false, keyOrigin, "rubric")
}

// appendJSONSummary appends Summarize(fs) as an object at depth d.
func appendJSONSummary(b []byte, d int, fs []annotate.Finding) []byte {
	var small [16]CategoryCounts
	s := summarize(fs, small[:0])
	b = append(b, '{')
	b = jsonKey(b, d+1, true, keyCategories)
	if len(s.Categories) == 0 {
		b = append(b, "[]"...)
	} else {
		b = append(b, '[')
		for i, c := range s.Categories {
			b = jsonElem(b, d+2, i)
			b = append(b, '{')
			b = jsonString(b, d+3, true, keyCategory, c.Name)
			b = appendJSONCounts(b, d+3, false, c.Counts)
			b = jsonClose(b, d+2, '}')
		}
		b = jsonClose(b, d+1, ']')
	}
	b = jsonKey(b, d+1, false, keyTotal)
	b = append(b, '{')
	b = appendJSONCounts(b, d+2, true, s.Total)
	b = jsonClose(b, d+1, '}')
	b = jsonInt(b, d+1, false, keyWriterVoice, s.Writer)
	b = jsonInt(b, d+1, false, keyQuotedVoice, s.Quoted)
	return jsonClose(b, d, '}')
}

// appendJSONCounts appends the members of Counts at depth d.
func appendJSONCounts(b []byte, d int, first bool, c Counts) []byte {
	b = jsonInt(b, d, first, keyInfo, c.Info)
	b = jsonInt(b, d, false, keyWarning, c.Warning)
	return jsonInt(b, d, false, keyError, c.Error)
}

// appendJSONSpan appends the JSONSpan of s as an object whose members are at depth d.
func appendJSONSpan(b []byte, d int, c *lineCursor, s prose.Span) []byte {
	line, col := c.at(s.Start)
	b = append(b, '{')
	b = jsonInt(b, d, true, keyStart, s.Start)
	b = jsonInt(b, d, false, keyEnd, s.End)
	b = jsonInt(b, d, false, keyLine, line)
	b = jsonInt(b, d, false, keyColumn, col)
	b = jsonKey(b, d, false, keyText)
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
func appendJSONSources(b []byte, d int, doc *prose.Document, sources []*provenance.Source, flush jsonFlush) []byte {
	mentions := newLineCursor(doc)
	b = append(b, '[')
	for i, s := range sources {
		b = flushFull(b, flush)
		b = jsonElem(b, d+1, i)
		b = append(b, '{')
		m := d + 2 // the source's members
		b = jsonInt(b, m, true, keyID, s.ID)
		b = jsonString(b, m, false, keyKind, string(s.Kind))
		b = jsonString(b, m, false, keyName, s.Name)
		if s.Role != "" {
			b = jsonString(b, m, false, keyRole, s.Role)
		}
		b = jsonKey(b, m, false, keyVerbs)
		b = appendJSONStrings(b, m, s.Verbs)
		b = jsonInt(b, m, false, keyStatements, s.Statements)
		b = jsonInt(b, m, false, keyLoadedStatements, s.Loaded)
		if len(s.Venues) > 0 {
			b = jsonKey(b, m, false, keyVenues)
			b = appendJSONStrings(b, m, s.Venues)
		}
		b = jsonKey(b, m, false, keyMentions)
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
func appendJSONAttributions(b []byte, d int, doc *prose.Document, ats []provenance.Attribution, flush jsonFlush) []byte {
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
		b = jsonInt(b, m, true, keySource, id)
		b = jsonString(b, m, false, keyForm, string(at.Form))
		b = jsonString(b, m, false, keyVerb, at.Verb)
		b = jsonString(b, m, false, keyTone, string(at.Tone))
		if at.Venue != "" {
			b = jsonString(b, m, false, keyVenue, at.Venue)
		}
		b = jsonKey(b, m, false, keyCue)
		b = appendJSONSpan(b, m+1, &cues, at.Cue)
		if at.Mention.Len() > 0 {
			b = jsonKey(b, m, false, keyMention)
			b = appendJSONSpan(b, m+1, &mentions, at.Mention)
		}
		if at.Content.Len() > 0 {
			b = jsonKey(b, m, false, keyContent)
			b = appendJSONSpan(b, m+1, &contents, at.Content)
		}
		b = jsonClose(b, d+1, '}')
	}
	return jsonClose(b, d, ']')
}

// appendJSONProvenance appends the JSONProvenance of c as an object at depth d.
func appendJSONProvenance(b []byte, d int, c provenance.ProvenanceCounts) []byte {
	b = append(b, '{')
	b = jsonInt(b, d+1, true, keyWriterSentences, c.ClaimSentences)
	b = jsonInt(b, d+1, false, keyAttributedSentences, c.AttributedSentences)
	b = jsonInt(b, d+1, false, keyNamedSources, c.Named)
	b = jsonInt(b, d+1, false, keyAnonymousSources, c.Anonymous)
	b = jsonInt(b, d+1, false, keyVagueSources, c.Vague)
	b = jsonInt(b, d+1, false, keyUnsourcedStatements, c.Unsourced)
	b = jsonInt(b, d+1, false, keyNeutralVerbs, c.NeutralVerbs)
	b = jsonInt(b, d+1, false, keyLoadedVerbs, c.LoadedVerbs)
	b = jsonInt(b, d+1, false, keyBeliefVerbs, c.BeliefVerbs)
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
	doc            *prose.Document
	off, line, col int // the last offset asked for and its position
}

func newLineCursor(doc *prose.Document) lineCursor {
	return lineCursor{doc: doc, off: 0, line: 1, col: 1}
}

// cursorJump is the distance beyond which the cursor asks Document.LineColumn.
const cursorJump = 16 << 10

func (c *lineCursor) at(off int) (line, col int) {
	src := c.doc.Source
	off = min(max(off, 0), len(src)) // as LineColumn does
	switch {
	case off == c.off:
	case off-c.off > cursorJump || c.off-off > cursorJump:
		// Far away (the first mention of a source after its last, in a long paragraph):
		// the document's own index is quicker than counting the characters in between.
		c.line, c.col = c.doc.LineColumn(off)
	case off > c.off:
		gap := src[c.off:off]
		if bytes.IndexByte(gap, '\n') >= 0 {
			nl := lastNewline(gap)
			c.line += 1 + bytes.Count(gap[:nl], []byte{'\n'})
			c.col = 1 + runeCount(gap[nl+1:])
		} else if utf8.RuneStart(gap[0]) {
			c.col += runeCount(gap)
		} else {
			c.line, c.col = c.doc.LineColumn(off)
		}
	default:
		if gap := src[off:c.off]; utf8.RuneStart(gap[0]) && bytes.IndexByte(gap, '\n') < 0 {
			c.col -= runeCount(gap)
		} else {
			c.line, c.col = c.doc.LineColumn(off)
		}
	}
	c.off = off
	return c.line, c.col
}

// lastNewline is bytes.LastIndexByte(p, '\n'), but tests 8 bytes at a time where
// LastIndexByte tests one: it finds the start of a line from its end, over the column of
// the offset asked for, which can be long in a paragraph.
func lastNewline(p []byte) int {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	i := len(p)
	for i >= 8 {
		// A byte of x is 0 where p has a new line; then and only then does
		// (x-ones)&^x&tops have a bit set (in the lowest such byte, and maybe above).
		x := binary.LittleEndian.Uint64(p[i-8:i]) ^ ones*'\n'
		if (x-ones)&^x&tops != 0 {
			break
		}
		i -= 8
	}
	for i--; i >= 0 && p[i] != '\n'; i-- {
	}
	return i
}

// runeCount is utf8.RuneCount(p), but passes over ASCII 8 bytes at a time where RuneCount
// takes one, and after a first non-ASCII character decodes every byte: it counts the
// columns of the long lines of paragraphs, which are nearly all ASCII.
func runeCount(p []byte) int {
	n := 0
	for i := 0; i < len(p); {
		for i+8 <= len(p) && binary.LittleEndian.Uint64(p[i:])&0x8080808080808080 == 0 {
			i += 8
			n += 8
		}
		if i == len(p) {
			break
		}
		if p[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRune(p[i:])
			i += size
		}
		n++
	}
	return n
}

// jsonFormat is the JSON output, for programs: every finding with byte offsets, lines and
// columns, every source and attribution.
var jsonFormat = Format{
	Name:     "json",
	Help:     "findings with byte offsets, sources and attributions, for programs",
	New:      func(o Options) Renderer { return &jsonRenderer{opts: o} },
	Metadata: true,
}

// jsonRenderer writes what encoding/json makes of NewJSON's structs, one document at a time
// (see the top of this file). The header's rubric names every rubric of the run
// (JSONRubricFor); a run left partly unchecked has a "not_checked" member after
// "documents" naming the inputs not checked.
type jsonRenderer struct{ opts Options }

func (r *jsonRenderer) Begin(w io.Writer) error {
	b := appendJSONHeadFor(nil, JSONRubricFor(r.opts.Rubrics), r.opts.Version)
	_, err := w.Write(append(b, '['))
	return err
}

func (r *jsonRenderer) Separator() string { return "," }

// Document writes the document on a new line, indented as JSON indents it. Into a
// bytes.Buffer it is appended whole; into any other writer it is written a piece at a time,
// so that a large document's JSON, several times its size, is never held whole.
func (r *jsonRenderer) Document(w io.Writer, rep Report, _ int) error {
	newLine := jsonIndent[:1+2*2]
	if buf, ok := w.(*bytes.Buffer); ok {
		// Grown once, so that the document is appended in place, its size estimated once.
		buf.Grow(len(newLine) + jsonObjectSize(rep))
		b := append(buf.AvailableBuffer(), newLine...)
		buf.Write(appendJSONDocument(b, rep, rep.Suppressed, nil))
		return nil
	}
	return writeJSONDocument(w, rep, []byte(newLine))
}

func (r *jsonRenderer) End(w io.Writer, end Ending) error {
	b := []byte("]")
	if end.Parts > 0 {
		b = []byte("\n  ]")
	}
	if len(end.NotChecked) > 0 {
		names, err := json.Marshal(end.NotChecked)
		if err != nil {
			return err
		}
		b = append(append(b, ",\n  \"not_checked\": "...), names...)
	}
	_, err := w.Write(append(b, "\n}\n"...))
	return err
}

// JSONRubricFor is the JSON header's rubric for documents checked under rubrics: their
// names, sorted, each once, joined by "; ", and the files they were composed from, each once,
// in order of first use (nil for none).
func JSONRubricFor(rubrics []*rubrics.Rubric) JSONRubric {
	var (
		r     JSONRubric
		names []string
	)
	seen := map[JSONRubricID]bool{}
	for _, rubric := range rubrics {
		names = append(names, rubric.Name())
		for _, m := range rubric.Meta {
			if id := (JSONRubricID{Name: m.Name, Version: m.Version, Path: m.Path}); !seen[id] {
				seen[id] = true
				r.Files = append(r.Files, id)
			}
		}
	}
	slices.Sort(names)
	r.Name = strings.Join(slices.Compact(names), "; ")
	return r
}
