package annotate

// This file finds what was said and where: the content of an attribution, its venue, and
// quotations attributed by convention (continued, signed, or introduced by a colon).

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/quote"
)

// dashSignatures reads a quotation followed by a dash and a name as signed by that name:
// "”― Sonya Herridge".
func (bs *blockSpeech) dashSignatures(attributed map[*Quote]bool) {
	toks, text := bs.toks, bs.b.Text
	for _, qi := range bs.pa.quotesAt[bs.bi] {
		q := &bs.pa.doc.Quotes[qi]
		last := q.Parts[len(q.Parts)-1]
		if q.Depth != 0 || last.Para != bs.bi || attributed[q] {
			continue
		}
		rest := strings.TrimLeft(text[last.End:], " \t")
		r, n := utf8.DecodeRuneInString(rest)
		if r != '―' && r != '—' && r != '–' {
			continue
		}
		dash := len(text) - len(rest)
		first := -1
		for k, t := range toks.list {
			if t.start > dash {
				first = k
				break
			}
		}
		if first < 0 || strings.TrimSpace(text[dash+n:toks.list[first].start]) != "" {
			continue
		}
		np := bs.rightNP(first, false)
		if !np.ok || isLower(text[toks.list[np.first].start:toks.list[np.first].end]) {
			continue
		}
		attributed[q] = true
		at := Attribution{Verb: "dash", Tone: ToneNeutral, Form: FormDirect, Block: bs.bi,
			Cue: bs.b.SourceSpan(dash, dash+n), Mention: bs.span(np.first, np.last),
			Content: bs.pa.doc.QuoteInner(q)}
		at.Source = bs.resolve(np, cue{first: np.first, last: np.last})
		bs.record(at, false)
	}
}

// venue finds where a statement was made: "speaking to CNN", "told reporters", "in a
// statement", "on Twitter".
func (bs *blockSpeech) venue(c cue) string {
	toks := bs.toks
	sent := bs.sent[c.first]
	for i := c.first; i < len(toks.list) && bs.sent[i] == sent; i++ {
		bs.steps++
		k := toks.wordAt(i)
		var np phrase
		switch {
		case i == c.first && listenerVerbs[c.verb.lemma]:
			np = bs.rightNP(c.last+1, false)
		case (k == "speaking" || k == "talking") && i+1 < len(toks.list) && toks.wordAt(i+1) == "to":
			np = bs.rightNP(i+2, false)
		case k == "with" && i > 0 && toks.wordAt(i-1) == "interview":
			np = bs.rightNP(i+1, false)
		case (k == "on" || k == "in" || k == "at") && i+1 < len(toks.list):
			j := i + 1
			if bs.is(j, wcDeterminer) && j+1 < len(toks.list) {
				j++
			}
			if bs.is(j, wcMedia) && toks.spaceBetween(i) {
				return cleanText(toks.text[toks.list[i].start:toks.list[j].end])
			}
			continue
		default:
			continue
		}
		if np.ok && (bs.is(np.last, wcMedia) || !isLower(toks.text[toks.list[np.last].start:toks.list[np.last].end])) {
			return cleanText(toks.text[toks.list[np.first].start:toks.list[np.last].end])
		}
	}
	return ""
}

// content finds what was said: the quotation the cue introduces or closes, the clause after
// "said (that)", or the clause before an inverted attribution; and the attribution's form,
// which a quotation makes direct, and a quoted phrase in reported speech partial.
func (bs *blockSpeech) content(c cue, np phrase, form Form, attributedQuote map[*Quote]bool) (Span, Form) {
	b, toks := bs.b, bs.toks
	cueStart, cueEnd := toks.list[c.first].start, toks.list[c.last].end
	if q, ok := bs.adjacentQuote(c, np); ok && !attributedQuote[q] {
		attributedQuote[q] = true
		// The quotation may run on over paragraphs, or over a long paragraph's cut: its
		// parts are mapped through their own blocks.
		return bs.pa.doc.QuoteInner(q), FormDirect
	}
	if q := bs.quoteAfterColon(c); q != nil && !attributedQuote[q] {
		attributedQuote[q] = true
		bs.pa.claimed = append(bs.pa.claimed, q)
		return bs.pa.doc.QuoteInner(q), FormDirect
	}
	s := bs.sentences[bs.sent[c.first]]
	var start, end int
	after := c.last + 1
	if np.ok && np.first > c.last {
		after = np.last + 1
	}
	if listenerVerbs[c.verb.lemma] && !(np.ok && np.first > c.last) {
		if l := bs.rightNP(c.last+1, false); l.ok {
			after = l.last + 1
		}
	}
	for after < len(toks.list) && bs.sent[after] == bs.sent[c.first] && bs.isTimeOrThat(after) {
		after++
	}
	atStart := c.first == bs.sentenceStartToken(c.first)
	if after < len(toks.list) && bs.sent[after] == bs.sent[c.first] && (!c.according || atStart) && (c.according || !bs.participleAfter(after)) {
		start, end = toks.list[after].start, trimEnd(b.Text, s.End)
	} else {
		// Inverted: the content comes before the attribution.
		subjectStart := cueStart
		if np.ok && np.first < c.first {
			subjectStart = toks.list[np.first].start
		}
		start, end = s.Start, strings.LastIndexAny(b.Text[s.Start:subjectStart], ",")
		if end < 0 {
			return Span{}, form
		}
		end += s.Start
	}
	end = bs.clampContent(c, start, end)
	if start >= end || start < cueEnd && end > cueStart && start < cueStart {
		return Span{}, form
	}
	if bs.hasPhraseQuote(start, end) && form == FormReported {
		form = FormPartial
	}
	return b.SourceSpan(start, end), form
}

// quoteAfterColon returns the quotation that a cue ending its paragraph with a colon
// introduces, when the next paragraph opens with it ("Trump said:" and then a quoted
// paragraph); or nil.
func (bs *blockSpeech) quoteAfterColon(c cue) *Quote {
	toks := bs.toks
	// The cue is the paragraph's last word, and only its colon follows it.
	if c.last != len(toks.list)-1 || bs.bi+1 >= len(bs.pa.doc.Blocks) || strings.TrimSpace(toks.text[toks.list[c.last].end:]) != ":" {
		return nil
	}
	for _, qi := range bs.pa.quotesAt[bs.bi+1] {
		q := &bs.pa.doc.Quotes[qi]
		if first := q.Parts[0]; first.Para == bs.bi+1 && first.Start == 0 && q.Depth == 0 && q.Kind == quote.Statement {
			return q
		}
	}
	return nil
}

// participleAfter reports whether token i, after a cue, opens a participle clause set off
// by a comma ("Two boats sank, the office said, adding that..."): what follows is the next
// statement, and the content of this one comes before the cue.
func (bs *blockSpeech) participleAfter(i int) bool {
	toks := bs.toks
	word := toks.wordAt(i)
	if i == 0 || len(word) < 6 || !strings.HasSuffix(word, "ing") || notParticiples[word] || !isLower(toks.text[toks.list[i].start:toks.list[i].end]) {
		return false
	}
	return strings.TrimSpace(toks.text[toks.list[i-1].end:toks.list[i].start]) == ","
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
func (bs *blockSpeech) clampContent(c cue, start, end int) int {
	if c.quoted && bs.qx.sorted {
		// The depth-0 part holding start, if any: the parts are disjoint and in order.
		parts := bs.qx.parts
		if i := sort.Search(len(parts), func(i int) bool { return parts[i].InnerStart > start }) - 1; i >= 0 && start < parts[i].InnerEnd {
			end = min(end, parts[i].InnerEnd)
		}
	} else if c.quoted {
		for _, qi := range bs.pa.quotesAt[bs.bi] {
			q := &bs.pa.doc.Quotes[qi]
			for _, p := range q.Parts {
				if q.Depth == 0 && p.Para == bs.bi && p.InnerStart <= start && start < p.InnerEnd {
					end = min(end, p.InnerEnd)
				}
			}
		}
	}
	// The cues after c in its sentence: bs.cues are in order, so they follow c's place.
	after := sort.Search(len(bs.cues), func(i int) bool { return bs.cues[i].first > c.last })
	for _, other := range bs.cues[after:] {
		if bs.sent[other.first] != bs.sent[c.first] {
			break
		}
		bs.steps++
		if other.first == 0 {
			continue
		}
		j := other.first - 1
		if k := bs.toks.wordAt(j); (k == "and" || k == "but") && bs.toks.list[j].start > start {
			end = min(end, bs.toks.list[j].start)
			continue
		}
		// A clause of its own after a comma: "said the quay was sound, and the ferryman
		// warned", "..., and it is believed" (without the comma, "Ruiz and her officers
		// support" is one subject).
		if j = bs.skipAux(j); j > 0 && bs.is(j, wcBe) && bs.toks.spaceBetween(j-1) {
			j = bs.skipAux(j - 1)
		}
		if j > 0 && bs.toks.spaceBetween(j) {
			if np := bs.leftNP(j); np.ok && np.first > 1 {
				and := np.first - 1
				if k := bs.toks.wordAt(and); clauseJoiners[k] && bs.toks.list[and].start > start &&
					strings.TrimSpace(bs.toks.text[bs.toks.list[and-1].end:bs.toks.list[and].start]) == "," {
					end = min(end, bs.toks.list[and].start)
				}
			}
		}
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(bs.b.Text[:end])
		if r != ',' && !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return end
}

// isTimeOrThat reports whether token i is part of a time phrase ("on Tuesday", "late last
// week") or the "that" opening reported speech, which stand between a cue and its content.
func (bs *blockSpeech) isTimeOrThat(i int) bool {
	if bs.is(i, wcTime) || bs.toks.wordAt(i) == "that" {
		return true
	}
	if !bs.is(i, wcTimeFiller) {
		return false
	}
	for j := i + 1; j < len(bs.toks.list) && j <= i+3; j++ {
		if bs.is(j, wcTime) {
			return true
		}
		if !bs.is(j, wcTimeFiller) {
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
func (bs *blockSpeech) adjacentQuote(c cue, np phrase) (*Quote, bool) {
	toks := bs.toks
	left, right := c.first, c.last
	if np.ok {
		left, right = min(left, np.first), max(right, np.last)
	}
	leftOff, rightOff := toks.list[left].start, toks.list[right].end
	if bs.qx.sorted {
		return bs.adjacentQuoteIndexed(leftOff, rightOff)
	}
	for _, qi := range bs.pa.quotesAt[bs.bi] {
		q := &bs.pa.doc.Quotes[qi]
		if q.Depth != 0 || q.Kind != quote.Statement {
			continue
		}
		last := q.Parts[len(q.Parts)-1]
		first := q.Parts[0]
		if last.Para == bs.bi && last.End <= leftOff && leftOff-last.End <= maxGap && onlyPunct(bs.b.Text[last.End:leftOff]) {
			return q, true
		}
		if first.Para == bs.bi && first.Start >= rightOff && bs.introduces(rightOff, first.Start) {
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
func (bs *blockSpeech) adjacentQuoteIndexed(leftOff, rightOff int) (*Quote, bool) {
	doc := bs.pa.doc
	closed := bs.qx.statementsClosed
	for _, qi := range closed[firstAtLeast(closed, leftOff-maxGap, doc.QuoteEnd):] {
		end := doc.QuoteEnd(qi)
		if end > leftOff {
			break
		}
		if onlyPunct(bs.b.Text[end:leftOff]) {
			return &doc.Quotes[qi], true
		}
	}
	opened := bs.qx.statementsOpened
	for _, qi := range opened[firstAtLeast(opened, rightOff, doc.QuoteStart):] {
		start := doc.QuoteStart(qi)
		if start-rightOff > maxGap {
			break
		}
		if bs.introduces(rightOff, start) {
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
func (bs *blockSpeech) introduces(from, to int) bool {
	if to-from > maxGap {
		return false
	}
	gap := bs.b.Text[from:to]
	if !strings.ContainsAny(gap, ":,") {
		return false
	}
	return len(strings.Fields(gap)) <= 4
}

func onlyPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func (bs *blockSpeech) hasPhraseQuote(start, end int) bool {
	if bs.qx.sorted {
		doc := bs.pa.doc
		opened := bs.qx.opened
		for _, qi := range opened[firstAtLeast(opened, start, doc.QuoteStart):] {
			q := &doc.Quotes[qi]
			p := q.Parts[0]
			if p.Start > end+1 {
				break
			}
			if p.End <= end+1 && q.Kind == quote.Phrase {
				return true
			}
		}
		return false
	}
	for _, qi := range bs.pa.quotesAt[bs.bi] {
		q := &bs.pa.doc.Quotes[qi]
		p := q.Parts[0]
		if p.Para == bs.bi && p.Start >= start && p.End <= end+1 && q.Kind == quote.Phrase {
			return true
		}
	}
	return false
}

// continuedQuotes attributes full quoted statements that no cue introduces or closes to the
// speaker who spoke last before them, in the same paragraph or the one before the quote
// opens: the news convention of a quote that carries on after its attribution, within a
// paragraph or over several. Quotes are settled in the block where they end, once every cue
// that could close them has been seen.
func (bs *blockSpeech) continuedQuotes(attributed map[*Quote]bool) {
	pa := bs.pa
	for _, qi := range pa.quotesAt[bs.bi] {
		q := &pa.doc.Quotes[qi]
		first, last := q.Parts[0], q.Parts[len(q.Parts)-1]
		if q.Depth != 0 || last.Para != bs.bi || attributed[q] || q.Kind != quote.Statement {
			continue
		}
		firstBlock := &pa.doc.Blocks[first.Para]
		start := firstBlock.SourceOffset(first.Start)
		sp, ok := pa.speakerBefore(start, first.Para-1)
		if !ok || pa.insideContent(start) {
			continue
		}
		attributed[q] = true
		pa.add(Attribution{
			Source: sp, Cue: firstBlock.SourceSpan(first.Start, first.InnerStart), Verb: "quote", Tone: ToneNeutral,
			Content: pa.doc.QuoteInner(q),
			Form:    FormDirect, Block: first.Para,
		})
	}
}

// insideContent reports whether offset lies in what an attribution already reports: a
// quotation inside reported speech belongs to that report.
func (pa *provenanceAnalysis) insideContent(offset int) bool {
	for k := len(pa.atts) - 1; k >= 0 && pa.contentEnds[k] > offset; k-- {
		pa.speech.steps++
		if c := pa.atts[k].Content; c.Start <= offset && offset < c.End {
			return true
		}
	}
	return false
}

// speakerBefore returns the source of the last attribution in the writer's voice whose cue
// lies before offset, if it was in block minBlock or later.
func (pa *provenanceAnalysis) speakerBefore(offset, minBlock int) (*Source, bool) {
	for k := len(pa.spoke) - 1; k >= 0; k-- {
		sp := pa.spoke[k]
		if sp.cue.Start >= offset {
			continue
		}
		return sp.source, sp.block >= minBlock
	}
	return nil, false
}

// colonLabels are words that stand before a colon at the start of a paragraph without
// being a speaker.
var colonLabels = wordSet([]string{
	"note", "update", "updated", "editor", "editors", "photo", "photos", "source", "sources",
	"related", "watch", "read", "correction", "disclosure", "warning", "caption", "credit",
	"image", "video", "listen", "see", "also", "more", "q", "a", "question", "answer", "subscribe",
	"follow", "contact", "email", "tags", "topics", "share", "comments", "advertisement",
	"clarification", "proof", "latest", "breaking", "exclusive", "editorial", "opinion",
})

// capitalisedSmallWord reports whether the first words of a paragraph, up to token last,
// are a phrase in title case rather than a name: a small word in it is capitalised ("Over",
// "To").
func (bs *blockSpeech) capitalisedSmallWord(last int) bool {
	for i := 1; i <= last; i++ {
		w := bs.toks.wordAt(i)
		if bs.is(i, wcStop) && w != "of" && w != "and" && w != "for" && !isLower(bs.toks.text[bs.toks.list[i].start:bs.toks.list[i].end]) {
			return true
		}
	}
	return false
}

// colonSpeaker reads a paragraph that opens with a name and a colon as that speaker's words:
// a transcript ("PENCE: Well, look...") or a headline ("Caddell: Voters worried").
func (bs *blockSpeech) colonSpeaker() {
	toks, text := bs.toks, bs.b.Text
	if len(toks.list) < 2 || strings.TrimLeft(text[:toks.list[0].start], " \"“'‘") != "" {
		return
	}
	for last := 0; last < 4 && last+1 < len(toks.list); last++ {
		w := text[toks.list[last].start:toks.list[last].end]
		if isLower(w) || !startsWithLetter(w) {
			return
		}
		gap := text[toks.list[last].end:toks.list[last+1].start]
		if !strings.HasPrefix(gap, ":") {
			if !toks.spaceBetween(last) {
				return
			}
			continue
		}
		if bs.is(last, wcColonLabel) {
			return // "Editor's Note:", "UPDATE:"
		}
		if last > 0 && bs.capitalisedSmallWord(last) {
			return // a headline in title case: "Stealth Over Health: Clinton Was Headed to ER"
		}
		if last == 0 && (bs.opener(0) || calendarWord(toks.wordAt(0))) {
			return // "Another challenge:", "Monday:" name no speaker
		}
		np := phrase{0, last, true}
		colon := toks.list[last].end
		at := Attribution{Verb: "colon", Tone: ToneNeutral, Form: FormDirect, Block: bs.bi,
			Cue: bs.b.SourceSpan(colon, colon+1), Mention: bs.span(0, last),
			Content: bs.b.SourceSpan(toks.list[last+1].start, trimEnd(text, len(text)))}
		if last == 0 && strings.ToUpper(w) == w {
			at.Source = bs.pa.reg.person(cleanText(w), "") // a transcript's speaker: "PENCE:"
		} else {
			at.Source = bs.resolve(np, cue{first: 0, last: last})
		}
		bs.record(at, false)
		return
	}
}
