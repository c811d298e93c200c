package provenance

// This file reads noun phrases: where a phrase that may name a source begins and ends, and
// whether its head can name someone who speaks.

import (
	"bytes"
	"strings"
)

// phraseReader reads the noun phrases of a paragraph that may name a source: where one begins
// and ends around a token, and whether its head can name someone who speaks.
type phraseReader struct{ *paragraph }

// phrase is a token range naming a source.
type phrase struct {
	first, last int
	ok          bool
}

// joinsPhrase reports whether tokens i and i+1 may be words of one noun phrase: only white
// space between them, or the full stop of an abbreviated honorific or an initial ("Mr. Hale",
// "Sen. Ann Roe", "Tom J. Hale").
func (pr phraseReader) joinsPhrase(i int) bool {
	toks := pr.toks
	if toks.SpaceBetween(i) {
		return true
	}
	gap := toks.Text[toks.List[i].End:toks.List[i+1].Start]
	if gap == "" || gap[0] != '.' || strings.Trim(gap[1:], " \t") != "" {
		return false // a full stop then a line break ends a line of its own
	}
	if gap == "." {
		return isInitial(toks.Text[toks.List[i].Start:toks.List[i].End]) && isInitial(toks.Text[toks.List[i+1].Start:toks.List[i+1].End]) // "U.S."
	}
	word := toks.Text[toks.List[i].Start:toks.List[i].End]
	return isInitial(word) || honorifics[toks.WordAt(i)] && !isLower(word)
}

// isInitial reports whether a word is one capital letter: an initial ("Tom J. Hale")
// or a letter of a dotted abbreviation ("U.S.").
func isInitial(word string) bool {
	return len(word) == 1 && 'A' <= word[0] && word[0] <= 'Z'
}

// QuoteMarks are the marks that open or close a quotation.
const QuoteMarks = "\"“”‘’'«»„"

// honorifics are the titles written abbreviated with a full stop before a name.
var honorifics = wordSet([]string{
	"mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
	"maj", "adm", "cmdr", "rev", "fr", "st", "supt", "insp", "det", "amb", "pres",
})

// endingAt collects the noun phrase ending at token last, going left to a boundary.
func (pr phraseReader) endingAt(last int) phrase {
	toks := pr.toks
	if pr.is(last, wcStop) && !pr.capitalisedInside(last) {
		return phrase{}
	}
	if pr.isPronoun(last) {
		// A pronoun is a phrase of its own: in "the first place I saw", "I" saw.
		return pr.sourcePhrase(last, last)
	}
	first := last
	for first > 0 && pr.joinsPhrase(first-1) && pr.sentenceOf[first-1] == pr.sentenceOf[last] && last-first < 7 {
		if pr.is(first-1, wcStop) && toks.WordAt(first-1) != "of" || pr.isCueToken(first-1) || subjectPronouns[toks.WordAt(first-1)] {
			break
		}
		first--
	}
	// Drop a leading time phrase or verb-like lower-case run: "On Tuesday Esper".
	for first < last && (pr.is(first, wcTime) || isLower(toks.Text[toks.List[first].Start:toks.List[first].End]) && !pr.is(first, wcDeterminer) && !pr.sourceWord(first)) {
		first++
	}
	// "Hale issued a statement saying": whoever issued the statement is its source.
	for k := last - 1; k > first && pr.is(last, wcDocument); k-- {
		if pr.is(k+1, wcDeterminer) && issuingVerb(toks.WordAt(k)) && isLower(toks.Text[toks.List[k].Start:toks.List[k].End]) {
			if issuer := pr.sourcePhrase(first, k-1); issuer.ok {
				return issuer
			}
			first = k + 1
			break
		}
	}
	return pr.sourcePhrase(first, last)
}

// issuingVerb reports whether a word is the past tense of a verb that puts out a document
// ("issued", "released", "sent"): the guess is every verb in -ed and a few irregular ones.
func issuingVerb(w string) bool {
	switch w {
	case "sent", "gave", "wrote", "put", "made":
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed")
}

// startingAt collects the noun phrase starting at token first, going right to a
// boundary. When inverted, the phrase must end the clause: "said Esper." or "said a spokesman,
// who".
func (pr phraseReader) startingAt(first int, inverted bool) phrase {
	toks := pr.toks
	if first >= len(toks.List) {
		return phrase{}
	}
	if c := pr.class(first); c&wcStop != 0 && c&wcPronoun == 0 || c&wcTime != 0 || isYear(toks.WordAt(first)) {
		return phrase{} // "said Thursday morning" names when, not who
	}
	if inverted && first > 0 && strings.ContainsAny(toks.Text[toks.List[first-1].End:toks.List[first].Start], QuoteMarks) {
		return phrase{} // "says, 'This is wrong'": the words of the quotation, not its speaker
	}
	last := first
	for last+1 < len(toks.List) && pr.joinsPhrase(last) && pr.sentenceOf[last+1] == pr.sentenceOf[first] && last-first < 7 {
		next, nextClass := toks.WordAt(last+1), pr.class(last+1)
		if nextClass&wcStop != 0 && next != "of" || pr.isCueToken(last+1) || nextClass&wcTime != 0 && !isLower(toks.Text[toks.List[last].Start:toks.List[last].End]) {
			break
		}
		if isLower(toks.Text[toks.List[last+1].Start:toks.List[last+1].End]) && !pr.sourceWord(last+1) && nextClass&wcDeterminer == 0 && next != "of" {
			break
		}
		last++
	}
	for last > first && toks.WordAt(last) == "of" {
		last--
	}
	if inverted && last+1 < len(toks.List) && toks.SpaceBetween(last) && pr.sentenceOf[last+1] == pr.sentenceOf[first] {
		// "said Esper on Monday", "said a spokesman, who"; but in "said the channel was
		// safe" the channel is what was said about.
		if !pr.is(last+1, wcStop|wcTime) || pr.is(last+1, wcAuxiliary|wcBe) {
			return phrase{}
		}
	}
	return pr.sourcePhrase(first, last)
}

// toClauseEnd takes the words from token first to the end of the clause (punctuation or
// a clause word), at most ten: "according to the event organizer Alliance for Schools".
func (pr phraseReader) toClauseEnd(first int) phrase {
	toks := pr.toks
	if first >= len(toks.List) || pr.sentenceOf[first] != pr.sentenceOf[first-1] || !toks.SpaceBetween(first-1) {
		return phrase{}
	}
	last, cut := first, false // cut: the phrase stopped at a clause word, not at punctuation
	for last+1 < len(toks.List) && last-first < 9 && pr.joinsPhrase(last) && pr.sentenceOf[last+1] == pr.sentenceOf[first] {
		if k := toks.WordAt(last + 1); k != "of" && k != "for" && pr.is(last+1, wcStop) {
			cut = true
			break
		}
		last++
	}
	for last > first && (toks.WordAt(last) == "of" || toks.WordAt(last) == "for" || cut && pr.trailingModifier(last)) {
		last--
	}
	return phrase{first, last, true}
}

// trailingModifier reports whether token i is a lower-case word left over after a noun
// ("sources close" in "according to sources close to the talks").
func (pr phraseReader) trailingModifier(i int) bool {
	toks := pr.toks
	word := toks.Text[toks.List[i].Start:toks.List[i].End]
	prev := toks.Text[toks.List[i-1].Start:toks.List[i-1].End]
	if pr.is(i-1, wcDeterminer) || pr.is(i-1, wcPronoun) {
		return false // "the agent", "their plan": the noun itself
	}
	return isLower(word) && !pr.sourceWord(i) && (pr.sourceWord(i-1) || !isLower(prev))
}

// sourcePhrase accepts a token range as a source phrase when its head can name a speaker: a
// capitalised word, a pronoun, or a word from the rubric's source lists.
func (pr phraseReader) sourcePhrase(first, last int) phrase {
	if first > last || first < 0 {
		return phrase{}
	}
	toks := pr.toks
	// A sentence's first word is capitalised whatever it is: "Instead Trump" is Trump, and
	// "Clearly wants", "Time will tell" name no one.
	// ("The Mail" keeps its article.)
	if first == pr.sentenceStart(first) && pr.sentenceOpener(first) {
		if first == last {
			return phrase{}
		}
		if !pr.is(first, wcDeterminer) && !isLower(toks.Text[toks.List[first+1].Start:toks.List[first+1].End]) {
			first++
		}
	}
	head := toks.Text[toks.List[last].Start:toks.List[last].End]
	headKey, headClass := toks.WordAt(last), pr.class(last)
	if pr.headline && !pr.headlineName(first, last) {
		return phrase{}
	}
	if first == last && calendarWord(headKey) && !isLower(head) {
		return phrase{} // "In August, ... saying": a month or a day says nothing
	}
	if strings.HasSuffix(headKey, "n't") {
		return phrase{} // "Don't deny it": an imperative, not a speaker
	}
	if headClass&wcStop != 0 && headClass&wcPronoun == 0 && !pr.capitalisedInside(last) {
		return phrase{}
	}
	if !isLower(head) || pr.sourceWord(last) && headClass&wcDeterminer == 0 || headClass&wcPronoun != 0 {
		return phrase{first, last, true}
	}
	if first >= last || !pr.headNamesSomeone(first, last) {
		return phrase{} // "the rate would decline", "a box labeled"
	}
	// A common noun after a determiner: "the announcer", "a writer".
	if (pr.is(first, wcDeterminer) || strings.HasSuffix(toks.WordAt(first), "'s")) && headClass&wcStop == 0 {
		return phrase{first, last, true}
	}
	// A lower-case plural with a modifier that marks a noun phrase: "Maresby's fishermen",
	// "the local fishermen".
	if pluralNoun(headKey) {
		w := toks.WordAt(first)
		if pr.is(first, wcDeterminer) || !isLower(toks.Text[toks.List[first].Start:toks.List[first].End]) || strings.HasSuffix(w, "'s") {
			return phrase{first, last, true}
		}
	}
	return phrase{}
}

// calendarWord reports whether a folded word names a month or a day of the week.
func calendarWord(w string) bool {
	return months[w] || weekdays[w]
}

// weekdays are the days of the week, in full.
var weekdays = wordSet([]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})

// headlineName reports whether a phrase of a title-case headline may name a source: not
// "The Night Of The Vote" (an article inside it) nor "Records Support" (a verb for a head).
func (pr phraseReader) headlineName(first, last int) bool {
	for i := first + 1; i <= last; i++ {
		if pr.toks.WordAt(i) == "the" {
			return false
		}
	}
	k := pr.toks.WordAt(last)
	return !pr.is(last, wcNounVerb) && len(pr.analysis.lexicon.verbs[k]) == 0
}

// headNamesSomeone reports whether a phrase's head noun names someone: its last word, or
// the word before its first "of" ("the owner of the tape", "one of the women"), or the word
// before a reflexive pronoun ("the editor herself").
func (pr phraseReader) headNamesSomeone(first, last int) bool {
	if reflexives[pr.toks.WordAt(last)] && first < last {
		last--
	}
	if pr.namesSomeone(last) {
		return true
	}
	for k := first + 1; k < last; k++ {
		if pr.toks.WordAt(k) == "of" {
			return pr.namesSomeone(k-1) || pr.is(k-1, wcDeterminer)
		}
	}
	return false
}

// reflexives stand after a noun for emphasis: "the pope himself said".
var reflexives = wordSet([]string{"himself", "herself", "itself", "themselves"})

// namesSomeone reports whether the lower-case common noun at token i names someone who can
// speak: a word of the rubric's people list or of its source lists, alone or in the plural,
// or a noun with an agent's ending ("announcer", "activists", "chairwoman", "nominee").
func (pr phraseReader) namesSomeone(i int) bool {
	const sources = wcPeople | wcVague | wcAnonymous | wcTitle | wcOrganisation | wcMedia | wcDocument | wcPlace
	if pr.is(i, sources|wcDeterminer) { // a determiner stands for a noun: "no one", "the two"
		return true
	}
	w := pr.toks.WordAt(i)
	if k := strings.LastIndexByte(w, '-'); k > 0 && k+1 < len(w) {
		w = w[k+1:] // "ex-girlfriend", "commander-in-chief"
		if pr.analysis.lexicon.classOf(w)&sources != 0 {
			return true
		}
	}
	stem := w
	switch {
	case strings.HasSuffix(w, "ies"):
		stem = w[:len(w)-3] + "y" // "deputies"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		stem = w[:len(w)-1]
	}
	if stem != w && pr.analysis.lexicon.classOf(stem)&sources != 0 {
		return true
	}
	return agentNoun(stem) || agentNoun(w)
}

// agentEndings end nouns for someone who does something: "reporter", "investor",
// "provocateur", "activist", "historian", "chairman", "consultant", "nominee".
var agentEndings = []string{"er", "or", "eur", "ist", "ian", "man", "men", "person", "people", "ant", "ee"}

// agentNoun reports whether a folded word ends like a noun for someone.
func agentNoun(w string) bool {
	if notAgents[w] {
		return false
	}
	for _, end := range agentEndings {
		if len(w) > len(end)+2 && strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}

// notAgents end like agent nouns but name no one: comparatives ("a greater"), things ("the
// number", "a plant") and adjectives ("the important").
var notAgents = wordSet([]string{
	"number", "matter", "water", "power", "order", "border", "paper",
	"letter", "greater", "bigger", "better", "higher", "lower", "larger", "smaller", "older",
	"younger", "earlier", "later", "fewer", "further", "farther", "rather", "never", "however",
	"whether", "together", "either", "neither", "error", "factor", "sector", "floor", "door",
	"color", "colour", "honor", "honour", "labor", "labour", "rumor", "rumour", "mirror",
	"minor", "major", "interior", "exterior", "quarter", "center", "centre", "character",
	"chapter", "corner", "summer", "winter", "dinner", "river", "weather", "danger", "anger",
	"cancer", "computer", "register", "shelter", "filter", "layer", "tower", "theater",
	"theatre", "meter", "super", "proper", "disaster", "trigger", "offer", "answer", "cover",
	"fever", "finger", "hunger", "manner", "banner", "trailer", "tumor", "terror", "horror",
	"motor", "favor", "flavor", "behavior", "behaviour", "harbor", "harbour", "corridor",
	"prior", "plant", "grant", "chant", "restaurant", "elephant", "significant", "important",
	"relevant", "pleasant", "constant", "instant", "distant", "vacant", "brilliant", "variant",
	"warrant", "coffee", "degree", "guarantee", "german", "human", "median", "thinner",
	"sooner", "lesser", "bitter", "clever", "tender", "silver", "lever", "ladder",
})

// sentenceOpener reports whether token i, which starts a sentence, is a word that opens
// sentences rather than a name: a function word, an adverb ("Clearly", "Instead"), or a verb
// form in -ing or -ed ("Having", "Working") that the document also writes in lower case and
// that names no source registered so far ("Toensing added" is a name).
func (pr phraseReader) sentenceOpener(i int) bool {
	w := pr.toks.WordAt(i)
	if pr.is(i, wcVague|wcAnonymous|wcPronoun) {
		return false // "Some believe", "Many say": a quantifier that stands for people
	}
	if pr.is(i, wcStop|wcDeterminer|wcAuxiliary|wcBe|wcTime|wcTimeFiller) || openers[w] {
		return true
	}
	if lyAdverb(w) {
		return true
	}
	if len(w) > 5 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed")) {
		_, known := pr.analysis.sources.people[w]
		return !known && pr.analysis.lowerCaseInDocument(w)
	}
	return false
}

// lowerCaseInDocument reports whether the document writes w, a word of more than five
// lower-case ASCII letters ending in -ing or -ed, as a whole word in lower case (between
// bytes that are no ASCII letters). The document's words of that shape are collected into a
// set on the first call: searching the source for each word asked about would take time with
// the square of the document's length. A word with other letters is never found.
func (a *Analysis) lowerCaseInDocument(w string) bool {
	if a.lowerForms == nil {
		a.lowerForms = map[string]bool{}
		src := a.doc.Source
		for _, suffix := range [][]byte{[]byte("ing"), []byte("ed")} {
			for off := 0; ; {
				k := bytes.Index(src[off:], suffix)
				if k < 0 {
					break
				}
				end := off + k + len(suffix)
				off = end
				if end < len(src) && isASCIILetter(src[end]) {
					continue
				}
				start, lower := end, true
				for start > 0 && isASCIILetter(src[start-1]) {
					start--
					lower = lower && 'a' <= src[start]
				}
				if word := src[start:end]; lower && len(word) > 5 && !a.lowerForms[string(word)] {
					a.lowerForms[string(word)] = true
				}
			}
		}
	}
	return a.lowerForms[w]
}

// isASCIILetter reports whether c is an ASCII letter.
func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// openers are words other than function words that often open a sentence capitalised.
var openers = wordSet([]string{
	"instead", "otherwise", "rather", "ever", "well", "additional", "newest", "latest", "time",
	"second", "third", "finally", "meanwhile", "however", "indeed", "moreover", "furthermore",
	"yet", "please", "thus", "hence", "therefore", "perhaps", "maybe", "got", "keeps", "now",
	"having", "being", "another",
})

// sourceWord reports whether a lower-case token can head or extend a source phrase.
func (pr phraseReader) sourceWord(i int) bool {
	return pr.is(i, wcVague|wcAnonymous|wcDocument|wcOrganisation|wcTitle|wcMedia|wcPronoun|wcDeterminer)
}
