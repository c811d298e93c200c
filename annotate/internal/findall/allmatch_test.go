package findall

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// allMatcherExprs exercise what decides which match FindAll reports: priorities of
// alternations and greedy and lazy repeats, empty matches and empty loops, captures set in
// loops, anchors and word boundaries, (?m) and (?s), case folding and non-ASCII runes.
var allMatcherExprs = []string{
	`a`, `a+`, `a*`, `a*?`, `a+?`, `(a+)+$`, `(a|ab)(c|bcd)(d*)`, `(a*)*`, `(a*)+b`, `(a*|b)*`,
	`(?:a.*x|a)`, `a(?:.*x)?`, `a.*?x|a`, `(a??)(a*)`, `x*`, `\b`, `\B`, `^`, `$`, `(?m)^a|b$`,
	`(?m)^(a+)$`, `\Aa|b\z`, `(?s)a.b`, `a.b`, `(?i)k|s`, `(?i)ſ+`, `é|e\x{301}`, `[^a]+`,
	`(?i)\bclaim(?:[^.]*\bwithout evidence)?`, `(a)|b`, `(a)|(b)|(c?)`, `((a)|b)+`,
	`(?U)a+b?`, `(?:(a)|(a))+`, `(?P<match>a+)b|a`, `\bab\b|a`, `(a*)(b*)(c*)`, `.*`, `.+?`,
	// programs of more than 64 instructions, whose live sets take several words
	`(a{0,30}b|a{5,40})(c*)`, `(?i)(?:claim|\bk{2,30}|(s|é){1,20}\b)(?:[^.]*x)?`,
}

// allMatcherPieces are what the random texts of TestAllMatcherAsFindAll are made of.
var allMatcherPieces = []string{
	"a", "a", "b", "c", "d", "x", "ab", "bcd", " ", "\n", ".", "é", "e\u0301", "K", "ſ", "S", "k",
	"claim", "Claim", " without evidence", "\xff", "\xe2\x82", "日",
}

// TestAllMatcherAsFindAll checks that allMatcher finds what FindAllStringSubmatchIndex finds,
// every group, on random texts.
func TestAllMatcherAsFindAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	multiword := 0
	for _, expr := range allMatcherExprs {
		re := regexp.MustCompile(expr)
		m := newAllMatcher(re)
		if m == nil {
			t.Fatalf("%s: no allMatcher", expr)
		}
		if m.words > 1 {
			multiword++
		}
		for range 2000 {
			var b strings.Builder
			for n := rng.IntN(20); n > 0; n-- {
				b.WriteString(allMatcherPieces[rng.IntN(len(allMatcherPieces))])
			}
			checkAllMatcher(t, re, m, b.String())
		}
	}
	if multiword < 2 {
		t.Errorf("%d expressions with live sets of several words, want 2", multiword)
	}
}

func checkAllMatcher(t *testing.T, re *regexp.Regexp, m *allMatcher, text string) {
	t.Helper()
	want := re.FindAllStringSubmatchIndex(text, -1)
	var got [][]int
	m.findAll(text, func(loc []int) { got = append(got, slices.Clone(loc)) })
	if !slices.EqualFunc(want, got, slices.Equal) {
		t.Fatalf("%s on %q: allMatcher %v, FindAll %v", re, text, got, want)
	}
}

// FuzzAllMatcher checks the same on the fuzzer's texts.
func FuzzAllMatcher(f *testing.F) {
	f.Add("claim claim. claim without evidence", uint8(0))
	f.Add("aab\nab ſK", uint8(5))
	matchers := make([]*allMatcher, len(allMatcherExprs))
	res := make([]*regexp.Regexp, len(allMatcherExprs))
	for i, e := range allMatcherExprs {
		res[i] = regexp.MustCompile(e)
		matchers[i] = newAllMatcher(res[i])
	}
	f.Fuzz(func(t *testing.T, text string, which uint8) {
		// FindAll takes quadratic time on some of the expressions: keep the texts short.
		text = text[:min(len(text), 2048)]
		i := int(which) % len(matchers)
		checkAllMatcher(t, res[i], matchers[i], text)
	})
}
