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

// span maps a token range to source bytes.
func (bs *blockSpeech) span(first, last int) prose.Span {
	return bs.b.SourceSpan(bs.toks.List[first].Start, bs.toks.List[last].End)
}

// isLower reports whether a word starts with a lower-case letter.
func isLower(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsLower(r)
}

// class returns the class of token i, looking it up the first time.
func (bs *blockSpeech) class(i int) wordClass {
	c := bs.cls[i]
	if c == 0 {
		c = bs.pa.lx.classOf(bs.toks.WordAt(i))
		bs.cls[i] = c
	}
	return c
}

// is reports whether token i is in one of the lists of c.
func (bs *blockSpeech) is(i int, c wordClass) bool {
	return bs.class(i)&c != 0
}

// subjectPronouns end the noun phrase before them: in "the place I heard anyone say", the
// one who says is "anyone".
var subjectPronouns = wordSet([]string{"i", "he", "she", "we", "they", "you"})

// pronoun reports whether token i is a personal pronoun, alone or contracted ("I've",
// "he'd").
func (bs *blockSpeech) pronoun(i int) bool {
	if bs.is(i, wcPronoun) {
		return true
	}
	w := bs.toks.WordAt(i)
	k := strings.IndexByte(w, '\'')
	return k > 0 && bs.pa.lx.classOf(w[:k])&wcPronoun != 0
}

// capitalisedInside reports whether token i is capitalised where a sentence does not start:
// then a word like "may" or "will" is a name ("Theresa May").
func (bs *blockSpeech) capitalisedInside(i int) bool {
	toks := bs.toks
	return i > 0 && bs.sent[i-1] == bs.sent[i] && !isLower(toks.Text[toks.List[i].Start:toks.List[i].End])
}

// sentenceStartToken returns the first token of the sentence token i is in.
func (bs *blockSpeech) sentenceStartToken(i int) int {
	start := i
	for start > 0 && bs.sent[start-1] == bs.sent[i] {
		start--
	}
	bs.steps += i - start
	return start
}

// skipAux steps left from token j over auxiliaries and adverbs ("has also", "previously"),
// returning the first other token, or -1.
func (bs *blockSpeech) skipAux(j int) int {
	toks := bs.toks
	for j >= 0 {
		key := toks.WordAt(j)
		word := toks.Text[toks.List[j].Start:toks.List[j].End]
		adverb := strings.HasSuffix(key, "ly") && len(key) > 4 && isLower(word) && !lyNouns[key] &&
			!(j > 0 && (bs.is(j-1, wcDeterminer) || strings.HasSuffix(toks.WordAt(j-1), "'s"))) // "the victim's family"
		// A capitalised auxiliary inside a sentence is a name: "Theresa May said".
		aux := bs.is(j, wcAuxiliary) && !bs.capitalisedInside(j)
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

// opensPhrase reports whether token i starts its sentence or follows punctuation.
func (bs *blockSpeech) opensPhrase(i int) bool {
	return i == 0 || bs.sent[i-1] != bs.sent[i] || !bs.toks.SpaceBetween(i-1)
}

// isCueToken reports whether token i is part of a cue.
func (bs *blockSpeech) isCueToken(i int) bool {
	return i >= 0 && i < len(bs.inCue) && bs.inCue[i]
}
