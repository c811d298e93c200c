package eval

import (
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
