// Command slant annotates news and other prose for source bias and provenance.
//
// It is a thin layer over package annotate: it reads files, loads rubrics, and writes the
// findings as annotated Markdown or JSON. See README.md for a tour.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/alecthomas/kong"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// Exit codes.
const (
	exitOK    = 0 // success
	exitFail  = 1 // findings reached the failure threshold (slant check)
	exitUsage = 2 // usage or input error: bad flag, missing file, broken rubric, binary input
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
	Version kong.VersionFlag `help:"Print the version and exit."`

	Annotate annotateCmd `cmd:"" help:"Annotate articles for loaded framing and unattributed claims."`
	Eval     evalCmd     `cmd:"" help:"Score slant against corpora annotated by people (PTC, PolNeAR)."`
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
  slant explain framing.scare-quotes                    what a rule means, for a learner
  slant rubrics lint house.toml                         check a rubric and run its examples
  slant eval polnear ../shared/corpus/polnear           score slant against annotated news

Exit codes: 0 success; 1 slant check found something at or above --fail-on, or a rubric's
example failed; 2 usage or input error (the message names file:line:col).`

// exitPanic carries an exit code out of kong's help and version handling.
type exitPanic int

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	var c cli
	parser, err := kong.New(&c,
		kong.Name("slant"),
		kong.Description(description),
		kong.Vars{"version": "slant " + versionString()},
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
			panic(p)
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
	if err := kctx.Run(env); err != nil {
		var exit exitError
		if errors.As(err, &exit) {
			return int(exit)
		}
		fmt.Fprintf(stderr, "slant: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// environment is what commands read from and write to, so tests can run them in process.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// exitError ends a command with an exit code after it has reported on its own.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit %d", int(e)) }

// annotateCmd is `slant annotate`.
type annotateCmd struct {
	Files       []string `arg:"" optional:"" name:"file" help:"Files to annotate (plain text or Markdown). None, or -, reads stdin."`
	Output      string   `short:"o" placeholder:"FILE" help:"Write the output to FILE instead of stdout."`
	Rubric      []string `placeholder:"FILE" sep:"none" help:"Rubric file to apply (repeatable). Replaces the default rubric unless the file says extends = [\"default\"]."`
	Format      string   `short:"f" enum:"markdown,json" default:"markdown" help:"Output format: markdown (annotated text with footnotes) or json (findings with byte offsets)."`
	InputFormat string   `name:"input-format" enum:"auto,text,markdown" default:"auto" help:"How to read input: auto (by extension: .md is Markdown), text or markdown."`
}

func (cmd *annotateCmd) Run(env *environment) error {
	rubric, err := rubrics.Load(cmd.Rubric...)
	if err != nil {
		return err
	}
	annotator, err := annotate.New(rubric)
	if err != nil {
		return err
	}
	files := cmd.Files
	if len(files) == 0 {
		files = []string{"-"}
	}
	var reports []render.Report
	for _, name := range files {
		doc, err := cmd.read(env, name)
		if err != nil {
			return err
		}
		findings, err := annotator.Annotate(context.Background(), doc)
		if err != nil {
			return fmt.Errorf("%s: %w", doc.Name, err)
		}
		reports = append(reports, render.Report{Doc: doc, Findings: findings, Provenance: annotator.Provenance(doc)})
	}
	var out bytes.Buffer
	switch cmd.Format {
	case "json":
		err = render.JSON(&out, rubric, versionString(), reports)
	default:
		err = writeMarkdown(&out, rubric, reports)
	}
	if err != nil {
		return err
	}
	if cmd.Output == "" || cmd.Output == "-" {
		_, err = env.stdout.Write(out.Bytes())
		return err
	}
	return os.WriteFile(cmd.Output, out.Bytes(), 0o644)
}

// writeMarkdown writes one annotated document, or several one after another, each with its
// own footnote labels.
func writeMarkdown(w io.Writer, rubric *rubrics.Rubric, reports []render.Report) error {
	for i, rep := range reports {
		opts := render.MarkdownOptions{}
		if len(reports) > 1 {
			opts.FootnotePrefix = fmt.Sprintf("slant%d-", i+1)
			if i > 0 {
				fmt.Fprint(w, "\n\n")
			}
			fmt.Fprintf(w, "<!-- slant:document %s -->\n\n", rep.Doc.Name)
		}
		if err := render.Markdown(w, rubric, rep, opts); err != nil {
			return err
		}
	}
	return nil
}

func (cmd *annotateCmd) read(env *environment, name string) (*annotate.Document, error) {
	var (
		data []byte
		err  error
	)
	display := name
	if name == "-" {
		display = "<stdin>"
		data, err = io.ReadAll(env.stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, err
	}
	format := annotate.FormatForPath(name)
	if cmd.InputFormat != "auto" {
		if format, err = annotate.ParseFormat(cmd.InputFormat); err != nil {
			return nil, err
		}
	}
	return annotate.Parse(display, data, format)
}
