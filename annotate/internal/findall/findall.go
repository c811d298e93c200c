// Package findall finds every match of an RE2 regular expression in a text, the ones
// regexp's FindAllStringSubmatchIndex finds, in time linear in the text whatever the
// expression.
//
// Two pieces of machinery do it. A prefilter derived from the expression's syntax tree (see
// prefilter) finds the stretches of the text where a match can be, so that the expression
// runs only over those; and allMatcher runs it over each stretch in linear time: no search
// starts again from a position an earlier search read (`(a+)+$` over "aaa...ab" is read
// once, not once per "a").
package findall

import "regexp"

// Matcher finds the matches of one expression. It is safe for concurrent use.
type Matcher struct {
	re     *regexp.Regexp
	filter *prefilter  // nil when no useful prefilter could be derived
	all    *allMatcher // FindAll's matches in linear time; nil if it could not be made
}

// New returns the Matcher of re, which regexp.Compile made (leftmost-first, not POSIX).
func New(re *regexp.Regexp) *Matcher {
	return &Matcher{re: re, filter: newPrefilter(re.String()), all: newAllMatcher(re)}
}

// Find calls fn with each match of the expression in text, in order: the slice of capture
// positions in text that FindAllStringSubmatchIndex gives for it (-1 for a group that took
// no part), valid only during the call. It returns the steps the search took, a measure of
// its work for package workcount.
func (m *Matcher) Find(text string, fn func(loc []int)) int {
	if m.filter == nil {
		return m.findIn(text, 0, len(text), fn)
	}
	steps := 0
	m.filter.segments(text, func(start, end int) { steps += m.findIn(text, start, end, fn) })
	return steps
}

// findIn finds the matches in text[start:end], which the prefilter chose so that the
// expression finds there what it would find there running over the whole text, and passes
// them to fn with positions in text. It returns the steps the search took.
func (m *Matcher) findIn(text string, start, end int, fn func(loc []int)) int {
	found := func(loc []int) { // allMatcher reads loc no more once it is passed on
		if start != 0 {
			for i, p := range loc {
				if p >= 0 {
					loc[i] = start + p
				}
			}
		}
		fn(loc)
	}
	if m.all == nil { // not expected: regexp compiled the same expression
		for _, loc := range m.re.FindAllStringSubmatchIndex(text[start:end], -1) {
			found(loc)
		}
		return end - start
	}
	return m.all.findAll(text[start:end], found)
}
