package render_test

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// readmeRecipe is the README's list of what to strip to get the source back ("To get the
// input back, byte for byte, ..."), read from README.md: its three steps, and the shapes of
// step 3 as the README writes them, with "..." any attribute text and N and K numbers.
type readmeRecipe struct {
	shapes []*regexp.Regexp
}

func loadReadmeRecipe(t *testing.T) readmeRecipe {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	readme := string(data)
	start := strings.Index(readme, "To get the input back, byte for byte")
	end := strings.Index(readme, "A test follows these steps as written")
	require.True(t, start >= 0 && end > start, "README.md has the strip recipe")
	recipe := strings.Join(strings.Fields(readme[start:end]), " ")
	for _, step := range []string{
		"1. Cut off everything from the last `<!-- slant:summary -->` on, with the two newlines before it.",
		"2. If the line after that marker is `<!-- slant:verbatim ... -->`, the numbers in it are byte offsets into what is left",
		"3. Going through what is left from its start, remove each of the following where it begins, except at an offset of step 2, where you keep that one byte and go on from the next:",
	} {
		require.Contains(t, recipe, step, "the README's recipe, which this test follows")
	}
	var r readmeRecipe
	step3 := recipe[strings.Index(recipe, "3. Going through"):]
	for _, m := range regexp.MustCompile("`([^`]+)`").FindAllStringSubmatch(step3, -1) {
		shape := regexp.QuoteMeta(m[1])
		shape = strings.ReplaceAll(shape, `\.\.\.`, `[^"]*`)
		shape = strings.NewReplacer("N", "[0-9]+", "K", "[0-9]+").Replace(shape)
		r.shapes = append(r.shapes, regexp.MustCompile("^"+shape))
	}
	require.Len(t, r.shapes, 14, "the shapes of step 3")
	return r
}

// strip follows the recipe, step by step.
func (r readmeRecipe) strip(t *testing.T, annotated []byte) []byte {
	t.Helper()
	// 1. Cut off everything from the last `<!-- slant:summary -->` on, with the two newlines
	// before it.
	cut := bytes.LastIndex(annotated, []byte("\n\n<!-- slant:summary -->"))
	require.GreaterOrEqual(t, cut, 0)
	left, after := annotated[:cut], annotated[cut+len("\n\n<!-- slant:summary -->"):]
	// 2. If the line after that marker is `<!-- slant:verbatim ... -->`, the numbers in it
	// are byte offsets into what is left.
	keep := map[int]bool{}
	lines := strings.SplitN(string(after), "\n", 3)
	if len(lines) > 1 && strings.HasPrefix(lines[1], "<!-- slant:verbatim ") && strings.HasSuffix(lines[1], " -->") {
		for _, f := range strings.Fields(strings.TrimSuffix(strings.TrimPrefix(lines[1], "<!-- slant:verbatim "), " -->")) {
			n, err := strconv.Atoi(f)
			require.NoError(t, err)
			keep[n] = true
		}
	}
	// 3. Going through what is left from its start, remove each of the following where it
	// begins, except at an offset of step 2, where you keep that one byte and go on.
	var out []byte
next:
	for i := 0; i < len(left); {
		if !keep[i] {
			for _, shape := range r.shapes {
				if m := shape.FindIndex(left[i:]); m != nil {
					i += m[1]
					continue next
				}
			}
		}
		out = append(out, left[i])
		i++
	}
	return out
}

// TestStripRecipe: the README's recipe, followed as written, gives back the source, as Strip
// does, for every testdata file.
func TestStripRecipe(t *testing.T) {
	recipe := loadReadmeRecipe(t)
	for _, rubric := range [][]string{nil, {testdata + "/annotate/rubric.toml"}} {
		r, a := load(t, rubric...)
		for _, path := range sources(t) {
			src, err := os.ReadFile(path)
			require.NoError(t, err)
			out := markdown(t, r, report(t, a, path, src))
			assert.NotContains(t, string(out), "slant:verbatim", "%s: no verbatim line for a source without markup of its own", path)
			assert.Equal(t, string(src), string(recipe.strip(t, out)), "%s with %s", path, r.Name())
			assert.Equal(t, string(render.Strip(out)), string(recipe.strip(t, out)), "%s with %s", path, r.Name())
		}
	}
}

// TestStripSourceWithSlantMarkup: a source that itself holds what slant writes (its marks,
// references, anchors, the summary marker, the indent guard, even beside and around what
// slant marks) survives annotate, then Strip or the README's recipe.
func TestStripSourceWithSlantMarkup(t *testing.T) {
	recipe := loadReadmeRecipe(t)
	r, a := load(t, testdata+"/annotate/rubric.toml")
	sources := []string{
		"The regime</mark> fell.[^slant1]\n",
		"<mark title=\"x\">regime</mark>[^slant1][^slant-s1] and the regime.\n",
		"A regime [^slant2-1] and [^slant2-s3] <a id=\"slant-source-1\"></a>regime\n",
		"<mark title=\"open regime\n\nregime\">\n",
		"The regime.\n\n<!-- slant:summary -->\n\nregime after the marker\n",
		"The regime.\n\n<!-- slant:summary -->\n<!-- slant:verbatim 1 2 -->\n\n---\n",
		"    regime <span title=\"slant\"></span> indented\n\n<span title=\"slant\"></span>    regime\n",
		"<sup class=\"slant\"><a href=\"#slant1\">1</a></sup> regime <sup class=\"slant\"><a href=\"#slant-s1\">S1</a></sup>\n",
		"[^slant[^slant1]]regime[^slant</mark>\n",
	}
	for _, src := range sources {
		for _, format := range []prose.Format{prose.FormatText, prose.FormatMarkdown, prose.FormatHTML} {
			doc, err := prose.Parse("adversarial", []byte(src), format)
			require.NoError(t, err)
			rep := reportFor(t, a, doc)
			out := markdown(t, r, rep)
			assert.Equal(t, src, string(render.Strip(out)), "Strip, %v: %q\n%s", format, src, out)
			assert.Equal(t, src, string(recipe.strip(t, out)), "recipe, %v: %q\n%s", format, src, out)
		}
	}
}

func reportFor(t *testing.T, a *annotate.Annotator, doc *prose.Document) render.Report {
	t.Helper()
	rep := report(t, a, doc.Name, doc.Source)
	if rep.Doc.Format != doc.Format {
		rep = render.Report{Doc: doc, Provenance: a.Provenance(doc)}
		fs, err := a.Annotate(t.Context(), doc)
		require.NoError(t, err)
		rep.Findings = fs
	}
	return rep
}

// A finding whose mark holds text like slant's markup, in plain text, where it is prose.
func TestStripMarkAroundLookalike(t *testing.T) {
	r, _ := load(t, testdata+"/annotate/rubric.toml")
	recipe := loadReadmeRecipe(t)
	src := []byte("a </mark>[^slant1] b\n")
	doc, err := prose.Parse("o.txt", src, prose.FormatText)
	require.NoError(t, err)
	rule := r.Rules[0]
	f := annotate.Finding{Rule: rule, Severity: rule.Severity, Voice: rubrics.VoiceWriter, Span: prose.Span{Start: 0, End: 18}, Text: string(src[:18])}
	out := markdown(t, r, render.Report{Doc: doc, Findings: []annotate.Finding{f}})
	assert.Contains(t, string(out), "<!-- slant:verbatim ")
	assert.Equal(t, string(src), string(render.Strip(out)))
	assert.Equal(t, string(src), string(recipe.strip(t, out)))
}
