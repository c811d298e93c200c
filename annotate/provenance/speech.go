package provenance

// This file drives the provenance analysis of one paragraph: it finds the cues, ties each
// to its source and content, and records the attributions.

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/internal/workcount"
)

// maxSentenceWords is the most words the speech analysis reads as one sentence. A sentence
// of news has 15 words, rarely more than 80 (none of the 18,600 sentences of the corpora
// slant is measured on has more than 130); a "sentence" of thousands is a text without
// punctuation, such as a speech-to-text transcript. The analysis looks from a cue over its
// sentence for the speaker, the content, the venue and the clauses that end the content, so
// over a sentence of any length its cost would grow with the square of the sentence. A
// longer sentence is read in runs of this many words: a speaker, a content or a venue never
// reaches further.
const maxSentenceWords = 120

// speechSentences sets sent[i], for each token i, to the index in spans of the sentence it
// starts in, and spans to the block's sentences as the speech analysis reads them (in block
// text), a sentence of more than maxSentenceWords cut into runs of that many words; it
// reuses the storage of both.
func speechSentences(b *prose.Block, toks *words.Tokens, sent []int32, spans []prose.Span) ([]int32, []prose.Span) {
	sent = slices.Grow(sent[:0], len(toks.List))[:len(toks.List)]
	spans = spans[:0]
	si, words := -1, 0
	for i, t := range toks.List {
		next := max(si, 0)
		for next < len(b.Sentences)-1 && t.Start >= b.Sentences[next].End {
			next++
		}
		switch {
		case next != si:
			si, words = next, 0
			spans = append(spans, b.Sentences[si])
		case words == maxSentenceWords:
			words = 0
			spans[len(spans)-1].End = toks.List[i-1].End
			spans = append(spans, prose.Span{Start: t.Start, End: b.Sentences[si].End})
		}
		words++
		sent[i] = int32(len(spans) - 1)
	}
	return sent, spans
}

// quotedTokens sets out[i], for each token i, to whether it starts inside one of the block's
// quotations, reusing out's storage: b.Quoted for every token, in one walk.
func quotedTokens(b *prose.Block, toks *words.Tokens, out []bool) []bool {
	out = slices.Grow(out[:0], len(toks.List))[:len(toks.List)]
	q := 0
	for i, t := range toks.List {
		for q < len(b.QuotedSpans()) && b.QuotedSpans()[q].End <= t.Start {
			q++
		}
		out[i] = q < len(b.QuotedSpans()) && b.QuotedSpans()[q].Start <= t.Start
	}
	return out
}

// blockSpeech is the speech analysis of one block.
type blockSpeech struct {
	pa   *Analysis
	bi   int
	b    *prose.Block
	toks *words.Tokens
	sent []int32 // per token: its sentence, an index into sentences
	// sentences are the block's sentences as the analysis reads them: a very long one is cut
	// (speechSentences).
	sentences []prose.Span
	// steps counts the tokens the scans over a sentence visit (workcount): bounded by the
	// sentence's length, which maxSentenceWords bounds.
	steps int
	cues  []cue
	quote []bool      // per token: inside a depth-0 quotation
	inCue []bool      // per token: part of a cue
	cls   []wordClass // per token: its word lists, 0 until looked up (class)
	done  []attributed
	// lastDone[s] is the index in done of the last cue of sentence s, and prevDone[k] that of
	// the one before done[k] in its sentence; -1 for none.
	lastDone, prevDone []int
	qx                 quoteIndex // the block's quotations by position
	// attributedQuote is the block's quotations tied to a speaker so far.
	attributedQuote map[*prose.Quote]bool
	// headline is set for a short block in title case ("Lindsey Graham Says Trump Could
	// Address Clean Energy"), where a verb of saying is capitalised like every other word.
	headline bool
}

// emptied returns a blockSpeech for no block that keeps bs's storage: the analysis reuses
// its per-token, per-cue and per-quotation lists from block to block and, through Annotate's
// pooled contexts, from document to document.
func (bs *blockSpeech) emptied() blockSpeech {
	clear(bs.attributedQuote)
	return blockSpeech{sent: bs.sent[:0], sentences: bs.sentences[:0], quote: bs.quote[:0], inCue: bs.inCue[:0], cls: bs.cls[:0],
		cues: bs.cues[:0], done: bs.done[:0], lastDone: bs.lastDone[:0], prevDone: bs.prevDone[:0],
		qx: bs.qx, attributedQuote: bs.attributedQuote}
}

// attributed is a cue of this block already tied to its source phrase.
type attributed struct {
	c  cue
	np phrase
}

// Block analyses Block bi, given its words.
func (pa *Analysis) Block(bi int, toks *words.Tokens) {
	b := &pa.doc.Blocks[bi]
	bs := &pa.speech
	*bs = bs.emptied()
	bs.pa, bs.bi, bs.b, bs.toks = pa, bi, b, toks
	bs.sent, bs.sentences = speechSentences(b, toks, bs.sent, bs.sentences)
	bs.quote = quotedTokens(b, toks, bs.quote)
	bs.cls = slices.Grow(bs.cls, len(toks.List))[:len(toks.List)]
	clear(bs.cls)
	bs.lastDone = slices.Grow(bs.lastDone, len(bs.sentences))[:len(bs.sentences)]
	for i := range bs.lastDone {
		bs.lastDone[i] = -1
	}
	bs.qx.index(pa.doc, bi, pa.quotesAt[bi])
	bs.headline = bs.titleCaseBlock()
	bs.findCues()
	bs.markCues()
	if bs.attributedQuote == nil {
		bs.attributedQuote = map[*prose.Quote]bool{}
	}
	attributedQuote := bs.attributedQuote
	for _, q := range pa.claimed {
		attributedQuote[q] = true
	}
	bs.colonSpeaker()
	bs.dashSignatures(attributedQuote)
	// Cues in the writer's voice first, so quotations and pronouns inside them can resolve
	// to the speakers they introduce.
	for _, c := range bs.cues {
		if !c.quoted {
			bs.attribute(c, attributedQuote)
		}
	}
	bs.continuedQuotes(attributedQuote)
	for _, c := range bs.cues {
		if c.quoted {
			bs.attribute(c, attributedQuote)
		}
	}
	workcount.Add(bs.steps)
}

// record keeps an attribution and, unless it is inside quoted or reported speech, makes its
// source the most recent speaker.
func (bs *blockSpeech) record(at Attribution, quoted bool) {
	pa := bs.pa
	pa.add(at)
	if at.Source != nil && !quoted && !pa.nested(at.Cue) {
		pa.last, pa.lastB = at.Source, bs.bi
		pa.spoke = append(pa.spoke, spoken{at.Source, at.Cue, bs.bi})
	}
}

// attribute ties a cue to its source and content and records the attribution.
func (bs *blockSpeech) attribute(c cue, attributedQuote map[*prose.Quote]bool) {
	toks := bs.toks
	at := Attribution{Verb: c.verb.lemma, Tone: c.verb.tone, Block: bs.bi, Cue: bs.span(c.first, c.last)}
	if c.verb.tone == ToneBelief {
		at.Form = FormBelief
	} else {
		at.Form = FormReported
	}
	var np phrase
	switch {
	case c.according:
		np = bs.clauseNP(c.last + 1)
		at.Form = FormAccordingTo
	case c.passive:
		if !passiveOK[c.verb.lemma] || !bs.unsourcedPassive(c) {
			return
		}
		at.Form = FormUnsourced
	case bs.reportsThat(c.first) && !bs.hasSubject(c.first):
		np = phrase{c.first, c.first, true}
	default:
		np = bs.speaker(c)
	}
	// "Article posted with permission", "the letter written in 1990": what was posted or
	// written, not who did it.
	if np.ok && np.last < c.first && producedWith[c.verb.lemma] && bs.is(np.last, wcDocument) && pastParticiple(toks.WordAt(c.first)) {
		return
	}
	if c.verb.only == afterDocument && (!np.ok || !bs.is(np.last, wcDocument)) {
		if np = bs.documentSubject(c); !np.ok {
			return
		}
	}
	if np.ok && np.first == np.last {
		// "I think", "we know" in the writer's own voice are the writer's opinion, not a
		// report of someone else's; inside a quotation they are the speaker's own hedge or
		// wish, part of the quoted statement ("I think there may be reasons," she said), not
		// a statement of their own. "You" is nobody in particular.
		w := toks.WordAt(np.first)
		if i := strings.IndexByte(w, '\''); i > 0 {
			w = w[:i]
		}
		switch w {
		case "you":
			return
		case "i", "we":
			if !c.quoted || c.verb.tone == ToneBelief {
				return
			}
		}
	}
	if !np.ok && at.Form != FormUnsourced {
		return
	}
	if c.quoted && np.ok && np.first == np.last && bs.pronoun(np.first) && !firstPerson(toks.WordAt(np.first)) {
		// "He said this, he tweeted that," the governor said: inside a quotation, "he" is
		// someone of the speaker's story, whom the writer's last speaker is not.
		return
	}
	if c.quoted && c.verb.tone == ToneBelief {
		// "Republicans want a photo op," Cummings said: what others want or know, inside
		// a quotation, is the speaker's claim about them, part of what the speaker said;
		// the Republicans said nothing. (A verb of saying inside a quotation still reports
		// a statement: "He told me he would resign.")
		return
	}
	at.Venue = bs.venue(c)
	at.Content, at.Form = bs.content(c, np, at.Form, attributedQuote)
	if c.verb.only == besideQuotation && at.Form != FormDirect && !bs.colonAfter(c.last) {
		return // "the story continues below": no quotation, no statement
	}
	speakers := []phrase{np}
	if np.ok && np.last < c.first {
		speakers = append(speakers, bs.coordinated(np)...)
	}
	for _, sp := range speakers {
		one := at
		if sp.ok {
			one.Mention = bs.span(sp.first, sp.last)
			one.Source = bs.resolve(sp, c)
			if one.Source == nil {
				continue
			}
		}
		bs.record(one, c.quoted)
	}
	s := bs.sent[c.first]
	bs.prevDone = append(bs.prevDone, bs.lastDone[s])
	bs.lastDone[s] = len(bs.done)
	bs.done = append(bs.done, attributed{c, np})
}

// producedWith are verbs of saying that also make a document: after a document noun, their
// past participle is passive ("an article posted", "a letter written").
var producedWith = wordSet([]string{"post", "publish", "write", "release", "issue", "tweet", "quote", "cite", "print", "file", "send"})

// firstPerson reports whether a folded pronoun (perhaps contracted: "i'm", "we've") is
// "I" or "we".
func firstPerson(w string) bool {
	if i := strings.IndexByte(w, '\''); i > 0 {
		w = w[:i]
	}
	return w == "i" || w == "we"
}

// documentSubject finds the document an evidence verb reports when words stand between
// them: "A 2014 study that appeared in a journal found", "a council report released last
// year found". It is the nearest document noun before the verb in its clause, at most
// twelve words back, with the noun phrase it ends.
func (bs *blockSpeech) documentSubject(c cue) phrase {
	toks := bs.toks
	for k := c.first - 1; k >= 0 && c.first-k <= 12 && bs.sent[k] == bs.sent[c.first]; k-- {
		if gap := toks.Text[toks.List[k].End:toks.List[k+1].Start]; strings.ContainsAny(gap, ";:\"“”") {
			break
		}
		if bs.is(k, wcDocument) && (k == 0 || toks.WordAt(k-1) != "of") {
			np := bs.leftNP(k)
			if np.ok && np.last < k-1 {
				// leftNP gave the issuer of the document ("the campaign released an ad
				// showing"): what shows is the document after the issuing verb.
				np = bs.checkNP(np.last+2, k)
			}
			if np.ok && np.last == k {
				return np
			}
		}
		if bs.isCueToken(k) {
			break // another statement's verb
		}
	}
	return phrase{}
}

// colonAfter reports whether a colon follows token i: "Caddell continued:" introduces what
// comes next, a quotation set apart or a paragraph of its own.
func (bs *blockSpeech) colonAfter(i int) bool {
	toks := bs.toks
	end := len(toks.Text)
	if i+1 < len(toks.List) {
		end = toks.List[i+1].Start
	}
	return strings.HasPrefix(strings.TrimSpace(toks.Text[toks.List[i].End:end]), ":")
}

// span maps a token range to source bytes.
func (bs *blockSpeech) span(first, last int) prose.Span {
	return bs.b.SourceSpan(bs.toks.List[first].Start, bs.toks.List[last].End)
}

// isLower reports whether a word starts with a lower-case letter.
func isLower(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsLower(r)
}
