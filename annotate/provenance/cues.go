package provenance

// This file finds cues: the verbs and phrases that signal reported speech or thought.

import (
	"slices"
	"strings"

	"github.com/slant-news/slant/annotate/internal/words"
)

// cueFinder finds a paragraph's cues, and answers what their place in the sentence says of
// them: a passive with no speaker ("it is believed"), a vague noun that is its own source
// ("amid reports that").
type cueFinder struct{ *paragraph }

// cue is a verb or phrase of saying found in a block, as a range of tokens.
type cue struct {
	first, last int // token range
	verb        verbForm
	according   bool // "according to"
	passive     bool // "is said", "are believed"
	quoted      bool // inside a quotation: a speaker reporting someone else
	act         bool // with an object that makes it an act: "claimed responsibility" (act_objects)
}

// keyHashAccording is the word hash of "according", which starts the cue "according to".
var keyHashAccording = words.KeyHash([]byte("according"))

// find lists the verbs and phrases of saying in the block.
func (cf cueFinder) find() {
	toks, lx := cf.toks, cf.analysis.lexicon
	for i := 0; i < len(toks.List); i++ {
		if h := toks.List[i].Hash; !lx.verbFilter.MayHave(h) && h != keyHashAccording {
			continue // neither a verb of saying nor "according to"
		}
		key := toks.WordAt(i)
		if key == "according" && i+1 < len(toks.List) && toks.WordAt(i+1) == "to" && toks.SpaceBetween(i) {
			cf.cues = append(cf.cues, cue{first: i, last: i + 1, verb: verbForm{lemma: "according to", tone: ToneNeutral}, according: true, quoted: cf.quoted[i]})
			i++
			continue
		}
		forms := lx.verbs[key]
		if len(forms) == 0 || !isLower(toks.Text[toks.List[i].Start:toks.List[i].End]) && !(cf.headline && i > 0 && headlineVerbs[key]) {
			continue
		}
		if key == "thanks" && i+1 < len(toks.List) && toks.WordAt(i+1) == "to" && toks.SpaceBetween(i) {
			continue // "thanks to": a preposition
		}
		form, last, ok := cf.verbFormAt(i, forms)
		if !ok {
			continue
		}
		if (form.lemma == "speak" || form.lemma == "talk") && strings.HasSuffix(key, "ing") {
			continue // "speaking to CNN" names the venue of a statement, not a new one
		}
		c := cue{first: i, last: last, verb: form, quoted: cf.quoted[i]}
		prev := cf.skipAuxiliaries(i - 1)
		if prev >= 0 && toks.SpaceBetween(prev) && cf.is(prev, wcBe) && pastParticiple(key) {
			c.passive = true
		}
		// "A study released last year found that": an evidence verb with "that" after it is a
		// verb whatever stands before it (its document is looked for further back).
		evidenceThat := form.only == afterDocument && last+1 < len(toks.List) && toks.WordAt(last+1) == "that"
		if !c.passive && cf.usedAsNoun(i) && !cf.reportsThat(i) && !evidenceThat && !cf.toBeOrHave(i, last) {
			continue
		}
		cf.cues = append(cf.cues, c)
		i = last
	}
}

// toBeOrHave reports whether the word of saying in -s at tokens first..last, which could be
// a plural noun, is a verb because "to be" or "to have" follows it and no determiner,
// possessive or preposition comes before it: "the firm claims to have cleaned the river",
// but "his claims to be", "the council's plans to be".
func (cf cueFinder) toBeOrHave(first, last int) bool {
	toks := cf.toks
	if last+2 >= len(toks.List) || !toks.SpaceBetween(last) || !toks.SpaceBetween(last+1) || toks.WordAt(last+1) != "to" {
		return false
	}
	if w := toks.WordAt(last + 2); w != "be" && w != "have" || !strings.HasSuffix(toks.WordAt(first), "s") {
		return false // only the -s forms are nouns too ("claims", "plans"); "found to be" is a passive
	}
	if first > 0 {
		prev := toks.WordAt(first - 1)
		if cf.is(first-1, wcDeterminer) || strings.HasSuffix(prev, "'s") || strings.HasSuffix(prev, "s'") ||
			prev == "of" || prev == "for" || prev == "to" || prev == "no" {
			return false
		}
	}
	return true
}

// verbFormAt chooses the verb form at token i: a multi-word form whose words follow, or a
// single-word one.
func (cf cueFinder) verbFormAt(i int, forms []verbForm) (verbForm, int, bool) {
	var single *verbForm
	for k := range forms {
		f := &forms[k]
		if len(f.phrase) == 0 {
			if single == nil || (single.only != anywhere && f.only == anywhere) {
				single = f
			}
			continue
		}
		if words.PhraseAt(cf.toks, i+1, f.phrase) && cf.toks.SpaceBetween(i) {
			return *f, i + len(f.phrase), true
		}
	}
	if single == nil {
		return verbForm{}, 0, false
	}
	return *single, i, true
}

// usedAsNoun reports whether a word that can be a noun or a verb ("reports", "plans") is
// used as a noun here: after a determiner, a preposition or a lower-case word that cannot be
// a subject.
func (cf cueFinder) usedAsNoun(i int) bool {
	toks := cf.toks
	key := toks.WordAt(i)
	if i == 0 || !toks.SpaceBetween(i-1) {
		return cf.is(i, wcNounVerb)
	}
	prev, prevClass := toks.WordAt(i-1), cf.class(i-1)
	if (strings.HasSuffix(prev, "'s") || strings.HasSuffix(prev, "s'")) && prevClass&wcPronoun == 0 {
		return true // "Soleimani's alleged plans", but not "he's claiming"
	}
	if quantifiers[prev] {
		// A quantifier stands for people before a verb ("Some believe", "Many say", "they
		// all agreed"), not before a plural or a noun that a noun follows ("some reports",
		// "all charges", "some state officials").
		next := i + 1
		nounAfter := next < len(toks.List) && toks.SpaceBetween(i) && isLower(toks.Text[toks.List[next].Start:toks.List[next].End]) &&
			(pluralNoun(toks.WordAt(next)) || cf.is(next, wcVague|wcAnonymous|wcTitle|wcOrganisation|wcDocument))
		switch {
		case strings.HasSuffix(key, "s") && !strings.HasSuffix(key, "ss") || nounAfter:
			return true
		case cf.opensPhrase(i-1) || i >= 2 && toks.SpaceBetween(i-2) && subjectPronouns[toks.WordAt(i-2)]:
			return false
		}
	}
	if prevClass&wcDeterminer != 0 || prev == "of" || prev == "for" || prev == "to" || prev == "no" {
		return true
	}
	if !cf.is(i, wcNounVerb) {
		return false
	}
	if strings.HasSuffix(key, "s") && prevClass&wcPronoun == 0 && i+1 < len(toks.List) && toks.SpaceBetween(i) && pluralAuxiliaries[toks.WordAt(i+1)] {
		// "Health worries have dogged her", "his latest remarks will do little": a verb in
		// -s takes no plural or modal auxiliary after it, a plural noun does ("which the
		// office says can wait" keeps its verb: "says" is no noun).
		return true
	}
	if i+1 < len(toks.List) && toks.SpaceBetween(i) && cf.is(i+1, wcBe|wcAuxiliary) &&
		!strings.HasSuffix(key, "s") && !pastParticiple(key) && !pluralNoun(prev) && prevClass&wcPronoun == 0 {
		// "Republican support was solid": a base form after a singular word, with "was"
		// after it, is a noun ("the victims say was", "they say is" keep their verbs).
		return true
	}
	if i >= 2 && toks.SpaceBetween(i-2) && !strings.HasSuffix(key, "s") && !pastParticiple(key) {
		// "a council estimate", "a UN estimate", "the October attack": after "a council" or
		// "the October" a verb would end in -s ("the officials say" has a plural).
		if d := toks.WordAt(i - 2); singularDeterminers[d] || d == "the" && !pluralNoun(prev) && prevClass&(wcVague|wcPronoun) == 0 {
			return true
		}
	}
	if !strings.HasSuffix(key, "s") && pluralNoun(prev) {
		return false // "fishermen fear", "residents plan"
	}
	prevWord := toks.Text[toks.List[i-1].Start:toks.List[i-1].End]
	if !isLower(prevWord) || prevClass&wcPronoun != 0 {
		return false
	}
	return prevClass&(wcVague|wcAnonymous|wcDocument|wcOrganisation|wcTitle|wcAuxiliary) == 0
}

// headlineVerbs are the verbs of saying a headline in title case uses, capitalised:
// "Graham Says", "New Poll Shows". Others ("Tell", "Plans") are read as words of the title.
var headlineVerbs = wordSet([]string{
	"says", "said", "warns", "warned", "claims", "claimed", "insists", "admits", "denies",
	"vows", "urges", "predicts", "suggests", "shows", "finds", "reveals",
})

// titleCaseBlock reports whether the block is a short line in title case: of its words
// other than the small ones a title leaves in lower case, at least four in five are
// capitalised, and it has three of them at least.
func (cf cueFinder) titleCaseBlock() bool {
	toks := cf.toks
	if len(toks.List) < 3 || len(toks.List) > 30 || len(cf.block.Sentences) > 2 {
		return false
	}
	words, caps := 0, 0
	for i := range toks.List {
		w := toks.Text[toks.List[i].Start:toks.List[i].End]
		if titleSmallWords[toks.WordAt(i)] || !startsWithLetter(w) {
			continue
		}
		words++
		if !isLower(w) {
			caps++
		}
	}
	return words >= 3 && 5*caps >= 4*words
}

// titleSmallWords stay in lower case in a title: "Graham Says Trump Could Address Clean
// Energy in a Year".
var titleSmallWords = wordSet([]string{"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "but", "at", "by", "with", "as", "from", "vs"})

// quantifiers may stand for people on their own: "Some say", "all agreed".
var quantifiers = wordSet([]string{"some", "many", "most", "several", "few", "both", "all"})

// lyAdverb reports whether a folded word reads as an adverb in -ly ("repeatedly",
// "newly"), not a noun that ends so ("family", "ally").
func lyAdverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !lyNouns[w]
}

// lyNouns end in -ly but are no adverbs: "Hale's family has said", "an ally said".
var lyNouns = wordSet([]string{"family", "ally", "rally", "supply", "reply", "assembly", "monopoly", "bully"})

// pluralAuxiliaries follow a plural subject or any subject, never a verb in -s.
var pluralAuxiliaries = wordSet([]string{"have", "are", "were", "will", "would", "could", "can", "should", "must", "might", "do"})

// singularDeterminers open a singular noun phrase.
var singularDeterminers = wordSet([]string{"a", "an", "every", "each", "this", "that", "another"})

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
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "men") || strings.HasSuffix(w, "people")
}

// reportsThat reports whether token i is a vague noun followed by "that": "amid reports
// that", which is an attribution whose source is the noun itself.
func (cf cueFinder) reportsThat(i int) bool {
	toks := cf.toks
	return cf.is(i, wcVague) && i+1 < len(toks.List) && toks.WordAt(i+1) == "that" && toks.SpaceBetween(i)
}

// hasSubject reports whether a subject stands right before token i ("Reuters reports").
func (cf cueFinder) hasSubject(i int) bool {
	j := cf.skipAuxiliaries(i - 1)
	if j < 0 || !cf.toks.SpaceBetween(j) {
		return false
	}
	word := cf.toks.Text[cf.toks.List[j].Start:cf.toks.List[j].End]
	return cf.is(j, wcPronoun) || !isLower(word)
}

// unsourcedPassive reports whether a passive cue hides its speaker: "it is believed",
// "is said to have", "is seen as".
func (cf cueFinder) unsourcedPassive(c cue) bool {
	toks := cf.toks
	if c.last+1 < len(toks.List) && toks.SpaceBetween(c.last) {
		switch toks.WordAt(c.last + 1) {
		case "by":
			return false
		case "to", "as", "that":
			return true
		}
	}
	be := cf.skipAuxiliaries(c.first - 1)
	subj := cf.skipAuxiliaries(be - 1)
	return subj >= 0 && toks.SpaceBetween(subj) && toks.WordAt(subj) == "it"
}

// markCues sets inCue for the tokens of every cue, reusing its storage.
func (cf cueFinder) markCues() {
	cf.inCue = slices.Grow(cf.inCue[:0], len(cf.toks.List))[:len(cf.toks.List)]
	clear(cf.inCue)
	for _, c := range cf.cues {
		for i := c.first; i <= c.last; i++ {
			cf.inCue[i] = true
		}
	}
}

// opensPhrase reports whether token i starts its sentence or follows punctuation.
func (cf cueFinder) opensPhrase(i int) bool {
	return i == 0 || cf.sentenceOf[i-1] != cf.sentenceOf[i] || !cf.toks.SpaceBetween(i-1)
}
