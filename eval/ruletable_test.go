package eval

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/rubrics"
)

func TestRuleTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.toml")
	writeFile(t, path, `
name = "t"
version = "1"
[[rules]]
id = "a.loud"
category = "loaded"
severity = "warning"
kind = "terms"
message = "m"
explain = "e"
terms = ["loud"]
[[rules]]
id = "a.quiet"
category = "loaded"
severity = "warning"
quoted_severity = "info"
kind = "terms"
message = "m"
explain = "e"
terms = ["quiet"]
[[rules]]
id = "a.once"
category = "loaded"
severity = "info"
kind = "terms"
message = "m"
explain = "e"
terms = ["once"]
[[rules]]
id = "b.source"
category = "sources"
severity = "warning"
kind = "terms"
message = "m"
explain = "e"
terms = ["officials"]
`)
	rubric, err := rubrics.Load(path)
	require.NoError(t, err)
	loaded := func(r *rubrics.Rule) bool { return r.Category == "loaded" }
	p := func(id string, counted bool, n int, prec float64) RulePrecision {
		return RulePrecision{Rule: id, Counted: counted, Findings: n, Precision: prec}
	}
	table := NewRuleTable(rubric, []string{"X", "Y", "Z"}, []string{"x.toml", "y.toml", "y.toml"}, [][]RulePrecision{
		{p("a.loud", true, 30, 0.7), p("a.quiet", true, 40, 0.6), p("b.source", false, 50, 0.1)},
		{p("a.loud", true, 25, 0.2), p("a.quiet", true, 19, 0.1), p("a.once", true, 3, 1)},
		{p("a.loud", true, 20, 0.5), p("a.quiet", true, 20, 0.3)},
	}, []func(*rubrics.Rule) bool{loaded, loaded, loaded}, 20, 0.5)

	require.Len(t, table.Rows, 4)
	loud, quiet, once, source := table.Rows[0], table.Rows[1], table.Rows[2], table.Rows[3]
	// a.loud fires at least 20 times on all three and is precise on X and Z (0.5 is enough).
	assert.Equal(t, 3, loud.Fires)
	assert.Equal(t, 2, loud.Precise)
	assert.False(t, loud.Short())
	// a.quiet fires enough on X and Z only (19 on Y), and is precise on X only: short.
	assert.Equal(t, "warning/info", quiet.Severity)
	assert.Equal(t, 2, quiet.Fires)
	assert.Equal(t, 1, quiet.Precise)
	assert.True(t, quiet.Short())
	// a.once is info, and rare: no verdict. It did not fire on X: a row of zeros there.
	assert.Equal(t, 0, once.Fires)
	assert.False(t, once.Short())
	assert.Equal(t, RulePrecision{Rule: "a.once", Category: "loaded", Severity: "info", Counted: true}, once.On[0])
	// b.source is not counted anywhere: no verdict, whatever its precision.
	assert.Equal(t, 0, source.Fires)
	assert.False(t, source.Short())

	var out bytes.Buffer
	require.NoError(t, table.WriteText(&out))
	text := out.String()
	assert.Regexp(t, `(?m)^ *a\.loud +warning +30 +0\.700 +25 +0\.200 +20 +0\.500 +2 of 3$`, text)
	assert.Regexp(t, `(?m)^ *a\.quiet +warning/info +40 +0\.600 +19 +0\.100 +20 +0\.300 +1 of 2 !$`, text)
	assert.Regexp(t, `(?m)^ *a\.once +info +0 +- +3 +1\.000 +0 +- +-$`, text)
	assert.Regexp(t, `(?m)^ *b\.source +warning +50 +\(0\.100\) +0 +- +0 +- +-$`, text)
	assert.Contains(t, text, "fewer than two of them (or on none, where it fires enough on one only): a.quiet\n")

	out.Reset()
	require.NoError(t, table.WriteJSON(&out, false, 0))
	assert.Contains(t, out.String(), `"rule": "a.quiet",`)
	assert.Contains(t, out.String(), `"precise": 1`)
}
