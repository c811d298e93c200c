package rubrics_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/rubrics"
)

// TestBrokenRubrics loads each file in testdata/rubrics/bad and expects the one-line error
// its first line announces ("# want: file:line:col: message").
func TestBrokenRubrics(t *testing.T) {
	files, err := filepath.Glob("../testdata/rubrics/bad/*.toml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := os.Open(path)
			require.NoError(t, err)
			first, _ := bufio.NewReader(f).ReadString('\n')
			f.Close()
			want, ok := strings.CutPrefix(strings.TrimSpace(first), "# want: ")
			require.True(t, ok, "first line must be # want: ...")

			_, err = rubrics.Load(path)
			require.Error(t, err)
			msg := strings.ReplaceAll(err.Error(), "../testdata/rubrics/bad/", "")
			assert.Equal(t, want, msg)
			assert.NotContains(t, msg, "\n", "errors are one line")
			var pe *rubrics.PositionError
			assert.ErrorAs(t, err, &pe)
		})
	}
}

func TestExtendingTheDefault(t *testing.T) {
	def, err := rubrics.Default()
	require.NoError(t, err)
	r, err := rubrics.Load("../testdata/rubrics/good/house.toml")
	require.NoError(t, err)

	assert.Equal(t, "default 0.1.0 + house 2.1", r.Name())
	assert.Nil(t, r.Rule("hedge.words"), "disabled by the override")
	require.NotNil(t, def.Rule("hedge.words"))
	assert.Equal(t, rubrics.Error, r.Rule("loaded.labels").Severity)
	assert.Equal(t, rubrics.Warning, def.Rule("loaded.labels").Severity, "the default itself is unchanged")
	assert.NotNil(t, r.Rule("house.harbour-names"))
	assert.Len(t, r.Rules, len(def.Rules)) // one added, one removed
	assert.Equal(t, []string{"hedge.words"}, ids(r.Disabled), "a rule switched off is still known")
}

// A later file's override may name a rule an earlier one switched off.
func TestOverrideOfARuleSwitchedOff(t *testing.T) {
	a, err := rubrics.Parse("a.toml", []byte("extends = [\"default\"]\n[overrides.\"hedge.words\"]\ndisabled = true\n"))
	require.NoError(t, err)
	again, err := rubrics.Parse("b.toml", []byte("[overrides.\"hedge.words\"]\ndisabled = true\n"))
	require.NoError(t, err)
	r, err := rubrics.Compose(a, again)
	require.NoError(t, err, "disabling it again is no error")
	assert.Nil(t, r.Rule("hedge.words"))

	on, err := rubrics.Parse("c.toml", []byte("[overrides.\"hedge.words\"]\nseverity = \"error\"\n"))
	require.NoError(t, err)
	r, err = rubrics.Compose(a, on)
	require.NoError(t, err)
	require.NotNil(t, r.Rule("hedge.words"), "a severity switches it back on")
	assert.Equal(t, rubrics.Error, r.Rule("hedge.words").Severity)
	assert.Empty(t, r.Disabled)
}

func ids(rules []*rubrics.Rule) []string {
	var out []string
	for _, r := range rules {
		out = append(out, r.ID)
	}
	return out
}

func TestComposeRejectsDuplicatesAcrossFiles(t *testing.T) {
	a, err := rubrics.Parse("a.toml", []byte(rule("x.y")))
	require.NoError(t, err)
	b, err := rubrics.Parse("b.toml", []byte("\n"+rule("x.y")))
	require.NoError(t, err)
	_, err = rubrics.Compose(a, b)
	require.EqualError(t, err, `b.toml:3:6: duplicate rule id "x.y" (first defined at a.toml:2:6)`)
}

func TestParseRejectsInvalidUTF8(t *testing.T) {
	_, err := rubrics.Parse("u.toml", []byte("name = \"ok\"\nname2 = \"\xff\""))
	require.EqualError(t, err, "u.toml:2:10: invalid UTF-8")
}

func rule(id string) string {
	return `[[rules]]
id = "` + id + `"
category = "c"
severity = "info"
kind = "terms"
terms = ["a"]
message = "m"
explain = "e"
`
}

// TestProvenanceListsReplace: a later file's [provenance] list replaces the same list of the
// files before it, every list alike, and leaves the lists it does not set.
func TestProvenanceListsReplace(t *testing.T) {
	def, err := rubrics.Default()
	require.NoError(t, err)
	keys := []string{"neutral_verbs", "loaded_verbs", "belief_verbs", "evidence_verbs", "quote_verbs",
		"act_objects", "document_nouns", "vague_sources", "anonymous_sources", "titles", "organisations", "media", "places", "people"}
	for _, key := range keys {
		t.Run(key, func(t *testing.T) {
			house, err := rubrics.Parse("house.toml", []byte("extends = [\"default\"]\n[provenance]\n"+key+" = [\"zzword\"]\n"))
			require.NoError(t, err)
			r, err := rubrics.Compose(house)
			require.NoError(t, err)
			got, want := provenanceLists(r.Provenance), provenanceLists(def.Provenance)
			require.Len(t, got, len(keys), "every list of rubrics.Provenance is named here")
			for i, k := range keys {
				if k == key {
					assert.Equal(t, []string{"zzword"}, got[i], k)
				} else {
					assert.Equal(t, want[i], got[i], k)
					assert.NotEmpty(t, got[i], "the default sets %s", k)
				}
			}
		})
	}
}

// provenanceLists returns p's lists in the order of their TOML keys above.
func provenanceLists(p rubrics.Provenance) [][]string {
	return [][]string{p.NeutralVerbs, p.LoadedVerbs, p.BeliefVerbs, p.EvidenceVerbs, p.QuoteVerbs,
		p.ActObjects, p.DocumentNouns, p.VagueSources, p.AnonymousSources, p.Titles, p.Organisations, p.Media, p.Places, p.People}
}
