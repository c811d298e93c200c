package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
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
		doc, err := annotate.Parse(display, data, annotate.FormatForPath(name))
		require.NoError(t, err)
		fs, err := a.Annotate(context.Background(), doc)
		require.NoError(t, err)
		reports = append(reports, render.Report{Doc: doc, Findings: fs, Provenance: a.Provenance(doc)})
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

// TestInOrder checks that every index is done once and emitted in order, whatever the number
// of workers, and that the first error in order stops the work.
func TestInOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 7, 100} {
		for _, n := range []int{0, 1, 5, 200} {
			var done atomic.Int64
			var got []int
			err := inOrder(n, workers, func(i int) (int, error) {
				done.Add(1)
				return i, nil
			}, func(i int) error {
				got = append(got, i)
				return nil
			})
			require.NoError(t, err)
			require.Len(t, got, n)
			for i, v := range got {
				require.Equal(t, i, v, "workers %d n %d", workers, n)
			}
			require.Equal(t, int64(n), done.Load())
		}
		// Index 50 fails; 60 fails too, but later in order.
		var emitted []int
		err := inOrder(200, workers, func(i int) (int, error) {
			if i == 50 || i == 60 {
				return 0, fmt.Errorf("failed %d", i)
			}
			return i, nil
		}, func(i int) error {
			emitted = append(emitted, i)
			return nil
		})
		require.EqualError(t, err, "failed 50")
		require.Len(t, emitted, 50)
		// An emit error stops it too.
		err = inOrder(200, workers, func(i int) (int, error) { return i, nil }, func(i int) error {
			if i == 10 {
				return io.ErrShortWrite
			}
			return nil
		})
		require.True(t, errors.Is(err, io.ErrShortWrite))
	}
}

// TestInOrderBoundsWork checks that no more than 2×workers indices are under way or waiting
// to be emitted at any time: memory stays bounded however many files there are.
func TestInOrderBoundsWork(t *testing.T) {
	const workers = 3
	var started, emitted atomic.Int64
	err := inOrder(1000, workers, func(i int) (int, error) {
		if ahead := started.Add(1) - emitted.Load(); ahead > 2*workers+1 {
			return 0, fmt.Errorf("index %d started with %d not yet emitted", i, ahead-1)
		}
		return i, nil
	}, func(int) error {
		emitted.Add(1)
		return nil
	})
	require.NoError(t, err)
}

// TestInOrderKeepsNothingPerItem checks that what inOrder holds does not grow with the number
// of items: it kept every item's result channel to the end (19,067 files took 9 MB more in
// slant check), where only the items in its window need one.
func TestInOrderKeepsNothingPerItem(t *testing.T) {
	const n = 100_000
	type result [32]int64 // 256 bytes: a channel of one costs about 350
	var before, late runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := inOrder(n, 2, func(i int) (result, error) { return result{int64(i)}, nil }, func(r result) error {
		if r[0] == n-100 { // late, while the pool still runs
			runtime.GC()
			runtime.ReadMemStats(&late)
		}
		return nil
	})
	require.NoError(t, err)
	require.NotZero(t, late.NumGC, "no measure taken")
	grown := int64(late.HeapAlloc) - int64(before.HeapAlloc)
	// Kept per item, it would be 35 MB; the window of pending results is a few KB.
	assert.Less(t, grown, int64(4<<20), "heap grew by %d bytes over %d items", grown, n)
}

// TestInOrderWithinBudget checks that the items under way or waiting to be emitted never cost
// more than the budget together (an item dearer than the budget going alone), that all are
// emitted in order, and that small items, which never wait for the budget, flow freely.
func TestInOrderWithinBudget(t *testing.T) {
	costs := make([]int, 500)
	for i := range costs {
		costs[i] = 1 + i%7
		if i%97 == 0 {
			costs[i] = 40 // more than the budget
		}
	}
	for _, workers := range []int{1, 2, 5} {
		for _, budget := range []int{10, 1000} {
			var mu sync.Mutex
			inFlight, maxSeen := 0, 0
			var got []int
			err := inOrderWithin(len(costs), workers, func(i int) int { return costs[i] }, budget, func(i int) (int, error) {
				mu.Lock()
				inFlight += min(costs[i], budget)
				if inFlight > budget && costs[i] < budget {
					maxSeen = max(maxSeen, inFlight)
				}
				mu.Unlock()
				return i, nil
			}, func(i int) error {
				mu.Lock()
				inFlight -= min(costs[i], budget)
				mu.Unlock()
				got = append(got, i)
				return nil
			})
			require.NoError(t, err)
			require.Len(t, got, len(costs))
			for i, v := range got {
				require.Equal(t, i, v)
			}
			assert.Zero(t, maxSeen, "workers %d budget %d: items costing %d were under way at once", workers, budget, maxSeen)
		}
	}
}
