package secondopinion

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkPrepareAndGround prepares a 160 KB article (views of every paragraph, chunks)
// and grounds 200 quotations in the paragraphs of their chunks, as a review of it does.
func BenchmarkPrepareAndGround(b *testing.B) {
	var paras []string
	for i := 0; len(strings.Join(paras, "\n\n")) < 160<<10; i++ {
		paras = append(paras, fmt.Sprintf("The so-called “rescue plan %d” was drawn up by the mayor’s office last week — critics say it hands the waterfront to a company with no ties to the town; it is believed that %d councillors stayed away.", i, i))
	}
	a := article(strings.Join(paras, "\n\n"))
	a.CharRefs = true
	b.SetBytes(int64(len(a.Source)))
	for b.Loop() {
		p := prepare(a, cats, DefaultChunkTokens)
		for k := range 200 {
			c := p.chunks[k%len(p.chunks)]
			i := c.focus[0]
			search := append(append([]int{}, c.focus...), c.context...)
			if _, _, miss := p.ground.ground(fmt.Sprintf(`"rescue plan %d" was drawn up by the mayor's office`, i), i+1, search); miss != grounded {
				b.Fatalf("quotation %d not grounded: %v", i, miss)
			}
		}
	}
}
