package prose

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// longParagraph is one paragraph of many sentences, some quoted over several sentences, with
// a stray quote mark near its end that never closes.
func longParagraph() string {
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "The council met on day %d to discuss the bridge. ", i)
		if i%3 == 0 {
			fmt.Fprintf(&b, "\"We cannot wait another year. The river does not wait either,\" the mayor said on day %d. ", i)
		}
		if i%5 == 0 {
			b.WriteString("Critics say the plan is a so-called \"bargain\" that nobody asked for. ")
		}
		if i == 36 {
			b.WriteString("One resident wrote \"enough, and more. ")
		}
	}
	b.WriteString("The vote is next week.")
	return b.String()
}

// parseCut parses text with paragraphs longer than maxBlockText bytes cut.
func parseCut(t *testing.T, text string, maxBlockText int) *Document {
	t.Helper()
	doc, err := ParseWith("long.txt", []byte(text), FormatText, Options{MaxBlockText: maxBlockText})
	require.NoError(t, err)
	return doc
}

func parseText(t *testing.T, text string) *Document {
	t.Helper()
	doc, err := Parse("long.txt", []byte(text), FormatText)
	require.NoError(t, err)
	return doc
}

// sourceSentences returns every sentence of doc as a source span.
func sourceSentences(doc *Document) []Span {
	var out []Span
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		for _, s := range b.Sentences {
			out = append(out, b.SourceSpan(s.Start, s.End))
		}
	}
	return out
}

func TestLongParagraphIsCutBetweenSentences(t *testing.T) {
	for _, text := range []string{
		longParagraph(),
		"Title of the piece\n\n" + longParagraph() + "\n\nA short paragraph after it.\n",
		// Line breaks inside the paragraph, as a text with paragraphs on single lines has.
		strings.ReplaceAll(longParagraph(), ". The council", ".\nThe council"),
	} {
		whole := parseText(t, text)
		cut := parseCut(t, text, 300)
		require.Greater(t, len(cut.Blocks), len(whole.Blocks)+5, "the long paragraph is cut")

		// Every block maps back to its bytes of the source, and only white space lies
		// between one block and the next.
		prevEnd := 0
		for i := range cut.Blocks {
			b := &cut.Blocks[i]
			assert.LessOrEqual(t, len(b.Text), 300, "block %d", i)
			span := b.SourceSpan(0, len(b.Text))
			assert.Equal(t, b.Text, string(cut.Source[span.Start:span.End]), "block %d", i)
			assert.Empty(t, strings.TrimSpace(string(cut.Source[prevEnd:span.Start])), "before block %d", i)
			assert.NotEmpty(t, b.Sentences, "block %d", i)
			prevEnd = span.End
		}
		assert.Empty(t, strings.TrimSpace(string(cut.Source[prevEnd:])))

		// The sentences are those of the paragraph whole, and every quotation that closes is
		// found as it was.
		assert.Equal(t, sourceSentences(whole), sourceSentences(cut))
		closed := func(doc *Document) (spans [][]Span) {
			for _, q := range doc.Quotes {
				if q.Closed {
					spans = append(spans, q.Source)
				}
			}
			return spans
		}
		assert.Equal(t, closed(whole), closed(cut))
		assert.Len(t, closed(cut), 14+8) // the mayor's words and "bargain"
	}
}

func TestStrayQuoteEndsWithItsBlock(t *testing.T) {
	text := longParagraph()
	stray := strings.Index(text, "\"enough")
	require.Positive(t, stray)
	cut := parseCut(t, text, 300)
	whole := parseText(t, text)
	find := func(doc *Document) Quote {
		for _, q := range doc.Quotes {
			if q.Source[0].Start == stray {
				return q
			}
		}
		t.Fatalf("no quotation opens at %d", stray)
		return Quote{}
	}
	assert.False(t, find(whole).Closed)
	assert.Equal(t, len(text), find(whole).Source[0].End, "whole, it runs to the end of the paragraph")
	q := find(cut)
	assert.Less(t, q.Source[0].End, len(text), "cut, it stops where its block does")
	assert.LessOrEqual(t, q.Source[0].End-stray, 300)
}

func TestLongSentenceIsNotCut(t *testing.T) {
	// One sentence longer than the limit stays whole; the sentences around it are cut off.
	long := "The committee listed " + strings.Repeat("one more item, ", 40) + "and then it adjourned."
	text := "It was a long day. " + long + " Nobody stayed for the vote."
	cut := parseCut(t, text, 100)
	require.Len(t, cut.Blocks, 3)
	assert.Equal(t, "It was a long day.", cut.Blocks[0].Text)
	assert.Equal(t, long, cut.Blocks[1].Text)
	assert.Equal(t, "Nobody stayed for the vote.", cut.Blocks[2].Text)
}

func TestCutMarkdownParagraphMapsToSource(t *testing.T) {
	// Inline markup is not part of a block's text: the pieces that map it to the source are
	// cut with it.
	text := strings.ReplaceAll(longParagraph(), "the bridge", "the *old* [bridge](https://example.org/b)")
	cut, err := ParseWith("long.md", []byte(text), FormatMarkdown, Options{MaxBlockText: 300})
	require.NoError(t, err)
	require.Greater(t, len(cut.Blocks), 5)
	for i := range cut.Blocks {
		b := &cut.Blocks[i]
		for k := range len(b.Text) {
			if c := b.Text[k]; c != Skipped {
				assert.Equal(t, c, cut.Source[b.SourceOffset(k)], "block %d byte %d", i, k)
			}
		}
		assert.NotContains(t, b.Text, "](", "block %d", i)
	}
}

func TestQuotationLongerThanABlockIsCut(t *testing.T) {
	// A quote mark left open early pairs with one far on: a "quotation" longer than a block
	// is taken for what it is, a mispairing, and does not stop the cuts.
	var b strings.Builder
	b.WriteString("The notice read \"closed for the season. ")
	for i := range 30 {
		fmt.Fprintf(&b, "Work on section %d went on through the night. ", i)
	}
	b.WriteString("Nobody came,\" the guard said. The gates stayed shut.")
	text := b.String()
	whole := parseText(t, text)
	require.Len(t, whole.Quotes, 1)
	require.True(t, whole.Quotes[0].Closed)
	cut := parseCut(t, text, 300)
	require.Greater(t, len(cut.Blocks), 3)
	for i := range cut.Blocks {
		assert.LessOrEqual(t, len(cut.Blocks[i].Text), 300, "block %d", i)
	}
	assert.Equal(t, sourceSentences(whole), sourceSentences(cut))
}

// proseIn returns the text of b that the source bytes [start, end) hold: what lies there
// besides markup (a cut may fall between a sentence and the emphasis marker that opens the
// next).
func proseIn(b *Block, start, end int) string {
	var out strings.Builder
	for _, p := range b.pieces {
		n := p.n
		if p.srcN > 0 {
			n = p.srcN
		}
		if p.src < end && start < p.src+n {
			if p.srcN > 0 {
				out.WriteString(b.Text[p.text : p.text+p.n])
				continue
			}
			from, to := max(start, p.src), min(end, p.src+p.n)
			out.WriteString(b.Text[p.text+from-p.src : p.text+to-p.src])
		}
	}
	return out.String()
}

// FuzzCutLongBlocks cuts the paragraphs of a text at 40 bytes and checks what must hold
// whatever the text: the sentences are those of the text uncut, every byte of a block is its
// byte of the source, and the blocks cut from a paragraph lie inside it, in order, with only
// white space and markup between them.
func FuzzCutLongBlocks(f *testing.F) {
	f.Add(longParagraph(), false)
	f.Add("A \"long quote. It goes on.\" Then a short one. And *more* [text](x) here. Done.", true)
	f.Add("0\n0", true) // a soft line break reads as a space
	f.Fuzz(func(t *testing.T, text string, markdown bool) {
		format := FormatText
		if markdown {
			format = FormatMarkdown
		}
		whole, err := Parse("f.txt", []byte(text), format)
		if err != nil {
			return // not UTF-8, or binary
		}
		cut, err := ParseWith("f.txt", []byte(text), format, Options{MaxBlockText: 40})
		require.NoError(t, err)
		if !slices.Equal(sourceSentences(whole), sourceSentences(cut)) {
			t.Fatalf("sentences differ:\nwhole %v\ncut   %v", sourceSentences(whole), sourceSentences(cut))
		}
		w, prevEnd := 0, -1 // the paragraph that holds the block; where the block before ended
		for i := range cut.Blocks {
			b := &cut.Blocks[i]
			for k := range len(b.Text) {
				c, s := b.Text[k], cut.Source[b.SourceOffset(k)]
				// Markup the block leaves out reads as a placeholder, and a line break in
				// Markdown as a space, mapped to the first byte after the line's text: the
				// white space that ends it, or a hard break's backslash.
				if c != Skipped && c != s && !(markdown && c == ' ' && strings.IndexByte(" \t\r\n\\", s) >= 0) {
					t.Fatalf("block %d byte %d is %q, the source has %q", i, k, c, s)
				}
			}
			span := b.SourceSpan(0, len(b.Text))
			for w < len(whole.Blocks) && whole.Blocks[w].SourceSpan(0, len(whole.Blocks[w].Text)).End <= span.Start {
				w, prevEnd = w+1, -1
			}
			require.Less(t, w, len(whole.Blocks), "block %d lies in no paragraph", i)
			para := whole.Blocks[w].SourceSpan(0, len(whole.Blocks[w].Text))
			if span.Start < para.Start || span.End > para.End {
				t.Fatalf("block %d %v is not inside paragraph %d %v", i, span, w, para)
			}
			if gap := proseIn(&whole.Blocks[w], prevEnd, span.Start); prevEnd >= 0 && strings.TrimSpace(gap) != "" {
				t.Fatalf("prose %q of the paragraph lies between block %d and the one before", gap, i)
			}
			prevEnd = span.End
		}
	})
}

// TestPiecesIn checks the binary search for a range's pieces against a scan of them all, in
// a Markdown block of many lines (two pieces a line) and one with emphasis and entities.
func TestPiecesIn(t *testing.T) {
	var src strings.Builder
	for i := range 40 {
		fmt.Fprintf(&src, "Line %d *of* the &amp; paragraph\n", i)
	}
	doc, err := Parse("x.md", []byte(src.String()), FormatMarkdown)
	require.NoError(t, err)
	require.Len(t, doc.Blocks, 1)
	b := &doc.Blocks[0]
	require.Greater(t, len(b.pieces), 80)
	for start := 0; start <= len(b.Text); start += 7 {
		for end := start + 1; end <= len(b.Text); end += 11 {
			var want []piece
			for _, p := range b.pieces {
				if max(start, p.text) < min(end, p.text+p.n) {
					want = append(want, p)
				}
			}
			got := b.piecesIn(start, end)
			if len(want) == 0 {
				require.Empty(t, got, "range %d-%d", start, end)
				continue
			}
			require.Equal(t, want, got, "range %d-%d", start, end)
		}
	}
}
