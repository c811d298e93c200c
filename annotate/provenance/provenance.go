// Package provenance finds who said what in a document read by package prose: the cues of
// speech and thought (verbs of saying, "according to", a transcript's "NAME:"), the speaker
// each one names, resolved across mentions and typed as a named person or organisation,
// anonymous or vague, and what was said. Analyze reads a whole document; an Analysis takes
// its blocks one at a time, as the rule engine reads them. Nothing of it is kept in the
// document.
package provenance

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
)

// SourceKind classifies who a statement comes from.
type SourceKind string

// The kinds of source.
const (
	SourcePerson       SourceKind = "person"       // a named person: "US Defence Secretary Mark Esper"
	SourceOrganisation SourceKind = "organisation" // a named organisation: "the US State Department"
	SourceAnonymous    SourceKind = "anonymous"    // one unnamed person: "a NATO official"
	SourceVague        SourceKind = "vague"        // a group or collective: "officials", "critics", "reports"
)

// Source is one speaker, resolved across its mentions.
type Source struct {
	ID         int // 1-based, in order of first statement
	Kind       SourceKind
	Name       string       // "Mark Esper", "US State Department", "a NATO official"
	Role       string       // "US Defence Secretary", when the text gives one
	Mentions   []prose.Span // every mention that speaks, in source order
	Verbs      []string     // verbs of saying used for this source, as written (lower case), in order
	Statements int          // attributions tied to this source
	Loaded     int          // of which with a loaded verb
	Venues     []string     // where it spoke: "CNN", "reporters"
	First      prose.Span   // its first statement's mention and cue
}

// Form is the shape of an attribution.
type Form string

// The forms of attribution.
const (
	FormDirect      Form = "direct"       // a full quoted statement: "...," Esper said.
	FormPartial     Form = "partial"      // reported speech with a quoted phrase: had "persuasive" evidence
	FormReported    Form = "reported"     // reported speech: Esper noted that the US would ...
	FormAccordingTo Form = "according-to" // according to X, ...
	FormBelief      Form = "belief"       // a reported thought or intention: Iran wants ...
	FormUnsourced   Form = "unsourced"    // a cue with no speaker: it is believed, is said to
)

// Attribution is one reported statement, belief or intention, tied to its source.
type Attribution struct {
	Source  *Source    // nil when the text names no speaker (FormUnsourced)
	Mention prose.Span // the words naming the source here ("he", "Esper"); empty when none
	Cue     prose.Span // the verb or phrase of saying
	Verb    string     // its base form: "say", "point out", "according to"
	Tone    Tone
	Content prose.Span // what was said; empty when it could not be told apart
	Form    Form
	Venue   string // where: "CNN", "reporters", "in a statement"
	Block   int    // the paragraph
}

// Provenance is who said what in a document.
type Provenance struct {
	Sources      []*Source
	Attributions []Attribution // in source order of their cues

	Cover *SpanCover // the attributions' cues and contents
}

// Analyze analyses doc on its own. Annotate does the same work block by block as
// it goes, with the words it has already read (newProvenanceAnalysis, Block, Result).
func Analyze(doc *prose.Document, lx *Lexicon) *Provenance {
	a := newProvenanceAnalysis(doc, lx)
	var toks words.Tokens
	for bi := range doc.Blocks {
		toks.Tokenize(doc.Blocks[bi].Text)
		a.Block(bi, &toks)
	}
	return a.Result()
}

// newProvenanceAnalysis starts the analysis of doc; its blocks are then given to block in
// order, and result ends it.
func newProvenanceAnalysis(doc *prose.Document, lx *Lexicon) *Analysis {
	a := &Analysis{}
	a.Reset(doc, lx)
	return a
}

// Reset starts the analysis of doc, keeping the storage of the lists a previous analysis
// used: Annotate's pooled contexts carry one analysis from document to document.
func (a *Analysis) Reset(doc *prose.Document, lx *Lexicon) {
	quotesAt := a.quotesAt[:cap(a.quotesAt)]
	for i := range quotesAt {
		quotesAt[i] = quotesAt[i][:0]
	}
	if len(quotesAt) < len(doc.Blocks) {
		quotesAt = make([][]int, len(doc.Blocks))
	}
	sources := a.sources
	if sources == nil {
		sources = newRegistry()
	} else {
		sources.reset()
	}
	*a = Analysis{
		doc: doc, lexicon: lx, sources: sources, quotesAt: quotesAt[:len(doc.Blocks)],
		log: a.log.emptied(), paragraph: a.paragraph.emptied(),
	}
	for i, q := range doc.Quotes {
		for k, part := range q.Parts {
			if k == 0 || part.Para != q.Parts[k-1].Para {
				a.quotesAt[part.Para] = append(a.quotesAt[part.Para], i)
			}
		}
	}
}

// Release drops the analysis's references into its document, keeping its storage.
func (a *Analysis) Release() {
	a.Reset(&prose.Document{}, nil)
}

// Analysis walks a document's blocks in order, keeping the state that crosses blocks: the
// sources seen, and the attributions made so far, with the last speaker for pronouns and
// continued quotes.
type Analysis struct {
	doc     *prose.Document
	lexicon *Lexicon
	sources *registry      // the sources, by the names that reach them
	log     attributionLog // the attributions so far
	// quotesAt lists, per block, the quotations that have a part in it.
	quotesAt [][]int

	paragraph paragraph // the block being analysed

	// lowerForms holds the document's words in lower case that may open a sentence as a
	// verb form ("having", "working"), read once on first need (lowerCaseInDocument).
	lowerForms map[string]bool
}

// sourceVenue is a venue a source spoke in.
type sourceVenue struct {
	source *Source
	venue  string
}

// Result returns the provenance of the document, once Block has been given each of its
// blocks: the attributions in order of their cues, and their sources numbered in order of
// their first statement.
func (a *Analysis) Result() *Provenance {
	// A copy of the exact size: a.log.list is storage an Annotate context reuses.
	p := &Provenance{}
	if len(a.log.list) > 0 {
		p.Attributions = slices.Clone(a.log.list)
	}
	slices.SortStableFunc(p.Attributions, func(a, b Attribution) int { return cmp.Compare(a.Cue.Start, b.Cue.Start) })
	var venues map[sourceVenue]bool
	for i := range p.Attributions {
		at := &p.Attributions[i]
		s := at.Source
		if s == nil {
			continue
		}
		if s.ID == 0 { // first seen: the registry makes every source of the document anew
			s.ID = len(p.Sources) + 1
			s.First = at.Cue
			if at.Mention.Len() > 0 {
				s.First = prose.Span{Start: min(at.Mention.Start, at.Cue.Start), End: max(at.Mention.End, at.Cue.End)}
			}
			p.Sources = append(p.Sources, s)
		}
		s.Statements++
		if at.Tone == ToneLoaded {
			s.Loaded++
		}
		// One mention speaking twice ("Hale said ... and warned ...") is listed once.
		if at.Mention.Len() > 0 && (len(s.Mentions) == 0 || s.Mentions[len(s.Mentions)-1] != at.Mention) {
			s.Mentions = append(s.Mentions, at.Mention)
		}
		// The verb as written, lower case: copied only when it is new to the source. A cue
		// that is a mark (the colon of "RUIZ:", the quote mark that carries on a speaker's
		// quotation) is no verb.
		cue := a.doc.Source[at.Cue.Start:at.Cue.End]
		verb := unsafe.String(unsafe.SliceData(cue), len(cue))
		if !words.IsClean(verb) || !isLowerASCII(verb) {
			verb = strings.ToLower(words.CleanText(verb))
		}
		if hasLetter(verb) && !contains(s.Verbs, verb) {
			s.Verbs = append(s.Verbs, strings.Clone(verb))
		}
		// A source's venues come from the text, so there may be any number: they are
		// checked for repeats in a set, not by reading the list.
		if at.Venue != "" && !venues[sourceVenue{s, at.Venue}] {
			if venues == nil {
				venues = map[sourceVenue]bool{}
			}
			venues[sourceVenue{s, at.Venue}] = true
			s.Venues = append(s.Venues, at.Venue)
		}
	}
	p.Cover = newSpanCover(p.Attributions)
	return p
}

// hasLetter reports whether s has a letter in it.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// contains reports whether list has s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Counts of a provenance result, for summaries.
type ProvenanceCounts struct {
	ClaimSentences      int // sentences in the writer's voice
	AttributedSentences int // of which carry or report an attribution
	Named               int // sources: named people and organisations
	Anonymous           int
	Vague               int
	Unsourced           int // attributions with no speaker
	NeutralVerbs        int // attributions by tone of their verb
	LoadedVerbs         int
	BeliefVerbs         int
}

// Count summarises p for doc.
func (p *Provenance) Count(doc *prose.Document) ProvenanceCounts {
	var c ProvenanceCounts
	for _, s := range p.Sources {
		switch s.Kind {
		case SourcePerson, SourceOrganisation:
			c.Named++
		case SourceAnonymous:
			c.Anonymous++
		case SourceVague:
			c.Vague++
		}
	}
	for _, at := range p.Attributions {
		if at.Source == nil {
			c.Unsourced++
		}
		switch at.Tone {
		case ToneLoaded:
			c.LoadedVerbs++
		case ToneBelief:
			c.BeliefVerbs++
		default:
			c.NeutralVerbs++
		}
	}
	cover := p.Cover
	if cover == nil { // a Provenance made by hand
		cover = newSpanCover(p.Attributions)
	}
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		for _, s := range b.Sentences {
			if !WriterSentence(b, s) {
				continue
			}
			c.ClaimSentences++
			span := b.SourceSpan(s.Start, s.End)
			if cover.Overlaps(span) {
				c.AttributedSentences++
			}
		}
	}
	return c
}

// SpanCover answers whether an attribution's cue or content overlaps a span, in O(log n):
// the spans sorted by start, with the greatest end of each prefix.
type SpanCover struct {
	starts []int // sorted
	maxEnd []int // maxEnd[i] is the greatest end among the spans of starts[:i+1]
}

// newSpanCover indexes the cues and the contents of atts.
func newSpanCover(atts []Attribution) *SpanCover {
	spans := make([]prose.Span, 0, 2*len(atts))
	for _, at := range atts {
		spans = append(spans, at.Cue)
		if at.Content.Len() > 0 {
			spans = append(spans, at.Content)
		}
	}
	slices.SortFunc(spans, func(a, b prose.Span) int { return cmp.Compare(a.Start, b.Start) })
	c := &SpanCover{starts: make([]int, len(spans)), maxEnd: make([]int, len(spans))}
	end := 0
	for i, s := range spans {
		end = max(end, s.End)
		c.starts[i], c.maxEnd[i] = s.Start, end
	}
	return c
}

// Overlaps reports whether some span of the set Overlaps s (shares a byte with it).
func (c *SpanCover) Overlaps(s prose.Span) bool {
	// The spans that start before s ends; one of them overlaps s if it ends after s starts.
	k := sort.SearchInts(c.starts, s.End)
	return k > 0 && c.maxEnd[k-1] > s.Start
}

// WriterSentence reports whether a sentence is a claim in the writer's voice: it does not
// start inside a quotation, and has at least four words (headings and datelines are not
// claims).
func WriterSentence(b *prose.Block, s prose.Span) bool {
	if b.Quoted(s.Start) || (s.Start+1 < s.End && b.Quoted(s.Start+1)) {
		return false
	}
	return hasFields(b.Text[s.Start:s.End], 4)
}

// hasFields reports whether s has at least n fields separated by white space, as
// len(strings.Fields(s)) >= n would, without allocating.
func hasFields(s string, n int) bool {
	fields, inField := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		switch {
		case space:
			inField = false
		case !inField:
			inField = true
			if fields++; fields >= n {
				return true
			}
		}
	}
	return fields >= n
}

// asciiSpace is unicode.IsSpace for ASCII bytes.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
