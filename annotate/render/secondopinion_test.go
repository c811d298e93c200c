package render_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// withSecondOpinion gives rep a second opinion as a model might: a finding of its own over
// every third rule finding's span and one over the start of each paragraph's prose (both
// overlapping rule findings and apart from them), an agreement with the first rule finding
// and a dispute of the second.
func withSecondOpinion(rep render.Report) render.Report {
	so := &render.SecondOpinion{Model: `tiny "q" <model>`, Host: "localhost:11434", Summary: "model tiny at localhost:11434: 3 requests", Verdicts: map[int]render.Verdict{}}
	for i, f := range rep.Findings {
		if i%3 == 0 {
			so.Findings = append(so.Findings, render.ModelFinding{Category: f.Rule.Category, Span: f.Span, Pieces: f.Pieces, Text: f.Text, Reason: "Because <it> *says* so.", Voice: f.Voice})
		}
	}
	for _, b := range rep.Doc.Blocks {
		p := b.SourcePieces(0, min(len(b.Text), 12))
		if len(p) == 0 {
			continue
		}
		s := prose.Span{Start: p[0].Start, End: p[len(p)-1].End}
		so.Findings = append(so.Findings, render.ModelFinding{Category: "made-up", Span: s, Pieces: p, Text: string(rep.Doc.Source[s.Start:s.End]), Reason: "A reason.", Speaker: "the mayor", Voice: rubrics.VoiceWriter})
	}
	if len(rep.Findings) > 0 {
		so.Verdicts[0] = render.Verdict{Agree: true, Reason: "It is a label.", OwnReading: true, Match: 0}
	}
	if len(rep.Findings) > 1 {
		so.Verdicts[1] = render.Verdict{Agree: false, Reason: "An innocent use.", Match: -1}
	}
	so.Hidden = []render.HiddenChar{{Span: prose.Span{Start: 0, End: 0}, Rune: 0x202E, Kind: "bidi"}}
	rep.SecondOpinion = so
	return rep
}

// A second opinion's marks come off as the rubric's do (Strip and the README's recipe give
// the source back), its JSON is what encoding/json makes of NewJSON's, and without one the
// output is as before.
func TestSecondOpinionOutputs(t *testing.T) {
	recipe := loadReadmeRecipe(t)
	r, a := load(t)
	for _, path := range sources(t) {
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		plain := report(t, a, path, src)
		rep := withSecondOpinion(plain)
		out := markdown(t, r, rep)
		assert.Equal(t, string(src), string(render.Strip(out)), path)
		assert.Equal(t, string(src), string(recipe.strip(t, out)), path)
		if len(rep.SecondOpinion.Findings) > 0 {
			assert.Contains(t, string(out), `second opinion (model tiny &quot;q&quot; &lt;model&gt;)`, path)
		}
		requireSameJSON(t, r, []render.Report{rep}, path+" with a second opinion")
		requireSameJSON(t, r, []render.Report{plain, rep}, path+" with and without")
	}
}

// The markdown of a second opinion: the model's own marks and notes, its verdicts in the
// rules' notes, the summary and the hidden characters.
func TestSecondOpinionMarkdown(t *testing.T) {
	r, a := load(t, testdata+"/check/rubric.toml")
	src := []byte("The regime fell, perhaps.\n")
	rep := report(t, a, "a.md", src)
	require.Len(t, rep.Findings, 2)
	rep.SecondOpinion = &render.SecondOpinion{
		Model: "m", Host: "h", Summary: "model m at h: 2 requests",
		Findings: []render.ModelFinding{{Category: "loaded-language", Span: prose.Span{Start: 4, End: 15}, Text: "regime fell", Reason: "Judges.", Voice: rubrics.VoiceWriter}},
		Verdicts: map[int]render.Verdict{0: {Agree: true, Reason: "Judges.", OwnReading: true, Match: 0}, 1: {Agree: false, Reason: "Honest doubt.", Match: -1}},
		Failure:  "second opinion: 1 of 3 questions failed: boom",
	}
	out := string(markdown(t, r, rep))
	assert.Contains(t, out, `The <mark title="check.labels (warning); second opinion (model m): loaded-language">regime</mark>[^slant1]<mark title="second opinion (model m): loaded-language"> fell</mark>[^slant-m1], <mark title="check.hedge (info)">perhaps</mark>[^slant2].`)
	assert.Contains(t, out, "*second opinion (model m)* agrees: flagged the same words in its own reading ([^slant-m1]). Judges.")
	assert.Contains(t, out, "*second opinion (model m)* disputes: asked about this finding. Honest doubt.")
	assert.Contains(t, out, "[^slant-m1]: **second opinion (model m)** (loaded-language, in the writer's own voice) at line 1, column 5: Judges.")
	assert.Contains(t, out, "**second opinion (model m)**: 1 finding of its own (marked apart, not the rubric's); of the 2 rule findings, agrees with 1 and disputes 1 (a dispute removes nothing). model m at h: 2 requests.")
	assert.Contains(t, out, "**The second opinion is incomplete**: second opinion: 1 of 3 questions failed: boom.")
	assert.True(t, strings.HasPrefix(out, "The "))
}
