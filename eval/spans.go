package eval

import "github.com/slant-news/slant/annotate/prose"

// intersection returns the bytes a and b share, an empty span if none.
func intersection(a, b prose.Span) prose.Span {
	s := prose.Span{Start: max(a.Start, b.Start), End: min(a.End, b.End)}
	if s.End < s.Start {
		s.End = s.Start
	}
	return s
}
