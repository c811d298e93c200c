package annotate

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// skipped is put into a block's text where markup that is not prose (inline code, raw HTML,
// an image, an autolink) stood, so that no phrase or sentence is matched across it.
const skipped = '\x1a'

var markdownParser = goldmark.New().Parser()

// markdownBlocks parses src as CommonMark and returns its prose blocks: paragraphs and
// headings, inside lists and block quotes too. Code blocks, inline code, HTML, link
// destinations, images and front matter are left out; what remains maps back to exact source
// offsets.
func markdownBlocks(src []byte) []Block {
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
	root := markdownParser.Parse(text.NewReader(parseSrc))
	var blocks []Block
	var bb blockBuilder // reused from block to block
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindHeading, ast.KindTextBlock:
			bb.text, bb.pieces = bb.text[:0], bb.pieces[:0]
			bb.inlines(n, src)
			if b, ok := bb.block(); ok {
				blocks = append(blocks, b)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return blocks
}

// blockBuilder gathers the text segments of one block's inline nodes.
type blockBuilder struct {
	text   []byte
	pieces []piece
	arena  []piece // the finished blocks' pieces, one run each
}

func (bb *blockBuilder) inlines(parent ast.Node, src []byte) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			bb.add(n.Segment.Start, src[n.Segment.Start:n.Segment.Stop])
			if n.SoftLineBreak() || n.HardLineBreak() {
				// The line break becomes one space of text, mapped to the first byte after the
				// segment (the newline, or the spaces or backslash of a hard break).
				if at := n.Segment.Stop; at < len(src) {
					bb.add(at, []byte{' '})
				}
			}
		case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink, *ast.Image:
			if start, ok := firstByte(n, src); ok {
				bb.add(start, []byte{skipped})
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
		if last.srcN == 0 && last.src+last.n == src && last.text+last.n == len(bb.text) && b[0] != skipped && b[0] != ' ' {
			last.n += len(b)
			bb.text = append(bb.text, b...)
			return
		}
	}
	bb.pieces = append(bb.pieces, piece{text: len(bb.text), src: src, n: len(b)})
	bb.text = append(bb.text, b...)
}

// addWhole adds text that stands for the srcN source bytes at src as a whole: a character
// reference, or a tag read as a space or a skipped mark.
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

// firstByte finds the source offset where an inline node without its own segment starts,
// from the segments of its descendants or, for raw HTML, its segments.
func firstByte(n ast.Node, src []byte) (int, bool) {
	if raw, ok := n.(*ast.RawHTML); ok && raw.Segments.Len() > 0 {
		return raw.Segments.At(0).Start, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start, true
		}
		if s, ok := firstByte(c, src); ok {
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
