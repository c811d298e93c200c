// Package words is the tokenizer every rule and the provenance analysis share: a block's
// text split once into words, each folded (lower case, straight apostrophes) and hashed,
// with the helpers that read them (phrases, clauses, inflections).
package words

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/slant-news/slant/annotate/prose"
)

// Token is a word of a block's text: letters, digits and marks, with apostrophes and hyphens
// inside it ("so-called", "don't"). Its folded form, lower case with curly apostrophes made
// straight, is keys[keyStart:keyEnd] of the tokenizer that made it, where keyStart is the
// keyEnd of the Token before (or 0): the folded forms are stored one after another, so a
// Token is 32 bytes rather than 40 (a text has one every six bytes or so).
type Token struct {
	Start, End int    // byte range in the block text
	KeyEnd     int    // end of the folded form in tokens.keys
	Hash       uint64 // keyHash of the folded form
}

// Tokens is the tokenized text of one block, shared by every matcher.
type Tokens struct {
	Text string
	List []Token
	Keys []byte
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

// LowerASCII maps A-Z to a-z and every other byte to itself.
var LowerASCII = func() (t [256]byte) {
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

// KeyHash is the hash of a folded word, as Token.Hash holds it.
func KeyHash(key []byte) uint64 {
	h := uint64(keyHashStart)
	for _, c := range key {
		h = (h ^ uint64(c)) * keyHashPrime
	}
	return h
}

// Tokenize splits text into words, reusing t's storage.
func (t *Tokens) Tokenize(text string) {
	t.Text = text
	t.List = t.List[:0]
	t.Keys = t.Keys[:0]
	// For a long text, room for the usual number of words (English averages six bytes a word
	// with its space), so that a new tokens allocates once rather than growing word by word.
	// A paragraph of megabytes gets room for about as many words as it has spaces instead:
	// a quarter of its bytes would be a third more than it needs.
	if len(text) > 512 {
		n := len(text)/4 + 8
		if len(text) > 1<<16 {
			n = min(n, strings.Count(text, " ")*9/8+64)
		}
		if cap(t.List) < n {
			t.List = make([]Token, 0, n)
		}
		if n := len(text) + 8; cap(t.Keys) < n {
			t.Keys = make([]byte, 0, n)
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
func (t *Tokens) word(text string, i int) int {
	keys := t.Keys
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
				c = LowerASCII[c]
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
	t.Keys = keys
	t.List = append(t.List, Token{Start: i, End: j, KeyEnd: len(keys), Hash: h})
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

// KeyStart returns where the folded form of token i starts in t.keys.
func (t *Tokens) KeyStart(i int) int {
	if i == 0 {
		return 0
	}
	return t.List[i-1].KeyEnd
}

// Key returns the folded form of token i, as bytes valid until the next tokenize.
func (t *Tokens) Key(i int) []byte {
	return t.Keys[t.KeyStart(i):t.List[i].KeyEnd]
}

// SpaceBetween reports whether only white space separates tokens i and i+1.
func (t *Tokens) SpaceBetween(i int) bool {
	gap := t.Text[t.List[i].End:t.List[i+1].Start]
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

// SameClause reports whether the text between tokens i and i+1 keeps them in one clause:
// white space and dashes only. A comma ends the clause: in "handed to authorities, police
// said" the authorities are not the ones who said it.
func (t *Tokens) SameClause(i int) bool {
	for _, r := range t.Text[t.List[i].End:t.List[i+1].Start] {
		if !unicode.IsSpace(r) && r != '-' && r != '–' && r != '—' {
			return false
		}
	}
	return true
}

// scratchTokens recycles the tokenizers of fold and foldWords, which rubric compilation and
// matchers call on many short phrases.
var scratchTokens = sync.Pool{New: func() any { return new(Tokens) }}

// Fold returns the folded form of a word or phrase as tokenize would produce it, words
// separated by single spaces.
func Fold(s string) string {
	t := scratchTokens.Get().(*Tokens)
	t.Tokenize(s)
	n := 0
	for i := range t.List {
		n += t.List[i].KeyEnd - t.KeyStart(i) + 1
	}
	out := make([]byte, 0, n)
	for i := range t.List {
		if i > 0 {
			out = append(out, ' ')
		}
		out = append(out, t.Key(i)...)
	}
	t.Text = ""
	scratchTokens.Put(t)
	return string(out)
}

// FoldWords returns the folded words of a phrase.
func FoldWords(s string) []string {
	t := scratchTokens.Get().(*Tokens)
	t.Tokenize(s)
	words := make([]string, len(t.List))
	if len(t.List) > 0 {
		// One string holding every word, sliced.
		all := string(t.Keys)
		for i := range t.List {
			words[i] = all[t.KeyStart(i):t.List[i].KeyEnd]
		}
	}
	t.Text = ""
	scratchTokens.Put(t)
	return words
}

// PhraseAt reports whether the folded words of phrase start at token i, separated by white
// space only.
func PhraseAt(t *Tokens, i int, phrase []string) bool {
	if i+len(phrase) > len(t.List) {
		return false
	}
	for k, w := range phrase {
		if string(t.Key(i+k)) != w || (k > 0 && !t.SpaceBetween(i+k-1)) {
			return false
		}
	}
	return true
}

// CleanText collapses white space and drops placeholders of prose.Skipped markup.
func CleanText(s string) string {
	if IsClean(s) {
		return s
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, string(prose.Skipped), " ")), " ")
}

// IsClean reports whether cleanText(s) is s: no placeholder, no white space but single
// spaces between other characters.
func IsClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return false // a multi-byte space, perhaps: take the long way
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		case c <= ' ' || c == prose.Skipped || c == 0x7f:
			return false
		}
	}
	return true
}

// Inflections returns word and its simple English inflections: plural and third person (-s,
// -es, -ies), past (-ed, -d, -ied, doubled consonant), present participle (-ing), and adverbs
// (-ly, -edly, -ily). They over-generate ("thugged" and "thuged"); the extra forms never occur
// in text, so they cost nothing but memory.
func Inflections(word string) []string {
	w := strings.ToLower(word)
	forms := []string{w}
	add := func(s ...string) { forms = append(forms, s...) }
	n := len(w)
	if n < 3 {
		return forms
	}
	last := w[n-1]
	switch {
	case last == 'e':
		stem := w[:n-1]
		add(w+"s", w+"d", stem+"ing", w+"ly", w+"dly")
	case last == 'y' && !isVowel(w[n-2]):
		stem := w[:n-1]
		add(stem+"ies", stem+"ied", stem+"ily", w+"ing")
	case last == 's' || last == 'x' || last == 'z' || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		add(w+"es", w+"ed", w+"ing", w+"ly", w+"edly")
	default:
		add(w+"s", w+"ed", w+"ing", w+"ly", w+"edly")
		if isConsonant(last) && isVowel(w[n-2]) && isConsonant(w[n-3]) && last != 'w' && last != 'y' {
			d := w + string(last)
			add(d+"ed", d+"ing", d+"edly")
		}
	}
	return forms
}

func isVowel(c byte) bool {
	return strings.IndexByte("aeiou", c) >= 0
}

func isConsonant(c byte) bool {
	return 'a' <= c && c <= 'z' && !isVowel(c)
}

// WordAt returns the folded form of token i as a string that shares the tokenizer's memory:
// no allocation, valid until the next tokenize. The provenance analysis looks words up in
// many small sets, so copying each would cost more than the lookups.
func (t *Tokens) WordAt(i int) string {
	k := t.Key(i)
	if len(k) == 0 {
		return ""
	}
	return unsafe.String(&k[0], len(k))
}
