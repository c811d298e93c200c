package findall

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/internal/newscorpus"
)

// sharedCorpusDir is the real news texts beside the repository.
const sharedCorpusDir = "../../../../shared/corpus"

// filterExprs are expressions that exercise the prefilter: ones with anchors, word
// boundaries, case folding (including ſ and K, which fold to ASCII), non-ASCII literals,
// optional parts and empty matches; and, last, one like the default rubric's "-in-chief"
// label, whose factor has a rare byte.
var filterExprs = []string{
	`(?i)\b(?P<match>so[-‐‑]called|self[-‐‑](?:styled|proclaimed|appointed))\s+[\p{L}\p{N}]`,
	`(?i)\blast\s+(?:night|week)\b`,
	`(?i)(?P<match>kiss)\W`,
	`(?i)ſelf\b`,
	`\bSelf-styled\b`,
	`(?i)^self`,
	`(?im)^last\b`,
	`(?i)night$`,
	`(?i)\Bcall`,
	`(?i)café|naïve`,
	`(?i)(?:\d+|a|one)\s+(?:hours?|days?)\s+ago`,
	`x*`,
	`(?i)\b(?:a|an)\b`,
	`(?i)s.lf`,
	`(?i)week(?:end)?s?`,
	`(?i)[kK]ey[_-]?word`,
	`(?i)(?P<match>é+)t`,
	`(?i)\bthis(?:\s+past)?\s+week`,
	`(?:so|self)-?(?:called|styled){1,2}`,
	`(?i)x{2,}yz`,
	`(?i)\b(?P<match>\p{L}+(?:-\p{L}+)*-in-chief)\b`,
}

// filterPieces are the bits random texts are made of.
var filterPieces = []string{
	"so-called", "So‐Called", "SELF‑STYLED", "self-styled", "self-appointed", "ſelf", "ſo-called",
	"\u212aiss", "kiss", "KISS", "last", "Last", "night", "week", "weekend", "weeks", "this", "past",
	"yesterday", "Tuesday", "on", "a", "an", "one", "3", "12", "hours", "days", "ago", "café",
	"CAFÉ", "naïve", "ééé", "t", "x", "xx", "yz", "key_word", "keyword", "call", "recall",
	"s", "e", "l", "f", "_", "é", "日本",
	" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", ".", ",", "-", "'", "\"", "“", "”", "’", "(", ")",
	";", "!", "\x1a",
	// phrases, so that expressions of several words match often enough
	"last night", "LAST  week", "last\nweek", "3 days ago", "a few hours ago", "one hour ago",
	"Self-styled ", "this past week", "this week", "on Tuesday", "xxxyz", "golfer-in-chief",
	"-in-chief", "Liar-In-Chief", "in-chief",
}

func randomFilterText(rng *rand.Rand) string {
	var b strings.Builder
	for n := rng.IntN(30); n > 0; n-- {
		b.WriteString(filterPieces[rng.IntN(len(filterPieces))])
	}
	return b.String()
}

// checkFind fails t unless m finds in text what re's FindAllStringSubmatchIndex finds over
// the whole text, every group; it returns the number of matches.
func checkFind(t *testing.T, re *regexp.Regexp, m *Matcher, text string) int {
	t.Helper()
	want := re.FindAllStringSubmatchIndex(text, -1)
	var got [][]int
	m.Find(text, func(loc []int) { got = append(got, slices.Clone(loc)) })
	if !slices.EqualFunc(want, got, slices.Equal) {
		t.Fatalf("%s on %q: Find %v, FindAll %v", re, text, got, want)
	}
	return len(want)
}

// TestFindAsFindAll checks on random texts that Find, prefilter and allMatcher together,
// finds exactly what running the expression over the whole text finds.
func TestFindAsFindAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, expr := range filterExprs {
		re := regexp.MustCompile(expr)
		m := New(re)
		found := 0
		for range 3000 {
			found += checkFind(t, re, m, randomFilterText(rng))
		}
		assert.Positive(t, found, "%s never matched: the test texts do not exercise it", expr)
	}
}

// FuzzFind checks the same on texts the fuzzer makes.
func FuzzFind(f *testing.F) {
	f.Add("The so-called experts met last night.", uint8(0))
	f.Add("ſelf-styled \u212aISS 3 days ago", uint8(3))
	res := make([]*regexp.Regexp, len(filterExprs))
	matchers := make([]*Matcher, len(filterExprs))
	for i, e := range filterExprs {
		res[i] = regexp.MustCompile(e)
		matchers[i] = New(res[i])
	}
	f.Fuzz(func(t *testing.T, text string, which uint8) {
		i := int(which) % len(matchers)
		checkFind(t, res[i], matchers[i], text)
	})
}

func TestPrefilterFactors(t *testing.T) {
	for _, c := range []struct {
		expr string
		want []string
	}{
		{`(?i)\b(?:\d+|a|one)\s+(?:hours?|days?)\s+ago\b`, []string{"day", "hour"}},
		{`(?i)week(?:end)?s?`, []string{"week"}},
		{`(?i)\bso[-‐]called`, []string{"so-called", "so‐called"}},
		{`(?i)é`, []string{"É", "é"}},
		{`x*`, nil},
		{`(?i)\b(?:a|an)\b`, []string{"a"}},
		{`[\p{L}]+`, nil},
	} {
		f := newPrefilter(c.expr)
		var got []string
		if f != nil {
			got = f.factors
		}
		assert.Equal(t, c.want, got, c.expr)
	}
}

// scannedSegments is segments as the scan finds them, reading every byte.
func scannedSegments(f *prefilter, text string) [][2]int {
	anchors := f.anchors
	f.anchors = nil
	defer func() { f.anchors = anchors }()
	var out [][2]int
	f.segments(text, func(start, end int) { out = append(out, [2]int{start, end}) })
	return out
}

// The anchors lead to the very segments the scan finds, on random texts and on the corpus's
// news, for every expression whose factors have rare bytes.
func TestAnchoredSegmentsAsScanned(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	// Real news when the shared corpus is beside the repository (the first 300 articles).
	articles, _, err := newscorpus.ArticleParagraphs(sharedCorpusDir)
	require.NoError(t, err)
	var paragraphs []string
	for _, a := range articles[:min(300, len(articles))] {
		paragraphs = append(paragraphs, a...)
	}
	anchored := 0
	for _, expr := range filterExprs {
		f := newPrefilter(expr)
		if f == nil || f.anchors == nil {
			continue
		}
		anchored++
		texts := paragraphs
		for range 3000 {
			texts = append(texts[:len(texts):len(texts)], randomFilterText(rng))
		}
		hot := 0
		for _, text := range texts {
			var got [][2]int
			f.segments(text, func(start, end int) { got = append(got, [2]int{start, end}) })
			want := scannedSegments(f, text)
			hot += len(want)
			if !slices.Equal(want, got) {
				t.Fatalf("%s on %q: anchored %v, scanned %v", expr, text, got, want)
			}
		}
		assert.Positive(t, hot, "%s: no segment found, the texts do not exercise it", expr)
	}
	assert.GreaterOrEqual(t, anchored, 3, "expressions with anchors")
	label := newPrefilter(filterExprs[len(filterExprs)-1])
	assert.NotNil(t, label.anchors, "the -in-chief label has anchors")
}

// hasASCIIFold finds ſ and K wherever they are, and nothing else.
func TestHasASCIIFold(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"ſ", "\u212a", "\xaa", "\xe2\x84", "\u2122", "“", "”", "a", "\xc5", "Ū", "ª"}
	for range 20000 {
		var b strings.Builder
		for n := rng.IntN(8); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		want := strings.Contains(text, "ſ") || strings.Contains(text, "\u212a")
		assert.Equal(t, want, hasASCIIFold(text), "%q", text)
	}
}
