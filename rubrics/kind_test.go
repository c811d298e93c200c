package rubrics

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

type listOptions struct {
	Words    []string `toml:"words"`
	Count    int      `toml:"count"`
	compiled []string // filled by a check, not read from the file
	Skipped  bool     `toml:"-"`
}

type countOptions struct {
	Count int `toml:"count"` // shared with listOptions, with the same type
}

type clashOptions struct {
	Words string `toml:"words"` // listOptions' words is a list
}

type commonOptions struct {
	Message string `toml:"message"` // one of every rule's fields
}

func TestKindSpecFields(t *testing.T) {
	spec := NewKindSpec("list", func(o *listOptions) error {
		o.compiled = o.Words
		return nil
	})
	assert.Equal(t, []string{"words", "count"}, spec.Fields())
	o := &listOptions{Words: []string{"a"}}
	assert.NoError(t, spec.check(o))
	assert.Equal(t, []string{"a"}, o.compiled)
}

// A field several kinds share is one field of the rule decoded; one with two types, or named
// as a field every rule has, is a mistake of the program, found when the kind registers.
func TestKindFieldsShared(t *testing.T) {
	s := newFileShape([]KindSpec{NewKindSpec[listOptions]("list", nil), NewKindSpec[countOptions]("count", nil)})
	assert.Equal(t, []string{"words", "count"}, s.options)
	assert.Equal(t, s.kindFields["list"][1], s.kindFields["count"][0])

	assert.PanicsWithValue(t, "rubrics: kind clash: field words is a string, in an earlier kind a []string", func() {
		newFileShape([]KindSpec{NewKindSpec[listOptions]("list", nil), NewKindSpec[clashOptions]("clash", nil)})
	})
	assert.PanicsWithValue(t, "rubrics: kind common: field message is one of every rule's", func() {
		newFileShape([]KindSpec{NewKindSpec[commonOptions]("common", nil)})
	})
	assert.Panics(t, func() { NewKindSpec[int]("int", nil) }, "options are a struct")
}
