package annotate

import (
	"strconv"

	"github.com/slant-news/slant/rubrics"
)

// termsKind flags whole words and phrases from a list. Its terms go into the Annotator's
// shared term index with every other rule's, so one pass over a block finds them all.
var termsKind = newKind("terms", checkTerms, func(b *builder, owner int, o *termsOptions) matcher {
	b.addTerms(owner, o.Terms, o.Inflect, o.CaseSensitive)
	return termsMatcher{}
})

// termsOptions are the fields of a rule of kind terms.
type termsOptions struct {
	Terms         []string `toml:"terms"`
	Inflect       bool     `toml:"inflect"`        // also match simple inflections of each term's last word
	CaseSensitive bool     `toml:"case_sensitive"` // match the case as written
}

func checkTerms(o *termsOptions) error {
	return checkTermList("terms", o.Terms)
}

// checkTermList checks the terms of a rule of kind: there are some, and each has a word.
func checkTermList(kind rubrics.Kind, terms []string) error {
	if len(terms) == 0 {
		return rubrics.OptionErrorf("", "kind %s needs terms", kind)
	}
	for j, t := range terms {
		if !hasWord(t) {
			return rubrics.OptionErrorf("terms."+strconv.Itoa(j), "term %q has no words", t)
		}
	}
	return nil
}

// termsMatcher reports the matches the shared term index found for the current rule.
type termsMatcher struct{}

func (termsMatcher) match(c *blockContext, emit func(start, end int, term string)) {
	for _, m := range c.byRule[c.ruleIdx] {
		emit(m.start, m.end, m.hit.term)
	}
}
