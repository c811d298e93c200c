package render

import (
	"encoding/json"
	"io"

	"github.com/slant-news/slant/rubrics"
)

// SchemaVersion is the version of the JSON output's schema (see docs/json.md). It changes
// only when a field is removed or changes meaning; new fields may appear in any version.
const SchemaVersion = 1

// JSONOutput is the top-level object of `--format json`.
type JSONOutput struct {
	SchemaVersion int            `json:"schema_version"`
	Tool          JSONTool       `json:"tool"`
	Rubric        JSONRubric     `json:"rubric"`
	Documents     []JSONDocument `json:"documents"`
}

// JSONTool names the program that wrote the output.
type JSONTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSONRubric names the rubric applied and the files it was composed from.
type JSONRubric struct {
	Name  string         `json:"name"`
	Files []JSONRubricID `json:"files"`
}

// JSONRubricID identifies one rubric file.
type JSONRubricID struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Path    string `json:"path"`
}

// JSONDocument is one input document and its findings.
type JSONDocument struct {
	Name     string        `json:"name"`
	Format   string        `json:"format"`
	Bytes    int           `json:"bytes"`
	Findings []JSONFinding `json:"findings"`
	Summary  Summary       `json:"summary"`
}

// JSONFinding is one finding. Start and End are byte offsets into the document (End
// exclusive), and Text is exactly those bytes. Line and Column are 1-based; columns count
// characters (Unicode code points).
type JSONFinding struct {
	Rule       string `json:"rule"`
	Category   string `json:"category"`
	Severity   string `json:"severity"`
	Voice      string `json:"voice"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	EndLine    int    `json:"end_line"`
	EndColumn  int    `json:"end_column"`
	Text       string `json:"text"`
	Origin     string `json:"origin"` // "rubric" for slant's own rules
}

// NewJSON builds the JSON output for reports.
func NewJSON(rubric *rubrics.Rubric, version string, reps []Report) JSONOutput {
	out := JSONOutput{SchemaVersion: SchemaVersion, Tool: JSONTool{"slant", version}, Rubric: JSONRubric{Name: rubric.Name()}}
	for _, m := range rubric.Meta {
		out.Rubric.Files = append(out.Rubric.Files, JSONRubricID{m.Name, m.Version, m.Path})
	}
	for _, rep := range reps {
		d := JSONDocument{Name: rep.Doc.Name, Format: rep.Doc.Format.String(), Bytes: len(rep.Doc.Source), Findings: []JSONFinding{}, Summary: Summarize(rep.Findings)}
		for _, f := range rep.Findings {
			line, col := rep.Doc.LineColumn(f.Span.Start)
			endLine, endCol := rep.Doc.LineColumn(f.Span.End)
			d.Findings = append(d.Findings, JSONFinding{
				Rule: f.Rule.ID, Category: f.Rule.Category, Severity: string(f.Severity), Voice: string(f.Voice),
				Message: f.Message, Suggestion: f.Suggestion, Start: f.Span.Start, End: f.Span.End,
				Line: line, Column: col, EndLine: endLine, EndColumn: endCol, Text: f.Text, Origin: "rubric",
			})
		}
		out.Documents = append(out.Documents, d)
	}
	return out
}

// JSON writes reports as indented JSON.
func JSON(w io.Writer, rubric *rubrics.Rubric, version string, reps []Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(NewJSON(rubric, version, reps))
}
