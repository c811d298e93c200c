package eval

import (
	"sort"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/prose"
)

// Offsets converts between byte offsets and code-point offsets in one text. Code point i is
// the i-th rune of the text as Go decodes it (a byte of invalid UTF-8 counts as one), so a
// byte-order mark at the start is code point 0, as in the corpora.
type Offsets struct {
	size  int   // bytes in the text
	runes int   // code points in the text
	start []int // start[i] is the byte offset of code point i, with start[runes] = size; nil for ASCII
}

// NewOffsets indexes text.
func NewOffsets(text []byte) *Offsets {
	o := &Offsets{size: len(text)}
	ascii := true
	for _, c := range text {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		o.runes = len(text)
		return o
	}
	o.start = make([]int, 0, len(text)+1)
	for i := 0; i < len(text); {
		o.start = append(o.start, i)
		_, n := utf8.DecodeRune(text[i:])
		i += n
	}
	o.runes = len(o.start)
	o.start = append(o.start, len(text))
	return o
}

// Runes returns the number of code points in the text.
func (o *Offsets) Runes() int { return o.runes }

// Byte returns the byte offset of code-point offset cp. Offsets 0 through Runes() are valid
// (Runes() is the end of the text); ok is false for any other.
func (o *Offsets) Byte(cp int) (off int, ok bool) {
	if cp < 0 || cp > o.runes {
		return 0, false
	}
	if o.start == nil {
		return cp, true
	}
	return o.start[cp], true
}

// CodePoint returns the code-point offset of byte offset b: the number of code points that
// start before b. A b inside a multi-byte rune counts that rune; b is clamped to the text.
func (o *Offsets) CodePoint(b int) int {
	b = min(max(b, 0), o.size)
	if o.start == nil {
		return b
	}
	return sort.SearchInts(o.start[:o.runes], b)
}

// Span converts the code-point range [start, end) to a byte span; ok is false when either
// end is out of range or end < start.
func (o *Offsets) Span(start, end int) (prose.Span, bool) {
	s, ok1 := o.Byte(start)
	e, ok2 := o.Byte(end)
	if !ok1 || !ok2 || end < start {
		return prose.Span{}, false
	}
	return prose.Span{Start: s, End: e}, true
}

// Len returns the length of byte span s in code points.
func (o *Offsets) Len(s prose.Span) int {
	if s.End <= s.Start {
		return 0
	}
	return o.CodePoint(s.End) - o.CodePoint(s.Start)
}
