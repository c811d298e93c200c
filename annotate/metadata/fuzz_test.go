package metadata_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
)

// addTestdata seeds f with the testdata files whose names match pattern.
func addTestdata(f *testing.F, pattern string) {
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
}

// checkErrors checks that every problem reported is a *prose.InputError at a line and
// column of src.
func checkErrors(t *testing.T, src []byte, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	lines := bytes.Count(src, []byte{'\n'}) + 1
	for _, e := range list {
		var ie *prose.InputError
		if !errors.As(e, &ie) {
			t.Fatalf("%v is no *prose.InputError", e)
		}
		if ie.Line < 1 || ie.Line > lines || ie.Column < 1 {
			t.Fatalf("%v: line %d, column %d outside a source of %d lines", e, ie.Line, ie.Column, lines)
		}
	}
}

// checkMetadata checks what any reader returns: values are valid UTF-8 when the input is,
// dates are real.
func checkMetadata(t *testing.T, src []byte, m *metadata.Metadata) {
	t.Helper()
	if m == nil {
		t.Fatal("nil metadata")
	}
	if utf8.Valid(src) {
		for _, s := range append([]string{m.Headline, m.Outlet, m.CanonicalURL, m.Description}, m.Authors...) {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
	}
	if _, err := m.JSON(); err != nil {
		t.Fatal(err)
	}
}

func FuzzFromHTML(f *testing.F) {
	addTestdata(f, "*.html")
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@id":"a","@type":"NewsArticle","author":{"@id":"a"},"publisher":{"@id":"a"}}]}</script>`))
	f.Add([]byte(`<script type="application/ld+json">[[[[[[[[[[[[[[[[[[[[{"@type":"Article"}]]]]]]]]]]]]]]]]]]]</script>`))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := metadata.FromHTML("f.html", src)
		checkErrors(t, src, err)
		checkMetadata(t, src, m)
	})
}

func FuzzFromMarkdown(f *testing.F) {
	addTestdata(f, "*.md")
	f.Add([]byte("---\ntitle: [a, b\n---\n"))
	f.Add([]byte("---\na: &x [1, *x]\nauthor: *x\n---\n"))
	f.Add([]byte("+++\ndate = 2020-01-07T23:20:00Z\nauthor = {name = \"A\"}\n+++\n"))
	f.Add([]byte("\ufeff---\r\ntitle: x\r\n...\r\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := metadata.FromMarkdown("f.md", src)
		checkErrors(t, src, err)
		checkMetadata(t, src, m)
	})
}

// FuzzRead reads any text as each format and resolves its relative dates: spans are in
// the source, on character boundaries, hold the text they name, and run forward in time.
func FuzzRead(f *testing.F) {
	addTestdata(f, "*.*")
	f.Add([]byte("On Sunday, late last week, Earlier Tuesday, on 5 January, in May, three days ago."))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, format := range []prose.Format{prose.FormatText, prose.FormatMarkdown, prose.FormatHTML} {
			doc, err := prose.Parse("f", src, format)
			if err != nil {
				continue
			}
			published := metadata.Date{Time: time.Date(2020, 1, 7, 0, 0, 0, 0, time.UTC)}
			m, err := metadata.Read(doc, metadata.Options{Published: published})
			checkErrors(t, src, err)
			checkMetadata(t, src, m)
			for _, r := range m.RelativeDates {
				if r.Start < 0 || r.End > len(src) || r.Start >= r.End {
					t.Fatalf("%v: span out of a source of %d bytes", r.Span, len(src))
				}
				if !utf8.Valid(src[r.Start:r.End]) {
					t.Fatalf("%v: span cuts a character", r.Span)
				}
				if r.To.Before(r.From) {
					t.Fatalf("%q: %v after %v", r.Text, r.From, r.To)
				}
			}
			for _, n := range m.Notices {
				for _, s := range n.Spans {
					if s.Start < 0 || s.End > len(src) || s.Start > s.End {
						t.Fatalf("notice %s: span %v out of bounds", n.Kind, s)
					}
				}
			}
		}
	})
}
