package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"
	"golang.org/x/term"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/config"
	"github.com/slant-news/slant/internal/ordered"
	"github.com/slant-news/slant/internal/readfile"
	"github.com/slant-news/slant/rubrics"
)

// checkCmd is `slant check`: the linter for CI, editors and pre-commit hooks.
type checkCmd struct {
	Paths            []string       `arg:"" name:"path" help:"Files, directories and globs to check. A directory is searched for Markdown (.md, .markdown), HTML (.html, .htm) and text (.txt) files, leaving out hidden directories. Quote a glob to let slant expand it (** crosses directories). - reads stdin."`
	Format           string         `short:"f" enum:"${formats}" default:"text" help:"Output: ${format_help}."`
	FailOn           *string        `name:"fail-on" enum:"error,warning,info" placeholder:"SEVERITY" help:"Exit 1 when a finding is at least this severe: error, warning or info. Default: fail_on in .slant.toml, else error."`
	Diff             string         `placeholder:"BASE" help:"Report only findings on lines added or changed since the git revision BASE (as git diff BASE shows them; files git does not track count as new)."`
	Config           string         `placeholder:"FILE" help:"Config file for every input, instead of the .slant.toml found in or above each file's directory."`
	NoConfig         bool           `name:"no-config" help:"Read no .slant.toml."`
	Rubric           []string       `placeholder:"FILE" sep:"none" help:"Rubric file to apply (repeatable), instead of the config's rubrics; the config's overrides still apply."`
	ReportSuppressed bool           `name:"report-suppressed" help:"Also list findings switched off by slant-disable comments, marked as suppressed (not counted for --fail-on; not in markdown output)."`
	Color            string         `enum:"auto,always,never" default:"auto" help:"Colour text output: auto (only on a terminal, and not if NO_COLOR is set), always or never."`
	InputFormat      string         `name:"input-format" enum:"auto,text,markdown,html" default:"auto" help:"How to read input: auto (by extension: .md is Markdown, .html HTML), text, markdown or html."`
	FailOnNoProse    bool           `name:"fail-on-no-prose" help:"Exit 1 when a file has no prose to check (all code blocks, an empty page, an empty file), as on a finding at --fail-on. Default: fail_on_no_prose in .slant.toml."`
	Timeout          *time.Duration `placeholder:"DURATION" help:"Stop checking after this long (30s, 2m): the file under way and those after it are reported as not checked, exit 2. Default: timeout in .slant.toml, else none."`

	articleFlags            `embed:""`
	checkSecondOpinionFlags `embed:""`

	output    render.Format // of --format, set by Run
	published metadata.Date // of --published, set by Run
}

// checkExtensions are the file extensions a directory is searched for.
var checkExtensions = map[string]bool{
	".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true, ".txt": true,
	".html": true, ".htm": true, ".xhtml": true,
}

// checkInput is one file to check.
type checkInput struct {
	name   string // as shown in output: the path as given or found, or "<stdin>"
	path   string // to read; "-" for stdin
	engine *checkEngine
}

// checkEngine is what checking a file under one configuration needs. Files with the same
// configuration share it; the annotator is safe for concurrent use.
type checkEngine struct {
	rubric    *rubrics.Rubric // the rubric applied: after the config's overrides
	known     *rubrics.Rubric // the rules suppression comments may name: before the overrides
	annotator *annotate.Annotator
	config    *config.Config // nil for none
	failOn    rubrics.Severity
	// failOnNoProse fails the check on a file slant reads no prose in.
	failOnNoProse bool
	so            *secondOpinion // nil unless a second opinion is asked for
}

// checkResult is what checking one file gives, ready to write out.
type checkResult struct {
	name    string             // the file, as shown in output
	err     error              // a *timeoutError when the time limit came before or during its turn
	out     []byte             // the file's part of the output, as the format's renderer wrote it
	unread  string             // the warning for a file slant read no prose in, or ""
	read    []prose.InputError // the parts of the file read otherwise than its format says
	failing bool               // a kept finding reached the threshold, or the file had no prose and that fails
	engine  *checkEngine
	so      *render.SecondOpinion // the second opinion, if asked for
	soErr   error                 // the second opinion's failure, if it failed
}

func (cmd *checkCmd) Run(env *environment) error {
	var err error
	if cmd.output, err = render.FormatNamed(cmd.Format); err != nil {
		return err
	}
	if cmd.published, err = cmd.articleFlags.published(); err != nil {
		return err
	}
	if cmd.Config != "" && cmd.NoConfig {
		return errors.New("--config and --no-config cannot be used together")
	}
	inputs, errs, walkErrs := cmd.expand()
	if len(errs) == 0 {
		errs = cmd.configure(inputs, env.stderr)
	}
	if len(errs) == 0 {
		errs = cmd.orphanFlags(inputs)
	}
	// A directory that cannot be read is reported first; the rest is checked, and the
	// check exits 2 at the end, as for a file that cannot be read.
	for _, err := range walkErrs {
		fmt.Fprintf(env.stderr, "slant: %v\n", err)
	}
	if len(errs) > 0 {
		for _, err := range errs {
			fmt.Fprintf(env.stderr, "slant: %v\n", err)
		}
		return exitError(exitUsage)
	}
	var checked []checkInput
	for _, in := range inputs {
		if in.engine.config.Ignored(in.path) && in.path != "-" {
			continue
		}
		checked = append(checked, in)
	}
	if len(checked) > 0 && cmd.ShowPrompt {
		return cmd.showPrompt(env, checked)
	}
	if len(checked) == 0 {
		fmt.Fprintln(env.stderr, "slant: no Markdown, HTML or text files to check")
		if len(walkErrs) > 0 {
			return exitError(exitUsage)
		}
		return nil
	}

	var diff *gitDiff
	if cmd.Diff != "" {
		diff = newGitDiff(cmd.Diff)
	}
	w, err := cmd.newCheckWriter(env, checked)
	if err != nil {
		return err
	}
	w.errors += len(walkErrs)
	limit, origin := cmd.timeLimit(checked)
	ctx, cancel := withTimeout(context.Background(), limit, origin)
	defer cancel()
	checkInOrder(len(checked), checkWorkers(checked), func(i int) checkResult {
		return cmd.checkOne(ctx, env, checked[i], i, diff, w.output)
	}, w.add)
	if err := w.finish(); err != nil {
		return err
	}
	switch {
	case w.internal > 0:
		return exitError(exitInternal)
	case w.errors > 0:
		return exitError(exitUsage)
	case w.failing:
		return exitError(exitFail)
	}
	return nil
}

// timeLimit returns how long the check may take and where that was set: --timeout, else the
// shortest timeout of the configs of the files checked; 0 for no limit.
func (cmd *checkCmd) timeLimit(checked []checkInput) (time.Duration, string) {
	if cmd.Timeout != nil {
		return *cmd.Timeout, "--timeout " + cmd.Timeout.String()
	}
	var (
		limit  time.Duration
		origin string
	)
	for _, in := range checked {
		cfg := in.engine.config
		if d := cfg.TimeLimit(); d > 0 && (limit == 0 || d < limit) {
			limit, origin = d, "timeout in "+cfg.Path()
		}
	}
	return limit, origin
}

// checkInOrder runs check(i) for i in [0, n) on up to workers goroutines and calls emit
// with the results in order of i, as soon as each result and all before it are done:
// ordered.Run, for results that carry their own errors. At most about 3×workers results
// wait to be emitted at any time, so memory stays bounded however many files there are.
func checkInOrder(n, workers int, check func(i int) checkResult, emit func(checkResult)) {
	_ = ordered.Run(n, ordered.Limits{Workers: workers}, func(i int) (checkResult, error) { return check(i), nil },
		func(r checkResult) error { emit(r); return nil })
}

// expand turns the command line's paths into files, in the order given; a directory's files
// and a glob's matches in lexical order. A file named twice is checked once.
//
// Errors in what the command line names are errs, and stop the check before it starts;
// directories found unreadable on the way are walkErrs, reported while the rest is checked.
func (cmd *checkCmd) expand() (inputs []checkInput, errs, walkErrs []error) {
	seen := map[string]bool{}
	add := func(name string) {
		key := name
		if name != "-" {
			if abs, err := filepath.Abs(name); err == nil {
				key = abs
			}
		}
		if seen[key] {
			return
		}
		seen[key] = true
		display := name
		if name == "-" {
			display = "<stdin>"
		}
		inputs = append(inputs, checkInput{name: display, path: name})
	}
	for _, p := range cmd.Paths {
		if p == "-" {
			if cmd.Diff != "" {
				errs = append(errs, errors.New("--diff cannot check stdin: name the files"))
				continue
			}
			add(p)
			continue
		}
		_, err := os.Stat(p)
		switch {
		case err != nil && errors.Is(err, fs.ErrNotExist) && hasGlobMeta(p):
			matches, gerr := doublestar.FilepathGlob(p, doublestar.WithNoHidden())
			if gerr != nil {
				errs = append(errs, fmt.Errorf("%s: bad glob: %v", p, gerr))
				continue
			}
			var files []string
			for _, m := range matches {
				files = append(files, cmd.filesIn(m, false, &errs, &walkErrs)...)
			}
			if len(files) == 0 {
				errs = append(errs, fmt.Errorf("%s: no Markdown, HTML or text files match", p))
			}
			for _, f := range files {
				add(f)
			}
		case err != nil:
			errs = append(errs, pathError(p, err))
		default:
			for _, f := range cmd.filesIn(p, true, &errs, &walkErrs) {
				add(f)
			}
		}
	}
	return inputs, errs, walkErrs
}

// filesIn returns p itself if it is a file (named explicitly, any extension), or the
// Markdown, HTML and text files under it if it is a directory. A directory under p that
// cannot be read is reported in walkErrs, and the rest is searched.
func (cmd *checkCmd) filesIn(p string, explicit bool, errs, walkErrs *[]error) []string {
	info, err := os.Stat(p)
	if err != nil {
		*errs = append(*errs, pathError(p, err))
		return nil
	}
	if !info.IsDir() {
		if !explicit && !checkExtensions[strings.ToLower(filepath.Ext(p))] {
			return nil // a glob's match that is not Markdown, HTML or text
		}
		return []string{p}
	}
	w := dirWalker{visited: map[string]bool{}}
	w.walk(p)
	*walkErrs = append(*walkErrs, w.errs...)
	return w.files
}

// dirWalker finds the Markdown, HTML and text files under a directory, in lexical order,
// leaving out hidden directories. It follows symbolic links to directories, as it would
// a directory named on the command line, and enters each directory once: a link to a
// directory above it, or to one already searched, is not followed again.
type dirWalker struct {
	visited map[string]bool // directories entered, with symbolic links resolved
	files   []string
	errs    []error
}

// readDir reads a directory for dirWalker; tests replace it to simulate a directory that
// cannot be read (chmod 000 does not stop root).
var readDir = os.ReadDir

func (w *dirWalker) walk(dir string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		w.errs = append(w.errs, pathError(dir, err))
		return
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	if w.visited[real] {
		return
	}
	w.visited[real] = true
	entries, err := readDir(dir)
	if err != nil {
		w.errs = append(w.errs, pathError(dir, unwrapPathError(err)))
		// os.ReadDir returns the entries it read before the error: search them too.
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			if info, err := os.Stat(path); err == nil {
				isDir = info.IsDir()
			}
		}
		switch {
		case isDir && strings.HasPrefix(e.Name(), "."):
		case isDir:
			w.walk(path)
		case checkExtensions[strings.ToLower(filepath.Ext(path))]:
			w.files = append(w.files, path)
		}
	}
}

func hasGlobMeta(p string) bool { return strings.ContainsAny(p, "*?[{") }

// pathError gives "path: reason" for file system errors, without Go's operation names.
func pathError(p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", p, pe.Err)
	}
	return fmt.Errorf("%s: %w", p, err)
}

// configure finds each input's configuration and builds one engine per configuration. A
// broken config or rubric is an error before anything is checked.
func (cmd *checkCmd) configure(inputs []checkInput, stderr io.Writer) []error {
	var flagRubric *rubrics.Rubric
	if len(cmd.Rubric) > 0 {
		for _, p := range cmd.Rubric {
			if info, err := os.Stat(p); err == nil && info.IsDir() {
				return []error{fmt.Errorf("%s: is a directory; --rubric names a rubric's TOML file", p)}
			}
		}
		r, err := rubrics.Load(cmd.Rubric...)
		if err != nil {
			return []error{err}
		}
		flagRubric = r
	}
	finder := config.NewFinder()
	engines := map[string]*checkEngine{}
	for i := range inputs {
		in := &inputs[i]
		var (
			cfg *config.Config
			err error
		)
		switch {
		case cmd.NoConfig:
		case cmd.Config != "":
			cfg, err = finder.Load(cmd.Config)
		case in.path == "-":
			cfg, err = finder.Find(".")
		default:
			cfg, err = finder.Find(filepath.Dir(in.path))
		}
		if err != nil {
			return []error{err}
		}
		key := ""
		if cfg != nil {
			key = cfg.Path()
		}
		eng, ok := engines[key]
		if !ok {
			if eng, err = cmd.newEngine(cfg, flagRubric); err != nil {
				return []error{err}
			}
			engines[key] = eng
		}
		in.engine = eng
	}
	return nil
}

func (cmd *checkCmd) newEngine(cfg *config.Config, flagRubric *rubrics.Rubric) (*checkEngine, error) {
	known := flagRubric
	if known == nil {
		var err error
		if cfg != nil {
			known, err = cfg.LoadRubric()
		} else {
			known, err = rubrics.Default()
		}
		if err != nil {
			return nil, err
		}
	}
	rubric, err := cfg.Apply(known)
	if err != nil {
		return nil, err
	}
	a, err := annotate.New(rubric)
	if err != nil {
		return nil, err
	}
	// Suppression comments may name every rule of the rubric, those it switched off too.
	if len(known.Disabled) > 0 {
		all := *known
		all.Rules = append(slices.Clip(known.Rules), known.Disabled...)
		all.Disabled = nil
		known = &all
	}
	eng := &checkEngine{rubric: rubric, known: known, annotator: a, config: cfg, failOn: rubrics.Error,
		failOnNoProse: cmd.FailOnNoProse || (cfg != nil && cfg.FailOnNoProse)}
	if eng.so, err = cmd.setupCheck(cfg, rubric); err != nil {
		return nil, err
	}
	switch {
	case cmd.FailOn != nil:
		eng.failOn = rubrics.Severity(*cmd.FailOn)
	case cfg != nil && cfg.FailOn != "":
		eng.failOn = cfg.FailOn
	}
	return eng, nil
}

// checkOne reads, annotates and renders input i into its part of the output. A panic on
// the way is the file's internal error; a file whose turn comes after the time limit is
// skipped.
func (cmd *checkCmd) checkOne(ctx context.Context, env *environment, in checkInput, i int, diff *gitDiff, output *render.Output) (res checkResult) {
	res = checkResult{name: in.name, engine: in.engine}
	if err := ctx.Err(); err != nil {
		res.err = newTimeoutError(ctx, in.name, err)
		return res
	}
	var panicked error
	defer func() {
		if panicked != nil {
			res = checkResult{name: in.name, err: panicked, engine: in.engine}
		}
	}()
	defer recoverDocument(in.name, &panicked) // runs first; recover works only deferred directly
	rep, problems, err := cmd.report(ctx, env, in, diff)
	if err != nil {
		res.err = err
		return res
	}
	doc, eng := rep.Doc, in.engine
	res.so, res.soErr = rep.SecondOpinion, eng.so.failure(rep.SecondOpinion)
	res.failing = eng.so.fails(rep.SecondOpinion)
	for _, f := range rep.Findings {
		if f.Severity.Rank() >= eng.failOn.Rank() {
			res.failing = true
		}
	}
	res.read = append(slices.Clip(doc.Warnings), problems...)
	if res.unread = unreadWarning(doc); res.unread != "" && eng.failOnNoProse {
		res.failing = true
	}
	if cmd.Format != "markdown" && cmd.Format != "html" {
		rep.Provenance = nil // only the annotated Markdown and the teaching page say who said what
	}
	var buf bytes.Buffer
	if err := output.Render(&buf, rep, i); err != nil {
		res.err = err
	}
	res.out = buf.Bytes()
	return res
}

// report reads and annotates the input, and gives the report to write: the findings kept,
// those switched off by comments (nil unless --report-suppressed), on changed lines only
// with --diff, who said what, and what the article says of itself when the format shows it,
// with the problems of its malformed metadata.
func (cmd *checkCmd) report(ctx context.Context, env *environment, in checkInput, diff *gitDiff) (render.Report, []prose.InputError, error) {
	var (
		data []byte
		err  error
	)
	if in.path == "-" {
		data, err = io.ReadAll(env.stdin)
	} else {
		data, err = readfile.Read(in.path)
	}
	if err != nil {
		return render.Report{}, nil, pathError(in.name, err)
	}
	format := prose.FormatForPath(in.path)
	if cmd.InputFormat != "auto" {
		format, _ = prose.ParseFormat(cmd.InputFormat)
	}
	doc, err := parseDocument(in.name, data, format)
	if err != nil {
		return render.Report{}, nil, err
	}
	eng := in.engine
	res, err := annotateDocument(ctx, eng.annotator, doc)
	if err != nil {
		return render.Report{}, nil, err
	}
	kept, suppressed, err := annotate.Suppress(doc, eng.known, res.Findings)
	if err != nil {
		return render.Report{}, nil, err
	}
	if diff != nil && len(kept)+len(suppressed) > 0 {
		changed, err := diff.changedLines(in.path)
		if err != nil {
			return render.Report{}, nil, err
		}
		kept = changed.filter(doc, kept)
		suppressed = changed.filter(doc, suppressed)
	}
	if !cmd.ReportSuppressed {
		suppressed = nil
	}
	rep := render.Report{Doc: doc, Findings: kept, Suppressed: suppressed, Provenance: res.Provenance, Rubric: eng.rubric}
	if eng.so != nil {
		rep.SecondOpinion = eng.so.reviewChecked(doc, kept, diff, in.path)
	}
	var problems []prose.InputError
	rep.Metadata, problems = readMetadata(doc, cmd.output, cmd.published)
	return rep, problems, nil
}

// checkWriter writes results out in order as they come, through the format's renderer. The
// formats that are one document for all files (json, sarif) are written as they come too,
// after a header naming the rubrics of every file checked: no file's results are kept once
// written.
type checkWriter struct {
	stdout     *bufio.Writer // flushed after each file
	stderr     io.Writer
	format     string
	output     *render.Output
	errors     int      // files that could not be checked, for any reason
	internal   int      // of them, files slant failed on (a bug in slant)
	notChecked []string // files not checked for the time limit: the one under way, and those after it
	unread     int      // files with no prose to check
	timeout    *timeoutError
	failing    bool
	writeErr   error
	reported   map[string]bool // error messages written, so a repository's is written once
}

// newCheckWriter starts the output for the files to check.
func (cmd *checkCmd) newCheckWriter(env *environment, checked []checkInput) (*checkWriter, error) {
	w := &checkWriter{stdout: bufio.NewWriterSize(env.stdout, 64<<10), stderr: env.stderr, format: cmd.Format}
	var rubrics []*rubrics.Rubric // of the engines, in order of first use
	for _, in := range checked {
		if !slices.Contains(rubrics, in.engine.rubric) {
			rubrics = append(rubrics, in.engine.rubric)
		}
	}
	var err error
	w.output, err = render.NewOutput(w.stdout, cmd.output.New(render.Options{
		Rubrics: rubrics, Version: versionString(), Documents: len(checked),
		Color:         useColor(cmd.Color, env.stdout),
		SecondOpinion: slices.ContainsFunc(checked, func(in checkInput) bool { return in.engine.so != nil }),
	}))
	return w, err
}

func (w *checkWriter) add(r checkResult) {
	var te *timeoutError
	if errors.As(r.err, &te) {
		if w.timeout == nil {
			w.timeout = te
			w.errors++
		}
		w.notChecked = append(w.notChecked, r.name)
		return
	}
	if r.err != nil {
		var ie *internalError
		if errors.As(r.err, &ie) {
			w.internal++
			if debugging() {
				fmt.Fprintf(w.stderr, "slant: %v\n%s\n", r.err, ie.stack)
				w.errors++
				return
			}
		}
		msg := r.err.Error()
		if w.reported == nil {
			w.reported = map[string]bool{}
		}
		if !w.reported[msg] {
			w.reported[msg] = true
			fmt.Fprintf(w.stderr, "slant: %s\n", msg)
		}
		w.errors++
		return
	}
	w.failing = w.failing || r.failing
	for _, e := range r.read {
		fmt.Fprintf(w.stderr, "slant: warning: %s\n", e.Error())
		if w.format == "github" && w.writeErr == nil {
			_, w.writeErr = fmt.Fprintf(w.stdout, "::warning file=%s,line=%d,col=%d::%s\n", githubProperty.Replace(r.name), e.Line, e.Column, githubData.Replace(e.Msg))
		}
	}
	w.addSecondOpinion(r)
	if r.unread != "" {
		w.unread++
		fmt.Fprintf(w.stderr, "slant: warning: %s\n", r.unread)
		if w.format == "github" && w.writeErr == nil {
			_, w.writeErr = fmt.Fprintf(w.stdout, "::warning file=%s::%s\n", githubProperty.Replace(r.name), githubData.Replace(r.unread))
		}
	}
	if w.writeErr == nil && len(r.out) > 0 {
		w.writeErr = w.output.Part(r.out)
	}
	// A file's findings are out as soon as it is checked, for whoever watches the run; the
	// formats that are one document for all files are of use only whole, and are flushed
	// as the buffer fills.
	if w.writeErr == nil && w.format != "json" && w.format != "sarif" {
		w.writeErr = w.stdout.Flush()
	}
}

// finish ends the formats that are one document for all files, and says which files the
// time limit left unchecked: on stderr, and in text and github output beside the findings,
// so that a partial result does not pass for a whole one.
func (w *checkWriter) finish() error {
	var why string
	if len(w.notChecked) > 0 {
		why = w.reportNotChecked()
	}
	if w.unread > 0 {
		had := "files had"
		if w.unread == 1 {
			had = "file had"
		}
		fmt.Fprintf(w.stderr, "slant: %d %s no prose to check\n", w.unread, had)
	}
	if w.writeErr != nil {
		return w.writeErr
	}
	if err := w.output.End(w.notChecked, why); err != nil {
		return err
	}
	return w.stdout.Flush()
}

// reportNotChecked says on stderr which files the time limit left unchecked, and returns why.
func (w *checkWriter) reportNotChecked() (why string) {
	why = "the time limit was reached"
	if w.timeout != nil {
		fmt.Fprintf(w.stderr, "slant: %v\n", w.timeout)
		if w.timeout.limit.d > 0 {
			why = fmt.Sprintf("slant timed out after %s (%s)", w.timeout.limit.d, w.timeout.limit.origin)
		}
	}
	fmt.Fprintf(w.stderr, "slant: %s not checked, for %s: %s\n", plural(len(w.notChecked), "file"), why, strings.Join(w.notChecked, ", "))
	return why
}

// githubData and githubProperty escape a workflow command's message and property values.
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// useColor decides whether text output is coloured: --color always or never, else only
// when stdout is a terminal and neither NO_COLOR (https://no-color.org) nor TERM=dumb says
// otherwise.
func useColor(mode string, stdout io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := stdout.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}
