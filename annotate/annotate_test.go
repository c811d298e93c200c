package annotate_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/annotatetest"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

func testAnnotator(t *testing.T) *annotate.Annotator {
	t.Helper()
	r, err := rubrics.Load("../testdata/annotate/rubric.toml")
	require.NoError(t, err)
	a, err := annotate.New(r)
	require.NoError(t, err)
	return a
}

// TestMatchers checks each matcher kind, quote form and voice against the want comments in
// testdata/annotate.
func TestMatchers(t *testing.T) {
	a := testAnnotator(t)
	files, err := filepath.Glob("../testdata/annotate/*.[mt][dx]*")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			annotatetest.Run(t, a, f)
		})
	}
}

func TestTestRubricExamples(t *testing.T) {
	r, err := rubrics.Load("../testdata/annotate/rubric.toml")
	require.NoError(t, err)
	for _, rule := range r.Rules {
		assert.Empty(t, annotate.CheckExamples(r, rule), rule.ID)
	}
}

func TestFindingOffsetsAreExact(t *testing.T) {
	a := testAnnotator(t)
	src := []byte("Ünïcödé first. The “regime” and the régime — a regime of thugs.\n\nA senior official told us.")
	doc, err := prose.Parse("x.txt", src, prose.FormatText)
	require.NoError(t, err)
	fs, err := a.Annotate(context.Background(), doc)
	require.NoError(t, err)
	require.NotEmpty(t, fs)
	for _, f := range fs {
		assert.Equal(t, string(src[f.Span.Start:f.Span.End]), f.Text)
	}
}

func TestParseRejectsBadInput(t *testing.T) {
	_, err := prose.Parse("bin.dat", []byte("ok\nab\x00cd"), prose.FormatText)
	require.EqualError(t, err, "bin.dat:2:3: binary file (NUL byte); slant reads UTF-8 text")

	_, err = prose.Parse("bad.txt", []byte("fine\nsé\xffx"), prose.FormatText)
	require.EqualError(t, err, "bad.txt:2:3: invalid UTF-8 (byte 0xff)")
}
