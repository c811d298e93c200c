package secondopinion

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file turns an article's paragraphs into the text that is sent (hidden characters and
// HTML comments removed, white space collapsed) and into the folded text quotations are
// matched in (typography normalised too). Both keep, for every byte they produce, the
// source bytes it came from, so that whatever the model quotes maps back to exact bytes.

// view is a text made from source bytes, with a map back to them: text[i] came from
// Source[from[i]:to[i]] (a whole character, or a run of white space, or an NFKC segment).
type view struct {
	text     []byte
	from, to []int
}

// srcSpan returns the source bytes that hold view bytes [a, b), a < b.
func (v *view) srcSpan(a, b int) Span { return Span{v.from[a], v.to[b-1]} }

// add appends the bytes of s, all from source [from, to).
func (v *view) add(s []byte, from, to int) {
	v.text = append(v.text, s...)
	v.grow(from, to)
}

// addRune appends c, from source [from, to).
func (v *view) addRune(c rune, from, to int) {
	v.text = utf8.AppendRune(v.text, c)
	v.grow(from, to)
}

// grow maps the bytes appended to text since the last call to source [from, to).
func (v *view) grow(from, to int) {
	for len(v.from) < len(v.text) {
		v.from = append(v.from, from)
		v.to = append(v.to, to)
	}
}

// newView returns a view with room for the text of ranges.
func newView(ranges []textRange) *view {
	n := 0
	for _, r := range ranges {
		n += r.End - r.Start
	}
	return &view{text: make([]byte, 0, n), from: make([]int, 0, n), to: make([]int, 0, n)}
}

// space appends one space for white space at source [from, to), or stretches the space
// already at the end; a view never starts with a space.
func (v *view) space(from, to int) {
	n := len(v.text)
	if n == 0 {
		return
	}
	if v.text[n-1] == ' ' {
		v.to[n-1] = to
		return
	}
	v.add([]byte{' '}, from, to)
}

// trimEnd removes a trailing space.
func (v *view) trimEnd() {
	if n := len(v.text); n > 0 && v.text[n-1] == ' ' {
		v.text, v.from, v.to = v.text[:n-1], v.from[:n-1], v.to[:n-1]
	}
}

// textRange is a run of prose in the source. spaced says that a space separates it from the
// run before: an HTML comment did. Markup between two runs joins them ("res<em>cue</em>").
// A character reference ("&rsquo;") is a run of its own, whose text is what it stands for.
type textRange struct {
	Span
	spaced bool
	text   string // for a character reference: the characters; else "" (the source's bytes)
}

// layout is what an article says about the text of its paragraphs.
type layout struct {
	markup   []Span // not prose; sorted, not overlapping
	charRefs bool   // decode HTML character references
}

// charRef matches an HTML character reference at the start of its input.
var charRef = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

// proseRanges returns the prose of src[s.Start:s.End]: without markup and without HTML
// comments ("<!-- ... -->"; an unclosed comment runs to the end of the span). Comments are
// markup, not prose, and a place to hide instructions.
func proseRanges(src []byte, s Span, lay layout) []textRange {
	var out []textRange
	// emit adds a run of prose, cut at character references.
	emit := func(r Span, spaced bool) {
		for i := r.Start; lay.charRefs && i < r.End; i++ {
			if src[i] != '&' {
				continue
			}
			m := charRef.Find(src[i:r.End])
			if m == nil {
				continue
			}
			dec := html.UnescapeString(string(m))
			if dec == string(m) {
				continue // not a reference HTML knows
			}
			if r.Start < i {
				out = append(out, textRange{Span: Span{r.Start, i}, spaced: spaced})
				spaced = false
			}
			out = append(out, textRange{Span{i, i + len(m)}, spaced, dec})
			spaced = false
			r.Start = i + len(m)
			i = r.Start - 1
		}
		if r.Start < r.End {
			out = append(out, textRange{Span: r, spaced: spaced})
		}
	}
	// add adds a run of the paragraph, less markup.
	add := func(r Span, spaced bool) {
		markup := lay.markup
		i := sort.Search(len(markup), func(i int) bool { return markup[i].End > r.Start })
		for ; i < len(markup) && markup[i].Start < r.End; i++ {
			if m := markup[i]; m.Start > r.Start {
				emit(Span{r.Start, m.Start}, spaced)
				spaced = false
			}
			r.Start = max(r.Start, markup[i].End)
		}
		if r.Start < r.End {
			emit(r, spaced)
		}
	}
	spaced := false
	for pos := s.Start; pos < s.End; {
		i := bytes.Index(src[pos:s.End], []byte("<!--"))
		if i < 0 {
			add(Span{pos, s.End}, spaced)
			break
		}
		if i > 0 {
			add(Span{pos, pos + i}, spaced)
		}
		spaced = true
		j := bytes.Index(src[pos+i+4:s.End], []byte("-->"))
		if j < 0 {
			break
		}
		pos += i + 4 + j + 3
	}
	return out
}

// sentView returns the text of a paragraph as it is sent: its prose without markup, HTML
// comments and hidden characters, with every run of white space (line breaks included) one
// space, and trimmed. The typography is the article's own, so that the model can quote it.
func sentView(src []byte, ranges []textRange) *view {
	v := newView(ranges)
	for _, r := range ranges {
		if r.spaced {
			v.space(r.Start, r.Start)
		}
		if r.text != "" {
			for _, c := range r.text {
				switch {
				case hiddenKind(c) != "":
				case unicode.IsSpace(c):
					v.space(r.Start, r.End)
				default:
					v.addRune(c, r.Start, r.End)
				}
			}
			continue
		}
		for i := r.Start; i < r.End; {
			c, n := utf8.DecodeRune(src[i:r.End])
			switch {
			case hiddenKind(c) != "":
			case unicode.IsSpace(c):
				v.space(i, i+n)
			default:
				v.add(src[i:i+n], i, i+n)
			}
			i += n
		}
	}
	v.trimEnd()
	return v
}

// foldedView returns the text of source ranges normalised for matching quotations: NFKC,
// typographic quotes and dashes made plain, hidden characters dropped, runs of white space
// one space, trimmed.
func foldedView(src []byte, ranges []textRange) *view { return foldView(src, ranges, false) }

// foldView is foldedView, and lower cases every character if lower is set.
func foldView(src []byte, ranges []textRange, lower bool) *view {
	v := newView(ranges)
	var it norm.Iter
	for _, r := range ranges {
		if r.spaced {
			v.space(r.Start, r.Start)
		}
		if r.text != "" {
			it.InitString(norm.NFKC, r.text)
		} else {
			it.Init(norm.NFKC, src[r.Start:r.End])
		}
		for !it.Done() {
			segStart := r.Start + it.Pos()
			seg := it.Next()
			segEnd := r.Start + it.Pos()
			if r.text != "" { // a reference is one piece
				segStart, segEnd = r.Start, r.End
			}
			for len(seg) > 0 {
				c, n := utf8.DecodeRune(seg)
				seg = seg[n:]
				switch {
				case hiddenKind(c) != "":
				case unicode.IsSpace(c):
					v.space(segStart, segEnd)
				default:
					c = plain(c)
					if lower {
						c = unicode.ToLower(c)
					}
					v.addRune(c, segStart, segEnd)
				}
			}
		}
	}
	v.trimEnd()
	return v
}

// fold returns the folded text of a string, as foldedView folds source text.
func fold(s string) string {
	b := []byte(s)
	return string(foldedView(b, []textRange{{Span: Span{0, len(b)}}}).text)
}

// foldLower returns the folded text of a string in lower case.
func foldLower(s string) string {
	b := []byte(s)
	return string(foldView(b, []textRange{{Span: Span{0, len(b)}}}, true).text)
}

// plain maps typographic quotes and dashes to their ASCII forms.
func plain(c rune) rune {
	switch c {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u2035', '`', '\u00B4':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u2036', '\u00AB', '\u00BB':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE58', '\uFE63', '\uFF0D':
		return '-'
	}
	return c
}

// hiddenKind says what kind of invisible character c is, or "" for a visible one (or
// ordinary white space).
func hiddenKind(c rune) string {
	switch {
	case c >= 0x202A && c <= 0x202E, c >= 0x2066 && c <= 0x2069,
		c == 0x200E, c == 0x200F, c == 0x061C:
		return "bidi"
	case c == 0x200B, c == 0x200C, c == 0x200D, c == 0x2060, c == 0xFEFF, c == 0x180E:
		return "zero-width"
	case c >= 0xE0000 && c <= 0xE007F:
		return "tag"
	case c == 0x115F, c == 0x1160, c == 0x3164, c == 0xFFA0:
		return "filler"
	case c == 0x00AD, c >= 0x2061 && c <= 0x2064, c >= 0x206A && c <= 0x206F,
		c >= 0xFFF9 && c <= 0xFFFB, c == 0x034F:
		return "format"
	case unicode.Is(unicode.Cc, c) && !unicode.IsSpace(c):
		return "control"
	}
	return ""
}

// isWord reports whether c is part of a word: a quotation must not start or end inside one.
func isWord(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c)
}
