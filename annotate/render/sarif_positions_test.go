package render

import (
	"bytes"
	"slices"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUTF16Positions checks the one-pass positions against counting each offset's column
// from the start of its line, over text with characters of every UTF-8 length.
func TestUTF16Positions(t *testing.T) {
	src := []byte("Ruiz said \U0001F600 it.\nNext line: \u00e9t\u00e9 \u2014 \U0001F30A\U0001F30A ok\n\nend \U0001F600")
	doc, err := prose.Parse("u.txt", src, prose.FormatText)
	require.NoError(t, err)
	var offsets []int
	for off := range len(src) + 1 {
		if off == len(src) || utf8.RuneStart(src[off]) {
			offsets = append(offsets, off)
		}
	}
	x := utf16Positions(doc, slices.Clone(offsets))
	for _, off := range offsets {
		line := 1 + bytes.Count(src[:off], []byte("\n"))
		start := bytes.LastIndexByte(src[:off], '\n') + 1
		col := 1 + len(utf16.Encode([]rune(string(src[start:off]))))
		gotLine, gotCol := x.at(off)
		assert.Equal(t, [2]int{line, col}, [2]int{gotLine, gotCol}, "offset %d", off)
	}
}
