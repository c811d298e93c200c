package annotate

import (
	"slices"
	"sort"
	"strings"
	"unsafe"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/internal/workcount"
)

// claimKind flags a sentence in the writer's voice asserting what needs a source, with none.
var claimKind = newKind("unattributed-claim", checkClaim, func(b *builder, owner int, o *claimOptions) matcher {
	b.addTerms(owner, o.Terms, o.Inflect, false) // the claims' signals
	return &claimMatcher{}
})

// claimOptions are the fields of a rule of kind unattributed-claim.
type claimOptions struct {
	Terms   []string `toml:"terms"`   // the signals of a claim: a motive, a plan, a covert act, an estimate
	Inflect bool     `toml:"inflect"` // also the inflections of each term's last word
}

func checkClaim(o *claimOptions) error {
	return checkTermList("unattributed-claim", o.Terms)
}

// claimMatcher flags sentences in the writer's own voice that assert what a reader would
// want sourced (a motive, a plan, a covert act, an estimate) and give no source: no
// attribution in or around them, and none earlier in the same paragraph that they continue.
// The signals are the rule's terms, matched with every other rule's by the annotator's
// shared term index.
type claimMatcher struct{}

var _ documentMatcher = (*claimMatcher)(nil)

// match finds the candidates of a block: sentences in the writer's voice with a signal.
// Whether a source is given for them depends on the whole document's provenance, so they
// are decided by decide once Annotate has read every block.
func (m *claimMatcher) match(c *blockContext, emit func(start, end int, term string)) {
	b := c.block
	signals := c.byRule[c.ruleIdx]
	if len(signals) == 0 {
		return
	}
	var excepted []prose.Span // the rule's exceptions in this block, kept for decide
	for _, s := range b.Sentences {
		if !provenance.WriterSentence(b, s) || isQuestion(b.Text[s.Start:s.End]) {
			continue // a question asserts nothing
		}
		// A signal inside one of the rule's exception phrases ("their plan to") is none.
		sig, ok := firstWithin(signals, s, c.excepted[c.ruleIdx])
		if !ok {
			continue
		}
		if excepted == nil && len(c.excepted[c.ruleIdx]) > 0 {
			excepted = slices.Clone(c.excepted[c.ruleIdx])
		}
		c.pending = append(c.pending, pending{rule: c.ruleIdx, block: c.blockIndex, sentence: s, signal: sig, excepted: excepted})
	}
}

// pending is a candidate of a documentMatcher's rule in a block, to be decided once the
// whole document has been read: for claims, a sentence that may be an unattributed claim.
type pending struct {
	rule, block int
	sentence    prose.Span // in the block's text
	signal      termMatch
	excepted    []prose.Span // the rule's exception spans in the block
}

// decide emits the claim unless the document's provenance gives it a source.
func (m *claimMatcher) decide(c *blockContext, p pending, emit func(start, end int, term string)) {
	prov := c.provenance()
	s := p.sentence
	if prov.Cover.Overlaps(c.block.SourceSpan(s.Start, s.End)) || m.attributedEarlier(c, prov, s, p.signal) {
		return
	}
	emit(s.Start, s.End, p.signal.hit.term)
}

// firstWithin returns the first match inside s and outside every span of excepted.
func firstWithin(ms []termMatch, s prose.Span, excepted []prose.Span) (termMatch, bool) {
	for _, m := range ms {
		if m.start >= s.Start && m.end <= s.End && !containedIn(excepted, m.start, m.end) {
			return m, true
		}
	}
	return termMatch{}, false
}

// isQuestion reports whether a sentence ends with a question mark, before any closing
// quotation marks or brackets.
func isQuestion(sentence string) bool {
	return strings.HasSuffix(strings.TrimRight(sentence, provenance.QuoteMarks+")]} "), "?")
}

// maxEarlierAttributions is how many attributions before a claim attributedEarlier reads: a
// paragraph of news and the one before it hold a few; a paragraph of thousands of sentences
// (a text with no blank lines) would otherwise have every claim read every attribution
// before it.
const maxEarlierAttributions = 16

// attributedEarlier reports whether the claim repeats what an attribution earlier in the
// passage (this paragraph or the one before, and at most the maxEarlierAttributions latest)
// reported: its content holds the claim's signal word, or three of the claim's content words.
func (m *claimMatcher) attributedEarlier(c *blockContext, prov *provenance.Provenance, s prose.Span, sig termMatch) bool {
	b := c.block
	start, end := b.SourceOffset(s.Start), b.SourceSpan(s.Start, s.End).End
	// The attributions are in source order: those of the passage's blocks whose cue comes
	// before the claim's end are a run of the list, read from the latest back.
	atts := prov.Attributions
	atts = atts[:sort.Search(len(atts), func(i int) bool {
		return atts[i].Block > c.blockIndex || atts[i].Cue.Start >= end
	})]
	atts = atts[sort.Search(len(atts), func(i int) bool { return atts[i].Block >= c.blockIndex-1 }):]
	var wordList, signal []string
	var shared []bool
	read := 0
	defer func() { workcount.Add(read) }()
	for k := len(atts) - 1; k >= 0 && read < maxEarlierAttributions; k-- {
		at := atts[k]
		if at.Content.Len() == 0 || at.Content.End > start {
			continue
		}
		read++
		if wordList == nil {
			wordList = contentWords(b.Text[s.Start:s.End])
			signal = words.FoldWords(b.Text[sig.start:sig.end])
			shared = make([]bool, len(wordList))
		}
		// The content's words, read in place: the tokenizer only looks at them.
		content := c.doc.Source[at.Content.Start:at.Content.End]
		toks := &c.scratch
		toks.Tokenize(unsafe.String(unsafe.SliceData(content), len(content)))
		repeats := hasPhrase(toks, signal) || sharesWords(toks, wordList, shared, 3)
		toks.Text = ""
		if repeats {
			return true
		}
	}
	return false
}

// contentWords returns the folded words of s that carry meaning (four letters or more and
// not grammar), sorted and without repeats.
func contentWords(s string) []string {
	wordList := words.FoldWords(s)
	out := wordList[:0]
	for _, w := range wordList {
		if isContentWord(w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func isContentWord(w string) bool {
	return len(w) >= 4 && !provenance.StopWords[w] && !provenance.Determiners[w]
}

// hasPhrase reports whether the folded words of phrase are words of toks in a row, whatever
// stands between them.
func hasPhrase(toks *words.Tokens, phrase []string) bool {
	if len(phrase) == 0 {
		return false
	}
	for i := 0; i+len(phrase) <= len(toks.List); i++ {
		k := 0
		for k < len(phrase) && toks.WordAt(i+k) == phrase[k] {
			k++
		}
		if k == len(phrase) {
			return true
		}
	}
	return false
}

// sharesWords reports whether toks has at least n distinct words of words (sorted), using
// seen, one flag per word, as scratch.
func sharesWords(toks *words.Tokens, wordList []string, seen []bool, n int) bool {
	clear(seen)
	count := 0
	for i := range toks.List {
		w := toks.WordAt(i)
		if len(w) < 4 {
			continue
		}
		if k, ok := slices.BinarySearch(wordList, w); ok && !seen[k] {
			seen[k] = true
			if count++; count >= n {
				return true
			}
		}
	}
	return false
}
