package sentence

import (
	"testing"

	"github.com/slant-news/slant/internal/newscorpus"
)

// corpusParagraphs returns the paragraphs of the real news articles beside the repository,
// per article, or skips the benchmark without them.
func corpusParagraphs(b *testing.B) (articles [][]string, size int) {
	b.Helper()
	articles, size, err := newscorpus.ArticleParagraphs("../../../shared/corpus")
	if err != nil {
		b.Fatal(err)
	}
	if len(articles) == 0 {
		b.Skip("the shared corpus is not beside the repository")
	}
	return articles, size
}

// BenchmarkSplitCorpus splits every paragraph of the real news articles into sentences.
func BenchmarkSplitCorpus(b *testing.B) {
	articles, size := corpusParagraphs(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, paras := range articles {
			for _, p := range paras {
				Split(p)
			}
		}
	}
}
