package eval

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const babeDir = "../testdata/eval/babe"

func TestLoadBABE(t *testing.T) {
	sents, path, err := LoadBABE(babeDir)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(babeDir, "sentences.jsonl"), path)
	require.Len(t, sents, 6)
	assert.Equal(t, BABESentence{Text: "The brutal regime’s hoax fooled nobody.", Biased: true, Words: []string{"brutal", "regime’s", "fooled"},
		Outlet: "Harbour Herald", Topic: "harbour", Line: 1}, sents[0])
	assert.Equal(t, 7, sents[5].Line, "a blank line is skipped, and counted")

	// The file itself may be named.
	same, path, err := LoadBABE(filepath.Join(babeDir, "sentences.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, sents, same)
	assert.Equal(t, filepath.Join(babeDir, "sentences.jsonl"), path)
}

func TestLoadBABEErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"json", "{\"text\": \"A.\", \"biased\": false, \"words\": []}\n{\"text\": 3}\n", `:2: "text": want a string, found number`},
		{"no text", `{"biased": false, "words": []}`, `:1: no "text"`},
		{"no label", `{"text": "A.", "words": []}`, `:1: no "biased" (want true or false)`},
		{"no words", `{"text": "A.", "biased": true}`, `:1: no "words" (want a list, empty for none)`},
		{"empty", "\n\n", `: no sentences`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "sentences.jsonl"), tc.data)
			_, _, err := LoadBABE(dir)
			assert.EqualError(t, err, filepath.Join(dir, "sentences.jsonl")+tc.want)
		})
	}
	_, _, err := LoadBABE(t.TempDir())
	assert.ErrorContains(t, err, "babe: open ")
}

// TestEvaluateBABE scores the fixture with the test rubric. Sentence by sentence, the words
// the counted findings cover and the gold words (each once a sentence, lowercased):
//
//	1 biased      predicted {brutal, regime's, hoax}   gold {brutal, regime's, fooled}    2 right
//	2 not biased  predicted {extremely}                gold {}                            ("officials": not counted)
//	3 biased      predicted {claimed, regime}          gold {reform, plot, clamed}        "clamed" is in no sentence
//	4 not biased  predicted {}                         gold {}
//	5 biased      predicted {}                         gold {scandal}
//	6 biased      predicted {so-called, savings, brutal}  gold {so-called, brutal}        2 right; "brutal" twice, once counted
func TestEvaluateBABE(t *testing.T) {
	annotator := testAnnotator(t)
	sents, path, err := LoadBABE(babeDir)
	require.NoError(t, err)
	rep, err := EvaluateBABE(context.Background(), sents, annotator, testLoadedMap(t, annotator), path)
	require.NoError(t, err)
	assert.Equal(t, 6, rep.Sentences)

	// Words: 4 right of 9 predicted and 9 gold.
	assert.Equal(t, WordScore{Predicted: 9, Gold: 9, Correct: 4, Absent: 1}, rep.Words)
	assert.InDelta(t, 4.0/9, rep.Words.Precision(), 1e-9)
	assert.InDelta(t, 4.0/9, rep.Words.Recall(), 1e-9)
	assert.InDelta(t, 4.0/9, rep.Words.F1(), 1e-9)

	// Sentences: flagged 1, 2, 3, 6. Biased: P 3/4, R 3/4, F1 0.75; not biased: P 1/2, R 1/2.
	assert.Equal(t, SentenceScore{TruePositive: 3, FalsePositive: 1, FalseNegative: 1, TrueNegative: 1}, rep.SentenceScore)
	assert.InDelta(t, 0.75, rep.SentenceScore.BiasedF1(), 1e-9)
	assert.InDelta(t, 0.5, rep.SentenceScore.UnbiasedF1(), 1e-9)
	assert.InDelta(t, 0.625, rep.SentenceScore.MacroF1(), 1e-9)
	assert.InDelta(t, 4.0/6, rep.SentenceScore.Accuracy(), 1e-9)

	// Per rule, in words: test.labels covers {regime's, hoax} and {regime}, one right; the
	// scare quote {so-called, savings}, one right; test.emotive's three findings cover
	// "brutal" in two sentences.
	prec := map[string]RulePrecision{}
	for _, rp := range rep.Rules {
		prec[rp.Rule] = rp
	}
	assert.Equal(t, RulePrecision{Rule: "test.labels", Category: "labels", Severity: "warning", Counted: true,
		Findings: 3, Hits: 1, Predicted: 3, Correct: 1, Precision: 1.0 / 3}, prec["test.labels"])
	assert.Equal(t, RulePrecision{Rule: "test.emotive", Category: "emotive", Severity: "warning", Counted: true,
		Findings: 3, Hits: 3, Predicted: 2, Correct: 2, Precision: 1}, prec["test.emotive"])
	assert.InDelta(t, 0.5, prec["test.scare-quotes"].Precision, 1e-9)
	assert.Equal(t, 0.0, prec["test.intensifiers"].Precision)
	assert.False(t, prec["test.officials"].Counted)

	// False positives, each with the label of its sentence.
	biased := map[string]int{"biased": 1}
	assert.Equal(t, []RuleErrors{
		{Rule: "test.labels", Count: 2, Findings: 3, Texts: []Wording{{"hoax", 1, biased}, {"regime", 1, biased}}},
		{Rule: "test.claimed", Count: 1, Findings: 1, Texts: []Wording{{"claimed", 1, biased}}},
		{Rule: "test.intensifiers", Count: 1, Findings: 1, Texts: []Wording{{"extremely", 1, map[string]int{"not biased": 1}}}},
	}, rep.Errors.FalsePositives)
	assert.Equal(t, 5, rep.Errors.MissCount)
	assert.Equal(t, []Wording{{"clamed", 1, biased}, {"fooled", 1, biased}, {"plot", 1, biased}, {"reform", 1, biased}, {"scandal", 1, biased}}, rep.Errors.Misses)
}

func TestBABEWords(t *testing.T) {
	var got []string
	for _, tok := range babeWords(`The “so-called” reform’s cost -- 40% -- isn't 'fair'.`) {
		got = append(got, tok.norm)
	}
	assert.Equal(t, []string{"the", "so-called", "reform's", "cost", "40", "isn't", "fair"}, got)
	assert.Equal(t, "reform", normWord(`"Reform"`))
	assert.Equal(t, "don't", normWord("Don’t"))
	assert.Equal(t, "", normWord(`""`))
}
