// Command slant annotates news and other prose for source bias and provenance.
//
// It is a thin layer over package annotate: it reads files, loads rubrics, and writes the
// reports through the output formats of package render. See README.md for a tour.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/alecthomas/kong"

	"github.com/slant-news/slant/annotate/render"
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
	Serve    serveCmd    `cmd:"" help:"Serve the teaching view as a local web page: paste or drop an article, get it explained (for a classroom)."`
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
  slant annotate --format html -o report.html a.md      a self-contained teaching page
  slant serve                                           the teaching view at http://127.0.0.1:8080/
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
