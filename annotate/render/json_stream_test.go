package render_test

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/render"
)

// writeLog records every write it is given.
type writeLog struct {
	all   bytes.Buffer
	sizes []int
	fail  error // returned from the second write on, when set
}

func (w *writeLog) Write(p []byte) (int, error) {
	if w.fail != nil && len(w.sizes) > 0 {
		return 0, w.fail
	}
	w.sizes = append(w.sizes, len(p))
	return w.all.Write(p)
}

func TestWriteJSONDocumentStreamsWhatAppendWrites(t *testing.T) {
	_, a := load(t)
	article, err := os.ReadFile(testdata + "/sample/article.md")
	require.NoError(t, err)
	// About 400 KB of prose: its JSON is several times that.
	big := bytes.Repeat(append(article, "\n\n"...), 400<<10/len(article)+1)
	for _, tc := range []struct {
		name string
		src  []byte
		i    int
	}{
		{"large.md", big, 0},
		{"large-second.md", big, 3},
		{"small.md", article, 1},
	} {
		rep := report(t, a, tc.name, tc.src)
		want := render.AppendJSONDocument(nil, rep, tc.i)
		var w writeLog
		require.NoError(t, render.WriteJSONDocument(&w, rep, tc.i))
		assert.Equal(t, string(want), w.all.String(), tc.name)
		if len(want) > 256<<10 {
			assert.Greater(t, len(w.sizes), 4, "%s: a large document is written in pieces", tc.name)
			for _, n := range w.sizes {
				assert.Less(t, n, 64<<10, "%s: a piece is small", tc.name)
			}
		}
	}
}

func TestWriteJSONDocumentReportsWriteErrors(t *testing.T) {
	_, a := load(t)
	article, err := os.ReadFile(testdata + "/sample/article.md")
	require.NoError(t, err)
	rep := report(t, a, "large.md", bytes.Repeat(article, 100))
	full := errors.New("disk full")
	w := &writeLog{fail: full}
	assert.ErrorIs(t, render.WriteJSONDocument(w, rep, 0), full)
}
