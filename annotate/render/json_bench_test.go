package render_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// benchReports annotates the inputs of BenchmarkJSON: every testdata source, and the sample
// article repeated into one long document, as slant annotate sees them.
func benchReports(b *testing.B) (r *rubrics.Rubric, sources, long []render.Report) {
	b.Helper()
	r, a := load(b)
	rep := func(name string, src []byte) render.Report {
		doc, err := prose.Parse(name, src, prose.FormatForPath(name))
		if err != nil {
			b.Fatal(err)
		}
		fs, err := a.Annotate(context.Background(), doc)
		if err != nil {
			b.Fatal(err)
		}
		return render.Report{Doc: doc, Findings: fs, Provenance: a.Provenance(doc)}
	}
	err := filepath.WalkDir(testdata, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.IsDir() && d.Name() == "golden" {
				return filepath.SkipDir
			}
			return err
		}
		if ext := filepath.Ext(path); ext == ".txt" || ext == ".md" {
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sources = append(sources, rep(path, src))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	article, err := os.ReadFile(filepath.Join(testdata, "sample", "article.md"))
	if err != nil {
		b.Fatal(err)
	}
	long = []render.Report{rep("long.md", bytes.Repeat(append(article, '\n'), 20))}
	return r, sources, long
}

// BenchmarkJSON measures render.JSON in bytes of input per second.
func BenchmarkJSON(b *testing.B) {
	r, sources, long := benchReports(b)
	for _, c := range []struct {
		name string
		reps []render.Report
	}{{"sources", sources}, {"long", long}} {
		size := 0
		for _, rep := range c.reps {
			size += len(rep.Doc.Source)
		}
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if err := render.JSON(io.Discard, r, "bench", c.reps); err != nil {
					b.Fatal(err)
				}
			}
		})
		// Each document appended to a buffer used again, as slant annotate does.
		b.Run(c.name+"/append", func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			var buf []byte
			for b.Loop() {
				buf = render.AppendJSONHead(buf[:0], r, "bench")
				for i, rep := range c.reps {
					buf = render.AppendJSONDocument(buf, rep, i)
				}
				buf = render.AppendJSONTail(buf, len(c.reps))
			}
		})
	}
}
