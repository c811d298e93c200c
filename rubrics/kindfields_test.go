package rubrics_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/rubrics"
)

// A field of another kind set to its zero value, or to an empty list, says nothing and is
// no mistake; set to anything else, it is.
func TestFieldsOfAnotherKindLeftEmpty(t *testing.T) {
	const rule = `[[rules]]
id = "house.x"
category = "c"
severity = "info"
message = "m"
explain = "e"
kind = "pattern"
pattern = "plan"
`
	_, err := rubrics.Parse("a.toml", []byte(rule+"terms = []\ninflect = false\nwindow = 0\nmarkers = []\n"))
	require.NoError(t, err)
	_, err = rubrics.Parse("a.toml", []byte(rule+"terms = [\"x\"]\n"))
	assert.EqualError(t, err, `a.toml:9:10: rule "house.x": field "terms" does not apply to kind pattern`)
}
