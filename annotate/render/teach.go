package render

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/rubrics"
)

// The teaching view (--format html) is one self-contained HTML page for a run: the article's
// prose with each finding highlighted by category, an explanation of each highlight, a
// legend that is also a filter, the Sources panel and a chart of the article's provenance.
// It makes no request of any kind: its style and script are inline and allowed by their
// hashes in the page's Content-Security-Policy, which allows nothing else. Every text of the
// article, the rubric and the metadata is escaped by html/template; the article's own
// markup is never copied, only its prose blocks, as paragraphs of text. Without JavaScript
// the highlights are links to the list of findings, which says everything the explanation
// panel does; the script adds the panel, the filters and the keyboard's Space.

//go:embed teach/teach.css
var teachBaseCSS string

// teachCSS is the page's style: the style sheet and the categories' colours and lines.
var teachCSS = teachBaseCSS + categoryCSS()

//go:embed teach/teach.js
var teachJS string

//go:embed teach/page.html
var teachPageTemplate string

// teachFormat is the teaching view.
var teachFormat = Format{
	Name:     "html",
	Help:     "a self-contained teaching page: highlights explained, sources, a filter; no external requests",
	New:      func(o Options) Renderer { return newTeachRenderer(o, TeachOptions{}) },
	Metadata: true,
}

// TeachOptions add to the teaching page what `slant serve` shows around a report. The zero
// value is the page `--format html` writes.
type TeachOptions struct {
	// Home, when set, is the address of the page to analyse another text ("/"): a link to it
	// heads the page.
	Home string
	// Download, when set, is a data: URL of the report itself (the page as --format html
	// writes it) and DownloadName the file name to save it under: a link to save it heads
	// the page.
	Download     template.URL
	DownloadName string
}

// teachPage is the template of the page's parts, parsed once.
var teachPage = template.Must(template.New("page").Funcs(template.FuncMap{
	"pct": func(n, total int) int {
		if total == 0 {
			return 0
		}
		return (100*n + total/2) / total
	},
}).Parse(teachPageTemplate))

// TeachStyleHash and TeachScriptHash are the CSP sources ('sha256-...') that allow the
// page's inline style and script, for a server that sends the policy as a header too.
var (
	TeachStyleHash  = CSPHash(teachCSS)
	TeachScriptHash = CSPHash(teachJS)
)

// TeachCSP is the Content-Security-Policy of the teaching page: nothing but its own inline
// style and script, identified by their hashes.
var TeachCSP = "default-src 'none'; style-src " + TeachStyleHash + "; script-src " + TeachScriptHash +
	"; base-uri 'none'; form-action 'none'"

// TeachCSS is the teaching page's style sheet, for other pages of slant serve to share.
func TeachCSS() string { return teachCSS }

// CSPHash is the CSP source expression ('sha256-...') that allows an inline style or script
// whose text is s.
func CSPHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// teachRenderer writes the teaching page: Begin the head and the note on how to read it,
// Document one section per document, End the footer and the script.
type teachRenderer struct {
	opts  Options
	topts TeachOptions
}

func newTeachRenderer(o Options, t TeachOptions) *teachRenderer {
	return &teachRenderer{opts: o, topts: t}
}

// Teach writes reps as one teaching page with topts: what `slant serve` answers. The
// reports' rubrics are named in opts.Rubrics.
func Teach(w io.Writer, opts Options, topts TeachOptions, reps ...Report) error {
	r := newTeachRenderer(opts, topts)
	out, err := NewOutput(w, r)
	if err != nil {
		return err
	}
	for i, rep := range reps {
		if err := out.Document(rep, i); err != nil {
			return err
		}
	}
	return out.End(nil, "")
}

// pageHead is what the template's "begin" part reads.
type pageHead struct {
	CSP   string
	CSS   template.CSS
	Title string
	TeachOptions
}

func (r *teachRenderer) Begin(w io.Writer) error {
	return execute(w, "begin", pageHead{CSP: TeachCSP, CSS: template.CSS(teachCSS), Title: "slant: how this article is sourced and framed", TeachOptions: r.topts})
}

func (r *teachRenderer) Separator() string { return "\n" }

// pageEnd is what the template's "end" part reads.
type pageEnd struct {
	Rubric     string
	Version    string
	NotChecked []string
	Why        string
	JS         template.JS
}

func (r *teachRenderer) End(w io.Writer, end Ending) error {
	var names []string
	for _, rb := range r.opts.Rubrics {
		names = append(names, rb.Name())
	}
	return execute(w, "end", pageEnd{Rubric: strings.Join(names, ", "), Version: r.opts.Version,
		NotChecked: end.NotChecked, Why: end.Why, JS: template.JS(teachJS)})
}

func execute(w io.Writer, part string, data any) error {
	if err := teachPage.ExecuteTemplate(w, part, data); err != nil {
		return fmt.Errorf("teaching page, %s: %w", part, err)
	}
	return nil
}

// ArticleHeader is what the page's header says of an article besides its name: its title,
// outlet, author and dates, read from the page's metadata or a Markdown file's front matter,
// and notes on them (dates that disagree). The zero value shows the document's name alone.
// Addresses (a canonical URL) are shown as text, never as links: the page links to nothing
// outside itself.
type ArticleHeader struct {
	Title  string
	Fields []HeaderField
	Notes  []string
}

// HeaderField is one line of an article's header: "Published", "Sunday 5 January 2020".
type HeaderField struct{ Label, Value string }

// headerFor returns the header of rep's article: its headline as the title (the file's
// name when it has none, see teachDoc), the rest of what it says of itself as fields, and
// the notices of dates that disagree as notes.
func headerFor(rep Report) ArticleHeader {
	var h ArticleHeader
	m := rep.Metadata
	if m == nil {
		return h
	}
	h.Title = m.Headline
	for _, f := range m.Header() {
		if f.Label == "Headline" && f.Value == m.Headline {
			continue // the title already
		}
		h.Fields = append(h.Fields, HeaderField{Label: f.Label, Value: f.Value})
	}
	for _, n := range m.Notices {
		h.Notes = append(h.Notes, n.Message)
	}
	return h
}

// teachDoc is one document's section of the page, as the template's "document" part reads
// it.
type teachDoc struct {
	ID       string // "d1": the prefix of every id in the section
	Name     string
	Format   string
	Text     bool // plain text: its line breaks are kept
	Header   ArticleHeader
	Unread   string
	Legend   []legendItem
	Filters  []filterGroup
	Paras    []paragraph
	Findings []teachFinding
	Sources  []teachSource
	Chart    *provChart
	Total    int
	Writer   int
	Quoted   int
	Hidden   int // findings suppressed by comments in the text
	Rubric   string
	// SecondOpinion is the account of a language model's review, Failure what failed of it,
	// Invisible the invisible characters it found in the prose.
	SecondOpinion, Failure string
	Invisible              []string
}

// legendItem is a category in the legend, which is also the filter by category.
type legendItem struct {
	Name  string
	Class string // "k3 u2": colour and line
	Count int
}

// filterGroup is a filter other than category's: severity, voice, origin.
type filterGroup struct {
	Kind, Title string
	Items       []filterItem
}

type filterItem struct {
	Value, Label string
	Count        int
}

// paragraph is a prose block of the article: its segments, and whether the source makes it
// a heading.
type paragraph struct {
	Heading bool
	Segs    []segment
}

// segment is a run of a paragraph's text: plain, or a highlight covering one or more
// findings.
type segment struct {
	Text   string
	Anchor *sourceAnchorRef // where a source first speaks, just before the text
	// For a highlight:
	Class   string // "hl k3 u2 s-warning"
	Href    string // the note of the finding that colours it
	Covers  string // the ids of the notes of every finding it covers
	Ends    string // the numbers of the findings that end with it
	Title   string
	ID      string // the id by which notes link back to the highlight
	Enabled bool
}

type sourceAnchorRef struct{ ID, Label string }

// teachFinding is a finding's note: in the list under the article, and in the panel.
type teachFinding struct {
	Label      string // "4", or "M2" for the model's second finding
	ID         string
	Back       string // the id of its first highlight
	Rule       string
	Category   string
	Class      string
	Severity   string
	Voice      string // "writer" or "quoted"
	Origin     string // "rubric" or "second-opinion"
	Message    string
	Suggestion string
	Explain    []string
	Text       string
	Line, Col  int
	Source     *teachSourceRef
	How        string        // "reported speech", "a quotation"...
	When       string        // the days a relative time means, from the article's metadata
	Verdict    *teachVerdict // a second opinion's, on a finding of the rubric
	// Of a second opinion's own finding: the model's label, its reason, and who it says
	// speaks.
	Model, Reason, Speaker string
}

type teachSourceRef struct{ Href, Label, Name, Kind string }

// teachVerdict is a second opinion's verdict on a rubric's finding.
type teachVerdict struct {
	Agree      bool
	Reason     string
	OwnReading bool // the model flagged it in its own reading, before it saw the rule's finding
}

// teachSource is a row of the Sources panel.
type teachSource struct {
	ID, Label, Name, Kind, KindClass, Role string
	Verbs                                  []teachVerb
	Venues                                 string
	Statements                             int
	First                                  string
	FirstLine                              int
}

type teachVerb struct {
	Word string
	Tone string
}

// provChart is the provenance summary, drawn as two bars.
type provChart struct {
	Named, Anonymous, Vague, Sources int
	Neutral, Loaded, Belief, Verbs   int
	Unsourced                        int
	ClaimSentences, Attributed       int
	SourceBar, VerbBar               []bar
}

type bar struct {
	X, W        int
	Class       string
	Label       string
	Count, Pcnt int
}

const barWidth = 300

func bars(total int, parts ...bar) []bar {
	if total == 0 {
		return nil
	}
	x := 0
	var out []bar
	for _, p := range parts {
		if p.Count == 0 {
			continue
		}
		p.X = x
		p.W = barWidth * p.Count / total
		p.Pcnt = (100*p.Count + total/2) / total
		x += p.W
		out = append(out, p)
	}
	if n := len(out); n > 0 {
		out[n-1].W = barWidth - out[n-1].X
	}
	return out
}

// categoryClass is the classes that draw the i-th category of a document: one of eight
// colours and one of five lines, so that no two of forty categories look alike, and colour
// is never the only cue.
func categoryClass(i int) string {
	return "k" + strconv.Itoa(i%len(teachColours)) + " u" + strconv.Itoa(i%len(teachLines))
}

// teachColours are the highlights' background colours and, for each, the darker colour of
// its underline: the text on the background, and the underline on white, are at least
// 4.5:1 (a test checks).
var teachColours = [][2]string{
	{"#fff0a8", "#7a5c00"}, // yellow
	{"#d5ecff", "#0b4f8a"}, // blue
	{"#ffd9d2", "#9c2a12"}, // red
	{"#d8f5d0", "#2b6a1c"}, // green
	{"#f0dcff", "#6a2c91"}, // purple
	{"#ffe2bd", "#8a4b00"}, // orange
	{"#d3f3f1", "#0d615c"}, // teal
	{"#f2e1e9", "#8c2457"}, // pink
}

// teachLines are the underline styles that tell categories apart without colour.
var teachLines = []string{"solid", "double", "dashed", "dotted", "wavy"}

// categoryCSS draws the classes categoryClass gives.
func categoryCSS() string {
	var b strings.Builder
	for i, c := range teachColours {
		fmt.Fprintf(&b, ".k%d{background:%s;text-decoration-color:%s}\n", i, c[0], c[1])
	}
	for i, l := range teachLines {
		fmt.Fprintf(&b, ".u%d{text-decoration-style:%s}\n", i, l)
	}
	return b.String()
}

// teachText is the text colour of the page, against which the colours are checked.
const teachText = "#1a1a1a"

// Document writes rep's section of the page.
func (r *teachRenderer) Document(w io.Writer, rep Report, index int) error {
	return execute(w, "document", r.model(rep, index))
}

// model builds the section of rep, the index-th document.
func (r *teachRenderer) model(rep Report, index int) *teachDoc {
	doc := rep.Doc
	id := "d" + strconv.Itoa(index+1)
	d := &teachDoc{ID: id, Name: doc.Name, Format: doc.Format.String(), Text: doc.Format == prose.FormatText, Header: headerFor(rep), Unread: Unread(doc), Hidden: len(rep.Suppressed)}
	if rep.Rubric != nil {
		d.Rubric = rep.Rubric.Name()
	} else if len(r.opts.Rubrics) > 0 {
		d.Rubric = r.opts.Rubrics[0].Name()
	}
	if d.Header.Title == "" {
		d.Header.Title = path.Base(filepath.ToSlash(doc.Name))
	}
	all := allFindings(rep)
	s := Summarize(all)
	d.Total, d.Writer, d.Quoted = len(all), s.Writer, s.Quoted
	classes := map[string]string{}
	for i, c := range s.Categories {
		classes[c.Name] = categoryClass(i)
		d.Legend = append(d.Legend, legendItem{Name: c.Name, Class: classes[c.Name], Count: c.Total()})
	}
	origins := map[string]int{"rubric": len(rep.Findings), "second-opinion": len(all) - len(rep.Findings)}
	if so := rep.SecondOpinion; so != nil {
		d.SecondOpinion = so.Summary
		d.Failure = so.Failure
		for _, h := range so.Hidden {
			line, col := doc.LineColumn(h.Span.Start)
			d.Invisible = append(d.Invisible, fmt.Sprintf("U+%04X (%s) at line %d, column %d", h.Rune, h.Kind, line, col))
		}
	}
	d.Filters = []filterGroup{
		{Kind: "sev", Title: "Severity", Items: []filterItem{{"error", "error", s.Total.Error}, {"warning", "warning", s.Total.Warning}, {"info", "info", s.Total.Info}}},
		{Kind: "voice", Title: "Whose words", Items: []filterItem{{"writer", "the writer's", s.Writer}, {"quoted", "a quoted speaker's", s.Quoted}}},
		{Kind: "origin", Title: "Found by", Items: []filterItem{{"rubric", "the rubric's rules", origins["rubric"]}, {"second-opinion", "a second opinion", origins["second-opinion"]}}},
	}
	sources := map[*provenance.Source]*teachSourceRef{}
	if p := rep.Provenance; p != nil {
		d.Sources, sources = r.sources(rep, id)
		c := p.Count(doc)
		ch := &provChart{Named: c.Named, Anonymous: c.Anonymous, Vague: c.Vague, Sources: c.Named + c.Anonymous + c.Vague,
			Neutral: c.NeutralVerbs, Loaded: c.LoadedVerbs, Belief: c.BeliefVerbs, Verbs: c.NeutralVerbs + c.LoadedVerbs + c.BeliefVerbs,
			Unsourced: c.Unsourced, ClaimSentences: c.ClaimSentences, Attributed: c.AttributedSentences}
		ch.SourceBar = bars(ch.Sources, bar{Class: "p-named", Label: "named", Count: c.Named},
			bar{Class: "p-anon", Label: "anonymous", Count: c.Anonymous}, bar{Class: "p-vague", Label: "vague or collective", Count: c.Vague})
		ch.VerbBar = bars(ch.Verbs, bar{Class: "p-neutral", Label: "neutral", Count: c.NeutralVerbs},
			bar{Class: "p-loaded", Label: "loaded", Count: c.LoadedVerbs}, bar{Class: "p-belief", Label: "of belief or intention", Count: c.BeliefVerbs})
		d.Chart = ch
	}
	speakers := newSpeakerIndex(rep.Provenance)
	d.Findings = make([]teachFinding, len(all))
	for i, f := range all {
		line, col := doc.LineColumn(f.Span.Start)
		tf := teachFinding{Label: strconv.Itoa(i + 1), ID: id + "-f" + strconv.Itoa(i+1), Rule: f.Rule.ID, Category: f.Rule.Category,
			Class: classes[f.Rule.Category], Severity: string(f.Severity), Voice: voiceValue(f.Voice),
			Origin: "rubric", Message: f.Message, Suggestion: f.Suggestion, Explain: paragraphs(f.Rule.Explain),
			Text: strings.Join(strings.Fields(f.Text), " "), Line: line, Col: col}
		if rd, ok := relativeDate(rep, f); ok {
			tf.When = rd.Note
		}
		if at := speakers.holding(f); at != nil {
			tf.Source = sources[at.Source]
			tf.How = statementForm(at.Form)
		}
		if i < len(rep.Findings) {
			if so := rep.SecondOpinion; so != nil {
				if v, ok := so.Verdicts[i]; ok {
					tf.Verdict = &teachVerdict{Agree: v.Agree, Reason: v.Reason, OwnReading: v.OwnReading}
				}
			}
		} else {
			m := rep.SecondOpinion.Findings[i-len(rep.Findings)]
			k := strconv.Itoa(i - len(rep.Findings) + 1)
			tf.Label, tf.ID, tf.Origin, tf.Model = "M"+k, id+"-m"+k, "second-opinion", rep.SecondOpinion.Label()
			tf.Reason, tf.Speaker = m.Reason, m.Speaker
		}
		d.Findings[i] = tf
	}
	d.Paras = r.paragraphs(rep, all, d)
	return d
}

// allFindings returns the report's findings and after them, when a language model gave a
// second opinion, the model's own, as findings of the rule SecondOpinionRule in their
// category at severity info: the page highlights and explains them alike, marked as the
// model's.
func allFindings(rep Report) []annotate.Finding {
	so := rep.SecondOpinion
	if so == nil || len(so.Findings) == 0 {
		return rep.Findings
	}
	all := make([]annotate.Finding, 0, len(rep.Findings)+len(so.Findings))
	all = append(all, rep.Findings...)
	rules := map[string]*rubrics.Rule{}
	for _, f := range so.Findings {
		rule := rules[f.Category]
		if rule == nil {
			rule = &rubrics.Rule{ID: SecondOpinionRule, Category: f.Category, Severity: rubrics.Info}
			rules[f.Category] = rule
		}
		all = append(all, annotate.Finding{Rule: rule, Severity: rubrics.Info, Voice: f.Voice,
			Message: "A second opinion flags “" + strings.Join(strings.Fields(f.Text), " ") + "” as " + f.Category,
			Span:    f.Span, Pieces: modelPieces(f), Text: f.Text})
	}
	return all
}

func voiceValue(v rubrics.Voice) string {
	if v == rubrics.VoiceQuoted {
		return "quoted"
	}
	return "writer"
}

// statementForm says, for a reader, what kind of statement an attribution is.
func statementForm(f provenance.Form) string {
	switch f {
	case provenance.FormDirect:
		return "a quotation"
	case provenance.FormPartial:
		return "reported speech with quoted words"
	case provenance.FormBelief:
		return "a reported thought or wish"
	case provenance.FormAccordingTo:
		return `an "according to"`
	}
	return "reported speech"
}

// speakerIndex finds the statement, quoted or reported, whose content holds a finding: the
// reportIndex's search over every attribution with a source, quotations included.
type speakerIndex struct{ reportIndex }

func newSpeakerIndex(p *provenance.Provenance) speakerIndex {
	return speakerIndex{indexContents(p, func(*provenance.Attribution) bool { return true })}
}

// sources builds the Sources panel's rows and the references the notes make to them.
func (r *teachRenderer) sources(rep Report, id string) ([]teachSource, map[*provenance.Source]*teachSourceRef) {
	p := rep.Provenance
	tones := map[string]string{}
	for _, at := range p.Attributions {
		if at.Cue.Len() > 0 && at.Source != nil {
			tones[strings.ToLower(string(rep.Doc.Source[at.Cue.Start:at.Cue.End]))] = string(at.Tone)
		}
	}
	refs := map[*provenance.Source]*teachSourceRef{}
	out := make([]teachSource, 0, len(p.Sources))
	for _, s := range p.Sources {
		label := "S" + strconv.Itoa(s.ID)
		row := teachSource{ID: id + "-s" + strconv.Itoa(s.ID), Label: label, Name: s.Name, Kind: kindLabel(s.Kind),
			KindClass: "src-" + string(s.Kind), Role: s.Role, Statements: s.Statements, Venues: strings.Join(s.Venues, ", "),
			First: "#" + id + "-src" + strconv.Itoa(s.ID)}
		row.FirstLine, _ = rep.Doc.LineColumn(s.First.Start)
		for _, v := range s.Verbs {
			tone := tones[v]
			if tone == "" {
				tone = string(provenance.ToneNeutral)
			}
			row.Verbs = append(row.Verbs, teachVerb{Word: v, Tone: tone})
		}
		out = append(out, row)
		refs[s] = &teachSourceRef{Href: "#" + row.ID, Label: label, Name: s.Name, Kind: row.Kind}
	}
	return out, refs
}

// edge is where a finding's piece opens or closes in a block's text.
type edge struct {
	block, pos int
	finding    int
	open       bool
}

// paragraphs cuts every prose block of rep's document into segments at the edges of the
// findings' pieces and where sources first speak. It fills in each finding's Back.
func (r *teachRenderer) paragraphs(rep Report, findings []annotate.Finding, d *teachDoc) []paragraph {
	doc := rep.Doc
	blocks := doc.Blocks
	starts := make([]int, len(blocks))
	for i := range blocks {
		starts[i] = blocks[i].SourceOffset(0)
	}
	locate := func(pos int) int {
		return max(0, sort.Search(len(starts), func(i int) bool { return starts[i] > pos })-1)
	}
	var edges []edge
	lastPiece := make([]prose.Span, len(findings))
	for i, f := range findings {
		pieces := f.Pieces
		if len(pieces) == 0 {
			pieces = []prose.Span{f.Span}
		}
		for _, p := range pieces {
			if p.Len() == 0 {
				continue
			}
			b := locate(p.Start)
			s, e := textOffset(&blocks[b], p.Start), textOffset(&blocks[b], p.End)
			if e > s {
				edges = append(edges, edge{b, s, i, true}, edge{b, e, i, false})
				lastPiece[i] = prose.Span{Start: b, End: e}
			}
		}
	}
	type anchorAt struct {
		block, pos int
		ref        *sourceAnchorRef
	}
	var anchors []anchorAt
	if p := rep.Provenance; p != nil {
		marked := markedRanges(rep.Findings, rep.SecondOpinion)
		for _, s := range p.Sources {
			at := outsideMarks(marked, s.First.Start, false)
			b := locate(at)
			anchors = append(anchors, anchorAt{b, textOffset(&blocks[b], at),
				&sourceAnchorRef{ID: d.ID + "-src" + strconv.Itoa(s.ID), Label: "S" + strconv.Itoa(s.ID)}})
		}
	}
	sort.SliceStable(edges, func(a, b int) bool {
		if edges[a].block != edges[b].block {
			return edges[a].block < edges[b].block
		}
		return edges[a].pos < edges[b].pos
	})
	sort.SliceStable(anchors, func(a, b int) bool {
		if anchors[a].block != anchors[b].block {
			return anchors[a].block < anchors[b].block
		}
		return anchors[a].pos < anchors[b].pos
	})
	paras := make([]paragraph, len(blocks))
	ei, ai := 0, 0
	var active []int
	for bi := range blocks {
		text := blocks[bi].Text
		var segs []segment
		prev := 0
		var pending *sourceAnchorRef
		emit := func(to int) {
			if to <= prev && pending == nil {
				return
			}
			sg := segment{Text: cleanBlockText(text[prev:to]), Anchor: pending}
			pending = nil
			if len(active) > 0 && to > prev {
				r.highlight(&sg, d, active, findings)
				for _, i := range active {
					if d.Findings[i].Back == "" {
						d.Findings[i].Back = d.ID + "-h" + strconv.Itoa(i+1)
						if sg.ID == "" {
							sg.ID = d.Findings[i].Back
						} else {
							d.Findings[i].Back = sg.ID
						}
					}
				}
				var ends []string
				for _, i := range active {
					if lastPiece[i].Start == bi && lastPiece[i].End == to {
						ends = append(ends, d.Findings[i].Label)
					}
				}
				sg.Ends = strings.Join(ends, ",")
			}
			segs = append(segs, sg)
			prev = to
		}
		for {
			pos, isEdge := len(text)+1, false
			if ei < len(edges) && edges[ei].block == bi {
				pos, isEdge = edges[ei].pos, true
			}
			if ai < len(anchors) && anchors[ai].block == bi && anchors[ai].pos <= pos {
				pos, isEdge = anchors[ai].pos, false
			}
			if pos > len(text) {
				break
			}
			emit(pos)
			if isEdge {
				for ; ei < len(edges) && edges[ei].block == bi && edges[ei].pos == pos; ei++ {
					e := edges[ei]
					if e.open {
						active = append(active, e.finding)
					} else if k := slices.Index(active, e.finding); k >= 0 {
						active = slices.Delete(active, k, k+1)
					}
				}
			} else {
				pending = anchors[ai].ref
				ai++
			}
		}
		emit(len(text))
		active = active[:0]
		paras[bi] = paragraph{Heading: isHeading(doc, starts[bi]), Segs: segs}
	}
	return paras
}

// highlight makes sg the highlight of the active findings: coloured by the one with the
// shortest span (the most particular), covering them all.
func (r *teachRenderer) highlight(sg *segment, d *teachDoc, active []int, fs []annotate.Finding) {
	sorted := slices.Clone(active)
	slices.Sort(sorted)
	best := sorted[0]
	for _, i := range sorted {
		if fs[i].Span.Len() < fs[best].Span.Len() {
			best = i
		}
	}
	ids := make([]string, len(sorted))
	titles := make([]string, len(sorted))
	for k, i := range sorted {
		ids[k] = d.Findings[i].ID
		titles[k] = fs[i].Rule.Category + " (" + string(fs[i].Severity) + ")"
	}
	f := d.Findings[best]
	sg.Class = "hl " + f.Class + " s-" + f.Severity
	sg.Href = "#" + f.ID
	sg.Covers = strings.Join(ids, " ")
	sg.Title = strings.Join(titles, "; ")
	sg.Enabled = true
}

// isHeading reports whether the prose block that starts at the source offset start is a
// heading: in Markdown, its line starts with "#"; in an HTML page, the last tag before it
// opens h1 to h6. (A Setext heading, underlined, reads as a paragraph.) It reads a few
// hundred bytes at most.
func isHeading(doc *prose.Document, start int) bool {
	src := doc.Source
	switch doc.Format {
	case prose.FormatMarkdown:
		// A heading's marker is a few bytes before its text: look back no further, so that
		// the blocks of a long line cost no more than short ones.
		from := max(0, start-128)
		ls := bytes.LastIndexByte(src[from:start], '\n') + 1
		if ls == 0 && from > 0 {
			return false
		}
		prefix := bytes.TrimLeft(src[from+ls:start], " >")
		hashes := len(prefix) - len(bytes.TrimLeft(prefix, "#"))
		return hashes >= 1 && hashes <= 6 && len(bytes.TrimSpace(prefix)) == hashes
	case prose.FormatHTML:
		lt := bytes.LastIndexByte(src[max(0, start-512):start], '<')
		if lt < 0 {
			return false
		}
		tag := src[max(0, start-512)+lt : start]
		return len(tag) >= 3 && (tag[1] == 'h' || tag[1] == 'H') && tag[2] >= '1' && tag[2] <= '6'
	}
	return false
}

// cleanBlockText is a block's text as a reader sees it: a placeholder of markup left out
// (inline code, an image) is an ellipsis.
func cleanBlockText(s string) string {
	if strings.IndexByte(s, '\x1a') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x1a", "…")
}

// textOffset returns the offset in b's text of the source offset pos: the first text offset
// that maps at or after pos, on a character boundary.
func textOffset(b *prose.Block, pos int) int {
	t := sort.Search(len(b.Text), func(t int) bool { return b.SourceOffset(t) >= pos })
	for t < len(b.Text) && !utf8.RuneStart(b.Text[t]) {
		t++
	}
	return t
}

// DataURL returns page as a data: URL of an HTML document, for a link that downloads it.
func DataURL(page []byte) template.URL {
	var b bytes.Buffer
	b.WriteString("data:text/html;charset=utf-8;base64,")
	enc := base64.NewEncoder(base64.StdEncoding, &b)
	enc.Write(page)
	enc.Close()
	return template.URL(b.String())
}
