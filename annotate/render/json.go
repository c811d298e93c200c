package render

import (
	"fmt"
	"io"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// SchemaVersion is the version of the JSON output's schema (README.md, "JSON"). It changes
// only when a field is removed or changes meaning; new fields may appear in any version.
const SchemaVersion = 1

// JSONOutput is the top-level object of `--format json`. These types document the schema,
// and NewJSON fills them in; JSON does not use them but writes the same bytes by hand (see
// json_write.go), so a change to them must be made there too.
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
	Name   string `json:"name"`
	Format string `json:"format"`
	Bytes  int    `json:"bytes"`
	// NoProse is true when slant read no prose, or next to none, in the document (see
	// Unread): its lack of findings says nothing about it. Absent otherwise.
	NoProse bool `json:"no_prose,omitempty"`
	// Metadata is what the article says of itself and what slant makes of its dates (see
	// package metadata), when the document has any.
	Metadata *metadata.Metadata `json:"metadata,omitempty"`
	Findings []JSONFinding      `json:"findings"`
	Summary  Summary            `json:"summary"`
	// Sources, Attributions and Provenance are present when provenance was analysed.
	Sources      []JSONSource      `json:"sources,omitempty"`
	Attributions []JSONAttribution `json:"attributions,omitempty"`
	Provenance   *JSONProvenance   `json:"provenance,omitempty"`
	// SecondOpinion is present when a language model was asked for a second opinion: what
	// it cost and what it said in all. Its own findings are in Findings, after the
	// rubric's, with origin "second-opinion".
	SecondOpinion *JSONSecondOpinion `json:"second_opinion,omitempty"`
	// Suppressed are the findings switched off by comments in the text, when the report
	// lists them (slant check --report-suppressed).
	Suppressed []JSONFinding `json:"suppressed,omitempty"`
}

// JSONSpan is a range of the document: byte offsets (end exclusive), the 1-based line and
// column (in characters) of its start, and its exact text.
type JSONSpan struct {
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Text   string `json:"text"`
}

// JSONSource is one resolved source.
type JSONSource struct {
	ID         int        `json:"id"`
	Kind       string     `json:"kind"` // person, organisation, anonymous, vague
	Name       string     `json:"name"`
	Role       string     `json:"role,omitempty"`
	Verbs      []string   `json:"verbs"`
	Statements int        `json:"statements"`
	Loaded     int        `json:"loaded_statements"`
	Venues     []string   `json:"venues,omitempty"`
	Mentions   []JSONSpan `json:"mentions"`
}

// JSONAttribution is one reported statement, belief or intention. Source is the id of its
// source, or 0 when the text names none; Mention is absent then.
type JSONAttribution struct {
	Source  int       `json:"source"`
	Form    string    `json:"form"` // direct, partial, reported, according-to, belief, unsourced
	Verb    string    `json:"verb"`
	Tone    string    `json:"tone"` // neutral, loaded, belief
	Venue   string    `json:"venue,omitempty"`
	Cue     JSONSpan  `json:"cue"`
	Mention *JSONSpan `json:"mention,omitempty"`
	Content *JSONSpan `json:"content,omitempty"`
}

// JSONProvenance counts sentences, sources and verbs.
type JSONProvenance struct {
	ClaimSentences      int `json:"writer_sentences"`
	AttributedSentences int `json:"attributed_sentences"`
	Named               int `json:"named_sources"`
	Anonymous           int `json:"anonymous_sources"`
	Vague               int `json:"vague_sources"`
	Unsourced           int `json:"unsourced_statements"`
	NeutralVerbs        int `json:"neutral_verbs"`
	LoadedVerbs         int `json:"loaded_verbs"`
	BeliefVerbs         int `json:"belief_verbs"`
}

// JSONFinding is one finding. Start and End are byte offsets into the document (End
// exclusive), and Text is exactly those bytes. Line and Column are 1-based; columns count
// characters (Unicode code points).
type JSONFinding struct {
	Rule       string `json:"rule"`
	Category   string `json:"category"`
	Severity   string `json:"severity"`
	Voice      string `json:"voice"`
	ReportedBy int    `json:"reported_by,omitempty"` // in the writer's voice, inside a statement of this source id
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	EndLine    int    `json:"end_line"`
	EndColumn  int    `json:"end_column"`
	Text       string `json:"text"`
	Origin     string `json:"origin"` // "rubric" for slant's own rules, "second-opinion" for a language model's
	// Speaker is, for a finding of the model, who the model says is speaking.
	Speaker string `json:"speaker,omitempty"`
	// SecondOpinion is, on a rule's finding, the model's verdict on it, when it gave one.
	SecondOpinion *JSONVerdict `json:"second_opinion,omitempty"`
}

// JSONVerdict is a language model's opinion of a rule's finding.
type JSONVerdict struct {
	Verdict string `json:"verdict"` // agree or dispute
	Reason  string `json:"reason"`
	// Basis is "own-reading" when the model flagged the same words in the same category
	// before it saw the finding, "asked" when it was shown the finding and asked.
	Basis string `json:"basis"`
}

// JSONSecondOpinion sums up a language model's second opinion on a document.
type JSONSecondOpinion struct {
	Model            string       `json:"model"`
	Host             string       `json:"host"`
	Findings         int          `json:"findings"` // of its own
	Agree            int          `json:"agree"`    // rule findings it agrees with
	Dispute          int          `json:"dispute"`  // rule findings it disputes
	Requests         int          `json:"requests"`
	PromptTokens     int          `json:"prompt_tokens"`
	CompletionTokens int          `json:"completion_tokens"`
	CacheHits        int          `json:"cache_hits"`
	Dropped          int          `json:"dropped"`  // answers not kept
	Failures         int          `json:"failures"` // questions left without an answer
	Failure          string       `json:"failure,omitempty"`
	Hidden           []JSONHidden `json:"hidden,omitempty"`
}

// JSONHidden is an invisible character in the prose, not sent to the model.
type JSONHidden struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	Codepoint string `json:"codepoint"` // "U+202E"
	Kind      string `json:"kind"`
}

// NewJSON builds the JSON output for reports.
func NewJSON(rubric *rubrics.Rubric, version string, reps []Report) JSONOutput {
	out := JSONOutput{SchemaVersion: SchemaVersion, Tool: JSONTool{"slant", version}, Rubric: JSONRubric{Name: rubric.Name()}}
	for _, m := range rubric.Meta {
		out.Rubric.Files = append(out.Rubric.Files, JSONRubricID{m.Name, m.Version, m.Path})
	}
	for _, rep := range reps {
		d := JSONDocument{Name: rep.Doc.Name, Format: rep.Doc.Format.String(), Bytes: len(rep.Doc.Source), NoProse: Unread(rep.Doc) != "", Findings: []JSONFinding{}, Summary: Summarize(rep.Findings)}
		if m := rep.Metadata; m != nil && !m.IsZero() {
			d.Metadata = m
		}
		d.Findings = jsonFindings(d.Findings, rep.Doc, rep.Findings, newReportIndex(rep.Provenance))
		if rep.Provenance != nil {
			addProvenance(&d, rep)
		}
		if so := rep.SecondOpinion; so != nil {
			for i, v := range so.Verdicts {
				d.Findings[i].SecondOpinion = jsonVerdict(v)
			}
			d.Findings = append(d.Findings, jsonModelFindings(rep.Doc, so)...)
			d.SecondOpinion = jsonSecondOpinion(rep.Doc, so)
		}
		if len(rep.Suppressed) > 0 {
			d.Suppressed = jsonFindings(nil, rep.Doc, rep.Suppressed, reportIndex{})
		}
		out.Documents = append(out.Documents, d)
	}
	return out
}

// jsonFindings appends the findings fs of doc to out; reports gives the source whose
// statement holds a finding in the writer's voice.
func jsonFindings(out []JSONFinding, doc *prose.Document, fs []annotate.Finding, reports reportIndex) []JSONFinding {
	for _, f := range fs {
		line, col := doc.LineColumn(f.Span.Start)
		endLine, endCol := doc.LineColumn(f.Span.End)
		out = append(out, JSONFinding{
			Rule: f.Rule.ID, Category: f.Rule.Category, Severity: string(f.Severity), Voice: string(f.Voice),
			ReportedBy: reports.reportedBy(f),
			Message:    f.Message, Suggestion: f.Suggestion, Start: f.Span.Start, End: f.Span.End,
			Line: line, Column: col, EndLine: endLine, EndColumn: endCol, Text: f.Text, Origin: "rubric",
		})
	}
	return out
}

// JSON writes reports as indented JSON: NewJSON's output as encoding/json writes it with an
// indent of two spaces and no HTML escaping, but written by hand (see json_write.go).
func JSON(w io.Writer, rubric *rubrics.Rubric, version string, reps []Report) error {
	const flush = 64 << 10
	b := appendJSONHead(nil, rubric, version)
	for i, rep := range reps {
		b = appendJSONElement(b, rep, i)
		if len(b) >= flush {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(appendJSONTail(b, len(reps)))
	return err
}

func jsonSpan(doc *prose.Document, s prose.Span) JSONSpan {
	line, col := doc.LineColumn(s.Start)
	return JSONSpan{Start: s.Start, End: s.End, Line: line, Column: col, Text: string(doc.Source[s.Start:s.End])}
}

func addProvenance(d *JSONDocument, rep Report) {
	p, doc := rep.Provenance, rep.Doc
	d.Sources = []JSONSource{}
	d.Attributions = []JSONAttribution{}
	for _, s := range p.Sources {
		js := JSONSource{ID: s.ID, Kind: string(s.Kind), Name: s.Name, Role: s.Role, Verbs: s.Verbs, Statements: s.Statements, Loaded: s.Loaded, Venues: s.Venues, Mentions: []JSONSpan{}}
		for _, m := range s.Mentions {
			js.Mentions = append(js.Mentions, jsonSpan(doc, m))
		}
		d.Sources = append(d.Sources, js)
	}
	for _, at := range p.Attributions {
		ja := JSONAttribution{Form: string(at.Form), Verb: at.Verb, Tone: string(at.Tone), Venue: at.Venue, Cue: jsonSpan(doc, at.Cue)}
		if at.Source != nil {
			ja.Source = at.Source.ID
		}
		if at.Mention.Len() > 0 {
			m := jsonSpan(doc, at.Mention)
			ja.Mention = &m
		}
		if at.Content.Len() > 0 {
			c := jsonSpan(doc, at.Content)
			ja.Content = &c
		}
		d.Attributions = append(d.Attributions, ja)
	}
	c := p.Count(doc)
	d.Provenance = &JSONProvenance{c.ClaimSentences, c.AttributedSentences, c.Named, c.Anonymous, c.Vague, c.Unsourced, c.NeutralVerbs, c.LoadedVerbs, c.BeliefVerbs}
}

// jsonVerdict is the JSON of a verdict.
func jsonVerdict(v Verdict) *JSONVerdict {
	basis := "asked"
	if v.OwnReading {
		basis = "own-reading"
	}
	return &JSONVerdict{Verdict: v.Word(), Reason: v.Reason, Basis: basis}
}

// jsonModelFindings are the model's findings as JSON findings: rule "second-opinion",
// severity info, the model's reason as the message.
func jsonModelFindings(doc *prose.Document, so *SecondOpinion) []JSONFinding {
	var out []JSONFinding
	for _, f := range so.Findings {
		line, col := doc.LineColumn(f.Span.Start)
		endLine, endCol := doc.LineColumn(f.Span.End)
		out = append(out, JSONFinding{
			Rule: SecondOpinionRule, Category: f.Category, Severity: string(rubrics.Info), Voice: string(f.Voice),
			Message: f.Reason, Start: f.Span.Start, End: f.Span.End,
			Line: line, Column: col, EndLine: endLine, EndColumn: endCol, Text: f.Text, Origin: "second-opinion",
			Speaker: f.Speaker,
		})
	}
	return out
}

// jsonSecondOpinion sums up a second opinion.
func jsonSecondOpinion(doc *prose.Document, so *SecondOpinion) *JSONSecondOpinion {
	agree, dispute := so.counts()
	st := so.Stats
	out := &JSONSecondOpinion{
		Model: so.Model, Host: so.Host, Findings: len(so.Findings), Agree: agree, Dispute: dispute,
		Requests: st.Requests, PromptTokens: st.PromptTokens, CompletionTokens: st.CompletionTokens,
		CacheHits: st.CacheHits, Dropped: st.Dropped, Failures: st.Failures, Failure: so.Failure,
	}
	for _, h := range so.Hidden {
		line, col := doc.LineColumn(h.Span.Start)
		out.Hidden = append(out.Hidden, JSONHidden{Start: h.Span.Start, End: h.Span.End, Line: line, Column: col,
			Codepoint: fmt.Sprintf("U+%04X", h.Rune), Kind: h.Kind})
	}
	return out
}
