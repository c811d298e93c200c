package eval

import "github.com/slant-news/slant/annotate/prose"

// SpanScore accumulates the SemEval-2020 Task 11 span-identification measure over articles,
// with exact-match counts beside it.
//
// For one article with predicted spans S and gold spans T (each set first merged where spans
// overlap, see [prose.MergeOverlapping]):
//
//	precision numerator = Σ_{s∈S} Σ_{t∈T} |s∩t| / |s|
//	recall numerator    = Σ_{s∈S} Σ_{t∈T} |s∩t| / |t|
//
// with lengths in code points. Over a corpus the numerators and the span counts |S| and |T|
// are summed, and precision = Σ numerators / Σ |S|, recall = Σ numerators / Σ |T|: a corpus
// of many short articles is not averaged article by article.
type SpanScore struct {
	Predicted int     `json:"predicted"` // predicted spans, after merging
	Gold      int     `json:"gold"`      // gold spans, after merging
	PrecNum   float64 `json:"precision_numerator"`
	RecNum    float64 `json:"recall_numerator"`
	// ExactPredicted counts predicted spans equal to a gold span; ExactGold, gold spans equal
	// to a predicted span (the two differ only if a set has duplicates, which merging removes).
	ExactPredicted int `json:"exact_predicted"`
	ExactGold      int `json:"exact_gold"`
}

// Add scores one article's spans (byte spans of a text indexed by o) and adds them in.
func (sc *SpanScore) Add(o *Offsets, predicted, gold []prose.Span) {
	S := prose.MergeOverlapping(predicted)
	T := prose.MergeOverlapping(gold)
	sc.Predicted += len(S)
	sc.Gold += len(T)
	exactGold := make([]bool, len(T))
	for _, s := range S {
		ls := o.Len(s)
		exact := false
		for j, t := range T {
			if s == t {
				exact = true
				exactGold[j] = true
			}
			if !s.Overlaps(t) {
				continue
			}
			n := float64(o.Len(intersection(s, t)))
			sc.PrecNum += n / float64(ls)
			sc.RecNum += n / float64(o.Len(t))
		}
		if exact {
			sc.ExactPredicted++
		}
	}
	for _, e := range exactGold {
		if e {
			sc.ExactGold++
		}
	}
}

// Merge adds another score's counts into sc.
func (sc *SpanScore) Merge(other SpanScore) {
	sc.Predicted += other.Predicted
	sc.Gold += other.Gold
	sc.PrecNum += other.PrecNum
	sc.RecNum += other.RecNum
	sc.ExactPredicted += other.ExactPredicted
	sc.ExactGold += other.ExactGold
}

// Precision, Recall and F1 follow the task scorer's compute_prec_rec_f1: a measure with an
// empty denominator is 0, and F1 is 1 when there is nothing to find and nothing was predicted.
func (sc SpanScore) Precision() float64 { return ratio(sc.PrecNum, sc.Predicted) }

// Recall is the recall numerator over the gold spans.
func (sc SpanScore) Recall() float64 { return ratio(sc.RecNum, sc.Gold) }

// F1 is the harmonic mean of Precision and Recall.
func (sc SpanScore) F1() float64 {
	return f1(sc.Precision(), sc.Recall(), sc.Predicted == 0 && sc.Gold == 0)
}

// ExactPrecision is the share of predicted spans that equal a gold span.
func (sc SpanScore) ExactPrecision() float64 { return ratio(float64(sc.ExactPredicted), sc.Predicted) }

// ExactRecall is the share of gold spans that equal a predicted span.
func (sc SpanScore) ExactRecall() float64 { return ratio(float64(sc.ExactGold), sc.Gold) }

// ExactF1 is the harmonic mean of ExactPrecision and ExactRecall.
func (sc SpanScore) ExactF1() float64 {
	return f1(sc.ExactPrecision(), sc.ExactRecall(), sc.Predicted == 0 && sc.Gold == 0)
}

func ratio(num float64, den int) float64 {
	if den == 0 {
		return 0
	}
	return num / float64(den)
}

func f1(p, r float64, nothing bool) float64 {
	if nothing {
		return 1
	}
	if p <= 0 || r <= 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
