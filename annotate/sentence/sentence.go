// Package sentence splits English news prose into sentences.
//
// Split works in a single forward pass over the bytes of a paragraph and
// allocates only the returned slice. A sentence ends after a run of
// terminators (".", "!", "?", "…" or "...") plus any closing quotes and
// brackets that follow it, provided that whitespace and then a sentence start
// come next. A sentence start is an uppercase (or caseless) letter, a digit,
// a currency sign followed by a digit, or opening quotes and brackets followed
// by an uppercase letter or a digit. A blank line always ends a sentence.
//
// A bare period followed by a sentence start is still not a boundary when
// the word before it is:
//
//   - a title or always-medial abbreviation such as "Mr", "Sen", "Gen",
//     "vs", "e.g." (see abbreviations): never a boundary;
//   - an abbreviation that can also end a sentence, such as "Inc", "Jr",
//     "St", "Jan", "approx": a boundary only when the next word is a
//     closed-class sentence starter such as "The", "He" or "But" (see
//     starters), so "St. Louis" and "Jan. 5" stay whole but
//     "Apple Inc. The company" splits;
//   - "No", "Fig", "Vol", "p" and similar: not a boundary before a digit;
//   - an initialism with internal periods ("U.S.", "D.C.", "p.m."): a
//     boundary only before a sentence starter, so "the U.S. Army" stays whole
//     while "Washington, D.C. Next week" splits;
//   - a single capital initial ("John F. Kennedy"): a boundary only before a
//     sentence starter of two or more letters that is not itself an initial.
//
// "etc." is treated as an ordinary word: when it is followed by a capital it
// almost always ends the sentence.
//
// After "?" or "!" and a closing quote, a boundary is suppressed when up to
// six capitalised words and then a speech verb follow, as in
// `"Why now?" Smith asked.`; a lowercase attribution (`"Stop!" she shouted.`)
// never starts a sentence anyway.
//
// Known limitations: a sentence that ends in an initialism or suffix
// abbreviation and is followed by an open-class word stays joined to the next
// one ("He flew to the U.S. Officials said ..."); a sentence that starts
// with a lowercase word ("iPhone sales fell.") is joined to the previous one;
// and a name containing "!" or "?" followed by a capital ("Yahoo! Inc.")
// splits.
package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into the text given to Split.
type Span struct{ Start, End int }

// Split returns the sentences of text (one paragraph of prose, markup already
// removed; it may contain newlines, which count as spaces) in order. Each span
// is trimmed of surrounding whitespace, spans do not overlap, and every
// non-space byte of text lies in exactly one span. Whitespace is what
// unicode.IsSpace reports, so a no-break space counts as a space.
func Split(text string) []Span {
	s := splitter{text: text}
	if len(text) > 0 {
		s.spans = make([]Span, 0, len(text)/100+4)
	}
	s.run()
	return s.spans
}

// ellipsis is the multibyte terminator U+2026.
const ellipsis = "…"

// stop marks the bytes the main loop must look at: the ASCII terminators,
// the line feed (for blank lines) and 0xE2, the first byte of '…'. Every
// other byte, including whitespace, is skipped; whitespace is trimmed only
// when a sentence is emitted.
var stop = [256]bool{'.': true, '!': true, '?': true, '\n': true, 0xE2: true}

// asciiSpace marks the ASCII whitespace bytes, and the substitute character (U+001A) that
// annotate puts in a block's text where markup that is not prose stood (an image): a
// sentence may end before it.
var asciiSpace = [256]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true, 0x1a: true}

// splitter holds the state of one Split call.
type splitter struct {
	text  string
	spans []Span
	pos   int // start of the text not yet assigned to a sentence
}

// run scans the whole text once.
func (s *splitter) run() {
	text := s.text
	for i := 0; i < len(text); {
		for i < len(text) && !stop[text[i]] {
			i++
		}
		switch {
		case i == len(text):
		case text[i] == '\n':
			i = s.newline(i)
		case text[i] < utf8.RuneSelf || hasRune(text, i, ellipsis):
			i = s.terminator(i)
		default:
			i++
		}
	}
	s.flush(len(text))
}

// flush emits the trimmed text between s.pos and p as a sentence, unless it
// is all whitespace, and moves s.pos to p.
func (s *splitter) flush(p int) {
	start, end := trimSpace(s.text, s.pos, p)
	if start < end {
		s.spans = append(s.spans, Span{start, end})
	}
	s.pos = p
}

// newline handles the line feed at i: a blank line ends the sentence. It
// returns where scanning resumes.
func (s *splitter) newline(i int) int {
	m, blank := skipSpace(s.text, i)
	if blank {
		s.flush(i)
	}
	return m
}

// terminator handles the terminator run at i together with the closing
// punctuation and whitespace after it, and returns where scanning resumes.
func (s *splitter) terminator(i int) int {
	j := skipTerminators(s.text, i)
	k := skipClosers(s.text, j)
	m, blank := skipSpace(s.text, k)
	switch {
	case m == k || m == len(s.text):
		// Not followed by whitespace, or trailing: nothing to decide.
	case blank || s.boundary(i, j, k, m):
		s.flush(k)
	}
	return m
}

// boundary reports whether a sentence ends after the terminators text[i:j]
// and closers text[j:k], given that the next sentence would start at m.
func (s *splitter) boundary(i, j, k, m int) bool {
	if !startsSentence(s.text, m) {
		return false
	}
	last := s.text[j-1]
	switch {
	case k == j && j == i+1 && last == '.':
		return !s.abbreviation(i, m)
	case k > j && (last == '?' || last == '!'):
		return !attributionFollows(s.text, m)
	}
	return true
}

// abbreviation reports whether the period at dot belongs to an abbreviation
// that continues into the text at m.
func (s *splitter) abbreviation(dot, m int) bool {
	tok := wordBefore(s.text, dot)
	if tok == "" {
		return false
	}
	next := nextWord(s.text, m)
	if kind, ok := abbreviations[tok]; ok {
		switch kind {
		case medial:
			return true
		case numeric:
			return isDigitByte(s.text[m])
		default: // final
			return !isStarter(next)
		}
	}
	switch {
	case strings.IndexByte(tok, '.') >= 0: // initialism such as U.S or p.m
		return !isStarter(next)
	case len(tok) == 1 && 'A' <= tok[0] && tok[0] <= 'Z': // initial
		after := skipOpeners(s.text, m) + len(next)
		isInitial := after < len(s.text) && s.text[after] == '.'
		return len(next) < 2 || isInitial || !isStarter(next)
	}
	return false
}

// maxAbbrev bounds the length of a word considered as an abbreviation or
// initialism, keeping the backward scan short.
const maxAbbrev = 12

// wordBefore returns the standalone run of ASCII letters and internal
// periods that ends at dot ("Mr", "U.S", "p.m"), or "" if there is none, it
// is glued to a preceding letter or digit, or it is too long.
func wordBefore(text string, dot int) string {
	p := dot
	for p > 0 && dot-p <= maxAbbrev && (isLetterByte(text[p-1]) || text[p-1] == '.') {
		p--
	}
	if dot-p > maxAbbrev {
		return ""
	}
	for p < dot && text[p] == '.' {
		p++
	}
	if p == dot {
		return ""
	}
	if p > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:p])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return ""
		}
	}
	return text[p:dot]
}

// nextWord returns the run of ASCII letters at m, after any opening quotes
// or brackets, or "" if it is longer than any sentence starter.
func nextWord(text string, m int) string {
	p := skipOpeners(text, m)
	q := p
	for q < len(text) && isLetterByte(text[q]) {
		q++
		if q-p > maxStarter {
			return ""
		}
	}
	return text[p:q]
}

// maxNameWords bounds the number of capitalised words before the speech
// verb in an attribution.
const maxNameWords = 6

// attributionFollows reports whether the text at m reads like a speech
// attribution after a quoted question or exclamation: one to maxNameWords
// capitalised words, abbreviations or initials followed by a speech verb
// ("Smith asked", "Police Chief Ann B. Lee Jr. said").
func attributionFollows(text string, m int) bool {
	p := m
	for n := 0; n <= maxNameWords && p < len(text); n++ {
		q := p
		for q < len(text) && q-p <= maxName && isWordByte(text[q]) {
			q++
		}
		if n > 0 && speechVerbs[text[p:q]] {
			return true
		}
		if n == maxNameWords || q == p || !isCapitalAt(text, p) {
			return false
		}
		// Allow an abbreviation or initial inside the name ("Sen.", "F.").
		for q < len(text) && text[q] == '.' {
			q++
		}
		if q == len(text) || !asciiSpace[text[q]] {
			return false
		}
		p, _ = skipSpace(text, q)
	}
	return false
}

// startsSentence reports whether a sentence can start at m: an uppercase or
// caseless letter, a digit, a currency sign and a digit, or opening quotes
// and brackets followed by an uppercase letter or a digit.
func startsSentence(text string, m int) bool {
	p := skipOpeners(text, m)
	if p == len(text) {
		return false
	}
	r, size := utf8.DecodeRuneInString(text[p:])
	if isCapital(r) || unicode.IsDigit(r) {
		return true
	}
	return p == m && unicode.Is(unicode.Sc, r) && p+size < len(text) && isDigitByte(text[p+size])
}

// isCapitalAt reports whether the rune at p is a capital letter.
func isCapitalAt(text string, p int) bool {
	r, _ := utf8.DecodeRuneInString(text[p:])
	return isCapital(r)
}

// isCapital reports whether r is an uppercase or titlecase letter, or a
// letter of a caseless script (which cannot signal a continuation).
func isCapital(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r) || unicode.Is(unicode.Lo, r)
}

// skipSpace returns the index after the whitespace run at i and whether the
// run contains a blank line (two or more line feeds).
func skipSpace(text string, i int) (int, bool) {
	newlines := 0
	for i < len(text) {
		c := text[i]
		if asciiSpace[c] {
			if c == '\n' {
				newlines++
			}
			i++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i, newlines >= 2
}

// trimSpace returns the bounds of text[start:end] without leading and
// trailing whitespace.
func trimSpace(text string, start, end int) (int, int) {
	start, _ = skipSpace(text[:end], start)
	for end > start {
		c := text[end-1]
		if asciiSpace[c] {
			end--
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

// skipTerminators returns the index after the run of '.', '!', '?' and '…'
// at i.
func skipTerminators(text string, i int) int {
	for i < len(text) {
		switch c := text[i]; {
		case c == '.' || c == '!' || c == '?':
			i++
		case hasRune(text, i, ellipsis):
			i += len(ellipsis)
		default:
			return i
		}
	}
	return i
}

// Multibyte quotation marks.
const (
	leftDouble  = "“"
	rightDouble = "”"
	leftSingle  = "‘"
	rightSingle = "’"
	leftGuil    = "«"
	rightGuil   = "»"
)

// skipClosers returns the index after the run of closing quotes and
// brackets at i.
func skipClosers(text string, i int) int {
	for i < len(text) {
		switch c := text[i]; {
		case c == '"' || c == '\'' || c == ')' || c == ']':
			i++
		case hasRune(text, i, rightDouble) || hasRune(text, i, rightSingle):
			i += len(rightDouble)
		case hasRune(text, i, rightGuil):
			i += len(rightGuil)
		default:
			return i
		}
	}
	return i
}

// skipOpeners returns the index after the run of opening quotes and
// brackets at i.
func skipOpeners(text string, i int) int {
	for i < len(text) {
		switch c := text[i]; {
		case c == '"' || c == '\'' || c == '(' || c == '[':
			i++
		case hasRune(text, i, leftDouble) || hasRune(text, i, leftSingle):
			i += len(leftDouble)
		case hasRune(text, i, leftGuil):
			i += len(leftGuil)
		default:
			return i
		}
	}
	return i
}

// hasRune reports whether the encoded rune r occurs in text at i.
func hasRune(text string, i int, r string) bool {
	return len(text)-i >= len(r) && text[i:i+len(r)] == r
}

// asciiLetter marks the ASCII letters.
var asciiLetter = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	return t
}()

func isLetterByte(c byte) bool { return asciiLetter[c] }

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// isWordByte reports whether c can be part of a word in an attribution:
// an ASCII letter, hyphen or apostrophe, or any byte of a multibyte rune.
func isWordByte(c byte) bool {
	return isLetterByte(c) || c == '-' || c == '\'' || c >= utf8.RuneSelf
}
