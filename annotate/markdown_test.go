package annotate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMarkdownNestingCap checks that block quotes and lists are parsed to maxNesting levels,
// and that a deeper one is read as text of the paragraph it is in, with a warning at its
// marker.
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
		{"quotes beyond it", quotes(maxNesting+2) + "Critics say it failed.\n", "> > Critics say it failed.", "1:65"},
		{"quotes beyond it, in a paragraph", quotes(maxNesting) + "First.\n" + quotes(maxNesting+1) + "Second.\n", "First. > Second.", "2:65"},
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
