package quote

import "unicode/utf8"

// mark handles the rune r at bytes [i, j) of the paragraph, which may be a quote mark, and
// returns where scanning resumes.
func (s *scanner) mark(i, j int, r rune) int {
	switch r {
	case '"':
		s.straightDouble(i, j)
	case '“', '„':
		s.openerGlyph(i, j, r, famDouble)
	case '«':
		s.openerGlyph(i, j, r, famGuillemet)
	case '”':
		s.closerGlyph(i, j, r, famDouble)
	case '»':
		s.closerGlyph(i, j, r, famGuillemet)
	case '\'', '‘', '’':
		return s.single(i, j, r)
	}
	return j
}

// straightDouble handles a " at [i, j): it opens where it follows a space, bracket, dash or
// opening mark and precedes a word; it closes where it follows a non-space and precedes no
// word; otherwise it toggles.
func (s *scanner) straightDouble(i, j int) {
	switch {
	case s.openBefore(i) && s.wordFollows(j):
		s.open(i, j, '"', famDouble)
	case s.nonSpaceBefore(i) && s.closeFollows(j):
		s.closeFamily(i, j, famDouble)
	case s.count[famDouble] > 0:
		s.closeFamily(i, j, famDouble)
	case j < len(s.text):
		s.open(i, j, '"', famDouble)
	}
}

// openerGlyph handles a mark shaped to open (“ „ «). It closes instead only when a
// quotation of its family is open and the context plainly calls for a closing mark.
func (s *scanner) openerGlyph(i, j int, r rune, fam family) {
	if s.count[fam] > 0 && !s.openBefore(i) && s.nonSpaceBefore(i) && s.closeFollows(j) {
		s.closeFamily(i, j, fam)
		return
	}
	if j < len(s.text) {
		s.open(i, j, r, fam)
	}
}

// closerGlyph handles a mark shaped to close (” »). With nothing of its family to close, it
// opens where the context plainly calls for an opening mark (”Hi,” in Nordic style).
func (s *scanner) closerGlyph(i, j int, r rune, fam family) {
	switch {
	case s.count[fam] > 0:
		s.closeFamily(i, j, fam)
	case s.openBefore(i) && s.wordFollows(j):
		s.open(i, j, r, fam)
	}
}

// single handles a single quote at [i, j), telling quotation marks from apostrophes, and
// returns where scanning resumes.
func (s *scanner) single(i, j int, r rune) int {
	t := s.text
	prev, next := runeBefore(t, i), runeAt(t, j)
	if isAlnum(prev) && isAlnum(next) {
		return j // inside a word: don't, Kata'ib, 5'11
	}
	if r != '’' && s.openBefore(i) && s.wordFollows(j) {
		if resume, ok := elision(t, j); ok {
			return resume
		}
		s.open(i, j, r, famSingle)
		return j
	}
	if s.count[famSingle] == 0 || !s.nonSpaceBefore(i) || !s.closeFollows(j) {
		return j // a trailing apostrophe (Americans' plan), or a stray
	}
	if isLetter(prev) && isSpace(next) && s.possessive(j) {
		return j
	}
	s.closeFamily(i, j, famSingle)
	return j
}

// possessive reports whether the closing-looking single quote ending at j, after a letter
// and before a space, is rather an apostrophe (the ministers' plan): that is, whether an
// unambiguous closing single quote follows before anything that stops the search.
//
// The answer holds for every such mark up to where the search stopped, so it is cached
// and the paragraph is searched at most once overall.
func (s *scanner) possessive(j int) bool {
	if j < s.lookEnd {
		return s.lookFound
	}
	s.lookEnd, s.lookFound = s.findCloser(j)
	return s.lookFound
}

// findCloser searches the paragraph from j for an unambiguous closing single quote. It
// stops, not finding one, at an opening single quote, at a double quote or guillemet when
// a quotation of that family is open, or at the end. It returns where it stopped and
// whether it found one.
func (s *scanner) findCloser(j int) (stop int, found bool) {
	t := s.text
	for k := j; k < len(t); {
		c := t[k]
		if !candidate[c] {
			k++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t[k:])
		}
		switch fam := markFamily(r); fam {
		case famDouble, famGuillemet:
			if s.count[fam] > 0 {
				return k, false // may close the quotation around the single one
			}
		case famSingle:
			prev, next := runeBefore(t, k), runeAt(t, k+size)
			switch {
			case isAlnum(prev) && isAlnum(next): // inside a word
			case prev == boundary || isSpace(prev):
				if r != '’' && !isSpace(next) && next != boundary {
					return k, false // an opening mark
				}
			case !isAlnum(next) && !(isLetter(prev) && isSpace(next)):
				return k, true
			}
		}
		k += size
	}
	return len(t), false
}

// openBefore reports whether byte i follows what an opening mark may follow: the start,
// white space, an opening bracket, a dash or another opening mark.
func (s *scanner) openBefore(i int) bool {
	if i == 0 || i == s.lastOpenEnd {
		return true
	}
	switch r := runeBefore(s.text, i); r {
	case '(', '[', '{', '“', '„', '«':
		return true
	default:
		return isSpace(r) || isDash(r)
	}
}

// nonSpaceBefore reports whether byte i follows a rune that is not white space.
func (s *scanner) nonSpaceBefore(i int) bool {
	return i > 0 && !isSpace(runeBefore(s.text, i))
}

// wordFollows reports whether a rune other than white space starts at byte j.
func (s *scanner) wordFollows(j int) bool {
	return j < len(s.text) && !isSpace(runeAt(s.text, j))
}

// closeFollows reports whether byte j is the end or starts something other than a letter
// or digit: white space, punctuation or another mark.
func (s *scanner) closeFollows(j int) bool {
	return !isAlnum(runeAt(s.text, j))
}
