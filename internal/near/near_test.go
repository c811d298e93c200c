package near

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStrings(t *testing.T) {
	ids := []string{"framing.scare-quotes", "hedge.words", "loaded.labels", "time.relative", "attribution.weasel"}
	assert.Equal(t, []string{"framing.scare-quotes"}, Strings(ids, "framing.scare-quote"))
	assert.Equal(t, []string{"hedge.words"}, Strings(ids, "hedge.word"))
	assert.Equal(t, []string{"loaded.labels"}, Strings(ids, "labels"), "a part of an id")
	assert.Empty(t, Strings(ids, "zzz.qqq"))
	assert.Empty(t, Strings(ids, "hedge.words"), "the id itself is not a suggestion")
}

func TestDistance(t *testing.T) {
	assert.Equal(t, 0, distance("", ""))
	assert.Equal(t, 3, distance("kitten", "sitting"))
	assert.Equal(t, 1, distance("café", "cafe"))
}
