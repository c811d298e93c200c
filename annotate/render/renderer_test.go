package render_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// countRenderer is a renderer written for the test, as a new format would be: a line per
// document with its finding count, between a header and a footer naming the inputs left
// unchecked.
type countRenderer struct{}

func (countRenderer) Begin(w io.Writer) error { _, err := io.WriteString(w, "begin\n"); return err }
func (countRenderer) Separator() string       { return "--\n" }
func (countRenderer) Document(w io.Writer, rep render.Report, i int) error {
	if len(rep.Findings) == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "%d %s %d\n", i, rep.Doc.Name, len(rep.Findings))
	return err
}
func (countRenderer) End(w io.Writer, end render.Ending) error {
	_, err := fmt.Fprintf(w, "end %d %v %s\n", end.Parts, end.NotChecked, end.Why)
	return err
}

// Output writes Begin, the parts in order with the separator only between parts that are
// not empty, and End; a part rendered apart and one rendered straight into the output give
// the same bytes.
func TestOutputJoinsParts(t *testing.T) {
	_, a := load(t)
	found := report(t, a, "a.txt", []byte("The regime's thugs, critics say, clearly lied.\n"))
	clean := report(t, a, "b.txt", []byte("The council met and voted.\n"))
	require.NotEmpty(t, found.Findings)
	require.Empty(t, clean.Findings)
	var got bytes.Buffer
	out, err := render.NewOutput(&got, countRenderer{})
	require.NoError(t, err)
	for i, rep := range []render.Report{clean, found, clean, found} {
		if i%2 == 0 {
			require.NoError(t, out.Document(rep, i))
			continue
		}
		var part bytes.Buffer
		require.NoError(t, out.Render(&part, rep, i))
		require.NoError(t, out.Part(part.Bytes()))
	}
	require.NoError(t, out.End([]string{"c.txt"}, "the time limit was reached"))
	n := len(found.Findings)
	assert.Equal(t, fmt.Sprintf("begin\n1 a.txt %d\n--\n3 a.txt %d\nend 2 [c.txt] the time limit was reached\n", n, n), got.String())
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

// An output's first write error is returned by every later call.
func TestOutputKeepsFirstError(t *testing.T) {
	_, err := render.NewOutput(failingWriter{}, countRenderer{})
	require.ErrorIs(t, err, os.ErrClosed)
}

// Every registered format renders a run of documents, the last a large one rendered straight
// into the output, and gives the same bytes when every part is rendered apart; names are
// unique and each has help.
func TestEveryFormatRendersARun(t *testing.T) {
	r, a := load(t)
	sample, err := os.ReadFile(filepath.Join(testdata, "sample", "article.md"))
	require.NoError(t, err)
	reps := []render.Report{
		report(t, a, "sample.md", sample),
		report(t, a, "empty.txt", nil),
		report(t, a, "b.txt", []byte("The so-called \"experts\" <b>claimed</b> it was a regime & a cult.\n")),
	}
	seen := map[string]bool{}
	for _, format := range render.Formats() {
		assert.False(t, seen[format.Name], "format %s registered twice", format.Name)
		seen[format.Name] = true
		assert.NotEmpty(t, format.Help, format.Name)
		opts := render.Options{Rubrics: []*rubrics.Rubric{r}, Version: "test", Documents: len(reps)}
		var apart, straight bytes.Buffer
		outApart, err := render.NewOutput(&apart, format.New(opts))
		require.NoError(t, err)
		outStraight, err := render.NewOutput(&straight, format.New(opts))
		require.NoError(t, err)
		for i, rep := range reps {
			var part bytes.Buffer
			require.NoError(t, outApart.Render(&part, rep, i), format.Name)
			require.NoError(t, outApart.Part(part.Bytes()))
			require.NoError(t, outStraight.Document(rep, i), format.Name)
		}
		require.NoError(t, outApart.End(nil, ""))
		require.NoError(t, outStraight.End(nil, ""))
		assert.Equal(t, apart.String(), straight.String(), format.Name)
		assert.Contains(t, apart.String(), "regime", "%s: the findings are in the output", format.Name)
		got, err := render.FormatNamed(format.Name)
		require.NoError(t, err)
		assert.Equal(t, format.Name, got.Name)
	}
	_, err = render.FormatNamed("yaml")
	assert.ErrorContains(t, err, `no output format "yaml" (there are markdown, json, text, github, sarif, html)`)
}
