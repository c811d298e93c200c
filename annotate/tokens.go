package annotate

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// token is a word of a block's text: letters, digits and marks, with apostrophes and hyphens
// inside it ("so-called", "don't"). Its folded form, lower case with curly apostrophes made
// straight, is keys[keyStart:keyEnd] of the tokenizer that made it, where keyStart is the
// keyEnd of the token before (or 0): the folded forms are stored one after another, so a
// token is 32 bytes rather than 40 (a text has one every six bytes or so).
type token struct {
	start, end int    // byte range in the block text
	keyEnd     int    // end of the folded form in tokens.keys
	hash       uint64 // keyHash of the folded form
}

// tokens is the tokenized text of one block, shared by every matcher.
type tokens struct {
	text string
	list []token
	keys []byte
}

// Byte classes for the tokenizer.
const (
	tcOther = iota // an ASCII byte that is not part of a word
	tcWord         // a-z, A-Z and 0-9
	tcJoin         // ' and -, inside a word when a letter or digit follows
	tcMulti        // a byte of a multi-byte rune
)

var tokenClass = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = tcWord
		case c == '\'' || c == '-':
			t[c] = tcJoin
		case c >= utf8.RuneSelf:
			t[c] = tcMulti
		}
	}
	return t
}()

// lowerASCII maps A-Z to a-z and every other byte to itself.
var lowerASCII = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] += 'a' - 'A'
		}
	}
	return t
}()

// The hash of a folded word is 64-bit FNV-1a: keyHash(key) = keyHashMore(keyHashStart, key).
const (
	keyHashStart = 14695981039346656037
	keyHashPrime = 1099511628211
)

func keyHash(key []byte) uint64 {
	h := uint64(keyHashStart)
	for _, c := range key {
		h = (h ^ uint64(c)) * keyHashPrime
	}
	return h
}

// tokenize splits text into words, reusing t's storage.
func (t *tokens) tokenize(text string) {
	t.text = text
	t.list = t.list[:0]
	t.keys = t.keys[:0]
	// For a long text, room for the usual number of words (English averages six bytes a word
	// with its space), so that a new tokens allocates once rather than growing word by word.
	// A paragraph of megabytes gets room for about as many words as it has spaces instead:
	// a quarter of its bytes would be a third more than it needs.
	if len(text) > 512 {
		n := len(text)/4 + 8
		if len(text) > 1<<16 {
			n = min(n, strings.Count(text, " ")*9/8+64)
		}
		if cap(t.list) < n {
			t.list = make([]token, 0, n)
		}
		if n := len(text) + 8; cap(t.keys) < n {
			t.keys = make([]byte, 0, n)
		}
	}
	for i := 0; i < len(text); {
		switch tokenClass[text[i]] {
		case tcWord:
			i = t.word(text, i)
		case tcMulti:
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				i = t.word(text, i)
			} else {
				i += n
			}
		default:
			i++
		}
	}
}

// word reads the word starting at i and returns the offset after it.
func (t *tokens) word(text string, i int) int {
	keys := t.keys
	h := uint64(keyHashStart)
	j := i
scan:
	for j < len(text) {
		c := text[j]
		switch tokenClass[c] {
		case tcWord:
			// A run of ASCII letters and digits, scanned, folded and hashed in one loop; the
			// run is at most the rest of the text, so room for that is made first.
			k := len(keys)
			if cap(keys)-k < len(text)-j {
				keys = slices.Grow(keys, len(text)-j)
			}
			room := keys[k:cap(keys)]
			n := 0
			for ; j < len(text) && n < len(room); j++ {
				c := text[j]
				if tokenClass[c] != tcWord {
					break
				}
				c = lowerASCII[c]
				room[n] = c
				n++
				h = (h ^ uint64(c)) * keyHashPrime
			}
			keys = keys[:k+n]
			continue
		case tcJoin:
			// Inside a word only if a letter or digit follows.
			if j+1 < len(text) && isWordContinuation(text[j+1:]) {
				keys = append(keys, c)
				h = (h ^ uint64(c)) * keyHashPrime
				j++
				continue
			}
			break scan
		case tcOther:
			break scan
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if r == '’' || r == '‐' || r == '‑' {
			if j+n < len(text) && isWordContinuation(text[j+n:]) {
				c := byte('-')
				if r == '’' {
					c = '\''
				}
				keys = append(keys, c)
				h = (h ^ uint64(c)) * keyHashPrime
				j += n
				continue
			}
			break
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			break
		}
		k := len(keys)
		keys = utf8.AppendRune(keys, unicode.ToLower(r))
		for _, c := range keys[k:] {
			h = (h ^ uint64(c)) * keyHashPrime
		}
		j += n
	}
	// A joiner is consumed only when a letter or digit follows it, and that letter or digit
	// is consumed next: so the word ends where the scan stopped.
	t.keys = keys
	t.list = append(t.list, token{start: i, end: j, keyEnd: len(keys), hash: h})
	return j
}

func isASCIIWordStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isWordContinuation(s string) bool {
	if s[0] < utf8.RuneSelf {
		return isASCIIWordStart(s[0])
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// keyStart returns where the folded form of token i starts in t.keys.
func (t *tokens) keyStart(i int) int {
	if i == 0 {
		return 0
	}
	return t.list[i-1].keyEnd
}

// key returns the folded form of token i, as bytes valid until the next tokenize.
func (t *tokens) key(i int) []byte {
	return t.keys[t.keyStart(i):t.list[i].keyEnd]
}

// spaceBetween reports whether only white space separates tokens i and i+1.
func (t *tokens) spaceBetween(i int) bool {
	gap := t.text[t.list[i].end:t.list[i+1].start]
	if gap == "" {
		return false
	}
	for _, r := range gap {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// sameClause reports whether the text between tokens i and i+1 keeps them in one clause:
// white space and dashes only. A comma ends the clause: in "handed to authorities, police
// said" the authorities are not the ones who said it.
func (t *tokens) sameClause(i int) bool {
	for _, r := range t.text[t.list[i].end:t.list[i+1].start] {
		if !unicode.IsSpace(r) && r != '-' && r != '–' && r != '—' {
			return false
		}
	}
	return true
}

// scratchTokens recycles the tokenizers of fold and foldWords, which rubric compilation and
// matchers call on many short phrases.
var scratchTokens = sync.Pool{New: func() any { return new(tokens) }}

// fold returns the folded form of a word or phrase as tokenize would produce it, words
// separated by single spaces.
func fold(s string) string {
	t := scratchTokens.Get().(*tokens)
	t.tokenize(s)
	n := 0
	for i := range t.list {
		n += t.list[i].keyEnd - t.keyStart(i) + 1
	}
	out := make([]byte, 0, n)
	for i := range t.list {
		if i > 0 {
			out = append(out, ' ')
		}
		out = append(out, t.key(i)...)
	}
	t.text = ""
	scratchTokens.Put(t)
	return string(out)
}

// foldWords returns the folded words of a phrase.
func foldWords(s string) []string {
	t := scratchTokens.Get().(*tokens)
	t.tokenize(s)
	words := make([]string, len(t.list))
	if len(t.list) > 0 {
		// One string holding every word, sliced.
		all := string(t.keys)
		for i := range t.list {
			words[i] = all[t.keyStart(i):t.list[i].keyEnd]
		}
	}
	t.text = ""
	scratchTokens.Put(t)
	return words
}

// phraseAt reports whether the folded words of phrase start at token i, separated by white
// space only.
func phraseAt(t *tokens, i int, phrase []string) bool {
	if i+len(phrase) > len(t.list) {
		return false
	}
	for k, w := range phrase {
		if string(t.key(i+k)) != w || (k > 0 && !t.spaceBetween(i+k-1)) {
			return false
		}
	}
	return true
}
