package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// WriteText writes the PTC scores as a table: one row per technique and one for all of them
// together, with the task's partial-overlap measure and exact match side by side.
func (r *PTCReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "PTC span identification, SemEval-2020 Task 11 measure\narticles: %d   rubric: %s   map: %s\n\n", r.Articles, r.Rubric, r.Map)
	overall := "overall (1 technique)"
	if len(r.Techniques) != 1 {
		overall = fmt.Sprintf("overall (%d techniques)", len(r.Techniques))
	}
	width := len(overall)
	for _, t := range r.Techniques {
		width = max(width, len(t.Technique))
	}
	// Numbers align right; the names are padded by hand so that they align left.
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\tgold\tpredicted\tP\tR\tF1\t\texact P\texact R\texact F1\t\n", width, "technique")
	row := func(name string, s SpanScore) {
		fmt.Fprintf(tw, "%-*s\t%d\t%d\t%.3f\t%.3f\t%.3f\t\t%.3f\t%.3f\t%.3f\t\n", width, name, s.Gold, s.Predicted,
			s.Precision(), s.Recall(), s.F1(), s.ExactPrecision(), s.ExactRecall(), s.ExactF1())
	}
	for _, t := range r.Techniques {
		row(t.Technique, t.Score)
	}
	row(overall, r.Overall)
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\ngold and predicted: spans after merging overlaps (per technique; overall, all techniques together).\n"+
		"P = Σ|s∩t|/|s| over predicted spans s and gold spans t, / predicted; R = Σ|s∩t|/|t| / gold; lengths in characters.\n"+
		"rules mapped to no technique (not scored): %s\n", listOrNone(r.Unmapped))
	if err != nil {
		return err
	}
	fmt.Fprint(w, "\nPrecision per rule, against the gold spans of the mapped techniques together:\n\n")
	return writeRulePrecision(w, r.Rules, false)
}

// WriteErrors writes the false positives grouped by rule and the missed gold spans grouped by
// wording, at most limit texts per rule and limit wordings of misses (all if limit <= 0).
func (r *PTCReport) WriteErrors(w io.Writer, limit int) error {
	fp := 0
	for _, re := range r.Errors.FalsePositives {
		fp += re.Count
	}
	fmt.Fprintf(w, "\nFalse positives, by rule (findings that overlap no gold span of the mapped techniques): %d\n", fp)
	for _, re := range r.Errors.FalsePositives {
		fmt.Fprintf(w, "\n  %d of %d findings  %s (%s)\n", re.Count, re.Findings, re.Rule, re.Technique)
		writeWordings(w, "    ", re.Texts, limit)
	}
	fmt.Fprintf(w, "\nMisses, by wording (gold spans of the mapped techniques that no finding overlaps): %d\n\n", r.Errors.MissCount)
	writeWordings(w, "  ", r.Errors.Misses, limit)
	return nil
}

func writeWordings(w io.Writer, indent string, ws []Wording, limit int) {
	for i, x := range ws {
		if limit > 0 && i == limit {
			fmt.Fprintf(w, "%s... %d more\n", indent, len(ws)-limit)
			break
		}
		labels := ""
		if len(x.Labels) > 0 {
			var parts []string
			for _, l := range slices.Sorted(maps.Keys(x.Labels)) {
				parts = append(parts, fmt.Sprintf("%s %d", l, x.Labels[l]))
			}
			labels = "  (" + strings.Join(parts, ", ") + ")"
		}
		fmt.Fprintf(w, "%s%4d  %s%s\n", indent, x.Count, quoteText(x.Text), labels)
	}
}

func quoteText(s string) string {
	return "“" + clip(s, 100) + "”"
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

// jsonScore is a SpanScore with its measures, for JSON.
type jsonScore struct {
	Technique      string  `json:"technique,omitempty"`
	Gold           int     `json:"gold"`
	Predicted      int     `json:"predicted"`
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
	F1             float64 `json:"f1"`
	ExactPrecision float64 `json:"exact_precision"`
	ExactRecall    float64 `json:"exact_recall"`
	ExactF1        float64 `json:"exact_f1"`
	PrecNum        float64 `json:"precision_numerator"`
	RecNum         float64 `json:"recall_numerator"`
	ExactPredicted int     `json:"exact_predicted"`
	ExactGold      int     `json:"exact_gold"`
}

func newJSONScore(name string, s SpanScore) jsonScore {
	return jsonScore{name, s.Gold, s.Predicted, s.Precision(), s.Recall(), s.F1(),
		s.ExactPrecision(), s.ExactRecall(), s.ExactF1(), s.PrecNum, s.RecNum, s.ExactPredicted, s.ExactGold}
}

// WriteJSON writes the report as one JSON object; with explain, the false positives and
// misses too (at most limit texts per group, all if limit <= 0).
func (r *PTCReport) WriteJSON(w io.Writer, explain bool, limit int) error {
	type errorsJSON struct {
		FalsePositives []RuleErrors `json:"false_positives"`
		MissCount      int          `json:"missed_spans"`
		Misses         []Wording    `json:"misses"`
	}
	out := struct {
		Corpus     string          `json:"corpus"`
		Measure    string          `json:"measure"`
		Dir        string          `json:"dir"`
		Rubric     string          `json:"rubric"`
		Map        string          `json:"map"`
		Articles   int             `json:"articles"`
		Techniques []jsonScore     `json:"techniques"`
		Overall    jsonScore       `json:"overall"`
		Unmapped   []string        `json:"unmapped_rules"`
		Rules      []RulePrecision `json:"rules"`
		Errors     *errorsJSON     `json:"errors,omitempty"`
	}{Corpus: "ptc", Measure: "semeval-2020-task-11-span-identification", Dir: r.Dir, Rubric: r.Rubric, Map: r.Map,
		Articles: r.Articles, Overall: newJSONScore("", r.Overall), Unmapped: nonNil(r.Unmapped), Rules: nonNil(r.Rules)}
	for _, t := range r.Techniques {
		out.Techniques = append(out.Techniques, newJSONScore(t.Technique, t.Score))
	}
	if explain {
		e := &errorsJSON{MissCount: r.Errors.MissCount, Misses: limited(r.Errors.Misses, limit)}
		for _, re := range r.Errors.FalsePositives {
			re.Texts = limited(re.Texts, limit)
			e.FalsePositives = append(e.FalsePositives, re)
		}
		e.FalsePositives = nonNil(e.FalsePositives)
		out.Errors = e
	}
	return writeJSON(w, out)
}

// WriteText writes the PolNeAR scores.
func (r *PolNeARReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "PolNeAR attribution relations\narticles: %d   attributor: %s\n\n", r.Articles, r.Attributor)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "gold relations\t%d\t(%d without a source)\n", r.Gold, r.GoldNoSource)
	fmt.Fprintf(tw, "predicted relations\t%d\n", r.Predicted)
	fmt.Fprintf(tw, "precision\t%.3f\t(%d of %d predicted relations found a gold relation)\n", r.Precision(), r.PredictedFound, r.Predicted)
	fmt.Fprintf(tw, "recall\t%.3f\t(%d of %d gold relations found: %d by cue, %d by content only)\n", r.Recall(), r.GoldFound, r.Gold, r.GoldFoundByCue, r.GoldFound-r.GoldFoundByCue)
	fmt.Fprintf(tw, "F1\t%.3f\n", r.F1())
	fmt.Fprintf(tw, "source accuracy\t%.3f\t(%d of %d found; %d of the %d found without a gold source have no predicted source)\n",
		r.SourceAccuracy(), r.SourceCorrect, r.GoldFound, r.NoSourceCorrect, r.FoundNoSource)
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprint(w, "\nfound: a predicted cue overlaps the gold cue, or else the predicted content covers at least half of the gold content.\n")
	return err
}

// WriteErrors writes the missed and false-positive cues by wording, and the wrong sources,
// at most limit each.
func (r *PolNeARReport) WriteErrors(w io.Writer, limit int) error {
	fmt.Fprintf(w, "\nMissed cues, by wording (gold relations no prediction found): %d\n\n", r.Gold-r.GoldFound)
	writeWordings(w, "  ", r.Errors.MissedCues, limit)
	fmt.Fprintf(w, "\nFalse-positive cues, by wording (predicted relations that found no gold relation): %d\n\n", r.Predicted-r.PredictedFound)
	writeWordings(w, "  ", r.Errors.FalseCues, limit)
	fmt.Fprintf(w, "\nWrong sources, predicted → gold (gold relations found, with a gold source the predicted one misses): %d\n\n", r.GoldFound-r.FoundNoSource-(r.SourceCorrect-r.NoSourceCorrect))
	writeWordings(w, "  ", r.Errors.WrongSources, limit)
	return nil
}

// WriteJSON writes the report as one JSON object; with explain, the cue and source errors
// too.
func (r *PolNeARReport) WriteJSON(w io.Writer, explain bool, limit int) error {
	type errorsJSON struct {
		MissedCues   []Wording `json:"missed_cues"`
		FalseCues    []Wording `json:"false_positive_cues"`
		WrongSources []Wording `json:"wrong_sources"`
	}
	out := struct {
		Corpus string `json:"corpus"`
		*PolNeARReport
		Precision      float64     `json:"precision"`
		Recall         float64     `json:"recall"`
		F1             float64     `json:"f1"`
		SourceAccuracy float64     `json:"source_accuracy"`
		Errors         *errorsJSON `json:"errors,omitempty"`
	}{Corpus: "polnear", PolNeARReport: r, Precision: r.Precision(), Recall: r.Recall(), F1: r.F1(), SourceAccuracy: r.SourceAccuracy()}
	if explain {
		out.Errors = &errorsJSON{limited(r.Errors.MissedCues, limit), limited(r.Errors.FalseCues, limit), limited(r.Errors.WrongSources, limit)}
	}
	return writeJSON(w, out)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func limited[T any](xs []T, limit int) []T {
	if limit > 0 && len(xs) > limit {
		xs = xs[:limit]
	}
	return nonNil(xs)
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
