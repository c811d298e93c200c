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

const basilDir = "../testdata/eval/basil"

// The fixture, two articles whose gold names differ from their files in case:
//
//	fox_harbour_1  headline "Harbour vote: Zoë’s dock" (ë and ’ make code points and bytes differ)
//	  "The brutal regime closed the harbour on Tuesday, officials said."
//	      lex, writer: "brutal regime" (13), "closed" (6)
//	  `"This regime is a hoax," said Zoë Hale, a dock worker. The council claimed the closure was temporary.`
//	      lex, quoted: "hoax" (4); inf: the second sentence (not scored)
//	hpo_harbour_2  headline "Ferry fares — a “plan”"
//	  `The mayor called the so-called "reform" extremely costly.`
//	      lex, quoted: `"reform"` (8); lex, writer: "extremely" (9)
func TestLoadBASIL(t *testing.T) {
	arts, err := LoadBASIL(basilDir)
	require.NoError(t, err)
	require.Len(t, arts, 2)
	a := arts[0]
	assert.Equal(t, "fox_harbour_1", a.Name)
	assert.Equal(t, filepath.Join(basilDir, "articles", "FOX_harbour_1.txt"), a.Path)
	require.Len(t, a.Spans, 4)
	// In order of position; "brutal regime" is at code point 30 and byte 33.
	assert.Equal(t, BASILSpan{Span: prose.Span{Start: 33, End: 46}, Start: 30, End: 43, Lexical: true, Polarity: "neg", Text: "brutal regime"}, a.Spans[0])
	assert.Equal(t, "closed", a.Spans[1].Text)
	assert.Equal(t, BASILSpan{Span: prose.Span{Start: 113, End: 117}, Start: 110, End: 114, Lexical: true, Quoted: true, Speaker: "Zoe_Hale", Polarity: "neg", Text: "hoax"}, a.Spans[2])
	assert.False(t, a.Spans[3].Lexical)
	assert.Equal(t, "hpo_harbour_2", arts[1].Name)
	assert.Equal(t, `"reform"`, arts[1].Spans[0].Text)
}

func TestLoadBASILErrors(t *testing.T) {
	span := func(extra string) string {
		return `{"name": "a", "spans": [{"start": 0, "end": 4, "bias": "lex", "quote": "no", "txt": "Zoë "` + extra + `}]}`
	}
	for _, tc := range []struct{ name, gold, want string }{
		{"json", "{\"name\": \"a\", \"spans\": []}\n{\"name\": \n", `gold.jsonl:2: invalid JSON at byte 8: unexpected end of JSON input`},
		{"type", `{"name": "a", "spans": [{"start": "0"}]}`, `gold.jsonl:1: "spans.start": want an integer, found string`},
		{"no name", `{"spans": []}`, `gold.jsonl:1: no "name"`},
		{"no spans", `{"name": "a"}`, `gold.jsonl:1: article "a": no "spans"`},
		{"no article", `{"name": "b", "spans": []}`, `gold.jsonl:1: article "b": no file `},
		{"twice", "{\"name\": \"a\", \"spans\": []}\n\n{\"name\": \"A\", \"spans\": []}", `gold.jsonl:3: article "A" is also on line 1`},
		{"no start", `{"name": "a", "spans": [{"end": 2, "bias": "lex", "quote": "no"}]}`, `gold.jsonl:1: article "a", span 1: want integer "start" and "end"`},
		{"bias", `{"name": "a", "spans": [{"start": 0, "end": 2, "bias": "lexical", "quote": "no"}]}`, `gold.jsonl:1: article "a", span 1: want "bias" "lex" or "inf", found "lexical"`},
		{"quote", `{"name": "a", "spans": [{"start": 0, "end": 2, "bias": "inf"}]}`, `gold.jsonl:1: article "a", span 1: want "quote" "yes" or "no", found nothing`},
		{"order", `{"name": "a", "spans": [{"start": 3, "end": 3, "bias": "inf", "quote": "no"}]}`, `gold.jsonl:1: article "a", span 1: span 3-3: want 0 <= start < end`},
		// "Zoë 🙃" is 5 characters (9 bytes): an end of 6 is past it.
		{"outside", `{"name": "a", "spans": [{"start": 0, "end": 6, "bias": "inf", "quote": "no"}]}`, `gold.jsonl:1: article "a", span 1: span 0-6 is outside the article (5 characters)`},
		{"txt", `{"name": "a", "spans": [{"start": 0, "end": 3, "bias": "inf", "quote": "no", "txt": "Zoe"}]}`, `gold.jsonl:1: article "a", span 1: span 0-3 reads "Zoë" in the article, not "Zoe"`},
		{"ok", span(""), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "articles", "A.txt"), "Zoë 🙃")
			writeFile(t, filepath.Join(dir, "gold.jsonl"), tc.gold)
			_, err := LoadBASIL(dir)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), filepath.Join(dir, tc.want))
		})
	}
	t.Run("article without a gold line", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "articles", "a.txt"), "text")
		writeFile(t, filepath.Join(dir, "articles", "b.txt"), "text")
		writeFile(t, filepath.Join(dir, "gold.jsonl"), `{"name": "a", "spans": []}`)
		_, err := LoadBASIL(dir)
		assert.EqualError(t, err, filepath.Join(dir, "articles", "b.txt")+": no line for it in "+filepath.Join(dir, "gold.jsonl"))
	})
	t.Run("no gold file", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "articles", "a.txt"), "text")
		_, err := LoadBASIL(dir)
		assert.ErrorContains(t, err, "basil: open "+filepath.Join(dir, "gold.jsonl"))
	})
	t.Run("empty", func(t *testing.T) {
		_, err := LoadBASIL(t.TempDir())
		assert.ErrorContains(t, err, "no articles")
	})
}

func testAnnotator(t *testing.T) *annotate.Annotator {
	t.Helper()
	rubric, err := rubrics.Load("../testdata/eval/rubric.toml")
	require.NoError(t, err)
	annotator, err := annotate.New(rubric)
	require.NoError(t, err)
	return annotator
}

func testLoadedMap(t *testing.T, a *annotate.Annotator) *LoadedMap {
	t.Helper()
	m, err := LoadLoadedMap("../testdata/eval/loaded-map.toml")
	require.NoError(t, err)
	assert.Empty(t, m.Check(a.Rubric()))
	return m
}

// TestEvaluateBASIL scores the fixture with the test rubric, whose findings are (characters):
//
//	fox_harbour_1  writer: "brutal" (6), "regime" (6), "claimed" (7); quoted: "regime" (6), "hoax" (4)
//	               and "officials" (test.officials, not counted)
//	hpo_harbour_2  writer: `so-called "reform"` (18), "extremely" (9)
func TestEvaluateBASIL(t *testing.T) {
	annotator := testAnnotator(t)
	arts, err := LoadBASIL(basilDir)
	require.NoError(t, err)
	rep, err := EvaluateBASIL(context.Background(), arts, annotator, testLoadedMap(t, annotator))
	require.NoError(t, err)
	assert.Equal(t, 2, rep.Articles)
	assert.Equal(t, []string{"test.labels", "test.emotive", "test.intensifiers", "test.scare-quotes", "test.claimed"}, rep.Counted)

	// All: 7 findings against the 5 lexical spans.
	//   P = (brutal 1 + regime 1 + quoted regime 0 + hoax 1 + claimed 0 + so-called "reform" 8/18 + extremely 1) / 7
	//   R = ("brutal regime" 12/13 + closed 0 + hoax 1 + "reform" 1 + extremely 1) / 5
	p, r := (4+8.0/18)/7, (12.0/13+3)/5
	assert.Equal(t, 7, rep.All.Predicted)
	assert.Equal(t, 5, rep.All.Gold)
	assert.InDelta(t, p, rep.All.Precision(), 1e-9)
	assert.InDelta(t, r, rep.All.Recall(), 1e-9)
	assert.InDelta(t, 2*p*r/(p+r), rep.All.F1(), 1e-9)
	assert.InDelta(t, 0.7019, rep.All.F1(), 1e-4)

	// Writer's voice: brutal, regime, claimed, so-called "reform", extremely against
	// "brutal regime", closed, extremely. The scare quote is on a quoted span: no credit here.
	//   P = 3/5; R = (12/13 + 0 + 1)/3
	assert.Equal(t, 5, rep.Writer.Predicted)
	assert.Equal(t, 3, rep.Writer.Gold)
	assert.InDelta(t, 0.6, rep.Writer.Precision(), 1e-9)
	assert.InDelta(t, (12.0/13+1)/3, rep.Writer.Recall(), 1e-9)

	// Quoted: the quoted regime and hoax against hoax and "reform": P = 1/2, R = 1/2.
	assert.Equal(t, 2, rep.Quoted.Predicted)
	assert.Equal(t, 2, rep.Quoted.Gold)
	assert.InDelta(t, 0.5, rep.Quoted.Precision(), 1e-9)
	assert.InDelta(t, 0.5, rep.Quoted.Recall(), 1e-9)

	// Five findings are on lexical spans; the writer's scare quote on the quoted "reform" is
	// the one that disagrees.
	assert.Equal(t, VoiceAgreement{Hits: 5, Agree: 4, WriterOnQuoted: 1}, rep.Voice)
	assert.InDelta(t, 0.8, rep.Voice.Rate(), 1e-9)

	// Per rule, against all lexical spans, in the rubric's order; test.officials is scored but
	// not counted.
	prec := map[string]RulePrecision{}
	for _, rp := range rep.Rules {
		prec[rp.Rule] = rp
	}
	assert.Equal(t, RulePrecision{Rule: "test.labels", Category: "labels", Severity: "warning", Counted: true,
		Findings: 3, Hits: 2, Predicted: 3, Correct: 2, Precision: 2.0 / 3}, prec["test.labels"])
	assert.InDelta(t, 8.0/18, prec["test.scare-quotes"].Precision, 1e-9)
	assert.Equal(t, 0.0, prec["test.claimed"].Precision)
	assert.False(t, prec["test.officials"].Counted)
	assert.Equal(t, 1, prec["test.officials"].Findings)
	assert.Len(t, rep.Rules, 6)

	// Errors: the quoted "regime" and "claimed" (on an informational span only) overlap no
	// lexical span, each labelled with its voice; "closed" is missed.
	assert.Equal(t, []RuleErrors{
		{Rule: "test.claimed", Count: 1, Findings: 1, Texts: []Wording{{"claimed", 1, map[string]int{"writer": 1}}}},
		{Rule: "test.labels", Count: 1, Findings: 3, Texts: []Wording{{"regime", 1, map[string]int{"quoted": 1}}}},
	}, rep.Errors.FalsePositives)
	assert.Equal(t, 1, rep.Errors.MissCount)
	assert.Equal(t, []Wording{{Text: "closed", Count: 1, Labels: map[string]int{"writer": 1}}}, rep.Errors.Misses)
}

func TestEvaluateBASILCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	annotator := testAnnotator(t)
	arts, err := LoadBASIL(basilDir)
	require.NoError(t, err)
	_, err = EvaluateBASIL(ctx, arts, annotator, testLoadedMap(t, annotator))
	assert.ErrorIs(t, err, context.Canceled)
}

// TestBASILCorpus loads the real corpus when SLANT_BASIL names its directory: every span's
// txt matches the article at its offsets, which LoadBASIL checks.
func TestBASILCorpus(t *testing.T) {
	dir := os.Getenv("SLANT_BASIL")
	if dir == "" {
		t.Skip("set SLANT_BASIL to the BASIL directory to run")
	}
	arts, err := LoadBASIL(dir)
	require.NoError(t, err)
	assert.NotEmpty(t, arts)
}
