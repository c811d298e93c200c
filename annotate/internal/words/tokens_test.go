package words

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/stretchr/testify/assert"
)

// refWord is a word as the first tokenizer (before the fast one) found it.
type refWord struct {
	start, end int
	key        string
}

// referenceTokenize is slant's first tokenizer, kept as the statement of what tokenize must
// do: the fast one must find the same words with the same folded keys.
func referenceTokenize(text string) []refWord {
	var out []refWord
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
		var key []byte
		start, end := i, i
		for j := i; j < len(text); {
			c := text[j]
			if c < utf8.RuneSelf {
				switch {
				case isASCIIWordStart(c):
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					key = append(key, c)
					j++
					end = j
					continue
				case c == '\'' || c == '-':
					if j+1 < len(text) && isWordContinuation(text[j+1:]) {
						key = append(key, c)
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
						key = append(key, '\'')
					} else {
						key = append(key, '-')
					}
					j += n
					continue
				}
				break
			}
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
				break
			}
			key = utf8.AppendRune(key, unicode.ToLower(r))
			j += n
			end = j
		}
		out = append(out, refWord{start, end, string(key)})
		i = end
	}
	return out
}

func checkTokenize(t *testing.T, toks *Tokens, text string) {
	t.Helper()
	toks.Tokenize(text)
	want := referenceTokenize(text)
	if len(toks.List) != len(want) {
		t.Fatalf("%q: %d words, want %d", text, len(toks.List), len(want))
	}
	for i, w := range want {
		got := toks.List[i]
		key := toks.Key(i)
		if got.Start != w.start || got.End != w.end || string(key) != w.key {
			t.Fatalf("%q: word %d is %d-%d %q, want %d-%d %q", text, i, got.Start, got.End, key, w.start, w.end, w.key)
		}
		if got.Hash != KeyHash(key) {
			t.Fatalf("%q: word %d %q has hash %x, want %x", text, i, key, got.Hash, KeyHash(key))
		}
	}
}

// tokenPieces are what random texts for the tokenizer are made of.
var tokenPieces = []string{
	"a", "Z", "9", "word", "Word", "WORD", "'", "-", "’", "‐", "‑", "–", "—", " ", "  ", "\n", "\t",
	".", ",", "\"", "“", "”", "é", "É", "e\u0301", "\u0301", "ß", "ǅ", "Ω", "日本", "١٢", "_", "x's",
	"\u00a0", "\u200b", "İ", "ſ", "\u212a", "\x1a", "\ufeff",
}

// TestTokenizeMatchesReference checks the tokenizer against the reference on random texts
// (ASCII and not, joiners, marks, case) reusing one tokens, as Annotate does.
func TestTokenizeMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var toks Tokens
	for range 20000 {
		var b strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			b.WriteString(tokenPieces[rng.IntN(len(tokenPieces))])
		}
		checkTokenize(t, &toks, b.String())
	}
	// A long text, past the size where tokenize reserves room.
	var b strings.Builder
	for b.Len() < 10000 {
		b.WriteString(tokenPieces[rng.IntN(len(tokenPieces))])
	}
	checkTokenize(t, &toks, b.String())
}

func FuzzTokenize(f *testing.F) {
	f.Add("The so-called “regime” don’t x's É\u0301")
	f.Fuzz(func(t *testing.T, text string) {
		var toks Tokens
		checkTokenize(t, &toks, text)
		if utf8.ValidString(text) {
			words := FoldWords(text)
			for i, w := range words {
				if w != string(toks.Key(i)) {
					t.Fatalf("foldWords(%q)[%d] = %q, want %q", text, i, w, toks.Key(i))
				}
			}
			if got, want := Fold(text), strings.Join(words, " "); got != want {
				t.Fatalf("fold(%q) = %q, want %q", text, got, want)
			}
		}
	})
}

func TestInflections(t *testing.T) {
	assert.Subset(t, Inflections("allege"), []string{"allege", "alleges", "alleged", "alleging", "allegedly"})
	assert.Subset(t, Inflections("admit"), []string{"admits", "admitted", "admitting"})
	assert.Subset(t, Inflections("deny"), []string{"denies", "denied"})
	assert.Subset(t, Inflections("claim"), []string{"claims", "claimed", "claiming"})
	assert.Equal(t, []string{"go"}, Inflections("go"))
}

// TestCleanText checks CleanText's shortcut against the long way.
func TestCleanText(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"a", "word", " ", "  ", "\t", "\n", "\u00a0", "\x1a", "é", "-", "\x01", "\u2003"}
	for range 20000 {
		var b strings.Builder
		for n := rng.IntN(8); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		want := strings.Join(strings.Fields(strings.ReplaceAll(s, string(prose.Skipped), " ")), " ")
		if got := CleanText(s); got != want {
			t.Fatalf("CleanText(%q) = %q, want %q", s, got, want)
		}
	}
}
