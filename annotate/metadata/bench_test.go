package metadata_test

import (
	"strings"
	"testing"

	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
)

// benchText is a news paragraph dense with relative dates, repeated to about 1 MB.
var benchText = strings.Repeat("Officials met on Sunday and again late last week, the minister said Tuesday. "+
	"Earlier Tuesday, a steward said talks would resume next Monday or on 5 March; prices rose last month. ", 6000)

func BenchmarkRead(b *testing.B) {
	doc, err := prose.Parse("b.txt", []byte(benchText), prose.FormatText)
	if err != nil {
		b.Fatal(err)
	}
	p, _ := metadata.ParsePublished("2020-01-07")
	b.SetBytes(int64(len(benchText)))
	b.ResetTimer()
	for range b.N {
		if _, err := metadata.Read(doc, metadata.Options{Published: p}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResolveLongSentence is one sentence of 100,000 weekdays: the tense of each is
// looked for within a few words, so the cost stays linear.
func BenchmarkResolveLongSentence(b *testing.B) {
	text := strings.Repeat("Monday and ", 100000)
	day := metadata.Day{Year: 2020, Month: 1, Day: 7}
	b.SetBytes(int64(len(text)))
	for range b.N {
		metadata.Resolve(text, day)
	}
}
