package annotate_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// suppressRubric has two terms rules, so a test can switch one off and keep the other.
const suppressRubric = `
name = "suppress"
[[rules]]
id = "t.labels"
category = "loaded-language"
severity = "warning"
kind = "terms"
message = "Loaded label {match}"
explain = "x"
terms = ["regime", "thug"]

[[rules]]
id = "t.hedge"
category = "hedges"
severity = "info"
kind = "terms"
message = "Hedge {match}"
explain = "x"
terms = ["perhaps"]
`

// suppressed annotates src and returns its kept and suppressed findings as "rule@line"
// strings, or the error.
func suppressed(t *testing.T, name, src string) (kept, off []string, err error) {
	t.Helper()
	f, err := rubrics.Parse("suppress.toml", []byte(suppressRubric))
	require.NoError(t, err)
	r, err := rubrics.Compose(f)
	require.NoError(t, err)
	a, err := annotate.New(r)
	require.NoError(t, err)
	doc, err := prose.Parse(name, []byte(src), prose.FormatForPath(name))
	require.NoError(t, err)
	fs, err := a.Annotate(context.Background(), doc)
	require.NoError(t, err)
	k, s, err := annotate.Suppress(doc, r, fs)
	label := func(fs []annotate.Finding) []string {
		var out []string
		for _, f := range fs {
			line, _ := doc.LineColumn(f.Span.Start)
			out = append(out, fmt.Sprintf("%s@%d", f.Rule.ID, line))
		}
		return out
	}
	return label(k), label(s), err
}

func TestSuppressNextLine(t *testing.T) {
	for _, name := range []string{"a.txt", "a.md"} {
		t.Run(name, func(t *testing.T) {
			kept, off, err := suppressed(t, name, strings.Join([]string{
				"The regime fell, perhaps.", // 1
				"<!-- slant-disable-next-line t.labels -->",
				"The regime fell, perhaps.", // 3: labels off
				"The regime fell, perhaps.", // 4: only the next line
				"<!-- slant-disable-next-line t.labels,t.hedge -->",
				"The regime fell, perhaps.", // 6: both off
				"<!-- slant-disable-next-line -->",
				"The regime fell, perhaps.", // 8: every rule off
				"",
			}, "\n"))
			require.NoError(t, err)
			assert.Equal(t, []string{"t.labels@1", "t.hedge@1", "t.hedge@3", "t.labels@4", "t.hedge@4"}, kept)
			assert.Equal(t, []string{"t.labels@3", "t.labels@6", "t.hedge@6", "t.labels@8", "t.hedge@8"}, off)
		})
	}
}

func TestSuppressBlock(t *testing.T) {
	kept, off, err := suppressed(t, "a.md", strings.Join([]string{
		"The regime fell, perhaps.", // 1
		"",
		"<!-- slant-disable t.labels -->",
		"",
		"The regime fell, perhaps.", // 5: labels off
		"",
		"A thug, perhaps.", // 7: labels off
		"",
		"<!-- slant-enable t.labels -->",
		"",
		"The regime fell.", // 11
		"",
		"<!-- slant-disable -->",
		"",
		"The regime fell, perhaps.", // 15: all off
		"",
		"<!-- slant-enable t.hedge -->",
		"",
		"The regime fell, perhaps.", // 19: hedge back on
		"",
		"<!-- slant-enable -->",
		"",
		"The regime fell.", // 23
		"",
		"<!-- slant-disable t.hedge -->",
		"",
		"Perhaps.", // 27: off to the end of the file
	}, "\n"))
	require.NoError(t, err)
	assert.Equal(t, []string{"t.labels@1", "t.hedge@1", "t.hedge@5", "t.hedge@7", "t.labels@11", "t.hedge@19", "t.labels@23"}, kept)
	assert.Equal(t, []string{"t.labels@5", "t.labels@7", "t.labels@15", "t.hedge@15", "t.labels@19", "t.hedge@27"}, off)
}

func TestSuppressFile(t *testing.T) {
	kept, off, err := suppressed(t, "a.txt", "The regime fell, perhaps.\n\nA thug.\n<!-- slant-disable-file t.labels -->\n")
	require.NoError(t, err)
	assert.Equal(t, []string{"t.hedge@1"}, kept)
	assert.Equal(t, []string{"t.labels@1", "t.labels@3"}, off)

	kept, off, err = suppressed(t, "a.txt", "<!-- slant-disable-file -->\nThe regime fell, perhaps.\n")
	require.NoError(t, err)
	assert.Empty(t, kept)
	assert.Equal(t, []string{"t.labels@2", "t.hedge@2"}, off)
}

// A directive shown as code in Markdown is text, not a directive; in plain text every comment
// counts.
func TestSuppressIgnoresCode(t *testing.T) {
	src := "Write `<!-- slant-disable-file -->` to switch slant off.\n\n```\n<!-- slant-disable-file -->\n```\n\n    <!-- slant-disable-file -->\n\nThe regime fell.\n"
	kept, off, err := suppressed(t, "a.md", src)
	require.NoError(t, err)
	assert.Equal(t, []string{"t.labels@9"}, kept)
	assert.Empty(t, off)

	kept, off, err = suppressed(t, "a.txt", src)
	require.NoError(t, err)
	assert.Empty(t, kept)
	assert.Equal(t, []string{"t.labels@9"}, off)
}

func TestSuppressErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"unknown rule", "Fine.\n<!-- slant-disable-next-line t.label -->\nThe regime fell.\n",
			`a.md:2:30: slant-disable-next-line: unknown rule "t.label" (did you mean "t.labels"?)`},
		{"second of two", "<!-- slant-disable t.hedge, nope.nope -->\n",
			`a.md:1:29: slant-disable: unknown rule "nope.nope"`},
		{"unknown directive", "Fine.\n\n<!--  slant-disable-line t.labels -->\n",
			`a.md:3:7: unknown directive "slant-disable-line" (want slant-disable-next-line, slant-disable, slant-enable or slant-disable-file)`},
		{"multi-line comment", "<!--\n  slant-enable\n  t.labels\n  t.hedges\n-->\n",
			`a.md:4:3: slant-enable: unknown rule "t.hedges" (did you mean "t.hedge"?)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := suppressed(t, "a.md", tc.src)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			var ie *prose.InputError
			assert.ErrorAs(t, err, &ie)
		})
	}
}

// Other comments, slant's own markers among them, are not directives.
func TestSuppressOtherComments(t *testing.T) {
	kept, off, err := suppressed(t, "a.md", "<!-- slant:summary -->\n<!-- slant-news house style -->\n<!-- TODO -->\nThe regime fell.\n<!-- unclosed slant-disable")
	require.NoError(t, err)
	assert.Equal(t, []string{"t.labels@4"}, kept)
	assert.Empty(t, off)
}
