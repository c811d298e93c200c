package provenance

// This file finds where the speaker of a cue is named: the noun phrase before the verb, after
// it, before a description set off by commas, or further back in the sentence.

import (
	"strings"
)

// speakerFinder finds the phrase that names the speaker of a cue, with the phraseReader's
// help: before the verb, after it, before a description set off by commas, or in the clause
// the cue continues.
type speakerFinder struct{ *paragraph }

// coordinated returns the capitalised noun phrases joined to the speaker phrase sp by
// "and" before it: "President Trump and the US State Department accused" has two speakers.
func (sf speakerFinder) coordinated(sp phrase) []phrase {
	toks := sf.toks
	var out []phrase
	for sp.first >= 2 && toks.WordAt(sp.first-1) == "and" && toks.SpaceBetween(sp.first-2) && toks.SpaceBetween(sp.first-1) {
		prev := sf.phrases().endingAt(sp.first - 2)
		if !prev.ok || isLower(toks.Text[toks.List[prev.last].Start:toks.List[prev.last].End]) {
			break
		}
		out = append(out, prev)
		sp = prev
	}
	return out
}

// find finds the phrase naming the source of a cue: the subject before it, or after it when
// inverted ("...," said Esper), or the speaker of the clause it continues ("and said").
func (sf speakerFinder) find(c cue) phrase {
	toks := sf.toks
	if c.first > 0 {
		gap := toks.Text[toks.List[c.first-1].End:toks.List[c.first].Start]
		if strings.ContainsAny(gap, ",\"”’':;—–") || sf.sentenceOf[c.first-1] != sf.sentenceOf[c.first] {
			if speaker := sf.phrases().startingAt(c.last+1, true); speaker.ok {
				return speaker
			}
		}
	}
	if c.first == 0 || sf.sentenceOf[c.first-1] != sf.sentenceOf[c.first] {
		if speaker := sf.phrases().startingAt(c.last+1, true); speaker.ok {
			return speaker
		}
		return phrase{}
	}
	j := sf.skipAuxiliaries(c.first - 1)
	// A negated auxiliary before a verb of saying: "the owners haven't said", "Hale
	// wouldn't comment". (A negated belief, "I don't think", is a hedge more than a report.)
	if j > 0 && c.verb.tone != ToneBelief && strings.HasSuffix(toks.WordAt(j), "n't") && toks.SpaceBetween(j-1) {
		j = sf.skipAuxiliaries(j - 1)
	}
	if j > 0 && sf.is(j, wcBe) && toks.SpaceBetween(j-1) {
		j = sf.skipAuxiliaries(j - 1) // "is demanding", "was once again questioning"
	}
	if j >= 0 && toks.SpaceBetween(j) {
		j = sf.skipTimeBefore(j)
	}
	if j < 0 || sf.sentenceOf[j] != sf.sentenceOf[c.first] {
		return sf.continuedSubject(c)
	}
	if !toks.SpaceBetween(j) {
		// ", adding that" after a statement continues its speaker ("the office said on
		// Tuesday, adding"); otherwise a description set off by commas may end here.
		if strings.HasSuffix(toks.WordAt(c.first), "ing") {
			if speaker := sf.continuedSubject(c); speaker.ok {
				return speaker
			}
		}
		if speaker := sf.speakerBeforeAside(j); speaker.ok {
			return speaker
		}
		return sf.continuedSubject(c)
	}
	key := toks.WordAt(j)
	// "The experts I interviewed said": a relative clause without "who" between the
	// speaker and the verb.
	if j >= 2 && strings.HasSuffix(key, "ed") && subjectPronouns[toks.WordAt(j-1)] && toks.SpaceBetween(j-1) && toks.SpaceBetween(j-2) && sf.sentenceOf[j-2] == sf.sentenceOf[j] {
		if speaker := sf.phrases().endingAt(j - 2); speaker.ok && !sf.isPronoun(speaker.last) {
			return speaker
		}
	}
	switch {
	case key == "who" || key == "which":
		// "Smith, who said" or "an architect who said": the speaker is the noun phrase
		// before the relative pronoun.
		if j > 0 && sf.sentenceOf[j-1] == sf.sentenceOf[j] {
			gap := strings.TrimSpace(toks.Text[toks.List[j-1].End:toks.List[j].Start])
			if gap == "," || gap == "" {
				return sf.phrases().endingAt(j - 1)
			}
		}
		return phrase{}
	case key == "and" || key == "but" || key == "then":
		return sf.continuedSubject(c)
	}
	return sf.phrases().endingAt(j)
}

// skipTimeBefore steps left from token j over a time phrase that ends there and stands
// between a subject and its verb ("the harbour master on Tuesday said", "officials earlier
// this week said", "The Courier in 2019 reported"), returning the token before the phrase;
// j itself when no such phrase ends there, or when nothing before it in the sentence could
// be the subject.
func (sf speakerFinder) skipTimeBefore(j int) int {
	toks := sf.toks
	k, times := j, 0
	for ; k >= 0 && sf.sentenceOf[k] == sf.sentenceOf[j]; k-- {
		sf.steps++
		switch key := toks.WordAt(k); {
		case sf.is(k, wcTime) || isYear(key):
			times++
		case months[key] && (k < j && isDay(toks.WordAt(k+1)) || k > 0 && timePrepositions[toks.WordAt(k-1)]):
			times++ // "on March 5", "in April"; not "Theresa May"
		case key == "time" && k >= 2 && toks.WordAt(k-1) == "the" && toks.WordAt(k-2) == "at":
			times++ // "Comey at the time said"
		case key == "the" && k < j && times > 0:
			// inside a time phrase: "at the time", "in the morning"
		case timePrepositions[key] || isDay(key) && k < j:
		default:
			if times == 0 || k == j || !toks.SpaceBetween(k) {
				return j
			}
			return k
		}
		if k == 0 || !toks.SpaceBetween(k-1) {
			return j // the phrase starts the sentence, or follows punctuation
		}
	}
	return j
}

// timePrepositions may open or join a time phrase: "on Tuesday", "late last week", "earlier
// this month", "in 2019".
var timePrepositions = wordSet([]string{"on", "at", "in", "last", "this", "next", "late", "early", "since", "until"})

// months are the names of the months, in full and abbreviated; a time word only inside a
// date or after a time preposition ("May" is a name too).
var months = wordSet([]string{
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec",
})

// isYear reports whether a word is a year of four digits, 1900 to 2099.
func isYear(word string) bool {
	return len(word) == 4 && (word[:2] == "19" || word[:2] == "20") && isDigits(word[2:])
}

// isDay reports whether a word is a day of the month in digits, inside a date ("on March 5").
func isDay(word string) bool {
	return len(word) <= 2 && isDigits(word)
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// speakerBeforeAside finds the speaker before a description set off by commas, brackets or
// dashes that ends at token j: "Phil Smith, a spokesman for the union, said", "Sen. Ann Roe
// (D-Mo.) said", "Rep. Tom Hale (R-Ohio), a board member, said", "Hale -- a harbour pilot --
// said".
func (sf speakerFinder) speakerBeforeAside(j int) phrase {
	toks := sf.toks
	if j+1 >= len(toks.List) {
		return phrase{}
	}
	closing := strings.TrimSpace(toks.Text[toks.List[j].End:toks.List[j+1].Start])
	closing = strings.TrimPrefix(closing, ".") // an abbreviation's full stop: "(D-Mo.)", "Inc.,"
	var opener string
	switch closing {
	case ",":
		opener = ","
	case ")":
		opener = "("
	case "--", "—", "–":
		opener = closing
	default:
		return phrase{}
	}
	for k := j; k > 0 && j-k < 30 && sf.sentenceOf[k-1] == sf.sentenceOf[j]; k-- {
		gap := toks.Text[toks.List[k-1].End:toks.List[k].Start]
		if !strings.Contains(gap, opener) {
			// Inside the description: words, hyphens, and the full stops of abbreviations
			// ("R-S.C.", "St. Mary's"); a full stop before a space ends a sentence.
			if strings.ContainsAny(gap, ";:!?\"“”") || strings.Contains(gap, ".") && gap != "." && !sf.phrases().joinsPhrase(k-1) {
				return phrase{}
			}
			continue
		}
		before := k - 1 // the last token before the opener
		switch t := strings.TrimPrefix(strings.TrimSpace(gap), "."); {
		case t == opener:
		case opener == "," && strings.HasPrefix(t, ")") && strings.TrimSpace(t[1:]) == ",":
			// A bracket before the comma: "Hale (R-Ohio), a board member,". The speaker
			// comes before the bracket.
			before = sf.beforeBracket(k - 1)
			if before < 0 {
				return phrase{}
			}
		default:
			return phrase{}
		}
		speaker := sf.phrases().endingAt(before)
		if !speaker.ok || isLower(toks.Text[toks.List[speaker.last].Start:toks.List[speaker.last].End]) && !sf.is(speaker.first, wcDeterminer) {
			return phrase{}
		}
		return speaker
	}
	return phrase{}
}

// beforeBracket returns the token before the opening bracket of the bracketed words that end
// with token i, within its sentence; or -1.
func (sf speakerFinder) beforeBracket(i int) int {
	toks := sf.toks
	for k := i; k > 0 && i-k < 8 && sf.sentenceOf[k-1] == sf.sentenceOf[i]; k-- {
		if gap := toks.Text[toks.List[k-1].End:toks.List[k].Start]; strings.Contains(gap, "(") {
			if strings.TrimSpace(gap) != "(" {
				return -1
			}
			return k - 1
		}
	}
	return -1
}

// continuedSubject returns the source of the previous cue in the same sentence ("Trump
// threatened ... and said"), or of the sentence's first noun phrase for a participle
// (", saying").
func (sf speakerFinder) continuedSubject(c cue) phrase {
	// The cues done in c's sentence, the last first.
	for k := sf.lastInSentence[sf.sentenceOf[c.first]]; k >= 0; k = sf.previousInSentence[k] {
		sf.steps++
		if d := sf.attributedCues[k]; d.cue.last < c.first && d.speaker.ok {
			return d.speaker
		}
	}
	word := sf.toks.Text[sf.toks.List[c.first].Start:sf.toks.List[c.first].End]
	if strings.HasSuffix(word, "ing") {
		start := sf.sentenceStart(c.first)
		end := start
		for end+1 < c.first && sf.toks.SpaceBetween(end) && !sf.is(end+1, wcStop) && end-start < 7 && !sf.mainVerb(end+1) {
			end++
		}
		if subject := sf.phrases().sourcePhrase(start, end); subject.ok {
			return subject
		}
	}
	return phrase{}
}

// mainVerb reports whether token i, inside a phrase that opens a sentence, reads as the
// sentence's verb rather than a word of its subject: an auxiliary or a form of "be" ("The
// party is running"), or a lower-case word in -ed after a word that is neither a determiner
// nor an adverb ("The group launched an ad", but "the newly appointed minister", "a retired
// general").
func (sf speakerFinder) mainVerb(i int) bool {
	if sf.is(i, wcAuxiliary|wcBe) {
		return true
	}
	w := sf.toks.WordAt(i)
	word := sf.toks.Text[sf.toks.List[i].Start:sf.toks.List[i].End]
	if len(w) <= 4 || !strings.HasSuffix(w, "ed") || !isLower(word) || strings.Contains(w, "-") {
		return false
	}
	prev := sf.toks.WordAt(i - 1)
	return !sf.is(i-1, wcDeterminer) && !lyAdverb(prev)
}

// documentSubject finds the document an evidence verb reports when words stand between
// them: "A 2014 study that appeared in a journal found", "a council report released last
// year found". It is the nearest document noun before the verb in its clause, at most
// twelve words back, with the noun phrase it ends.
func (sf speakerFinder) documentSubject(c cue) phrase {
	toks := sf.toks
	for k := c.first - 1; k >= 0 && c.first-k <= 12 && sf.sentenceOf[k] == sf.sentenceOf[c.first]; k-- {
		if gap := toks.Text[toks.List[k].End:toks.List[k+1].Start]; strings.ContainsAny(gap, ";:\"“”") {
			break
		}
		if sf.is(k, wcDocument) && (k == 0 || toks.WordAt(k-1) != "of") {
			document := sf.phrases().endingAt(k)
			if document.ok && document.last < k-1 {
				// endingAt gave the issuer of the document ("the campaign released an ad
				// showing"): what shows is the document after the issuing verb.
				document = sf.phrases().sourcePhrase(document.last+2, k)
			}
			if document.ok && document.last == k {
				return document
			}
		}
		if sf.isCueToken(k) {
			break // another statement's verb
		}
	}
	return phrase{}
}
