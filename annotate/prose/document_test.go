package prose

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// LineColumn counts a column on a long line from the nearest of the document's rune marks;
// it gives what counting from the start of the line gives, at every offset (character
// starts and the middle of characters), on lines long and short, ASCII and not.
func TestLineColumnWithMarks(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"word ", "é", "日本", "😀", "x", "\n", " ", "“q”"}
	for _, size := range []int{100, 9000, 30000} {
		var b strings.Builder
		for b.Len() < size {
			p := pieces[rng.IntN(len(pieces))]
			if p == "\n" && rng.IntN(400) != 0 {
				continue // mostly long lines
			}
			b.WriteString(p)
		}
		src := []byte(b.String())
		doc, err := Parse("long.txt", src, FormatText)
		if err != nil {
			t.Fatal(err)
		}
		if size > 3*runeMarkEvery && doc.runeMarks == nil {
			t.Fatalf("size %d: no marks for long lines", size)
		}
		starts := lineStarts(src)
		for off := 0; off <= len(src); off++ {
			line := sort.Search(len(starts), func(i int) bool { return starts[i] > off })
			col := 1 + utf8.RuneCount(src[starts[line-1]:off])
			if l, c := doc.LineColumn(off); l != line || c != col {
				t.Fatalf("size %d: LineColumn(%d) = %d:%d, want %d:%d", size, off, l, c, line, col)
			}
		}
	}
}
