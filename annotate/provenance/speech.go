package provenance

// This file drives the provenance analysis of one paragraph: it finds the cues, ties each
// to its speaker, source and content, and records the attributions.

import (
	"slices"
	"strings"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/internal/workcount"
)

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
