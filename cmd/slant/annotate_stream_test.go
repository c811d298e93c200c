package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// sequentialAnnotate is slant annotate as it was before files were annotated concurrently
// and written as they were done: every file read, annotated and kept, then the output
// rendered at once (JSON by encoding/json). The streaming command must write exactly these
// bytes.
func sequentialAnnotate(t *testing.T, format string, files []string, stdin string) []byte {
	t.Helper()
	rubric, err := rubrics.Load()
	require.NoError(t, err)
	a, err := annotate.New(rubric)
	require.NoError(t, err)
	var reports []render.Report
	stdinRead := false
	for _, name := range files {
		var data []byte
		display := name
		if name == "-" {
			display = "<stdin>"
			if !stdinRead {
				data, stdinRead = []byte(stdin), true
			}
		} else {
			data, err = os.ReadFile(name)
			require.NoError(t, err)
		}
		doc, err := prose.Parse(display, data, prose.FormatForPath(name))
		require.NoError(t, err)
		fs, err := a.Annotate(context.Background(), doc)
		require.NoError(t, err)
		m, err := metadata.Read(doc, metadata.Options{})
		require.NoError(t, err)
		reports = append(reports, render.Report{Doc: doc, Findings: fs, Provenance: a.Provenance(doc), Metadata: m})
	}
	var out bytes.Buffer
	if format == "json" {
		// As render.JSON wrote it before it was written by hand.
		enc := json.NewEncoder(&out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(render.NewJSON(rubric, versionString(), reports)))
		return out.Bytes()
	}
	for i, rep := range reports {
		opts := render.MarkdownOptions{}
		if len(reports) > 1 {
			opts.FootnotePrefix = fmt.Sprintf("slant%d-", i+1)
			if i > 0 {
				fmt.Fprint(&out, "\n\n")
			}
			fmt.Fprintf(&out, "<!-- slant:document %s -->\n\n", rep.Doc.Name)
		}
		require.NoError(t, render.Markdown(&out, rubric, rep, opts))
	}
	return out.Bytes()
}

func runAnnotate(t *testing.T, stdin string, args ...string) ([]byte, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"annotate"}, args...), strings.NewReader(stdin), &stdout, &stderr)
	return stdout.Bytes(), stderr.String(), code
}

// TestAnnotateWritesAsBefore checks that annotating many files concurrently and writing each
// as it is done gives the bytes that annotating them one by one and rendering them together
// gave, in both formats.
func TestAnnotateWritesAsBefore(t *testing.T) {
	files, err := filepath.Glob("../../testdata/annotate/*.[mt][dx]*")
	require.NoError(t, err)
	files = append(files, "../../testdata/sample/article.md")
	files = append(files, files...) // more files than workers, and repeated names
	const stdin = "The so-called \"experts\" met last week, critics say."
	for _, format := range []string{"json", "markdown"} {
		for _, set := range [][]string{files[:1], files, append([]string{"-"}, files[:3]...), {files[0], "-", "-"}} {
			want := sequentialAnnotate(t, format, set, stdin)
			got, stderr, code := runAnnotate(t, stdin, append([]string{"--format", format}, set...)...)
			require.Equal(t, 0, code, stderr)
			if !bytes.Equal(got, want) {
				t.Fatalf("%s of %v: streamed output differs from the sequential one:\n%s", format, set, firstDiff(got, want))
			}
		}
	}
}

// TestAnnotateWritesLargeDocumentsAsBefore checks the path of documents too large to be
// rendered in memory by their worker: they are written into the output in their turn, among
// small ones, with the same bytes.
func TestAnnotateWritesLargeDocumentsAsBefore(t *testing.T) {
	article, err := os.ReadFile("../../testdata/sample/article.md")
	require.NoError(t, err)
	dir := t.TempDir()
	large := filepath.Join(dir, "large.md")
	require.NoError(t, os.WriteFile(large, bytes.Repeat(append(article, "\n\n"...), renderInWorkerMax/len(article)+2), 0o644))
	largeText := filepath.Join(dir, "large.txt")
	require.NoError(t, os.WriteFile(largeText, bytes.Repeat(append(article, "\n\n"...), renderInWorkerMax/len(article)+2), 0o644))
	small := "../../testdata/sample/article.md"
	for _, format := range []string{"json", "markdown"} {
		for _, set := range [][]string{{large}, {small, large, small, largeText}, {large, small}} {
			want := sequentialAnnotate(t, format, set, "")
			got, stderr, code := runAnnotate(t, "", append([]string{"--format", format}, set...)...)
			require.Equal(t, 0, code, stderr)
			if !bytes.Equal(got, want) {
				t.Fatalf("%s of %v: output differs from the sequential one:\n%s", format, set, firstDiff(got, want))
			}
		}
	}
}

func firstDiff(got, want []byte) string {
	n := 0
	for n < len(got) && n < len(want) && got[n] == want[n] {
		n++
	}
	from := max(0, n-80)
	return fmt.Sprintf("at byte %d:\ngot  %q\nwant %q", n, got[from:min(len(got), n+80)], want[from:min(len(want), n+80)])
}

// TestAnnotateOutputIsInput checks that -o naming an input annotates what the input was.
func TestAnnotateOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "article.txt")
	require.NoError(t, os.WriteFile(path, []byte("The regime fell last week.\n"), 0o644))
	want := sequentialAnnotate(t, "markdown", []string{path}, "")
	_, stderr, code := runAnnotate(t, "", "-o", path, path)
	require.Equal(t, 0, code, stderr)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
}

// TestAnnotateInputErrorWritesNothing checks that an input error found after many good files
// leaves stdout empty and -o unwritten.
func TestAnnotateInputErrorWritesNothing(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	bad := filepath.Join(dir, "bad.txt")
	require.NoError(t, os.WriteFile(good, []byte("The regime fell.\n"), 0o644))
	require.NoError(t, os.WriteFile(bad, []byte("fine\ncaf\xe9\n"), 0o644))
	args := []string{good, good, good, good, good, bad, good}
	out, stderr, code := runAnnotate(t, "", args...)
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, out)
	assert.Equal(t, "slant: "+bad+":2:4: invalid UTF-8 (byte 0xe9)\n", stderr)
	outFile := filepath.Join(dir, "out.md")
	_, _, code = runAnnotate(t, "", append([]string{"-o", outFile}, args...)...)
	assert.Equal(t, exitUsage, code)
	assert.NoFileExists(t, outFile)
}
