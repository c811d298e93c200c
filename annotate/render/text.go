package render

import (
	"bufio"
	"io"
	"sort"
	"strconv"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/rubrics"
)

// TextOptions tune the compact linter output.
type TextOptions struct {
	// Color marks severities with ANSI colours, for a terminal.
	Color bool
}

// ANSI escape sequences of the text output.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// Text writes rep's findings one a line, in the form compilers and linters use and editors
// jump to:
//
//	article.md:12:5: warning framing.scare-quotes: Scare quotes: so-called "experts"
//
// Lines and columns are 1-based; columns count characters (code points), as in JSON.
func Text(w io.Writer, rep Report, opts TextOptions) error {
	bw := bufio.NewWriter(w)
	for _, e := range merged(rep.Findings, rep.Suppressed) {
		f := e.Finding
		line, col := rep.Doc.LineColumn(f.Span.Start)
		pos := rep.Doc.Name + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col) + ":"
		if opts.Color {
			bw.WriteString(ansiBold + pos + ansiReset + " " + severityColor(f.Severity) + string(f.Severity) + ansiReset +
				" " + ansiDim + f.Rule.ID + ":" + ansiReset + " " + f.Message)
		} else {
			bw.WriteString(pos + " " + string(f.Severity) + " " + f.Rule.ID + ": " + f.Message)
		}
		if e.suppressed {
			if opts.Color {
				bw.WriteString(" " + ansiDim + "(suppressed)" + ansiReset)
			} else {
				bw.WriteString(" (suppressed)")
			}
		}
		if v, ok := verdictOf(rep, f, e.suppressed); ok {
			bw.WriteString(" [" + rep.SecondOpinion.Label() + ": " + v.Word() + ": " + v.Reason + "]")
		}
		bw.WriteByte('\n')
	}
	writeModelText(bw, rep, opts)
	return bw.Flush()
}

func severityColor(s rubrics.Severity) string {
	switch s {
	case rubrics.Error:
		return ansiRed
	case rubrics.Warning:
		return ansiYellow
	}
	return ansiCyan
}

// entry is a finding, kept or suppressed.
type entry struct {
	annotate.Finding
	suppressed bool
}

// merged orders kept and suppressed findings together by position.
func merged(kept, suppressed []annotate.Finding) []entry {
	out := make([]entry, 0, len(kept)+len(suppressed))
	for _, f := range kept {
		out = append(out, entry{f, false})
	}
	for _, f := range suppressed {
		out = append(out, entry{f, true})
	}
	if len(suppressed) > 0 {
		sort.SliceStable(out, func(i, j int) bool {
			a, b := out[i].Span, out[j].Span
			if a.Start != b.Start {
				return a.Start < b.Start
			}
			if a.End != b.End {
				return a.End > b.End
			}
			return out[i].Rule.ID < out[j].Rule.ID
		})
	}
	return out
}

// textFormat is one line per finding, file:line:col: severity rule: message, as compilers
// and linters write and editors read.
var textFormat = Format{
	Name: "text",
	Help: "file:line:col: severity rule: message",
	New:  func(o Options) Renderer { return textRenderer{color: o.Color} },
}

// textRenderer writes each document as Text writes it, and a line for each input a time
// limit left unchecked.
type textRenderer struct{ color bool }

func (textRenderer) Begin(io.Writer) error { return nil }

func (r textRenderer) Document(w io.Writer, rep Report, _ int) error {
	return Text(w, rep, TextOptions{Color: r.color})
}

func (textRenderer) Separator() string { return "" }

func (textRenderer) End(w io.Writer, end Ending) error {
	bw := bufio.NewWriter(w)
	for _, name := range end.NotChecked {
		bw.WriteString(name + ": not checked: " + end.Why + "\n")
	}
	return bw.Flush()
}
