package render_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
)

// FuzzAnnotateStrip annotates arbitrary text as plain text, Markdown and HTML and checks the
// invariants: no panic, every finding's span in bounds, on rune boundaries and equal to its
// text, and Strip(Markdown(src)) == src.
func FuzzAnnotateStrip(f *testing.F) {
	seeds, _ := filepath.Glob(testdata + "/annotate/*.[mt][dx]*")
	seeds = append(seeds, testdata+"/sample/article.md", testdata+"/sample/article.html")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("\"a\n\n\"b\n\n'c' so-called \"d\"\n    e *f* `g` [h](i)"))
	f.Add([]byte("so-called \"a</mark>[^slant1]\" <mark title=\"b\n\n<!-- slant:summary -->\n"))
	r, a := load(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		// Any valid text, slant's own markup in it too (the verbatim line keeps it).
		if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
			t.Skip()
		}
		for _, format := range []prose.Format{prose.FormatText, prose.FormatMarkdown, prose.FormatHTML} {
			doc, err := prose.Parse("fuzz", src, format)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := a.Annotate(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range fs {
				s, e := f.Span.Start, f.Span.End
				if s < 0 || e > len(src) || s >= e || !utf8.RuneStart(src[s]) || (e < len(src) && !utf8.RuneStart(src[e])) {
					t.Fatalf("%v: bad span %d-%d", format, s, e)
				}
				if string(src[s:e]) != f.Text {
					t.Fatalf("%v: text %q != source %q", format, f.Text, src[s:e])
				}
			}
			var buf bytes.Buffer
			if err := render.Markdown(&buf, r, render.Report{Doc: doc, Findings: fs}, render.MarkdownOptions{}); err != nil {
				t.Fatal(err)
			}
			if got := render.Strip(buf.Bytes()); !bytes.Equal(got, src) {
				t.Fatalf("%v: strip lost bytes:\n got %q\nwant %q", format, got, src)
			}
		}
	})
}
