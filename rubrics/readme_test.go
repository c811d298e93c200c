package rubrics_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	_ "github.com/slant-news/slant/annotate" // registers the kinds
	"github.com/slant-news/slant/rubrics"
)

// TestREADMEKindTable checks that the README's table of rule kinds lists exactly the kinds
// registered, in the order of their registration, each with exactly the fields it accepts,
// and that the example rubric's comment names them all, so that the documentation cannot
// fall behind the code.
func TestREADMEKindTable(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	var registered []string
	for _, k := range rubrics.Kinds() {
		registered = append(registered, string(k.Name))
	}
	require.NotEmpty(t, registered)

	_, table, ok := strings.Cut(string(readme), "The matcher kinds:\n")
	require.True(t, ok, "the README has no table of matcher kinds")
	code := regexp.MustCompile("`([a-z_-]+)`")
	documented := map[string][]string{}
	var order []string
	for _, line := range strings.Split(table, "\n")[3:] {
		cells := strings.Split(line, "|")
		if len(cells) < 5 {
			break // the end of the table
		}
		kind := strings.Trim(strings.TrimSpace(cells[1]), "`")
		var fields []string
		for _, m := range code.FindAllStringSubmatch(cells[3], -1) {
			fields = append(fields, m[1])
		}
		slices.Sort(fields)
		documented[kind] = fields
		order = append(order, kind)
	}
	assert.Equal(t, registered, order, "the kinds, in the order documented")
	for _, k := range rubrics.Kinds() {
		want := slices.Sorted(slices.Values(k.Fields()))
		assert.Equal(t, want, documented[string(k.Name)], "the fields of kind %s", k.Name)
	}

	comment := regexp.MustCompile(`(?m)^kind = "[a-z-]+" +# (.*)$`).FindStringSubmatch(string(readme))
	require.NotNil(t, comment, "the README's example rubric has no kind = line with a comment")
	assert.Equal(t, strings.Join(registered, " | "), comment[1], "the kinds the example's comment names")
}
