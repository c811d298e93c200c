package annotate_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// A finding of the test-only kind shout (shoutkind_test.go) goes through every output
// format as a finding of any other kind does.
func TestTestOnlyKindRenders(t *testing.T) {
	f, err := rubrics.Parse("shout.toml", []byte(`name = "shouting"

[[rules]]
id = "test.shout"
category = "tone"
severity = "warning"
kind = "shout"
message = "Written in capitals: {match}"
explain = "Capitals shout."
`))
	require.NoError(t, err)
	rubric, err := rubrics.Compose(f)
	require.NoError(t, err)
	a, err := annotate.New(rubric)
	require.NoError(t, err)
	doc, err := prose.Parse("a.md", []byte("The plan was a DISASTER.\n"), prose.FormatMarkdown)
	require.NoError(t, err)
	res, err := a.Analyze(context.Background(), doc)
	require.NoError(t, err)
	require.Len(t, res.Findings, 1)
	rep := render.Report{Doc: doc, Findings: res.Findings, Provenance: res.Provenance}

	require.NotEmpty(t, render.Formats())
	for _, format := range render.Formats() {
		t.Run(format.Name, func(t *testing.T) {
			var buf bytes.Buffer
			out, err := render.NewOutput(&buf, format.New(render.Options{Rubrics: []*rubrics.Rubric{rubric}, Version: "test", Documents: 1}))
			require.NoError(t, err)
			require.NoError(t, out.Document(rep, 0))
			require.NoError(t, out.End(nil, ""))
			assert.Contains(t, buf.String(), "test.shout")
			assert.Contains(t, buf.String(), "Written in capitals: DISASTER")
		})
	}
}
