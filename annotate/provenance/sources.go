package provenance

// This file resolves a source phrase to its Source: a pronoun or a role to the speaker it
// refers to, a name to a person or an organisation, anything else to an anonymous or vague
// source.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/internal/words"
)

// sourceResolver turns the phrase naming a speaker into the document's Source for it,
// through the registry, the speaker before, and the roles of people known.
type sourceResolver struct{ *paragraph }

// resolve turns a source phrase into a Source: a pronoun or a role ("the Pentagon chief")
// goes to the speaker it refers to, a name to the person or organisation registered under it,
// and anything else is classified as anonymous or vague.
func (sr sourceResolver) resolve(mention phrase, c cue) *Source {
	toks, sources := sr.toks, sr.analysis.sources
	head, headClass := toks.WordAt(mention.last), sr.class(mention.last)
	text := words.CleanText(toks.Text[toks.List[mention.first].Start:toks.List[mention.last].End])
	first := mention.first
	det := ""
	if sr.is(first, wcDeterminer) {
		det = toks.WordAt(first)
		if first < mention.last {
			first++
		}
	}
	if mention.first == mention.last && headClass&wcPronoun != 0 {
		if i := strings.IndexByte(head, '\''); i > 0 {
			head = head[:i] // "he's claiming"
		}
		if c.quoted && (head == "i" || head == "we") {
			if s := sr.quotationSpeaker(c); s != nil {
				return s
			}
		}
		return sr.resolvePronoun(head)
	}
	var caps []int
	for i := first; i <= mention.last; i++ {
		if !isLower(toks.Text[toks.List[i].Start:toks.List[i].End]) {
			caps = append(caps, i)
		}
	}
	switch {
	case isDigits(head):
		return sources.group(SourceVague, stripThe(text)) // a count of people: "56 said"
	case sr.headline && headClass&(wcPeople|wcAnonymous|wcTitle) != 0 && headClass&wcVague == 0:
		// In a title-case headline every word is capitalised: "Former White House Doctor
		// Says" names a role, not a person called Doctor.
		return sources.group(SourceAnonymous, text)
	case headClass&wcAnonymous != 0 && det != "" && det != "the" && !sr.nameAfter(mention):
		return sources.group(SourceAnonymous, text)
	case headClass&(wcVague|wcDocument) != 0:
		if headClass&wcOrganisation != 0 && len(caps) > 0 {
			return sources.org(stripThe(text))
		}
		return sources.group(SourceVague, stripThe(text))
	case first == mention.last && len(caps) == 1 && groupName(head):
		return sources.group(SourceVague, text) // "Mexicans", "Catholics", "Progressives": a people, not a person
	case len(caps) > 0 && caps[len(caps)-1] != mention.last && headClass&(wcTitle|wcOrganisation) == 0:
		// A capitalised modifier of a common noun: "Maresby's fishermen", "Iranian hardliners".
		if pluralNoun(head) {
			return sources.group(SourceVague, stripThe(text))
		}
		return sources.group(SourceAnonymous, text)
	case len(caps) > 0:
		// A place that speaks is its government: "Iran said", "Beijing warned".
		if sr.isOrganisation(first, mention.last) || headClass&wcPlace != 0 {
			return sources.org(stripThe(text))
		}
		name, role := sr.splitName(first, mention.last)
		if name == "" {
			return sr.resolveRole(role)
		}
		return sources.person(name, role)
	case headClass&wcTitle != 0 && det == "the":
		return sr.resolveRole(stripThe(text))
	case headClass&wcOrganisation != 0 && det == "the":
		return sources.org(stripThe(text))
	case headClass&wcAnonymous != 0 || !pluralNoun(head):
		// One unnamed person or body: "a witness", "the buyer".
		return sources.group(SourceAnonymous, text)
	}
	return sources.group(SourceVague, stripThe(text))
}

// groupName reports whether a capitalised word in the plural names a people or a party
// rather than a person: a plural in -ans, -ists, -ics or -ives ("Mexicans", "Islamists",
// "Catholics", "Progressives"), or a few others. Surnames in -s ("Sanders", "Davis") are
// none of these.
func groupName(w string) bool {
	if groupNames[w] {
		return true
	}
	for _, end := range []string{"ans", "ists", "ics", "ives"} {
		if len(w) > len(end)+2 && strings.HasSuffix(w, end) {
			return true
		}
	}
	return false
}

// groupNames are peoples and parties in the plural that end otherwise.
var groupNames = wordSet([]string{"jews", "muslims", "saudis", "nazis", "dems", "sikhs", "hindus", "arabs", "kurds", "turks", "poles", "serbs", "croats", "greeks", "swiss", "dutch", "britons", "scots", "brits"})

// nameAfter reports whether the phrase is followed by a name in apposition: "a spokesman,
// John Kirby," names the source.
func (sr sourceResolver) nameAfter(mention phrase) bool {
	toks := sr.toks
	i := mention.last + 1
	if i >= len(toks.List) {
		return false
	}
	gap := strings.TrimSpace(toks.Text[toks.List[mention.last].End:toks.List[i].Start])
	return (gap == "," || gap == "") && !isLower(toks.Text[toks.List[i].Start:toks.List[i].End]) && !sr.isCueToken(i)
}

// isOrganisation reports whether a capitalised phrase names an organisation: its head is an
// organisation word or an acronym ("NATO"), or it is a possessive place with an
// organisation word ("Iraq's parliament").
func (sr sourceResolver) isOrganisation(first, last int) bool {
	toks := sr.toks
	headClass := sr.class(last)
	if headClass&wcOrganisation != 0 {
		return true
	}
	word := toks.Text[toks.List[last].Start:toks.List[last].End]
	if utf8.RuneCountInString(word) >= 2 && isUpper(word) && hasLetter(word) && headClass&wcTitle == 0 && !isRoman(word) {
		return true // an acronym: "NATO", "FBI"; but "Pope Benedict XVI" is a person
	}
	// An organisation word names the source unless a title follows it: "Senate Judiciary
	// Committee Chairman Chuck Grassley" is a person whose role names a committee.
	for i := last - 1; i >= first; i-- {
		if sr.is(i, wcTitle) {
			return false
		}
		if sr.is(i, wcOrganisation) && !isLower(toks.Text[toks.List[i].Start:toks.List[i].End]) {
			return true
		}
	}
	return false
}

// isRoman reports whether a word is a Roman numeral of capitals, as after a regnal name.
func isRoman(word string) bool {
	return word != "" && strings.Trim(word, "IVXL") == ""
}

// splitName splits "US Defence Secretary Mark Esper" into the name ("Mark Esper": the
// capitalised words at the end that are not titles) and the role (the rest).
func (sr sourceResolver) splitName(first, last int) (name, role string) {
	toks := sr.toks
	start := last + 1
	for i := last; i >= first; i-- {
		w := toks.Text[toks.List[i].Start:toks.List[i].End]
		// A title word right after a courtesy title is a surname: "Mr. King", "Ms. Judge";
		// so is one that ends a name after a given name: "Charlie King" (but "Saudi King",
		// "Defence Secretary": the word before is a place or a title).
		surname := i > first && courtesyTitles[toks.WordAt(i-1)] ||
			i == last && i > first && !isLower(toks.Text[toks.List[i-1].Start:toks.List[i-1].End]) && sr.class(i-1)&(wcTitle|wcOrganisation|wcPlace|wcStop|wcDeterminer) == 0 && !strings.HasSuffix(toks.WordAt(i-1), "'s")
		if isLower(w) || sr.is(i, wcTitle) && !surname || !startsWithLetter(w) {
			break
		}
		start = i
	}
	if start <= last {
		name = words.CleanText(toks.Text[toks.List[start].Start:toks.List[last].End])
	}
	if start > first {
		role = words.CleanText(toks.Text[toks.List[first].Start:toks.List[start-1].End])
		if courtesyTitles[strings.ToLower(strings.TrimSuffix(role, "."))] {
			role = "" // "Mr. Hale": a courtesy, not a role
		}
	}
	return name, role
}

// courtesyTitles come before a name and say nothing of what the person does.
var courtesyTitles = wordSet([]string{"mr", "mrs", "ms", "miss", "mx", "messrs"})

// startsWithLetter reports whether w starts with a letter.
func startsWithLetter(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

// stripThe drops a leading "the " in any case.
func stripThe(s string) string {
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		return s[4:]
	}
	return s
}

// quotationSpeaker returns the source of the quotation a cue sits in ("I think", inside
// Esper's quoted statement, is Esper thinking).
func (sr sourceResolver) quotationSpeaker(c cue) *Source {
	return sr.analysis.log.directSpeakerAt(sr.sourceSpan(c.first, c.last).Start)
}

// resolvePronoun ties a pronoun to the most recent speaker, in this paragraph or the one
// before, when the pronoun fits it (he and she fit one person). The most recent speaker is
// the only candidate: a pronoun never reaches back across an intervening speaker.
func (sr sourceResolver) resolvePronoun(pronoun string) *Source {
	if s, block := sr.lastSpeaker(); s != nil && block >= sr.index-1 && !strings.HasSuffix(s.Name, unresolved) {
		single := s.Kind == SourcePerson || s.Kind == SourceAnonymous
		switch pronoun {
		case "he", "she", "i":
			if single {
				return s
			}
		case "it":
			if s.Kind == SourceOrganisation || s.Kind == SourceVague && sr.singularDocument(s.Name) {
				return s
			}
		case "they":
			if !single {
				return s
			}
		default: // "we" speaks for a speaker and those with them
			return s
		}
	}
	return sr.analysis.sources.group(SourceAnonymous, pronoun+unresolved)
}

// lastSpeaker returns the most recent speaker and the block it spoke in.
func (sr sourceResolver) lastSpeaker() (*Source, int) {
	return sr.analysis.log.lastSpeaker, sr.analysis.log.lastSpeakerBlock
}

// unresolved ends the name of a pronoun's source when no speaker before fits it: "he
// (unresolved)". Another pronoun after it is unresolved too, not the same "he".
const unresolved = " (unresolved)"

// singularDocument reports whether a vague source's name ends in a document noun in the
// singular ("the letter", "a new report"): "it" may refer to that, not to "officials".
func (sr sourceResolver) singularDocument(name string) bool {
	w := strings.ToLower(lastField(name))
	return sr.analysis.lexicon.documents[w] && !pluralNoun(w)
}

// resolveRole ties a role mention with no name ("the Pentagon chief", "the president") to the
// person it most plausibly means: a known person whose role shares a word with it, else the
// most recent speaker if that is a person in this paragraph or the one before.
func (sr sourceResolver) resolveRole(role string) *Source {
	sources := sr.analysis.sources
	// The first person known whose role has one of the mention's title words.
	first := -1
	for _, w := range words.FoldWords(role) {
		if !sr.analysis.lexicon.titles[w] || w == "us" || w == "senior" || w == "former" {
			continue
		}
		if k, ok := sources.withRoleWord[w]; ok && (first < 0 || k < first) {
			first = k
		}
	}
	if first >= 0 {
		return sources.persons[first]
	}
	if s, block := sr.lastSpeaker(); s != nil && s.Kind == SourcePerson && block >= sr.index-1 {
		return s
	}
	return sources.group(SourceAnonymous, "the "+stripThe(role))
}

// isUpper reports whether strings.ToUpper(s) == s, without making the upper-case copy.
func isUpper(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				return false
			}
		} else if unicode.ToUpper(r) != r {
			return false
		}
	}
	return true
}

// lastField returns the last of strings.Fields(s), or "" if there is none.
func lastField(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[i+size:]
}
