package render_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
)

// A document slant reads no prose in is told apart from one with nothing to flag.
func TestUnread(t *testing.T) {
	story := "The council voted on Tuesday to sell the harbour, and critics say it was rushed.\n\n"
	cases := []struct {
		name, src string
		format    prose.Format
		want      string // a prefix of the reason; "" for a document slant reads
	}{
		{"empty", "", prose.FormatText, "empty"},
		{"white space", " \n\t\n", prose.FormatMarkdown, "empty"},
		{"text", story, prose.FormatText, ""},
		{"markdown", story, prose.FormatMarkdown, ""},
		{"fenced code", "```\n" + story + "```\n", prose.FormatMarkdown, "no prose to check"},
		{"indented article", "Listen Live\n\n" + strings.Repeat("    "+story, 20), prose.FormatMarkdown, "next to no prose"},
		{"a short indented quotation in an article", strings.Repeat(story, 5) + "    " + story, prose.FormatMarkdown, ""},
		{"html without paragraphs", "<html><body><script>var x = 1;</script><nav><a href=x>Home</a></nav></body></html>", prose.FormatHTML, "no prose to check: the page"},
		// A page is often mostly markup around a short story: that is not "next to no prose".
		{"html mostly markup", "<html><head><script>" + strings.Repeat("var x = 1;\n", 500) + "</script></head><body><p>" + story + "</p></body></html>", prose.FormatHTML, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := prose.Parse("doc", []byte(tc.src), tc.format)
			require.NoError(t, err)
			got := render.Unread(doc)
			if tc.want == "" {
				assert.Empty(t, got)
				return
			}
			assert.True(t, strings.HasPrefix(got, tc.want), "got %q", got)
		})
	}
}
