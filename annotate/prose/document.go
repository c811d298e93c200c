// Package prose is slant's document model: it reads a source (plain text, Markdown or HTML)
// into blocks of prose, their sentences and the quotations in them, each mapped back to
// exact bytes of the source. A Document is not changed after Parse, so any number of
// goroutines may read one at once.
//
// The source bytes are never changed. Everything refers to them by half-open byte ranges;
// lines and columns are computed only for display.
package prose

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math/bits"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/slant-news/slant/annotate/quote"
	"github.com/slant-news/slant/annotate/sentence"
)

// Span is a half-open range [Start, End) of byte offsets into a document's source.
type Span struct{ Start, End int }

// Len returns the number of bytes in s.
func (s Span) Len() int { return s.End - s.Start }

// MergeOverlapping returns spans sorted, with spans that share a byte merged into one
// (spans that only touch stay apart: a mark may end where the next begins; the SemEval-2020
// Task 11 scorer merges spans so too). Empty spans are dropped and duplicates collapse. The
// input is not modified.
func MergeOverlapping(spans []Span) []Span {
	out := make([]Span, 0, len(spans))
	for _, s := range spans {
		if s.End > s.Start {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.Start < merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// Overlaps reports whether s and t share at least one byte. An empty span overlaps nothing.
func (s Span) Overlaps(t Span) bool {
	return s.Start < t.End && t.Start < s.End && s.Start < s.End && t.Start < t.End
}

// Format is the syntax of a document's source.
type Format int

// The input formats.
const (
	FormatText     Format = iota // plain text: paragraphs separated by blank lines
	FormatMarkdown               // CommonMark: code, HTML, link URLs and front matter are not prose
	FormatHTML                   // an HTML page: the text of its paragraphs, headings, list items...
)

// String gives the format's flag name.
func (f Format) String() string {
	switch f {
	case FormatMarkdown:
		return "markdown"
	case FormatHTML:
		return "html"
	}
	return "text"
}

// ParseFormat turns a flag value ("text", "markdown", "html", "md", "txt", "htm") into a
// Format.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "text", "txt", "plain":
		return FormatText, nil
	case "markdown", "md":
		return FormatMarkdown, nil
	case "html", "htm":
		return FormatHTML, nil
	}
	return 0, fmt.Errorf("unknown input format %q (want text, markdown or html)", s)
}

// FormatForPath picks a format from a file name's extension: .md, .markdown, .mdown and .mkd
// are Markdown, .html, .htm and .xhtml HTML, anything else plain text.
func FormatForPath(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
		return FormatMarkdown
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	}
	return FormatText
}

// Document is a source text and what slant knows about its prose. It is not changed after
// Parse: many goroutines may read, annotate and analyse one at once (what they find is in
// the Result Analyze returns, not in the document).
type Document struct {
	Name   string // shown in positions: a path, or "<stdin>"
	Source []byte // the bytes as read; never modified
	Format Format
	Blocks []Block // prose blocks (paragraphs, headings, list items) in source order
	Quotes []Quote // quotations in order of their opening mark
	// Warnings name the parts of the source slant read otherwise than its format says (as
	// text, say, markup nested deeper than slant parses), each at the line and column where
	// the first such part starts: nothing is Skipped without one.
	Warnings []InputError

	lineStarts []int
	// runeMarks[k] is the number of characters in Source[:k*runeMarkEvery], kept when some
	// line is long (a paragraph without line breaks), so that a column there is counted from
	// the nearest mark rather than from the start of its line; nil otherwise.
	runeMarks []int
}

// Block is one paragraph of prose, or a part of one longer than 64 KB, cut between sentences
// (see DefaultMaxBlockText). Its Text is the prose with markup removed; every byte of Text maps
// back to one byte of the source, or, for an HTML character reference, to the whole
// reference.
type Block struct {
	Text      string
	Sentences []Span // byte ranges into Text
	pieces    []piece
	quoted    []Span // depth-0 quotation interiors, in Text offsets, sorted and disjoint
}

// piece maps Text[text:text+n] to Source[src:src+n], byte for byte; or, when srcN is not
// zero, to Source[src:src+srcN] as a whole: a character reference of HTML ("&rsquo;"),
// whose text is the character it stands for, is marked or left whole, never cut.
type piece struct{ text, src, n, srcN int }

// srcSpan returns the source range that holds the piece's text from s to e (within it).
func (p piece) srcSpan(s, e int) Span {
	if p.srcN > 0 {
		return Span{p.src, p.src + p.srcN}
	}
	return Span{p.src + s - p.text, p.src + e - p.text}
}

// SourceOffset maps an offset into b.Text to an offset into the document source. An offset
// inside a character reference's text maps to the end of the reference.
func (b *Block) SourceOffset(off int) int {
	p := b.pieceAt(off)
	if p.srcN > 0 && off > p.text {
		return p.src + p.srcN
	}
	return p.src + (off - p.text)
}

// SourceSpan maps the Text range [start, end) to the source range that holds it. Markup
// between the two ends (emphasis markers, a line break) is inside the result.
func (b *Block) SourceSpan(start, end int) Span {
	if end <= start {
		s := b.SourceOffset(start)
		return Span{s, s}
	}
	return Span{b.SourceOffset(start), b.pieceAt(end-1).srcSpan(end-1, end).End}
}

// pieceAt returns the piece that holds the Text offset off (the first for an offset before
// it, the last for one at the end).
func (b *Block) pieceAt(off int) piece {
	i := sort.Search(len(b.pieces), func(i int) bool { return b.pieces[i].text > off }) - 1
	return b.pieces[max(i, 0)]
}

// piecesIn returns the pieces that hold text of the Text range [start, end), found by
// binary search: a block of many lines has many pieces (two a line in Markdown), and a
// finding's range holds few of them.
func (b *Block) piecesIn(start, end int) []piece {
	i := sort.Search(len(b.pieces), func(i int) bool { return b.pieces[i].text+b.pieces[i].n > start })
	j := i + sort.Search(len(b.pieces)-i, func(k int) bool { return b.pieces[i+k].text >= end })
	return b.pieces[i:j]
}

// SourcePieces maps the Text range [start, end) to the source ranges that hold its prose,
// leaving out markup in between (and the markup a placeholder of Skipped markup stands for:
// a mark around it would cut its tag). Adjacent ranges are merged.
func (b *Block) SourcePieces(start, end int) []Span {
	return b.AppendSourcePieces(nil, start, end)
}

// placeholder reports whether p is the placeholder of Skipped Markdown markup (inline code,
// raw HTML), which stands for the first byte of the markup only: a mark around it would cut
// the markup. (An HTML page's Skipped element is mapped whole, and marked whole.)
func (b *Block) placeholder(p piece) bool {
	return p.srcN == 0 && p.n == 1 && b.Text[p.text] == Skipped
}

// AppendSourcePieces appends SourcePieces(start, end) to dst: the ranges appended are merged
// where adjacent, never with what dst held.
func (b *Block) AppendSourcePieces(dst []Span, start, end int) []Span {
	n := len(dst)
	for _, p := range b.piecesIn(start, end) {
		s, e := max(start, p.text), min(end, p.text+p.n)
		if s >= e || b.placeholder(p) {
			continue
		}
		sp := p.srcSpan(s, e)
		if m := len(dst); m > n && dst[m-1].End == sp.Start {
			dst[m-1].End = sp.End
			continue
		}
		dst = append(dst, sp)
	}
	return dst
}

// Verbatim reports whether the block's text is one run of the source, byte for byte (plain
// text without character references): a range of the text is then the source's.
func (b *Block) Verbatim() bool { return len(b.pieces) == 1 && b.pieces[0].srcN == 0 }

// QuotedSpans returns the interiors of the block's quotations at depth 0, as Text ranges,
// sorted and disjoint. The slice is the block's: it must not be changed.
func (b *Block) QuotedSpans() []Span { return b.quoted }

// Quoted reports whether the Text offset off lies inside a quotation.
func (b *Block) Quoted(off int) bool {
	i := sort.Search(len(b.quoted), func(i int) bool { return b.quoted[i].End > off })
	return i < len(b.quoted) && b.quoted[i].Start <= off
}

// Quote is a quotation, with its parts located both in block text and in the source.
type Quote struct {
	quote.Quote
	Source []Span // per part: the source span including its marks
}

// QuoteStart returns where quotation qi opens: the start of its first part.
func (d *Document) QuoteStart(qi int) int { return d.Quotes[qi].Parts[0].Start }

// QuoteEnd returns where quotation qi ends: the end of its last part.
func (d *Document) QuoteEnd(qi int) int {
	q := &d.Quotes[qi]
	return q.Parts[len(q.Parts)-1].End
}

// QuoteInner returns the source span of what quotation q quotes, from inside its opening mark
// to inside its closing one. Its parts may lie in several blocks (a quotation that runs on
// over paragraphs, or over the cut of a long paragraph): each is mapped through its own.
func (d *Document) QuoteInner(q *Quote) Span {
	first, last := q.Parts[0], q.Parts[len(q.Parts)-1]
	return Span{d.Blocks[first.Para].SourceOffset(first.InnerStart), d.Blocks[last.Para].SourceSpan(last.InnerStart, last.InnerEnd).End}
}

// InputError is a problem with an input document, at a line and column.
type InputError struct {
	Name         string
	Line, Column int
	Msg          string
}

// Error gives "name:line:col: message".
func (e *InputError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Name, e.Line, e.Column, e.Msg)
}

// Parse reads src as a document of the given format. It fails on binary input (a NUL byte)
// and on invalid UTF-8, naming the line and column of the first bad byte.
//
// The document keeps src as its Source, and its blocks' text is read from it in place, not
// copied: src must not be modified afterwards.
func Parse(name string, src []byte, format Format) (*Document, error) {
	return ParseWith(name, src, format, Options{})
}

// Options tune ParseWith. The zero value is what Parse uses.
type Options struct {
	// MaxBlockText is the longest paragraph read as one block, in bytes; a longer one is cut
	// between sentences (see DefaultMaxBlockText). Zero is the default; tests make it small
	// to exercise the cutting on short texts.
	MaxBlockText int
}

// ParseWith is Parse with options.
func ParseWith(name string, src []byte, format Format, opts Options) (*Document, error) {
	if opts.MaxBlockText <= 0 {
		opts.MaxBlockText = DefaultMaxBlockText
	}
	doc := &Document{Name: name, Source: src, Format: format, lineStarts: lineStarts(src)}
	doc.runeMarks = runeMarks(src, doc.lineStarts)
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := doc.LineColumn(i)
		return nil, &InputError{name, line, col, "binary file (NUL byte); slant reads UTF-8 text"}
	}
	if !utf8.Valid(src) {
		i := firstInvalidUTF8(src)
		line, col := doc.LineColumn(i)
		return nil, &InputError{name, line, col, fmt.Sprintf("invalid UTF-8 (byte 0x%02x)", src[i])}
	}
	switch format {
	case FormatMarkdown:
		var tooDeep, manyLinks int
		doc.Blocks, tooDeep, manyLinks = markdownBlocks(src)
		if manyLinks >= 0 {
			line, col := doc.LineColumn(manyLinks)
			doc.Warnings = append(doc.Warnings, InputError{name, line, col, manyLinksWarning()})
		}
		if tooDeep >= 0 {
			line, col := doc.LineColumn(tooDeep)
			doc.Warnings = append(doc.Warnings, InputError{name, line, col, tooDeepWarning()})
		}
	case FormatHTML:
		doc.Blocks = htmlBlocks(src)
	default:
		doc.Blocks = textBlocks(src)
	}
	doc.analyze(opts.MaxBlockText)
	return doc, nil
}

// analyze finds sentences and quotations, and marks quoted text.
func (d *Document) analyze(maxBlockText int) {
	// Every block's sentences, and then its quoted spans, are runs of one slice: a slice
	// that grows leaves the earlier runs valid in the array they were made in.
	spans := make([]Span, 0, len(d.Source)/64+len(d.Blocks))
	for i := range d.Blocks {
		b := &d.Blocks[i]
		start := len(spans)
		for _, s := range sentence.Split(b.Text) {
			spans = append(spans, Span{s.Start, s.End})
		}
		if len(spans) > start {
			b.Sentences = spans[start:len(spans):len(spans)]
		}
	}
	d.cutLongBlocks(maxBlockText)
	paras := make([]string, len(d.Blocks))
	for i := range d.Blocks {
		paras[i] = d.Blocks[i].Text
	}
	quotes := quote.Find(paras)
	if len(quotes) == 0 {
		return
	}
	d.Quotes = make([]Quote, 0, len(quotes))
	nparts := 0
	for _, q := range quotes {
		nparts += len(q.Parts)
	}
	sources := make([]Span, 0, nparts)
	quoted := make([][]Span, len(d.Blocks))
	for _, q := range quotes {
		dq := Quote{Quote: q}
		start := len(sources)
		for _, p := range q.Parts {
			b := &d.Blocks[p.Para]
			sources = append(sources, b.SourceSpan(p.Start, p.End))
			if q.Depth == 0 {
				quoted[p.Para] = append(quoted[p.Para], Span{p.InnerStart, p.InnerEnd})
			}
		}
		dq.Source = sources[start:len(sources):len(sources)]
		d.Quotes = append(d.Quotes, dq)
	}
	for i, q := range quoted {
		if len(q) == 0 {
			continue
		}
		// slices.SortFunc runs the same pdqsort as sort.Slice, which this replaced, without
		// its reflection; so spans with equal starts keep the order they had.
		slices.SortFunc(q, func(a, b Span) int { return cmp.Compare(a.Start, b.Start) })
		d.Blocks[i].quoted = q
	}
}

// lineStarts returns the offset of every line of src.
func lineStarts(src []byte) []int {
	starts := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for i := 0; ; {
		nl := bytes.IndexByte(src[i:], '\n')
		if nl < 0 {
			return starts
		}
		i += nl + 1
		starts = append(starts, i)
	}
}

// LineColumn returns the 1-based line and column (in characters) of a source byte offset.
func (d *Document) LineColumn(off int) (line, col int) {
	if d.lineStarts == nil { // a Document not made by Parse
		d.lineStarts = lineStarts(d.Source)
	}
	off = min(max(off, 0), len(d.Source))
	i := sort.Search(len(d.lineStarts), func(i int) bool { return d.lineStarts[i] > off }) - 1
	start := d.lineStarts[i]
	if d.runeMarks != nil && off-start > 2*runeMarkEvery && (off == len(d.Source) || utf8.RuneStart(d.Source[off])) {
		// Both ends start characters (a line starts after a new line), and the source is
		// valid UTF-8 (Parse made the marks): the characters between are the character
		// starts between.
		return i + 1, 1 + d.runeStartsBefore(off) - d.runeStartsBefore(start)
	}
	return i + 1, 1 + utf8.RuneCount(d.Source[start:off])
}

// runeMarkEvery is the distance in bytes between two of a Document's runeMarks.
const runeMarkEvery = 4096

// runeMarks returns the marks of a source with a line longer than two marks apart, or nil.
func runeMarks(src []byte, lineStarts []int) []int {
	long := false
	for i, start := range lineStarts {
		end := len(src)
		if i+1 < len(lineStarts) {
			end = lineStarts[i+1]
		}
		if end-start > 2*runeMarkEvery {
			long = true
			break
		}
	}
	if !long {
		return nil
	}
	marks := make([]int, 0, len(src)/runeMarkEvery+1)
	n := 0
	for k := 0; k*runeMarkEvery <= len(src); k++ {
		marks = append(marks, n)
		n += runeStarts(src[k*runeMarkEvery : min(len(src), (k+1)*runeMarkEvery)])
	}
	return marks
}

// runeStartsBefore returns the number of bytes that start a character in Source[:off].
func (d *Document) runeStartsBefore(off int) int {
	k := off / runeMarkEvery
	return d.runeMarks[k] + runeStarts(d.Source[k*runeMarkEvery:off])
}

// runeStarts counts the bytes of p that start a character (are not continuation bytes,
// 10xxxxxx), eight at a time: for valid UTF-8, utf8.RuneCount(p).
func runeStarts(p []byte) int {
	const tops = 0x8080808080808080
	n := len(p)
	i := 0
	for ; i+8 <= len(p); i += 8 {
		x := binary.LittleEndian.Uint64(p[i:])
		// A continuation byte has its top bit set and the next one clear.
		n -= bits.OnesCount64(x &^ (x << 1) & tops)
	}
	for ; i < len(p); i++ {
		if p[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// textBlocks splits plain text into paragraphs at blank lines. Each block's text is the
// paragraph exactly as in the source, leading and trailing white space trimmed.
func textBlocks(src []byte) []Block {
	text := unsafe.String(unsafe.SliceData(src), len(src)) // Parse's caller leaves src alone
	// About one block per blank line: room for them all, so that the slice rarely grows.
	n := bytes.Count(src, []byte("\n\n")) + 1
	blocks := make([]Block, 0, n)
	pieces := make([]piece, 0, n) // every block's one piece, in one slice
	start := -1                   // start of the current paragraph, or -1
	end := 0                      // end of its last non-blank line's content
	flush := func() {
		if start >= 0 {
			pieces = append(pieces, piece{text: 0, src: start, n: end - start})
			n := len(pieces)
			blocks = append(blocks, Block{Text: text[start:end], pieces: pieces[n-1 : n : n]})
			start = -1
		}
	}
	for pos := 0; pos < len(text); {
		nl := strings.IndexByte(text[pos:], '\n')
		lineEnd := len(text)
		next := len(text)
		if nl >= 0 {
			lineEnd = pos + nl
			next = lineEnd + 1
		}
		line := text[pos:lineEnd]
		content := strings.TrimLeft(line, " \t\r\f\v\ufeff")
		if strings.TrimRight(content, " \t\r\f\v") == "" {
			flush()
		} else {
			if start < 0 {
				start = lineEnd - len(content)
			}
			end = pos + len(strings.TrimRight(line, " \t\r\f\v"))
		}
		pos = next
	}
	flush()
	return blocks
}
