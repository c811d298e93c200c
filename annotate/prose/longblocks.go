package prose

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/slant-news/slant/annotate/quote"
)

// DefaultMaxBlockText is the longest paragraph slant analyses as one block. A paragraph of news is
// a few hundred bytes; one of 64 KB is a text whose paragraphs are not separated by blank
// lines, or not by line breaks at all. Analysed whole, it would take memory in proportion to
// its size (every word's record is kept until the paragraph is done), and what a source says
// would run on to its end. A longer paragraph is cut between sentences into blocks of about
// this size.
const DefaultMaxBlockText = 1 << 16

// cutLongBlocks replaces every block longer than maxBlockText bytes with blocks cut from it between
// sentences, keeping the sentences found in it. It runs after the sentences are found and
// before the quotations.
func (d *Document) cutLongBlocks(maxBlockText int) {
	if !slices.ContainsFunc(d.Blocks, func(b Block) bool { return len(b.Text) > maxBlockText }) {
		return
	}
	blocks := make([]Block, 0, len(d.Blocks)+len(d.Source)/maxBlockText)
	for _, b := range d.Blocks {
		if len(b.Text) <= maxBlockText {
			blocks = append(blocks, b)
			continue
		}
		blocks = cutBlock(blocks, b, blockCuts(b, maxBlockText))
	}
	d.Blocks = blocks
}

// blockCuts returns where the blocks cut from b start, after the first: at most
// maxBlockText apart where the sentences allow it. A cut is made only at the start of a
// sentence that only white space separates from the one before, and never inside a closed
// quotation shorter than maxBlockText. (A quotation that never closes would forbid every
// cut after it; and in a text of many articles run together, a quote mark left open in one
// pairs with one in another, making a "quotation" of megabytes.)
func blockCuts(b Block, maxBlockText int) []int {
	var quoted []Span // the closed quotations' parts, with their marks
	for _, q := range quote.Find([]string{b.Text}) {
		if q.Closed {
			for _, p := range q.Parts {
				if p.End-p.Start < maxBlockText {
					quoted = append(quoted, Span{p.Start, p.End})
				}
			}
		}
	}
	slices.SortFunc(quoted, func(a, b Span) int { return cmp.Compare(a.Start, b.Start) })
	next, reach := 0, 0 // quoted[:next] start before the candidate; reach is their last end
	allowed := func(at int) bool {
		for ; next < len(quoted) && quoted[next].Start < at; next++ {
			reach = max(reach, quoted[next].End)
		}
		return reach <= at
	}
	var cuts []int
	start, best := 0, 0 // where the current block starts; the last cut allowed since then
	ss := b.Sentences
	for k := 1; k < len(ss); k++ {
		at := ss[k].Start
		if strings.TrimSpace(b.Text[ss[k-1].End:at]) != "" || !allowed(at) {
			continue
		}
		if at-start > maxBlockText && best > start {
			cuts = append(cuts, best)
			start = best
		}
		if at-start > maxBlockText { // no cut was allowed in reach: a long block, cut here
			cuts = append(cuts, at)
			start = at
		}
		best = at
	}
	if len(b.Text)-start > maxBlockText && best > start {
		cuts = append(cuts, best)
	}
	return cuts
}

// cutBlock appends to blocks the blocks b makes when cut at cuts (starts of sentences): each
// keeps its sentences and the mapping of its text to the source, and ends where its last
// sentence ends (the white space before a cut belongs to no block, like a blank line).
func cutBlock(blocks []Block, b Block, cuts []int) []Block {
	sentences := make([]Span, 0, len(b.Sentences))
	si, pi := 0, 0
	for k := 0; k <= len(cuts); k++ {
		start, end := 0, len(b.Text)
		if k > 0 {
			start = cuts[k-1]
		}
		if k < len(cuts) {
			end = start + len(strings.TrimRightFunc(b.Text[start:cuts[k]], unicode.IsSpace))
		}
		nb := Block{Text: b.Text[start:end]}
		first := len(sentences)
		for ; si < len(b.Sentences) && b.Sentences[si].Start < end; si++ {
			s := b.Sentences[si]
			sentences = append(sentences, Span{s.Start - start, min(s.End, end) - start})
		}
		if len(sentences) > first {
			nb.Sentences = sentences[first:len(sentences):len(sentences)]
		}
		for ; pi < len(b.pieces) && b.pieces[pi].text+b.pieces[pi].n <= start; pi++ {
		}
		for j := pi; j < len(b.pieces) && b.pieces[j].text < end; j++ {
			p := b.pieces[j]
			from, to := max(p.text, start), min(p.text+p.n, end)
			if from < to {
				sp := p.srcSpan(from, to)
				np := piece{text: from - start, src: sp.Start, n: to - from}
				if p.srcN > 0 {
					np.srcN = p.srcN // a character reference stays whole
				}
				nb.pieces = append(nb.pieces, np)
			}
		}
		blocks = append(blocks, nb)
	}
	return blocks
}
