package sentence

import (
	"testing"

	"github.com/slant-news/slant/internal/newscorpus"
)

// BenchmarkSplitCorpus splits every paragraph of the real news articles into sentences.
func BenchmarkSplitCorpus(b *testing.B) {
	articles, size := newscorpus.BenchParagraphs(b, "../../../shared/corpus")
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
