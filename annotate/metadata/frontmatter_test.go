package metadata_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
)

func TestFromMarkdownYAML(t *testing.T) {
	src, err := os.ReadFile("testdata/front.md")
	require.NoError(t, err)
	m, err := metadata.FromMarkdown("front.md", src)
	require.NoError(t, err)
	assert.Equal(t, "Council delays the bridge vote", m.Headline)
	assert.Equal(t, "2022-06-15", m.Published.String(), "a day without a time stays a day")
	assert.Equal(t, "2022-06-16T09:00:00+02:00", m.Modified.String())
	assert.Equal(t, []string{"Lena Hart", "Omar Said"}, m.Authors)
	assert.Equal(t, "https://northern.example/2022/06/15/bridge-vote", m.CanonicalURL, "a source that is a URL")
	assert.Equal(t, "Northern Herald", m.Outlet)
	assert.Equal(t, metadata.OriginFrontMatter, m.Origins.Published)
}

func TestFromMarkdownTOML(t *testing.T) {
	src, err := os.ReadFile("testdata/front-toml.md")
	require.NoError(t, err)
	m, err := metadata.FromMarkdown("front-toml.md", src)
	require.NoError(t, err)
	assert.Equal(t, "Council delays the bridge vote", m.Headline)
	assert.Equal(t, "2022-06-15T18:30:00+02:00", m.Published.String())
	assert.Equal(t, []string{"Lena Hart"}, m.Authors)
	assert.Equal(t, "Northern Herald", m.Outlet, "a source that is not a URL is the outlet")
}

func TestFromMarkdownNone(t *testing.T) {
	for _, src := range []string{"", "# Title\n\nText.\n", "---\n\nA thematic break first.\n", "--- \ntitle: x\n---\n"} {
		m, err := metadata.FromMarkdown("n.md", []byte(src))
		require.NoError(t, err, "%q", src)
		assert.True(t, m.IsZero(), "%q", src)
	}
}

// TestFromMarkdownErrors checks that malformed front matter is reported at its line and
// column, with what could be read.
func TestFromMarkdownErrors(t *testing.T) {
	cases := []struct {
		name, src, want string
		headline        string
	}{
		{"yaml syntax", "---\ntitle: ok\nauthor: [Ann\n---\nText.\n", "doc.md:3:9: front matter is not valid YAML: sequence end token ']' not found", ""},
		{"yaml bad indent", "---\ntitle: a\n  b: c\n---\n", "doc.md:2:8: front matter is not valid YAML: mapping value is not allowed in this context", ""},
		{"repeated key", "---\ntitle: a\ntitle: b\n---\n", `doc.md:3:1: front matter is not valid YAML: mapping key "title" already defined at [1:1]`, ""},
		{"not a mapping", "---\n- a\n- b\n---\n", "doc.md:2:1: front matter is not a YAML mapping of fields", ""},
		{"bad date", "---\ntitle: Kept\ndate: last Tuesday\n---\n", `doc.md:3:7: front matter date: "last Tuesday" is not a date (want YYYY-MM-DD or RFC 3339)`, "Kept"},
		{"impossible date", "---\ndate: 2020-02-30\ntitle: Kept\n---\n", `doc.md:2:7: front matter date: "2020-02-30" is not a date`, "Kept"},
		{"title a list", "---\ntitle: [a, b]\n---\n", "doc.md:2:8: front matter title: want a string", ""},
		{"author a number list", "---\nauthor: [[1]]\n---\n", "doc.md:2:9: front matter author: want a name", ""},
		{"unclosed", "---\ntitle: Lost\n\nText.\n", "doc.md:1:1: front matter is never closed: read as Markdown", ""},
		{"unclosed after BOM", "\ufeff---\ntitle: Lost\n", "doc.md:1:2: front matter is never closed", ""},
		{"toml syntax", "+++\ntitle = \"ok\"\ndate = 2020-01-0\n+++\n", "doc.md:3:8: front matter is not valid TOML", ""},
		{"toml bad date type", "+++\ntitle = \"Kept\"\ndate = 5\n+++\n", "doc.md:3:8: front matter date: the value is not a date", "Kept"},
		{"too big", "---\ntitle: " + strings.Repeat("x", 70<<10) + "\n---\n", "doc.md:2:1: front matter of 71688 bytes not read (at most 65536)", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := metadata.FromMarkdown("doc.md", []byte(c.src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			var ie *prose.InputError
			assert.True(t, errors.As(err, &ie), "a *prose.InputError")
			require.NotNil(t, m)
			assert.Equal(t, c.headline, m.Headline)
		})
	}
}

func TestFromMarkdownAliases(t *testing.T) {
	// Aliases are followed one step, never expanded: a "billion laughs" costs nothing.
	src := "---\nx: &a [lol, lol, lol]\ny: &b [*a, *a, *a, *a]\nz: &c [*b, *b, *b, *b]\nauthor: *c\ntitle: &t Shared\nheadline: *t\nwho: &w Ann Bee\nauthors: [*w]\n---\n"
	m, err := metadata.FromMarkdown("doc.md", []byte(src))
	assert.ErrorContains(t, err, "doc.md:4:7: front matter author: want a name", "a list of lists is no list of names")
	assert.Equal(t, "Shared", m.Headline)
	assert.Equal(t, []string{"Ann Bee"}, m.Authors, "an alias in a list")
}

func TestFromMarkdownManyTOMLKeys(t *testing.T) {
	// Only the fields read are looked for in the source: 5,000 others cost one decode.
	var b strings.Builder
	b.WriteString("+++\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	b.WriteString("title = \"Last\"\n+++\n")
	start := time.Now()
	m, err := metadata.FromMarkdown("d.md", []byte(b.String()))
	require.NoError(t, err)
	assert.Equal(t, "Last", m.Headline)
	assert.Less(t, time.Since(start), 5*time.Second)
}

// TestFrontMatterAgreesWithProse checks that the front matter read is the block package
// prose leaves out of the prose: what one reads as metadata, the other does not annotate.
func TestFrontMatterAgreesWithProse(t *testing.T) {
	for _, src := range []string{
		"---\ntitle: Marker\n---\nText.\n",
		"\ufeff---\r\ntitle: Marker\r\n---\r\nText.\r\n",
		"---\ntitle: Marker\n...\nText.\n",
		"+++\ntitle = \"Marker\"\n+++\nText.\n",
		"---\ntitle: Marker\n\nText never closed.\n",
		" ---\ntitle: Marker\n---\nText.\n",
		"---\ntitle: Marker\n+++\nText.\n",
	} {
		doc, err := prose.Parse("d.md", []byte(src), prose.FormatMarkdown)
		require.NoError(t, err)
		inProse := false
		for _, b := range doc.Blocks {
			inProse = inProse || strings.Contains(b.Text, "Marker")
		}
		m, _ := metadata.FromMarkdown("d.md", []byte(src))
		assert.NotEqual(t, inProse, m.Headline == "Marker", "%q: read as metadata exactly when left out of the prose", src)
	}
}
