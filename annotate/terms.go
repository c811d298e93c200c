package annotate

import (
	"strconv"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// termsKind flags whole words and phrases from a list. Its terms go into the Annotator's
// shared term index with every other rule's, so one pass over a block finds them all.
var termsKind = newKind("terms", checkTerms, func(b *builder, owner int, o *termsOptions) matcher {
	b.addTerms(owner, o.Terms, o.Inflect, o.CaseSensitive)
	return termsMatcher{exceptActs: o.ExceptActs}
})

// termsOptions are the fields of a rule of kind terms.
type termsOptions struct {
	Terms         []string `toml:"terms"`
	Inflect       bool     `toml:"inflect"`        // also match simple inflections of each term's last word
	CaseSensitive bool     `toml:"case_sensitive"` // match the case as written
	// ExceptActs drops the matches on a verb of saying that the provenance analysis reads
	// as an act, not a statement, by the rubric's act_objects: "claimed" in "the storm
	// claimed three lives" or "Hamas claimed responsibility".
	ExceptActs bool `toml:"except_acts"`
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
type termsMatcher struct {
	exceptActs bool // leave out the matches on the block's acts (termsOptions.ExceptActs)
}

func (m termsMatcher) match(c *blockContext, emit func(start, end int, term string)) {
	var acts []prose.Span
	if m.exceptActs {
		acts = c.prov.Acts() // few: a block's acts are in order, as its matches are
	}
	for _, tm := range c.byRule[c.ruleIdx] {
		for len(acts) > 0 && acts[0].End <= tm.start {
			acts = acts[1:]
		}
		if len(acts) > 0 && acts[0].Start < tm.end {
			continue // the match overlaps an act: "claimed" in "claimed three lives"
		}
		emit(tm.start, tm.end, tm.hit.term)
	}
}
