package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
)

// What keeps one bad document, or a bug in slant, from costing the user more than that
// document: panics caught per document, a time limit, and output written in place only when
// it is whole.

// internalError is a panic caught while slant worked on one document: a bug in slant, not
// in the input. It is reported naming the document, and slant exits with exitInternal.
type internalError struct {
	name  string // the document, as shown in output
	value any    // what was panicked with
	stack []byte // where, shown with SLANT_DEBUG=1
}

func (e *internalError) Error() string {
	return fmt.Sprintf("%s: internal error: %v (a bug in slant, not in the file: please report it at %s, with the file if you can; SLANT_DEBUG=1 shows where it happened)",
		e.name, e.value, issuesURL)
}

// issuesURL is where bugs are reported.
const issuesURL = "https://github.com/slant-news/slant/issues"

// recoverDocument turns a panic while slant works on the document name into an
// *internalError in *err. Call it deferred, in the goroutine that does the work.
func recoverDocument(name string, err *error) {
	if p := recover(); p != nil {
		*err = &internalError{name: name, value: p, stack: debug.Stack()}
	}
}

// testHookAnnotate, when not nil, is called with every document just before it is
// annotated. Tests set it to make the engine fail on a chosen input; it is nil otherwise.
var testHookAnnotate func(doc *prose.Document)

// annotateDocument runs a on doc. A panic is an *internalError, and running out of ctx's
// time a *timeoutError, both naming the document.
func annotateDocument(ctx context.Context, a *annotate.Annotator, doc *prose.Document) (res *annotate.Result, err error) {
	defer recoverDocument(doc.Name, &err)
	if err := ctx.Err(); err != nil {
		return nil, newTimeoutError(ctx, doc.Name, err)
	}
	if testHookAnnotate != nil {
		testHookAnnotate(doc)
	}
	res, err = a.Analyze(ctx, doc)
	if err != nil {
		if ctx.Err() != nil {
			return nil, newTimeoutError(ctx, doc.Name, err)
		}
		return nil, fmt.Errorf("%s: %w", doc.Name, err)
	}
	return res, nil
}

// timeoutKey is the context key under which withTimeout stores the limit, for messages.
type timeoutKey struct{}

// withTimeout returns ctx with a deadline d from now (no deadline for d <= 0), and the
// limit's origin for messages ("--timeout" or the config file).
func withTimeout(ctx context.Context, d time.Duration, origin string) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return ctx, func() {} // no limit: the engine's check of ctx stays as cheap as can be
	}
	ctx = context.WithValue(ctx, timeoutKey{}, timeoutLimit{d, origin})
	return context.WithTimeout(ctx, d)
}

type timeoutLimit struct {
	d      time.Duration
	origin string
}

// timeoutError says slant ran out of time while annotating a document.
type timeoutError struct {
	name  string
	limit timeoutLimit
	err   error // context.DeadlineExceeded, or Canceled
}

func newTimeoutError(ctx context.Context, name string, err error) *timeoutError {
	limit, _ := ctx.Value(timeoutKey{}).(timeoutLimit)
	return &timeoutError{name: name, limit: limit, err: err}
}

func (e *timeoutError) Error() string {
	if e.limit.d > 0 {
		return fmt.Sprintf("%s: timed out: slant stopped annotating it after %s (%s)", e.name, e.limit.d, e.limit.origin)
	}
	return fmt.Sprintf("%s: stopped annotating it: %v", e.name, e.err)
}

func (e *timeoutError) Unwrap() error { return e.err }

// reportError writes err for the user, with the stack of an internal error when SLANT_DEBUG
// is set, and returns the exit code it calls for.
func reportError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "slant: %v\n", err)
	var ie *internalError
	if errors.As(err, &ie) {
		if debugging() {
			fmt.Fprintf(stderr, "%s\n", ie.stack)
		}
		return exitInternal
	}
	return exitUsage
}

// debugging reports whether SLANT_DEBUG asks for internal errors' stacks.
func debugging() bool {
	v := os.Getenv("SLANT_DEBUG")
	return v != "" && v != "0"
}

// atomicFile is an output file written under a temporary name in the same directory and
// renamed into place by commit, so that a run that fails leaves an earlier output as it was.
type atomicFile struct {
	*os.File
	target string // the path renamed onto: the -o path, or the file a symbolic link there names
	mode   os.FileMode
	done   bool
}

// createAtomic starts writing path. The file takes the mode of the file it replaces, or
// 0644 for a new one.
func createAtomic(path string) (*atomicFile, error) {
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved // write through a symbolic link, not over it
	}
	mode := os.FileMode(0o644)
	if info, err := os.Stat(target); err == nil {
		if !info.Mode().IsRegular() {
			return nil, fmt.Errorf("%s: not a regular file; -o names a file to write", path)
		}
		mode = info.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".slant-*")
	if err != nil {
		return nil, fmt.Errorf("-o %s: %w", path, unwrapPathError(err))
	}
	return &atomicFile{File: f, target: target, mode: mode}, nil
}

// commit puts the file in place of its target.
func (f *atomicFile) commit() error {
	f.done = true
	err := f.Chmod(f.mode)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), f.target)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("-o %s: %w", f.target, unwrapPathError(err))
	}
	return nil
}

// abort removes the temporary file, unless it was committed. It is safe to defer.
func (f *atomicFile) abort() {
	if f.done {
		return
	}
	f.done = true
	f.Close()
	os.Remove(f.Name())
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// readWarnings returns the warnings of reading doc: the parts of it read otherwise than its
// format says (Markdown nested deeper than slant parses, say), each naming file:line:col,
// and the warning for a document slant read no prose in.
func readWarnings(doc *prose.Document) []string {
	var out []string
	for _, w := range doc.Warnings {
		out = append(out, w.Error())
	}
	if u := unreadWarning(doc); u != "" {
		out = append(out, u)
	}
	return out
}

// unreadWarning returns the warning for a document slant read no prose in, naming it, with
// the way out when there is one; "" for a document it read.
func unreadWarning(doc *prose.Document) string {
	why := render.Unread(doc)
	if why == "" {
		return ""
	}
	msg := doc.Name + ": " + why
	if doc.Format == prose.FormatMarkdown && !strings.HasPrefix(why, "empty") {
		msg += "; if it is plain text, read it as such with --input-format text"
	}
	return msg
}
