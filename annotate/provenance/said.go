package provenance

// This file finds what was said and where: the content of an attribution, the quotation it
// introduces or closes, and its venue.

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/quote"
)

// contentReader finds what a cue reports and where: the quotation it introduces or closes,
// or the clause it reports, and the venue of the statement.
type contentReader struct{ *paragraph }

// venue finds where a statement was made: "speaking to CNN", "told reporters", "in a
// statement", "on Twitter".
func (cr contentReader) venue(c cue) string {
	toks := cr.toks
	sent := cr.sentenceOf[c.first]
	for i := c.first; i < len(toks.List) && cr.sentenceOf[i] == sent; i++ {
		cr.steps++
		k := toks.WordAt(i)
		var audience phrase
		switch {
		case i == c.first && listenerVerbs[c.verb.lemma]:
			audience = cr.phrases().startingAt(c.last+1, false)
		case (k == "speaking" || k == "talking") && i+1 < len(toks.List) && toks.WordAt(i+1) == "to":
			audience = cr.phrases().startingAt(i+2, false)
		case k == "with" && i > 0 && toks.WordAt(i-1) == "interview":
			audience = cr.phrases().startingAt(i+1, false)
		case (k == "on" || k == "in" || k == "at") && i+1 < len(toks.List):
			j := i + 1
			if cr.is(j, wcDeterminer) && j+1 < len(toks.List) {
				j++
			}
			if cr.is(j, wcMedia) && toks.SpaceBetween(i) {
				return words.CleanText(toks.Text[toks.List[i].Start:toks.List[j].End])
			}
			continue
		default:
			continue
		}
		if audience.ok && (cr.is(audience.last, wcMedia) || !isLower(toks.Text[toks.List[audience.last].Start:toks.List[audience.last].End])) {
			return words.CleanText(toks.Text[toks.List[audience.first].Start:toks.List[audience.last].End])
		}
	}
	return ""
}

// content finds what was said: the quotation the cue introduces or closes, the clause after
// "said (that)", or the clause before an inverted attribution; and the attribution's form,
// which a quotation makes direct, and a quoted phrase in reported speech partial.
func (cr contentReader) content(c cue, speaker phrase, form Form, attributedQuote map[*prose.Quote]bool) (prose.Span, Form) {
	b, toks := cr.block, cr.toks
	cueStart, cueEnd := toks.List[c.first].Start, toks.List[c.last].End
	if q, ok := cr.adjacentQuote(c, speaker); ok && !attributedQuote[q] {
		attributedQuote[q] = true
		// The quotation may run on over paragraphs, or over a long paragraph's cut: its
		// parts are mapped through their own blocks.
		return cr.analysis.doc.QuoteInner(q), FormDirect
	}
	if q := cr.quoteAfterColon(c); q != nil && !attributedQuote[q] {
		attributedQuote[q] = true
		cr.analysis.log.claimed = append(cr.analysis.log.claimed, q)
		return cr.analysis.doc.QuoteInner(q), FormDirect
	}
	s := cr.sentences[cr.sentenceOf[c.first]]
	var start, end int
	after := c.last + 1
	if speaker.ok && speaker.first > c.last {
		after = speaker.last + 1
	}
	if listenerVerbs[c.verb.lemma] && !(speaker.ok && speaker.first > c.last) {
		if l := cr.phrases().startingAt(c.last+1, false); l.ok {
			after = l.last + 1
		}
	}
	for after < len(toks.List) && cr.sentenceOf[after] == cr.sentenceOf[c.first] && cr.isTimeOrThat(after) {
		after++
	}
	atStart := c.first == cr.sentenceStart(c.first)
	if after < len(toks.List) && cr.sentenceOf[after] == cr.sentenceOf[c.first] && (!c.according || atStart) && (c.according || !cr.participleAfter(after)) {
		start, end = toks.List[after].Start, trimEnd(b.Text, s.End)
	} else {
		// Inverted: the content comes before the attribution.
		subjectStart := cueStart
		if speaker.ok && speaker.first < c.first {
			subjectStart = toks.List[speaker.first].Start
		}
		start, end = s.Start, strings.LastIndexAny(b.Text[s.Start:subjectStart], ",")
		if end < 0 {
			return prose.Span{}, form
		}
		end += s.Start
	}
	end = cr.clampContent(c, start, end)
	if start >= end || start < cueEnd && end > cueStart && start < cueStart {
		return prose.Span{}, form
	}
	if cr.hasQuotedPhrase(start, end) && form == FormReported {
		form = FormPartial
	}
	return b.SourceSpan(start, end), form
}

// actObject reports whether cue c and the words after it name an act rather than report a
// statement: one of the four words after the verb (in the same sentence, before any
// punctuation) is an object the lexicon's act_objects pairs with the verb ("claimed
// responsibility", "claimed three lives", "charged a fee"), and nothing up to the next
// punctuation, within actWords words, makes the words a clause: a subject pronoun, a form of
// "be", an auxiliary or a verb in -ed ("claimed the council's victory was stolen" reports a
// statement).
func (cr contentReader) actObject(c cue) bool {
	objects := cr.analysis.lexicon.actObjects[c.verb.lemma]
	if objects == nil {
		return false
	}
	toks := cr.toks
	found := false
	for j := c.last + 1; j < len(toks.List) && j <= c.last+actWords && toks.SpaceBetween(j-1); j++ {
		cr.steps++
		w := toks.WordAt(j)
		if finiteWords[w] || cr.is(j, wcBe|wcPronoun) || len(w) > 4 && strings.HasSuffix(w, "ed") {
			return false
		}
		if j <= c.last+4 && objects[w] {
			found = true
		}
		if j+1 == len(toks.List) {
			break
		}
	}
	return found
}

// actWords bounds the words actObject reads after a cue, so that a paragraph of verbs of
// saying with no punctuation costs linear time.
const actWords = 12

// finiteWords are auxiliaries and modals: one in the words after a verb of saying makes them
// a clause ("claimed the count had been wrong").
var finiteWords = wordSet([]string{
	"has", "have", "had", "will", "would", "could", "should", "may", "might", "must", "can",
	"did", "does", "do", "shall",
})

// quoteAfterColon returns the quotation that a cue ending its paragraph with a colon
// introduces, when the next paragraph opens with it ("Trump said:" and then a quoted
// paragraph); or nil.
func (cr contentReader) quoteAfterColon(c cue) *prose.Quote {
	toks := cr.toks
	// The cue is the paragraph's last word, and only its colon follows it.
	if c.last != len(toks.List)-1 || cr.index+1 >= len(cr.analysis.doc.Blocks) || strings.TrimSpace(toks.Text[toks.List[c.last].End:]) != ":" {
		return nil
	}
	for _, qi := range cr.analysis.quotesAt[cr.index+1] {
		q := &cr.analysis.doc.Quotes[qi]
		if first := q.Parts[0]; first.Para == cr.index+1 && first.Start == 0 && q.Depth == 0 && q.Kind == quote.Statement {
			return q
		}
	}
	return nil
}

// participleAfter reports whether token i, after a cue, opens a participle clause set off
// by a comma ("Two boats sank, the office said, adding that..."): what follows is the next
// statement, and the content of this one comes before the cue.
func (cr contentReader) participleAfter(i int) bool {
	toks := cr.toks
	word := toks.WordAt(i)
	if i == 0 || len(word) < 6 || !strings.HasSuffix(word, "ing") || notParticiples[word] || !isLower(toks.Text[toks.List[i].Start:toks.List[i].End]) {
		return false
	}
	return strings.TrimSpace(toks.Text[toks.List[i-1].End:toks.List[i].Start]) == ","
}

// clauseJoiners open a clause of its own after a comma: "said the fares would rise, while
// critics argued...".
var clauseJoiners = wordSet([]string{"and", "but", "while", "whereas", "although", "though", "as", "yet"})

// notParticiples end in -ing but open no participle clause.
var notParticiples = wordSet([]string{
	"during", "according", "including", "regarding", "concerning", "following", "pending",
	"excluding", "considering", "notwithstanding", "nothing", "something", "anything",
	"everything", "morning", "evening",
})

// clampContent ends reported content where the quotation holding the cue ends, and before a
// second cue joined by "and" ("threatened X and said Y").
func (cr contentReader) clampContent(c cue, start, end int) int {
	if c.quoted && cr.quotes.sorted {
		// The depth-0 part holding start, if any: the parts are disjoint and in order.
		parts := cr.quotes.parts
		if i := sort.Search(len(parts), func(i int) bool { return parts[i].InnerStart > start }) - 1; i >= 0 && start < parts[i].InnerEnd {
			end = min(end, parts[i].InnerEnd)
		}
	} else if c.quoted {
		for _, qi := range cr.analysis.quotesAt[cr.index] {
			q := &cr.analysis.doc.Quotes[qi]
			for _, part := range q.Parts {
				if q.Depth == 0 && part.Para == cr.index && part.InnerStart <= start && start < part.InnerEnd {
					end = min(end, part.InnerEnd)
				}
			}
		}
	}
	// The cues after c in its sentence: cr.cues are in order, so they follow c's place.
	after := sort.Search(len(cr.cues), func(i int) bool { return cr.cues[i].first > c.last })
	for _, other := range cr.cues[after:] {
		if cr.sentenceOf[other.first] != cr.sentenceOf[c.first] {
			break
		}
		cr.steps++
		if other.first == 0 {
			continue
		}
		j := other.first - 1
		// A participle after a comma is a statement of its own: "wrote to the council,
		// saying the port would close" ends at "council".
		if strings.HasSuffix(cr.toks.WordAt(other.first), "ing") && cr.toks.List[j].End > start &&
			strings.Contains(cr.toks.Text[cr.toks.List[j].End:cr.toks.List[other.first].Start], ",") {
			end = min(end, cr.toks.List[j].End)
			continue
		}
		if k := cr.toks.WordAt(j); (k == "and" || k == "but") && cr.toks.List[j].Start > start {
			end = min(end, cr.toks.List[j].Start)
			continue
		}
		// A clause of its own after a comma: "said the quay was sound, and the ferryman
		// warned", "..., and it is believed" (without the comma, "Ruiz and her officers
		// support" is one subject).
		if j = cr.skipAuxiliaries(j); j > 0 && cr.is(j, wcBe) && cr.toks.SpaceBetween(j-1) {
			j = cr.skipAuxiliaries(j - 1)
		}
		if j > 0 && cr.toks.SpaceBetween(j) {
			if subject := cr.phrases().endingAt(j); subject.ok && subject.first > 1 {
				and := subject.first - 1
				if k := cr.toks.WordAt(and); clauseJoiners[k] && cr.toks.List[and].Start > start &&
					strings.TrimSpace(cr.toks.Text[cr.toks.List[and-1].End:cr.toks.List[and].Start]) == "," {
					end = min(end, cr.toks.List[and].Start)
				}
			}
		}
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(cr.block.Text[:end])
		if r != ',' && !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return end
}

// isTimeOrThat reports whether token i is part of a time phrase ("on Tuesday", "late last
// week") or the "that" opening reported speech, which stand between a cue and its content.
func (cr contentReader) isTimeOrThat(i int) bool {
	if cr.is(i, wcTime) || cr.toks.WordAt(i) == "that" {
		return true
	}
	if !cr.is(i, wcTimeFiller) {
		return false
	}
	for j := i + 1; j < len(cr.toks.List) && j <= i+3; j++ {
		if cr.is(j, wcTime) {
			return true
		}
		if !cr.is(j, wcTimeFiller) {
			return false
		}
	}
	return false
}

// trimEnd backs off closing punctuation at the end of a sentence.
func trimEnd(text string, end int) int {
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:end])
		if r != '.' && r != '!' && r != '?' && !unicode.IsSpace(r) {
			return end
		}
		end -= n
	}
	return end
}

// adjacentQuote finds a full quoted statement the cue introduces ("said: "...") or closes
// (""...," she said"), separated from it only by the speaker's name and punctuation.
func (cr contentReader) adjacentQuote(c cue, speaker phrase) (*prose.Quote, bool) {
	toks := cr.toks
	left, right := c.first, c.last
	if speaker.ok {
		left, right = min(left, speaker.first), max(right, speaker.last)
	}
	leftOff, rightOff := toks.List[left].Start, toks.List[right].End
	if cr.quotes.sorted {
		return cr.adjacentQuoteIndexed(leftOff, rightOff)
	}
	for _, qi := range cr.analysis.quotesAt[cr.index] {
		q := &cr.analysis.doc.Quotes[qi]
		if q.Depth != 0 || q.Kind != quote.Statement {
			continue
		}
		last := q.Parts[len(q.Parts)-1]
		first := q.Parts[0]
		if last.Para == cr.index && last.End <= leftOff && leftOff-last.End <= maxGap && onlyPunct(cr.block.Text[last.End:leftOff]) {
			return q, true
		}
		if first.Para == cr.index && first.Start >= rightOff && cr.introduces(rightOff, first.Start) {
			return q, true
		}
	}
	return nil, false
}

// adjacentQuoteIndexed is adjacentQuote's search through the block's quote index: the
// statement that ends within maxGap before leftOff with only punctuation between, else the
// one that opens within maxGap after rightOff and is introduced. Every statement ending before
// the cue opened before every one opening after it, so this is the first in document order
// that the full search would find.
func (cr contentReader) adjacentQuoteIndexed(leftOff, rightOff int) (*prose.Quote, bool) {
	doc := cr.analysis.doc
	closed := cr.quotes.statementsClosed
	for _, qi := range closed[firstAtLeast(closed, leftOff-maxGap, doc.QuoteEnd):] {
		end := doc.QuoteEnd(qi)
		if end > leftOff {
			break
		}
		if onlyPunct(cr.block.Text[end:leftOff]) {
			return &doc.Quotes[qi], true
		}
	}
	opened := cr.quotes.statementsOpened
	for _, qi := range opened[firstAtLeast(opened, rightOff, doc.QuoteStart):] {
		start := doc.QuoteStart(qi)
		if start-rightOff > maxGap {
			break
		}
		if cr.introduces(rightOff, start) {
			return &doc.Quotes[qi], true
		}
	}
	return nil, false
}

// maxGap is the most bytes of punctuation and listener words between a cue and the quote it
// introduces or closes.
const maxGap = 64

// introduces reports whether the text between a cue and a quote introduces it: a colon or
// comma, possibly after a listener ("told reporters:").
func (cr contentReader) introduces(from, to int) bool {
	if to-from > maxGap {
		return false
	}
	gap := cr.block.Text[from:to]
	if !strings.ContainsAny(gap, ":,") {
		return false
	}
	return len(strings.Fields(gap)) <= 4
}

// onlyPunct reports whether s has no letters or digits.
func onlyPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// hasQuotedPhrase reports whether a quoted phrase (not a full statement) lies between start
// and end in the block: reported speech with a quoted phrase is partial.
func (cr contentReader) hasQuotedPhrase(start, end int) bool {
	if cr.quotes.sorted {
		doc := cr.analysis.doc
		opened := cr.quotes.opened
		for _, qi := range opened[firstAtLeast(opened, start, doc.QuoteStart):] {
			q := &doc.Quotes[qi]
			part := q.Parts[0]
			if part.Start > end+1 {
				break
			}
			if part.End <= end+1 && q.Kind == quote.Phrase {
				return true
			}
		}
		return false
	}
	for _, qi := range cr.analysis.quotesAt[cr.index] {
		q := &cr.analysis.doc.Quotes[qi]
		part := q.Parts[0]
		if part.Para == cr.index && part.Start >= start && part.End <= end+1 && q.Kind == quote.Phrase {
			return true
		}
	}
	return false
}

// colonAfter reports whether a colon follows token i: "Caddell continued:" introduces what
// comes next, a quotation set apart or a paragraph of its own.
func (cr contentReader) colonAfter(i int) bool {
	toks := cr.toks
	end := len(toks.Text)
	if i+1 < len(toks.List) {
		end = toks.List[i+1].Start
	}
	return strings.HasPrefix(strings.TrimSpace(toks.Text[toks.List[i].End:end]), ":")
}
