package annotate_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// corpus1MB builds about 1 MB of prose from the project's own test texts.
func corpus1MB(b *testing.B) []byte {
	b.Helper()
	files, err := filepath.Glob("../testdata/annotate/*.txt")
	require.NoError(b, err)
	sample, err := os.ReadFile("../testdata/sample/article.md")
	require.NoError(b, err)
	var buf bytes.Buffer
	for buf.Len() < 1<<20 {
		for _, f := range files {
			data, err := os.ReadFile(f)
			require.NoError(b, err)
			buf.Write(data)
			buf.WriteString("\n\n")
		}
		buf.Write(sample)
		buf.WriteString("\n\n")
	}
	return buf.Bytes()
}

// BenchmarkAnnotate1MB parses and annotates 1 MB of plain text with the default rubric.
func BenchmarkAnnotate1MB(b *testing.B) { benchmarkAnnotate1MB(b, "bench.txt", prose.FormatText) }

// BenchmarkAnnotateMarkdown1MB does the same reading the text as Markdown.
func BenchmarkAnnotateMarkdown1MB(b *testing.B) {
	benchmarkAnnotate1MB(b, "bench.md", prose.FormatMarkdown)
}

func benchmarkAnnotate1MB(b *testing.B, name string, format prose.Format) {
	src := corpus1MB(b)
	r, err := rubrics.Default()
	require.NoError(b, err)
	a, err := annotate.New(r)
	require.NoError(b, err)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		doc, err := prose.Parse(name, src, format)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := a.Annotate(context.Background(), doc); err != nil {
			b.Fatal(err)
		}
	}
}
