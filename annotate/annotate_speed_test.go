package annotate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// TestSortsAsBefore checks that dropContained's slices.SortFunc leaves findings with equal
// spans in the order sort.Slice, which it replaced, left them in: both run the same pdqsort,
// and which of two findings with the same span survives dropContained depends on it.
func TestSortsAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 2000 {
		n := rng.IntN(80)
		fs := make([]Finding, n)
		for i := range fs {
			start := rng.IntN(8)
			fs[i] = Finding{Span: prose.Span{Start: start, End: start + rng.IntN(4)}, Message: fmt.Sprint(i)}
		}
		old := slices.Clone(fs)
		sort.Slice(old, func(i, j int) bool {
			if old[i].Span.Start != old[j].Span.Start {
				return old[i].Span.Start < old[j].Span.Start
			}
			return old[i].Span.End > old[j].Span.End
		})
		slices.SortFunc(fs, byStartLongest)
		for i := range fs {
			if fs[i].Message != old[i].Message {
				t.Fatalf("n=%d: at %d finding %s, sort.Slice had %s", n, i, fs[i].Message, old[i].Message)
			}
		}
	}
	// And the stable sort of all findings, whose result a comparison fixes.
	rules := []*rubrics.Rule{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	for range 500 {
		fs := make([]Finding, rng.IntN(80))
		for i := range fs {
			start := rng.IntN(8)
			fs[i] = Finding{Rule: rules[rng.IntN(3)], Span: prose.Span{Start: start, End: start + rng.IntN(4)}, Message: fmt.Sprint(i)}
		}
		old := slices.Clone(fs)
		sort.SliceStable(old, func(i, j int) bool {
			a, b := old[i], old[j]
			if a.Span.Start != b.Span.Start {
				return a.Span.Start < b.Span.Start
			}
			if a.Span.End != b.Span.End {
				return a.Span.End > b.Span.End
			}
			return a.Rule.ID < b.Rule.ID
		})
		sortFindings(fs)
		for i := range fs {
			if fs[i].Message != old[i].Message {
				t.Fatalf("sortFindings: at %d finding %s, sort.SliceStable had %s", i, fs[i].Message, old[i].Message)
			}
		}
	}
}
