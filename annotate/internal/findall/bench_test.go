package findall

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// BenchmarkNestedRepeat runs `(a+)+$` over a text of "aaa...ab" of each size: an expression
// that backtracking engines take exponential time on and that a search restarted from every
// position where a match can start takes quadratic time on.
func BenchmarkNestedRepeat(b *testing.B) {
	benchFind(b, `(a+)+$`, func(size int) string { return strings.Repeat("a", size-1) + "b" }, 0)
}

// BenchmarkPendingBranch runs `(?i)\bclaim(?:[^.]*\bwithout evidence)?` over a text of
// "claim claim ..." of each size: every search finds "claim" but must follow the optional
// group, which it prefers, to the end of the text before it can say so, and regexp's
// FindAll, which searches again from the end of each match, takes quadratic time.
func BenchmarkPendingBranch(b *testing.B) {
	benchFind(b, `(?i)\bclaim(?:[^.]*\bwithout evidence)?`, func(size int) string {
		return strings.Repeat("claim ", size/6)
	}, -1)
}

// benchFind runs Find for expr over a text made by gen at several sizes, and fails unless
// it finds want matches (-1: one per 6 bytes).
func benchFind(b *testing.B, expr string, gen func(size int) string, want int) {
	m := New(regexp.MustCompile(expr))
	for _, size := range []int{1 << 10, 4 << 10, 64 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			text := gen(size)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			found := 0
			for b.Loop() {
				found = 0
				m.Find(text, func([]int) { found++ })
			}
			if w := want; w < 0 && found != size/6 || w >= 0 && found != w {
				b.Fatalf("%d matches", found)
			}
		})
	}
}
