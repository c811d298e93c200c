package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/config"
	"github.com/slant-news/slant/rubrics"
)

// rubricsCmd is `slant rubrics`: looking at rubrics and checking them.
type rubricsCmd struct {
	List rubricsListCmd `cmd:"" help:"List the rules of the rubric slant applies: id, category, severity, voice and message."`
	Lint rubricsLintCmd `cmd:"" help:"Check rubric files strictly and run every rule against its own examples."`
}

// rubricSource says which rubric a command applies: --rubric files, else the config's
// rubrics (--config, or the .slant.toml in or above the working directory), else the
// default rubric.
type rubricSource struct {
	Rubric   []string `placeholder:"FILE" sep:"none" help:"Rubric file (repeatable), instead of the config's rubrics or the default."`
	Config   string   `placeholder:"FILE" help:"Config file to read instead of the .slant.toml in or above the working directory."`
	NoConfig bool     `name:"no-config" help:"Read no .slant.toml."`
}

// load returns the rubric before the config's overrides (every rule a file may name) and the
// rubric applied.
func (s rubricSource) load() (known, applied *rubrics.Rubric, err error) {
	if s.Config != "" && s.NoConfig {
		return nil, nil, errors.New("--config and --no-config cannot be used together")
	}
	var cfg *config.Config
	switch {
	case s.NoConfig:
	case s.Config != "":
		cfg, err = config.Load(s.Config)
	default:
		cfg, err = config.NewFinder().Find(".")
	}
	if err != nil {
		return nil, nil, err
	}
	switch {
	case len(s.Rubric) > 0:
		if err := notDirs(s.Rubric, "--rubric names a rubric's TOML file"); err != nil {
			return nil, nil, err
		}
		known, err = rubrics.Load(s.Rubric...)
	case cfg != nil:
		known, err = cfg.LoadRubric()
	default:
		known, err = rubrics.Default()
	}
	if err != nil {
		return nil, nil, err
	}
	applied, err = cfg.Apply(known)
	return known, applied, err
}

// notDirs fails on the first path that is a directory.
func notDirs(paths []string, hint string) error {
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			return fmt.Errorf("%s: is a directory; %s", p, hint)
		}
	}
	return nil
}

// rubricsListCmd is `slant rubrics list`.
type rubricsListCmd struct {
	rubricSource
}

func (cmd *rubricsListCmd) Run(env *environment) error {
	_, r, err := cmd.load()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "rubric: %s (%s)\n\n", r.Name(), plural(len(r.Rules), "rule"))
	tw := tabwriter.NewWriter(env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tCATEGORY\tSEVERITY\tVOICE\tMESSAGE")
	for _, rule := range r.Rules {
		sev := string(rule.Severity)
		if rule.QuotedSeverity != "" && rule.QuotedSeverity != rule.Severity {
			sev += "/" + string(rule.QuotedSeverity) + " quoted"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", rule.ID, rule.Category, sev, rule.Voice, oneLine(rule.Message))
	}
	return tw.Flush()
}

// plural gives "1 rule", "2 rules".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// rubricsLintCmd is `slant rubrics lint FILE...`.
type rubricsLintCmd struct {
	Files []string `arg:"" name:"file" help:"Rubric files to check."`
}

// Run checks each file on its own: strict decoding and composition (exit 2 if that fails),
// then every rule the file defines against its examples (exit 1 if one fails). A file that
// sets no provenance word lists, and does not extend the default rubric (which brings
// them), runs its examples with the default rubric's lists: the default rubric's own
// files, linted one by one, keep theirs in another file (80-provenance.toml).
func (cmd *rubricsLintCmd) Run(env *environment) error {
	broken, failing := false, false
	for _, path := range cmd.Files {
		if err := notDirs([]string{path}, "name a rubric's TOML file"); err != nil {
			fmt.Fprintf(env.stderr, "slant: %v\n", err)
			broken = true
			continue
		}
		f, err := rubrics.LoadFile(path)
		if err == nil {
			var r *rubrics.Rubric
			if r, err = rubrics.Compose(f); err == nil {
				if f.Provenance == nil && !slices.Contains(f.Extends, "default") {
					var def *rubrics.Rubric
					if def, err = rubrics.Default(); err != nil {
						return err
					}
					r.Provenance = def.Provenance
				}
				n, errs := lintRules(r, path)
				for _, e := range errs {
					fmt.Fprintf(env.stderr, "slant: %v\n", e)
				}
				if len(errs) > 0 {
					failing = true
				} else {
					fmt.Fprintf(env.stdout, "%s: ok: %s, every example as expected\n", path, plural(n, "rule"))
				}
				continue
			}
		}
		fmt.Fprintf(env.stderr, "slant: %v\n", fileMessage(err))
		broken = true
	}
	switch {
	case broken:
		return exitError(exitUsage)
	case failing:
		return exitError(exitFail)
	}
	return nil
}

// lintRules runs the examples of the rules of r defined in path (not those of a rubric it
// extends).
func lintRules(r *rubrics.Rubric, path string) (int, []error) {
	n := 0
	var errs []error
	for _, rule := range r.Rules {
		if rule.Position().File != path {
			continue
		}
		n++
		errs = append(errs, annotate.CheckExamples(r, rule)...)
	}
	return n, errs
}

// fileMessage turns "rubric x.toml: open x.toml: no such file or directory" into
// "x.toml: no such file or directory"; other errors are kept.
func fileMessage(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}
