package eval

import (
	"path/filepath"
	"testing"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const polnearDir = "../testdata/eval/polnear"

// The fixture article, one relation per line but the last:
//
//	Zoë Müller said the budget was “a disaster” on Tuesday.        E1: source, cue "said", content
//	The plan, officials believe, will fail.                         E2: content "The plan" + "will fail"
//	“It is over,” the mayor told reporters. “We lost.”              E3: content in two quotations
//	It is said that taxes will rise.                                E4: no source, cue "is said"
//	Turnout fell, according to a poll.                              E5: cue "according to"
//	Nobody knew why. 🙃                                             (a Discard span only)
func loadFixture(t *testing.T) *PolNeARArticle {
	t.Helper()
	arts, warnings, err := LoadPolNeAR(polnearDir)
	require.NoError(t, err)
	assert.Empty(t, warnings)
	require.Len(t, arts, 1)
	return arts[0]
}

func TestLoadPolNeAR(t *testing.T) {
	a := loadFixture(t)
	assert.Equal(t, "harbour", a.Name)
	require.Len(t, a.Relations, 5)
	text := func(spans []prose.Span) string { return joinSpans(a.Source, spans) }

	e1 := a.Relations[0]
	assert.Equal(t, "E1", e1.ID)
	assert.Equal(t, 5, e1.Line)
	assert.Equal(t, "Attribution", e1.Type)
	// "Zoë Müller" is 10 characters and 12 bytes.
	assert.Equal(t, []prose.Span{{Start: 0, End: 12}}, e1.Source)
	assert.Equal(t, "said", text(e1.Cue))
	assert.Equal(t, "the budget was “a disaster” on Tuesday", text(e1.Content))

	e2 := a.Relations[1]
	assert.Equal(t, []string{"The plan", "will fail"}, []string{text(e2.Content[:1]), text(e2.Content[1:])}, "a discontinuous span")

	e3 := a.Relations[2]
	assert.Equal(t, "the mayor", text(e3.Source))
	assert.Equal(t, "It is over, We lost.", text(e3.Content))

	e4 := a.Relations[3]
	assert.Equal(t, "Attribution-no-source", e4.Type)
	assert.False(t, e4.HasSource())
	assert.Equal(t, "is said", text(e4.Cue))

	assert.Equal(t, "according to", text(a.Relations[4].Cue))
}

func TestParseBrat(t *testing.T) {
	src := []byte("Éva said “no”, and she added “never”.\nThey think so.")
	ann := "T1\tSource 0 3\tÉva\n" +
		"T2\tCue 4 8\tsaid\n" +
		"T3\tContent 10 12\tno\n" +
		"T4\tAttribution 4 8\tsaid\n" +
		"T5\tContent 30 35\tnever\n" +
		"E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3 Content2:T5\n" +
		"#1\tAnnotatorNotes T1\ta note\n" +
		"T6\tAttribution-no-source 43 48\tthink\n" +
		"T7\tContent 49 51\tso\n" +
		"E2\tAttribution-no-source:T6 Content:T7\n" + // no Cue: the trigger is the cue
		"\n" +
		"T8\tCue 4\tsaid\n" + // malformed
		"T9\tCue 4 8;9 x\tsaid\n" + // malformed fragment
		"T10\tCue 0 99\tÉva\n" + // outside the text
		"T11\tCue 0 3\tEva\n" + // text differs
		"T12\n" + // no fields
		"E3\tAttribution:T4 Cue:T99\n" + // unknown span
		"E4\tAttribution:T4 Speaker:T1\n" + // unknown role
		"E5\tAttribution:T4\n" + // nothing but the trigger
		"E6\tCue:T2 Content:T3\n" + // no type
		"T2\tCue 4 8\tsaid\n" // duplicate id
	rels, warnings := ParseBrat("x.ann", []byte(ann), src, NewOffsets(src))
	require.Len(t, rels, 2)
	e1 := rels[0]
	assert.Equal(t, "Éva", joinSpans(src, e1.Source))
	assert.Equal(t, "no never", joinSpans(src, e1.Content), "Content2 adds to the content")
	e2 := rels[1]
	assert.Equal(t, "Attribution-no-source", e2.Type)
	assert.Equal(t, "think", joinSpans(src, e2.Cue))
	assert.Equal(t, []string{
		`x.ann:12: T8: span "4": want START END`,
		`x.ann:13: T9: span "9 x": want integers 0 <= START < END`,
		`x.ann:14: T10: span 0-99 is outside the text (52 characters)`,
		`x.ann:15: T11: text "Eva" differs from the article's "Éva" at its offsets`,
		`x.ann:16: malformed span line (want T<n>, TAB, LABEL START END, TAB, TEXT)`,
		`x.ann:17: E3: argument "Cue:T99": no span T99; relation skipped`,
		`x.ann:18: E4: unknown role "Speaker"; relation skipped`,
		`x.ann:19: E5: no Cue and no Content; relation skipped`,
		`x.ann:20: E6: type "Cue" is not an attribution; relation skipped`,
		`x.ann:21: duplicate id T2`,
	}, warnings)
}

func TestLoadPolNeARErrors(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "text", "a.txt"), "text")
	_, _, err := LoadPolNeAR(dir)
	assert.ErrorContains(t, err, "a.txt: no attributions file")
	writeFile(t, filepath.Join(dir, "attributions", "a.ann"), "")
	writeFile(t, filepath.Join(dir, "attributions", "b.ann"), "")
	_, _, err = LoadPolNeAR(dir)
	assert.ErrorContains(t, err, "b.ann: no text file")
	_, _, err = LoadPolNeAR(t.TempDir())
	assert.ErrorContains(t, err, "no articles")
}

func TestBaseline(t *testing.T) {
	doc, err := prose.Parse("t.txt", []byte("Said the mayor: “I SAY no.” She says-so, he sayss, they’re told.\n\nWe think."), prose.FormatText)
	require.NoError(t, err)
	var cues []string
	for _, r := range (Baseline{}).Attributions(doc) {
		assert.Equal(t, prose.Span{}, r.Source)
		assert.Equal(t, prose.Span{}, r.Content)
		cues = append(cues, string(doc.Source[r.Cue.Start:r.Cue.End]))
	}
	// Whole words in any case; "says-so" and "sayss" are other words.
	assert.Equal(t, []string{"Said", "SAY", "told", "think"}, cues)
	assert.Len(t, BaselineVerbs, 30)
}

// TestEvaluatePolNeARBaseline: the baseline predicts a cue-only relation at "said" (line 1),
// "believe", "told", "said" (of "is said") and "knew".
//
//	precision = 4/5 = 0.8 ("knew" finds nothing)
//	recall    = 4/5 = 0.8 (E5, "according to", is missed)
//	source accuracy = 1/4: of E1-E4, only E4 has no gold source, and the baseline none
func TestEvaluatePolNeARBaseline(t *testing.T) {
	a := loadFixture(t)
	rep, err := EvaluatePolNeAR([]*PolNeARArticle{a}, Baseline{})
	require.NoError(t, err)
	assert.Equal(t, 5, rep.Gold)
	assert.Equal(t, 1, rep.GoldNoSource)
	assert.Equal(t, 5, rep.Predicted)
	assert.Equal(t, 4, rep.PredictedFound)
	assert.Equal(t, 4, rep.GoldFound)
	assert.Equal(t, 4, rep.GoldFoundByCue)
	assert.InDelta(t, 0.8, rep.Precision(), 1e-12)
	assert.InDelta(t, 0.8, rep.Recall(), 1e-12)
	assert.InDelta(t, 0.8, rep.F1(), 1e-12)
	assert.Equal(t, 1, rep.SourceCorrect)
	assert.Equal(t, 1, rep.NoSourceCorrect)
	assert.InDelta(t, 0.25, rep.SourceAccuracy(), 1e-12)
	assert.Equal(t, []Wording{{Text: "according to", Count: 1}}, rep.Errors.MissedCues)
	assert.Equal(t, []Wording{{Text: "knew", Count: 1}}, rep.Errors.FalseCues)
}

// TestEvaluatePolNeARContent checks the content rule and source accuracy with hand-made
// predictions.
func TestEvaluatePolNeARContent(t *testing.T) {
	a := loadFixture(t)
	src := string(a.Source)
	at := func(s string) prose.Span {
		for i := 0; i+len(s) <= len(src); i++ {
			if src[i:i+len(s)] == s {
				return prose.Span{Start: i, End: i + len(s)}
			}
		}
		t.Fatalf("%q not in the fixture", s)
		return prose.Span{}
	}
	preds := []Relation{
		// E1 by cue, with the right source ("Müller" overlaps "Zoë Müller").
		{Source: at("Müller"), Cue: at("said")},
		// E2 by content: "The plan, officials believe, will fail" covers both pieces of
		// "The plan" + "will fail" (17 of 17 characters); the source is wrong.
		{Source: at("The plan"), Content: at("The plan, officials believe, will fail")},
		// E3 by content: "It is over," is 11 of the 19 characters of "It is over," + "We
		// lost." (11/19 = 0.58 >= 0.5); source "the mayor" is right.
		{Source: at("the mayor"), Content: at("It is over,")},
		// Not E4: "taxes" is 5 of 15 characters (0.33 < 0.5).
		{Content: at("taxes")},
		// E5 by cue, with a source where the gold has "a poll": wrong.
		{Source: at("Turnout"), Cue: at("according")},
	}
	rep, err := EvaluatePolNeAR([]*PolNeARArticle{a}, AttributorFunc(func(*prose.Document) []Relation { return preds }))
	require.NoError(t, err)
	// precision 4/5, recall 4/5 (E4 missed), 2 by cue and 2 by content only;
	// source accuracy 2/4 (E1 and E3).
	assert.Equal(t, 4, rep.PredictedFound)
	assert.Equal(t, 4, rep.GoldFound)
	assert.Equal(t, 2, rep.GoldFoundByCue)
	assert.Equal(t, 2, rep.SourceCorrect)
	assert.Equal(t, 0, rep.FoundNoSource)
	assert.InDelta(t, 0.5, rep.SourceAccuracy(), 1e-12)
	assert.Equal(t, []Wording{{Text: "is said", Count: 1}}, rep.Errors.MissedCues)
	assert.Equal(t, []Wording{{Text: "(no cue)", Count: 1}}, rep.Errors.FalseCues)
	assert.Equal(t, []Wording{{Text: "the plan → officials", Count: 1}, {Text: "turnout → a poll", Count: 1}}, rep.Errors.WrongSources)
}

// TestEvaluatePolNeARPrefersCue: when two predictions find one gold relation, the one whose
// cue overlaps decides the source.
func TestEvaluatePolNeARPrefersCue(t *testing.T) {
	src := []byte("Ann said it rained.")
	o := NewOffsets(src)
	ann := "T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 18\tit rained\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
	rels, w := ParseBrat("a.ann", []byte(ann), src, o)
	require.Empty(t, w)
	a := &PolNeARArticle{Name: "a", ArticleText: ArticleText{Path: "a.txt", Source: src}, Relations: rels}
	preds := []Relation{
		{Content: prose.Span{Start: 9, End: 18}},                                  // by content, no source
		{Source: prose.Span{Start: 0, End: 3}, Cue: prose.Span{Start: 4, End: 8}}, // by cue, right source
	}
	rep, err := EvaluatePolNeAR([]*PolNeARArticle{a}, AttributorFunc(func(*prose.Document) []Relation { return preds }))
	require.NoError(t, err)
	assert.Equal(t, 2, rep.PredictedFound)
	assert.Equal(t, 1, rep.GoldFound)
	assert.Equal(t, 1, rep.SourceCorrect)
}

func TestEvaluatePolNeARBadSpan(t *testing.T) {
	a := loadFixture(t)
	_, err := EvaluatePolNeAR([]*PolNeARArticle{a}, AttributorFunc(func(*prose.Document) []Relation {
		return []Relation{{Cue: prose.Span{Start: 5, End: 9999}}}
	}))
	assert.ErrorContains(t, err, "predicted relation 0 has span 5-9999 outside the document")
}
