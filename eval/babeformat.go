package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteText writes the BABE scores: words, sentences and the precision of each rule.
func (r *BABEReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "BABE biased words and sentences\nsentences: %d   rubric: %s   map: %s\n\n", r.Sentences, r.Rubric, r.Map)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\tgold\tpredicted\tcorrect\tP\tR\tF1\t\n", len("biased words"), "measure")
	x := r.Words
	fmt.Fprintf(tw, "%-*s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", len("biased words"), "biased words", x.Gold, x.Predicted, x.Correct, x.Precision(), x.Recall(), x.F1())
	if err := tw.Flush(); err != nil {
		return err
	}
	s := r.SentenceScore
	fmt.Fprintf(w, "\nbiased sentences: macro-F1 %.3f (F1 biased %.3f, not biased %.3f; accuracy %.3f)\n", s.MacroF1(), s.BiasedF1(), s.UnbiasedF1(), s.Accuracy())
	fmt.Fprintf(w, "  flagged: %d biased, %d not biased; not flagged: %d biased, %d not biased\n", s.TruePositive, s.FalsePositive, s.FalseNegative, s.TrueNegative)
	fmt.Fprintf(w, "\nwords: a word (letters, digits, apostrophes, hyphens) is predicted biased when a loaded finding covers it, gold when the\n"+
		"annotators listed it; each counted once a sentence, case and edge punctuation ignored. Gold words that are no word of\n"+
		"their sentence (misspelt in the labels), counted as misses: %d. A sentence is flagged when it has a loaded finding.\n", x.Absent)
	fmt.Fprint(w, "\nPrecision per rule, at word level:\n\n")
	return writeRulePrecision(w, r.Rules, true)
}

// WriteErrors writes the false positives grouped by rule and the missed biased words, at
// most limit texts per rule and limit missed words (all if limit <= 0).
func (r *BABEReport) WriteErrors(w io.Writer, limit int) error {
	fp := 0
	for _, re := range r.Errors.FalsePositives {
		fp += re.Count
	}
	fmt.Fprintf(w, "\nFalse positives, by rule and wording (loaded findings that cover no biased word of their sentence; by its label): %d\n", fp)
	for _, re := range r.Errors.FalsePositives {
		fmt.Fprintf(w, "\n  %d of %d findings  %s\n", re.Count, re.Findings, re.Rule)
		writeWordings(w, "    ", re.Texts, limit)
	}
	fmt.Fprintf(w, "\nMisses, by word (biased words no loaded finding covers; by the label of their sentence): %d\n\n", r.Errors.MissCount)
	writeWordings(w, "  ", r.Errors.Misses, limit)
	return nil
}

// WriteJSON writes the report as one JSON object; with explain, the false positives and
// misses too (at most limit texts per group, all if limit <= 0).
func (r *BABEReport) WriteJSON(w io.Writer, explain bool, limit int) error {
	type wordsJSON struct {
		WordScore
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1"`
	}
	type sentencesJSON struct {
		SentenceScore
		MacroF1    float64 `json:"macro_f1"`
		BiasedF1   float64 `json:"biased_f1"`
		UnbiasedF1 float64 `json:"unbiased_f1"`
		Accuracy   float64 `json:"accuracy"`
	}
	s := r.SentenceScore
	out := struct {
		Corpus    string          `json:"corpus"`
		Dir       string          `json:"dir"`
		Rubric    string          `json:"rubric"`
		Map       string          `json:"map"`
		Count     int             `json:"sentences"`
		Words     wordsJSON       `json:"words"`
		Sentences sentencesJSON   `json:"sentence_labels"`
		Rules     []RulePrecision `json:"rules"`
		Counted   []string        `json:"counted_rules"`
		Errors    *biasErrorsJSON `json:"errors,omitempty"`
	}{Corpus: "babe", Dir: r.Dir, Rubric: r.Rubric, Map: r.Map, Count: r.Sentences,
		Words:     wordsJSON{r.Words, r.Words.Precision(), r.Words.Recall(), r.Words.F1()},
		Sentences: sentencesJSON{s, s.MacroF1(), s.BiasedF1(), s.UnbiasedF1(), s.Accuracy()},
		Rules:     nonNil(r.Rules), Counted: nonNil(r.Counted)}
	if explain {
		out.Errors = newBiasErrorsJSON(r.Errors.FalsePositives, r.Errors.MissCount, r.Errors.Misses, limit)
	}
	return writeJSON(w, out)
}
