package annotate

import (
	"slices"
	"sort"
	"strings"
)

// claimMatcher flags sentences in the writer's own voice that assert what a reader would
// want sourced (a motive, a plan, a covert act, an estimate) and give no source: no
// attribution in or around them, and none earlier in the same paragraph that they continue.
// The signals are the rule's terms, matched with every other rule's by the annotator's
// shared term index.
type claimMatcher struct{}

// match finds the candidates of a block: sentences in the writer's voice with a signal.
// Whether a source is given for them depends on the whole document's provenance, so they
// are decided by decide once Annotate has read every block.
func (m *claimMatcher) match(c *blockContext, emit func(start, end int, term string)) {
	b := c.block
	signals := c.byRule[c.ruleIdx]
	if len(signals) == 0 {
		return
	}
	var excepted []Span // the rule's exceptions in this block, kept for decide
	for _, s := range b.Sentences {
		if !writerSentence(b, s) {
			continue
		}
		sig, ok := firstWithin(signals, s)
		if !ok {
			continue
		}
		if excepted == nil && len(c.excepted[c.ruleIdx]) > 0 {
			excepted = slices.Clone(c.excepted[c.ruleIdx])
		}
		c.claims = append(c.claims, pendingClaim{rule: c.ruleIdx, block: c.blockIndex, sentence: s, signal: sig, excepted: excepted})
	}
}

// pendingClaim is a sentence of block that may be an unattributed claim of rule.
type pendingClaim struct {
	rule, block int
	sentence    Span // in the block's text
	signal      termMatch
	excepted    []Span // the rule's exception spans in the block
}

// decide emits the claim unless the document's provenance gives it a source.
func (m *claimMatcher) decide(c *blockContext, p pendingClaim, emit func(start, end int, term string)) {
	prov := c.provenance()
	s := p.sentence
	if prov.cover.overlaps(c.block.SourceSpan(s.Start, s.End)) || m.attributedEarlier(c, prov, s, p.signal) {
		return
	}
	emit(s.Start, s.End, p.signal.hit.term)
}

func firstWithin(ms []termMatch, s Span) (termMatch, bool) {
	for _, m := range ms {
		if m.start >= s.Start && m.end <= s.End {
			return m, true
		}
	}
	return termMatch{}, false
}

// attributedEarlier reports whether the claim repeats what an attribution earlier in the
// passage (this paragraph or the one before) reported: its content holds the claim's
// signal word, or three of the claim's content words.
func (m *claimMatcher) attributedEarlier(c *blockContext, prov *Provenance, s Span, sig termMatch) bool {
	b := c.block
	start := b.SourceOffset(s.Start)
	// The attributions are in source order, so those of the passage's blocks and after are a
	// tail of the list.
	atts := prov.Attributions
	atts = atts[sort.Search(len(atts), func(i int) bool { return atts[i].Block >= c.blockIndex-1 }):]
	var words map[string]bool
	var signal string
	for _, at := range atts {
		if at.Content.Len() == 0 || at.Content.End > start {
			continue
		}
		if words == nil {
			words = contentWords(b.Text[s.Start:s.End])
			signal = fold(b.Text[sig.start:sig.end])
		}
		content := string(c.doc.Source[at.Content.Start:at.Content.End])
		if containsWords(content, signal) {
			return true
		}
		shared := 0
		for w := range contentWords(content) {
			if words[w] {
				shared++
			}
		}
		if shared >= 3 {
			return true
		}
	}
	return false
}

// contentWords returns the folded words of s that carry meaning: four letters or more and
// not grammar.
func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range foldWords(s) {
		if len(w) >= 4 && !stopWords[w] && !determiners[w] {
			out[w] = true
		}
	}
	return out
}

// containsWords reports whether the folded phrase occurs in s as whole words.
func containsWords(s, phrase string) bool {
	return strings.Contains(" "+fold(s)+" ", " "+phrase+" ")
}
