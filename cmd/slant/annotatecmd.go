package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/config"
	"github.com/slant-news/slant/internal/gctune"
	"github.com/slant-news/slant/internal/ordered"
	"github.com/slant-news/slant/internal/readfile"
	"github.com/slant-news/slant/rubrics"
)

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

	articleFlags       `embed:""`
	secondOpinionFlags `embed:""`
}

func (cmd *annotateCmd) Run(env *environment) error {
	run, err := cmd.prepare(env)
	if err != nil {
		return err
	}
	defer run.cancel()
	if run.so != nil && run.so.showPrompt {
		return cmd.showPrompt(run.ctx, env, run.so, run.annotator, run.files, run.firstStdin, run.stdin)
	}
	return run.write()
}

// annotateRun is one run of slant annotate, ready to write: its inputs read and checked,
// its rubric loaded, its time limit running.
type annotateRun struct {
	cmd        *annotateCmd
	env        *environment
	files      []string
	firstStdin int    // the index of the first "-" among files, or -1
	stdin      []byte // what stdin held, when it is among the files
	sizes      []int  // of every input, in bytes
	rubric     *rubrics.Rubric
	annotator  *annotate.Annotator
	so         *secondOpinion // nil without --second-opinion
	format     render.Format
	published  metadata.Date // --published
	ctx        context.Context
	cancel     context.CancelFunc
}

// prepare loads the config and rubric, sets up the second opinion and the time limit, and
// reads and checks every input: an input error must leave stdout and -o untouched, so
// every input is read and checked before anything is written (and dropped: only stdin,
// which cannot be read twice, is kept).
func (cmd *annotateCmd) prepare(env *environment) (*annotateRun, error) {
	run := &annotateRun{cmd: cmd, env: env, files: cmd.Files}
	if len(run.files) == 0 {
		run.files = []string{"-"}
	}
	cfg, err := cmd.config(run.files)
	if err != nil {
		return nil, err
	}
	if run.rubric, run.annotator, err = loadAnnotator(cmd.Rubric, cfg); err != nil {
		return nil, err
	}
	if run.format, err = render.FormatNamed(cmd.Format); err != nil {
		return nil, err
	}
	if run.published, err = cmd.published(); err != nil {
		return nil, err
	}
	run.so, err = cmd.setup(cfg, run.rubric)
	if err == nil {
		err = cmd.orphanError(run.so)
	}
	if err != nil {
		return nil, err
	}
	limit, origin := cfg.TimeLimit(), ""
	if cfg != nil {
		origin = "timeout in " + cfg.Path()
	}
	if cmd.Timeout != nil {
		limit, origin = *cmd.Timeout, "--timeout "+cmd.Timeout.String()
	}
	run.ctx, run.cancel = withTimeout(context.Background(), limit, origin)
	run.firstStdin = slices.Index(run.files, "-")
	run.stdin, run.sizes, err = cmd.checkInputs(env, run.files, run.firstStdin, runtime.GOMAXPROCS(0))
	if err != nil {
		run.cancel()
		return nil, err
	}
	return run, nil
}

// write annotates the inputs and writes the output. Files are annotated on every core and
// written out in order as they are done, so that memory follows the largest file, not all of
// them. -o is written under a temporary name and renamed into place once the output is
// whole: a run that fails leaves an earlier output as it was, and -o may name an input
// (every input is read before the rename).
func (run *annotateRun) write() error {
	cmd := run.cmd
	var (
		out  io.Writer = run.env.stdout
		file *atomicFile
		err  error
	)
	if cmd.Output != "" && cmd.Output != "-" {
		if file, err = createAtomic(cmd.Output); err != nil {
			return err
		}
		defer file.abort()
		out = file
	}
	w := bufio.NewWriterSize(out, 1<<16)
	output, err := render.NewOutput(w, run.format.New(render.Options{
		Rubrics: []*rubrics.Rubric{run.rubric}, Version: versionString(), Documents: len(run.files),
		Color: useColor(cmd.Color, out), SecondOpinion: run.so != nil,
	}))
	if err != nil {
		return err
	}
	workers := runtime.GOMAXPROCS(0)
	if run.so != nil {
		workers = 1 // documents are reviewed in order, one at a time, within one budget
	}
	// The documents under way at once take at most the largest document's size, or 1 MB
	// for many small ones: a large document is annotated while nothing else is.
	largest := slices.Max(run.sizes)
	budget := max(largest, 1<<20)
	defer gctune.ForDocuments(largest, budget, renderInWorkerMax)()
	lim := ordered.Limits{Workers: workers, Cost: func(i int) int { return run.sizes[i] }, Budget: budget}
	err = ordered.Run(len(run.files), lim, func(i int) (annotated, error) {
		return run.annotate(output, i)
	}, func(d annotated) error {
		return run.emit(output, d)
	})
	if err == nil {
		err = output.End(nil, "")
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil && file != nil {
		err = file.commit()
	}
	return err
}

// annotated is an input annotated, ready to write. A small document is rendered by its
// worker; a large one is rendered straight into the output when its turn comes, so that its
// output (JSON is several times the size of the text) is never held whole.
type annotated struct {
	out  *bytes.Buffer  // the document's part of the output, rendered
	rep  *render.Report // to render into the output, for a large document
	i    int
	warn []string // the warnings of reading it (readWarnings) and of its second opinion
	note []string // the second opinion's summary, for stderr
}

// annotate reads, annotates and (unless it is large) renders input i.
func (run *annotateRun) annotate(output *render.Output, i int) (d annotated, err error) {
	defer recoverDocument(displayName(run.files[i]), &err)
	doc, err := run.cmd.read(run.env, run.files[i], i == run.firstStdin, run.stdin)
	if err != nil {
		return annotated{}, err
	}
	res, err := annotateDocument(run.ctx, run.annotator, doc)
	if err != nil {
		return annotated{}, err
	}
	rep := render.Report{Doc: doc, Findings: res.Findings, Provenance: res.Provenance, Rubric: run.rubric}
	d = annotated{i: i, warn: readWarnings(doc)}
	var problems []prose.InputError
	rep.Metadata, problems = readMetadata(doc, run.format, run.published)
	for _, p := range problems {
		d.warn = append(d.warn, p.Error())
	}
	if so := run.so; so != nil {
		var soErr error
		if rep.SecondOpinion, soErr = so.review(doc, rep.Findings, nil); soErr != nil {
			if so.required {
				return annotated{}, requiredError(doc.Name, soErr)
			}
			d.warn = append(d.warn, secondOpinionWarning(doc.Name, soErr))
		}
		if n := summaryNote(run.cmd.Format, doc.Name, rep.SecondOpinion); n != "" {
			d.note = append(d.note, n)
		}
	}
	if len(doc.Source) > renderInWorkerMax {
		d.rep = &rep
		return d, nil
	}
	d.out = outputBuffers.Get().(*bytes.Buffer)
	d.out.Reset()
	return d, output.Render(d.out, rep, i)
}

// emit writes an annotated input's warnings on stderr and its part of the output.
func (run *annotateRun) emit(output *render.Output, d annotated) (err error) {
	for _, w := range d.warn {
		fmt.Fprintf(run.env.stderr, "slant: warning: %s\n", w)
	}
	for _, n := range d.note {
		fmt.Fprintf(run.env.stderr, "slant: %s\n", n)
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
}

// displayName is how an input is named in output and messages: "<stdin>" for "-".
func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
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
