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
	"github.com/slant-news/slant/rubrics"
)

// patternExprs are expressions the pattern kind's matcher is checked with: the default
// rubric's patterns, and ones whose "match" group is less than the match or may be empty,
// or whose matches may be empty. (The expressions that exercise the prefilter itself are
// package findall's.)
func patternExprs(t testing.TB) []string {
	exprs := []string{
		`(?i)(?P<match>kiss)\W`,
		`(?i)(?P<match>é*)t`,
		`x*`,
		`(?i)\bself(?:-(?P<match>\p{L}+))?`,
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

// patternPieces are the bits random texts are made of.
var patternPieces = []string{
	"so-called", "So‐Called", "SELF‑STYLED", "self-styled", "self-appointed", "Self-styled ",
	"ſelf", "ſo-called", "\u212aiss", "kiss", "KISS", "ééé", "é", "t", "x", "xx", "self",
	"golfer-in-chief", "-in-chief", "Liar-In-Chief", "in-chief", "commander", "日本",
	" ", " ", "  ", "\n", "\u00a0", ".", ",", "-", "'", "“", "”", "’", "(", ")", "\x1a",
}

func randomPatternText(rng *rand.Rand) string {
	var b strings.Builder
	for n := rng.IntN(30); n > 0; n-- {
		b.WriteString(patternPieces[rng.IntN(len(patternPieces))])
	}
	return b.String()
}

// plainMatches is what the matcher should find: the expression over the text, each match's
// "match" group (or the whole match) when it is not empty.
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

func matcherMatches(m patternMatcher, text string) [][2]int {
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

func testMatcher(expr string) patternMatcher {
	return compilePattern(regexp.MustCompile(expr))
}

// TestPatternMatcher checks on random texts that the pattern kind's matcher flags exactly
// the non-empty "match" groups (or matches) of running the expression over the whole text.
func TestPatternMatcher(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, expr := range patternExprs(t) {
		m := testMatcher(expr)
		found := 0
		for range 3000 {
			text := randomPatternText(rng)
			want := plainMatches(m.re, m.group, text)
			got := matcherMatches(m, text)
			found += len(want)
			if !slices.Equal(want, got) {
				t.Fatalf("%s on %q: matcher %v, want %v", expr, text, got, want)
			}
		}
		assert.Positive(t, found, "%s never matched: the test texts do not exercise it", expr)
	}
}

// FuzzPatternMatcher checks the same on texts the fuzzer makes.
func FuzzPatternMatcher(f *testing.F) {
	f.Add("The so-called experts met the golfer-in-chief.", uint8(4))
	f.Add("ſelf-styled \u212aISS", uint8(0))
	exprs := patternExprs(f)
	matchers := make([]patternMatcher, len(exprs))
	for i, e := range exprs {
		matchers[i] = testMatcher(e)
	}
	f.Fuzz(func(t *testing.T, text string, which uint8) {
		m := matchers[int(which)%len(matchers)]
		want := plainMatches(m.re, m.group, text)
		got := matcherMatches(m, text)
		if !slices.Equal(want, got) {
			t.Fatalf("%s on %q: matcher %v, want %v", m.re, text, got, want)
		}
	})
}
