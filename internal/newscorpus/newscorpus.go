// Package newscorpus reads the real news articles beside the repository (../shared/corpus:
// the PTC and PolNeAR articles and the seed page) that slant's benchmarks measure with.
package newscorpus

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Globs are where the articles are under the corpus directory, in the order Articles reads
// them.
var Globs = []string{"ptc/articles/*.txt", "polnear/text/*.txt", "seed/*.txt"}

// Articles returns the text of every article under dir, in the order of Globs and by name
// within each: none, and no error, when dir holds none of them.
func Articles(dir string) ([][]byte, error) {
	var paths []string
	for _, pat := range Globs {
		m, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, err
		}
		sort.Strings(m)
		paths = append(paths, m...)
	}
	texts := make([][]byte, len(paths))
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		texts[i] = data
	}
	return texts, nil
}

// blankLine is a line of nothing but white space.
var blankLine = regexp.MustCompile(`\n[ \t\r\f\v]*\n`)

// Paragraphs returns the paragraphs of text: the stretches between blank lines, trimmed,
// empty ones left out.
func Paragraphs(text string) []string {
	var paras []string
	for _, p := range blankLine.Split(text, -1) {
		if p = strings.TrimSpace(p); p != "" {
			paras = append(paras, p)
		}
	}
	return paras
}

// ArticleParagraphs returns the Paragraphs of every article under dir, in the order of
// Articles, and their total size in bytes.
func ArticleParagraphs(dir string) (articles [][]string, size int, err error) {
	texts, err := Articles(dir)
	if err != nil {
		return nil, 0, err
	}
	for _, text := range texts {
		paras := Paragraphs(string(text))
		for _, p := range paras {
			size += len(p)
		}
		articles = append(articles, paras)
	}
	return articles, size, nil
}

// BenchParagraphs is ArticleParagraphs for a benchmark: it fails tb on an error and skips it
// when dir holds no articles (the shared corpus is not beside the repository).
func BenchParagraphs(tb testing.TB, dir string) (articles [][]string, size int) {
	tb.Helper()
	articles, size, err := ArticleParagraphs(dir)
	if err != nil {
		tb.Fatal(err)
	}
	if len(articles) == 0 {
		tb.Skip("the shared corpus is not beside the repository")
	}
	return articles, size
}
