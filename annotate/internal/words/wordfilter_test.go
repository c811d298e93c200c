package words

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWordFilterLetsEveryMemberThrough(t *testing.T) {
	var words []string
	for i := range 5000 {
		words = append(words, fmt.Sprintf("w%dx", i))
	}
	f := NewWordFilter(words)
	for _, w := range words {
		assert.True(t, f.MayHave(KeyHash([]byte(w))), w)
	}
	// Others mostly do not get through: at 64 bits a word, about one in 64 does.
	through := 0
	for i := range 10000 {
		if f.MayHave(KeyHash(fmt.Appendf(nil, "other%d", i))) {
			through++
		}
	}
	assert.Less(t, through, 500, "the filter lets too many other words through")
}

func TestWordFilterHashIsTheTokenizers(t *testing.T) {
	f := NewWordFilter([]string{"so-called", "don't", "über"})
	var toks Tokens
	toks.Tokenize("The So-Called rebels don’t know ÜBER things")
	var got []string
	for i := range toks.List {
		if f.MayHave(toks.List[i].Hash) {
			got = append(got, string(toks.Key(i)))
		}
	}
	assert.Subset(t, got, []string{"so-called", "don't", "über"})
}
