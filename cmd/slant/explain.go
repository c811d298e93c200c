package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/internal/near"
)

// explainCmd is `slant explain RULE`.
type explainCmd struct {
	Rule string `arg:"" name:"rule" help:"Rule id, as in the output of slant check (framing.scare-quotes)."`
	rubricSource
	Width int `default:"80" help:"Wrap the text at this many characters (0: do not wrap)."`
}

func (cmd *explainCmd) Run(env *environment) error {
	known, applied, err := cmd.load()
	if err != nil {
		return err
	}
	rule := applied.Rule(cmd.Rule)
	off := ""
	switch {
	case rule != nil:
	case known.Rule(cmd.Rule) != nil:
		rule, off = known.Rule(cmd.Rule), "The project's .slant.toml switches this rule off."
	case applied.DisabledRule(cmd.Rule) != nil:
		rule, off = applied.DisabledRule(cmd.Rule), "The rubric switches this rule off."
	}
	if rule == nil {
		var ids []string
		for _, r := range append(slices.Clip(known.Rules), known.Disabled...) {
			ids = append(ids, r.ID)
		}
		msg := fmt.Sprintf("unknown rule %q in the rubric %s", cmd.Rule, known.Name())
		if similar := near.Strings(ids, cmd.Rule); len(similar) > 0 {
			msg += "; did you mean:\n  " + strings.Join(similar, "\n  ")
		} else {
			msg += "; 'slant rubrics list' lists its rules"
		}
		fmt.Fprintf(env.stderr, "slant: %s\n", msg)
		return exitError(exitUsage)
	}
	if err := render.Explain(env.stdout, rule, cmd.Width); err != nil {
		return err
	}
	if off != "" {
		fmt.Fprintln(env.stdout, "\n"+off)
	}
	return nil
}
