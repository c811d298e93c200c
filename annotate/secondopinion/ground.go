package secondopinion

import (
	"bytes"
	"unicode/utf8"
)

// grounder finds the model's quotations in an article: a quotation is kept only if it is in
// the text, once, or once in the paragraph the model names. It is read by all of a review's
// requests at once, and not changed after newGrounder.
type grounder struct {
	src   []byte
	paras []Span  // the article's paragraphs
	fold  []*view // their folded text
	lower []*view // the same in lower case, for names
}

func newGrounder(src []byte, paras []Span, lay layout) *grounder {
	g := &grounder{src: src, paras: paras, fold: make([]*view, len(paras)), lower: make([]*view, len(paras))}
	for i, p := range paras {
		r := proseRanges(src, p, lay)
		g.fold[i] = foldView(src, r, false)
		g.lower[i] = foldView(src, r, true)
	}
	return g
}

// groundMiss says why a quotation was not grounded.
type groundMiss int

const (
	grounded  groundMiss = iota
	notFound             // not in the paragraphs searched (or only inside words)
	ambiguous            // several times, and not once in the paragraph named
	empty                // no word left after folding
)

// ground finds quote in the paragraphs listed in search (indexes into the article's
// paragraphs). named is the paragraph the model says the quotation is in, or -1. It returns
// the source span of the one occurrence and its paragraph.
func (g *grounder) ground(quote string, named int, search []int) (Span, int, groundMiss) {
	return g.find([]byte(fold(quote)), g.fold, named, search)
}

// groundName is ground for a name, in any case: "the mayor" finds "The mayor".
func (g *grounder) groundName(name string, named int, search []int) (Span, int, groundMiss) {
	return g.find([]byte(foldLower(name)), g.lower, named, search)
}

func (g *grounder) find(q []byte, views []*view, named int, search []int) (Span, int, groundMiss) {
	if !bytes.ContainsFunc(q, isWord) {
		return Span{}, -1, empty
	}
	type hit struct {
		span Span
		para int
	}
	var hits []hit
	for _, p := range search {
		v := views[p]
		for off := 0; ; {
			i := bytes.Index(v.text[off:], q)
			if i < 0 {
				break
			}
			a, b := off+i, off+i+len(q)
			if v.boundary(a) && v.boundary(b) && !v.inWord(a) && !v.inWord(b) {
				hits = append(hits, hit{v.srcSpan(a, b), p})
			}
			_, n := utf8.DecodeRune(v.text[a:])
			off = a + n
		}
	}
	switch {
	case len(hits) == 0:
		return Span{}, -1, notFound
	case len(hits) == 1:
		return hits[0].span, hits[0].para, grounded
	}
	var in []hit
	for _, h := range hits {
		if h.para == named {
			in = append(in, h)
		}
	}
	if len(in) == 1 {
		return in[0].span, in[0].para, grounded
	}
	return Span{}, -1, ambiguous
}

// boundary reports whether view offset i falls between two source pieces (not inside the
// bytes one character or NFKC segment produced).
func (v *view) boundary(i int) bool {
	return i == 0 || i == len(v.text) || v.from[i] != v.from[i-1]
}

// inWord reports whether view offset i is between two word characters.
func (v *view) inWord(i int) bool {
	if i == 0 || i == len(v.text) {
		return false
	}
	before, _ := utf8.DecodeLastRune(v.text[:i])
	after, _ := utf8.DecodeRune(v.text[i:])
	return isWord(before) && isWord(after)
}
