package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// WriteText writes the BASIL scores: the three span measures, the voice agreement and the
// precision of each rule.
func (r *BASILReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "BASIL lexical bias, partial-overlap span measure\narticles: %d   rubric: %s   map: %s\n\n", r.Articles, r.Rubric, r.Map)
	rows := []struct {
		name string
		s    SpanScore
	}{
		{"all lexical spans vs loaded findings", r.All},
		{"writer's voice (quote = no) vs findings in the writer's voice", r.Writer},
		{"quotations (quote = yes) vs findings in quoted speech", r.Quoted},
	}
	width := len("measure")
	for _, x := range rows {
		width = max(width, len(x.name))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\tgold\tpredicted\tP\tR\tF1\t\n", width, "measure")
	for _, x := range rows {
		fmt.Fprintf(tw, "%-*s\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", width, x.name, x.s.Gold, x.s.Predicted, x.s.Precision(), x.s.Recall(), x.s.F1())
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	v := r.Voice
	fmt.Fprintf(w, "\nvoice agreement: %.3f (%d of %d loaded findings on a lexical span are in the voice of its quote flag; %d in the writer's voice on quoted spans, %d in quoted speech on the writer's)\n",
		v.Rate(), v.Agree, v.Hits, v.WriterOnQuoted, v.QuotedOnWriter)
	fmt.Fprint(w, "\ngold and predicted: spans after merging overlaps. P = Σ|s∩t|/|s| over predicted spans s and gold spans t, / predicted;\n"+
		"R = Σ|s∩t|/|t| / gold; lengths in characters. Loaded findings: the rules the map counts.\n")
	fmt.Fprint(w, "\nPrecision per rule, against all lexical spans:\n\n")
	return writeRulePrecision(w, r.Rules, false)
}

// writeRulePrecision writes one corpus's precision per rule, in the rubric's order; rules the
// map does not count have their precision in parentheses.
func writeRulePrecision(w io.Writer, rules []RulePrecision, words bool) error {
	width := len("rule")
	for _, rp := range rules {
		width = max(width, len(rp.Rule))
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	unit := "spans"
	if words {
		unit = "words"
	}
	fmt.Fprintf(tw, "  %-*s\t%-*s\tfindings\ton gold\t%s\tP\t\n", width, "rule", len("warning/info"), "severity", unit)
	uncounted := false
	for _, rp := range rules {
		p := fmt.Sprintf("%.3f", rp.Precision)
		if !rp.Counted {
			p = "(" + p + ")"
			uncounted = true
		}
		fmt.Fprintf(tw, "  %-*s\t%-*s\t%d\t%d\t%d\t%s\t\n", width, rp.Rule, len("warning/info"), rp.Severity, rp.Findings, rp.Hits, rp.Predicted, p)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	note := "on gold: findings that overlap a gold span; spans: the rule's spans after merging its own overlaps, which P is over."
	if words {
		note = "on gold: findings that cover a biased word; words: the words its findings cover, once a sentence, which P is over."
	}
	fmt.Fprintf(w, "\n%s\n", note)
	if uncounted {
		fmt.Fprint(w, "(P): the map does not count the rule; its findings are scored here for reference only.\n")
	}
	return nil
}

// WriteErrors writes the false positives grouped by rule and the missed lexical spans
// grouped by wording, at most limit texts per rule and limit wordings of misses (all if
// limit <= 0).
func (r *BASILReport) WriteErrors(w io.Writer, limit int) error {
	fp := 0
	for _, re := range r.Errors.FalsePositives {
		fp += re.Count
	}
	fmt.Fprintf(w, "\nFalse positives, by rule and wording (loaded findings that overlap no lexical span; by voice): %d\n", fp)
	for _, re := range r.Errors.FalsePositives {
		fmt.Fprintf(w, "\n  %d of %d findings  %s\n", re.Count, re.Findings, re.Rule)
		writeWordings(w, "    ", re.Texts, limit)
	}
	fmt.Fprintf(w, "\nMisses, by wording (lexical spans that no loaded finding overlaps; writer's voice or quoted): %d\n\n", r.Errors.MissCount)
	writeWordings(w, "  ", r.Errors.Misses, limit)
	return nil
}

// WriteJSON writes the report as one JSON object; with explain, the false positives and
// misses too (at most limit texts per group, all if limit <= 0).
func (r *BASILReport) WriteJSON(w io.Writer, explain bool, limit int) error {
	out := struct {
		Corpus         string          `json:"corpus"`
		Measure        string          `json:"measure"`
		Dir            string          `json:"dir"`
		Rubric         string          `json:"rubric"`
		Map            string          `json:"map"`
		Articles       int             `json:"articles"`
		All            jsonScore       `json:"all_lexical"`
		Writer         jsonScore       `json:"writer_voice"`
		Quoted         jsonScore       `json:"quoted"`
		VoiceAgreement float64         `json:"voice_agreement"`
		Voice          VoiceAgreement  `json:"voice"`
		Rules          []RulePrecision `json:"rules"`
		Counted        []string        `json:"counted_rules"`
		Errors         *biasErrorsJSON `json:"errors,omitempty"`
	}{Corpus: "basil", Measure: "lexical-bias-partial-overlap", Dir: r.Dir, Rubric: r.Rubric, Map: r.Map, Articles: r.Articles,
		All: newJSONScore("", r.All), Writer: newJSONScore("", r.Writer), Quoted: newJSONScore("", r.Quoted),
		VoiceAgreement: r.Voice.Rate(), Voice: r.Voice, Rules: nonNil(r.Rules), Counted: nonNil(r.Counted)}
	if explain {
		out.Errors = newBiasErrorsJSON(r.Errors.FalsePositives, r.Errors.MissCount, r.Errors.Misses, limit)
	}
	return writeJSON(w, out)
}

// biasErrorsJSON is the false positives and misses of a span or word corpus, for JSON.
type biasErrorsJSON struct {
	FalsePositives []RuleErrors `json:"false_positives"`
	MissCount      int          `json:"missed"`
	Misses         []Wording    `json:"misses"`
}

func newBiasErrorsJSON(fps []RuleErrors, missCount int, misses []Wording, limit int) *biasErrorsJSON {
	e := &biasErrorsJSON{MissCount: missCount, Misses: limited(misses, limit), FalsePositives: []RuleErrors{}}
	for _, re := range fps {
		re.Texts = limited(re.Texts, limit)
		e.FalsePositives = append(e.FalsePositives, re)
	}
	return e
}
