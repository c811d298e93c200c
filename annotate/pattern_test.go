package annotate

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/internal/newscorpus"
	"github.com/slant-news/slant/rubrics"
)

// filterExprs are expressions that exercise the pattern prefilter: the default rubric's
// patterns, and ones with anchors, word boundaries, case folding (including ſ and K, which
// fold to ASCII), non-ASCII literals, optional parts and empty matches.
func filterExprs(t testing.TB) []string {
	exprs := []string{
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
	}
	r, err := rubrics.Default()
	require.NoError(t, err)
	for _, rule := range r.Rules {
		if o, ok := rule.Options.(*patternOptions); ok {
			exprs = append(exprs, o.Pattern)
		}
	}
	return exprs
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

// plainMatches is what the matcher found before the prefilter: the expression over the text.
func plainMatches(re *regexp.Regexp, group int, text string) [][2]int {
	var out [][2]int
	for _, loc := range re.FindAllStringSubmatchIndex(text, -1) {
		s, e := loc[2*group], loc[2*group+1]
		if s >= 0 && s != e {
			out = append(out, [2]int{s, e})
		}
	}
	return out
}

func filteredMatches(m patternMatcher, text string) [][2]int {
	var out [][2]int
	c := &blockContext{block: &prose.Block{Text: text}}
	m.match(c, func(start, end int, term string) {
		if term != text[start:end] {
			panic("term is not the text matched")
		}
		out = append(out, [2]int{start, end})
	})
	return out
}

func testMatcher(t testing.TB, expr string) patternMatcher {
	return compilePattern(regexp.MustCompile(expr))
}

// TestPatternFilterExact checks on random texts that the prefiltered matcher finds exactly
// what running the expression over the whole text finds.
func TestPatternFilterExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, expr := range filterExprs(t) {
		m := testMatcher(t, expr)
		found := 0
		for range 3000 {
			text := randomFilterText(rng)
			want := plainMatches(m.re, m.group, text)
			got := filteredMatches(m, text)
			found += len(want)
			if !slices.Equal(want, got) {
				t.Fatalf("%s on %q: prefiltered %v, want %v", expr, text, got, want)
			}
		}
		assert.Positive(t, found, "%s never matched: the test texts do not exercise it", expr)
	}
}

// FuzzPatternFilter checks the same on texts the fuzzer makes.
func FuzzPatternFilter(f *testing.F) {
	f.Add("The so-called experts met last night.", uint8(0))
	f.Add("ſelf-styled \u212aISS 3 days ago", uint8(3))
	exprs := filterExprs(f)
	matchers := make([]patternMatcher, len(exprs))
	for i, e := range exprs {
		matchers[i] = testMatcher(f, e)
	}
	f.Fuzz(func(t *testing.T, text string, which uint8) {
		m := matchers[int(which)%len(matchers)]
		want := plainMatches(m.re, m.group, text)
		got := filteredMatches(m, text)
		if !slices.Equal(want, got) {
			t.Fatalf("%s on %q: prefiltered %v, want %v", m.re, text, got, want)
		}
	})
}

func TestPatternFilterFactors(t *testing.T) {
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
		f := newPatternFilter(c.expr)
		var got []string
		if f != nil {
			got = f.factors
		}
		assert.Equal(t, c.want, got, c.expr)
	}
}

// scannedSegments is segments as the scan finds them, reading every byte.
func scannedSegments(f *patternFilter, text string) [][2]int {
	anchors := f.anchors
	f.anchors = nil
	defer func() { f.anchors = anchors }()
	var out [][2]int
	f.segments(text, func(start, end int) { out = append(out, [2]int{start, end}) })
	return out
}

// The anchors lead to the very segments the scan finds, on random texts and on the corpus's
// news, for every expression whose factors have rare bytes (the default rubric's among them).
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
	for _, expr := range filterExprs(t) {
		m := testMatcher(t, expr)
		if m.filter == nil || m.filter.anchors == nil {
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
			m.filter.segments(text, func(start, end int) { got = append(got, [2]int{start, end}) })
			want := scannedSegments(m.filter, text)
			hot += len(want)
			if !slices.Equal(want, got) {
				t.Fatalf("%s on %q: anchored %v, scanned %v", expr, text, got, want)
			}
		}
		assert.Positive(t, hot, "%s: no segment found, the texts do not exercise it", expr)
	}
	assert.GreaterOrEqual(t, anchored, 3, "expressions with anchors")
	def := testMatcher(t, filterExprs(t)[len(filterExprs(t))-1])
	assert.NotNil(t, def.filter.anchors, "the default rubric's pattern has anchors")
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
