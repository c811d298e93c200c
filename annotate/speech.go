package annotate

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/slant-news/slant/annotate/quote"
)

// cue is a verb or phrase of saying found in a block, as a range of tokens.
type cue struct {
	first, last int // token range
	verb        verbForm
	according   bool // "according to"
	passive     bool // "is said", "are believed"
	quoted      bool // inside a quotation: a speaker reporting someone else
}

// Closed-class words the speech analysis needs. They are grammar, not judgement, so they
// live here rather than in the rubric.
var (
	auxiliaries = set([]string{
		"has", "have", "had", "also", "will", "would", "could", "should", "may", "might",
		"must", "can", "did", "does", "do", "not", "never", "previously", "later", "earlier",
		"then", "once", "often", "still", "just", "even", "again", "already", "reportedly",
		"allegedly", "first", "further", "last", "since", "soon", "recently", "repeatedly",
		"has also", "had also", "once again", "n't", "always", "long", "now",
	})
	beForms     = set([]string{"is", "was", "are", "were", "been", "be", "being", "'s"})
	pronouns    = set([]string{"he", "she", "they", "i", "we", "it", "you", "he's", "she's", "it's", "they're", "we're", "i'm", "he'd", "she'd", "they'd", "we'd", "i'd", "he'll", "she'll", "they'll", "we'll", "i'll", "i've", "we've", "they've"})
	determiners = set([]string{"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your", "any", "no", "every", "each", "one", "two", "three", "four", "several", "some", "many", "most", "both"})
	stopWords   = set([]string{
		"that", "which", "who", "whom", "whose", "and", "or", "but", "because", "as", "when",
		"while", "if", "after", "before", "since", "though", "although", "where", "so",
		"than", "then", "to", "in", "on", "into", "onto", "with", "without", "about", "by",
		"from", "over", "under", "during", "until", "against", "between", "through", "what",
		"how", "why", "whether", "not", "nor", "yet", "also", "is", "was", "are", "were",
		"be", "been", "has", "have", "had", "will", "would", "could", "should", "may",
		"might", "must", "can", "did", "does", "do", "it's", "there", "here", "amid",
	})
	nounVerbs = set([]string{
		"reports", "report", "claims", "claim", "calls", "call", "views", "view", "plans",
		"plan", "notes", "note", "supports", "support", "fears", "fear", "hopes", "hope",
		"doubts", "doubt", "estimates", "estimate", "answers", "answer", "comments",
		"comment", "questions", "question", "requests", "request", "demands", "demand",
		"promises", "promise", "pledges", "pledge", "vows", "vow", "proposals", "denials",
		"wants", "want", "thought", "thoughts", "posts", "post", "tweets", "tweet", "quotes",
		"quote", "warnings", "statements", "findings", "concerns", "holds", "hold", "sees",
		"figures", "figure", "records", "learned", "found", "show", "shows", "signals",
		"signal", "hints", "hint", "states", "state", "counter", "counters",
		"challenge", "challenges", "dispute", "disputes", "reply", "replies", "response",
		"project", "projects", "forecast", "forecasts", "joke", "jokes", "cry", "cries",
		"attack", "attacks", "muse", "spin", "aim", "aims", "wish", "wishes", "guess",
		"favor", "favour", "detail", "details", "post", "see", "know", "like", "sing",
		"charge", "charges", "address", "credit", "label", "labels", "brand", "term", "terms",
		"echo", "echoes", "offer", "offers", "push", "raise", "worry", "worries", "ruling",
		"release", "welcome", "correct", "discuss", "issue", "issues", "support", "plan",
	})
	timeWords = set([]string{
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"yesterday", "today", "tonight", "earlier", "later", "recently", "previously",
		"morning", "afternoon", "evening", "night", "week", "month", "year", "weekend",
	})
	// timeFillers may stand between a cue and what was said: "said on Tuesday", "said late
	// last week".
	timeFillers   = set([]string{"on", "at", "last", "this", "late", "early", "in", "a", "an", "the"})
	listenerVerbs = set([]string{"tell", "inform", "assure", "warn", "ask", "urge", "advise", "remind", "caution"})
	passiveOK     = set([]string{"say", "believe", "think", "report", "allege", "rumor", "rumour", "understand", "know", "claim", "expect", "suspect", "fear", "consider", "see", "view", "estimate"})
)

// sentenceOf returns, for each token, the index of the sentence it starts in.
func sentenceOf(b *Block, toks *tokens) []int {
	out := make([]int, len(toks.list))
	si := 0
	for i, t := range toks.list {
		for si < len(b.Sentences)-1 && t.start >= b.Sentences[si].End {
			si++
		}
		out[i] = si
	}
	return out
}

// blockSpeech is the speech analysis of one block.
type blockSpeech struct {
	pa    *provenanceAnalysis
	bi    int
	b     *Block
	toks  *tokens
	sent  []int // sentence index per token
	cues  []cue
	quote []bool // per token: inside a depth-0 quotation
	done  []attributed
}

// attributed is a cue of this block already tied to its source phrase.
type attributed struct {
	c  cue
	np phrase
}

func (pa *provenanceAnalysis) block(bi int) {
	b := &pa.doc.Blocks[bi]
	pa.toks.tokenize(b.Text)
	bs := &blockSpeech{pa: pa, bi: bi, b: b, toks: &pa.toks}
	bs.sent = sentenceOf(b, bs.toks)
	bs.quote = make([]bool, len(bs.toks.list))
	for i, t := range bs.toks.list {
		bs.quote[i] = b.Quoted(t.start)
	}
	bs.findCues()
	attributedQuote := map[*Quote]bool{}
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
}

// colonLabels are words that stand before a colon at the start of a paragraph without
// being a speaker.
var colonLabels = set([]string{
	"note", "update", "updated", "editor", "editors", "photo", "photos", "source", "sources",
	"related", "watch", "read", "correction", "disclosure", "warning", "caption", "credit",
	"image", "video", "listen", "see", "also", "more", "q", "a", "question", "answer", "subscribe",
	"follow", "contact", "email", "tags", "topics", "share", "comments", "advertisement",
})

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
		if last == 0 && colonLabels[toks.wordAt(0)] {
			return
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

// dashSignatures reads a quotation followed by a dash and a name as signed by that name:
// "”― Sonya Herridge".
func (bs *blockSpeech) dashSignatures(attributed map[*Quote]bool) {
	toks, text := bs.toks, bs.b.Text
	for i := range bs.pa.doc.Quotes {
		q := &bs.pa.doc.Quotes[i]
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
		firstBlock := &bs.pa.doc.Blocks[q.Parts[0].Para]
		at := Attribution{Verb: "dash", Tone: ToneNeutral, Form: FormDirect, Block: bs.bi,
			Cue: bs.b.SourceSpan(dash, dash+n), Mention: bs.span(np.first, np.last),
			Content: Span{firstBlock.SourceOffset(q.Parts[0].InnerStart), bs.b.SourceSpan(last.InnerStart, last.InnerEnd).End}}
		at.Source = bs.resolve(np, cue{first: np.first, last: np.last})
		bs.record(at, false)
	}
}

// record keeps an attribution and, unless it is inside quoted or reported speech, makes its
// source the most recent speaker.
func (bs *blockSpeech) record(at Attribution, quoted bool) {
	pa := bs.pa
	pa.atts = append(pa.atts, at)
	if at.Source != nil && !quoted && !pa.nested(at.Cue) {
		pa.last, pa.lastB = at.Source, bs.bi
		pa.spoke = append(pa.spoke, spoken{at.Source, at.Cue, bs.bi})
	}
}

// findCues lists the verbs and phrases of saying in the block.
func (bs *blockSpeech) findCues() {
	toks, lx := bs.toks, bs.pa.lx
	for i := 0; i < len(toks.list); i++ {
		key := toks.wordAt(i)
		if key == "according" && i+1 < len(toks.list) && toks.wordAt(i+1) == "to" && toks.spaceBetween(i) {
			bs.cues = append(bs.cues, cue{first: i, last: i + 1, verb: verbForm{lemma: "according to", tone: ToneNeutral}, according: true, quoted: bs.quote[i]})
			i++
			continue
		}
		forms := lx.verbs[key]
		if len(forms) == 0 || !isLower(toks.text[toks.list[i].start:toks.list[i].end]) {
			continue
		}
		form, last, ok := bs.pickForm(i, forms)
		if !ok {
			continue
		}
		if (form.lemma == "speak" || form.lemma == "talk") && strings.HasSuffix(key, "ing") {
			continue // "speaking to CNN" names the venue of a statement, not a new one
		}
		c := cue{first: i, last: last, verb: form, quoted: bs.quote[i]}
		prev := bs.skipAux(i - 1)
		if prev >= 0 && toks.spaceBetween(prev) && beForms[toks.wordAt(prev)] && pastParticiple(key) {
			c.passive = true
		}
		if !c.passive && bs.usedAsNoun(i) && !bs.reportsThat(i) {
			continue
		}
		bs.cues = append(bs.cues, c)
		i = last
	}
}

// pickForm chooses the verb form at token i: a multi-word form whose words follow, or a
// single-word one.
func (bs *blockSpeech) pickForm(i int, forms []verbForm) (verbForm, int, bool) {
	var single *verbForm
	for k := range forms {
		f := &forms[k]
		if len(f.phrase) == 0 {
			if single == nil || (single.evidence && !f.evidence) {
				single = f
			}
			continue
		}
		if phraseAt(bs.toks, i+1, f.phrase) && bs.toks.spaceBetween(i) {
			return *f, i + len(f.phrase), true
		}
	}
	if single == nil {
		return verbForm{}, 0, false
	}
	return *single, i, true
}

// skipAux steps left from token j over auxiliaries and adverbs ("has also", "previously"),
// returning the first other token, or -1.
func (bs *blockSpeech) skipAux(j int) int {
	toks := bs.toks
	for j >= 0 {
		key := toks.wordAt(j)
		word := toks.text[toks.list[j].start:toks.list[j].end]
		adverb := strings.HasSuffix(key, "ly") && len(key) > 4 && isLower(word)
		if !auxiliaries[key] && !adverb {
			return j
		}
		if j == 0 || !toks.spaceBetween(j-1) {
			return j - 1
		}
		j--
	}
	return -1
}

// usedAsNoun reports whether a word that can be a noun or a verb ("reports", "plans") is
// used as a noun here: after a determiner, a preposition or a lower-case word that cannot be
// a subject.
func (bs *blockSpeech) usedAsNoun(i int) bool {
	toks := bs.toks
	key := toks.wordAt(i)
	if i == 0 || !toks.spaceBetween(i-1) {
		return nounVerbs[key]
	}
	prev := toks.wordAt(i - 1)
	if (strings.HasSuffix(prev, "'s") || strings.HasSuffix(prev, "s'")) && !pronouns[prev] {
		return true // "Soleimani's alleged plans", but not "he's claiming"
	}
	if determiners[prev] || prev == "of" || prev == "for" || prev == "to" || prev == "no" {
		return true
	}
	if !nounVerbs[key] {
		return false
	}
	if !strings.HasSuffix(key, "s") && pluralNoun(prev) {
		return false // "fishermen fear", "residents plan"
	}
	prevWord := toks.text[toks.list[i-1].start:toks.list[i-1].end]
	if !isLower(prevWord) || pronouns[prev] {
		return false
	}
	lx := bs.pa.lx
	return !(lx.vague[prev] || lx.anonymous[prev] || lx.documents[prev] || lx.organisations[prev] || lx.titles[prev] || auxiliaries[prev])
}

// pastParticiple guesses from its ending whether a verb form is a past participle: "is
// said", "was believed", but not "is calling".
func pastParticiple(w string) bool {
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "en") {
		return true
	}
	switch w {
	case "said", "thought", "told", "held", "felt", "understood", "sought", "spun", "sung", "known", "seen", "written", "spoken":
		return true
	}
	return false
}

// pluralNoun guesses from its ending whether a word is a plural noun.
func pluralNoun(w string) bool {
	return len(w) > 3 && (strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "men") || strings.HasSuffix(w, "people"))
}

// reportsThat reports whether token i is a vague noun followed by "that": "amid reports
// that", which is an attribution whose source is the noun itself.
func (bs *blockSpeech) reportsThat(i int) bool {
	toks := bs.toks
	return bs.pa.lx.vague[toks.wordAt(i)] && i+1 < len(toks.list) && toks.wordAt(i+1) == "that" && toks.spaceBetween(i)
}

// attribute ties a cue to its source and content and records the attribution.
func (bs *blockSpeech) attribute(c cue, attributedQuote map[*Quote]bool) {
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
	if c.verb.evidence && (!np.ok || !bs.pa.lx.documents[toks.wordAt(np.last)]) {
		return
	}
	if np.ok && np.first == np.last {
		// "I think", "we know" in the writer's own voice are the writer's opinion, not a
		// report of someone else's; "you" is nobody in particular.
		w := toks.wordAt(np.first)
		if i := strings.IndexByte(w, '\''); i > 0 {
			w = w[:i]
		}
		switch w {
		case "you":
			return
		case "i", "we":
			if !c.quoted {
				return
			}
		}
	}
	if !np.ok && at.Form != FormUnsourced {
		return
	}
	at.Venue = bs.venue(c)
	at.Content = bs.content(c, np, &at, attributedQuote)
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
	bs.done = append(bs.done, attributed{c, np})
}

// coordinated returns the capitalised noun phrases joined to np by "and" before it:
// "President Trump and the US State Department accused" has two speakers.
func (bs *blockSpeech) coordinated(np phrase) []phrase {
	toks := bs.toks
	var out []phrase
	for np.first >= 2 && toks.wordAt(np.first-1) == "and" && toks.spaceBetween(np.first-2) && toks.spaceBetween(np.first-1) {
		prev := bs.leftNP(np.first-2, np.first-1)
		if !prev.ok || isLower(toks.text[toks.list[prev.last].start:toks.list[prev.last].end]) {
			break
		}
		out = append(out, prev)
		np = prev
	}
	return out
}

// hasSubject reports whether a subject stands right before token i ("Reuters reports").
func (bs *blockSpeech) hasSubject(i int) bool {
	j := bs.skipAux(i - 1)
	if j < 0 || !bs.toks.spaceBetween(j) {
		return false
	}
	word := bs.toks.text[bs.toks.list[j].start:bs.toks.list[j].end]
	return pronouns[bs.toks.wordAt(j)] || !isLower(word)
}

// unsourcedPassive reports whether a passive cue hides its speaker: "it is believed",
// "is said to have", "is seen as".
func (bs *blockSpeech) unsourcedPassive(c cue) bool {
	toks := bs.toks
	if c.last+1 < len(toks.list) && toks.spaceBetween(c.last) {
		switch toks.wordAt(c.last + 1) {
		case "by":
			return false
		case "to", "as", "that":
			return true
		}
	}
	be := bs.skipAux(c.first - 1)
	subj := bs.skipAux(be - 1)
	return subj >= 0 && toks.spaceBetween(subj) && toks.wordAt(subj) == "it"
}

// phrase is a token range naming a source.
type phrase struct {
	first, last int
	ok          bool
}

// speaker finds the source of a cue: the subject before it, or after it when inverted
// ("...," said Esper), or the speaker of the clause it continues ("and said").
func (bs *blockSpeech) speaker(c cue) phrase {
	toks := bs.toks
	if c.first > 0 {
		gap := toks.text[toks.list[c.first-1].end:toks.list[c.first].start]
		if strings.ContainsAny(gap, ",\"”’':;—–") || bs.sent[c.first-1] != bs.sent[c.first] {
			if np := bs.rightNP(c.last+1, true); np.ok {
				return np
			}
		}
	}
	if c.first == 0 || bs.sent[c.first-1] != bs.sent[c.first] {
		if np := bs.rightNP(c.last+1, true); np.ok {
			return np
		}
		return phrase{}
	}
	j := bs.skipAux(c.first - 1)
	if j > 0 && beForms[toks.wordAt(j)] && toks.spaceBetween(j-1) {
		j = bs.skipAux(j - 1) // "is demanding", "was once again questioning"
	}
	if j < 0 || bs.sent[j] != bs.sent[c.first] {
		return bs.continuedSubject(c)
	}
	if !toks.spaceBetween(j) {
		if np := bs.setOff(j); np.ok {
			return np
		}
		return bs.continuedSubject(c)
	}
	key := toks.wordAt(j)
	switch {
	case key == "who" || key == "which":
		// "Smith, who said" or "an architect who said": the speaker is the noun phrase
		// before the relative pronoun.
		if j > 0 && bs.sent[j-1] == bs.sent[j] {
			gap := strings.TrimSpace(toks.text[toks.list[j-1].end:toks.list[j].start])
			if gap == "," || gap == "" {
				return bs.leftNP(j-1, c.first)
			}
		}
		return phrase{}
	case key == "and" || key == "but" || key == "then":
		return bs.continuedSubject(c)
	}
	return bs.leftNP(j, c.first)
}

// setOff finds the speaker before a description set off by commas or brackets that ends at
// token j: "Phil Smith, a spokesman for the union, said" or "Sen. Ann Roe (D-Mo.) said".
func (bs *blockSpeech) setOff(j int) phrase {
	toks := bs.toks
	if j+1 >= len(toks.list) {
		return phrase{}
	}
	closing := strings.TrimSpace(toks.text[toks.list[j].end:toks.list[j+1].start])
	var opener string
	switch closing {
	case ",":
		opener = ","
	case ")":
		opener = "("
	default:
		return phrase{}
	}
	for k := j; k > 0 && j-k < 15 && bs.sent[k-1] == bs.sent[j]; k-- {
		gap := toks.text[toks.list[k-1].end:toks.list[k].start]
		if !strings.Contains(gap, opener) {
			if strings.ContainsAny(gap, ".;:!?\"“”") {
				return phrase{}
			}
			continue
		}
		if strings.TrimSpace(gap) != opener {
			return phrase{}
		}
		np := bs.leftNP(k-1, k)
		if !np.ok || isLower(toks.text[toks.list[np.last].start:toks.list[np.last].end]) && !determiners[toks.wordAt(np.first)] {
			return phrase{}
		}
		return np
	}
	return phrase{}
}

// continuedSubject returns the source of the previous cue in the same sentence ("Trump
// threatened ... and said"), or of the sentence's first noun phrase for a participle
// (", saying").
func (bs *blockSpeech) continuedSubject(c cue) phrase {
	for k := len(bs.done) - 1; k >= 0; k-- {
		d := bs.done[k]
		if d.c.last < c.first && bs.sent[d.c.first] == bs.sent[c.first] && d.np.ok {
			return d.np
		}
	}
	word := bs.toks.text[bs.toks.list[c.first].start:bs.toks.list[c.first].end]
	if strings.HasSuffix(word, "ing") {
		start := bs.sentenceStartToken(c.first)
		end := start
		for end+1 < c.first && bs.toks.spaceBetween(end) && !stopWords[bs.toks.wordAt(end+1)] && end-start < 7 {
			end++
		}
		if np := bs.checkNP(start, end); np.ok {
			return np
		}
	}
	return phrase{}
}

// leftNP collects the noun phrase ending at token last, going left to a boundary.
func (bs *blockSpeech) leftNP(last, cueTok int) phrase {
	toks := bs.toks
	if stopWords[toks.wordAt(last)] {
		return phrase{}
	}
	first := last
	for first > 0 && toks.spaceBetween(first-1) && bs.sent[first-1] == bs.sent[last] && last-first < 7 {
		k := toks.wordAt(first - 1)
		if stopWords[k] && k != "of" || bs.isCueToken(first-1) {
			break
		}
		first--
	}
	// Drop a leading time phrase or verb-like lower-case run: "On Tuesday Esper".
	for first < last && (timeWords[toks.wordAt(first)] || isLower(toks.text[toks.list[first].start:toks.list[first].end]) && !determiners[toks.wordAt(first)] && !bs.nounish(first)) {
		first++
	}
	_ = cueTok
	return bs.checkNP(first, last)
}

// rightNP collects the noun phrase starting at token first, going right to a boundary.
// When inverted, the phrase must end the clause: "said Esper." or "said a spokesman, who".
func (bs *blockSpeech) rightNP(first int, inverted bool) phrase {
	toks := bs.toks
	if first >= len(toks.list) {
		return phrase{}
	}
	if stopWords[toks.wordAt(first)] && !pronouns[toks.wordAt(first)] {
		return phrase{}
	}
	last := first
	for last+1 < len(toks.list) && toks.spaceBetween(last) && bs.sent[last+1] == bs.sent[first] && last-first < 7 {
		k := toks.wordAt(last + 1)
		if stopWords[k] && k != "of" || bs.isCueToken(last+1) || timeWords[k] && !isLower(toks.text[toks.list[last].start:toks.list[last].end]) {
			break
		}
		if isLower(toks.text[toks.list[last+1].start:toks.list[last+1].end]) && !bs.nounish(last+1) && !determiners[k] && k != "of" {
			break
		}
		last++
	}
	for last > first && toks.wordAt(last) == "of" {
		last--
	}
	if inverted && last+1 < len(toks.list) && toks.spaceBetween(last) && bs.sent[last+1] == bs.sent[first] {
		k := toks.wordAt(last + 1)
		if !stopWords[k] && !timeWords[k] {
			return phrase{}
		}
	}
	return bs.checkNP(first, last)
}

// clauseNP takes the words from token first to the end of the clause (punctuation or a
// clause word), at most ten: "according to the event organizer Alliance for Schools".
func (bs *blockSpeech) clauseNP(first int) phrase {
	toks := bs.toks
	if first >= len(toks.list) || bs.sent[first] != bs.sent[first-1] || !toks.spaceBetween(first-1) {
		return phrase{}
	}
	last := first
	for last+1 < len(toks.list) && last-first < 9 && toks.spaceBetween(last) && bs.sent[last+1] == bs.sent[first] {
		k := toks.wordAt(last + 1)
		if k != "of" && k != "for" && stopWords[k] {
			break
		}
		last++
	}
	for last > first && (toks.wordAt(last) == "of" || toks.wordAt(last) == "for" || bs.trailingModifier(last)) {
		last--
	}
	return phrase{first, last, true}
}

// trailingModifier reports whether token i is a lower-case word left over after a noun
// ("sources close" in "according to sources close to the talks").
func (bs *blockSpeech) trailingModifier(i int) bool {
	toks := bs.toks
	word := toks.text[toks.list[i].start:toks.list[i].end]
	prev := toks.text[toks.list[i-1].start:toks.list[i-1].end]
	return isLower(word) && !bs.nounish(i) && (bs.nounish(i-1) || !isLower(prev))
}

// nounish reports whether a lower-case token can head or extend a source phrase.
func (bs *blockSpeech) nounish(i int) bool {
	lx := bs.pa.lx
	k := bs.toks.wordAt(i)
	return lx.vague[k] || lx.anonymous[k] || lx.documents[k] || lx.organisations[k] || lx.titles[k] || lx.media[k] || pronouns[k] || determiners[k]
}

// checkNP accepts a token range as a source phrase when its head can name a speaker: a
// capitalised word, a pronoun, or a word from the rubric's source lists.
func (bs *blockSpeech) checkNP(first, last int) phrase {
	if first > last || first < 0 {
		return phrase{}
	}
	toks := bs.toks
	head := toks.text[toks.list[last].start:toks.list[last].end]
	k := toks.wordAt(last)
	if stopWords[k] && !pronouns[k] {
		return phrase{}
	}
	if !isLower(head) || bs.nounish(last) && !determiners[k] || pronouns[k] {
		return phrase{first, last, true}
	}
	// A common noun after a determiner: "the announcer", "a writer".
	if first < last && (determiners[toks.wordAt(first)] || strings.HasSuffix(toks.wordAt(first), "'s")) && !stopWords[k] {
		return phrase{first, last, true}
	}
	// A lower-case plural with a modifier that marks a noun phrase: "Maresby's fishermen",
	// "the local fishermen".
	if first < last && pluralNoun(k) {
		w := toks.wordAt(first)
		if determiners[w] || !isLower(toks.text[toks.list[first].start:toks.list[first].end]) || strings.HasSuffix(w, "'s") {
			return phrase{first, last, true}
		}
	}
	return phrase{}
}

func (bs *blockSpeech) isCueToken(i int) bool {
	for _, c := range bs.cues {
		if c.first <= i && i <= c.last {
			return true
		}
	}
	return false
}

// venue finds where a statement was made: "speaking to CNN", "told reporters", "in a
// statement", "on Twitter".
func (bs *blockSpeech) venue(c cue) string {
	toks, lx := bs.toks, bs.pa.lx
	sent := bs.sent[c.first]
	for i := c.first; i < len(toks.list) && bs.sent[i] == sent; i++ {
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
			if determiners[toks.wordAt(j)] && j+1 < len(toks.list) {
				j++
			}
			if lx.media[toks.wordAt(j)] && toks.spaceBetween(i) {
				return cleanText(toks.text[toks.list[i].start:toks.list[j].end])
			}
			continue
		default:
			continue
		}
		if np.ok && (lx.media[toks.wordAt(np.last)] || !isLower(toks.text[toks.list[np.last].start:toks.list[np.last].end])) {
			return cleanText(toks.text[toks.list[np.first].start:toks.list[np.last].end])
		}
	}
	return ""
}

// content finds what was said: the quotation the cue introduces or closes, the clause after
// "said (that)", or the clause before an inverted attribution.
func (bs *blockSpeech) content(c cue, np phrase, at *Attribution, attributedQuote map[*Quote]bool) Span {
	b, toks := bs.b, bs.toks
	cueStart, cueEnd := toks.list[c.first].start, toks.list[c.last].end
	if q, ok := bs.adjacentQuote(c, np); ok && !attributedQuote[q] {
		attributedQuote[q] = true
		at.Form = FormDirect
		first, last := q.Parts[0], q.Parts[len(q.Parts)-1]
		startBlock := &bs.pa.doc.Blocks[first.Para]
		return Span{startBlock.SourceOffset(first.InnerStart), b.SourceSpan(last.InnerStart, last.InnerEnd).End}
	}
	s := b.Sentences[bs.sent[c.first]]
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
	if after < len(toks.list) && bs.sent[after] == bs.sent[c.first] && (!c.according || atStart) {
		start, end = toks.list[after].start, trimEnd(b.Text, s.End)
	} else {
		// Inverted: the content comes before the attribution.
		subjectStart := cueStart
		if np.ok && np.first < c.first {
			subjectStart = toks.list[np.first].start
		}
		start, end = s.Start, strings.LastIndexAny(b.Text[s.Start:subjectStart], ",")
		if end < 0 {
			return Span{}
		}
		end += s.Start
	}
	end = bs.clampContent(c, start, end)
	if start >= end || start < cueEnd && end > cueStart && start < cueStart {
		return Span{}
	}
	if bs.hasPhraseQuote(start, end) && at.Form == FormReported {
		at.Form = FormPartial
	}
	return b.SourceSpan(start, end)
}

// clampContent ends reported content where the quotation holding the cue ends, and before a
// second cue joined by "and" ("threatened X and said Y").
func (bs *blockSpeech) clampContent(c cue, start, end int) int {
	if c.quoted {
		for _, q := range bs.pa.doc.Quotes {
			for _, p := range q.Parts {
				if q.Depth == 0 && p.Para == bs.bi && p.InnerStart <= start && start < p.InnerEnd {
					end = min(end, p.InnerEnd)
				}
			}
		}
	}
	for _, other := range bs.cues {
		if other.first <= c.last || bs.sent[other.first] != bs.sent[c.first] || other.first == 0 {
			continue
		}
		j := other.first - 1
		if k := bs.toks.wordAt(j); (k == "and" || k == "but") && bs.toks.list[j].start > start {
			end = min(end, bs.toks.list[j].start)
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
	k := bs.toks.wordAt(i)
	if timeWords[k] || k == "that" {
		return true
	}
	if !timeFillers[k] {
		return false
	}
	for j := i + 1; j < len(bs.toks.list) && j <= i+3; j++ {
		if timeWords[bs.toks.wordAt(j)] {
			return true
		}
		if !timeFillers[bs.toks.wordAt(j)] {
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
	for _, q := range bs.pa.doc.Quotes {
		if q.Depth != 0 || q.Kind != quote.Statement {
			continue
		}
		last := q.Parts[len(q.Parts)-1]
		first := q.Parts[0]
		if last.Para == bs.bi && last.End <= leftOff && onlyPunct(bs.b.Text[last.End:leftOff]) {
			return bs.quoteRef(q), true
		}
		if first.Para == bs.bi && first.Start >= rightOff && bs.introduces(rightOff, first.Start) {
			return bs.quoteRef(q), true
		}
	}
	return nil, false
}

func (bs *blockSpeech) quoteRef(q Quote) *Quote {
	for i := range bs.pa.doc.Quotes {
		if bs.pa.doc.Quotes[i].Parts[0] == q.Parts[0] {
			return &bs.pa.doc.Quotes[i]
		}
	}
	return nil
}

// introduces reports whether the text between a cue and a quote introduces it: a colon or
// comma, possibly after a listener ("told reporters:").
func (bs *blockSpeech) introduces(from, to int) bool {
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
	for _, q := range bs.pa.doc.Quotes {
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
	for i := range pa.doc.Quotes {
		q := &pa.doc.Quotes[i]
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
		pa.atts = append(pa.atts, Attribution{
			Source: sp, Cue: firstBlock.SourceSpan(first.Start, first.InnerStart), Verb: "quote", Tone: ToneNeutral,
			Content: Span{firstBlock.SourceOffset(first.InnerStart), bs.b.SourceSpan(last.InnerStart, last.InnerEnd).End},
			Form:    FormDirect, Block: first.Para,
		})
	}
}

// insideContent reports whether offset lies in what an attribution already reports: a
// quotation inside reported speech belongs to that report.
func (pa *provenanceAnalysis) insideContent(offset int) bool {
	for _, at := range pa.atts {
		if at.Content.Start <= offset && offset < at.Content.End {
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

// span maps a token range to source bytes.
func (bs *blockSpeech) span(first, last int) Span {
	return bs.b.SourceSpan(bs.toks.list[first].start, bs.toks.list[last].end)
}

func (bs *blockSpeech) sentenceStartToken(i int) int {
	for i > 0 && bs.sent[i-1] == bs.sent[i] {
		i--
	}
	return i
}

// isLower reports whether a word starts with a lower-case letter.
func isLower(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsLower(r)
}

// wordAt returns the folded form of token i as a string that shares the tokenizer's memory:
// no allocation, valid until the next tokenize. The provenance analysis looks words up in
// many small sets, so copying each would cost more than the lookups.
func (t *tokens) wordAt(i int) string {
	k := t.key(i)
	if len(k) == 0 {
		return ""
	}
	return unsafe.String(&k[0], len(k))
}
