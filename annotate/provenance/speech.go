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

// attributor ties each cue of a paragraph to its speaker, source and content, through the
// other roles, and records the attributions.
type attributor struct{ *paragraph }

// Block analyses Block bi, given its words.
func (a *Analysis) Block(bi int, toks *words.Tokens) {
	b := &a.doc.Blocks[bi]
	p := &a.paragraph
	*p = p.emptied()
	p.analysis, p.index, p.block, p.toks = a, bi, b, toks
	p.sentenceOf, p.sentences = speechSentences(b, toks, p.sentenceOf, p.sentences)
	p.quoted = quotedTokens(b, toks, p.quoted)
	p.classes = slices.Grow(p.classes, len(toks.List))[:len(toks.List)]
	clear(p.classes)
	p.lastInSentence = slices.Grow(p.lastInSentence, len(p.sentences))[:len(p.sentences)]
	for i := range p.lastInSentence {
		p.lastInSentence[i] = -1
	}
	p.quotes.index(a.doc, bi, a.quotesAt[bi])
	p.headline = p.cueFinder().titleCaseBlock()
	p.cueFinder().find()
	p.cueFinder().markCues()
	if p.attributedQuote == nil {
		p.attributedQuote = map[*prose.Quote]bool{}
	}
	attributedQuote := p.attributedQuote
	for _, q := range a.log.claimed {
		attributedQuote[q] = true
	}
	p.conventions().colonSpeaker()
	p.conventions().dashSignatures(attributedQuote)
	// Cues in the writer's voice first, so quotations and pronouns inside them can resolve
	// to the speakers they introduce.
	for _, c := range p.cues {
		if !c.quoted {
			p.attributor().attribute(c, attributedQuote)
		}
	}
	p.conventions().continuedQuotes(attributedQuote)
	for _, c := range p.cues {
		if c.quoted {
			p.attributor().attribute(c, attributedQuote)
		}
	}
	workcount.Add(p.steps + a.log.steps)
	a.log.steps = 0
}

// attribute ties a cue to its source and content and records the attribution.
func (ar attributor) attribute(c cue, attributedQuote map[*prose.Quote]bool) {
	toks := ar.toks
	at := Attribution{Verb: c.verb.lemma, Tone: c.verb.tone, Block: ar.index, Cue: ar.sourceSpan(c.first, c.last)}
	if c.verb.tone == ToneBelief {
		at.Form = FormBelief
	} else {
		at.Form = FormReported
	}
	var speaker phrase
	switch {
	case c.according:
		speaker = ar.phrases().toClauseEnd(c.last + 1)
		at.Form = FormAccordingTo
	case c.passive:
		if !passiveOK[c.verb.lemma] || !ar.cueFinder().unsourcedPassive(c) {
			return
		}
		at.Form = FormUnsourced
	case ar.cueFinder().reportsThat(c.first) && !ar.cueFinder().hasSubject(c.first):
		speaker = phrase{c.first, c.first, true}
	default:
		speaker = ar.speakers().find(c)
	}
	// "Article posted with permission", "the letter written in 1990": what was posted or
	// written, not who did it.
	if speaker.ok && speaker.last < c.first && producedWith[c.verb.lemma] && ar.is(speaker.last, wcDocument) && pastParticiple(toks.WordAt(c.first)) {
		return
	}
	if c.verb.only == afterDocument && (!speaker.ok || !ar.is(speaker.last, wcDocument)) {
		if speaker = ar.speakers().documentSubject(c); !speaker.ok {
			return
		}
	}
	if speaker.ok && speaker.first == speaker.last {
		// "I think", "we know" in the writer's own voice are the writer's opinion, not a
		// report of someone else's; inside a quotation they are the speaker's own hedge or
		// wish, part of the quoted statement ("I think there may be reasons," she said), not
		// a statement of their own. "You" is nobody in particular.
		w := toks.WordAt(speaker.first)
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
	if !speaker.ok && at.Form != FormUnsourced {
		return
	}
	if c.quoted && speaker.ok && speaker.first == speaker.last && ar.isPronoun(speaker.first) && !firstPerson(toks.WordAt(speaker.first)) {
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
	at.Venue = ar.contentReader().venue(c)
	at.Content, at.Form = ar.contentReader().content(c, speaker, at.Form, attributedQuote)
	if c.verb.only == besideQuotation && at.Form != FormDirect && !ar.contentReader().colonAfter(c.last) {
		return // "the story continues below": no quotation, no statement
	}
	speakers := []phrase{speaker}
	if speaker.ok && speaker.last < c.first {
		speakers = append(speakers, ar.speakers().coordinated(speaker)...)
	}
	for _, sp := range speakers {
		one := at
		if sp.ok {
			one.Mention = ar.sourceSpan(sp.first, sp.last)
			one.Source = ar.sources().resolve(sp, c)
			if one.Source == nil {
				continue
			}
		}
		ar.record(one, c.quoted)
	}
	s := ar.sentenceOf[c.first]
	ar.previousInSentence = append(ar.previousInSentence, ar.lastInSentence[s])
	ar.lastInSentence[s] = len(ar.attributedCues)
	ar.attributedCues = append(ar.attributedCues, attributedCue{c, speaker})
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
