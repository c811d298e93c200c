// Package render writes reports out in every output format: annotated Markdown for people
// (the source with each finding marked inline, footnotes that explain it, and a summary),
// JSON for programs, text, GitHub annotations and SARIF for CI, and the teaching page
// (teach.go) for learners. Each format is a Renderer registered in formats.go; Output drives
// one over a run of documents.
package render

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/rubrics"
)

// Report is one document and its findings.
type Report struct {
	Doc        *prose.Document
	Findings   []annotate.Finding
	Provenance *provenance.Provenance // who said what; nil leaves the Sources section out
	// Metadata is what the article says of itself (headline, outlet, authors, dates) and what
	// slant makes of its dates, read by package metadata; nil when not read.
	Metadata *metadata.Metadata
	// Rubric is the rubric the document was checked under (annotated Markdown names it in
	// its summary); nil for the run's first.
	Rubric *rubrics.Rubric
	// Suppressed are findings switched off by comments in the text, for the outputs that list
	// them marked as such (text, GitHub, SARIF, JSON); annotated Markdown leaves them out.
	Suppressed []annotate.Finding
	// SecondOpinion is a language model's reading of the document, shown apart from the
	// rubric's findings; nil when none was asked for.
	SecondOpinion *SecondOpinion
}

// SummaryMarker starts the part of annotated Markdown that slant adds after the source text:
// the summary and the footnotes. Everything before it is the source with marks inserted.
const SummaryMarker = "<!-- slant:summary -->"

// MarkdownOptions tune the annotated Markdown.
type MarkdownOptions struct {
	// FootnotePrefix starts every footnote label slant writes; it keeps labels of several
	// documents in one output apart. Default "slant".
	FootnotePrefix string
}

// markdownFormat is annotated Markdown, the main output: the source with each finding marked,
// a summary, and footnotes that explain each finding; an HTML page gives annotated HTML.
var markdownFormat = Format{
	Name:     "markdown",
	Help:     "annotated text with footnotes; an HTML page gives annotated HTML",
	New:      func(o Options) Renderer { return &markdownRenderer{opts: o} },
	Metadata: true,
}

// markdownRenderer writes each document as Markdown writes it; when a run has several, each
// starts with a line naming it (after a blank line, but for the first) and has its own
// footnote labels ("slant2-1").
type markdownRenderer struct{ opts Options }

func (r *markdownRenderer) Begin(io.Writer) error { return nil }

func (r *markdownRenderer) Separator() string { return "\n\n" }

func (r *markdownRenderer) End(io.Writer, Ending) error { return nil }

func (r *markdownRenderer) Document(w io.Writer, rep Report, index int) error {
	opts := MarkdownOptions{}
	if r.opts.Documents > 1 {
		opts.FootnotePrefix = fmt.Sprintf("slant%d-", index+1)
		fmt.Fprintf(w, "<!-- slant:document %s -->\n\n", rep.Doc.Name)
	}
	rubric := rep.Rubric
	if rubric == nil && len(r.opts.Rubrics) > 0 {
		rubric = r.opts.Rubrics[0]
	}
	return Markdown(w, rubric, rep, opts)
}

// Markdown writes rep as annotated Markdown: the source bytes unchanged, with each finding's
// prose wrapped in <mark title="rule (severity)"> ... </mark> and followed by a footnote
// reference [^slantN]; then, after SummaryMarker, a summary table and one footnote per
// finding with its rule, severity, voice, message and explanation. Overlapping findings are
// split into adjacent marks, so the result always nests properly.
func Markdown(w io.Writer, rubric *rubrics.Rubric, rep Report, opts MarkdownOptions) error {
	if opts.FootnotePrefix == "" {
		opts.FootnotePrefix = "slant"
	}
	bw := bufio.NewWriter(w)
	l := labels{prefix: opts.FootnotePrefix, html: rep.Doc.Format == prose.FormatHTML}
	verbatim := writeBody(&countWriter{w: bw}, rep, l)
	if !l.html {
		bw.WriteString("\n\n" + SummaryMarker + "\n" + verbatimLine(verbatim) + "\n---\n\n")
		writeTail(bw, rubric, rep, l)
		return bw.Flush()
	}
	// An HTML page gets its summary and notes as HTML, after the page: a browser shows them
	// at its end.
	var tail bytes.Buffer
	tw := bufio.NewWriter(&tail)
	writeTail(tw, rubric, rep, l)
	tw.Flush()
	bw.WriteString("\n\n" + SummaryMarker + "\n" + verbatimLine(verbatim) + "<section class=\"slant\">\n<hr>\n")
	if err := tailHTML.Convert(tail.Bytes(), bw); err != nil {
		return err
	}
	bw.WriteString("</section>\n")
	return bw.Flush()
}

// writeTail writes what follows the source: the summary, the Sources table and the notes.
func writeTail(w *bufio.Writer, rubric *rubrics.Rubric, rep Report, l labels) {
	writeArticleHeader(w, rep)
	writeSummary(w, rubric, rep)
	writeSecondOpinionSummary(w, rep)
	writeProvenance(w, rep, l.prefix)
	writeFootnotes(w, rep, l)
	writeModelFootnotes(w, rep, l)
	writeSourceFootnotes(w, rep, l)
}

// tailHTML turns the summary and notes, written as Markdown, into HTML for an HTML page.
// Raw HTML is let through for the notes' anchors; every text from the source or the rubric
// in them is escaped.
var tailHTML = goldmark.New(goldmark.WithExtensions(extension.Table), goldmark.WithRendererOptions(html.WithUnsafe()))

// labels writes the references to notes: Markdown footnotes ([^slant1]) in Markdown and
// plain text, links to the notes (<sup><a href="#slant1">1</a></sup>) in an HTML page.
type labels struct {
	prefix string
	html   bool
}

// finding is the reference to finding i's note.
func (l labels) finding(i int) string {
	if l.html {
		n := strconv.Itoa(i + 1)
		return `<sup class="slant"><a href="#` + l.prefix + n + `">` + n + `</a></sup>`
	}
	return footnoteLabel(l.prefix, i)
}

// source is the reference to a source's note.
func (l labels) source(s *provenance.Source) string {
	if l.html {
		id := strconv.Itoa(s.ID)
		return `<sup class="slant"><a href="#` + strings.TrimSuffix(l.prefix, "-") + `-s` + id + `">S` + id + `</a></sup>`
	}
	return sourceLabel(l.prefix, s)
}

// note starts the note of finding i (or, with s, of a source): a footnote label in
// Markdown, an anchor and the number in HTML.
func (l labels) note(i int, s *provenance.Source) string {
	switch {
	case s != nil && l.html:
		return `<a id="` + strings.TrimSuffix(l.prefix, "-") + `-s` + strconv.Itoa(s.ID) + `"></a>**S` + strconv.Itoa(s.ID) + `.**`
	case s != nil:
		return sourceLabel(l.prefix, s) + ":"
	case l.html:
		return `<a id="` + l.prefix + strconv.Itoa(i+1) + `"></a>**` + strconv.Itoa(i+1) + `.**`
	}
	return footnoteLabel(l.prefix, i) + ":"
}

// markedRanges returns the byte ranges the findings mark, piece by piece, in order, with
// overlapping ones merged (ranges that only touch stay apart: a mark may end where the
// next begins).
func markedRanges(findings []annotate.Finding, so *SecondOpinion) []prose.Span {
	var all []prose.Span
	for _, f := range findings {
		if len(f.Pieces) == 0 {
			all = append(all, f.Span)
		}
		all = append(all, f.Pieces...)
	}
	if so != nil {
		for _, f := range so.Findings {
			all = append(all, modelPieces(f)...)
		}
	}
	return prose.MergeOverlapping(all)
}

// outsideMarks moves pos out of the marked range that holds it strictly inside, if any: to
// the range's end (after), or its start.
func outsideMarks(marked []prose.Span, pos int, after bool) int {
	i := sort.Search(len(marked), func(i int) bool { return marked[i].End > pos })
	if i < len(marked) && marked[i].Start < pos {
		if after {
			return marked[i].End
		}
		return marked[i].Start
	}
	return pos
}

func footnoteLabel(prefix string, i int) string {
	return "[^" + prefix + strconv.Itoa(i+1) + "]"
}

// writeBody copies the source, opening and closing marks at every boundary of a finding's
// pieces, and inserting at their places the footnote references of findings that end there,
// the source references of attributions, and the anchors where sources first speak. It
// returns the offsets in what it wrote of the source's own text that looks like slant's
// markup (see sourceMarkup), for the verbatim line; nil when there is none, as in almost
// every source.
func writeBody(w *countWriter, rep Report, l labels) (verbatim []int) {
	prefix := l.prefix
	src := rep.Doc.Source
	write := func(b []byte) { w.Write(b) }
	if rep.Doc.Format == prose.FormatText {
		g := &guardWriter{w: w, lineStart: true}
		write = func(b []byte) { g.Write(b) }
	}
	lookalikes := sourceMarkup(src)
	// copySrc writes the source from offset at, noting where each lookalike lands. None
	// starts with white space, so no IndentGuard comes between the split and its first byte.
	copySrc := func(b []byte, at int) {
		for len(lookalikes) > 0 && lookalikes[0] < at+len(b) {
			k := lookalikes[0] - at
			write(b[:k])
			verbatim = append(verbatim, w.n)
			b, at = b[k:], lookalikes[0]
			lookalikes = lookalikes[1:]
		}
		write(b)
	}
	type edge struct {
		pos     int
		finding int
		open    bool
	}
	var edges []edge
	inserts := map[int][]string{} // source offset -> markup written there
	for i, f := range rep.Findings {
		pieces := f.Pieces
		if len(pieces) == 0 {
			pieces = []prose.Span{f.Span}
		}
		for _, p := range pieces {
			if p.Len() > 0 {
				edges = append(edges, edge{p.Start, i, true}, edge{p.End, i, false})
			}
		}
		end := f.Span.End
		if n := len(pieces); n > 0 {
			end = pieces[n-1].End
		}
		inserts[end] = append(inserts[end], l.finding(i))
	}
	if so := rep.SecondOpinion; so != nil {
		// The model's findings are marks of their own, numbered after the rubric's.
		for k, f := range so.Findings {
			pieces := modelPieces(f)
			for _, p := range pieces {
				if p.Len() > 0 {
					edges = append(edges, edge{p.Start, len(rep.Findings) + k, true}, edge{p.End, len(rep.Findings) + k, false})
				}
			}
			end := pieces[len(pieces)-1].End
			inserts[end] = append(inserts[end], l.model(k))
		}
	}
	if rep.Provenance != nil {
		// A source's reference and anchor go where no mark is cut in two by them: after
		// the marks that cover the end of a cue ("<mark>reports that</mark>[^15][^s4]", not
		// "<mark>reports</mark>[^s4]<mark> that</mark>[^15]"), before those that cover the
		// start of a mention.
		marked := markedRanges(rep.Findings, rep.SecondOpinion)
		for _, at := range rep.Provenance.Attributions {
			if at.Source != nil && at.Cue.Len() > 0 {
				end := outsideMarks(marked, at.Cue.End, true)
				inserts[end] = append(inserts[end], l.source(at.Source))
			}
		}
		for _, s := range rep.Provenance.Sources {
			start := outsideMarks(marked, s.First.Start, false)
			inserts[start] = append(inserts[start], sourceAnchor(prefix, s))
		}
	}
	sort.Slice(edges, func(a, b int) bool { return edges[a].pos < edges[b].pos })
	stops := make([]int, 0, len(inserts))
	for pos := range inserts {
		stops = append(stops, pos)
	}
	sort.Ints(stops)

	active := map[int]bool{} // findings covering the current position
	prev := 0
	ei, si := 0, 0
	markOpen := false
	for ei < len(edges) || si < len(stops) {
		pos := len(src) + 1
		if ei < len(edges) {
			pos = edges[ei].pos
		}
		if si < len(stops) && stops[si] < pos {
			pos = stops[si]
		}
		copySrc(src[prev:pos], prev)
		prev = pos
		if markOpen {
			w.WriteString("</mark>")
			markOpen = false
		}
		for ; ei < len(edges) && edges[ei].pos == pos; ei++ {
			if edges[ei].open {
				active[edges[ei].finding] = true
			} else {
				delete(active, edges[ei].finding)
			}
		}
		if si < len(stops) && stops[si] == pos {
			for _, m := range inserts[pos] {
				w.WriteString(m)
			}
			si++
		}
		if len(active) > 0 {
			w.WriteString(`<mark title="` + markTitle(rep, active) + `">`)
			markOpen = true
		}
	}
	copySrc(src[prev:], prev)
	return verbatim
}

// countWriter counts the bytes written through it.
type countWriter struct {
	w *bufio.Writer
	n int
}

func (c *countWriter) Write(p []byte) (int, error) {
	c.n += len(p)
	return c.w.Write(p)
}

func (c *countWriter) WriteString(s string) (int, error) {
	c.n += len(s)
	return c.w.WriteString(s)
}

// markupStarts are the beginnings of the markup slant writes into the source. Only text that
// holds one of them whole can be mistaken for slant's markup: everything slant inserts
// starts with "<" or "[", and ends the markup it begins.
var markupStarts = []string{`<mark title="`, `</mark>`, `[^slant`, `<a id="slant`, `<sup class="slant">`, IndentGuard}

// sourceMarkup returns the offsets, in order, at which the source itself holds one of
// markupStarts (overlapping ones too), or nil.
func sourceMarkup(src []byte) []int {
	var at []int
	for _, m := range markupStarts {
		for i := 0; ; {
			k := bytes.Index(src[i:], []byte(m))
			if k < 0 {
				break
			}
			at = append(at, i+k)
			i += k + 1
		}
	}
	sort.Ints(at)
	return slices.Compact(at)
}

// VerbatimPrefix starts the line after SummaryMarker that lists, when the source itself holds
// text like slant's markup, where that text begins in the annotated text (byte offsets):
// "<!-- slant:verbatim 120 455 -->". Strip leaves the text at those offsets alone.
const VerbatimPrefix = "<!-- slant:verbatim "

// verbatimLine returns the verbatim line for the offsets, with its newline, or "" for none.
func verbatimLine(offsets []int) string {
	if len(offsets) == 0 {
		return ""
	}
	b := []byte(VerbatimPrefix)
	for i, o := range offsets {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, int64(o), 10)
	}
	return string(append(b, " -->\n"...))
}

// sourceLabel is the footnote reference after every cue of a source: [^slant-s1].
func sourceLabel(prefix string, s *provenance.Source) string {
	return "[^" + strings.TrimSuffix(prefix, "-") + "-s" + strconv.Itoa(s.ID) + "]"
}

// sourceAnchor marks where a source first speaks, for the link in the Sources table.
func sourceAnchor(prefix string, s *provenance.Source) string {
	return `<a id="` + strings.TrimSuffix(prefix, "-") + `-source-` + strconv.Itoa(s.ID) + `"></a>`
}

// markTitle is the title of a mark over the findings active: the rubric's ("rule
// (severity)"), then the model's, if any (indexes from len(rep.Findings) on).
func markTitle(rep Report, active map[int]bool) string {
	fs := rep.Findings
	idx := make([]int, 0, len(active))
	for i := range active {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	parts := make([]string, 0, len(idx))
	var model []int
	for _, i := range idx {
		if i >= len(fs) {
			model = append(model, i-len(fs))
			continue
		}
		parts = append(parts, fs[i].Rule.ID+" ("+string(fs[i].Severity)+")")
	}
	if len(model) > 0 {
		parts = append(parts, modelMarkTitle(rep.SecondOpinion, model))
	}
	return strings.Join(parts, "; ")
}

func writeSummary(w *bufio.Writer, rubric *rubrics.Rubric, rep Report) {
	s := Summarize(rep.Findings)
	fmt.Fprintf(w, "**slant** found %d %s in %s with rubric %s.\n\n", len(rep.Findings), plural(len(rep.Findings), "finding", "findings"), rep.Doc.Name, rubric.Name())
	if len(rep.Findings) == 0 {
		return
	}
	w.WriteString("| Category | info | warning | error | total |\n|---|---:|---:|---:|---:|\n")
	for _, c := range s.Categories {
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d |\n", c.Name, c.Info, c.Warning, c.Error, c.Total())
	}
	t := s.Total
	fmt.Fprintf(w, "| **all** | %d | %d | %d | %d |\n\n", t.Info, t.Warning, t.Error, t.Total())
	fmt.Fprintf(w, "In the writer's own voice: %d. Inside quoted speech: %d.\n\n", s.Writer, s.Quoted)
}

func writeFootnotes(w *bufio.Writer, rep Report, l labels) {
	// A footnote's lines after the first are indented; in HTML each note is a paragraph,
	// its explanation escaped like the rest.
	indent, explain := "    ", func(s string) string { return s }
	if l.html {
		indent, explain = "", escapeInline
	}
	reports := newReportIndex(rep.Provenance)
	for i, f := range rep.Findings {
		line, col := rep.Doc.LineColumn(f.Span.Start)
		voice := voiceLabel(f.Voice)
		if at := reports.reporting(f); at != nil {
			// The writer's words, but a report of what a source said or thinks.
			what := "reported speech"
			if at.Form == provenance.FormBelief {
				what = "a reported thought or wish"
			}
			voice += fmt.Sprintf(", in %s of %s (S%d)", what, escapeInline(at.Source.Name), at.Source.ID)
		}
		fmt.Fprintf(w, "%s **%s** `%s` (%s, %s) at line %d, column %d: %s\n",
			l.note(i, nil), f.Severity, f.Rule.ID, f.Rule.Category, voice, line, col, escapeInline(f.Message))
		if f.Suggestion != "" {
			fmt.Fprintf(w, "%sConsider: %s.\n", indent, escapeInline(f.Suggestion))
		}
		for _, line := range strings.Split(strings.TrimSpace(f.Rule.Explain), "\n") {
			if strings.TrimSpace(line) == "" {
				w.WriteString("\n")
				continue
			}
			w.WriteString(indent + explain(strings.TrimSpace(line)) + "\n")
		}
		if rd, ok := relativeDate(rep, f); ok {
			fmt.Fprintf(w, "\n%s%s\n", indent, escapeInline("When: "+rd.Note+"."))
		}
		if v := verdictNote(rep, i, l); v != "" {
			w.WriteString("\n" + indent + v + "\n")
		}
		w.WriteString("\n")
	}
}

// writeArticleHeader writes what the article says of itself (its headline, outlet, authors
// and dates, each with where it was read) and the notices about dates that disagree.
func writeArticleHeader(w *bufio.Writer, rep Report) {
	m := rep.Metadata
	if m == nil || m.IsZero() {
		return
	}
	header := m.Header()
	if len(header) == 0 && len(m.Notices) == 0 {
		return
	}
	w.WriteString("**The article**, as it describes itself:\n\n")
	for _, f := range header {
		fmt.Fprintf(w, "- %s: %s\n", escapeInline(f.Label), escapeInline(f.Value))
	}
	for _, n := range m.Notices {
		fmt.Fprintf(w, "- Dates: %s\n", escapeInline(n.Message))
	}
	w.WriteString("\n")
}

// relativeDate returns the resolved relative date that finding f marks, if the report's
// metadata resolved one there.
func relativeDate(rep Report, f annotate.Finding) (metadata.RelativeDate, bool) {
	if rep.Metadata == nil || len(rep.Metadata.RelativeDates) == 0 {
		return metadata.RelativeDate{}, false
	}
	return rep.Metadata.At(f.Span.Start, f.Span.End)
}

// reportIndex finds the reported statement, if any, whose content holds a finding.
type reportIndex struct {
	reports []*provenance.Attribution // with a source and a content in the writer's words, by content start
}

func newReportIndex(p *provenance.Provenance) reportIndex {
	return indexContents(p, func(at *provenance.Attribution) bool {
		return at.Form != provenance.FormDirect && at.Form != provenance.FormUnsourced
	})
}

// indexContents returns the index of p's attributions that have a source and a content and
// that keep accepts, by content start.
func indexContents(p *provenance.Provenance, keep func(*provenance.Attribution) bool) reportIndex {
	var ix reportIndex
	if p == nil {
		return ix
	}
	for i := range p.Attributions {
		at := &p.Attributions[i]
		if at.Source != nil && at.Content.Len() > 0 && keep(at) {
			ix.reports = append(ix.reports, at)
		}
	}
	sort.SliceStable(ix.reports, func(a, b int) bool { return ix.reports[a].Content.Start < ix.reports[b].Content.Start })
	return ix
}

// holding returns the innermost reported statement whose content holds f, or nil. Contents
// nest at most a few deep, so only the few that start last before f are looked at.
func (ix reportIndex) holding(f annotate.Finding) *provenance.Attribution {
	i := sort.Search(len(ix.reports), func(i int) bool { return ix.reports[i].Content.Start > f.Span.Start })
	var best *provenance.Attribution
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		c := ix.reports[k].Content
		if c.Start <= f.Span.Start && f.Span.End <= c.End && (best == nil || c.Len() < best.Content.Len()) {
			best = ix.reports[k]
		}
	}
	return best
}

// reporting returns the reported statement that holds a finding in the writer's own voice,
// or nil.
func (ix reportIndex) reporting(f annotate.Finding) *provenance.Attribution {
	if f.Voice != rubrics.VoiceWriter {
		return nil
	}
	return ix.holding(f)
}

// reportedBy returns the id of the source whose reported statement holds a finding in the
// writer's own voice, or 0.
func (ix reportIndex) reportedBy(f annotate.Finding) int {
	if at := ix.reporting(f); at != nil {
		return at.Source.ID
	}
	return 0
}

func voiceLabel(v rubrics.Voice) string {
	if v == rubrics.VoiceQuoted {
		return "in quoted speech: the speaker's words, not the writer's"
	}
	return "in the writer's own voice"
}

var inlineSpecial = regexp.MustCompile("[\\\\`*_\\[\\]<>|]")

// escapeInline makes text safe to show literally in a Markdown line.
func escapeInline(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return inlineSpecial.ReplaceAllString(s, `\$0`)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

var slantMarkup = regexp.MustCompile(`<mark title="[^"<>]*">|</mark>|\[\^slant[0-9]*(?:-[sm]?[0-9]+)?\]|<a id="slant[0-9-]*-source-[0-9]+"></a>|` +
	`<sup class="slant"><a href="#slant[0-9]*(?:-[sm]?[0-9]+)?">[SM]?[0-9]+</a></sup>|` + regexp.QuoteMeta(IndentGuard))

// Strip removes what Markdown added to one document's source: the summary and footnotes
// (from the two newlines before the last SummaryMarker on), and the marks, references and
// anchors in the text, but for the source's own text that looks like them, which the
// verbatim line after SummaryMarker lists. For any source, Strip(Markdown(src)) == src.
func Strip(annotated []byte) []byte {
	body := annotated
	var keep []int
	if i := bytes.LastIndex(annotated, []byte("\n\n"+SummaryMarker)); i >= 0 {
		body = annotated[:i]
		keep = parseVerbatim(annotated[i+len("\n\n"+SummaryMarker):])
	}
	if len(keep) == 0 {
		return slantMarkup.ReplaceAll(body, nil)
	}
	// Remove the markup that begins anywhere but at a kept offset; at one, keep the byte and
	// look again from the next.
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		m := slantMarkup.FindIndex(body[i:])
		if m == nil {
			out = append(out, body[i:]...)
			break
		}
		start, end := i+m[0], i+m[1]
		for len(keep) > 0 && keep[0] < start {
			keep = keep[1:]
		}
		if len(keep) > 0 && keep[0] == start {
			out = append(out, body[i:start+1]...)
			i = start + 1
			continue
		}
		out = append(out, body[i:start]...)
		i = end
	}
	return out
}

// parseVerbatim reads the offsets of the verbatim line at the start of tail (what follows
// SummaryMarker), or returns nil when there is none.
func parseVerbatim(tail []byte) []int {
	rest, ok := bytes.CutPrefix(tail, []byte("\n"+VerbatimPrefix))
	if !ok {
		return nil
	}
	line, _, ok := bytes.Cut(rest, []byte(" -->\n"))
	if !ok {
		return nil
	}
	var offsets []int
	for _, f := range strings.Fields(string(line)) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil
		}
		offsets = append(offsets, n)
	}
	return offsets
}

// IndentGuard is written before each indented line of a plain-text source, so that a
// Markdown viewer shows the line as prose rather than as a code block (where the marks would
// appear as literal tags). It renders as nothing and Strip removes it.
const IndentGuard = `<span title="slant"></span>`

// guardWriter copies plain text, writing IndentGuard before every line that starts with a
// space or a tab.
type guardWriter struct {
	w         *countWriter
	lineStart bool
}

func (g *guardWriter) Write(p []byte) (int, error) {
	start := 0
	for i, c := range p {
		if g.lineStart && (c == ' ' || c == '\t') {
			g.w.Write(p[start:i])
			g.w.WriteString(IndentGuard)
			start = i
		}
		g.lineStart = c == '\n'
	}
	g.w.Write(p[start:])
	return len(p), nil
}
