package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// family groups the marks that can close each other's quotations.
type family uint8

const (
	famNone      family = iota
	famDouble           // " “ ” „
	famGuillemet        // « »
	famSingle           // ' ‘ ’
	numFamilies
)

// markFamily returns the family of quote mark r, or famNone if r is not a quote mark.
func markFamily(r rune) family {
	switch r {
	case '"', '“', '”', '„':
		return famDouble
	case '«', '»':
		return famGuillemet
	case '\'', '‘', '’':
		return famSingle
	}
	return famNone
}

// candidate marks the bytes a quote mark can start with: the two ASCII marks, and the
// UTF-8 lead bytes of « » (0xC2) and of the curly quotes (0xE2).
var candidate = [256]bool{'"': true, '\'': true, 0xC2: true, 0xE2: true}

// boundary stands for the start or end of the paragraph in rune look-ups.
const boundary rune = -1

// runeBefore returns the rune ending at byte i of t, or boundary at the start.
func runeBefore(t string, i int) rune {
	if i <= 0 {
		return boundary
	}
	if c := t[i-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(t[:i])
	return r
}

// runeAt returns the rune starting at byte j of t, or boundary at the end.
func runeAt(t string, j int) rune {
	if j >= len(t) {
		return boundary
	}
	if c := t[j]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(t[j:])
	return r
}

// isSpace reports whether r is white space (boundary is not).
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

// isLetter reports whether r is a letter.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

// isAlnum reports whether r is a letter or a digit.
func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isDash reports whether r is a hyphen or a dash.
func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‒', '–', '—', '―':
		return true
	}
	return false
}

// isWordSeparator reports whether r, placed before a letter or digit, starts a new word.
// Hyphens, apostrophes and inner punctuation do not (so-called, don't, U.S., 3,000).
func isWordSeparator(r rune) bool {
	switch r {
	case '(', ')', '[', ']', '{', '}', '/', '–', '—', '―':
		return true
	}
	return isSpace(r) || (markFamily(r) != famNone && r != '\'' && r != '’')
}

// ASCII byte classes for countWords.
const (
	clOther byte = iota
	clAlnum
	clSeparator
)

// asciiClass classifies the ASCII bytes as isAlnum and isWordSeparator do.
var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch r := rune(c); {
		case isAlnum(r):
			t[c] = clAlnum
		case isWordSeparator(r):
			t[c] = clSeparator
		}
	}
	return t
}()

// maxCountBytes bounds the bytes countWords reads, so that deeply nested quotations
// around long unbroken text cost linear time. Prose reaches six words long before.
const maxCountBytes = 512

// countWords counts the words in t, stopping once it reaches limit. A word starts at a
// letter or digit that follows a separator, possibly through symbols ($5).
func countWords(t string, limit int) int {
	t = t[:min(len(t), maxCountBytes)]
	n := 0
	separated := true
	for i := 0; i < len(t); {
		var cl byte
		if c := t[i]; c < utf8.RuneSelf {
			cl = asciiClass[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(t[i:])
			i += size
			switch {
			case isAlnum(r):
				cl = clAlnum
			case isWordSeparator(r):
				cl = clSeparator
			}
		}
		switch cl {
		case clAlnum:
			if separated {
				n++
				if n >= limit {
					return n
				}
			}
			separated = false
		case clSeparator:
			separated = true
		}
	}
	return n
}

// sentenceStart reports whether a quotation whose opening mark is at byte i of t starts a
// sentence or clause: at the start of the paragraph, or after a sentence end, a colon or a
// dash (looking back over white space, brackets and other quote marks).
func sentenceStart(t string, i int) bool {
	const maxLookBack = 32 // runes; bounds the cost on runs of marks and spaces
	for n := 0; i > 0 && n < maxLookBack; n++ {
		r, size := utf8.DecodeLastRuneInString(t[:i])
		i -= size
		switch {
		case isSpace(r), markFamily(r) != famNone, r == '(', r == '[':
			continue
		case r == '.', r == '!', r == '?', r == '…', r == ':', r == '–', r == '—', r == '―':
			return true
		case r == '-':
			before := runeBefore(t, i)
			return before == boundary || before == '-' || isSpace(before)
		}
		return false
	}
	return i == 0
}

// elisions are words that a leading apostrophe shortens, lower case.
var elisions = [...]string{"tis", "twas", "em", "cause", "til", "bout"}

// elision reports whether the single quote ending at byte j of t, found where a quotation
// could open, is instead the apostrophe of an elision: '90s, '05, 'tis, 'em, rock 'n' roll.
// It returns where scanning should resume: j, or past the second mark of 'n'.
func elision(t string, j int) (resume int, ok bool) {
	if j+1 < len(t) && isDigit(t[j]) && isDigit(t[j+1]) {
		k := j + 2
		if k < len(t) && t[k] == 's' {
			k++
		}
		return j, !isAlnum(runeAt(t, k))
	}
	k := j
	for k < len(t) && k-j < 6 && isASCIILetter(t[k]) {
		k++
	}
	if k == j || isAlnum(runeAt(t, k)) {
		return j, false
	}
	w := t[j:k]
	if w == "n" || w == "N" {
		if r, size := utf8.DecodeRuneInString(t[k:]); r == '\'' || r == '’' {
			return k + size, true
		}
		return j, true
	}
	for _, e := range elisions {
		if strings.EqualFold(w, e) {
			return j, true
		}
	}
	return j, false
}

func isDigit(c byte) bool       { return '0' <= c && c <= '9' }
func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// trimRightSpace returns the length of t without trailing white space.
func trimRightSpace(t string) int {
	i := len(t)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(t[:i])
		if !isSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// skipSpace returns the index of the first non-space rune of t at or after i.
func skipSpace(t string, i int) int {
	for i < len(t) {
		r, size := rune(t[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(t[i:])
		}
		if !isSpace(r) {
			break
		}
		i += size
	}
	return i
}
