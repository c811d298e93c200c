package eval

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/rubrics"
)

func TestDefaultLoadedMap(t *testing.T) {
	m := DefaultLoadedMap()
	assert.Equal(t, DefaultLoadedMapPath, m.Path())
	rubric, err := rubrics.Load()
	require.NoError(t, err)
	assert.Empty(t, m.Check(rubric), "the built-in map names only categories of the default rubric")
	// The seven word-choice categories of the default rubric count; contested terms and the
	// provenance checks do not.
	cats := map[string]bool{}
	for _, r := range rubric.Rules {
		if m.Counts(r) {
			cats[r.Category] = true
		}
	}
	assert.Equal(t, map[string]bool{"loaded-language": true, "name-calling": true, "editorializing": true, "exaggeration": true,
		"scare-quotes": true, "doubt-casting": true, "verbs-of-saying": true}, cats)
	// Issue 15's definition: every rule of those categories, and no ignore list.
	assert.Empty(t, m.Ignore)
	for _, id := range []string{"framing.scare-quotes", "framing.distancing", "editorial.comment", "saying.vouching-verbs"} {
		assert.Contains(t, m.Counted(rubric), id)
	}
	// Provenance checks, whatever their rule id says.
	for _, id := range []string{"framing.unattributed-quote", "saying.alleged", "hedge.certainty"} {
		assert.NotContains(t, m.Counted(rubric), id)
	}
	// A rule is loaded wording in both built-in maps or in neither.
	ptc := DefaultPTCMap()
	for _, r := range rubric.Rules {
		assert.Equal(t, ptc.Technique(r) != "", m.Counts(r), "rule %s: the loaded map and the PTC map disagree", r.ID)
	}
	assert.NotContains(t, m.Counted(rubric), "loaded.contested")
	assert.NotContains(t, m.Counted(rubric), "claims.unsourced")
}

func TestLoadedMapRulesAndIgnore(t *testing.T) {
	m, err := ParseLoadedMap("m.toml", []byte(`
categories = ["scare-quotes"]
rules = ["loaded.contested", "editorial.comment"]
ignore = ["framing.distancing", "editorial.comment"]
`))
	require.NoError(t, err)
	rule := func(id, cat string) *rubrics.Rule { return &rubrics.Rule{ID: id, Category: cat} }
	assert.True(t, m.Counts(rule("framing.scare-quotes", "scare-quotes")), "by category")
	assert.True(t, m.Counts(rule("loaded.contested", "contested-terms")), "by id, whatever its category")
	assert.False(t, m.Counts(rule("framing.distancing", "scare-quotes")), "ignore wins over the category")
	assert.False(t, m.Counts(rule("editorial.comment", "editorializing")), "ignore wins over the id")
	assert.False(t, m.Counts(rule("time.relative", "relative-time")))

	rubric, err := rubrics.Load()
	require.NoError(t, err)
	typo, err := ParseLoadedMap("typo.toml", []byte("categories = [\"loaded-languag\"]\nrules = [\"x.y\"]\nignore = [\"z\"]\n"))
	require.NoError(t, err)
	assert.Equal(t, []string{
		`typo.toml:1:15: category "loaded-languag" is not in the rubric`,
		`typo.toml:2:10: rule "x.y" is not in the rubric`,
		`typo.toml:3:11: "z" is neither a rule nor a category of the rubric`,
	}, typo.Check(rubric))
}

func TestLoadedMapErrors(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"unknown key", "category = [\"x\"]\n", `m.toml:1:1: unknown key "category"`},
		{"wrong type", "categories = \"x\"\n", `m.toml:1:14: cannot decode TOML string into a list of strings`},
		{"syntax", "categories = [\"x\"\n", `m.toml:1:18: array is incomplete`},
		{"nothing", "ignore = [\"x\"]\n", `m.toml:1:1: the map counts no categories and no rules`},
		{"empty category", "categories = [\"x\", \"\"]\n", `m.toml:1:20: empty category`},
		{"empty rule", "rules = [\"\"]\n", `m.toml:1:10: empty rule id`},
		{"twice", "categories = [\"x\", \"y\", \"x\"]\n", `m.toml:1:25: category "x" is listed twice`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseLoadedMap("m.toml", []byte(tc.toml))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var pe *rubrics.PositionError
			if tc.name != "syntax" {
				assert.ErrorAs(t, err, &pe)
			}
		})
	}
	_, err := LoadLoadedMap("no/such/map.toml")
	assert.ErrorContains(t, err, "map no/such/map.toml: ")
}
