package eval

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOffsetsByHand(t *testing.T) {
	// "\ufeff" is 3 bytes, "é" 2, "—" 3, "🍰" 4.
	text := "\ufeffé—a🍰b"
	o := NewOffsets([]byte(text))
	assert.Equal(t, 6, o.Runes())
	wantBytes := []int{0, 3, 5, 8, 9, 13, 14} // byte offset of code points 0..6
	for cp, b := range wantBytes {
		got, ok := o.Byte(cp)
		require.True(t, ok, "code point %d", cp)
		assert.Equal(t, b, got, "code point %d", cp)
		assert.Equal(t, cp, o.CodePoint(b), "byte %d", b)
	}
	_, ok := o.Byte(7)
	assert.False(t, ok, "past the end")
	_, ok = o.Byte(-1)
	assert.False(t, ok)
	// A byte inside a rune counts that rune: bytes 10-12 are inside "🍰" (code point 4).
	assert.Equal(t, 5, o.CodePoint(10))
	s, ok := o.Span(4, 6)
	require.True(t, ok)
	assert.Equal(t, prose.Span{Start: 9, End: 14}, s)
	assert.Equal(t, "🍰b", text[s.Start:s.End])
	assert.Equal(t, 2, o.Len(s))
	_, ok = o.Span(5, 4)
	assert.False(t, ok, "end before start")
}

func TestOffsetsASCII(t *testing.T) {
	o := NewOffsets([]byte("plain"))
	assert.Nil(t, o.start, "ASCII text needs no table")
	b, ok := o.Byte(5)
	assert.True(t, ok)
	assert.Equal(t, 5, b)
	assert.Equal(t, 3, o.CodePoint(3))
	assert.Equal(t, 5, o.CodePoint(99), "clamped")
	assert.Equal(t, 0, NewOffsets(nil).Runes())
}

// TestOffsetsProperty checks the converter against a naive conversion on random strings of
// ASCII, 2-, 3- and 4-byte runes (and a byte-order mark).
func TestOffsetsProperty(t *testing.T) {
	alphabet := []rune("ab \n\t.\u00e9\u00fc\u0142\u2014\u201c\u201d\u2019\ufeff\u20ac\u4e2d\U0001F370\U0001D4B3\U0001F643")
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		var sb strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			sb.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		text := sb.String()
		runes := []rune(text)
		o := NewOffsets([]byte(text))
		require.Equal(t, len(runes), o.Runes(), "%q", text)
		for cp := 0; cp <= len(runes); cp++ {
			naive := len(string(runes[:cp]))
			got, ok := o.Byte(cp)
			require.True(t, ok)
			require.Equal(t, naive, got, "Byte(%d) of %q", cp, text)
		}
		for b := 0; b <= len(text); b++ {
			if b < len(text) && !utf8.RuneStart(text[b]) {
				continue
			}
			require.Equal(t, utf8.RuneCountInString(text[:b]), o.CodePoint(b), "CodePoint(%d) of %q", b, text)
		}
		if len(runes) > 0 {
			a := rng.IntN(len(runes))
			e := a + rng.IntN(len(runes)-a+1)
			s, ok := o.Span(a, e)
			require.True(t, ok)
			require.Equal(t, string(runes[a:e]), text[s.Start:s.End])
			require.Equal(t, e-a, o.Len(s))
		}
	}
}
