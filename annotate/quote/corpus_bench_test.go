package quote

import (
	"testing"

	"github.com/slant-news/slant/internal/newscorpus"
)

// BenchmarkFindCorpus finds the quotations of every real news article, one article (its
// paragraphs) at a time, as slant does for each document.
func BenchmarkFindCorpus(b *testing.B) {
	articles, size := newscorpus.BenchParagraphs(b, "../../../shared/corpus")
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, paras := range articles {
			Find(paras)
		}
	}
}
