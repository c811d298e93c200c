package eval

import (
	"testing"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/stretchr/testify/assert"
)

func sp(s, e int) prose.Span { return prose.Span{Start: s, End: e} }

func TestMergeOverlapping(t *testing.T) {
	in := []prose.Span{sp(10, 20), sp(0, 5), sp(15, 25), sp(5, 8), sp(3, 3), sp(24, 30), sp(0, 5)}
	// 0-5 and 5-8 only touch: they stay apart, as in the task scorer (its spans are sets of
	// character indices, and {0..4} and {5..7} do not intersect). 10-20, 15-25 and 24-30 chain
	// into one; the empty 3-3 and the duplicate 0-5 go.
	assert.Equal(t, []prose.Span{sp(0, 5), sp(5, 8), sp(10, 30)}, prose.MergeOverlapping(in))
	assert.Equal(t, []prose.Span{sp(10, 20), sp(0, 5), sp(15, 25), sp(5, 8), sp(3, 3), sp(24, 30), sp(0, 5)}, in, "input kept")
	assert.Empty(t, prose.MergeOverlapping(nil))
}

func TestSpanScoreByHand(t *testing.T) {
	o := NewOffsets([]byte("0123456789012345678901234567890123456789")) // ASCII: bytes = characters
	var sc SpanScore
	// Article 1. Predicted: 0-10, 20-24. Gold: 5-15 and 12-30 (overlap: merged into 5-30), 35-40.
	//   S = {0-10, 20-24}, T = {5-30, 35-40}
	//   0-10 ∩ 5-30 = 5 chars: precision += 5/10, recall += 5/25
	//   20-24 ∩ 5-30 = 4 chars: precision += 4/4, recall += 4/25
	//   precision numerator 1.5, recall numerator 9/25 = 0.36
	sc.Add(o, []prose.Span{sp(0, 10), sp(20, 24)}, []prose.Span{sp(5, 15), sp(12, 30), sp(35, 40)})
	assert.Equal(t, SpanScore{Predicted: 2, Gold: 2, PrecNum: 1.5, RecNum: 0.36}, sc)
	// Article 2. Predicted 0-4 and 2-8 (merged into 0-8) and 30-34; gold 0-8 and 20-25.
	//   0-8 = 0-8: precision += 1, recall += 1, an exact match
	//   30-34 overlaps nothing.
	sc.Add(o, []prose.Span{sp(0, 4), sp(2, 8), sp(30, 34)}, []prose.Span{sp(0, 8), sp(20, 25)})
	// Totals: predicted 2+2 = 4, gold 2+2 = 4, precision numerator 2.5, recall numerator 1.36.
	assert.Equal(t, 4, sc.Predicted)
	assert.Equal(t, 4, sc.Gold)
	assert.InDelta(t, 2.5, sc.PrecNum, 1e-12)
	assert.InDelta(t, 1.36, sc.RecNum, 1e-12)
	// P = 2.5/4 = 0.625, R = 1.36/4 = 0.34, F1 = 2·0.625·0.34/0.965 = 0.44041...
	assert.InDelta(t, 0.625, sc.Precision(), 1e-12)
	assert.InDelta(t, 0.34, sc.Recall(), 1e-12)
	assert.InDelta(t, 0.425/0.965, sc.F1(), 1e-12)
	// Exact: 1 of 4 predicted, 1 of 4 gold.
	assert.Equal(t, 0.25, sc.ExactPrecision())
	assert.Equal(t, 0.25, sc.ExactRecall())
	assert.Equal(t, 0.25, sc.ExactF1())
}

func TestSpanScoreCountsCharacters(t *testing.T) {
	// "ééé abc": the prediction is the bytes of "ééé " (7 bytes, 4 characters), the gold
	// span "é abc" (6 bytes, 5 characters); they share "é " (3 bytes, 2 characters).
	text := "ééé abc"
	o := NewOffsets([]byte(text))
	pred := sp(0, 7)
	gold := sp(4, 10)
	assert.Equal(t, "ééé ", text[pred.Start:pred.End])
	assert.Equal(t, "é abc", text[gold.Start:gold.End])
	var sc SpanScore
	sc.Add(o, []prose.Span{pred}, []prose.Span{gold})
	// precision 2/4 and recall 2/5 (bytes would give 3/7 and 3/6)
	assert.InDelta(t, 0.5, sc.Precision(), 1e-12)
	assert.InDelta(t, 0.4, sc.Recall(), 1e-12)
}

func TestSpanScoreEmpty(t *testing.T) {
	var sc SpanScore
	// As in the task scorer: nothing predicted and nothing to find is F1 1; otherwise an
	// empty side gives 0.
	assert.Equal(t, 1.0, sc.F1())
	sc.Add(NewOffsets([]byte("abc")), nil, []prose.Span{sp(0, 3)})
	assert.Equal(t, 0.0, sc.Precision())
	assert.Equal(t, 0.0, sc.Recall())
	assert.Equal(t, 0.0, sc.F1())
}
