package annotate

import (
	"strings"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/rubrics"
)

// kinds are the rule kinds a rubric may name, in the order the README's table documents
// them. A kind is one file, which declares its options (the TOML fields a rule of the kind
// sets), their checks and its matcher with newKind, and one line here.
var kinds = []*ruleKind{
	termsKind,       // terms.go
	patternKind,     // pattern.go
	scareQuoteKind,  // scarequote.go
	attributionKind, // vaguesource.go
	claimKind,       // claims.go
}

func init() {
	for _, k := range kinds {
		register(k)
	}
}

// kindsByName are the registered kinds.
var kindsByName = map[rubrics.Kind]*ruleKind{}

// register makes k known to package rubrics, which decodes and checks the options of k's
// rules, and to New, which builds their matchers. It is called from init functions only.
func register(k *ruleKind) {
	rubrics.RegisterKind(k.spec)
	kindsByName[k.spec.Name] = k
}

// ruleKind is a rule kind: what package rubrics knows of it, and how New builds the matcher
// of one of its rules.
type ruleKind struct {
	spec rubrics.KindSpec
	// build returns the matcher of the rule whose index among the Annotator's rules is
	// owner, given the rule's options; it adds the terms the matcher needs found to the
	// shared term index through b.
	build func(b *builder, owner int, options any) matcher
}

// newKind returns the kind name, whose rules set the fields of an O (see
// rubrics.NewKindSpec): check validates them when a rubric is read (nil if nothing needs
// checking), build makes the matcher of a rule from them.
func newKind[O any](name rubrics.Kind, check func(*O) error, build func(b *builder, owner int, o *O) matcher) *ruleKind {
	return &ruleKind{
		spec:  rubrics.NewKindSpec(name, check),
		build: func(b *builder, owner int, o any) matcher { return build(b, owner, o.(*O)) },
	}
}

// builder gathers the terms an Annotator's rules need found in its shared term index, in
// the order of the rules, so that the index is sized once before they are added.
type builder struct {
	lists []termList
	edges int // an estimate of the edges the lists make in the index
}

// termList is a list of terms one rule needs found.
type termList struct {
	owner         int
	terms         []string
	inflect       bool // also the inflections of each term's last word
	caseSensitive bool // a hit only where the case is as written
	exceptions    bool // phrases inside which the rule's matches are no findings
}

// addTerms asks for the terms of rule owner to be found, with the inflections of their last
// words if inflect is set, only in the case written if caseSensitive is.
func (b *builder) addTerms(owner int, terms []string, inflect, caseSensitive bool) {
	forms := 1
	if inflect {
		forms = 6 // words.Inflections gives five forms or more besides the word
	}
	b.edges += forms * len(terms)
	b.lists = append(b.lists, termList{owner: owner, terms: terms, inflect: inflect, caseSensitive: caseSensitive})
}

// addExceptions asks for the exception phrases of rule owner to be found.
func (b *builder) addExceptions(owner int, phrases []string) {
	b.edges += len(phrases)
	b.lists = append(b.lists, termList{owner: owner, terms: phrases, exceptions: true})
}

// fill adds the terms gathered to ix.
func (b *builder) fill(ix *termIndex) {
	ix.reserve(b.edges)
	for _, l := range b.lists {
		if l.exceptions {
			for _, e := range l.terms {
				ix.add(words.FoldWords(e), termHit{owner: l.owner, exception: true})
			}
			continue
		}
		for _, term := range l.terms {
			wordList := words.FoldWords(term)
			variants := [][]string{wordList}
			if l.inflect {
				last := len(wordList) - 1
				for _, form := range words.Inflections(wordList[last])[1:] {
					v := append(append([]string{}, wordList[:last]...), form)
					variants = append(variants, v)
				}
			}
			for _, v := range variants {
				hit := termHit{owner: l.owner, term: strings.Join(wordList, " ")}
				if l.caseSensitive {
					hit.exact = term
				}
				ix.add(v, hit)
			}
		}
	}
}

// hasWord reports whether term has a word in it, as term matching reads words.
func hasWord(term string) bool {
	return strings.IndexFunc(term, rubrics.IsWordRune) >= 0
}
