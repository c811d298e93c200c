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

// dashSignatures reads a quotation followed by a dash and a name as signed by that name:
// "”― Sonya Herridge".
func (bs *blockSpeech) dashSignatures(attributed map[*prose.Quote]bool) {
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
		for k, t := range toks.List {
			if t.Start > dash {
				first = k
				break
			}
		}
		if first < 0 || strings.TrimSpace(text[dash+n:toks.List[first].Start]) != "" {
			continue
		}
		np := bs.rightNP(first, false)
		if !np.ok || isLower(text[toks.List[np.first].Start:toks.List[np.first].End]) {
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

// continuedQuotes attributes full quoted statements that no cue introduces or closes to the
// speaker who spoke last before them, in the same paragraph or the one before the quote
// opens: the news convention of a quote that carries on after its attribution, within a
// paragraph or over several. Quotes are settled in the block where they end, once every cue
// that could close them has been seen.
func (bs *blockSpeech) continuedQuotes(attributed map[*prose.Quote]bool) {
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
func (pa *Analysis) insideContent(offset int) bool {
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
func (pa *Analysis) speakerBefore(offset, minBlock int) (*Source, bool) {
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
		w := bs.toks.WordAt(i)
		if bs.is(i, wcStop) && w != "of" && w != "and" && w != "for" && !isLower(bs.toks.Text[bs.toks.List[i].Start:bs.toks.List[i].End]) {
			return true
		}
	}
	return false
}

// colonSpeaker reads a paragraph that opens with a name and a colon as that speaker's words:
// a transcript ("PENCE: Well, look...") or a headline ("Caddell: Voters worried").
func (bs *blockSpeech) colonSpeaker() {
	toks, text := bs.toks, bs.b.Text
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
		if bs.is(last, wcColonLabel) {
			return // "Editor's Note:", "UPDATE:"
		}
		if last > 0 && bs.capitalisedSmallWord(last) {
			return // a headline in title case: "Stealth Over Health: Clinton Was Headed to ER"
		}
		if last == 0 && (bs.opener(0) || calendarWord(toks.WordAt(0))) {
			return // "Another challenge:", "Monday:" name no speaker
		}
		np := phrase{0, last, true}
		colon := toks.List[last].End
		at := Attribution{Verb: "colon", Tone: ToneNeutral, Form: FormDirect, Block: bs.bi,
			Cue: bs.b.SourceSpan(colon, colon+1), Mention: bs.span(0, last),
			Content: bs.b.SourceSpan(toks.List[last+1].Start, trimEnd(text, len(text)))}
		if last == 0 && strings.ToUpper(w) == w {
			at.Source = bs.pa.reg.person(words.CleanText(w), "") // a transcript's speaker: "PENCE:"
		} else {
			at.Source = bs.resolve(np, cue{first: 0, last: last})
		}
		bs.record(at, false)
		return
	}
}
