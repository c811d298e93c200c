package render_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/internal/sarifschema"
	"github.com/slant-news/slant/rubrics"
)

// sarifSchema is the official SARIF 2.1.0 schema (internal/sarifschema).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	s, err := sarifschema.Compile()
	require.NoError(t, err)
	return s
}

// validateSARIF checks data against the official schema.
func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	require.NoError(t, sarifschema.Validate(data), "SARIF output does not validate:\n%s", data)
}

// The vendored schema rejects what it should, so a passing validation means something.
func TestSARIFSchemaRejects(t *testing.T) {
	s := sarifSchema(t)
	for name, doc := range map[string]string{
		"wrong version":    `{"version": "2.0.0", "runs": []}`,
		"no runs":          `{"version": "2.1.0"}`,
		"unknown property": `{"version": "2.1.0", "runs": [], "colour": "red"}`,
		"bad level":        `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "info"}]}]}`,
		"column 0":         `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.md"}, "region": {"startLine": 1, "startColumn": 0}}}]}]}]}`,
		"bad uri":          `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b%zz.md"}}}]}]}]}`,
	} {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		require.NoError(t, err, name)
		assert.Error(t, s.Validate(inst), name)
	}
}

// sarifOf renders reports, with the suppressed findings given, as SARIF.
func sarifOf(t *testing.T, reps []render.Report, suppressed [][]annotate.Finding, rubricPaths ...string) []byte {
	t.Helper()
	r, _ := load(t, rubricPaths...)
	b := render.NewSARIFBuilder("1.2.3")
	b.AddRubric(r)
	for i, rep := range reps {
		var off []annotate.Finding
		if suppressed != nil {
			off = suppressed[i]
		}
		rep.Suppressed = off
		b.Add(render.SARIFResults(rep, render.SARIFURI(rep.Doc.Name))...)
	}
	var buf bytes.Buffer
	require.NoError(t, b.Write(&buf))
	return buf.Bytes()
}

// TestSARIFValidates checks the SARIF of the sample article under the default rubric, and of
// a text with characters outside the BMP under the test rubric, against the official schema.
func TestSARIFValidates(t *testing.T) {
	_, a := load(t)
	sample, err := os.ReadFile(filepath.Join(testdata, "sample", "article.md"))
	require.NoError(t, err)
	rep := report(t, a, "testdata/sample/article.md", sample)
	require.NotEmpty(t, rep.Findings)
	data := sarifOf(t, []render.Report{rep}, [][]annotate.Finding{rep.Findings[:1]})
	validateSARIF(t, data)

	var log render.SARIFLog
	require.NoError(t, json.Unmarshal(data, &log))
	run := log.Runs[0]
	assert.Equal(t, "slant", run.Tool.Driver.Name)
	assert.Equal(t, "1.2.3", run.Tool.Driver.Version)
	assert.Equal(t, "utf16CodeUnits", run.ColumnKind)
	require.NotEmpty(t, run.Tool.Extensions)
	assert.Equal(t, "default", run.Tool.Extensions[0].Name, "the rubric is a tool component")
	assert.Equal(t, "0.1.0", run.Tool.Extensions[0].Version)
	assert.Len(t, run.Results, len(rep.Findings)+1, "the suppressed finding is listed too")

	// Every result points at its rule's descriptor.
	for _, res := range run.Results {
		require.GreaterOrEqual(t, res.RuleIndex, 0)
		assert.Equal(t, res.RuleID, run.Tool.Driver.Rules[res.RuleIndex].ID)
		assert.Equal(t, "testdata/sample/article.md", res.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	suppressed := 0
	for _, res := range run.Results {
		if len(res.Suppressions) > 0 {
			suppressed++
			assert.Equal(t, "inSource", res.Suppressions[0].Kind)
		}
	}
	assert.Equal(t, 1, suppressed)
}

func TestSARIFRulesAndRegions(t *testing.T) {
	rubric := filepath.Join(testdata, "annotate", "rubric.toml")
	_, a := load(t, rubric)
	src := "Fine.\n😀 The regime fell, a “disaster” for all. 😀 “A disaster,” she said.\n"
	rep := report(t, a, filepath.Join("news", "a b.txt"), []byte(src))
	data := sarifOf(t, []render.Report{rep}, nil, rubric)
	validateSARIF(t, data)

	var log render.SARIFLog
	require.NoError(t, json.Unmarshal(data, &log))
	run := log.Runs[0]
	rules := map[string]render.SARIFRule{}
	for _, r := range run.Tool.Driver.Rules {
		rules[r.ID] = r
	}
	labels := rules["test.labels"]
	assert.Equal(t, "Loaded label “…”", labels.ShortDescription.Text)
	assert.Equal(t, "A label that passes judgement.", labels.FullDescription.Text)
	assert.Contains(t, labels.Help.Text, "A label that passes judgement.")
	assert.Contains(t, labels.Help.Text, "regime → government")
	assert.Contains(t, labels.Help.Text, "The regime fell.")
	assert.Equal(t, "warning", labels.DefaultConfiguration.Level)
	assert.Equal(t, "note", rules["test.quoted-only"].DefaultConfiguration.Level, "info is a note")

	byRule := map[string]render.SARIFResult{}
	for _, res := range run.Results {
		byRule[res.RuleID] = res
	}
	regime := byRule["test.labels"]
	assert.Equal(t, "warning", regime.Level)
	assert.Equal(t, "news/a%20b.txt", regime.Locations[0].PhysicalLocation.ArtifactLocation.URI, "relative, forward slashes, escaped")
	// "😀" is one code point but two UTF-16 code units: "regime" starts at code point 7,
	// UTF-16 column 8, and ends (exclusive) at column 14.
	assert.Equal(t, render.SARIFRegion{StartLine: 2, StartColumn: 8, EndLine: 2, EndColumn: 14, Snippet: &render.SARIFText{Text: "regime"}},
		regime.Locations[0].PhysicalLocation.Region)
	assert.Equal(t, "government", regime.Properties["suggestion"])
	assert.Equal(t, "writer", regime.Properties["voice"])

	quoted := byRule["test.quoted-only"]
	assert.Equal(t, "note", quoted.Level)
	// Two emoji stand before it on its line: its UTF-16 column is its character column + 2.
	var f annotate.Finding
	for _, x := range rep.Findings {
		if x.Rule.ID == "test.quoted-only" {
			f = x
		}
	}
	line, col := rep.Doc.LineColumn(f.Span.Start)
	region := quoted.Locations[0].PhysicalLocation.Region
	assert.Equal(t, line, region.StartLine)
	assert.Equal(t, col+2, region.StartColumn)
	assert.Equal(t, col+2+len("disaster"), region.EndColumn)
}

func TestSARIFURI(t *testing.T) {
	assert.Equal(t, "docs/a.md", render.SARIFURI(filepath.Join("docs", "a.md")))
	assert.Equal(t, "docs/caf%C3%A9%202.md", render.SARIFURI(filepath.Join("docs", "café 2.md")))
	assert.Equal(t, "./c:d.md", render.SARIFURI("c:d.md"), "not a scheme")
	assert.Equal(t, "file:///tmp/a%23b.md", render.SARIFURI("/tmp/a#b.md"))
}

// No findings is still a valid log, with an empty results array.
func TestSARIFEmpty(t *testing.T) {
	data := sarifOf(t, nil, nil)
	validateSARIF(t, data)
	assert.Contains(t, string(data), `"results": []`)
}

// The sarif format's renderer writes what SARIFBuilder.Write writes for the same rubrics and
// results: with no results, one, and the results of several documents written part by
// part, an empty one between them, suppressed findings and text that needs escaping among
// them.
func TestSARIFRendererWritesAsWrite(t *testing.T) {
	r, a := load(t)
	sample, err := os.ReadFile(filepath.Join(testdata, "sample", "article.md"))
	require.NoError(t, err)
	reps := []render.Report{
		report(t, a, "testdata/sample/article.md", sample),
		report(t, a, "odd <name> & \"quotes\".txt", []byte("The so-called \"experts\" <b>claimed</b> it was a regime & a cult.\n\n\U0001F600 Thugs.\n")),
	}
	require.NotEmpty(t, reps[0].Findings)
	require.NotEmpty(t, reps[1].Findings)
	for i := range reps {
		reps[i].Suppressed = reps[i].Findings[:i+1]
	}
	none := reps[0]
	none.Findings, none.Suppressed = nil, nil
	one := reps[0]
	one.Findings, one.Suppressed = one.Findings[:1], nil
	sarif, err := render.FormatNamed("sarif")
	require.NoError(t, err)
	for name, run := range map[string][]render.Report{
		"none": nil, "no results": {none}, "one": {one}, "one document": reps[:1],
		"several": {reps[0], none, reps[1], none},
	} {
		builder := render.NewSARIFBuilder("1.2.3")
		builder.AddRubric(r)
		var want, got bytes.Buffer
		out, err := render.NewOutput(&got, sarif.New(render.Options{Rubrics: []*rubrics.Rubric{r}, Version: "1.2.3", Documents: len(run)}))
		require.NoError(t, err)
		for i, rep := range run {
			builder.Add(render.SARIFResults(rep, render.SARIFURI(rep.Doc.Name))...)
			var part bytes.Buffer
			require.NoError(t, out.Render(&part, rep, i))
			require.NoError(t, out.Part(part.Bytes()))
		}
		require.NoError(t, out.End(nil, ""))
		require.NoError(t, builder.Write(&want))
		require.Equal(t, want.String(), got.String(), name)
	}
}
