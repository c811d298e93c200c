package provenance

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/internal/newscorpus"
	"github.com/slant-news/slant/rubrics"
	"github.com/stretchr/testify/assert"
)

// defaultLexicon is the default rubric's provenance word lists, read from its file alone
// (a rubric with rules needs package annotate, which registers the rule kinds).
func defaultLexicon(t testing.TB) *Lexicon {
	t.Helper()
	r, err := rubrics.Load("../../rubrics/default/80-provenance.toml")
	if err != nil {
		t.Fatal(err)
	}
	return NewLexicon(r.Provenance)
}

// sharedCorpusDir is ../shared/corpus beside the repository.
const sharedCorpusDir = "../../../shared/corpus"

func parseText(t testing.TB, text string) *prose.Document {
	t.Helper()
	doc, err := prose.Parse("t.txt", []byte(text), prose.FormatText)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// isUpper agrees with strings.ToUpper(s) == s, which it replaced, on ASCII and on runes whose
// upper case is another rune, a title-case rune or themselves.
func TestIsUpper(t *testing.T) {
	words := []string{"", "NATO", "Nato", "nato", "US", "U.S.", "AL-QAEDA", "BBC's", "ÉLYSÉE", "Élysée",
		"STRAßE", "ǅ", "Ǆ", "İSTANBUL", "ΑΘΗΝΑ", "Αθηνα", "123", "\ufffd", "ＮＡＴＯ", "ｎａｔｏ"}
	rng := rand.New(rand.NewPCG(3, 4))
	runes := []rune("aAzZ09-'ßẞǅǄǆİıéÉσΣςﬁ\ufffd ")
	for range 2000 {
		b := make([]rune, rng.IntN(6))
		for i := range b {
			b[i] = runes[rng.IntN(len(runes))]
		}
		words = append(words, string(b))
	}
	for _, w := range words {
		if got, want := isUpper(w), strings.ToUpper(w) == w; got != want {
			t.Errorf("isUpper(%q) = %v, want %v", w, got, want)
		}
	}
}

// lastField is the last of strings.Fields, which it replaced.
func TestLastField(t *testing.T) {
	for _, s := range []string{"Mark Esper", "Esper", " Mark  Esper ", "Jean-Yves Le\u00a0Drian", "Ana María\tGómez\n", "x", "a b\u2003c\u3000"} {
		f := strings.Fields(s)
		if got := lastField(s); got != f[len(f)-1] {
			t.Errorf("lastField(%q) = %q, want %q", s, got, f[len(f)-1])
		}
	}
	if got := lastField(" \t"); got != "" {
		t.Errorf("lastField of white space = %q", got)
	}
}

// The speech analysis finds the same provenance whether it searches a paragraph's quotations
// through their index or reads them all: on the corpus's news (when it is beside the
// repository), the testdata texts, and the same texts as one paragraph each.
func TestQuoteIndexAsFullSearch(t *testing.T) {
	lx := defaultLexicon(t)
	texts, err := newscorpus.Articles(sharedCorpusDir)
	if err != nil {
		t.Fatal(err)
	}
	texts = texts[:min(len(texts), 150)]
	files, _ := filepath.Glob("../../testdata/annotate/*.txt")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, data)
	}
	for _, text := range slices.Clone(texts) {
		texts = append(texts, bytes.Join(bytes.Fields(text), []byte(" "))) // one paragraph
	}
	analyze := func(text []byte) *Provenance {
		doc, err := prose.Parse("t.txt", text, prose.FormatText)
		if err != nil {
			t.Fatal(err)
		}
		return Analyze(doc, lx)
	}
	attributions := 0
	for _, text := range texts {
		want := func() *Provenance {
			indexQuotes = false
			defer func() { indexQuotes = true }()
			return analyze(text)
		}()
		got := analyze(text)
		attributions += len(got.Attributions)
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("provenance differs with the quote index on %.80q...", text)
		}
	}
	if attributions == 0 {
		t.Fatal("no attributions: the texts do not exercise the searches")
	}
}

func TestLowerCaseInDocument(t *testing.T) {
	doc := parseText(t, "Having said that, the mayor was having none of it.\n\nWorking late, UNTESTED plans and re-tested ones (x-reporting) were discussed.")
	pa := newProvenanceAnalysis(doc, defaultLexicon(t))
	for w, want := range map[string]bool{
		"having":    true,  // written in lower case too
		"working":   false, // only capitalised
		"untested":  false, // only in capitals
		"tested":    true,  // "re-tested": a hyphen is no letter
		"reporting": true,
		"discussed": true,
		"said":      false, // too short to be asked about
	} {
		assert.Equal(t, want, pa.lowerCaseInDocument(w), w)
	}
}
