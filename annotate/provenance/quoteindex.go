package provenance

// This file indexes a paragraph's quotations by position, for the searches of the content
// reader.

import (
	"cmp"
	"slices"
	"sort"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/quote"
)

// quoteIndex indexes the quotations of a block by position, for the searches the speech
// analysis makes for every cue (the quotation a cue introduces or closes, the one it sits
// in, a quoted phrase in its content). Reading all of a block's quotations for every cue
// was quadratic in a long paragraph. The lists hold indexes into the document's quotations,
// in their order (the order of their opening marks), each sorted by the offset it is
// searched by; when a block's quotations do not keep that order (which the quote finder does
// not produce, but nothing here relies on it), sorted is false and the searches read every
// quotation, as before.
type quoteIndex struct {
	sorted bool
	// opened are the quotations whose first part is in the block, by Parts[0].Start.
	opened []int
	// statementsOpened are those of depth 0 and kind Statement, by Parts[0].Start.
	statementsOpened []int
	// statementsClosed are the depth-0 Statements whose last part is in the block, by the
	// End of that part.
	statementsClosed []int
	// parts are the depth-0 parts in the block, disjoint, by InnerStart.
	parts []quote.Part
}

// index builds the lists for block bi from its quotations (Analysis.quotesAt[bi]), reusing
// their storage.
func (q *quoteIndex) index(doc *prose.Document, bi int, quotesAt []int) {
	*q = quoteIndex{sorted: true, opened: q.opened[:0], statementsOpened: q.statementsOpened[:0],
		statementsClosed: q.statementsClosed[:0], parts: q.parts[:0]}
	for _, qi := range quotesAt {
		qu := &doc.Quotes[qi]
		first, last := qu.Parts[0], qu.Parts[len(qu.Parts)-1]
		statement := qu.Depth == 0 && qu.Kind == quote.Statement
		if first.Para == bi {
			q.opened = append(q.opened, qi)
			if statement {
				q.statementsOpened = append(q.statementsOpened, qi)
			}
		}
		if statement && last.Para == bi {
			q.statementsClosed = append(q.statementsClosed, qi)
		}
		if qu.Depth == 0 {
			for _, p := range qu.Parts {
				if p.Para == bi {
					q.parts = append(q.parts, p)
				}
			}
		}
	}
	q.sorted = indexQuotes && sortedBy(q.opened, doc.QuoteStart) && sortedBy(q.statementsOpened, doc.QuoteStart) &&
		sortedBy(q.statementsClosed, doc.QuoteEnd)
	for i := 1; q.sorted && i < len(q.parts); i++ {
		q.sorted = q.parts[i].InnerStart >= q.parts[i-1].InnerEnd
	}
}

// indexQuotes is false only in tests, which compare the searches through the index with
// the searches through every quotation.
var indexQuotes = true

// sortedBy reports whether the quotations of list are in order of key.
func sortedBy(list []int, key func(int) int) bool {
	return slices.IsSortedFunc(list, func(a, b int) int { return cmp.Compare(key(a), key(b)) })
}

// firstAtLeast returns the index of the first element of list whose key is at least min.
func firstAtLeast(list []int, min int, key func(int) int) int {
	return sort.Search(len(list), func(i int) bool { return key(list[i]) >= min })
}
