package render

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/slant-news/slant/rubrics"
)

// GitHub writes rep's findings as GitHub Actions workflow commands, which the Actions runner
// turns into annotations on the pull request's diff:
//
//	::warning file=article.md,line=12,col=5,endLine=12,endColumn=29,title=framing.scare-quotes::Scare quotes: ...
//
// Errors become ::error, warnings ::warning and info ::notice. The report's suppressed
// findings are ::notice with "(suppressed)" after the rule in the title. Columns count
// characters. Values are escaped as the runner unescapes them: %, CR and LF everywhere,
// and also : and , in properties.
func GitHub(w io.Writer, rep Report) error {
	bw := bufio.NewWriter(w)
	for _, e := range merged(rep.Findings, rep.Suppressed) {
		f := e.Finding
		line, col := rep.Doc.LineColumn(f.Span.Start)
		endLine, endCol := rep.Doc.LineColumn(f.Span.End)
		cmd, title := githubCommand(f.Severity), f.Rule.ID
		if e.suppressed {
			cmd, title = "notice", title+" (suppressed)"
		}
		msg := f.Message
		if v, ok := verdictOf(rep, f, e.suppressed); ok {
			msg += "\n\n" + rep.SecondOpinion.Label() + ": " + v.Word() + ": " + v.Reason
		}
		bw.WriteString("::" + cmd +
			" file=" + escapeProperty(rep.Doc.Name) +
			",line=" + strconv.Itoa(line) + ",col=" + strconv.Itoa(col) +
			",endLine=" + strconv.Itoa(endLine) + ",endColumn=" + strconv.Itoa(endCol) +
			",title=" + escapeProperty(title) +
			"::" + escapeData(msg) + "\n")
	}
	writeModelGitHub(bw, rep)
	return bw.Flush()
}

func githubCommand(s rubrics.Severity) string {
	switch s {
	case rubrics.Error:
		return "error"
	case rubrics.Warning:
		return "warning"
	}
	return "notice"
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeData escapes a workflow command's message.
func escapeData(s string) string { return dataEscaper.Replace(s) }

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

// githubFormat is GitHub Actions workflow commands, which the runner turns into annotations
// on a pull request's diff.
var githubFormat = Format{
	Name: "github",
	Help: "GitHub Actions annotations",
	New:  func(Options) Renderer { return githubRenderer{} },
}

// githubRenderer writes each document as GitHub writes it, and an ::error for each input a
// time limit left unchecked.
type githubRenderer struct{}

func (githubRenderer) Begin(io.Writer) error { return nil }

func (githubRenderer) Document(w io.Writer, rep Report, _ int) error { return GitHub(w, rep) }

func (githubRenderer) Separator() string { return "" }

func (githubRenderer) End(w io.Writer, end Ending) error {
	bw := bufio.NewWriter(w)
	for _, name := range end.NotChecked {
		bw.WriteString("::error file=" + escapeProperty(name) + "::" + escapeData("not checked: "+end.Why) + "\n")
	}
	return bw.Flush()
}
