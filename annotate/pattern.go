package annotate

import (
	"regexp"
	"strings"

	"github.com/slant-news/slant/annotate/internal/findall"
	"github.com/slant-news/slant/internal/workcount"
	"github.com/slant-news/slant/rubrics"
)

// patternKind flags the matches of an RE2 regular expression.
var patternKind = newKind("pattern", checkPattern, func(_ *builder, _ int, o *patternOptions) matcher {
	return compilePattern(o.re)
})

// patternOptions are the fields of a rule of kind pattern.
type patternOptions struct {
	// Pattern is an RE2 expression. If it has a group named "match", that group is the span
	// flagged.
	Pattern string `toml:"pattern"`

	re *regexp.Regexp // Pattern compiled, by checkPattern
}

func checkPattern(o *patternOptions) error {
	if o.Pattern == "" {
		return rubrics.OptionErrorf("", "kind pattern needs pattern")
	}
	re, err := regexp.Compile(o.Pattern)
	if err != nil {
		return rubrics.OptionErrorf("pattern", "bad regular expression: %v", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	o.re = re
	return nil
}

// patternMatcher runs a rule's RE2 expression over each block's text. When the expression
// has a group named "match", that group is the span flagged; the rest is context.
//
// The findings are those of FindAllStringSubmatchIndex over the block, found by package
// findall in time linear in the block whatever the expression, and only in the stretches
// of the block where a literal prefilter says a match can be.
type patternMatcher struct {
	re    *regexp.Regexp
	group int              // index of the "match" group, or 0 for the whole match
	find  *findall.Matcher // re's matches
}

func compilePattern(re *regexp.Regexp) patternMatcher {
	group := re.SubexpIndex("match")
	if group < 0 {
		group = 0
	}
	return patternMatcher{re: re, group: group, find: findall.New(re)}
}

func (m patternMatcher) match(c *blockContext, emit func(start, end int, term string)) {
	text := c.block.Text
	workcount.Add(m.find.Find(text, func(loc []int) {
		if s, e := loc[2*m.group], loc[2*m.group+1]; s >= 0 && s != e {
			emit(s, e, text[s:e])
		}
	}))
}
