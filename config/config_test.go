package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/rubrics"
)

func TestParse(t *testing.T) {
	c, err := Parse("proj/.slant.toml", []byte(`
rubrics = ["rubrics/house.toml"]
fail_on = "warning"
ignore = ["drafts/**", "*.txt"]

[overrides."hedge.words"]
disabled = true

[overrides."loaded.labels"]
severity = "error"
`))
	require.NoError(t, err)
	assert.Equal(t, []string{"rubrics/house.toml"}, c.Rubrics)
	assert.Equal(t, rubrics.Warning, c.FailOn)
	assert.Equal(t, []string{"drafts/**", "*.txt"}, c.Ignore)
	assert.Equal(t, map[string]rubrics.Override{"hedge.words": {Disabled: true}, "loaded.labels": {Severity: rubrics.Error}}, c.Overrides)
	assert.Equal(t, []string{filepath.Join("proj", "rubrics", "house.toml")}, c.RubricPaths())
	assert.Equal(t, "proj/.slant.toml", c.Path())

	empty, err := Parse("e.toml", nil)
	require.NoError(t, err, "an empty config is a valid config")
	assert.Empty(t, empty.Rubrics)
	assert.Zero(t, empty.TimeLimit(), "no timeout: no limit")
}

// timeout is a Go duration.
func TestTimeout(t *testing.T) {
	c, err := Parse("c.toml", []byte("timeout = \"1m30s\"\n"))
	require.NoError(t, err)
	assert.Equal(t, 90*time.Second, c.TimeLimit())
	assert.Zero(t, (*Config)(nil).TimeLimit(), "no config: no limit")
}

// Every mistake in a config is one line naming file:line:col.
func TestParseErrors(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"unknown key", "fail_on = \"error\"\ncolour = \"red\"\n",
			`c.toml:2:1: unknown key "colour" (want rubrics, fail_on, fail_on_no_prose, ignore, timeout, overrides or second_opinion)`},
		{"unknown key in an override", "[overrides.\"hedge.words\"]\nenabled = false\n",
			`c.toml:2:1: unknown key "overrides.hedge.words.enabled" (want rubrics, fail_on, fail_on_no_prose, ignore, timeout, overrides or second_opinion)`},
		{"syntax", "fail_on = \n", `c.toml:1:11: unexpected character U+000A at start of value`},
		{"wrong type", "rubrics = \"house.toml\"\n", `c.toml:1:11: cannot decode TOML string into a list of strings`},
		{"bad fail_on", "\nfail_on = \"fatal\"\n", `c.toml:2:11: fail_on "fatal" (want error, warning or info)`},
		{"bad override severity", "[overrides.\"hedge.words\"]\nseverity = \"high\"\n",
			`c.toml:2:12: override "hedge.words": severity "high" (want info, warning or error)`},
		{"empty override", "[overrides.\"hedge.words\"]\n",
			`c.toml:1:12: override "hedge.words" changes nothing (set disabled = true or a severity)`},
		{"bad glob", "ignore = [\"ok/**\", \"drafts/[\"]\n", `c.toml:1:20: bad glob "drafts/["`},
		{"empty rubric path", "rubrics = [\"\"]\n", `c.toml:1:12: empty rubric path`},
		{"timeout without a unit", "\ntimeout = \"30\"\n", `c.toml:2:11: timeout "30" (want a positive duration such as "30s" or "2m")`},
		{"negative timeout", "timeout = \"-1s\"\n", `c.toml:1:11: timeout "-1s" (want a positive duration such as "30s" or "2m")`},
		{"timeout not a string", "timeout = 30\n", `c.toml:1:11: cannot decode TOML integer into a string`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("c.toml", []byte(tc.src))
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(filepath.Join(dir, "missing.toml"))
	require.Error(t, err)
	assert.Equal(t, filepath.Join(dir, "missing.toml")+": no such file or directory", err.Error())

	_, err = Load(dir)
	require.Error(t, err)
	assert.Equal(t, dir+": is a directory; a config is a TOML file such as .slant.toml", err.Error())
}

func TestApply(t *testing.T) {
	def, err := rubrics.Default()
	require.NoError(t, err)
	c, err := Parse(".slant.toml", []byte("[overrides.\"hedge.words\"]\ndisabled = true\n[overrides.\"loaded.labels\"]\nseverity = \"error\"\n"))
	require.NoError(t, err)
	r, err := c.Apply(def)
	require.NoError(t, err)
	assert.Nil(t, r.Rule("hedge.words"))
	assert.Len(t, r.Rules, len(def.Rules)-1)
	assert.Equal(t, rubrics.Error, r.Rule("loaded.labels").Severity)
	assert.NotEqual(t, rubrics.Error, def.Rule("loaded.labels").Severity, "the rubric applied to is not changed")
	assert.Equal(t, def.Rule("loaded.labels").Position(), r.Rule("loaded.labels").Position(), "a changed rule still says where it is defined")
	assert.NotNil(t, def.Rule("hedge.words"))

	bad, err := Parse(".slant.toml", []byte("\n[overrides.\"hedge.word\"]\ndisabled = true\n"))
	require.NoError(t, err)
	_, err = bad.Apply(def)
	require.Error(t, err)
	assert.Equal(t, `.slant.toml:2:12: override of unknown rule "hedge.word" (did you mean "hedge.words"?)`, err.Error())

	var none *Config
	same, err := none.Apply(def)
	require.NoError(t, err)
	assert.Same(t, def, same, "no config changes nothing")
}

// An override may name a rule the rubric switched off: disabling it again changes nothing;
// a severity switches it back on.
func TestApplyToARuleTheRubricSwitchedOff(t *testing.T) {
	house, err := rubrics.Parse("house.toml", []byte("extends = [\"default\"]\n[overrides.\"hedge.words\"]\ndisabled = true\n"))
	require.NoError(t, err)
	r, err := rubrics.Compose(house)
	require.NoError(t, err)
	require.Nil(t, r.Rule("hedge.words"))
	require.NotNil(t, r.DisabledRule("hedge.words"))

	off, err := Parse(".slant.toml", []byte("[overrides.\"hedge.words\"]\ndisabled = true\n"))
	require.NoError(t, err)
	got, err := off.Apply(r)
	require.NoError(t, err)
	assert.Nil(t, got.Rule("hedge.words"))
	assert.NotNil(t, got.DisabledRule("hedge.words"))
	assert.Len(t, got.Rules, len(r.Rules))

	on, err := Parse(".slant.toml", []byte("[overrides.\"hedge.words\"]\nseverity = \"error\"\n"))
	require.NoError(t, err)
	got, err = on.Apply(r)
	require.NoError(t, err)
	require.NotNil(t, got.Rule("hedge.words"), "a severity switches it back on")
	assert.Equal(t, rubrics.Error, got.Rule("hedge.words").Severity)
	assert.Nil(t, got.DisabledRule("hedge.words"))
	assert.Nil(t, r.Rule("hedge.words"), "the rubric applied to is not changed")
}

func TestLoadRubric(t *testing.T) {
	dir := t.TempDir()
	house, err := os.ReadFile("../testdata/rubrics/good/house.toml")
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "rubrics"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rubrics", "house.toml"), house, 0o644))
	write := func(src string) *Config {
		p := filepath.Join(dir, ".slant.toml")
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
		c, err := Load(p)
		require.NoError(t, err)
		return c
	}

	c := write("rubrics = [\"rubrics/house.toml\"]\n[overrides.\"house.harbour-names\"]\nseverity = \"info\"\n")
	base, err := c.LoadRubric()
	require.NoError(t, err)
	assert.Equal(t, rubrics.Warning, base.Rule("house.harbour-names").Severity, "overrides are not applied yet")
	r, err := c.Apply(base)
	require.NoError(t, err)
	assert.Equal(t, rubrics.Info, r.Rule("house.harbour-names").Severity)
	assert.Nil(t, r.Rule("hedge.words"), "the house rubric switches it off")

	r, err = write("").LoadRubric()
	require.NoError(t, err)
	assert.NotNil(t, r.Rule("hedge.words"), "no rubrics: the default")

	_, err = write("rubrics = [\"rubrics/missing.toml\"]\n").LoadRubric()
	require.Error(t, err)
	assert.Equal(t, filepath.Join(dir, ".slant.toml")+`:1:12: rubric rubrics/missing.toml: no such file or directory`, err.Error())

	_, err = write("rubrics = [\"rubrics\"]\n").LoadRubric()
	require.Error(t, err)
	assert.Equal(t, filepath.Join(dir, ".slant.toml")+`:1:12: rubric rubrics: is a directory; name the rubric's TOML file`, err.Error())
}

func TestIgnored(t *testing.T) {
	c, err := Parse(filepath.Join("proj", ".slant.toml"), []byte(`ignore = ["drafts/**", "*.txt", "vendor", "news/2019-*.md"]`))
	require.NoError(t, err)
	for file, want := range map[string]bool{
		"proj/drafts/a.md":         true,
		"proj/drafts/deep/b.md":    true,
		"proj/notes.txt":           true,
		"proj/news/old/notes.txt":  true, // no slash: a base name anywhere
		"proj/vendor/x/y.md":       true, // a directory ignores all in it
		"proj/news/2019-01-02.md":  true,
		"proj/news/2020-01-02.md":  false,
		"proj/news/sub/2019-01.md": false,
		"proj/article.md":          false,
		"other/drafts/a.md":        false, // outside the config's directory
	} {
		assert.Equal(t, want, c.Ignored(filepath.FromSlash(file)), file)
	}
}

func TestFinder(t *testing.T) {
	dir := t.TempDir()
	deep := filepath.Join(dir, "a", "b", "c")
	require.NoError(t, os.MkdirAll(deep, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a", FileName), []byte(`fail_on = "info"`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a", "b", FileName), []byte(`fail_on = "warning"`), 0o644))

	f := NewFinder()
	c, err := f.Find(deep)
	require.NoError(t, err)
	require.NotNil(t, c)
	assert.Equal(t, rubrics.Warning, c.FailOn, "the nearest config wins")
	again, err := f.Find(filepath.Join(dir, "a", "b"))
	require.NoError(t, err)
	assert.Same(t, c, again, "a config is read once")

	c, err = f.Find(filepath.Join(dir, "a"))
	require.NoError(t, err)
	assert.Equal(t, rubrics.Info, c.FailOn)

	c, err = f.Find(dir)
	require.NoError(t, err)
	assert.Nil(t, c, "no config above")

	require.NoError(t, os.WriteFile(filepath.Join(deep, FileName), []byte("fail_on = 1\n"), 0o644))
	_, err = NewFinder().Find(deep)
	require.Error(t, err)
	assert.Contains(t, err.Error(), FileName+":1:11: ")
}
