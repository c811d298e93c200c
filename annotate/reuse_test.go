package annotate_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/rubrics"
)

// annotated is what Annotate gives for one document: its findings and provenance.
type annotated struct {
	findings   []annotate.Finding
	provenance *provenance.Provenance
}

func annotateFile(t *testing.T, a *annotate.Annotator, path string) annotated {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	doc, err := prose.Parse(path, src, prose.FormatForPath(path))
	require.NoError(t, err)
	fs, err := a.Annotate(context.Background(), doc)
	require.NoError(t, err)
	return annotated{fs, a.Provenance(doc)}
}

// Annotate keeps its working storage from one document to the next (contexts, word lists, the
// provenance analysis): nothing of one document may leak into another's results, whatever
// the order the documents come in and however many run at once.
func TestAnnotateCarriesNothingBetweenDocuments(t *testing.T) {
	r, err := rubrics.Default()
	require.NoError(t, err)
	files, err := filepath.Glob("../testdata/annotate/*.[mt][dx]*")
	require.NoError(t, err)
	more, err := filepath.Glob("../testdata/[sg][ao]*/*.md")
	require.NoError(t, err)
	files = append(files, more...)
	require.Greater(t, len(files), 3)

	// Each document alone, with an annotator of its own.
	want := map[string]annotated{}
	for _, f := range files {
		a, err := annotate.New(r)
		require.NoError(t, err)
		want[f] = annotateFile(t, a, f)
	}
	withSources := 0
	for _, w := range want {
		if len(w.provenance.Sources) > 0 {
			withSources++
		}
	}
	require.Greater(t, withSources, 1, "the documents must have sources for the test to mean something")

	a, err := annotate.New(r)
	require.NoError(t, err)
	for _, order := range [][]string{files, reversed(files)} {
		for _, f := range order {
			assert.Equal(t, want[f], annotateFile(t, a, f), "%s after other documents", f)
		}
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, f := range files {
				assert.Equal(t, want[f], annotateFile(t, a, f), "%s, four at once", f)
			}
		})
	}
	wg.Wait()
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

// TestAnalyzeSharesDocument analyses one document on several goroutines at once (the race
// detector watches) and checks that every result is the same: the document keeps nothing of
// an analysis.
func TestAnalyzeSharesDocument(t *testing.T) {
	r, err := rubrics.Default()
	require.NoError(t, err)
	a, err := annotate.New(r)
	require.NoError(t, err)
	doc, err := prose.Parse("shared.txt", []byte(sharedText), prose.FormatText)
	require.NoError(t, err)
	results := make([]*annotate.Result, 4)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			res, err := a.Analyze(context.Background(), doc)
			assert.NoError(t, err)
			results[i] = res
		})
	}
	wg.Wait()
	for _, res := range results[1:] {
		assert.Equal(t, len(results[0].Findings), len(res.Findings))
		assert.Equal(t, len(results[0].Provenance.Attributions), len(res.Provenance.Attributions))
		assert.NotSame(t, results[0].Provenance, res.Provenance, "each analysis has its own result")
	}
	assert.NotEmpty(t, results[0].Findings)
	assert.NotEmpty(t, results[0].Provenance.Attributions)
}

const sharedText = `"We will not leave the harbour," said Jane Roe, a spokeswoman for the port.

Critics say the so-called "rescue plan" is a giveaway. It is believed the mayor secretly
coordinated the sale. Officials told reporters on Monday that the vote was rigged.`
