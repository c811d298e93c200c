package provenance

// This file attributes quotations by the conventions of news and transcripts rather than by a
// verb of saying: a paragraph opened by a name and a colon, a quotation signed with a dash
// and a name, and a quotation that carries on after its speaker's attribution.

import (
	"strings"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/quote"
)

// conventions attribute the quotations of a paragraph that no verb of saying attributes:
// a transcript's "NAME:", a signature after a dash, and a quotation that carries on after its
// speaker's attribution.
type conventions struct{ *paragraph }

// dashSignatures reads a quotation followed by a dash and a name as signed by that name:
// "”― Sonya Herridge".
func (cv conventions) dashSignatures(attributed map[*prose.Quote]bool) {
	toks, text := cv.toks, cv.block.Text
	for _, qi := range cv.analysis.quotesAt[cv.index] {
		q := &cv.analysis.doc.Quotes[qi]
		last := q.Parts[len(q.Parts)-1]
		if q.Depth != 0 || last.Para != cv.index || attributed[q] {
			continue
		}
		rest := strings.TrimLeft(text[last.End:], " \t")
		r, n := utf8.DecodeRuneInString(rest)
		if r != '―' && r != '—' && r != '–' {
			continue
		}
		dash := len(text) - len(rest)
		first := -1
		for k, t := range toks.List {
			if t.Start > dash {
				first = k
				break
			}
		}
		if first < 0 || strings.TrimSpace(text[dash+n:toks.List[first].Start]) != "" {
			continue
		}
		signer := cv.phrases().startingAt(first, false)
		if !signer.ok || isLower(text[toks.List[signer.first].Start:toks.List[signer.first].End]) {
			continue
		}
		attributed[q] = true
		at := Attribution{Verb: "dash", Tone: ToneNeutral, Form: FormDirect, Block: cv.index,
			Cue: cv.block.SourceSpan(dash, dash+n), Mention: cv.sourceSpan(signer.first, signer.last),
			Content: cv.analysis.doc.QuoteInner(q)}
		at.Source = cv.sources().resolve(signer, cue{first: signer.first, last: signer.last})
		cv.record(at, false)
	}
}

// continuedQuotes attributes full quoted statements that no cue introduces or closes to the
// speaker who spoke last before them, in the same paragraph or the one before the quote
// opens: the news convention of a quote that carries on after its attribution, within a
// paragraph or over several. Quotes are settled in the block where they end, once every cue
// that could close them has been seen.
func (cv conventions) continuedQuotes(attributed map[*prose.Quote]bool) {
	a := cv.analysis
	for _, qi := range a.quotesAt[cv.index] {
		q := &a.doc.Quotes[qi]
		first, last := q.Parts[0], q.Parts[len(q.Parts)-1]
		if q.Depth != 0 || last.Para != cv.index || attributed[q] || q.Kind != quote.Statement {
			continue
		}
		firstBlock := &a.doc.Blocks[first.Para]
		start := firstBlock.SourceOffset(first.Start)
		sp, ok := a.log.speakerBefore(start, first.Para-1)
		if !ok || a.log.insideContent(start) {
			continue
		}
		attributed[q] = true
		a.log.add(Attribution{
			Source: sp, Cue: firstBlock.SourceSpan(first.Start, first.InnerStart), Verb: "quote", Tone: ToneNeutral,
			Content: a.doc.QuoteInner(q),
			Form:    FormDirect, Block: first.Para,
		})
	}
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
func (cv conventions) capitalisedSmallWord(last int) bool {
	for i := 1; i <= last; i++ {
		w := cv.toks.WordAt(i)
		if cv.is(i, wcStop) && w != "of" && w != "and" && w != "for" && !isLower(cv.toks.Text[cv.toks.List[i].Start:cv.toks.List[i].End]) {
			return true
		}
	}
	return false
}

// colonSpeaker reads a paragraph that opens with a name and a colon as that speaker's words:
// a transcript ("PENCE: Well, look...") or a headline ("Caddell: Voters worried").
func (cv conventions) colonSpeaker() {
	toks, text := cv.toks, cv.block.Text
	if len(toks.List) < 2 || strings.TrimLeft(text[:toks.List[0].Start], " \"“'‘") != "" {
		return
	}
	for last := 0; last < 4 && last+1 < len(toks.List); last++ {
		w := text[toks.List[last].Start:toks.List[last].End]
		if isLower(w) || !startsWithLetter(w) {
			return
		}
		gap := text[toks.List[last].End:toks.List[last+1].Start]
		if !strings.HasPrefix(gap, ":") {
			if !toks.SpaceBetween(last) {
				return
			}
			continue
		}
		if cv.is(last, wcColonLabel) {
			return // "Editor's Note:", "UPDATE:"
		}
		if last > 0 && cv.capitalisedSmallWord(last) {
			return // a headline in title case: "Stealth Over Health: Clinton Was Headed to ER"
		}
		if last == 0 && (cv.phrases().sentenceOpener(0) || calendarWord(toks.WordAt(0))) {
			return // "Another challenge:", "Monday:" name no speaker
		}
		name := phrase{0, last, true}
		colon := toks.List[last].End
		at := Attribution{Verb: "colon", Tone: ToneNeutral, Form: FormDirect, Block: cv.index,
			Cue: cv.block.SourceSpan(colon, colon+1), Mention: cv.sourceSpan(0, last),
			Content: cv.block.SourceSpan(toks.List[last+1].Start, trimEnd(text, len(text)))}
		if last == 0 && strings.ToUpper(w) == w {
			at.Source = cv.analysis.sources.person(words.CleanText(w), "") // a transcript's speaker: "PENCE:"
		} else {
			at.Source = cv.sources().resolve(name, cue{first: 0, last: last})
		}
		cv.record(at, false)
		return
	}
}
