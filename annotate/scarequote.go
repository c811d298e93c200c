package annotate

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/annotate/quote"
	"github.com/slant-news/slant/internal/workcount"
	"github.com/slant-news/slant/rubrics"
)

// scareQuoteKind flags a short quoted phrase in the writer's voice that nobody said.
var scareQuoteKind = newKind("scare-quote", checkScareQuote, func(_ *builder, _ int, o *scareQuoteOptions) matcher {
	return newScareQuoteMatcher(o)
})

// scareQuoteOptions are the fields of a rule of kind scare-quote.
type scareQuoteOptions struct {
	Markers       []string `toml:"markers"`        // distancing words before the quote: "so-called"
	RequireMarker bool     `toml:"require_marker"` // flag only quotes preceded by a marker
	MaxWords      int      `toml:"max_words"`      // longest quoted phrase considered; default 4
	Cues          []string `toml:"cues"`           // verbs of saying that make a quote attributed
}

func checkScareQuote(o *scareQuoteOptions) error {
	switch {
	case o.MaxWords < 0:
		// In the words of the check every kind once shared with attribution's window.
		return rubrics.OptionErrorf("", "max_words and window must not be negative")
	case o.RequireMarker && len(o.Markers) == 0:
		return rubrics.OptionErrorf("require_marker", "require_marker needs markers")
	}
	return nil
}

// scareQuoteMatcher flags short quoted phrases in the writer's voice that no speaker in the
// sentence is said to have said: the writer holding a word at arm's length. A distancing
// marker just before the quote ("so-called") is always flagged, with the marker in the span.
// A quote with no marker and no verb of saying in its sentence is a candidate, decided once
// the document's provenance is known: it is a partial quote, not flagged, when a named
// speaker is reported in its sentence or the one before ("Ruiz said the council was broke.
// The budget was "a wish list," in her view.").
type scareQuoteMatcher struct {
	markers       [][]string // folded words of each marker
	requireMarker bool
	maxWords      int
	cues          map[string][][]string // first folded word -> cue phrases that make a quote attributed speech
}

var _ documentMatcher = (*scareQuoteMatcher)(nil)

func newScareQuoteMatcher(o *scareQuoteOptions) *scareQuoteMatcher {
	m := &scareQuoteMatcher{requireMarker: o.RequireMarker, maxWords: o.MaxWords, cues: map[string][][]string{}}
	if m.maxWords == 0 {
		m.maxWords = 4
	}
	for _, mk := range o.Markers {
		m.markers = append(m.markers, words.FoldWords(mk))
	}
	for _, cue := range o.Cues {
		words := words.FoldWords(cue)
		m.cues[words[0]] = append(m.cues[words[0]], words)
	}
	return m
}

func (m *scareQuoteMatcher) match(c *blockContext, emit func(start, end int, term string)) {
	// Whether a sentence has a verb of saying is read once for all its quotations: a
	// sentence of thousands of quoted words would otherwise be read once for each.
	var said sentenceAnswer
	var excepted []prose.Span // the rule's exceptions in this block, kept for decide
	for _, q := range c.quotes {
		if q.Depth != 0 || len(q.Parts) != 1 || q.Kind != quote.Phrase {
			continue
		}
		p := q.Parts[0]
		inner := c.block.Text[p.InnerStart:p.InnerEnd]
		words := strings.Fields(inner)
		if len(words) == 0 || len(words) > m.maxWords {
			continue
		}
		if start, ok := m.markerBefore(c, p.Start); ok {
			emit(start, p.End, c.block.Text[start:p.End])
			continue
		}
		if m.requireMarker || titleCase(words) || m.attributed(c, p.Start, &said) {
			continue
		}
		if excepted == nil && len(c.excepted[c.ruleIdx]) > 0 {
			excepted = slices.Clone(c.excepted[c.ruleIdx])
		}
		c.pending = append(c.pending, pending{rule: c.ruleIdx, block: c.blockIndex, sentence: c.sentenceAt(p.Start),
			signal: termMatch{start: p.Start, end: p.End, hit: termHit{term: inner}}, excepted: excepted})
	}
}

// decide emits an unmarked quote unless a named speaker is reported in its sentence or the
// sentence before: then it is that speaker's words, a partial quote.
func (m *scareQuoteMatcher) decide(c *blockContext, p pending, emit func(start, end int, term string)) {
	if speakerNear(c, c.provenance(), p.sentence) {
		return
	}
	emit(p.signal.start, p.signal.end, p.signal.hit.term)
}

// speakerNear reports whether an attribution with a source (a speaker the text names, even
// as "he" or "a spokesman") has its cue in the block's sentence s or in the sentence before
// it, which may end the paragraph before.
func speakerNear(c *blockContext, prov *provenance.Provenance, s prose.Span) bool {
	b := c.block
	start := b.SourceOffset(s.Start)
	if i := sort.Search(len(b.Sentences), func(i int) bool { return b.Sentences[i].End > s.Start }); i > 0 && i <= len(b.Sentences) {
		start = b.SourceOffset(b.Sentences[i-1].Start)
	} else if c.blockIndex > 0 {
		if pb := &c.doc.Blocks[c.blockIndex-1]; len(pb.Sentences) > 0 {
			start = pb.SourceOffset(pb.Sentences[len(pb.Sentences)-1].Start)
		}
	}
	end := b.SourceSpan(s.Start, s.End).End
	atts := prov.Attributions // in source order of their cues
	k := sort.Search(len(atts), func(i int) bool { return atts[i].Cue.Start >= start })
	for ; k < len(atts) && atts[k].Cue.Start < end; k++ {
		if atts[k].Source != nil {
			return true
		}
	}
	return false
}

// markerBefore reports whether a marker's words end right before the quote at off (only
// white space between), returning where the marker starts.
func (m *scareQuoteMatcher) markerBefore(c *blockContext, off int) (int, bool) {
	toks := &c.toks
	// Index of the last token ending at or before off (tokens are in order, disjoint).
	last := sort.Search(len(toks.List), func(i int) bool { return toks.List[i].End > off }) - 1
	if last < 0 || strings.TrimSpace(toks.Text[toks.List[last].End:off]) != "" {
		return 0, false
	}
	for _, mk := range m.markers {
		first := last - len(mk) + 1
		if first < 0 {
			continue
		}
		ok := true
		for k, w := range mk {
			if string(toks.Key(first+k)) != w || (k > 0 && !toks.SpaceBetween(first+k-1)) {
				ok = false
				break
			}
		}
		if ok {
			return toks.List[first].Start, true
		}
	}
	return 0, false
}

// sentenceAnswer remembers a question answered for one sentence.
type sentenceAnswer struct {
	sentence prose.Span
	answer   bool
	known    bool
}

// attributed reports whether the sentence around off has a verb of saying, which makes a
// quoted phrase there a partial quote of a speaker rather than a scare quote. The answer
// for the last sentence asked about is kept in last.
func (m *scareQuoteMatcher) attributed(c *blockContext, off int, last *sentenceAnswer) bool {
	s := c.sentenceAt(off)
	if last.known && last.sentence == s {
		return last.answer
	}
	*last = sentenceAnswer{sentence: s, answer: m.hasCue(c, s), known: true}
	return last.answer
}

// hasCue reports whether sentence s has one of the rule's cues.
func (m *scareQuoteMatcher) hasCue(c *blockContext, s prose.Span) bool {
	list := c.toks.List
	// From the first token ending after the sentence's start.
	i := sort.Search(len(list), func(i int) bool { return list[i].End > s.Start })
	first := i
	defer func() { workcount.Add(i - first) }()
	for ; i < len(list); i++ {
		if list[i].Start >= s.End {
			break
		}
		for _, cue := range m.cues[string(c.toks.Key(i))] {
			if words.PhraseAt(&c.toks, i, cue) {
				return true
			}
		}
	}
	return false
}

// titleCase reports whether every word starts with a capital letter: a title or a name in
// quotation marks ("Desert Storm"), not a scare quote.
func titleCase(words []string) bool {
	for _, w := range words {
		w = strings.TrimLeftFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
