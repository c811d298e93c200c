package provenance

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/stretchr/testify/assert"
)

// naiveCovers is what Provenance.covers computed before spanCover: a scan of every
// attribution.
func naiveCovers(atts []Attribution, span prose.Span) bool {
	for _, at := range atts {
		overlaps := func(a, b prose.Span) bool { return a.Start < b.End && b.Start < a.End }
		if overlaps(at.Cue, span) || (at.Content.Len() > 0 && overlaps(at.Content, span)) {
			return true
		}
	}
	return false
}

func TestSpanCoverMatchesNaiveScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randomSpan := func(limit int) prose.Span {
		a, b := rng.IntN(limit), rng.IntN(limit)
		if rng.IntN(8) == 0 {
			b = a // empty spans too
		}
		return prose.Span{Start: min(a, b), End: max(a, b)}
	}
	for round := range 2000 {
		var atts []Attribution
		for range rng.IntN(12) {
			at := Attribution{Cue: randomSpan(60)}
			if rng.IntN(2) == 0 {
				at.Content = randomSpan(60)
			}
			atts = append(atts, at)
		}
		cover := newSpanCover(atts)
		for range 20 {
			s := randomSpan(64)
			if cover.Overlaps(s) != naiveCovers(atts, s) {
				t.Fatalf("round %d: overlaps(%v) = %v with %+v", round, s, cover.Overlaps(s), atts)
			}
		}
	}
}

func FuzzHasFields(f *testing.F) {
	for _, s := range []string{"", " ", "one two three four", "a\u00a0b\u2003c d", "\xffx y\u0085z w", "  lead and trail  "} {
		f.Add(s, 4)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = n%8 + 1
		if n < 1 {
			n += 8
		}
		if got, want := hasFields(s, n), len(strings.Fields(s)) >= n; got != want {
			t.Fatalf("hasFields(%q, %d) = %v, strings.Fields says %v", s, n, got, want)
		}
	})
}

func TestSpanOverlaps(t *testing.T) {
	for _, tc := range []struct {
		a, b prose.Span
		want bool
	}{
		{prose.Span{Start: 0, End: 5}, prose.Span{Start: 4, End: 8}, true},   // share byte 4
		{prose.Span{Start: 0, End: 5}, prose.Span{Start: 5, End: 8}, false},  // only touch
		{prose.Span{Start: 2, End: 3}, prose.Span{Start: 0, End: 10}, true},  // inside
		{prose.Span{Start: 3, End: 3}, prose.Span{Start: 0, End: 10}, false}, // empty spans overlap nothing
		{prose.Span{Start: 0, End: 10}, prose.Span{Start: 3, End: 3}, false},
		{prose.Span{Start: 7, End: 9}, prose.Span{Start: 0, End: 2}, false},
	} {
		assert.Equal(t, tc.want, tc.a.Overlaps(tc.b), "%v %v", tc.a, tc.b)
		assert.Equal(t, tc.want, tc.b.Overlaps(tc.a), "%v %v", tc.b, tc.a)
	}
}

func TestQuotedTokensIsQuotedPerToken(t *testing.T) {
	for _, text := range []string{
		`He said "it was a 'plan' all along" and left.`,
		`“One,” she said, “two.” Then “three”`,
		`No quotes here at all.`,
		`"Open and never closed`,
	} {
		doc, err := prose.Parse("t.txt", []byte(text), prose.FormatText)
		if err != nil {
			t.Fatal(err)
		}
		b := &doc.Blocks[0]
		var toks words.Tokens
		toks.Tokenize(b.Text)
		got := quotedTokens(b, &toks, []bool{true, true}) // stale storage is overwritten
		assert.Len(t, got, len(toks.List))
		for i, tok := range toks.List {
			assert.Equal(t, b.Quoted(tok.Start), got[i], "%q: token %q", text, b.Text[tok.Start:tok.End])
		}
	}
}
