package provenance

// This file resolves source phrases to sources across a document: the registry of people,
// organisations and groups that later mentions reach.

import (
	"strings"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/internal/words"
)

// registry resolves mentions to sources: later mentions by surname ("Esper"), by a fuller or
// shorter organisation name, or by the same wording ("officials") reach the same Source.
type registry struct {
	people  map[string]*Source // by surname, lower case
	persons []*Source          // the same, in order of first mention
	// order is each person's index in persons, and withRoleWord the index of the first person
	// whose role has a word (folded), so that a role mention is resolved without reading
	// every person known (resolveRole).
	order        map[*Source]int
	withRoleWord map[string]int
	// orgs are the organisations by the last of their words (orgWords), in order of first
	// mention: one name is a suffix of another only if both end in the same word.
	orgs    map[string][]registeredOrg
	byWords map[string]*Source // anonymous and vague sources by their wording
	key     []byte             // scratch for group's keys
}

// registeredOrg is an organisation and the words of its name.
type registeredOrg struct {
	source *Source
	words  []string
}

// newRegistry returns an empty registry.
func newRegistry() *registry {
	return &registry{people: map[string]*Source{}, orgs: map[string][]registeredOrg{}, byWords: map[string]*Source{},
		order: map[*Source]int{}, withRoleWord: map[string]int{}}
}

// reset empties the registry for another document, keeping its storage.
func (r *registry) reset() {
	clear(r.people)
	clear(r.byWords)
	clear(r.orgs)
	clear(r.persons)
	r.persons = r.persons[:0]
	clear(r.order)
	clear(r.withRoleWord)
}

// person returns the person registered under the surname of name, making one if there is
// none; a longer name or a first role given updates it.
func (r *registry) person(name, role string) *Source {
	surname := lastField(name)
	if !isLowerASCII(surname) {
		surname = strings.ToLower(surname)
	}
	if s, ok := r.people[surname]; ok {
		if len(name) > len(s.Name) {
			s.Name = name
		}
		if s.Role == "" && role != "" {
			s.Role = role
			r.indexRole(s)
		}
		return s
	}
	s := &Source{Kind: SourcePerson, Name: name, Role: role}
	r.people[surname] = s
	r.order[s] = len(r.persons)
	r.persons = append(r.persons, s)
	r.indexRole(s)
	return s
}

// indexRole records the words of person s's role in withRoleWord.
func (r *registry) indexRole(s *Source) {
	k := r.order[s]
	for _, w := range words.FoldWords(s.Role) {
		if first, ok := r.withRoleWord[w]; !ok || k < first {
			r.withRoleWord[w] = k
		}
	}
}

// org returns the organisation whose name's words end or are ended by those of name, making
// one if there is none; a longer name updates it.
func (r *registry) org(name string) *Source {
	words := orgWords(name)
	last := ""
	if len(words) > 0 {
		last = words[len(words)-1]
		same := r.orgs[last]
		for i := range same {
			o := &same[i]
			if suffixOf(words, o.words) || suffixOf(o.words, words) {
				if len(name) > len(o.source.Name) {
					o.source.Name, o.words = name, words
				}
				return o.source
			}
		}
	}
	s := &Source{Kind: SourceOrganisation, Name: name}
	r.orgs[last] = append(r.orgs[last], registeredOrg{s, words})
	return s
}

// group returns the anonymous or vague source of that kind with that wording, whatever its
// case, making one if there is none.
func (r *registry) group(kind SourceKind, name string) *Source {
	r.key = append(append(append(r.key[:0], kind...), ':'), name...)
	if !isLowerASCII(name) {
		r.key = append(r.key[:len(kind)+1], strings.ToLower(name)...)
	}
	if s, ok := r.byWords[string(r.key)]; ok {
		return s
	}
	s := &Source{Kind: kind, Name: name}
	r.byWords[string(r.key)] = s
	return s
}

// isLowerASCII reports whether s is ASCII without upper-case letters: strings.ToLower(s) == s.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// orgWords are the folded words of an organisation name without "the" and a leading "US".
func orgWords(name string) []string {
	words := words.FoldWords(name)
	for len(words) > 1 && (words[0] == "the" || words[0] == "us" || words[0] == "u") {
		words = words[1:]
	}
	return words
}

// suffixOf reports whether short is a non-empty suffix of long.
func suffixOf(short, long []string) bool {
	if len(short) == 0 || len(short) > len(long) {
		return false
	}
	off := len(long) - len(short)
	for i, w := range short {
		if long[off+i] != w {
			return false
		}
	}
	return true
}
