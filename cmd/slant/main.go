// Command slant annotates news and other prose for source bias and provenance.
//
// It is a thin layer over package annotate: it reads files, loads rubrics, and writes the
// reports through the output formats of package render. See README.md for a tour.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/alecthomas/kong"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/config"
	"github.com/slant-news/slant/internal/ordered"
	"github.com/slant-news/slant/internal/readfile"
	"github.com/slant-news/slant/rubrics"
)

// Exit codes.
const (
	exitOK    = 0 // success
	exitFail  = 1 // findings reached the failure threshold (slant check)
	exitUsage = 2 // usage or input error: bad flag, missing file, broken rubric, binary input, timeout
	// exitInternal says slant itself failed on a document (a panic: a bug in slant). slant
	// check still checks and reports the other files.
	exitInternal = 3
)

// version is set by the build (-ldflags "-X main.version=...") or read from build info.
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// cli is the command line, as kong reads it.
type cli struct {
	Version    kong.VersionFlag `help:"Print the version and exit."`
	CPUProfile string           `name:"cpuprofile" hidden:"" placeholder:"FILE" help:"Write a CPU profile to FILE (for bench/run.sh and go tool pprof)."`

	Annotate annotateCmd `cmd:"" help:"Annotate articles for loaded framing and unattributed claims."`
	Eval     evalCmd     `cmd:"" help:"Score slant against corpora annotated by people (PTC, PolNeAR, BASIL, BABE), and every rule's precision on them."`
	Check    checkCmd    `cmd:"" help:"Check files for CI and editors: file:line:col findings, SARIF, GitHub annotations; exit 1 when one reaches --fail-on."`
	Rubrics  rubricsCmd  `cmd:"" help:"List the rules of the rubric applied, or lint rubric files."`
	Explain  explainCmd  `cmd:"" help:"Explain a rule for a learner: what it flags, why, and examples."`
}

const description = `slant annotates news and other prose for source bias and provenance: loaded framing,
unattributed claims, and who said what. Rules come from rubrics (TOML files); a default
rubric is built in.

Examples:
  slant annotate testdata/sample/article.md            annotated Markdown on stdout
  slant annotate -o out.md article.txt                  write it to a file
  slant annotate --format json article.md               findings and sources as JSON
  cat draft.txt | slant annotate                        read stdin
  slant annotate --rubric house.toml article.md         your own rubric (may extend the default)
  slant check --fail-on warning drafts/                 lint drafts, for CI (also --format sarif|github)
  slant annotate --second-opinion --model qwen2.5:7b --base-url http://localhost:11434/v1 article.md
                                                        a language model's second opinion, marked as its own
  slant explain framing.scare-quotes                    what a rule means, for a learner
  slant rubrics lint house.toml                         check a rubric and run its examples
  slant eval polnear ../shared/corpus/polnear           score slant against annotated news

Exit codes: 0 success; 1 slant check found something at or above --fail-on, or a rubric's
example failed; 2 usage or input error (the message names file:line:col), or --timeout
reached; 3 internal error: slant failed on a file (a bug in slant; please report it).`

// exitPanic carries an exit code out of kong's help and version handling.
type exitPanic int

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	var c cli
	parser, err := kong.New(&c,
		kong.Name("slant"),
		kong.Description(description),
		cliVars("slant "+versionString()),
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { panic(exitPanic(code)) }),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
	)
	if err != nil {
		fmt.Fprintf(stderr, "slant: %v\n", err)
		return exitUsage
	}
	defer func() {
		switch p := recover().(type) {
		case nil:
		case exitPanic:
			code = int(p)
		default:
			// A bug in slant outside the work on a document: still no crash.
			code = reportError(stderr, &internalError{name: "slant", value: p, stack: debug.Stack()})
		}
	}()
	kctx, err := parser.Parse(args)
	if err != nil {
		fmt.Fprintf(stderr, "slant: %v\n", err)
		if kctx != nil && len(args) > 0 {
			fmt.Fprintln(stderr, "Run 'slant --help' for usage.")
		}
		return exitUsage
	}
	env := &environment{stdin: stdin, stdout: stdout, stderr: stderr}
	if c.CPUProfile != "" {
		stop, err := startCPUProfile(c.CPUProfile)
		if err != nil {
			fmt.Fprintf(stderr, "slant: %v\n", err)
			return exitUsage
		}
		defer stop()
	}
	if err := kctx.Run(env); err != nil {
		var exit exitError
		if errors.As(err, &exit) {
			return int(exit)
		}
		return reportError(stderr, err)
	}
	return exitOK
}

// startCPUProfile profiles the process into the file path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile %s: %w", path, err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// environment is what commands read from and write to, so tests can run them in process.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// exitError ends a command with an exit code after it has reported on its own.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit %d", int(e)) }

// cliVars are the variables of the command line's tags: the version, and the output formats
// from render's registry, so that a new format needs no change here.
func cliVars(version string) kong.Vars {
	return kong.Vars{
		"version":     version,
		"formats":     strings.Join(render.FormatNames(), ","),
		"format_help": render.FormatHelp(),
	}
}

// annotateCmd is `slant annotate`.
type annotateCmd struct {
	Files       []string       `arg:"" optional:"" name:"file" help:"Files to annotate (plain text, Markdown or HTML). None, or -, reads stdin."`
	Output      string         `short:"o" placeholder:"FILE" help:"Write the output to FILE instead of stdout."`
	Rubric      []string       `placeholder:"FILE" sep:"none" help:"Rubric file to apply (repeatable), instead of the config's rubrics or the default rubric; the config's overrides still apply. A rubric replaces the default rubric unless the file says extends = [\"default\"]."`
	Config      string         `placeholder:"FILE" help:"Config file to read, instead of the .slant.toml found in or above the files' directory."`
	NoConfig    bool           `name:"no-config" help:"Read no .slant.toml."`
	Format      string         `short:"f" enum:"${formats}" default:"markdown" help:"Output format: ${format_help}."`
	Color       string         `enum:"auto,always,never" default:"auto" help:"Colour text output: auto (only on a terminal, and not if NO_COLOR is set), always or never."`
	InputFormat string         `name:"input-format" enum:"auto,text,markdown,html" default:"auto" help:"How to read input: auto (by extension: .md is Markdown, .html HTML), text, markdown or html."`
	Timeout     *time.Duration `placeholder:"DURATION" help:"Stop with an error (exit 2) when annotating takes longer than this (30s, 2m); nothing is written to -o. Default: timeout in .slant.toml, else none."`

	secondOpinionFlags `embed:""`
}

func (cmd *annotateCmd) Run(env *environment) error {
	files := cmd.Files
	if len(files) == 0 {
		files = []string{"-"}
	}
	cfg, err := cmd.config(files)
	if err != nil {
		return err
	}
	rubric, annotator, err := loadAnnotator(cmd.Rubric, cfg)
	if err != nil {
		return err
	}
	so, err := cmd.setup(cfg, rubric)
	if err == nil {
		err = cmd.orphanError(so)
	}
	if err != nil {
		return err
	}
	limit, origin := cfg.TimeLimit(), ""
	if cfg != nil {
		origin = "timeout in " + cfg.Path()
	}
	if cmd.Timeout != nil {
		limit, origin = *cmd.Timeout, "--timeout "+cmd.Timeout.String()
	}
	ctx, cancel := withTimeout(context.Background(), limit, origin)
	defer cancel()
	// Files are annotated on every core and written out in order as they are done, so that
	// memory follows the largest file, not all of them. An input error must leave stdout and
	// -o untouched, so every input is read and checked first (and dropped: only stdin, which
	// cannot be read twice, is kept). -o is renamed into place at the end (see below).
	firstStdin := slices.Index(files, "-")
	workers := runtime.GOMAXPROCS(0)
	stdin, sizes, err := cmd.checkInputs(env, files, firstStdin, workers)
	if err != nil {
		return err
	}
	if so != nil && so.showPrompt {
		return cmd.showPrompt(ctx, env, so, annotator, files, firstStdin, stdin)
	}
	if so != nil {
		workers = 1 // documents are reviewed in order, one at a time, within one budget
	}
	largest := slices.Max(sizes)
	// The documents under way at once take at most the largest document's size, or 1 MB
	// for many small ones: a large document is annotated while nothing else is.
	budget := max(largest, 1<<20)
	defer tuneCollector(largest, budget)()
	// -o is written under a temporary name and renamed into place once the output is
	// whole: a run that fails leaves an earlier output as it was, and -o may name an input
	// (every input is read before the rename).
	var (
		out  io.Writer = env.stdout
		file *atomicFile
	)
	if cmd.Output != "" && cmd.Output != "-" {
		if file, err = createAtomic(cmd.Output); err != nil {
			return err
		}
		defer file.abort()
		out = file
	}
	w := bufio.NewWriterSize(out, 1<<16)
	format, err := render.FormatNamed(cmd.Format)
	if err != nil {
		return err
	}
	output, err := render.NewOutput(w, format.New(render.Options{
		Rubrics: []*rubrics.Rubric{rubric}, Version: versionString(), Documents: len(files),
		Color: useColor(cmd.Color, out), SecondOpinion: so != nil,
	}))
	if err != nil {
		return err
	}
	// A small document is rendered by its worker; a large one is rendered straight into the
	// output when its turn comes, so that its output (JSON is several times the size of the
	// text) is never held whole.
	type done struct {
		out  *bytes.Buffer
		rep  *render.Report // to render into the output, for a large document
		i    int
		warn []string // the warnings of reading it (readWarnings)
		note []string // the second opinion's summary, for stderr
	}
	// Documents under way, large ones included, take at most budget bytes of input.
	lim := ordered.Limits{Workers: workers, Cost: func(i int) int { return sizes[i] }, Budget: budget}
	err = ordered.Run(len(files), lim, func(i int) (d done, err error) {
		defer recoverDocument(displayName(files[i]), &err)
		doc, err := cmd.read(env, files[i], i == firstStdin, stdin)
		if err != nil {
			return done{}, err
		}
		res, err := annotateDocument(ctx, annotator, doc)
		if err != nil {
			return done{}, err
		}
		rep := render.Report{Doc: doc, Findings: res.Findings, Provenance: res.Provenance, Rubric: rubric}
		warn := readWarnings(doc)
		var note []string
		if so != nil {
			var soErr error
			if rep.SecondOpinion, soErr = so.review(doc, rep.Findings, nil); soErr != nil {
				if so.required {
					return done{}, requiredError(doc.Name, soErr)
				}
				warn = append(warn, secondOpinionWarning(doc.Name, soErr))
			}
			if n := summaryNote(cmd.Format, doc.Name, rep.SecondOpinion); n != "" {
				note = append(note, n)
			}
		}
		if len(doc.Source) > renderInWorkerMax {
			return done{rep: &rep, i: i, warn: warn, note: note}, nil
		}
		buf := outputBuffers.Get().(*bytes.Buffer)
		buf.Reset()
		err = output.Render(buf, rep, i)
		return done{out: buf, warn: warn, note: note}, err
	}, func(d done) (err error) {
		for _, w := range d.warn {
			fmt.Fprintf(env.stderr, "slant: warning: %s\n", w)
		}
		for _, n := range d.note {
			fmt.Fprintf(env.stderr, "slant: %s\n", n)
		}
		if d.rep != nil {
			defer recoverDocument(d.rep.Doc.Name, &err)
			return output.Document(*d.rep, d.i)
		}
		err = output.Part(d.out.Bytes())
		if d.out.Cap() <= 4*renderInWorkerMax {
			outputBuffers.Put(d.out)
		}
		return err
	})
	if err != nil {
		return err
	}
	if err := output.End(nil, ""); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if file != nil {
		return file.commit()
	}
	return nil
}

// displayName is how an input is named in output and messages: "<stdin>" for "-".
func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

// tuneCollector sets the garbage collector for documents of which the largest has the given
// size, with budget bytes of input under way at once, unless GOGC or GOMEMLIMIT say
// otherwise; the returned function restores it.
//
// slant allocates much and keeps little. With small documents, the garbage collector at
// Go's default (GOGC=100, from a 4 MB heap) runs every few milliseconds, takes a large share
// of the time and keeps the cores waiting for each other; let the heap grow more between
// collections when every document is small (memory stays a few tens of MB). A soft limit of
// 48 MB keeps the heap from growing beyond what small documents need. A large document's
// analysis takes about four times its size, live: a soft limit of 7.5 times the input under
// way at once keeps the peak within ten times the largest document (the program itself
// takes about 14 MB) and leaves the collector room enough not to run all the time (at 7
// times, a 4 MB document took 43 collections, at 7.5, 24).
func tuneCollector(largest, budget int) (restore func()) {
	gcPercent, memLimit := -2, int64(-1) // -2: leave as it is; -1: read, not set
	switch {
	case largest <= renderInWorkerMax:
		if os.Getenv("GOGC") == "" {
			gcPercent = debug.SetGCPercent(400)
		}
		if os.Getenv("GOMEMLIMIT") == "" {
			memLimit = debug.SetMemoryLimit(48 << 20)
		}
	case os.Getenv("GOMEMLIMIT") == "":
		memLimit = debug.SetMemoryLimit(max(30<<20, 15*int64(budget)/2))
	}
	return func() {
		if gcPercent != -2 {
			debug.SetGCPercent(gcPercent)
		}
		if memLimit >= 0 {
			debug.SetMemoryLimit(memLimit)
		}
	}
}

// outputBuffers recycles the buffers workers render into: a new one for every document
// would be allocated and cleared, several times the size of the document.
var outputBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderInWorkerMax is the size of the largest document whose output is rendered by the
// worker that annotated it, in memory; larger ones are rendered into the output in turn.
const renderInWorkerMax = 256 << 10

// config returns the .slant.toml that applies to the files, as slant check finds it: --config,
// else the one in or above the files' directory (the working directory for stdin); nil for
// none or --no-config. Files under different configs are an error: their output is one
// document under one rubric.
func (cmd *annotateCmd) config(files []string) (*config.Config, error) {
	switch {
	case cmd.Config != "" && cmd.NoConfig:
		return nil, errors.New("--config and --no-config cannot be used together")
	case cmd.NoConfig:
		return nil, nil
	case cmd.Config != "":
		return config.Load(cmd.Config)
	}
	finder := config.NewFinder()
	var (
		found *config.Config
		first string
	)
	for i, name := range files {
		dir := "."
		if name != "-" {
			dir = filepath.Dir(name)
		}
		cfg, err := finder.Find(dir)
		if err != nil {
			return nil, err
		}
		if i > 0 && cfg != found {
			return nil, fmt.Errorf("%s and %s are under different configs (%s, %s): annotate them apart, or name one with --config",
				displayName(first), displayName(name), configName(found), configName(cfg))
		}
		found, first = cfg, name
	}
	return found, nil
}

func configName(c *config.Config) string {
	if c == nil {
		return "none"
	}
	return c.Path()
}

// loadAnnotator loads the rubric files (else the config's rubrics, else the default rubric),
// applies the config's overrides (cfg may be nil), and returns the rubric with its
// annotator.
func loadAnnotator(paths []string, cfg *config.Config) (*rubrics.Rubric, *annotate.Annotator, error) {
	if err := notDirs(paths, "--rubric names a rubric's TOML file"); err != nil {
		return nil, nil, err
	}
	var (
		rubric *rubrics.Rubric
		err    error
	)
	if len(paths) == 0 && cfg != nil {
		rubric, err = cfg.LoadRubric()
	} else {
		rubric, err = rubrics.Load(paths...)
	}
	if err != nil {
		return nil, nil, err
	}
	if rubric, err = cfg.Apply(rubric); err != nil {
		return nil, nil, err
	}
	annotator, err := annotate.New(rubric)
	if err != nil {
		return nil, nil, err
	}
	return rubric, annotator, nil
}

// checkInputs checks every input as check does, on up to workers goroutines (opening a file
// costs more than reading it), and returns the error of the first bad input in order, stdin's
// bytes and the size of every input.
func (cmd *annotateCmd) checkInputs(env *environment, files []string, firstStdin, workers int) ([]byte, []int, error) {
	errs := make([]error, len(files))
	sizes := make([]int, len(files))
	var stdin []byte
	if firstStdin >= 0 {
		stdin, sizes[firstStdin], errs[firstStdin] = cmd.check(env, "-", true, nil)
	}
	// The order does not matter here: each worker takes the next file by an atomic counter
	// (per file, inOrder's channels cost as much as checking a short article, and its one
	// dispatching goroutine kept the second core idle).
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, len(files))) {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				if i != firstStdin {
					_, sizes[i], errs[i] = cmd.check(env, files[i], false, nil)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return stdin, sizes, nil
}

// check reads the input name as read would and reports the error read would report, keeping
// nothing but stdin's bytes, which it returns (pass them back in for the next input), and
// the input's size. firstStdin says name is the first "-" of the inputs.
func (cmd *annotateCmd) check(env *environment, name string, firstStdin bool, stdin []byte) ([]byte, int, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = cmd.readBytes(env, name, firstStdin, stdin)
	} else {
		// Read into a recycled buffer: the bytes are only looked at.
		buf := checkBuffers.Get().(*[]byte)
		defer checkBuffers.Put(buf)
		data, err = readfile.Into(name, (*buf)[:0])
		if cap(data) <= 1<<20 {
			*buf = data
		}
	}
	if err != nil {
		return stdin, 0, err
	}
	if firstStdin {
		stdin = data
	}
	if bytes.IndexByte(data, 0) < 0 && utf8.Valid(data) {
		return stdin, len(data), nil
	}
	_, err = cmd.parse(name, data) // the exact error, from the first bad byte on
	return stdin, len(data), err
}

// checkBuffers recycles the buffers check reads files into.
var checkBuffers = sync.Pool{New: func() any { return new([]byte) }}

// readBytes reads the input name: a file, or "-" for stdin. The first "-" reads all of stdin
// (or gets stdin, if that was read already); any other "-" finds it empty, as a second read
// would.
func (cmd *annotateCmd) readBytes(env *environment, name string, firstStdin bool, stdin []byte) ([]byte, error) {
	switch {
	case name != "-":
		return readfile.Read(name)
	case !firstStdin:
		return []byte{}, nil
	case stdin != nil:
		return stdin, nil
	}
	data, err := io.ReadAll(env.stdin)
	if err == nil && data == nil {
		data = []byte{}
	}
	return data, err
}

func (cmd *annotateCmd) read(env *environment, name string, firstStdin bool, stdin []byte) (*prose.Document, error) {
	data, err := cmd.readBytes(env, name, firstStdin, stdin)
	if err != nil {
		return nil, err
	}
	return cmd.parse(name, data)
}

func (cmd *annotateCmd) parse(name string, data []byte) (*prose.Document, error) {
	display := displayName(name)
	format := prose.FormatForPath(name)
	if cmd.InputFormat != "auto" {
		var err error
		if format, err = prose.ParseFormat(cmd.InputFormat); err != nil {
			return nil, err
		}
	}
	return parseDocument(display, data, format)
}
