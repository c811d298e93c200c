package render

import (
	"io"

	"github.com/slant-news/slant/rubrics"
)

// A Renderer writes a run's reports in one output format. The output of a run is what Begin
// writes, then each document's part as Document writes it, in the order of the inputs, with
// Separator between two parts that are not empty, then what End writes. Output drives a
// renderer so.
//
// Document renders one document alone, knowing nothing of the documents before it, so that
// documents can be rendered in parallel and their parts joined as they come; it must not
// change the renderer. A renderer is made for one run by its Format's New.
type Renderer interface {
	// Begin writes what comes before the first document: a header, the opening of an array.
	Begin(w io.Writer) error
	// Document writes the part of the output for one document; index is the document's place
	// among the run's inputs, from 0 (the annotated Markdown of several documents labels its
	// footnotes with it).
	Document(w io.Writer, rep Report, index int) error
	// Separator is what comes between the parts of two documents.
	Separator() string
	// End writes what comes after the last document.
	End(w io.Writer, end Ending) error
}

// Options are what a renderer knows of its run besides the reports: one struct for every
// format, each reading the fields it needs.
type Options struct {
	// Rubrics are the rubrics the documents are checked under, each once, in order of first
	// use: the formats that describe the rules (JSON's header, SARIF's tool) name them all.
	Rubrics []*rubrics.Rubric
	// Version is slant's version, for the formats that name the tool.
	Version string
	// Documents is the number of inputs in the run. Annotated Markdown of more than one
	// document names each and keeps their footnote labels apart.
	Documents int
	// Color marks severities with ANSI colours in text output, for a terminal.
	Color bool
	// SecondOpinion says that the run asks a language model for a second opinion: SARIF
	// describes the rule its findings are reported under.
	SecondOpinion bool
}

// Ending is what a run learns by its end, for Renderer.End.
type Ending struct {
	// Parts is the number of documents whose parts were written and not empty.
	Parts int
	// NotChecked names the inputs a time limit left unchecked, in order, and Why says why
	// ("slant timed out after 2s (--timeout 2s)"): outputs that list findings say so beside
	// them, so that a partial result does not pass for a whole one.
	NotChecked []string
	Why        string
}

// Output writes a run's output to w through a renderer: Begin when made, each document's
// part with the separator between parts that are not empty, and End. Its first write
// error is returned by every later call.
type Output struct {
	w        io.Writer
	renderer Renderer
	parts    int
	err      error
}

// NewOutput starts a run's output on w: it writes what the renderer puts before the first
// document.
func NewOutput(w io.Writer, r Renderer) (*Output, error) {
	o := &Output{w: w, renderer: r}
	o.err = r.Begin(w)
	return o, o.err
}

// Part writes a document's part, as the renderer's Document wrote it apart (in a worker).
func (o *Output) Part(part []byte) error {
	_, err := (&partWriter{o: o}).Write(part)
	return err
}

// Render renders rep, the index-th input, into w apart, for Part to write when its turn
// comes: it may be called from several goroutines at once.
func (o *Output) Render(w io.Writer, rep Report, index int) error {
	return o.renderer.Document(w, rep, index)
}

// Document renders rep, the index-th input, straight into the output: for a document too
// large to render apart, whose output is several times its size.
func (o *Output) Document(rep Report, index int) error {
	if o.err != nil {
		return o.err
	}
	if err := o.renderer.Document(&partWriter{o: o}, rep, index); err != nil && o.err == nil {
		o.err = err
	}
	return o.err
}

// End writes what the renderer puts after the last document; notChecked and why are as in
// Ending.
func (o *Output) End(notChecked []string, why string) error {
	if o.err != nil {
		return o.err
	}
	o.err = o.renderer.End(o.w, Ending{Parts: o.parts, NotChecked: notChecked, Why: why})
	return o.err
}

// partWriter writes one document's part into its Output, the separator first if it is not
// the first part and not empty.
type partWriter struct {
	o       *Output
	started bool
}

func (p *partWriter) Write(b []byte) (int, error) {
	o := p.o
	if o.err != nil {
		return 0, o.err
	}
	if len(b) == 0 {
		return 0, nil
	}
	if !p.started {
		p.started = true
		if o.parts > 0 {
			if _, o.err = io.WriteString(o.w, o.renderer.Separator()); o.err != nil {
				return 0, o.err
			}
		}
		o.parts++
	}
	var n int
	n, o.err = o.w.Write(b)
	return n, o.err
}
