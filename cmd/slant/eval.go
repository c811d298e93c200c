package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/eval"
	"github.com/slant-news/slant/rubrics"
)

// evalCmd is `slant eval`: scoring slant against corpora annotated by people.
type evalCmd struct {
	PTC     evalPTCCmd     `cmd:"" name:"ptc" help:"Score loaded-framing findings on the Propaganda Techniques Corpus (SemEval-2020 Task 11 span identification)."`
	PolNeAR evalPolNeARCmd `cmd:"" name:"polnear" help:"Score attribution relations (source, cue, content) on PolNeAR."`
	BASIL   evalBASILCmd   `cmd:"" name:"basil" help:"Score loaded-wording findings on BASIL's lexical-bias spans, in the writer's voice and in quotations."`
	BABE    evalBABECmd    `cmd:"" name:"babe" help:"Score loaded-wording findings on BABE's biased words and sentences."`
	Rules   evalRulesCmd   `cmd:"" name:"rules" help:"Precision of every rule on PTC, BASIL and BABE side by side: which rules earn their severity."`
}

// evalPTCCmd is `slant eval ptc DIR`.
type evalPTCCmd struct {
	Dir           string   `arg:"" name:"dir" help:"PTC directory: articles/articleID.txt and labels/articleID.labels."`
	Rubric        []string `placeholder:"FILE" sep:"none" help:"Rubric file to apply (repeatable), as in slant annotate."`
	Map           string   `placeholder:"FILE" help:"TOML file mapping rule ids and categories to PTC techniques (default: the built-in eval/ptc-map.toml)."`
	Format        string   `short:"f" enum:"table,json" default:"table" help:"Output format: table or json."`
	ExplainErrors bool     `name:"explain-errors" help:"Also list false positives by rule and missed gold spans by wording."`
	Limit         int      `default:"10" help:"With --explain-errors: texts listed per rule, and missed wordings listed (0: all)."`

	secondOpinionFlags `embed:""`
}

func (cmd *evalPTCCmd) Run(env *environment) error {
	rubric, annotator, err := loadAnnotator(cmd.Rubric, nil)
	if err != nil {
		return err
	}
	m := eval.DefaultPTCMap()
	if cmd.Map != "" {
		if m, err = eval.LoadPTCMap(cmd.Map); err != nil {
			return err
		}
	}
	for _, w := range m.Check(rubric) {
		fmt.Fprintf(env.stderr, "slant: warning: %s\n", w)
	}
	so, err := cmd.evalSetup(rubric)
	if err != nil {
		return err
	}
	articles, err := eval.LoadPTC(cmd.Dir)
	if err != nil {
		return err
	}
	rep, err := eval.EvaluatePTC(context.Background(), articles, annotator, m)
	if err != nil {
		return err
	}
	rep.Dir = cmd.Dir
	if so != nil {
		both, err := ptcSideBySide(context.Background(), env, so, articles, annotator, m, rep)
		if err != nil {
			return err
		}
		return writeEvalReport(env, both, cmd.Format, cmd.ExplainErrors, cmd.Limit)
	}
	return writeEvalReport(env, rep, cmd.Format, cmd.ExplainErrors, cmd.Limit)
}

// evalReport is the report of an eval subcommand.
type evalReport interface {
	WriteText(w io.Writer) error
	WriteErrors(w io.Writer, limit int) error
	WriteJSON(w io.Writer, explainErrors bool, limit int) error
}

// writeEvalReport writes rep to stdout as table or JSON, with the errors when asked; nothing
// is written if rendering fails.
func writeEvalReport(env *environment, rep evalReport, format string, explainErrors bool, limit int) error {
	var out bytes.Buffer
	var err error
	if format == "json" {
		err = rep.WriteJSON(&out, explainErrors, limit)
	} else {
		err = rep.WriteText(&out)
		if err == nil && explainErrors {
			err = rep.WriteErrors(&out, limit)
		}
	}
	if err != nil {
		return err
	}
	_, err = env.stdout.Write(out.Bytes())
	return err
}

// evalPolNeARCmd is `slant eval polnear DIR`.
type evalPolNeARCmd struct {
	Dir           string   `arg:"" name:"dir" help:"PolNeAR directory: text/NAME.txt and attributions/NAME.ann (brat)."`
	Baseline      bool     `help:"Score the baseline attributor (30 verbs of saying and thinking as cues) instead of slant's."`
	Rubric        []string `placeholder:"FILE" sep:"none" help:"Rubric file whose provenance word lists to use (repeatable; default: the built-in rubric)."`
	Format        string   `short:"f" enum:"table,json" default:"table" help:"Output format: table or json."`
	ExplainErrors bool     `name:"explain-errors" help:"Also list missed and false-positive cues by wording."`
	Limit         int      `default:"10" help:"With --explain-errors: wordings listed per group (0: all)."`

	secondOpinionFlags `embed:""`
}

func (cmd *evalPolNeARCmd) Run(env *environment) error {
	var att eval.Attributor
	var name string
	var so *secondOpinion
	var annotator *annotate.Annotator
	if cmd.Baseline {
		if cmd.ShowPrompt || (cmd.SecondOpinion != nil && *cmd.SecondOpinion) {
			return errors.New("--second-opinion is compared with slant's own attributions, not with --baseline")
		}
		att, name = eval.Baseline{}, fmt.Sprintf("baseline (%d verbs of saying and thinking, cue only)", len(eval.BaselineVerbs))
	} else {
		rubric, a, err := loadAnnotator(cmd.Rubric, nil)
		if err != nil {
			return err
		}
		if so, err = cmd.evalSetup(rubric); err != nil {
			return err
		}
		annotator = a
		att, name = eval.Provenance(annotator), "slant provenance, rubric "+rubric.Name()
	}
	articles, warnings, err := eval.LoadPolNeAR(cmd.Dir)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(env.stderr, "slant: warning: %s\n", w)
	}
	rep, err := eval.EvaluatePolNeAR(articles, att)
	if err != nil {
		return err
	}
	rep.Dir, rep.Attributor = cmd.Dir, name
	if so != nil {
		both, err := polnearSideBySide(env, so, articles, annotator, rep)
		if err != nil {
			return err
		}
		return writeEvalReport(env, both, cmd.Format, cmd.ExplainErrors, cmd.Limit)
	}
	return writeEvalReport(env, rep, cmd.Format, cmd.ExplainErrors, cmd.Limit)
}

// loadedMapFlags are the options of the commands that score loaded wording (basil, babe).
type loadedMapFlags struct {
	Rubric        []string `placeholder:"FILE" sep:"none" help:"Rubric file to apply (repeatable), as in slant annotate."`
	Map           string   `placeholder:"FILE" help:"TOML file listing the rule categories and ids that count as loaded wording (default: the built-in eval/loaded-map.toml)."`
	Format        string   `short:"f" enum:"table,json" default:"table" help:"Output format: table or json."`
	ExplainErrors bool     `name:"explain-errors" help:"Also list false positives by rule and wording, and misses by wording."`
	Limit         int      `default:"10" help:"With --explain-errors: texts listed per rule, and missed wordings listed (0: all)."`
}

// load returns the annotator and the loaded-wording map, warning about names in the map that
// the rubric does not have.
func (f *loadedMapFlags) load(env *environment) (*annotate.Annotator, *eval.LoadedMap, error) {
	rubric, annotator, err := loadAnnotator(f.Rubric, nil)
	if err != nil {
		return nil, nil, err
	}
	m := eval.DefaultLoadedMap()
	if f.Map != "" {
		if m, err = eval.LoadLoadedMap(f.Map); err != nil {
			return nil, nil, err
		}
	}
	for _, w := range m.Check(rubric) {
		fmt.Fprintf(env.stderr, "slant: warning: %s\n", w)
	}
	return annotator, m, nil
}

// evalBASILCmd is `slant eval basil DIR`.
type evalBASILCmd struct {
	Dir string `arg:"" name:"dir" help:"BASIL directory: articles/NAME.txt and gold.jsonl."`
	loadedMapFlags
}

func (cmd *evalBASILCmd) Run(env *environment) error {
	annotator, m, err := cmd.load(env)
	if err != nil {
		return err
	}
	articles, err := eval.LoadBASIL(cmd.Dir)
	if err != nil {
		return err
	}
	rep, err := eval.EvaluateBASIL(context.Background(), articles, annotator, m)
	if err != nil {
		return err
	}
	rep.Dir = cmd.Dir
	return writeEvalReport(env, rep, cmd.Format, cmd.ExplainErrors, cmd.Limit)
}

// evalBABECmd is `slant eval babe DIR`.
type evalBABECmd struct {
	Dir string `arg:"" name:"dir" help:"BABE directory holding sentences.jsonl (or the file itself)."`
	loadedMapFlags
}

func (cmd *evalBABECmd) Run(env *environment) error {
	annotator, m, err := cmd.load(env)
	if err != nil {
		return err
	}
	sentences, path, err := eval.LoadBABE(cmd.Dir)
	if err != nil {
		return err
	}
	rep, err := eval.EvaluateBABE(context.Background(), sentences, annotator, m, path)
	if err != nil {
		return err
	}
	rep.Dir = cmd.Dir
	return writeEvalReport(env, rep, cmd.Format, cmd.ExplainErrors, cmd.Limit)
}

// evalRulesCmd is `slant eval rules [DIR]`.
type evalRulesCmd struct {
	Dir          string   `arg:"" optional:"" name:"dir" help:"Directory holding the corpora as ptc/, basil/ and babe/ (such as ../shared/corpus); those present are scored."`
	PTC          string   `name:"ptc" placeholder:"DIR" help:"PTC directory (default: DIR/ptc)."`
	BASIL        string   `name:"basil" placeholder:"DIR" help:"BASIL directory (default: DIR/basil)."`
	BABE         string   `name:"babe" placeholder:"DIR" help:"BABE directory (default: DIR/babe)."`
	Rubric       []string `placeholder:"FILE" sep:"none" help:"Rubric file to apply (repeatable), as in slant annotate."`
	PTCMap       string   `name:"ptc-map" placeholder:"FILE" help:"PTC technique map (default: the built-in eval/ptc-map.toml)."`
	Map          string   `placeholder:"FILE" help:"Loaded-wording map for BASIL and BABE (default: the built-in eval/loaded-map.toml)."`
	MinFindings  int      `name:"min-findings" default:"20" help:"Findings a rule needs on a corpus for its precision there to count in the verdict."`
	MinPrecision float64  `name:"min-precision" default:"0.5" help:"Precision a rule needs on a corpus to be called precise there."`
	Format       string   `short:"f" enum:"table,json" default:"table" help:"Output format: table or json."`
}

func (cmd *evalRulesCmd) Run(env *environment) error {
	dirs := map[string]*string{"ptc": &cmd.PTC, "basil": &cmd.BASIL, "babe": &cmd.BABE}
	if cmd.Dir != "" {
		if fi, err := os.Stat(cmd.Dir); err != nil || !fi.IsDir() {
			return fmt.Errorf("%s: not a directory", cmd.Dir)
		}
		for _, name := range []string{"ptc", "basil", "babe"} {
			if d := filepath.Join(cmd.Dir, name); *dirs[name] == "" && isDir(d) {
				*dirs[name] = d
			}
		}
	}
	if cmd.PTC == "" && cmd.BASIL == "" && cmd.BABE == "" {
		return fmt.Errorf("no corpus to score: give a directory holding ptc/, basil/ or babe/, or --ptc, --basil, --babe")
	}
	rubric, annotator, err := loadAnnotator(cmd.Rubric, nil)
	if err != nil {
		return err
	}
	ctx := context.Background()
	var (
		names, maps []string
		perCorpus   [][]eval.RulePrecision
		counts      []func(*rubrics.Rule) bool
	)
	if cmd.PTC != "" {
		m := eval.DefaultPTCMap()
		if cmd.PTCMap != "" {
			if m, err = eval.LoadPTCMap(cmd.PTCMap); err != nil {
				return err
			}
		}
		for _, w := range m.Check(rubric) {
			fmt.Fprintf(env.stderr, "slant: warning: %s\n", w)
		}
		articles, err := eval.LoadPTC(cmd.PTC)
		if err != nil {
			return err
		}
		rep, err := eval.EvaluatePTC(ctx, articles, annotator, m)
		if err != nil {
			return err
		}
		names, maps = append(names, "PTC"), append(maps, m.Path())
		perCorpus = append(perCorpus, rep.Rules)
		counts = append(counts, func(r *rubrics.Rule) bool { return m.Technique(r) != "" })
	}
	if cmd.BASIL != "" || cmd.BABE != "" {
		m := eval.DefaultLoadedMap()
		if cmd.Map != "" {
			if m, err = eval.LoadLoadedMap(cmd.Map); err != nil {
				return err
			}
		}
		for _, w := range m.Check(rubric) {
			fmt.Fprintf(env.stderr, "slant: warning: %s\n", w)
		}
		if cmd.BASIL != "" {
			articles, err := eval.LoadBASIL(cmd.BASIL)
			if err != nil {
				return err
			}
			rep, err := eval.EvaluateBASIL(ctx, articles, annotator, m)
			if err != nil {
				return err
			}
			names, maps = append(names, "BASIL"), append(maps, m.Path())
			perCorpus, counts = append(perCorpus, rep.Rules), append(counts, m.Counts)
		}
		if cmd.BABE != "" {
			sentences, path, err := eval.LoadBABE(cmd.BABE)
			if err != nil {
				return err
			}
			rep, err := eval.EvaluateBABE(ctx, sentences, annotator, m, path)
			if err != nil {
				return err
			}
			names, maps = append(names, "BABE"), append(maps, m.Path())
			perCorpus, counts = append(perCorpus, rep.Rules), append(counts, m.Counts)
		}
	}
	table := eval.NewRuleTable(rubric, names, maps, perCorpus, counts, cmd.MinFindings, cmd.MinPrecision)
	return writeEvalReport(env, table, cmd.Format, false, 0)
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}
