package eval

import (
	"fmt"

	"github.com/slant-news/slant/annotate/prose"
)

// PolNeARReport is the result of scoring an attributor on PolNeAR.
//
// A gold relation is found by a predicted relation when the predicted cue overlaps the gold
// cue or, failing that, the predicted content covers at least half of the gold content
// (counted in code points). Precision is the share of predicted relations that found some
// gold relation, recall the share of gold relations found. Source accuracy is, over the gold
// relations found, the share whose predicted source overlaps the gold source; a gold relation
// without a source counts as correct when the prediction has no source either. When several
// predictions find one gold relation, the one used for its source is the first (in document
// order) whose cue overlaps, or else the one covering most of its content.
type PolNeARReport struct {
	Dir             string `json:"dir"`        // set by the caller, for the output
	Attributor      string `json:"attributor"` // set by the caller: what made the predictions
	Articles        int    `json:"articles"`
	Gold            int    `json:"gold_relations"`
	GoldNoSource    int    `json:"gold_without_source"`
	Predicted       int    `json:"predicted_relations"`
	PredictedFound  int    `json:"predicted_that_found_gold"` // precision numerator
	GoldFound       int    `json:"gold_found"`                // recall numerator
	GoldFoundByCue  int    `json:"gold_found_by_cue"`         // of GoldFound, through an overlapping cue
	SourceCorrect   int    `json:"source_correct"`            // of GoldFound
	FoundNoSource   int    `json:"found_without_gold_source"` // of GoldFound, gold relations with no source
	NoSourceCorrect int    `json:"found_without_gold_source_correct"`

	// Errors lists missed and false-positive cues, for a rubric author.
	Errors PolNeARErrors `json:"-"`
}

// PolNeARErrors groups the cues of missed gold relations and of predicted relations that
// found none, and the sources that were wrong ("predicted → gold", "(none)" where the
// prediction has no source), lowercased, most frequent first.
type PolNeARErrors struct {
	MissedCues   []Wording
	FalseCues    []Wording
	WrongSources []Wording
}

// Precision is the share of predicted relations that found a gold relation.
func (r *PolNeARReport) Precision() float64 { return ratio(float64(r.PredictedFound), r.Predicted) }

// Recall is the share of gold relations found.
func (r *PolNeARReport) Recall() float64 { return ratio(float64(r.GoldFound), r.Gold) }

// F1 is the harmonic mean of Precision and Recall.
func (r *PolNeARReport) F1() float64 {
	return f1(r.Precision(), r.Recall(), r.Predicted == 0 && r.Gold == 0)
}

// SourceAccuracy is the share of found gold relations whose source was right.
func (r *PolNeARReport) SourceAccuracy() float64 { return ratio(float64(r.SourceCorrect), r.GoldFound) }

// EvaluatePolNeAR runs att over every article (read as plain text) and scores its relations.
func EvaluatePolNeAR(articles []*PolNeARArticle, att Attributor) (*PolNeARReport, error) {
	rep := &PolNeARReport{Articles: len(articles)}
	missed, falses, wrong := map[string]int{}, map[string]int{}, map[string]int{}
	for _, a := range articles {
		doc, err := prose.Parse(a.Path, a.Source, prose.FormatText)
		if err != nil {
			return nil, err
		}
		preds := att.Attributions(doc)
		for i, p := range preds {
			for _, s := range []prose.Span{p.Source, p.Cue, p.Content} {
				if s.Start < 0 || s.End < s.Start || s.End > len(a.Source) {
					return nil, fmt.Errorf("%s: predicted relation %d has span %d-%d outside the document (%d bytes)", a.Path, i, s.Start, s.End, len(a.Source))
				}
			}
		}
		scoreRelations(rep, a, preds, missed, falses, wrong)
	}
	rep.Errors.MissedCues = countedWordings(missed)
	rep.Errors.FalseCues = countedWordings(falses)
	rep.Errors.WrongSources = countedWordings(wrong)
	return rep, nil
}

// match says how prediction p finds gold relation g: by cue, by content coverage (the
// covered share is returned), or not at all.
func match(o *Offsets, p Relation, g *GoldRelation) (byCue bool, coverage float64, found bool) {
	for _, c := range g.Cue {
		if p.Cue.Overlaps(c) {
			return true, 0, true
		}
	}
	total, covered := 0, 0
	for _, c := range g.Content {
		total += o.Len(c)
		covered += o.Len(intersection(p.Content, c))
	}
	if total == 0 || p.Content.End <= p.Content.Start {
		return false, 0, false
	}
	coverage = float64(covered) / float64(total)
	return false, coverage, coverage >= 0.5
}

func scoreRelations(rep *PolNeARReport, a *PolNeARArticle, preds []Relation, missed, falses, wrong map[string]int) {
	o := a.Offsets()
	rep.Gold += len(a.Relations)
	rep.Predicted += len(preds)
	predFound := make([]bool, len(preds))
	for gi := range a.Relations {
		g := &a.Relations[gi]
		if !g.HasSource() {
			rep.GoldNoSource++
		}
		best, bestByCue, bestCov := -1, false, 0.0
		for pi, p := range preds {
			byCue, cov, found := match(o, p, g)
			if !found {
				continue
			}
			predFound[pi] = true
			switch {
			case best < 0, byCue && !bestByCue, !byCue && !bestByCue && cov > bestCov:
				best, bestByCue, bestCov = pi, byCue, cov
			}
		}
		if best < 0 {
			missed[wording(joinSpans(a.Source, g.Cue))]++
			continue
		}
		rep.GoldFound++
		if bestByCue {
			rep.GoldFoundByCue++
		}
		p := preds[best]
		if !g.HasSource() {
			rep.FoundNoSource++
			if p.Source.End <= p.Source.Start {
				rep.NoSourceCorrect++
				rep.SourceCorrect++
			}
			continue
		}
		right := false
		for _, s := range g.Source {
			right = right || p.Source.Overlaps(s)
		}
		if right {
			rep.SourceCorrect++
			continue
		}
		predicted := "(none)"
		if p.Source.End > p.Source.Start {
			predicted = wording(string(a.Source[p.Source.Start:p.Source.End]))
		}
		wrong[predicted+" → "+wording(joinSpans(a.Source, g.Source))]++
	}
	for pi, p := range preds {
		if predFound[pi] {
			rep.PredictedFound++
			continue
		}
		text := "(no cue)"
		if p.Cue.End > p.Cue.Start {
			text = wording(string(a.Source[p.Cue.Start:p.Cue.End]))
		}
		falses[text]++
	}
}
