package render

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// TestLineCursor checks that the cursor gives doc.LineColumn's line and column for every
// offset, asked for in order, in reverse, at random, and from the middle of characters, in
// texts of long lines, many lines, non-ASCII characters and invalid UTF-8.
func TestLineCursor(t *testing.T) {
	texts := []string{
		"",
		"\n",
		"\n\n\n",
		"one line, no newline",
		"two\nlines\n",
		"é“curly”😀 and more é\nline two ½ — é\n\n\nline five\n",
		strings.Repeat("A long paragraph with “quotes”, é and 漢字 😀. ", 200) + "\n\nNext.\n",
		"cut \xe2\x80 rune \xf0\x9f\x98\nand \xff\xfe bytes \x80\x80 é\n\xe2\x80",
		"\r\n\r\nCRLF ´ lines\r\n",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, text := range texts {
		doc := &prose.Document{Name: "t", Source: []byte(text)}
		check := func(what string, offs []int) {
			t.Helper()
			c := newLineCursor(doc)
			for i, off := range offs {
				line, col := c.at(off)
				wantLine, wantCol := doc.LineColumn(off)
				if line != wantLine || col != wantCol {
					t.Fatalf("%q, %s, offset %d (#%d, after %v): got %d:%d, want %d:%d", text, what, off, i, offs[max(0, i-3):i], line, col, wantLine, wantCol)
				}
			}
		}
		all := make([]int, 0, len(text)+3)
		for off := -2; off <= len(text)+2; off++ {
			all = append(all, off)
		}
		check("in order", all)
		reverse := slices.Clone(all)
		slices.Reverse(reverse)
		check("in reverse", reverse)
		for range 10 {
			random := make([]int, 300)
			for i := range random {
				random[i] = all[rng.IntN(len(all))]
			}
			check("at random", random)
			// Mostly forward with repeats and steps back, like the ends of findings.
			var walk []int
			for off := 0; off <= len(text); off += rng.IntN(8) {
				walk = append(walk, off, off)
				if rng.IntN(4) == 0 {
					walk = append(walk, max(0, off-rng.IntN(10)))
				}
			}
			check("walking", walk)
		}
	}
}

// TestJSONDocumentSize checks that the estimate of a document's size is not below its size
// for the testdata sources, nor far above it.
func TestJSONDocumentSize(t *testing.T) {
	r, err := rubrics.Load()
	if err != nil {
		t.Fatal(err)
	}
	a, err := annotate.New(r)
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob("../../testdata/*/*.[mt][dx]*")
	if len(paths) == 0 {
		t.Fatal("no testdata")
	}
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := prose.Parse(path, src, prose.FormatForPath(path))
		if err != nil {
			t.Fatal(err)
		}
		fs, err := a.Annotate(t.Context(), doc)
		if err != nil {
			t.Fatal(err)
		}
		rep := Report{Doc: doc, Findings: fs, Provenance: a.Provenance(doc)}
		size, est := len(AppendJSONDocument(nil, rep, 1)), jsonDocumentSize(rep)
		t.Logf("%s: %d bytes, estimated %d", path, size, est)
		if est < size || est > 2*size+4096 {
			t.Errorf("%s: %d bytes of JSON, estimated %d", path, size, est)
		}
	}
}

// TestRuneCount checks runeCount against utf8.RuneCount for every piece of texts of ASCII,
// other characters and invalid UTF-8, cut anywhere.
func TestRuneCount(t *testing.T) {
	for _, text := range []string{
		"plain ASCII, longer than a word or two",
		"é“curly”😀 and more é ½ — é, and then some more ASCII after it",
		"cut \xe2\x80 rune \xf0\x9f\x98 and \xff\xfe bytes \x80\x80 é plain plain plain \xe2\x80",
		strings.Repeat("abcdefg\x80", 5) + strings.Repeat("😀", 5),
	} {
		for i := range len(text) + 1 {
			for j := i; j <= len(text); j++ {
				p := []byte(text[i:j])
				if got, want := runeCount(p), utf8.RuneCount(p); got != want {
					t.Fatalf("runeCount(%q) = %d, want %d", p, got, want)
				}
			}
		}
	}
}

// TestLastNewline checks lastNewline against bytes.LastIndexByte for every piece of texts
// with new lines at every distance from each other and from their ends.
func TestLastNewline(t *testing.T) {
	var text []byte
	for n := range 20 {
		text = append(text, strings.Repeat("x", n)...)
		text = append(text, '\n')
	}
	text = append(text, "\x8a\x0a\xff\x0b\x09 no new line for a while, and then one\n"...)
	for i := range len(text) + 1 {
		for j := i; j <= len(text); j++ {
			p := text[i:j]
			if got, want := lastNewline(p), bytes.LastIndexByte(p, '\n'); got != want {
				t.Fatalf("lastNewline(%q) = %d, want %d", p, got, want)
			}
		}
	}
}
