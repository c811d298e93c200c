package quote

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// corpusParagraphs returns the paragraphs (text between blank lines) of the real news
// articles beside the repository, per article, or skips the benchmark without them.
func corpusParagraphs(b *testing.B) (articles [][]string, size int) {
	b.Helper()
	blank := regexp.MustCompile(`\n[ \t\r\f\v]*\n`)
	for _, pat := range []string{"ptc/articles/*.txt", "polnear/text/*.txt", "seed/*.txt"} {
		files, err := filepath.Glob(filepath.Join("../../../shared/corpus", pat))
		if err != nil {
			b.Fatal(err)
		}
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			var paras []string
			for _, p := range blank.Split(string(data), -1) {
				if p = strings.TrimSpace(p); p != "" {
					paras = append(paras, p)
					size += len(p)
				}
			}
			articles = append(articles, paras)
		}
	}
	if len(articles) == 0 {
		b.Skip("the shared corpus is not beside the repository")
	}
	return articles, size
}

// BenchmarkFindCorpus finds the quotations of every real news article, one article (its
// paragraphs) at a time, as slant does for each document.
func BenchmarkFindCorpus(b *testing.B) {
	articles, size := corpusParagraphs(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, paras := range articles {
			Find(paras)
		}
	}
}
