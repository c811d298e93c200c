package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// SecondOpinion is what a language model said about a report's document (slant annotate
// --second-opinion): its own findings, its verdicts on the rule findings, and what asking
// cost. Every output shows it apart from the rubric's findings, as the model's opinion: it
// never removes a rule finding or changes its severity.
type SecondOpinion struct {
	Model string // the model's name at the endpoint
	Host  string // the endpoint's host[:port]
	// Findings are the model's own, each a verbatim quotation of the document, ordered by
	// position.
	Findings []ModelFinding
	// Verdicts are the model's opinions of the report's findings, by index into
	// Report.Findings.
	Verdicts map[int]Verdict
	Stats    SecondOpinionStats
	// Summary is the one-line account of the review: "model M at HOST: 3 requests ...".
	Summary string
	// Failure says, when some questions went unanswered, what failed; "" otherwise.
	Failure string
	// Hidden are invisible characters found in the prose (zero-width, bidirectional
	// controls...): never sent to the model, and shown to the reader.
	Hidden []HiddenChar
}

// ModelFinding is one of the model's own findings.
type ModelFinding struct {
	Category string     // a category of the rubric
	Span     prose.Span // the source bytes quoted
	Pieces   []prose.Span
	Text     string // Source[Span.Start:Span.End]
	Reason   string // the model's one sentence
	Speaker  string // who the model says speaks, or ""
	// SpeakerSpan is where the text names the speaker, when it does; the zero Span
	// otherwise.
	SpeakerSpan prose.Span
	Voice       rubrics.Voice
}

// Verdict is the model's opinion of one rule finding.
type Verdict struct {
	Agree  bool
	Reason string
	// OwnReading says the model flagged the same span in the same category in its own
	// reading, before it saw the rule's finding (Match is then that finding's index in
	// SecondOpinion.Findings, or -1); otherwise it was asked.
	OwnReading bool
	Match      int
}

// Word is "agree" or "dispute".
func (v Verdict) Word() string {
	if v.Agree {
		return "agree"
	}
	return "dispute"
}

// SecondOpinionStats are what a review cost and kept.
type SecondOpinionStats struct {
	Requests         int
	PromptTokens     int
	CompletionTokens int
	CacheHits        int
	Dropped          int // answers not kept (not grounded in the text, no category of the rubric, invalid)
	Failures         int // questions left without an answer
}

// HiddenChar is an invisible character of the document's prose.
type HiddenChar struct {
	Span prose.Span
	Rune rune
	Kind string // bidi, zero-width, tag, filler, format or control
}

// Label is "second opinion (model NAME)", the mark and note label of the model's findings.
func (so *SecondOpinion) Label() string { return "second opinion (model " + so.Model + ")" }

// SecondOpinionRule is the rule id the model's findings carry in JSON, SARIF and the
// linter formats.
const SecondOpinionRule = "second-opinion"

// counts returns how many rule findings the model agreed with and disputed.
func (so *SecondOpinion) counts() (agree, dispute int) {
	for _, v := range so.Verdicts {
		if v.Agree {
			agree++
		} else {
			dispute++
		}
	}
	return agree, dispute
}

// model is the reference to the note of the model's finding i: [^slant-m1], or a link
// in an HTML page.
func (l labels) model(i int) string {
	id := strings.TrimSuffix(l.prefix, "-") + "-m" + fmt.Sprint(i+1)
	if l.html {
		return `<sup class="slant"><a href="#` + id + `">M` + fmt.Sprint(i+1) + `</a></sup>`
	}
	return "[^" + id + "]"
}

// modelNote starts the note of the model's finding i.
func (l labels) modelNote(i int) string {
	id := strings.TrimSuffix(l.prefix, "-") + "-m" + fmt.Sprint(i+1)
	if l.html {
		return `<a id="` + id + `"></a>**M` + fmt.Sprint(i+1) + `.**`
	}
	return "[^" + id + "]:"
}

// modelMarkTitle is the title of a mark over the model's findings idx (and none of the
// rubric's): "second opinion (model NAME): loaded-language", escaped for an attribute.
func modelMarkTitle(so *SecondOpinion, idx []int) string {
	cats := make([]string, 0, len(idx))
	for _, i := range idx {
		if c := so.Findings[i].Category; !containsString(cats, c) {
			cats = append(cats, c)
		}
	}
	return attrSafe(so.Label() + ": " + strings.Join(cats, ", "))
}

// attrSafe makes s safe inside a double-quoted attribute that Strip's pattern reads:
// no quotes, no angle brackets.
func attrSafe(s string) string {
	return strings.NewReplacer(`"`, "&quot;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// writeSecondOpinionSummary writes the review's part of the summary: what the model added,
// agreed with and disputed, what it cost, what failed, and the hidden characters.
func writeSecondOpinionSummary(w *bufio.Writer, rep Report) {
	so := rep.SecondOpinion
	if so == nil {
		return
	}
	agree, dispute := so.counts()
	fmt.Fprintf(w, "**%s**: %d %s of its own (marked apart, not the rubric's); of the %d rule %s, agrees with %d and disputes %d (a dispute removes nothing). %s.\n\n",
		escapeInline(so.Label()), len(so.Findings), plural(len(so.Findings), "finding", "findings"),
		len(rep.Findings), plural(len(rep.Findings), "finding", "findings"), agree, dispute, escapeInline(so.Summary))
	if so.Failure != "" {
		fmt.Fprintf(w, "**The second opinion is incomplete**: %s. The rules' findings above are whole.\n\n", escapeInline(so.Failure))
	}
	if len(so.Hidden) > 0 {
		var parts []string
		for _, h := range so.Hidden {
			line, col := rep.Doc.LineColumn(h.Span.Start)
			parts = append(parts, fmt.Sprintf("U+%04X (%s) at line %d, column %d", h.Rune, h.Kind, line, col))
		}
		fmt.Fprintf(w, "Hidden characters in the text, not sent to the model: %s.\n\n", strings.Join(parts, "; "))
	}
}

// verdictNote is the line a rule finding's note gets for the model's verdict, or "".
func verdictNote(rep Report, i int, l labels) string {
	so := rep.SecondOpinion
	if so == nil {
		return ""
	}
	v, ok := so.Verdicts[i]
	if !ok {
		return ""
	}
	how := "asked about this finding"
	if v.OwnReading {
		how = "flagged the same words in its own reading"
		if v.Match >= 0 {
			how += " (" + l.model(v.Match) + ")"
		}
	}
	word := "agrees"
	if !v.Agree {
		word = "disputes"
	}
	return fmt.Sprintf("*%s* %s: %s. %s", escapeInline(so.Label()), word, how, escapeInline(v.Reason))
}

// writeModelFootnotes writes one note per finding of the model.
func writeModelFootnotes(w *bufio.Writer, rep Report, l labels) {
	so := rep.SecondOpinion
	if so == nil {
		return
	}
	indent := "    "
	if l.html {
		indent = ""
	}
	for i, f := range so.Findings {
		line, col := rep.Doc.LineColumn(f.Span.Start)
		voice := voiceLabel(f.Voice)
		if f.Speaker != "" {
			voice += ", speaker: " + escapeInline(f.Speaker)
		}
		fmt.Fprintf(w, "%s **%s** (%s, %s) at line %d, column %d: %s\n",
			l.modelNote(i), escapeInline(so.Label()), escapeInline(f.Category), voice, line, col, escapeInline(f.Reason))
		w.WriteString(indent + "The model's reading, not a rule of the rubric: slant checked only that the words are in the text.\n\n")
	}
}

// modelPieces returns the source ranges of a finding of the model to mark.
func modelPieces(f ModelFinding) []prose.Span {
	if len(f.Pieces) > 0 {
		return f.Pieces
	}
	return []prose.Span{f.Span}
}

// appendJSONFindingsWithModel appends a document's findings at depth d, with a second
// opinion: the rubric's findings with the model's verdicts, then the model's own. A second
// opinion is rare and its findings few, so they are written through encoding/json, indented
// as the hand-written output is.
func appendJSONFindingsWithModel(b []byte, d int, rep Report) []byte {
	fs := jsonFindings(nil, rep.Doc, rep.Findings, newReportIndex(rep.Provenance))
	for i, v := range rep.SecondOpinion.Verdicts {
		fs[i].SecondOpinion = jsonVerdict(v)
	}
	fs = append(fs, jsonModelFindings(rep.Doc, rep.SecondOpinion)...)
	if len(fs) == 0 {
		return append(b, '[', ']')
	}
	return appendJSONValue(b, d, fs)
}

// appendJSONValue appends v as encoding/json writes it, as the value of a member at depth
// d: indented by two spaces a level, without HTML escaping.
func appendJSONValue(b []byte, d int, v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(jsonIndent[1:1+2*d], "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// The values are of types made of strings, numbers and their lists.
		panic("render: encoding a member of the JSON output: " + err.Error())
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// verdictOf returns the model's verdict on f, a kept finding of rep (not a suppressed one,
// which the model was not asked about).
func verdictOf(rep Report, f annotate.Finding, suppressed bool) (Verdict, bool) {
	so := rep.SecondOpinion
	if so == nil || suppressed || len(so.Verdicts) == 0 {
		return Verdict{}, false
	}
	for i := range rep.Findings {
		g := &rep.Findings[i]
		if g.Span == f.Span && g.Rule == f.Rule {
			v, ok := so.Verdicts[i]
			return v, ok
		}
	}
	return Verdict{}, false
}

// sarifVerdict adds to a rule finding's SARIF properties its origin and the model's verdict.
func sarifVerdict(rep Report, f annotate.Finding, suppressed bool, props map[string]any) {
	props["origin"] = "rubric"
	if v, ok := verdictOf(rep, f, suppressed); ok {
		basis := jsonVerdict(v).Basis
		props["secondOpinion"] = map[string]any{"verdict": v.Word(), "reason": v.Reason, "basis": basis, "model": rep.SecondOpinion.Model}
	}
}

// sarifModelResults are the model's findings as SARIF results at level note, under the
// rule "second-opinion".
func sarifModelResults(rep Report, uri string) []SARIFResult {
	so := rep.SecondOpinion
	if len(so.Findings) == 0 {
		return nil
	}
	offsets := make([]int, 0, 2*len(so.Findings))
	for _, f := range so.Findings {
		offsets = append(offsets, f.Span.Start, f.Span.End)
	}
	pos := utf16Positions(rep.Doc, offsets)
	out := make([]SARIFResult, 0, len(so.Findings))
	for _, f := range so.Findings {
		line, col := pos.at(f.Span.Start)
		endLine, endCol := pos.at(f.Span.End)
		props := map[string]any{"category": f.Category, "voice": string(f.Voice), "origin": "second-opinion", "model": so.Model}
		if f.Speaker != "" {
			props["speaker"] = f.Speaker
		}
		out = append(out, SARIFResult{
			RuleID:  SecondOpinionRule,
			Level:   "note",
			Message: SARIFText{Text: so.Label() + ", " + f.Category + ": " + f.Reason},
			Locations: []SARIFLocation{{PhysicalLocation: SARIFPhysicalLocation{
				ArtifactLocation: SARIFArtifactLocation{URI: uri},
				Region: SARIFRegion{StartLine: line, StartColumn: col, EndLine: endLine, EndColumn: endCol,
					Snippet: &SARIFText{Text: f.Text}},
			}}},
			Properties: props,
		})
	}
	return out
}

// AddSecondOpinionRule adds the rule the model's findings are reported under, for a log of
// a run that asked a language model for a second opinion.
func (b *SARIFBuilder) AddSecondOpinionRule() {
	if _, ok := b.ruleIndex[SecondOpinionRule]; ok {
		return
	}
	const text = "A language model's second opinion: a span it reads as one of the rubric's categories. Not a rule of the rubric; slant checked only that the quoted words are in the text."
	b.ruleIndex[SecondOpinionRule] = len(b.rules)
	b.rules = append(b.rules, SARIFRule{
		ID:                   SecondOpinionRule,
		ShortDescription:     SARIFText{Text: "A language model's second opinion"},
		FullDescription:      SARIFText{Text: text},
		Help:                 SARIFText{Text: text},
		DefaultConfiguration: SARIFConfiguration{Level: "note"},
		Properties:           map[string]any{"origin": "second-opinion", "tags": []string{"second-opinion"}},
	})
}

// writeModelText writes the model's findings as Text writes the rubric's, at severity
// info under the rule "second-opinion".
func writeModelText(bw *bufio.Writer, rep Report, opts TextOptions) {
	so := rep.SecondOpinion
	if so == nil {
		return
	}
	for _, f := range so.Findings {
		line, col := rep.Doc.LineColumn(f.Span.Start)
		pos := rep.Doc.Name + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col) + ":"
		msg := "[" + f.Category + "] " + f.Reason + " (" + so.Label() + ")"
		if opts.Color {
			bw.WriteString(ansiBold + pos + ansiReset + " " + ansiCyan + "info" + ansiReset + " " + ansiDim + SecondOpinionRule + ":" + ansiReset + " " + msg + "\n")
		} else {
			bw.WriteString(pos + " info " + SecondOpinionRule + ": " + msg + "\n")
		}
	}
}

// writeModelGitHub writes the model's findings as notices.
func writeModelGitHub(bw *bufio.Writer, rep Report) {
	so := rep.SecondOpinion
	if so == nil {
		return
	}
	for _, f := range so.Findings {
		line, col := rep.Doc.LineColumn(f.Span.Start)
		endLine, endCol := rep.Doc.LineColumn(f.Span.End)
		bw.WriteString("::notice file=" + escapeProperty(rep.Doc.Name) +
			",line=" + strconv.Itoa(line) + ",col=" + strconv.Itoa(col) +
			",endLine=" + strconv.Itoa(endLine) + ",endColumn=" + strconv.Itoa(endCol) +
			",title=" + escapeProperty(so.Label()+": "+f.Category) +
			"::" + escapeData(f.Reason) + "\n")
	}
}
