package prose

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/parser"
)

// TestMarkdownNestingCap checks that block quotes and lists are parsed to maxNesting levels,
// and that a deeper one is read as part of the paragraph it is in (a block quote without its
// markers, a list with its marker), with a warning at the first marker.
func TestMarkdownNestingCap(t *testing.T) {
	quotes := func(depth int) string { return strings.Repeat("> ", depth) }
	lists := func(depth int) string {
		var b strings.Builder
		for d := range depth {
			b.WriteString(strings.Repeat("  ", d) + "- item\n")
		}
		return b.String()
	}
	cases := []struct {
		name, src string
		last      string // the text of the last block
		warnAt    string // line:col of the warning, or ""
	}{
		{"quotes at the cap", quotes(maxNesting) + "Critics say it failed.\n", "Critics say it failed.", ""},
		{"quotes beyond it", quotes(maxNesting+2) + "Critics say it failed.\n", "Critics say it failed.", "1:65"},
		{"quotes beyond it, in a paragraph", quotes(maxNesting) + "First.\n" + quotes(maxNesting+1) + "Second.\n", "First. Second.", "2:65"},
		{"quotes beyond it, paragraphs", quotes(maxNesting+1) + "First.\n" + quotes(maxNesting+3) + "\n" + quotes(maxNesting+5) + ">>Second.\n", "Second.", "1:65"},
		{"lists at the cap", lists(maxNesting), "item", ""},
		{"lists beyond it", lists(maxNesting) + strings.Repeat("  ", maxNesting) + "- deeper\n", "item - deeper", "33:65"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Parse("deep.md", []byte(c.src), FormatMarkdown)
			require.NoError(t, err)
			require.NotEmpty(t, doc.Blocks)
			last := doc.Blocks[len(doc.Blocks)-1]
			assert.Equal(t, c.last, last.Text)
			// The text still maps to the source byte for byte.
			for i := range len(last.Text) {
				if last.Text[i] != ' ' {
					assert.Equal(t, last.Text[i], doc.Source[last.SourceOffset(i)], "offset %d", i)
				}
			}
			if c.warnAt == "" {
				assert.Empty(t, doc.Warnings)
				return
			}
			require.Len(t, doc.Warnings, 1)
			w := doc.Warnings[0]
			assert.Equal(t, "deep.md", w.Name)
			assert.Equal(t, c.warnAt, fmt.Sprintf("%d:%d", w.Line, w.Column))
			assert.Contains(t, w.Msg, "nested more than 32 deep")
		})
	}
}

// TestDropRepeatedBlankLines checks that parsing without the second and later blank lines of
// each run reads the same blocks, mapped to the same source bytes, as parsing them all: on
// the Markdown of testdata, on it with every blank line repeated, and on shapes where blank
// lines matter to CommonMark (list items, code, HTML, front matter).
func TestDropRepeatedBlankLines(t *testing.T) {
	inputs := map[string]string{
		"list items": "- a\n\n\n- b\n\n\n\n  still b\n\n\n  - c\n\n\n\n\n    c's own\n",
		"empty item": "-\n\n\n  foo\n\n-\n\n  bar\n",
		"code":       "```\ncode\n\n\n\nmore code\n```\n\n\n    indented\n\n\n\n    code\n\n\nProse.\n",
		"html":       "<div>\n\n\n*a*\n</div>\n\n<!--\n\n\n-->\n\n\nProse.\n",
		"spaces":     "A.\n  \n\t\n \r\n\nB.\r\n\r\n\r\nC.\n   \n   ",
		"front":      "---\ntitle: x\n\n\n---\n\n\n\nBody *text*.\n",
		"quotes":     "> a\n>\n>\n>\n> b\n\n\n> c\n\n\n\nlazy\n",
		"refs":       "[a]\n\n\n\n[a]: /url\n\n\n\"quoted\" [a] `code` <b>x</b>\n",
		"deep":       strings.Repeat("  ", 0) + "- a\n" + strings.Repeat("\n", 5) + "  - b\n\n\n\n" + strings.Repeat("> ", 40) + "deep\n\n\n" + strings.Repeat("> ", 40) + "again\n",
	}
	root := "../../testdata"
	require.NoError(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		inputs[path] = string(b)
		inputs[path+" with blank lines tripled"] = strings.ReplaceAll(string(b), "\n\n", "\n\n \n\t\n")
		return err
	}))
	require.Greater(t, len(inputs), 12)
	defer func() { dropBlankLines = true }()
	for name, src := range inputs {
		dropBlankLines = false
		want, wantDeep, _ := markdownBlocks([]byte(src))
		dropBlankLines = true
		got, gotDeep, _ := markdownBlocks([]byte(src))
		require.Equal(t, wantDeep, gotDeep, name)
		require.Equal(t, len(want), len(got), name)
		for i := range want {
			require.Equal(t, want[i].Text, got[i].Text, "%s: block %d", name, i)
			require.Equal(t, want[i].pieces, got[i].pieces, "%s: block %d", name, i)
		}
	}
	// Something was dropped where blank lines repeat.
	parsed, gaps := dropRepeatedBlankLines([]byte("a\n\n\n\nb\n \n\t\nc\n"))
	assert.Equal(t, "a\n\nb\n \nc\n", string(parsed))
	assert.Equal(t, lineGaps{at: []int{3, 7}, dropped: []int{2, 4}}, gaps)
	assert.Equal(t, len("a\n\n\n\n"), gaps.sourceOffset(len("a\n\n")))
	assert.Equal(t, len("a\n\n\n\nb\n \n\t\n"), gaps.sourceOffset(len("a\n\nb\n \n")))
}

// TestParagraphSplitter checks that a paragraph of more than maxParagraphLines lines, parsed
// in parts, reads as the same block, mapped to the same source bytes, as parsed whole: with
// lines that end sentences and lines that do not, in a block quote and in a list item, and
// of link reference definitions (a label defined twice, across a cut: the first wins),
// with prose after them or over two lines each.
func TestParagraphSplitter(t *testing.T) {
	lines := func(n int, line func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(line(i))
		}
		return b.String()
	}
	inputs := map[string]string{
		"sentences": "Before.\n\n" + lines(2500, func(i int) string {
			return fmt.Sprintf("Line %d says *this* and [a link](http://x/%d) with `code`.\n", i, i)
		}) + "\nAfter.\n",
		"footnote definitions": lines(2100, func(i int) string { return fmt.Sprintf("[^%d]: Officials said so on Monday.\n", i) }),
		"no sentence ends":     lines(3001, func(i int) string { return fmt.Sprintf("word [x] **bold** word %d\n", i) }),
		"hard breaks":          lines(2222, func(i int) string { return fmt.Sprintf("a line %d.  \n", i) }),
		"block quote":          lines(1500, func(i int) string { return fmt.Sprintf("> Quoted line %d \u201cends.\u201d\n", i) }),
		"list item":            "- " + lines(2000, func(i int) string { return fmt.Sprintf("  item line %d?\n", i) }),
		"definitions": lines(2500, func(i int) string { return fmt.Sprintf("[l%d]: /u%d\n", i%2400, i) }) +
			"\n[l1] [l2399] [l2400] *end*\n",
		"definitions, then prose": lines(1700, func(i int) string { return fmt.Sprintf("[l%d]: /u%d \"t\"\n", i, i) }) +
			lines(1500, func(i int) string { return fmt.Sprintf("[l%d] and [x]: y\n", i) }),
		"definitions over two lines": lines(1600, func(i int) string { return fmt.Sprintf("[l%d]:\n/u%d\n", i, i) }) +
			"\n[l0] [l1599]\n",
	}
	whole := parser.NewParser(
		parser.WithBlockParsers(nestingCapped(parser.DefaultBlockParsers())...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
	)
	split := markdownParser
	defer func() { markdownParser = split }()
	for name, src := range inputs {
		markdownParser = whole
		want, _, _ := markdownBlocks([]byte(src))
		markdownParser = split
		got, _, _ := markdownBlocks([]byte(src))
		require.Equal(t, len(want), len(got), name)
		for i := range want {
			if want[i].Text != got[i].Text {
				at := 0
				for at < min(len(want[i].Text), len(got[i].Text)) && want[i].Text[at] == got[i].Text[at] {
					at++
				}
				t.Fatalf("%s: block %d differs at %d: want %q, got %q", name, i, at, want[i].Text[max(at-40, 0):min(at+40, len(want[i].Text))], got[i].Text[max(at-40, 0):min(at+40, len(got[i].Text))])
			}
			require.True(t, slices.Equal(want[i].pieces, got[i].pieces), "%s: block %d: pieces differ", name, i)
		}
	}
}

// FuzzMarkdownBlocks checks, on any text, that every block's text maps to source bytes that
// hold it (line breaks and Skipped markup aside), and that leaving out repeated blank lines
// reads the same blocks.
func FuzzMarkdownBlocks(f *testing.F) {
	f.Add("a\n\n\n- b\n\n\n  c\n")
	f.Add(strings.Repeat("> ", 40) + "deep\n" + strings.Repeat(">", 50) + "\n\n\n> lazy\n")
	f.Add(strings.Repeat("  ", 20) + "- x\n" + strings.Repeat("\t", 20) + "- y\n\n\n\n")
	f.Add("*a*  \n[b](c)\n`d`\n<e>\n![f](g)\n&amp;\n")
	defer func() { dropBlankLines = true }()
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			t.Skip()
		}
		dropBlankLines = false
		want, _, _ := markdownBlocks([]byte(src))
		dropBlankLines = true
		got, _, _ := markdownBlocks([]byte(src))
		require.Equal(t, len(want), len(got))
		for i, b := range got {
			require.Equal(t, want[i].Text, b.Text)
			require.True(t, slices.Equal(want[i].pieces, b.pieces))
			for _, p := range b.pieces {
				require.True(t, p.src >= 0 && p.src+max(p.n, p.srcN) <= len(src), "piece %+v out of %d bytes", p, len(src))
				if p.srcN > 0 {
					continue
				}
				for k := range p.n {
					c, s := b.Text[p.text+k], src[p.src+k]
					// A line break reads as a space, at its newline or at the spaces or
					// backslash of a hard break; Skipped markup as one mark at its first byte.
					ok := c == s || c == ' ' && (isSpaceByte(s) || s == '\\') || c == Skipped
					require.True(t, ok, "text %q at %d, source %q", c, p.text+k, s)
				}
			}
		}
	})
}
