package annotate

import (
	"context"
	"fmt"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// CheckExamples runs a rule of rubric alone over each of its examples, as plain text, and
// returns an error for every "flag" example it does not flag and every "pass" example it
// flags. The rubric's provenance word lists apply, for rules that need them.
func CheckExamples(rubric *rubrics.Rubric, rule *rubrics.Rule) []error {
	a, err := New(&rubrics.Rubric{Rules: []*rubrics.Rule{rule}, Provenance: rubric.Provenance})
	if err != nil {
		return []error{err}
	}
	var errs []error
	run := func(text string) ([]Finding, error) {
		doc, err := prose.Parse("example", []byte(text), prose.FormatText)
		if err != nil {
			return nil, err
		}
		return a.Annotate(context.Background(), doc)
	}
	for _, ex := range rule.Examples.Flag {
		fs, err := run(ex)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: rule %s: example %q: %w", rule.Position(), rule.ID, ex, err))
		case len(fs) == 0:
			errs = append(errs, fmt.Errorf("%s: rule %s: does not flag its example %q", rule.Position(), rule.ID, ex))
		}
	}
	for _, ex := range rule.Examples.Pass {
		fs, err := run(ex)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("%s: rule %s: example %q: %w", rule.Position(), rule.ID, ex, err))
		case len(fs) > 0:
			errs = append(errs, fmt.Errorf("%s: rule %s: flags %q in its pass example %q", rule.Position(), rule.ID, fs[0].Text, ex))
		}
	}
	if len(rule.Examples.Flag) == 0 {
		errs = append(errs, fmt.Errorf("%s: rule %s: has no examples to flag", rule.Position(), rule.ID))
	}
	if len(rule.Examples.Pass) == 0 {
		errs = append(errs, fmt.Errorf("%s: rule %s: has no examples to pass", rule.Position(), rule.ID))
	}
	return errs
}
