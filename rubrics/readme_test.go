package rubrics

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMEKindTable checks that the README's table of matcher kinds lists exactly the
// kinds a rubric may name, each with exactly the fields it accepts, so that the
// documentation cannot fall behind the code.
func TestREADMEKindTable(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	_, table, ok := strings.Cut(string(readme), "The matcher kinds:\n")
	require.True(t, ok, "the README has no table of matcher kinds")
	code := regexp.MustCompile("`([a-z_-]+)`")
	documented := map[Kind][]string{}
	var order []Kind
	for _, line := range strings.Split(table, "\n")[3:] {
		cells := strings.Split(line, "|")
		if len(cells) < 5 {
			break // the end of the table
		}
		kind := Kind(strings.Trim(strings.TrimSpace(cells[1]), "`"))
		var fields []string
		for _, m := range code.FindAllStringSubmatch(cells[3], -1) {
			fields = append(fields, m[1])
		}
		slices.Sort(fields)
		documented[kind] = fields
		order = append(order, kind)
	}
	assert.Equal(t, Kinds, order, "the kinds, in the order documented")
	for _, k := range Kinds {
		var want []string
		for f := range kindFields[k] {
			want = append(want, f)
		}
		slices.Sort(want)
		assert.Equal(t, want, documented[k], "the fields of kind %s", k)
	}
}
