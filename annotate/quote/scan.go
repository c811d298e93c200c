package quote

import "unicode/utf8"

// rec is a quotation as the scanner builds it. It holds no pointers, so that the
// scanner's records cost the garbage collector nothing. Indices are int32: a paragraph
// run would need gigabytes of text to overflow them.
type rec struct {
	first     Part  // the part in the paragraph where it opens
	open      rune  // the opening mark
	parent    int32 // index in recs of the enclosing quotation, or -1
	more      int32 // number of parts in later paragraphs, kept in scanner.more
	out       int32 // set by result: index in the result, or of the nearest kept ancestor
	outParent int32 // set by result: index in the result of the parent, or -1
	fam       family
	closed    bool
	dropped   bool // not reported: left open inside a quotation that closed, and the like
}

// scanner holds the state of one Find call.
type scanner struct {
	paras []string
	recs  []rec // every quotation opened, in order of opening
	// Parts in later paragraphs of quotations running over several, in order. Only one
	// quotation continues at a time, so each one's parts are consecutive.
	more  []Part
	stack []int // indices in recs of the open quotations, outermost first
	count [numFamilies]int

	pending int // index in recs of a quotation open at the end of the previous paragraph, or -1

	// The paragraph being scanned.
	pi          int
	text        string
	lastOpenEnd int // byte just after the last opening mark, or -1

	// Cached answer of possessive for marks before lookEnd (see possessive).
	lookEnd   int
	lookFound bool
}

// nextCandidate returns the index of the first candidate byte of t at or after i, or
// len(t).
func nextCandidate(t string, i int) int {
	for i < len(t) && !candidate[t[i]] {
		i++
	}
	return i
}

// last returns the part of recs[k] in the current paragraph.
func (s *scanner) last(k int) *Part {
	if s.recs[k].more > 0 {
		return &s.more[len(s.more)-1] // the only quotation continuing is the latest
	}
	return &s.recs[k].first
}

// reset prepares s to scan paras.
func (s *scanner) reset(paras []string) {
	s.paras = paras
	s.recs = s.recs[:0]
	s.more = s.more[:0]
	s.stack = s.stack[:0]
	s.count = [numFamilies]int{}
	s.pending = -1
}

// paragraph scans paragraph pi.
func (s *scanner) paragraph(pi int) {
	s.pi, s.text = pi, s.paras[pi]
	s.lastOpenEnd, s.lookEnd = -1, 0
	t := s.text
	i := s.resume()
	for {
		i = nextCandidate(t, i)
		if i >= len(t) {
			break
		}
		c := t[i]
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t[i:])
		}
		i = s.mark(i, i+size, r)
	}
	s.endParagraph()
}

// open starts a quotation whose opening mark r is at [i, j).
func (s *scanner) open(i, j int, r rune, fam family) {
	parent := int32(-1)
	if n := len(s.stack); n > 0 {
		parent = int32(s.stack[n-1])
	}
	inner := skipSpace(s.text, j)
	s.recs = append(s.recs, rec{
		first:  Part{Para: s.pi, Start: i, End: j, InnerStart: inner, InnerEnd: inner},
		open:   r,
		fam:    fam,
		parent: parent,
	})
	s.push(len(s.recs) - 1)
	s.lastOpenEnd = j
}

// push puts recs[k] on the stack of open quotations.
func (s *scanner) push(k int) {
	s.stack = append(s.stack, k)
	s.count[s.recs[k].fam]++
}

// popTo pops the stack down to n entries, dropping the quotations popped.
func (s *scanner) popTo(n int) {
	for _, k := range s.stack[n:] {
		s.recs[k].dropped = true
		s.count[s.recs[k].fam]--
	}
	s.stack = s.stack[:n]
}

// closeFamily closes, with the mark at [i, j), the innermost open quotation of family fam,
// dropping those open inside it. It does nothing if none is open.
func (s *scanner) closeFamily(i, j int, fam family) {
	if s.count[fam] == 0 {
		return
	}
	n := len(s.stack) - 1
	for s.recs[s.stack[n]].fam != fam {
		n--
	}
	k := s.stack[n]
	s.popTo(n + 1)
	s.stack = s.stack[:n]
	s.count[fam]--
	p := s.last(k)
	p.InnerEnd, p.End = max(trimRightSpace(s.text[:i]), p.InnerStart), j
	s.recs[k].closed = true
}

// endParagraph ends the current paragraph: inner open quotations are dropped, and the
// outermost one, if any, ends here for now and becomes pending.
func (s *scanner) endParagraph() {
	if len(s.stack) == 0 {
		return
	}
	k := s.stack[0]
	s.popTo(1)
	s.stack = s.stack[:0]
	s.count[s.recs[k].fam]--
	p := s.last(k)
	end := max(trimRightSpace(s.text), p.InnerStart)
	p.InnerEnd, p.End = end, end
	s.pending = k
}

// resume continues the pending quotation into the current paragraph if the paragraph
// opens with a mark of its family, or finishes it otherwise. It returns the byte where
// scanning starts.
func (s *scanner) resume() int {
	k := s.pending
	if k < 0 {
		return 0
	}
	s.pending = -1
	r := &s.recs[k]
	t := s.text
	i := skipSpace(t, 0)
	m, size := utf8.DecodeRuneInString(t[i:])
	if !s.continues(r.fam, m, i+size) {
		s.finishUnclosed(k)
		return 0
	}
	j := i + size
	inner := skipSpace(t, j)
	s.more = append(s.more, Part{Para: s.pi, Start: i, End: j, InnerStart: inner, InnerEnd: inner})
	r.more++
	s.push(k)
	s.lastOpenEnd = j
	return j
}

// continues reports whether mark m, ending at byte j at the start of a paragraph, reopens
// a quotation of family fam.
func (s *scanner) continues(fam family, m rune, j int) bool {
	switch fam {
	case famDouble:
		return m == '“' || m == '„' || (m == '"' || m == '”') && s.wordFollows(j)
	case famGuillemet:
		return m == '«' || m == '»' // French style reopens with »
	case famSingle:
		if m != '‘' && m != '\'' || !s.wordFollows(j) {
			return false
		}
		_, elided := elision(s.text, j)
		return !elided
	}
	return false
}

// finishPending finishes a quotation left open at the end of the last paragraph.
func (s *scanner) finishPending() {
	if s.pending >= 0 {
		s.finishUnclosed(s.pending)
		s.pending = -1
	}
}

// finishUnclosed ends recs[k], which never closes. An unclosed single quotation within one
// paragraph is dropped: it is most likely an apostrophe misread as an opening mark.
func (s *scanner) finishUnclosed(k int) {
	r := &s.recs[k]
	if r.fam == famSingle && r.more == 0 {
		r.dropped = true
	}
}

// Word counts that make a quotation a Statement: statementWords anywhere, sentenceWords
// where it starts a sentence or clause.
const (
	statementWords = 6
	sentenceWords  = 3
)

// kind classifies r as a Statement or a Phrase.
func (s *scanner) kind(r *rec) Kind {
	if r.more > 0 {
		return Statement
	}
	p := r.first
	t := s.paras[p.Para]
	words := countWords(t[p.InnerStart:p.InnerEnd], statementWords)
	if words >= statementWords || words >= sentenceWords && sentenceStart(t, p.Start) {
		return Statement
	}
	return Phrase
}
