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
	"github.com/slant-news/slant/rubrics"
)

// annotated is what Annotate gives for one document: its findings and provenance.
type annotated struct {
	findings   []annotate.Finding
	provenance *annotate.Provenance
}

func annotateFile(t *testing.T, a *annotate.Annotator, path string) annotated {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	doc, err := annotate.Parse(path, src, annotate.FormatForPath(path))
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
