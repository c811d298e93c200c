package provenance

// This file drives the provenance analysis of one paragraph: it finds the cues, ties each
// to its speaker, source and content, and records the attributions.

import (
	"strings"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/internal/workcount"
)

// attributor ties each cue of a paragraph to its speaker, source and content, through the
// other roles, and records the attributions.
type attributor struct{ *paragraph }

// Block analyses Block bi, given its words: it finds the cues, attributes the quotations that
// convention attributes, then ties each cue to its speaker, source and content.
func (a *Analysis) Block(bi int, toks *words.Tokens) {
	p := &a.paragraph
	p.begin(a, bi, toks)
	cues := p.cueFinder()
	p.headline = cues.titleCaseBlock()
	cues.find()
	cues.markCues()
	p.markActs()
	conventions, attributedQuote := p.conventions(), p.attributedQuote
	conventions.colonSpeaker()
	conventions.dashSignatures(attributedQuote)
	// Cues in the writer's voice first, so quotations and pronouns inside them can resolve
	// to the speakers they introduce.
	for _, c := range p.cues {
		if !c.quoted {
			p.attributor().attribute(c, attributedQuote)
		}
	}
	conventions.continuedQuotes(attributedQuote)
	for _, c := range p.cues {
		if c.quoted {
			p.attributor().attribute(c, attributedQuote)
		}
	}
	workcount.Add(p.steps + a.log.steps)
	a.log.steps = 0
}

// markActs marks the cues whose object makes them an act rather than a report ("claimed
// responsibility", "claimed three lives"), whether or not they name a speaker, and lists
// their spans for Acts.
func (p *paragraph) markActs() {
	for i := range p.cues {
		if c := &p.cues[i]; p.contentReader().actObject(*c) {
			c.act = true
			p.acts = append(p.acts, prose.Span{Start: p.toks.List[c.first].Start, End: p.toks.List[c.last].End})
		}
	}
}

// Acts returns the verbs of saying of the block last given to Block that name an act, not
// a statement, as spans of its text: "claimed" in "the storm claimed three lives" or "Hamas
// claimed responsibility" (the lexicon's act_objects). A rule may leave them out. The slice
// is valid until the next call of Block.
func (a *Analysis) Acts() []prose.Span {
	return a.paragraph.acts
}

// attribute ties a cue to its source and content and records the attribution: it finds the
// phrase naming the speaker, passes over a cue that reports nobody else's statement, reads
// what was said, and records it for each speaker the phrase names.
func (ar attributor) attribute(c cue, attributedQuote map[*prose.Quote]bool) {
	speaker, form, ok := ar.speakerOf(c)
	if !ok || ar.ownVoice(c, speaker) || !speaker.ok && form != FormUnsourced || ar.partOfQuotation(c, speaker) {
		return
	}
	at := Attribution{Verb: c.verb.lemma, Tone: c.verb.tone, Block: ar.index, Cue: ar.sourceSpan(c.first, c.last)}
	content := ar.contentReader()
	at.Venue = content.venue(c)
	at.Content, at.Form = content.content(c, speaker, form, attributedQuote)
	if at.Form == FormReported && c.act {
		return // "claimed the seat", "claimed responsibility for the attack": an act, no statement
	}
	if c.verb.only == besideQuotation && at.Form != FormDirect && !content.colonAfter(c.last) {
		return // "the story continues below": no quotation, no statement
	}
	ar.recordEach(at, c, speaker)
	ar.markAttributed(c, speaker)
}

// speakerOf finds the phrase naming the speaker of cue c, and the form the cue gives its
// attribution; ok is false when the cue attributes nothing: a passive that hides no speaker
// ("was said by"), a document that was made rather than said ("the letter written in
// 1990"), an evidence verb with no document before it. The phrase is empty (not ok) for an
// unsourced cue ("it is believed").
func (ar attributor) speakerOf(c cue) (speaker phrase, form Form, ok bool) {
	form = FormReported
	if c.verb.tone == ToneBelief {
		form = FormBelief
	}
	switch {
	case c.according:
		speaker = ar.phrases().toClauseEnd(c.last + 1)
		form = FormAccordingTo
	case c.passive:
		if !passiveOK[c.verb.lemma] || !ar.cueFinder().unsourcedPassive(c) {
			return phrase{}, form, false
		}
		form = FormUnsourced
	case ar.cueFinder().reportsThat(c.first) && !ar.cueFinder().hasSubject(c.first):
		speaker = phrase{c.first, c.first, true}
	default:
		speaker = ar.speakers().find(c)
	}
	// "Article posted with permission", "the letter written in 1990": what was posted or
	// written, not who did it.
	if speaker.ok && speaker.last < c.first && producedWith[c.verb.lemma] && ar.is(speaker.last, wcDocument) && pastParticiple(ar.toks.WordAt(c.first)) {
		return phrase{}, form, false
	}
	if c.verb.only == afterDocument && (!speaker.ok || !ar.is(speaker.last, wcDocument)) {
		if speaker = ar.speakers().documentSubject(c); !speaker.ok {
			return phrase{}, form, false
		}
	}
	return speaker, form, true
}

// ownVoice reports whether the speaker phrase of c is the voice of the one who speaks around
// it, not a source of its own: "I think", "we know" in the writer's own voice are the
// writer's opinion, not a report of someone else's; inside a quotation they are the speaker's
// own hedge or wish, part of the quoted statement ("I think there may be reasons," she said),
// not a statement of their own. "You" is nobody in particular.
func (ar attributor) ownVoice(c cue, speaker phrase) bool {
	if !speaker.ok || speaker.first != speaker.last {
		return false
	}
	w := ar.toks.WordAt(speaker.first)
	if i := strings.IndexByte(w, '\''); i > 0 {
		w = w[:i]
	}
	switch w {
	case "you":
		return true
	case "i", "we":
		return !c.quoted || c.verb.tone == ToneBelief
	}
	return false
}

// partOfQuotation reports whether a cue inside a quotation is part of what its speaker said
// rather than a statement of its own.
func (ar attributor) partOfQuotation(c cue, speaker phrase) bool {
	if !c.quoted {
		return false
	}
	if speaker.ok && speaker.first == speaker.last && ar.isPronoun(speaker.first) && !firstPerson(ar.toks.WordAt(speaker.first)) {
		// "He said this, he tweeted that," the governor said: inside a quotation, "he" is
		// someone of the speaker's story, whom the writer's last speaker is not.
		return true
	}
	// "Republicans want a photo op," Cummings said: what others want or know, inside a
	// quotation, is the speaker's claim about them, part of what the speaker said; the
	// Republicans said nothing. (A verb of saying inside a quotation still reports a
	// statement: "He told me he would resign.")
	return c.verb.tone == ToneBelief
}

// recordEach records the attribution for its speaker phrase and for each capitalised phrase
// joined to it by "and" before it ("President Trump and the US State Department accused"),
// each resolved to its source; once, with no source, for a cue with no speaker phrase.
func (ar attributor) recordEach(at Attribution, c cue, speaker phrase) {
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
}

// markAttributed keeps c and its speaker phrase as the last attributed cue of its sentence,
// whose speaker a cue that continues the clause shares ("threatened ... and said":
// speakerFinder.continuedSubject).
func (ar attributor) markAttributed(c cue, speaker phrase) {
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
