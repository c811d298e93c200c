package annotate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/internal/words"
)

// termWords are the words random terms and texts are made of: ASCII and non-ASCII letters,
// case differences, hyphens (ASCII and Unicode), apostrophes (straight and curly), and
// possessives.
var termWords = []string{
	"regime", "Regime", "REGIME", "regimes", "regime's", "regime’s", "régime", "RÉGIME",
	"so-called", "so‐called", "So‑Called", "so", "called", "self-styled", "self",
	"don't", "don’t", "don", "t", "o'brien", "O’Brien", "brien", "critics", "critic's",
	"say", "says", "said", "straße", "STRASSE", "ǅemal", "ǆemal", "Ωmega", "ωmega",
	"naïve", "nai\u0308ve", "2020", "x", "s", "'s", "anti-war", "war", "anti",
}

// termSeparators go between words in random texts.
var termSeparators = []string{" ", " ", " ", "  ", "\n", "\t", "\u00a0", ", ", ". ", "-", "'", "’", " — ", "\"", "“", ""}

func randomTermText(rng *rand.Rand, wordList int) string {
	var b strings.Builder
	for i := 0; i < wordList; i++ {
		if i > 0 {
			b.WriteString(termSeparators[rng.IntN(len(termSeparators))])
		}
		b.WriteString(termWords[rng.IntN(len(termWords))])
	}
	return b.String()
}

// randomTerms returns terms of one to three words, as a rubric would list them (any case),
// with hits for a few owners, some case-sensitive.
func randomTerms(rng *rand.Rand, n int) ([]string, []termHit) {
	var terms []string
	var hits []termHit
	for range n {
		var wordList []string
		for k := 1 + rng.IntN(3); k > 0; k-- {
			wordList = append(wordList, termWords[rng.IntN(len(termWords))])
		}
		term := strings.Join(wordList, " ")
		if len(words.FoldWords(term)) == 0 {
			continue
		}
		hit := termHit{owner: rng.IntN(3), term: words.Fold(term)}
		if rng.IntN(4) == 0 {
			hit.exact = term
		}
		if rng.IntN(5) == 0 {
			hit.exception = true
		}
		terms = append(terms, term)
		hits = append(hits, hit)
	}
	return terms, hits
}

// naiveMatches is an independent statement of what the term index finds: for each term, at
// each word of the text, compare the term's folded words with the text's, allowing only
// white space between them; a word "x's" stands for "x" unless some term has the word "x's"
// at that place after the same words.
func naiveMatches(toks *words.Tokens, terms []string, hits []termHit) []termMatch {
	type entry struct {
		wordList []string
		hit      termHit
	}
	var entries []entry
	for i, t := range terms {
		e := entry{words.FoldWords(t), hits[i]}
		if !slices.ContainsFunc(entries, func(o entry) bool { return slices.Equal(o.wordList, e.wordList) && o.hit == e.hit }) {
			entries = append(entries, e)
		}
	}
	// hasEdge reports whether some term continues the words prefix with the word w.
	hasEdge := func(prefix []string, w string) bool {
		for _, e := range entries {
			if len(e.wordList) > len(prefix) && slices.Equal(e.wordList[:len(prefix)], prefix) && e.wordList[len(prefix)] == w {
				return true
			}
		}
		return false
	}
	wordMatches := func(e entry, k, pos int) bool {
		key := string(toks.Key(pos))
		if key == e.wordList[k] {
			return true
		}
		stem, ok := strings.CutSuffix(key, "'s")
		return ok && len(key) > 2 && stem == e.wordList[k] && !hasEdge(e.wordList[:k], key)
	}
	var out []termMatch
	for _, e := range entries {
		for i := range toks.List {
			if i+len(e.wordList) > len(toks.List) {
				break
			}
			ok := true
			for k := range e.wordList {
				if !wordMatches(e, k, i+k) || k > 0 && !onlySpace(toks.Text[toks.List[i+k-1].End:toks.List[i+k].Start]) {
					ok = false
					break
				}
			}
			end := toks.List[i+len(e.wordList)-1].End
			if ok && e.hit.exact != "" && strings.Join(strings.Fields(toks.Text[toks.List[i].Start:end]), " ") != strings.Join(strings.Fields(e.hit.exact), " ") {
				ok = false
			}
			if ok {
				out = append(out, termMatch{hit: e.hit, start: toks.List[i].Start, end: end})
			}
		}
	}
	return out
}

func onlySpace(s string) bool {
	return s != "" && strings.TrimSpace(s) == ""
}

func sortMatches(ms []termMatch) {
	slices.SortFunc(ms, func(a, b termMatch) int {
		return strings.Compare(fmt.Sprint(a.start, a.end, a.hit), fmt.Sprint(b.start, b.end, b.hit))
	})
}

func checkTermIndex(t *testing.T, text string, terms []string, hits []termHit) {
	t.Helper()
	var ix termIndex
	for i, term := range terms {
		ix.add(words.FoldWords(term), hits[i])
	}
	var toks words.Tokens
	toks.Tokenize(text)
	var got []termMatch
	ix.match(&toks, func(m termMatch) { got = append(got, m) })
	want := naiveMatches(&toks, terms, hits)
	sortMatches(got)
	sortMatches(want)
	if !slices.Equal(got, want) {
		t.Fatalf("text %q\nterms %q\nindex found %v\nnaive scan %v", text, terms, got, want)
	}
}

// TestTermIndexMatchesNaiveScan checks on random texts and random term lists that the
// one-pass term index finds exactly what a scan for each term at each word finds.
func TestTermIndexMatchesNaiveScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	found := 0
	for range 3000 {
		terms, hits := randomTerms(rng, 1+rng.IntN(12))
		text := randomTermText(rng, rng.IntN(40))
		checkTermIndex(t, text, terms, hits)
		var toks words.Tokens
		toks.Tokenize(text)
		found += len(naiveMatches(&toks, terms, hits))
	}
	if found < 1000 {
		t.Errorf("only %d matches in all: the random texts do not exercise the index", found)
	}
}

// TestTermIndexManyTerms checks a large index (every word and many phrases of the texts)
// the same way.
func TestTermIndexManyTerms(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	terms, hits := randomTerms(rng, 2000)
	for range 50 {
		checkTermIndex(t, randomTermText(rng, 200), terms, hits)
	}
}

func FuzzTermIndex(f *testing.F) {
	f.Add("The so-called regime’s critics say", "regime|critics say|so-called")
	f.Add("Don’t call O'Brien's régime a REGIME", "o’brien|régime|don't call")
	f.Fuzz(func(t *testing.T, text, termList string) {
		if !utf8.ValidString(text) || !utf8.ValidString(termList) {
			return
		}
		var terms []string
		var hits []termHit
		for i, term := range strings.Split(termList, "|") {
			if len(words.FoldWords(term)) == 0 || len(terms) >= 20 {
				continue
			}
			terms = append(terms, term)
			hits = append(hits, termHit{owner: i % 3, term: words.Fold(term), exact: map[bool]string{true: term}[i%4 == 3]})
		}
		checkTermIndex(t, text, terms, hits)
	})
}

// An index with room reserved and no term, or with terms of no words, finds nothing and does
// not fail.
func TestTermIndexReservedEmpty(t *testing.T) {
	var toks words.Tokens
	toks.Tokenize("Nothing to find here.")
	var ix termIndex
	ix.reserve(100)
	ix.match(&toks, func(termMatch) { t.Fatal("found a match in an empty index") })
	ix.add(words.FoldWords("..."), termHit{term: "..."})
	ix.match(&toks, func(termMatch) { t.Fatal("found a match of a term with no words") })
	ix.add(words.FoldWords("here"), termHit{term: "here"})
	found := 0
	ix.match(&toks, func(termMatch) { found++ })
	if found != 1 {
		t.Fatalf("found %d matches of %q, want 1", found, "here")
	}
}
