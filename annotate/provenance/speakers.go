package provenance

// This file finds where the speaker of a cue is named: the noun phrase before the verb, after
// it, before a description set off by commas, or further back in the sentence.

import (
	"strings"
)

// coordinated returns the capitalised noun phrases joined to np by "and" before it:
// "President Trump and the US State Department accused" has two speakers.
func (bs *blockSpeech) coordinated(np phrase) []phrase {
	toks := bs.toks
	var out []phrase
	for np.first >= 2 && toks.WordAt(np.first-1) == "and" && toks.SpaceBetween(np.first-2) && toks.SpaceBetween(np.first-1) {
		prev := bs.leftNP(np.first - 2)
		if !prev.ok || isLower(toks.Text[toks.List[prev.last].Start:toks.List[prev.last].End]) {
			break
		}
		out = append(out, prev)
		np = prev
	}
	return out
}

// speaker finds the source of a cue: the subject before it, or after it when inverted
// ("...," said Esper), or the speaker of the clause it continues ("and said").
func (bs *blockSpeech) speaker(c cue) phrase {
	toks := bs.toks
	if c.first > 0 {
		gap := toks.Text[toks.List[c.first-1].End:toks.List[c.first].Start]
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
	// A negated auxiliary before a verb of saying: "the owners haven't said", "Hale
	// wouldn't comment". (A negated belief, "I don't think", is a hedge more than a report.)
	if j > 0 && c.verb.tone != ToneBelief && strings.HasSuffix(toks.WordAt(j), "n't") && toks.SpaceBetween(j-1) {
		j = bs.skipAux(j - 1)
	}
	if j > 0 && bs.is(j, wcBe) && toks.SpaceBetween(j-1) {
		j = bs.skipAux(j - 1) // "is demanding", "was once again questioning"
	}
	if j >= 0 && toks.SpaceBetween(j) {
		j = bs.skipTimeBefore(j)
	}
	if j < 0 || bs.sent[j] != bs.sent[c.first] {
		return bs.continuedSubject(c)
	}
	if !toks.SpaceBetween(j) {
		// ", adding that" after a statement continues its speaker ("the office said on
		// Tuesday, adding"); otherwise a description set off by commas may end here.
		if strings.HasSuffix(toks.WordAt(c.first), "ing") {
			if np := bs.continuedSubject(c); np.ok {
				return np
			}
		}
		if np := bs.setOff(j); np.ok {
			return np
		}
		return bs.continuedSubject(c)
	}
	key := toks.WordAt(j)
	// "The experts I interviewed said": a relative clause without "who" between the
	// speaker and the verb.
	if j >= 2 && strings.HasSuffix(key, "ed") && subjectPronouns[toks.WordAt(j-1)] && toks.SpaceBetween(j-1) && toks.SpaceBetween(j-2) && bs.sent[j-2] == bs.sent[j] {
		if np := bs.leftNP(j - 2); np.ok && !bs.pronoun(np.last) {
			return np
		}
	}
	switch {
	case key == "who" || key == "which":
		// "Smith, who said" or "an architect who said": the speaker is the noun phrase
		// before the relative pronoun.
		if j > 0 && bs.sent[j-1] == bs.sent[j] {
			gap := strings.TrimSpace(toks.Text[toks.List[j-1].End:toks.List[j].Start])
			if gap == "," || gap == "" {
				return bs.leftNP(j - 1)
			}
		}
		return phrase{}
	case key == "and" || key == "but" || key == "then":
		return bs.continuedSubject(c)
	}
	return bs.leftNP(j)
}

// skipTimeBefore steps left from token j over a time phrase that ends there and stands
// between a subject and its verb ("the harbour master on Tuesday said", "officials earlier
// this week said", "The Courier in 2019 reported"), returning the token before the phrase;
// j itself when no such phrase ends there, or when nothing before it in the sentence could
// be the subject.
func (bs *blockSpeech) skipTimeBefore(j int) int {
	toks := bs.toks
	k, times := j, 0
	for ; k >= 0 && bs.sent[k] == bs.sent[j]; k-- {
		bs.steps++
		switch key := toks.WordAt(k); {
		case bs.is(k, wcTime) || isYear(key):
			times++
		case months[key] && (k < j && isDay(toks.WordAt(k+1)) || k > 0 && timePrepositions[toks.WordAt(k-1)]):
			times++ // "on March 5", "in April"; not "Theresa May"
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

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// setOff finds the speaker before a description set off by commas, brackets or dashes that
// ends at token j: "Phil Smith, a spokesman for the union, said", "Sen. Ann Roe (D-Mo.) said",
// "Rep. Tom Hale (R-Ohio), a board member, said", "Hale -- a harbour pilot -- said".
func (bs *blockSpeech) setOff(j int) phrase {
	toks := bs.toks
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
	for k := j; k > 0 && j-k < 30 && bs.sent[k-1] == bs.sent[j]; k-- {
		gap := toks.Text[toks.List[k-1].End:toks.List[k].Start]
		if !strings.Contains(gap, opener) {
			// Inside the description: words, hyphens, and the full stops of abbreviations
			// ("R-S.C.", "St. Mary's"); a full stop before a space ends a sentence.
			if strings.ContainsAny(gap, ";:!?\"“”") || strings.Contains(gap, ".") && gap != "." && !bs.npGap(k-1) {
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
			before = bs.bracketStart(k - 1)
			if before < 0 {
				return phrase{}
			}
		default:
			return phrase{}
		}
		np := bs.leftNP(before)
		if !np.ok || isLower(toks.Text[toks.List[np.last].Start:toks.List[np.last].End]) && !bs.is(np.first, wcDeterminer) {
			return phrase{}
		}
		return np
	}
	return phrase{}
}

// bracketStart returns the token before the opening bracket of the bracketed words that end
// with token i, within its sentence; or -1.
func (bs *blockSpeech) bracketStart(i int) int {
	toks := bs.toks
	for k := i; k > 0 && i-k < 8 && bs.sent[k-1] == bs.sent[i]; k-- {
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
func (bs *blockSpeech) continuedSubject(c cue) phrase {
	// The cues done in c's sentence, the last first.
	for k := bs.lastDone[bs.sent[c.first]]; k >= 0; k = bs.prevDone[k] {
		bs.steps++
		if d := bs.done[k]; d.c.last < c.first && d.np.ok {
			return d.np
		}
	}
	word := bs.toks.Text[bs.toks.List[c.first].Start:bs.toks.List[c.first].End]
	if strings.HasSuffix(word, "ing") {
		start := bs.sentenceStartToken(c.first)
		end := start
		for end+1 < c.first && bs.toks.SpaceBetween(end) && !bs.is(end+1, wcStop) && end-start < 7 {
			end++
		}
		if np := bs.checkNP(start, end); np.ok {
			return np
		}
	}
	return phrase{}
}

// nounish reports whether a lower-case token can head or extend a source phrase.
func (bs *blockSpeech) nounish(i int) bool {
	return bs.is(i, wcVague|wcAnonymous|wcDocument|wcOrganisation|wcTitle|wcMedia|wcPronoun|wcDeterminer)
}

// documentSubject finds the document an evidence verb reports when words stand between
// them: "A 2014 study that appeared in a journal found", "a council report released last
// year found". It is the nearest document noun before the verb in its clause, at most
// twelve words back, with the noun phrase it ends.
func (bs *blockSpeech) documentSubject(c cue) phrase {
	toks := bs.toks
	for k := c.first - 1; k >= 0 && c.first-k <= 12 && bs.sent[k] == bs.sent[c.first]; k-- {
		if gap := toks.Text[toks.List[k].End:toks.List[k+1].Start]; strings.ContainsAny(gap, ";:\"“”") {
			break
		}
		if bs.is(k, wcDocument) && (k == 0 || toks.WordAt(k-1) != "of") {
			np := bs.leftNP(k)
			if np.ok && np.last < k-1 {
				// leftNP gave the issuer of the document ("the campaign released an ad
				// showing"): what shows is the document after the issuing verb.
				np = bs.checkNP(np.last+2, k)
			}
			if np.ok && np.last == k {
				return np
			}
		}
		if bs.isCueToken(k) {
			break // another statement's verb
		}
	}
	return phrase{}
}
