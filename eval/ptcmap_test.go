package eval

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/rubrics"
)

func TestDefaultPTCMap(t *testing.T) {
	m := DefaultPTCMap()
	assert.Equal(t, DefaultPTCMapPath, m.Path())
	assert.Equal(t, []string{"Loaded_Language", "Name_Calling,Labeling", "Doubt", "Exaggeration,Minimisation"}, m.TechniqueNames())
	rule := func(id, cat string) *rubrics.Rule { return &rubrics.Rule{ID: id, Category: cat} }
	// By category, and a rule id winning over its category.
	assert.Equal(t, "Loaded_Language", m.Technique(rule("loaded.emotive", "loaded-language")))
	assert.Equal(t, "Name_Calling,Labeling", m.Technique(rule("loaded.labels", "loaded-language")))
	assert.Equal(t, "Exaggeration,Minimisation", m.Technique(rule("editorial.intensifiers", "editorializing")))
	assert.Equal(t, "Loaded_Language", m.Technique(rule("editorial.adverbs", "editorializing")))
	assert.Equal(t, "Doubt", m.Technique(rule("framing.scare-quotes", "scare-quotes")))
	assert.Equal(t, "", m.Technique(rule("time.relative", "relative-time")))
}

func TestPTCMapIgnore(t *testing.T) {
	m, err := ParsePTCMap("m.toml", []byte(`
ignore = ["framing.unattributed-quote", "editorializing"]
[[technique]]
name = "Doubt"
categories = ["scare-quotes"]
[[technique]]
name = "Loaded_Language"
categories = ["editorializing"]
rules = ["editorial.adverbs"]
`))
	require.NoError(t, err)
	assert.Equal(t, "Doubt", m.Technique(&rubrics.Rule{ID: "framing.scare-quotes", Category: "scare-quotes"}))
	assert.Equal(t, "", m.Technique(&rubrics.Rule{ID: "framing.unattributed-quote", Category: "scare-quotes"}))
	assert.Equal(t, "", m.Technique(&rubrics.Rule{ID: "editorial.adverbs", Category: "editorializing"}), "ignore wins")
}

func TestPTCMapErrors(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"unknown key", "[[technique]]\nname = \"Doubt\"\nrule = [\"x.y\"]\n", `m.toml:3:1: unknown key "technique.rule"`},
		{"unknown top key", "techniques = []\n", `m.toml:1:1: unknown key "techniques"`},
		{"wrong type", "[[technique]]\nname = \"Doubt\"\nrules = \"x.y\"\n", `m.toml:3:9: cannot decode TOML string into a list of strings`},
		{"syntax", "[[technique]\n", `m.toml:1:12: expected ']]' to close array table name`},
		{"no techniques", "ignore = []\n", `m.toml:1:1: no [[technique]] in the map`},
		{"no name", "[[technique]]\nrules = [\"x.y\"]\n", `m.toml:1:3: technique without a name`},
		{"unknown technique", "[[technique]]\nname = \"Loaded_language\"\nrules = [\"x.y\"]\n", `m.toml:2:8: unknown technique "Loaded_language" (want one of Appeal_to_Authority, `},
		{"empty", "[[technique]]\nname = \"Doubt\"\n", `m.toml:1:3: technique "Doubt" maps no rules and no categories`},
		{"twice", "[[technique]]\nname = \"Doubt\"\nrules = [\"a.b\"]\n\n[[technique]]\nname = \"Doubt\"\nrules = [\"c.d\"]\n", `m.toml:6:8: technique "Doubt" is mapped twice (first at m.toml:2:8)`},
		{"rule twice", "[[technique]]\nname = \"Doubt\"\nrules = [\"a.b\"]\n[[technique]]\nname = \"Slogans\"\nrules = [\"c.d\", \"a.b\"]\n", `m.toml:6:17: rule "a.b" is mapped twice (also to "Doubt")`},
		{"category twice", "[[technique]]\nname = \"Doubt\"\ncategories = [\"x\", \"x\"]\n", `m.toml:3:20: category "x" is mapped twice (also to "Doubt")`},
		{"empty rule", "[[technique]]\nname = \"Doubt\"\nrules = [\"\"]\n", `m.toml:3:10: empty rule id`},
		{"empty ignore", "ignore = [\"\"]\n[[technique]]\nname = \"Doubt\"\nrules = [\"a.b\"]\n", `m.toml:1:11: empty rule id or category`},
		// Columns count characters, not bytes: “ and ” are one column each.
		{"empty ignore after wide characters", "ignore = [\"“x”\", \"\"]\n[[technique]]\nname = \"Doubt\"\nrules = [\"a.b\"]\n", `m.toml:1:18: empty rule id or category`},
		{"wrong type after wide characters", "ignore = [\"“x”\", 1]\n", `m.toml:1:18: cannot decode TOML integer into`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePTCMap("m.toml", []byte(tc.toml))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			var pe *rubrics.PositionError
			assert.ErrorAs(t, err, &pe, "every error is placed")
		})
	}
}

func TestPTCMapCheck(t *testing.T) {
	m, err := ParsePTCMap("m.toml", []byte(`ignore = ["nothing"]
[[technique]]
name = "Doubt"
rules = ["test.claimed", "test.claims"]
categories = ["doubt", "doubts"]
`))
	require.NoError(t, err)
	r, err := rubrics.Load("../testdata/eval/rubric.toml")
	require.NoError(t, err)
	assert.Equal(t, []string{
		`m.toml:4:26: rule "test.claims" is not in the rubric`,
		`m.toml:5:24: category "doubts" is not in the rubric`,
		`m.toml:1:11: "nothing" is neither a rule nor a category of the rubric`,
	}, m.Check(r))
	assert.Equal(t, []string{"test.labels", "test.emotive", "test.intensifiers", "test.officials"}, m.Unmapped(r))
}

func TestLoadPTCMapMissing(t *testing.T) {
	_, err := LoadPTCMap("no/such/map.toml")
	assert.ErrorContains(t, err, "map no/such/map.toml: open no/such/map.toml")
}
