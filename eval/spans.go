package eval

import (
	"sort"

	"github.com/slant-news/slant/annotate"
)

// intersection returns the bytes a and b share, an empty span if none.
func intersection(a, b annotate.Span) annotate.Span {
	s := annotate.Span{Start: max(a.Start, b.Start), End: min(a.End, b.End)}
	if s.End < s.Start {
		s.End = s.Start
	}
	return s
}

// mergeOverlapping returns spans sorted, with spans that share a character merged into one,
// as the SemEval-2020 Task 11 scorer merges them (its merge_spans: two spans merge when their
// character sets intersect; spans that only touch stay apart). Empty spans are dropped and
// duplicates collapse. The input is not modified.
func mergeOverlapping(spans []annotate.Span) []annotate.Span {
	out := make([]annotate.Span, 0, len(spans))
	for _, s := range spans {
		if s.End > s.Start {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 && s.Start < merged[n-1].End {
			merged[n-1].End = max(merged[n-1].End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}
