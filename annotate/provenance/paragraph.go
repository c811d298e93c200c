package provenance

// This file holds what the roles of a paragraph's analysis share: the paragraph's words, its
// sentences and quotations, the word lists of each word, and the questions about single
// words that every role asks.

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
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

// speechSentences sets sentenceOf[i], for each token i, to the index in spans of the sentence
// it starts in, and spans to the block's sentences as the speech analysis reads them (in block
// text), a sentence of more than maxSentenceWords cut into runs of that many words; it reuses
// the storage of both.
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

// paragraph is the one place the roles of a block's speech analysis keep what they share: the
// block's words and sentences, its quotations, its cues and those already attributed. Each
// role (cueFinder, phraseReader, speakerFinder, sourceResolver, contentReader, conventions,
// attributor) is a view of it with the methods of its job; the state that crosses blocks is
// the Analysis's.
type paragraph struct {
	analysis   *Analysis     // the document's
	index      int           // the block's index in the document
	block      *prose.Block  // the block
	toks       *words.Tokens // its words
	sentenceOf []int32       // per token: its sentence, an index into sentences
	// sentences are the block's sentences as the analysis reads them: a very long one is cut
	// (speechSentences).
	sentences []prose.Span
	// steps counts the tokens the scans over a sentence visit (workcount): bounded by the
	// sentence's length, which maxSentenceWords bounds.
	steps          int
	cues           []cue
	acts           []prose.Span // the cues that name an act, in block text (cue.act)
	quoted         []bool       // per token: inside a depth-0 quotation
	inCue          []bool       // per token: part of a cue
	classes        []wordClass  // per token: its word lists, 0 until looked up (class)
	attributedCues []attributedCue
	// lastInSentence[s] is the index in attributedCues of the last cue of sentence s, and
	// previousInSentence[k] that of the one before attributedCues[k] in its sentence; -1 for
	// none.
	lastInSentence, previousInSentence []int
	quotes                             quoteIndex // the block's quotations by position
	// attributedQuote is the block's quotations tied to a speaker so far.
	attributedQuote map[*prose.Quote]bool
	// headline is set for a short block in title case ("Lindsey Graham Says Trump Could
	// Address Clean Energy"), where a verb of saying is capitalised like every other word.
	headline bool
}

// emptied returns a paragraph for no block that keeps p's storage: the analysis reuses
// its per-token, per-cue and per-quotation lists from block to block and, through Annotate's
// pooled contexts, from document to document.
func (p *paragraph) emptied() paragraph {
	clear(p.attributedQuote)
	return paragraph{sentenceOf: p.sentenceOf[:0], sentences: p.sentences[:0], quoted: p.quoted[:0], inCue: p.inCue[:0], classes: p.classes[:0],
		cues: p.cues[:0], acts: p.acts[:0], attributedCues: p.attributedCues[:0], lastInSentence: p.lastInSentence[:0], previousInSentence: p.previousInSentence[:0],
		quotes: p.quotes, attributedQuote: p.attributedQuote}
}

// begin starts the paragraph on block bi of a's document, given its words: its sentences as
// the analysis reads them, the tokens inside quotations, its quotations by position, and the
// quotations already attributed from a paragraph before it.
func (p *paragraph) begin(a *Analysis, bi int, toks *words.Tokens) {
	b := &a.doc.Blocks[bi]
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
	if p.attributedQuote == nil {
		p.attributedQuote = map[*prose.Quote]bool{}
	}
	for _, q := range a.log.claimed {
		p.attributedQuote[q] = true
	}
}

// attributedCue is a cue of this block already tied to its source phrase.
type attributedCue struct {
	cue     cue
	speaker phrase
}

// record keeps an attribution made in the paragraph (attributionLog.record).
func (p *paragraph) record(at Attribution, quoted bool) {
	p.analysis.log.record(at, quoted, p.index)
}

// sourceSpan maps a token range to source bytes.
func (p *paragraph) sourceSpan(first, last int) prose.Span {
	return p.block.SourceSpan(p.toks.List[first].Start, p.toks.List[last].End)
}

// isLower reports whether a word starts with a lower-case letter.
func isLower(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsLower(r)
}

// class returns the class of token i, looking it up the first time.
func (p *paragraph) class(i int) wordClass {
	c := p.classes[i]
	if c == 0 {
		c = p.analysis.lexicon.classOf(p.toks.WordAt(i))
		p.classes[i] = c
	}
	return c
}

// is reports whether token i is in one of the lists of c.
func (p *paragraph) is(i int, c wordClass) bool {
	return p.class(i)&c != 0
}

// subjectPronouns end the noun phrase before them: in "the place I heard anyone say", the
// one who says is "anyone".
var subjectPronouns = wordSet([]string{"i", "he", "she", "we", "they", "you"})

// isPronoun reports whether token i is a personal pronoun, alone or contracted ("I've",
// "he'd").
func (p *paragraph) isPronoun(i int) bool {
	if p.is(i, wcPronoun) {
		return true
	}
	w := p.toks.WordAt(i)
	k := strings.IndexByte(w, '\'')
	return k > 0 && p.analysis.lexicon.classOf(w[:k])&wcPronoun != 0
}

// capitalisedInside reports whether token i is capitalised where a sentence does not start:
// then a word like "may" or "will" is a name ("Theresa May").
func (p *paragraph) capitalisedInside(i int) bool {
	toks := p.toks
	return i > 0 && p.sentenceOf[i-1] == p.sentenceOf[i] && !isLower(toks.Text[toks.List[i].Start:toks.List[i].End])
}

// sentenceStart returns the first token of the sentence token i is in.
func (p *paragraph) sentenceStart(i int) int {
	start := i
	for start > 0 && p.sentenceOf[start-1] == p.sentenceOf[i] {
		start--
	}
	p.steps += i - start
	return start
}

// skipAuxiliaries steps left from token j over auxiliaries and adverbs ("has also",
// "previously"), returning the first other token, or -1.
func (p *paragraph) skipAuxiliaries(j int) int {
	toks := p.toks
	for j >= 0 {
		key := toks.WordAt(j)
		word := toks.Text[toks.List[j].Start:toks.List[j].End]
		adverb := lyAdverb(key) && isLower(word) &&
			!(j > 0 && (p.is(j-1, wcDeterminer) || strings.HasSuffix(toks.WordAt(j-1), "'s"))) // "the victim's family"
		// A capitalised auxiliary inside a sentence is a name: "Theresa May said".
		aux := p.is(j, wcAuxiliary) && !p.capitalisedInside(j)
		if !aux && !adverb {
			return j
		}
		if j == 0 || !toks.SpaceBetween(j-1) {
			return j - 1
		}
		j--
	}
	return -1
}

// isCueToken reports whether token i is part of a cue.
func (p *paragraph) isCueToken(i int) bool {
	return i >= 0 && i < len(p.inCue) && p.inCue[i]
}

// The roles of the paragraph's analysis, each a view of the paragraph it reads: a role asks
// another through these ("cr.phrases().endingAt(j)").

// cueFinder returns the paragraph as its cue finder (cues.go).
func (p *paragraph) cueFinder() cueFinder { return cueFinder{p} }

// phrases returns the paragraph as its noun phrase reader (phrases.go).
func (p *paragraph) phrases() phraseReader { return phraseReader{p} }

// speakers returns the paragraph as the finder of its cues' speaker phrases (speakers.go).
func (p *paragraph) speakers() speakerFinder { return speakerFinder{p} }

// sources returns the paragraph as the resolver of its speaker phrases to sources
// (sources.go).
func (p *paragraph) sources() sourceResolver { return sourceResolver{p} }

// contentReader returns the paragraph as the reader of what its cues report (said.go).
func (p *paragraph) contentReader() contentReader { return contentReader{p} }

// conventions returns the paragraph as the reader of its conventional attributions
// (conventions.go).
func (p *paragraph) conventions() conventions { return conventions{p} }

// attributor returns the paragraph as the attributor of its cues (speech.go).
func (p *paragraph) attributor() attributor { return attributor{p} }
