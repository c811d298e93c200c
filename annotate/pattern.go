package annotate

import (
	"regexp"

	"github.com/slant-news/slant/rubrics"
)

// patternMatcher runs a rule's RE2 expression over each block's text. When the expression
// has a group named "match", that group is the span flagged; the rest is context.
type patternMatcher struct {
	re    *regexp.Regexp
	group int // index of the "match" group, or 0 for the whole match
}

func newPatternMatcher(r *rubrics.Rule) patternMatcher {
	re := r.Regexp()
	group := re.SubexpIndex("match")
	if group < 0 {
		group = 0
	}
	return patternMatcher{re: re, group: group}
}

func (m patternMatcher) match(c *blockContext, emit func(start, end int, term string)) {
	text := c.block.Text
	for _, loc := range m.re.FindAllStringSubmatchIndex(text, -1) {
		start, end := loc[2*m.group], loc[2*m.group+1]
		if start < 0 || start == end {
			continue
		}
		emit(start, end, text[start:end])
	}
}
