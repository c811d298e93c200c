package annotate

import (
	"unicode"
	"unicode/utf8"
)

// token is a word of a block's text: letters, digits and marks, with apostrophes and hyphens
// inside it ("so-called", "don't"). Its folded form, lower case with curly apostrophes made
// straight, is keys[keyStart:keyEnd] of the tokenizer that made it.
type token struct {
	start, end       int // byte range in the block text
	keyStart, keyEnd int // byte range of the folded form in tokens.keys
}

// tokens is the tokenized text of one block, shared by every matcher.
type tokens struct {
	text string
	list []token
	keys []byte
}

// tokenize splits text into words, reusing t's storage.
func (t *tokens) tokenize(text string) {
	t.text = text
	t.list = t.list[:0]
	t.keys = t.keys[:0]
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIIWordStart(c) {
				i++
				continue
			}
		} else {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += n
				continue
			}
		}
		i = t.word(text, i)
	}
}

// word reads the word starting at i and returns the offset after it.
func (t *tokens) word(text string, i int) int {
	tok := token{start: i, keyStart: len(t.keys)}
	end := i
	for j := i; j < len(text); {
		c := text[j]
		if c < utf8.RuneSelf {
			switch {
			case isASCIIWordStart(c):
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				t.keys = append(t.keys, c)
				j++
				end = j
				continue
			case c == '\'' || c == '-':
				// Inside a word only if a letter or digit follows.
				if j+1 < len(text) && isWordContinuation(text[j+1:]) {
					t.keys = append(t.keys, c)
					j++
					continue
				}
			}
			break
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if r == '’' || r == '‐' || r == '‑' {
			if j+n < len(text) && isWordContinuation(text[j+n:]) {
				if r == '’' {
					t.keys = append(t.keys, '\'')
				} else {
					t.keys = append(t.keys, '-')
				}
				j += n
				continue
			}
			break
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			break
		}
		t.keys = utf8.AppendRune(t.keys, unicode.ToLower(r))
		j += n
		end = j
	}
	tok.end = end
	tok.keyEnd = len(t.keys)
	t.list = append(t.list, tok)
	return end
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

// key returns the folded form of token i, as bytes valid until the next tokenize.
func (t *tokens) key(i int) []byte {
	tok := t.list[i]
	return t.keys[tok.keyStart:tok.keyEnd]
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

// fold returns the folded form of a word or phrase as tokenize would produce it, words
// separated by single spaces.
func fold(s string) string {
	var t tokens
	t.tokenize(s)
	out := make([]byte, 0, len(t.keys)+len(t.list))
	for i := range t.list {
		if i > 0 {
			out = append(out, ' ')
		}
		out = append(out, t.key(i)...)
	}
	return string(out)
}

// foldWords returns the folded words of a phrase.
func foldWords(s string) []string {
	var t tokens
	t.tokenize(s)
	words := make([]string, len(t.list))
	for i := range t.list {
		words[i] = string(t.key(i))
	}
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
