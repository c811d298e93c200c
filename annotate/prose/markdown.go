package prose

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/slant-news/slant/internal/workcount"
)

// Skipped is put into a block's text where markup that is not prose (inline code, raw HTML,
// an image, an autolink) stood, so that no phrase or sentence is matched across it.
const Skipped = '\x1a'

// maxNesting is the deepest nesting of block quotes and lists slant parses as Markdown. A
// block quote or list deeper than this is not opened: its marker (">", "-", "1.") is read as
// text of the paragraph around it, and the document gets a warning. goldmark's work on a line
// grows with the square of the containers it continues (each one counts the line's columns
// from its start again, or scans its indentation again), so 10,000 levels took over ten
// minutes for 100 MB. News is nested a few levels at most; an e-mail thread quoted in full,
// a few dozen. The work on a deep line grows with this cap: a list nested 100 levels costs
// 0.5-0.75 s a MB, 32 levels 0.08-0.11 s.
const maxNesting = 32

// markdownParser is goldmark's CommonMark parser (goldmark.DefaultParser) with its block
// quote and list parsers held to maxNesting.
var markdownParser = parser.NewParser(
	parser.WithBlockParsers(nestingCapped(parser.DefaultBlockParsers())...),
	parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	parser.WithParagraphTransformers(util.Prioritized(paragraphSplitter{}, 50)),
)

// maxParagraphLines is the most lines of one paragraph goldmark parses inline as one. goldmark
// finds the line of a link's label by a scan from the paragraph's last line back
// (text.blockReader.Value), so a paragraph of many lines with many brackets costs their
// product: a paragraph of 64,000 footnote definitions ("[^1]: ..."), 5 MB, took minutes.
// goldmark's taking out the link reference definitions at a paragraph's start costs as much
// again for each ("[a]: /url" a line: 1 MB took 8 s). A longer paragraph is parsed in parts,
// cut after a line that ends a sentence or before one that starts with "[" where one is
// near, and slant reads the parts as one block again; only markup that spans a cut
// (emphasis, a link, inline code or a link reference definition over two lines there)
// reads otherwise.
const maxParagraphLines = 1000

// splitPartsKey holds, in a parse's context, the set of the source offsets where the parts
// paragraphSplitter cut from the paragraph before them start (tight lists turn paragraphs
// into text blocks afterwards, so a node cannot carry the mark).
var splitPartsKey = parser.NewContextKey()

// paragraphSplitter cuts a paragraph longer than maxParagraphLines into parts. It runs before
// goldmark's LinkReferenceParagraphTransformer, and runs that on the parts in their order as
// long as each is wholly definitions, as it would have run on the whole.
type paragraphSplitter struct{}

// Transform cuts the paragraph into sibling paragraphs, noting the later ones in splitPartsKey,
// and takes the link reference definitions out of their start.
func (paragraphSplitter) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() <= maxParagraphLines {
		return
	}
	src := reader.Source()
	all := lines.Sliced(0, lines.Len())
	var (
		part  *ast.Paragraph
		parts []*ast.Paragraph
	)
	for start := 0; start < len(all); {
		end := min(start+maxParagraphLines, len(all))
		if end < len(all) {
			for k := end; k > start+maxParagraphLines/2; k-- {
				if endsSentence(src[all[k-1].Start:all[k-1].Stop]) || startsBracket(src[all[k].Start:all[k].Stop]) {
					end = k
					break
				}
			}
		}
		if part == nil {
			part = node
		} else {
			next := ast.NewParagraph()
			node.Parent().InsertAfter(node.Parent(), part, next)
			part = next
		}
		segs := text.NewSegments()
		for _, seg := range all[start:end] {
			// As goldmark's paragraph parser does when it closes a paragraph (which may be
			// after this runs).
			segs.Append(seg.TrimLeftSpace(src))
		}
		part.SetLines(segs)
		parts = append(parts, part)
		if part != node {
			pc.ComputeIfAbsent(splitPartsKey, func() any { return map[int]bool{} }).(map[int]bool)[segs.At(0).Start] = true
		}
		start = end
	}
	workcount.Add(len(all))
	for _, part := range parts {
		parser.LinkReferenceParagraphTransformer.Transform(part, reader, pc)
		if part.Parent() != nil {
			break // lines are left that are no definition: the definitions end here
		}
	}
}

// startsBracket reports whether a paragraph's line starts with "[", after at most three
// spaces: a link reference definition may.
func startsBracket(line []byte) bool {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	return i < len(line) && line[i] == '['
}

// endsSentence reports whether a paragraph's line ends a sentence: ".", "!" or "?", perhaps
// followed by closing quotation marks or brackets, and no trailing spaces (a hard break).
func endsSentence(line []byte) bool {
	line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
	line = bytes.TrimRight(line, "\"')]”’")
	return len(line) > 0 && bytes.IndexByte([]byte(".!?"), line[len(line)-1]) >= 0
}

// nestingCapped wraps the block quote and list parsers of ps in cappedParser. (A list item
// opens only in a list, so capping lists caps items.)
func nestingCapped(ps []util.PrioritizedValue) []util.PrioritizedValue {
	containers := []reflect.Type{
		reflect.TypeOf(parser.NewBlockquoteParser()),
		reflect.TypeOf(parser.NewListParser()),
	}
	out := slices.Clone(ps)
	for i, p := range out {
		if slices.Contains(containers, reflect.TypeOf(p.Value)) {
			out[i].Value = cappedParser{p.Value.(parser.BlockParser)}
		}
	}
	return out
}

// tooDeepKey holds, in a parse's context, the source offset where a container was first
// refused for being nested deeper than maxNesting.
var tooDeepKey = parser.NewContextKey()

// cappedParser is a block parser of containers (block quotes, lists) that opens none deeper
// than maxNesting.
type cappedParser struct{ parser.BlockParser }

// Open opens the container unless its parent is maxNesting containers deep already. There,
// it asks the parser whether it would open one, to warn; a block quote's markers (">", with
// the deeper ones after it) are then passed over, so that the text after them reads as part
// of the paragraph at the cap, and a list's marker is left to be read as text.
func (c cappedParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if nesting(parent) < maxNesting {
		return c.BlockParser.Open(parent, reader, pc)
	}
	line, seg := reader.Position()
	n, _ := c.BlockParser.Open(parent, reader, pc)
	if n == nil {
		return nil, parser.NoChildren
	}
	if pc.Get(tooDeepKey) == nil {
		pc.Set(tooDeepKey, seg.Start+max(pc.BlockOffset(), 0))
	}
	if n.Kind() != ast.KindBlockquote {
		reader.SetPosition(line, seg)
		return nil, parser.NoChildren
	}
	// Pass the deeper markers by hand: the block quote parser counts the line's columns
	// from its start for each.
	rest, _ := reader.PeekLine()
	i, steps := 0, 0
	for {
		j := i
		for j < len(rest) && j-i < 3 && rest[j] == ' ' {
			j++
		}
		if j == len(rest) || rest[j] != '>' {
			break
		}
		i = j + 1
		if i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
			i++
		}
		steps++
	}
	workcount.Add(steps)
	reader.Advance(i)
	return nil, parser.NoChildren
}

// nesting counts the block quotes and lists that hold n, itself included, up to maxNesting.
func nesting(n ast.Node) int {
	d := 0
	for ; n != nil && d < maxNesting; n = n.Parent() {
		if k := n.Kind(); k == ast.KindBlockquote || k == ast.KindList {
			d++
		}
	}
	return d
}

// markdownBlocks parses src as CommonMark and returns its prose blocks: paragraphs and
// headings, inside lists and block quotes too. Code blocks, inline code, HTML, link
// destinations, images and front matter are left out; what remains maps back to exact source
// offsets.
//
// A block quote or list nested deeper than maxNesting is not opened, and the offset of the
// first such one is returned as tooDeep (else -1).
func markdownBlocks(src []byte) (blocks []Block, tooDeep, manyLinks int) {
	parseSrc := src
	if n := frontMatterLen(src); n > 0 {
		// Blank the front matter out in a copy of the same length, so offsets stay true.
		parseSrc = bytes.Clone(src)
		for i := 0; i < n; i++ {
			if parseSrc[i] != '\n' {
				parseSrc[i] = ' '
			}
		}
	}
	parseSrc, manyLinks = capLinkOpeners(parseSrc, src)
	var gaps lineGaps
	if dropBlankLines {
		parseSrc, gaps = dropRepeatedBlankLines(parseSrc)
	}
	pc := parser.NewContext()
	root := markdownParser.Parse(text.NewReader(parseSrc), parser.WithContext(pc))
	tooDeep = -1
	if at, ok := pc.Get(tooDeepKey).(int); ok {
		tooDeep = gaps.sourceOffset(at)
	}
	bb := blockBuilder{gaps: gaps} // reused from block to block
	splitParts, _ := pc.Get(splitPartsKey).(map[int]bool)
	// isSplitPart reports whether n is a part paragraphSplitter cut from the paragraph (or
	// text block) before it.
	isSplitPart := func(n ast.Node) bool {
		if n == nil || len(splitParts) == 0 || n.Lines().Len() == 0 {
			return false
		}
		k := n.Kind()
		p := n.PreviousSibling()
		return (k == ast.KindParagraph || k == ast.KindTextBlock) && p != nil &&
			(p.Kind() == ast.KindParagraph || p.Kind() == ast.KindTextBlock) && splitParts[n.Lines().At(0).Start]
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock:
			if !isSplitPart(n) {
				bb.text, bb.pieces = bb.text[:0], bb.pieces[:0]
			} else if k := len(bb.pieces); k > 0 && bb.text[len(bb.text)-1] != ' ' {
				// The part before ended in a hard line break, which goldmark drops at the end
				// of a paragraph: the space it reads as, at the first byte after the text.
				last := bb.pieces[k-1]
				if at := last.src + last.n; last.srcN == 0 && at < len(src) {
					bb.add(at, []byte{' '})
				}
			}
			bb.inlines(n, src)
			if isSplitPart(n.NextSibling()) {
				return ast.WalkSkipChildren, nil // the next part is of the same paragraph
			}
			if b, ok := bb.block(); ok {
				blocks = append(blocks, b)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return blocks, tooDeep, manyLinks
}

// maxLinkOpeners is the most "[" a line of Markdown may open links or images with.
// goldmark keeps a record of some hundred bytes for every "[" of a paragraph until it closes,
// and reads a link's destination to the end of its line when its parentheses never close, so
// a line of "[a](" repeated took time with the square of its length (128 KB: 9 s, 512 KB:
// 108 s) and one of "[" repeated a gigabyte for 4 MB. A news paragraph has a few links;
// beyond this many on one line, a "[" is parsed as a "." (in a copy, so the text slant reads
// is unchanged): the rest of the line's links are read as text. (A "." is punctuation, as "["
// is, so emphasis beside it is read alike, and means nothing else where it stands; a space at
// a line's end would be dropped with the "[" it stands for.)
const maxLinkOpeners = 64

// capLinkOpeners returns src, or a copy of it (made from parseSrc, which may already be one)
// in which no line has more than maxLinkOpeners "[", and the offset of the first "[" it
// changed, or -1.
func capLinkOpeners(parseSrc, src []byte) ([]byte, int) {
	first, n := -1, 0
	lineEnd := -1 // where the line of the last "[" counted ends
	for i := 0; ; {
		k := bytes.IndexByte(parseSrc[i:], '[')
		if k < 0 {
			break
		}
		at := i + k
		if at > lineEnd { // the first of a line
			n, lineEnd = 0, len(parseSrc)
			if nl := bytes.IndexByte(parseSrc[at:], '\n'); nl >= 0 {
				lineEnd = at + nl
			}
		}
		if n++; n > maxLinkOpeners {
			if first < 0 {
				first = at
				if len(src) > 0 && &parseSrc[0] == &src[0] {
					parseSrc = bytes.Clone(parseSrc)
				}
			}
			parseSrc[at] = '.'
		}
		i = at + 1
	}
	return parseSrc, first
}

// manyLinksWarning is the warning for a line of Markdown that opens more than maxLinkOpeners
// inline links.
func manyLinksWarning() string {
	return fmt.Sprintf("a line has more than %d \"[\" that may open links: from here, the rest of the line's links are read as text", maxLinkOpeners)
}

// tooDeepWarning is the warning for a Markdown document nested deeper than maxNesting.
func tooDeepWarning() string {
	return fmt.Sprintf("block quotes or lists nested more than %d deep: from here, deeper ones are read as part of the paragraph they are in (a list's marker as text)", maxNesting)
}

// dropBlankLines is whether markdownBlocks parses the source without its repeated blank
// lines: a variable so that tests can compare with the whole source.
var dropBlankLines = true

// dropRepeatedBlankLines returns src without the second and later blank lines of every run
// of them, and where they were. In CommonMark, one blank line means what many do (inside code
// and HTML blocks they are content, which slant does not read), but goldmark does work for
// every open container on every line: a list nested 32 levels and followed by a megabyte of
// blank lines took 64 records (1.5 KB) for each byte. src is returned itself when there is
// nothing to drop.
func dropRepeatedBlankLines(src []byte) ([]byte, lineGaps) {
	var (
		out       []byte
		gaps      lineGaps
		prevBlank bool
		kept      int // src[:kept] is in out (once out is made)
	)
	for pos := 0; pos < len(src); {
		end := len(src)
		if nl := bytes.IndexByte(src[pos:], '\n'); nl >= 0 {
			end = pos + nl + 1
		}
		blank := util.IsBlank(src[pos:end])
		if blank && prevBlank {
			if out == nil {
				out = make([]byte, 0, len(src))
			}
			out = append(out, src[kept:pos]...)
			kept = end
			gaps.at = append(gaps.at, len(out))
			gaps.dropped = append(gaps.dropped, end-len(out))
		}
		prevBlank = blank
		pos = end
	}
	if out == nil {
		return src, gaps
	}
	out = append(out, src[kept:]...)
	// Runs of dropped lines next to each other are one gap: keep the last record for an offset.
	return out, gaps.merged()
}

// lineGaps maps offsets in the source goldmark parsed back to the document's source, from
// which dropRepeatedBlankLines left lines out: from offset at[i] on, dropped[i] bytes had
// been left out before it. No text segment spans a gap (none spans a blank line).
type lineGaps struct{ at, dropped []int }

// merged keeps, of the records for one offset, the last (which counts them all).
func (g lineGaps) merged() lineGaps {
	n := 0
	for i := range g.at {
		if n > 0 && g.at[n-1] == g.at[i] {
			n--
		}
		g.at[n], g.dropped[n] = g.at[i], g.dropped[i]
		n++
	}
	return lineGaps{g.at[:n], g.dropped[:n]}
}

// sourceOffset maps an offset of the parsed source to the document's source.
func (g lineGaps) sourceOffset(off int) int {
	i := sort.SearchInts(g.at, off+1) - 1 // the last gap at or before off
	if i < 0 {
		return off
	}
	return off + g.dropped[i]
}

// blockBuilder gathers the text segments of one block's inline nodes.
type blockBuilder struct {
	text   []byte
	pieces []piece
	arena  []piece  // the finished blocks' pieces, one run each
	gaps   lineGaps // how the offsets of the source goldmark parsed map to the document's
}

func (bb *blockBuilder) inlines(parent ast.Node, src []byte) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			start := bb.gaps.sourceOffset(n.Segment.Start)
			stop := start + n.Segment.Len()
			bb.add(start, src[start:stop])
			if n.SoftLineBreak() || n.HardLineBreak() {
				// The line break becomes one space of text, mapped to the first byte after the
				// segment (the newline, or the spaces or backslash of a hard break).
				if stop < len(src) {
					bb.add(stop, []byte{' '})
				}
			}
		case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink, *ast.Image:
			if start, ok := firstByte(n); ok {
				bb.add(bb.gaps.sourceOffset(start), []byte{Skipped})
			}
		case *ast.String:
			// Only extensions produce String nodes, and they have no source position.
		default:
			bb.inlines(n, src)
		}
	}
}

func (bb *blockBuilder) add(src int, b []byte) {
	if len(b) == 0 {
		return
	}
	if n := len(bb.pieces); n > 0 {
		last := &bb.pieces[n-1]
		if last.srcN == 0 && last.src+last.n == src && last.text+last.n == len(bb.text) && b[0] != Skipped && b[0] != ' ' {
			last.n += len(b)
			bb.text = append(bb.text, b...)
			return
		}
	}
	bb.pieces = append(bb.pieces, piece{text: len(bb.text), src: src, n: len(b)})
	bb.text = append(bb.text, b...)
}

// addWhole adds text that stands for the srcN source bytes at src as a whole: a character
// reference, or a tag read as a space or a Skipped mark.
func (bb *blockBuilder) addWhole(src, srcN int, b []byte) {
	bb.pieces = append(bb.pieces, piece{text: len(bb.text), src: src, n: len(b), srcN: srcN})
	bb.text = append(bb.text, b...)
}

// block trims white space at both ends and returns the block, or false if it has no text.
func (bb *blockBuilder) block() (Block, bool) {
	start, end := 0, len(bb.text)
	for start < end && isSpaceByte(bb.text[start]) {
		start++
	}
	for end > start && isSpaceByte(bb.text[end-1]) {
		end--
	}
	if start == end {
		return Block{}, false
	}
	first := len(bb.arena)
	for _, p := range bb.pieces {
		s, e := max(start, p.text), min(end, p.text+p.n)
		if s < e {
			sp := p.srcSpan(s, e)
			bb.arena = append(bb.arena, piece{text: s - start, src: sp.Start, n: e - s, srcN: p.srcN})
		}
	}
	var pieces []piece
	if n := len(bb.arena); n > first {
		pieces = bb.arena[first:n:n]
	}
	return Block{Text: string(bb.text[start:end]), pieces: pieces}, true
}

// firstByte finds the parsed source's offset where an inline node without its own segment
// starts, from the segments of its descendants or, for raw HTML, its segments.
func firstByte(n ast.Node) (int, bool) {
	if raw, ok := n.(*ast.RawHTML); ok && raw.Segments.Len() > 0 {
		return raw.Segments.At(0).Start, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start, true
		}
		if s, ok := firstByte(c); ok {
			return s, true
		}
	}
	return 0, false
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// frontMatterLen returns the length of a YAML (---) or TOML (+++) front matter block at the
// start of src, including its closing line, or 0.
func frontMatterLen(src []byte) int {
	body := bytes.TrimPrefix(src, []byte("\ufeff"))
	bom := len(src) - len(body)
	var fence []byte
	switch {
	case bytes.HasPrefix(body, []byte("---\n")), bytes.HasPrefix(body, []byte("---\r\n")):
		fence = []byte("---")
	case bytes.HasPrefix(body, []byte("+++\n")), bytes.HasPrefix(body, []byte("+++\r\n")):
		fence = []byte("+++")
	default:
		return 0
	}
	pos := bytes.IndexByte(body, '\n') + 1
	for pos < len(body) {
		lineEnd := bytes.IndexByte(body[pos:], '\n')
		next := len(body)
		if lineEnd >= 0 {
			next = pos + lineEnd + 1
		}
		line := bytes.TrimRight(body[pos:next], "\r\n")
		if bytes.Equal(line, fence) || (fence[0] == '-' && bytes.Equal(line, []byte("..."))) {
			return bom + next
		}
		pos = next
	}
	return 0
}

// MarkdownCode returns the source ranges of Markdown code: inline code, fenced and indented code
// blocks. A comment there is shown as text, so it is no directive.
func MarkdownCode(src []byte) []Span {
	root := markdownParser.Parse(text.NewReader(src))
	var spans []Span
	addLines := func(n ast.Node) {
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			spans = append(spans, Span{seg.Start, seg.Stop})
		}
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			addLines(n)
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					spans = append(spans, Span{t.Segment.Start, t.Segment.Stop})
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	return spans
}
