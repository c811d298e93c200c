package render

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/internal/workcount"
	"github.com/slant-news/slant/rubrics"
)

// SARIF 2.1.0 output, the subset GitHub code scanning reads, written by hand: the types below
// are only the objects and properties slant fills. Every optional property is omitted when
// empty, so the log validates against the official schema (see sarif_test.go).
//
// Columns are UTF-16 code units, SARIF's default, and the run says so explicitly
// (columnKind "utf16CodeUnits"): a column counts a character outside the Basic Multilingual
// Plane (an emoji) as two, unlike slant's other outputs, which count code points.

// SARIFSchema is the URI of the schema the output follows.
const SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SARIFInformationURI is where slant is described, for the tool component.
const SARIFInformationURI = "https://github.com/slant-news/slant"

// SARIFLog is a SARIF log with one run.
type SARIFLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []SARIFRun `json:"runs"`
}

// SARIFRun is one run of slant.
type SARIFRun struct {
	Tool       SARIFTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []SARIFResult `json:"results"`
}

// SARIFTool is slant (the driver) and the rubric files it applied (extensions).
type SARIFTool struct {
	Driver     SARIFComponent   `json:"driver"`
	Extensions []SARIFComponent `json:"extensions,omitempty"`
}

// SARIFComponent is a toolComponent: slant itself, or a rubric.
type SARIFComponent struct {
	Name             string         `json:"name"`
	Version          string         `json:"version,omitempty"`
	InformationURI   string         `json:"informationUri,omitempty"`
	ShortDescription *SARIFText     `json:"shortDescription,omitempty"`
	Rules            []SARIFRule    `json:"rules,omitempty"`
	Properties       map[string]any `json:"properties,omitempty"`
}

// SARIFText is a message or a multiformatMessageString.
type SARIFText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// SARIFRule is a reportingDescriptor: one rule of the rubric.
type SARIFRule struct {
	ID                   string             `json:"id"`
	ShortDescription     SARIFText          `json:"shortDescription"`
	FullDescription      SARIFText          `json:"fullDescription"`
	Help                 SARIFText          `json:"help"`
	DefaultConfiguration SARIFConfiguration `json:"defaultConfiguration"`
	Properties           map[string]any     `json:"properties,omitempty"`
}

// SARIFConfiguration is a reportingConfiguration.
type SARIFConfiguration struct {
	Level string `json:"level"`
}

// SARIFResult is one finding.
type SARIFResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      SARIFText          `json:"message"`
	Locations    []SARIFLocation    `json:"locations"`
	Suppressions []SARIFSuppression `json:"suppressions,omitempty"`
	Properties   map[string]any     `json:"properties,omitempty"`
}

// SARIFLocation is a location with its physical location.
type SARIFLocation struct {
	PhysicalLocation SARIFPhysicalLocation `json:"physicalLocation"`
}

// SARIFPhysicalLocation is a file and a region of it.
type SARIFPhysicalLocation struct {
	ArtifactLocation SARIFArtifactLocation `json:"artifactLocation"`
	Region           SARIFRegion           `json:"region"`
}

// SARIFArtifactLocation names a file by a relative URI reference with forward slashes.
type SARIFArtifactLocation struct {
	URI string `json:"uri"`
}

// SARIFRegion is a text region: 1-based lines, 1-based UTF-16 columns, EndColumn exclusive.
type SARIFRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn"`
	EndLine     int        `json:"endLine"`
	EndColumn   int        `json:"endColumn"`
	Snippet     *SARIFText `json:"snippet,omitempty"`
}

// SARIFSuppression says a result was switched off, by a comment in the text.
type SARIFSuppression struct {
	Kind string `json:"kind"`
}

// SARIFLevel maps a severity to a SARIF level: info is "note".
func SARIFLevel(s rubrics.Severity) string {
	switch s {
	case rubrics.Error:
		return "error"
	case rubrics.Warning:
		return "warning"
	}
	return "note"
}

// SARIFURI turns a file name as slant shows it into a SARIF artifact URI: forward slashes,
// relative as given, characters a URI cannot hold percent-encoded. Absolute paths become
// file: URIs.
func SARIFURI(name string) string {
	slashed := filepath.ToSlash(name)
	if filepath.IsAbs(name) {
		if !strings.HasPrefix(slashed, "/") {
			slashed = "/" + slashed // a Windows drive letter
		}
		return (&url.URL{Scheme: "file", Path: slashed}).String()
	}
	// A first segment with a colon gets "./" before it, so that it does not read as a scheme.
	return (&url.URL{Path: slashed}).String()
}

// SARIFResults converts rep's findings, and its suppressed findings (marked as suppressed in
// the source), to SARIF results for the file at uri. RuleIndex is filled in by
// SARIFBuilder.Write.
func SARIFResults(rep Report, uri string) []SARIFResult {
	var out []SARIFResult
	all := merged(rep.Findings, rep.Suppressed)
	offsets := make([]int, 0, 2*len(all))
	for _, e := range all {
		offsets = append(offsets, e.Finding.Span.Start, e.Finding.Span.End)
	}
	pos := utf16Positions(rep.Doc, offsets)
	for _, e := range all {
		f := e.Finding
		line, col := pos.at(f.Span.Start)
		endLine, endCol := pos.at(f.Span.End)
		r := SARIFResult{
			RuleID:  f.Rule.ID,
			Level:   SARIFLevel(f.Severity),
			Message: SARIFText{Text: f.Message},
			Locations: []SARIFLocation{{PhysicalLocation: SARIFPhysicalLocation{
				ArtifactLocation: SARIFArtifactLocation{URI: uri},
				Region: SARIFRegion{StartLine: line, StartColumn: col, EndLine: endLine, EndColumn: endCol,
					Snippet: &SARIFText{Text: f.Text}},
			}}},
			Properties: map[string]any{"category": f.Rule.Category, "voice": string(f.Voice)},
		}
		if f.Suggestion != "" {
			r.Properties["suggestion"] = f.Suggestion
		}
		if e.suppressed {
			r.Suppressions = []SARIFSuppression{{Kind: "inSource"}}
		}
		if rep.SecondOpinion != nil {
			sarifVerdict(rep, f, e.suppressed, r.Properties)
		}
		out = append(out, r)
	}
	if rep.SecondOpinion != nil {
		out = append(out, sarifModelResults(rep, uri)...)
	}
	return out
}

// utf16Position is a source offset's 1-based line and 1-based column in UTF-16 code units.
type utf16Position struct{ off, line, col int }

// utf16Index holds the positions of a set of offsets, sorted by offset.
type utf16Index []utf16Position

// utf16Positions computes the line and UTF-16 column of every offset in one pass over the
// source up to the last of them (reading each line from its start for each offset took time
// with the square of a long line's length). offsets is sorted in place.
func utf16Positions(doc *prose.Document, offsets []int) utf16Index {
	slices.Sort(offsets)
	offsets = slices.Compact(offsets)
	out := make(utf16Index, 0, len(offsets))
	src := doc.Source
	line, col, at := 1, 1, 0 // the position of src[at]
	for _, off := range offsets {
		off = min(max(off, 0), len(src))
		for at < off {
			r, n := utf8.DecodeRune(src[at:])
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col += utf16.RuneLen(r)
			}
			at += n
		}
		out = append(out, utf16Position{off, line, col})
	}
	workcount.Add(at)
	return out
}

// at returns the position of offset off, which must be one of those the index was made for.
func (x utf16Index) at(off int) (line, col int) {
	i, _ := slices.BinarySearchFunc(x, off, func(p utf16Position, off int) int { return cmp.Compare(p.off, off) })
	if i == len(x) {
		i--
	}
	return x[i].line, x[i].col
}

// SARIFBuilder gathers the rules of the rubrics applied and the results of every file, and
// writes them as one run. It keeps only results, not documents.
type SARIFBuilder struct {
	version    string
	rules      []SARIFRule
	ruleIndex  map[string]int
	extensions []SARIFComponent
	extSeen    map[string]bool
	results    []SARIFResult
}

// NewSARIFBuilder starts a log for slant at version.
func NewSARIFBuilder(version string) *SARIFBuilder {
	return &SARIFBuilder{version: version, ruleIndex: map[string]int{}, extSeen: map[string]bool{}}
}

// AddRubric adds the rules of a rubric applied (once each, by id) and its files as tool
// extensions.
func (b *SARIFBuilder) AddRubric(r *rubrics.Rubric) {
	for _, m := range r.Meta {
		key := m.Name + "\x00" + m.Version + "\x00" + m.Path
		if b.extSeen[key] {
			continue
		}
		b.extSeen[key] = true
		c := SARIFComponent{Name: m.Name, Version: m.Version, Properties: map[string]any{"path": filepath.ToSlash(m.Path)}}
		if m.Description != "" {
			c.ShortDescription = &SARIFText{Text: m.Description}
		}
		b.extensions = append(b.extensions, c)
	}
	for _, rule := range r.Rules {
		if _, ok := b.ruleIndex[rule.ID]; ok {
			continue
		}
		b.ruleIndex[rule.ID] = len(b.rules)
		b.rules = append(b.rules, sarifRule(rule))
	}
}

func sarifRule(rule *rubrics.Rule) SARIFRule {
	var help strings.Builder
	_ = Explain(&help, rule, 0)
	props := map[string]any{"category": rule.Category, "voice": string(rule.Voice), "tags": []string{rule.Category}}
	if rule.QuotedSeverity != "" {
		props["quotedLevel"] = SARIFLevel(rule.QuotedSeverity)
	}
	return SARIFRule{
		ID:                   rule.ID,
		ShortDescription:     SARIFText{Text: RuleSummary(rule)},
		FullDescription:      SARIFText{Text: strings.Join(paragraphs(rule.Explain), "\n\n")},
		Help:                 SARIFText{Text: help.String()},
		DefaultConfiguration: SARIFConfiguration{Level: SARIFLevel(rule.Severity)},
		Properties:           props,
	}
}

// Add appends results, in the order they are to appear.
func (b *SARIFBuilder) Add(results ...SARIFResult) {
	b.results = append(b.results, results...)
}

// Log returns the SARIF log. A result whose rule no rubric added gets ruleIndex -1 (none).
func (b *SARIFBuilder) Log() SARIFLog {
	results := make([]SARIFResult, len(b.results))
	for i, r := range b.results {
		r.RuleIndex = -1
		if idx, ok := b.ruleIndex[r.RuleID]; ok {
			r.RuleIndex = idx
		}
		results[i] = r
	}
	return SARIFLog{
		Schema:  SARIFSchema,
		Version: "2.1.0",
		Runs: []SARIFRun{{
			Tool: SARIFTool{
				Driver:     SARIFComponent{Name: "slant", Version: b.version, InformationURI: SARIFInformationURI, Rules: b.rules},
				Extensions: b.extensions,
			},
			ColumnKind: "utf16CodeUnits",
			Results:    results,
		}},
	}
}

// Write writes the log as indented JSON.
func (b *SARIFBuilder) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b.Log())
}

// sarifResultsKey opens the results array in the indented log.
const sarifResultsKey = `"results": [`

// sarifResultIndent is the indentation of a result: the fourth level (log, runs, run, results).
const sarifResultIndent = "        "

// sarifFormat is a SARIF 2.1.0 log, for GitHub code scanning and other tools that read it.
var sarifFormat = Format{
	Name: "sarif",
	Help: "SARIF 2.1.0, for GitHub code scanning",
	New: func(o Options) Renderer {
		b := NewSARIFBuilder(o.Version)
		for _, r := range o.Rubrics {
			b.AddRubric(r)
		}
		if o.SecondOpinion {
			b.AddSecondOpinionRule()
		}
		return &sarifRenderer{b: b}
	},
}

// sarifRenderer writes the log SARIFBuilder.Write writes, a document's results at a time:
// the tool with the rules of every rubric of the run first, then the results of each
// document (SARIFResults) as they come.
type sarifRenderer struct {
	b    *SARIFBuilder
	tail []byte // what follows the results array's opening bracket when it is empty
}

func (r *sarifRenderer) Begin(w io.Writer) error {
	var head bytes.Buffer
	empty := *r.b
	empty.results = nil
	if err := empty.Write(&head); err != nil {
		return err
	}
	// The results are the run's last property: everything after "results": [ is the end.
	i := bytes.LastIndex(head.Bytes(), []byte(sarifResultsKey))
	if i < 0 || head.Bytes()[i+len(sarifResultsKey)] != ']' {
		return errors.New("sarif: no empty results array in the log")
	}
	i += len(sarifResultsKey)
	r.tail = bytes.Clone(head.Bytes()[i+1:])
	_, err := w.Write(head.Bytes()[:i])
	return err
}

func (r *sarifRenderer) Separator() string { return "," }

// Document writes the document's results, each on a new line and indented as the log's
// results are, with commas between them.
func (r *sarifRenderer) Document(w io.Writer, rep Report, _ int) error {
	results := SARIFResults(rep, SARIFURI(rep.Doc.Name))
	if len(results) == 0 {
		return nil
	}
	// Each result is encoded straight into buf, after its new line and indentation.
	buf, apart := w.(*bytes.Buffer)
	if !apart {
		buf = new(bytes.Buffer)
	}
	enc := json.NewEncoder(buf)
	enc.SetIndent(sarifResultIndent, "  ")
	enc.SetEscapeHTML(false)
	for i, res := range results {
		res.RuleIndex = -1
		if idx, ok := r.b.ruleIndex[res.RuleID]; ok {
			res.RuleIndex = idx
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n" + sarifResultIndent)
		if err := enc.Encode(res); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // the new line Encode ends with
	}
	if !apart {
		_, err := w.Write(buf.Bytes())
		return err
	}
	return nil
}

func (r *sarifRenderer) End(w io.Writer, end Ending) error {
	bw := bufio.NewWriter(w)
	if end.Parts > 0 {
		bw.WriteString("\n" + sarifResultIndent[2:])
	}
	bw.WriteByte(']')
	bw.Write(r.tail)
	return bw.Flush()
}
