package eval

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

const ptcDir = "../testdata/eval/ptc"

func TestLoadPTC(t *testing.T) {
	arts, err := LoadPTC(ptcDir)
	require.NoError(t, err)
	require.Len(t, arts, 2)
	text := func(a *PTCArticle, l PTCLabel) string { return string(a.Source[l.Span.Start:l.Span.End]) }

	// article1001 has "ü", "é" and a 4-byte "🍰" before its spans, and "’" inside one line.
	a := arts[0]
	assert.Equal(t, "1001", a.ID)
	require.Len(t, a.Labels, 5)
	assert.Equal(t, PTCLabel{Technique: "Name_Calling,Labeling", Span: prose.Span{Start: 30, End: 36}, Start: 25, End: 31, Line: 1}, a.Labels[0])
	assert.Equal(t, "tyrant", text(a, a.Labels[0]))
	assert.Equal(t, "brutal police beat", text(a, a.Labels[1]))
	assert.Equal(t, "in Malmö", text(a, a.Labels[4]))

	// article1002 starts with a byte-order mark, and its offsets count it as character 0,
	// as the PTC's do: "so-called" is at character 5 (BOM + "The ") and byte 7.
	b := arts[1]
	assert.Equal(t, "1002", b.ID)
	assert.Equal(t, []byte("\ufeff"), b.Source[:3])
	assert.Equal(t, 5, b.Labels[0].Start)
	assert.Equal(t, 7, b.Labels[0].Span.Start)
	assert.Equal(t, `so-called "experts"`, text(b, b.Labels[0]))
	assert.Equal(t, "tale", text(b, b.Labels[2]))
}

func TestLoadPTCErrors(t *testing.T) {
	for _, tc := range []struct{ name, labels, want string }{
		{"fields", "7\tDoubt\t0\n", `article7.labels:1: want 4 tab-separated fields (ID, TECHNIQUE, START, END), found 3`},
		{"id", "7\tDoubt\t0\t2\n8\tDoubt\t0\t2\n", `article7.labels:2: article ID "8" in the labels of article 7`},
		{"number", "\n7\tDoubt\tzero\t2\n", `article7.labels:2: START and END must be integers, found "zero" and "2"`},
		{"order", "7\tDoubt\t3\t3\n", `article7.labels:1: span 3-3: want 0 <= START < END`},
		// "Zoë 🙃" is 5 characters (7 bytes): an END of 6 is past it.
		{"outside", "7\tDoubt\t0\t6\n", `article7.labels:1: span 0-6 is outside the article (5 characters)`},
		{"technique", "7\t\t0\t2\n", `article7.labels:1: empty technique`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "articles", "article7.txt"), "Zoë 🙃")
			writeFile(t, filepath.Join(dir, "labels", "article7.labels"), tc.labels)
			_, err := LoadPTC(dir)
			require.Error(t, err)
			assert.Equal(t, filepath.Join(dir, "labels", tc.want), err.Error())
		})
	}
	t.Run("no labels", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "articles", "article7.txt"), "text")
		_, err := LoadPTC(dir)
		assert.ErrorContains(t, err, "article7.txt: no labels file")
	})
	t.Run("no article", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "articles", "article7.txt"), "text")
		writeFile(t, filepath.Join(dir, "labels", "article7.labels"), "")
		writeFile(t, filepath.Join(dir, "labels", "article8.labels"), "")
		_, err := LoadPTC(dir)
		assert.ErrorContains(t, err, "article8.labels: no article file")
	})
	t.Run("empty", func(t *testing.T) {
		_, err := LoadPTC(t.TempDir())
		assert.ErrorContains(t, err, "no articles")
	})
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(data), 0o644))
}

// TestEvaluatePTC scores the fixture corpus with the test rubric and map. What the rubric
// finds (characters, with the length of each span):
//
//	article1001: NC "tyrant’s" (8), LL "brutal" (6), EM "extremely" (9); test.officials unmapped
//	article1002: Doubt `so-called "experts"` (19), Doubt "claimed" (7), NC "hoax" (4)
//
// and the gold spans of the four techniques (Flag-Waving "in Malmö" is not scored):
//
//	article1001: NC "tyrant" (6); LL "brutal police beat" and "beat protesters", which
//	             overlap on "beat" and merge into "brutal police beat protesters" (29);
//	             EM "an extremely large amount" (25)
//	article1002: Doubt `so-called "experts"` (19); LL "a hoax" (6); LL "tale" (4)
func TestEvaluatePTC(t *testing.T) {
	rep := evaluateFixture(t)
	assert.Equal(t, 2, rep.Articles)
	assert.Equal(t, "eval-test 1", rep.Rubric)
	assert.Equal(t, []string{"test.officials"}, rep.Unmapped)
	byName := map[string]SpanScore{}
	for _, ts := range rep.Techniques {
		byName[ts.Technique] = ts.Score
	}
	assert.Equal(t, []string{"Loaded_Language", "Name_Calling,Labeling", "Doubt", "Exaggeration,Minimisation"},
		[]string{rep.Techniques[0].Technique, rep.Techniques[1].Technique, rep.Techniques[2].Technique, rep.Techniques[3].Technique})

	// Loaded_Language: predicted {brutal}; gold {brutal…protesters (29)} + {a hoax, tale}.
	//   P = (6/6)/1 = 1; R = (6/29)/3 = 0.0690; F1 = 2·1·(2/29)/(1+2/29) = 4/31 = 0.1290
	ll := byName["Loaded_Language"]
	assert.Equal(t, 1, ll.Predicted)
	assert.Equal(t, 3, ll.Gold)
	assert.InDelta(t, 1.0, ll.Precision(), 1e-9)
	assert.InDelta(t, 6.0/29/3, ll.Recall(), 1e-9)
	assert.InDelta(t, 4.0/31, ll.F1(), 1e-9)

	// Name_Calling,Labeling: predicted {tyrant’s, hoax}; gold {tyrant}.
	//   P = (6/8 + 0)/2 = 0.375; R = (6/6)/1 = 1; F1 = 2·0.375/1.375 = 0.5455
	nc := byName["Name_Calling,Labeling"]
	assert.InDelta(t, 0.375, nc.Precision(), 1e-9)
	assert.InDelta(t, 1.0, nc.Recall(), 1e-9)
	assert.InDelta(t, 0.75/1.375, nc.F1(), 1e-9)
	assert.Equal(t, 0, nc.ExactPredicted)

	// Doubt: predicted {so-called "experts", claimed}; gold {so-called "experts"}, an exact
	// match. P = (1 + 0)/2 = 0.5; R = 1/1; exact P = 1/2, exact R = 1/1.
	d := byName["Doubt"]
	assert.InDelta(t, 0.5, d.Precision(), 1e-9)
	assert.InDelta(t, 1.0, d.Recall(), 1e-9)
	assert.InDelta(t, 0.5, d.ExactPrecision(), 1e-9)
	assert.InDelta(t, 1.0, d.ExactRecall(), 1e-9)

	// Exaggeration,Minimisation: predicted {extremely}; gold {an extremely large amount}.
	//   P = 9/9 = 1; R = 9/25 = 0.36; F1 = 0.72/1.36 = 0.5294
	em := byName["Exaggeration,Minimisation"]
	assert.InDelta(t, 1.0, em.Precision(), 1e-9)
	assert.InDelta(t, 0.36, em.Recall(), 1e-9)

	// Overall, technique labels ignored:
	//   article1001: S = {tyrant’s, brutal, extremely}; T = {tyrant, brutal…protesters, an extremely…}
	//     P num = 6/8 + 6/6 + 9/9 = 2.75;  R num = 6/6 + 6/29 + 9/25
	//   article1002: S = {so-called "experts", claimed, hoax}; T = {so-called "experts", a hoax, tale}
	//     P num = 1 + 0 + 4/4 = 2;         R num = 1 + 4/6 + 0
	//   P = 4.75/6 = 0.7917; R = (1 + 6/29 + 0.36 + 1 + 4/6)/6 = 0.5389; F1 = 0.6413
	//   exact: one span (so-called "experts") of 6 on each side: 1/6
	ov := rep.Overall
	assert.Equal(t, 6, ov.Predicted)
	assert.Equal(t, 6, ov.Gold)
	p, r := 4.75/6, (1+6.0/29+0.36+1+4.0/6)/6
	assert.InDelta(t, p, ov.Precision(), 1e-9)
	assert.InDelta(t, r, ov.Recall(), 1e-9)
	assert.InDelta(t, 2*p*r/(p+r), ov.F1(), 1e-9)
	assert.InDelta(t, 0.6413, ov.F1(), 1e-4)
	assert.InDelta(t, 1.0/6, ov.ExactF1(), 1e-9)

	// Errors: "claimed" overlaps no gold span; "hoax" overlaps "a hoax" (another technique,
	// but the overall view ignores techniques). Missed: "beat protesters" (the merged span
	// was found through "brutal", but this gold span on its own was not) and "tale".
	assert.Equal(t, []RuleErrors{{Rule: "test.claimed", Technique: "Doubt", Count: 1, Findings: 1,
		Texts: []Wording{{Text: "claimed", Count: 1}}}}, rep.Errors.FalsePositives)
	assert.Equal(t, 2, rep.Errors.MissCount)
	assert.Equal(t, []Wording{
		{Text: "beat protesters", Count: 1, Labels: map[string]int{"Loaded_Language": 1}},
		{Text: "tale", Count: 1, Labels: map[string]int{"Loaded_Language": 1}},
	}, rep.Errors.Misses)

	// Precision per rule, against the gold spans of the four techniques together, in the
	// rubric's order: test.labels has "tyrant’s" (6 of 8 characters on "tyrant") and "hoax"
	// (inside "a hoax"); test.officials is mapped nowhere, and scored anyway.
	type rp struct {
		rule                string
		counted             bool
		findings, predicted int
		precision           float64
	}
	var got []rp
	for _, x := range rep.Rules {
		got = append(got, rp{x.Rule, x.Counted, x.Findings, x.Predicted, x.Precision})
	}
	assert.Equal(t, []rp{
		{"test.labels", true, 2, 2, (6.0/8 + 1) / 2},
		{"test.emotive", true, 1, 1, 1},
		{"test.intensifiers", true, 1, 1, 1},
		{"test.scare-quotes", true, 1, 1, 1},
		{"test.claimed", true, 1, 1, 0},
		{"test.officials", false, 1, 1, 0},
	}, got)
}

func evaluateFixture(t *testing.T) *PTCReport {
	t.Helper()
	rubric, err := rubrics.Load("../testdata/eval/rubric.toml")
	require.NoError(t, err)
	annotator, err := annotate.New(rubric)
	require.NoError(t, err)
	m, err := LoadPTCMap("../testdata/eval/ptc-map.toml")
	require.NoError(t, err)
	assert.Empty(t, m.Check(rubric))
	arts, err := LoadPTC(ptcDir)
	require.NoError(t, err)
	rep, err := EvaluatePTC(context.Background(), arts, annotator, m)
	require.NoError(t, err)
	return rep
}

// TestEvaluatePTCDefaultRubric checks that the built-in rubric and map score the fixture
// the same way (the fixture's words are chosen to be flagged by both).
func TestEvaluatePTCDefaultRubric(t *testing.T) {
	rubric, err := rubrics.Load()
	require.NoError(t, err)
	annotator, err := annotate.New(rubric)
	require.NoError(t, err)
	m := DefaultPTCMap()
	assert.Empty(t, m.Check(rubric), "the built-in map names only rules and categories of the default rubric")
	arts, err := LoadPTC(ptcDir)
	require.NoError(t, err)
	rep, err := EvaluatePTC(context.Background(), arts, annotator, m)
	require.NoError(t, err)
	want := evaluateFixture(t)
	assert.Equal(t, want.Overall, rep.Overall)
	assert.Equal(t, want.Techniques, rep.Techniques)
}

func TestEvaluatePTCCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rubric, err := rubrics.Load("../testdata/eval/rubric.toml")
	require.NoError(t, err)
	annotator, err := annotate.New(rubric)
	require.NoError(t, err)
	arts, err := LoadPTC(ptcDir)
	require.NoError(t, err)
	_, err = EvaluatePTC(ctx, arts, annotator, DefaultPTCMap())
	assert.ErrorIs(t, err, context.Canceled)
}

// TestPTCCorpus checks the converter on the real corpus when SLANT_PTC names its directory:
// every gold span must start and end on a rune boundary, and the article that starts with a
// byte-order mark must have its spans on word boundaries (which they are only if the mark
// counts as a character).
func TestPTCCorpus(t *testing.T) {
	dir := os.Getenv("SLANT_PTC")
	if dir == "" {
		t.Skip("set SLANT_PTC to the PTC directory to run")
	}
	arts, err := LoadPTC(dir)
	require.NoError(t, err)
	for _, a := range arts {
		if len(a.Source) < 3 || string(a.Source[:3]) != "\ufeff" {
			continue
		}
		for _, l := range a.Labels {
			before := a.Source[l.Span.Start-1]
			assert.NotContains(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", string(before), "%s line %d starts inside a word", a.ID, l.Line)
		}
	}
}
