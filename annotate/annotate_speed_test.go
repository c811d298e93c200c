package annotate

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/internal/newscorpus"
	"github.com/slant-news/slant/rubrics"
)

// TestSortsAsBefore checks that dropContained's slices.SortFunc leaves findings with equal
// spans in the order sort.Slice, which it replaced, left them in: both run the same pdqsort,
// and which of two findings with the same span survives dropContained depends on it.
func TestSortsAsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 2000 {
		n := rng.IntN(80)
		fs := make([]Finding, n)
		for i := range fs {
			start := rng.IntN(8)
			fs[i] = Finding{Span: Span{Start: start, End: start + rng.IntN(4)}, Message: fmt.Sprint(i)}
		}
		old := slices.Clone(fs)
		sort.Slice(old, func(i, j int) bool {
			if old[i].Span.Start != old[j].Span.Start {
				return old[i].Span.Start < old[j].Span.Start
			}
			return old[i].Span.End > old[j].Span.End
		})
		slices.SortFunc(fs, byStartLongest)
		for i := range fs {
			if fs[i].Message != old[i].Message {
				t.Fatalf("n=%d: at %d finding %s, sort.Slice had %s", n, i, fs[i].Message, old[i].Message)
			}
		}
	}
	// And the stable sort of all findings, whose result a comparison fixes.
	rules := []*rubrics.Rule{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	for range 500 {
		fs := make([]Finding, rng.IntN(80))
		for i := range fs {
			start := rng.IntN(8)
			fs[i] = Finding{Rule: rules[rng.IntN(3)], Span: Span{Start: start, End: start + rng.IntN(4)}, Message: fmt.Sprint(i)}
		}
		old := slices.Clone(fs)
		sort.SliceStable(old, func(i, j int) bool {
			a, b := old[i], old[j]
			if a.Span.Start != b.Span.Start {
				return a.Span.Start < b.Span.Start
			}
			if a.Span.End != b.Span.End {
				return a.Span.End > b.Span.End
			}
			return a.Rule.ID < b.Rule.ID
		})
		sortFindings(fs)
		for i := range fs {
			if fs[i].Message != old[i].Message {
				t.Fatalf("sortFindings: at %d finding %s, sort.SliceStable had %s", i, fs[i].Message, old[i].Message)
			}
		}
	}
}

// TestCleanText checks cleanText's shortcut against the long way.
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
		if got := words.CleanText(s); got != want {
			t.Fatalf("cleanText(%q) = %q, want %q", s, got, want)
		}
	}
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
	r, err := rubrics.Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(r)
	if err != nil {
		t.Fatal(err)
	}
	texts, err := newscorpus.Articles(sharedCorpusDir)
	if err != nil {
		t.Fatal(err)
	}
	texts = texts[:min(len(texts), 150)]
	files, _ := filepath.Glob("../testdata/annotate/*.txt")
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
	provenance := func(text []byte) *Provenance {
		doc, err := prose.Parse("t.txt", text, prose.FormatText)
		if err != nil {
			t.Fatal(err)
		}
		return a.Provenance(doc)
	}
	attributions := 0
	for _, text := range texts {
		want := func() *Provenance {
			indexQuotes = false
			defer func() { indexQuotes = true }()
			return provenance(text)
		}()
		got := provenance(text)
		attributions += len(got.Attributions)
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("provenance differs with the quote index on %.80q...", text)
		}
	}
	if attributions == 0 {
		t.Fatal("no attributions: the texts do not exercise the searches")
	}
}
