package annotate

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/rubrics"
)

// Finding is one span a rule flagged.
type Finding struct {
	Rule       *rubrics.Rule
	Severity   rubrics.Severity // the rule's severity for the voice the span is in
	Voice      rubrics.Voice    // VoiceWriter or VoiceQuoted
	Message    string
	Suggestion string       // a neutral alternative, when the rule offers one
	Span       prose.Span   // source bytes flagged
	Pieces     []prose.Span // the prose inside prose.Span, without markup between; for inline marking
	Text       string       // provenance.Source[prose.Span.Start:prose.Span.End]
}

// matcher finds a rule's candidate spans in one block. Each kind's matcher lives in the
// kind's file, which kinds.go lists.
type matcher interface {
	match(c *blockContext, emit func(start, end int, term string))
}

// documentMatcher is a matcher with a second phase: what it finds in a block (pending
// candidates, kept in blockContext.pending) is decided once every block has been read, with
// the whole document's provenance (claims.go: whether a claim's source is given anywhere
// before it).
type documentMatcher interface {
	matcher
	decide(c *blockContext, p pending, emit func(start, end int, term string))
}

// compiledRule is a rule with its matcher built.
type compiledRule struct {
	rule    *rubrics.Rule
	matcher matcher
	// hasExceptions says the rule has phrases inside which a match is not a finding. They
	// are in the Annotator's shared term index, as hits with exception set.
	hasExceptions bool
	suggest       map[string]string
}

// Annotator applies a rubric to documents. It is safe for concurrent use.
type Annotator struct {
	rubric  *rubrics.Rubric
	rules   []*compiledRule
	terms   termIndex           // every terms rule's terms and every rule's exceptions, owner = index into rules
	lexicon *provenance.Lexicon // the rubric's provenance word lists
}

// New compiles a rubric's rules into matchers.
func New(r *rubrics.Rubric) (*Annotator, error) {
	a := &Annotator{rubric: r, lexicon: provenance.NewLexicon(r.Provenance)}
	var b builder
	for i, rule := range r.Rules {
		cr := &compiledRule{rule: rule, suggest: map[string]string{}}
		for term, s := range rule.Suggest {
			cr.suggest[words.Fold(term)] = s
		}
		if len(rule.Exceptions) > 0 {
			cr.hasExceptions = true
			b.addExceptions(i, rule.Exceptions)
		}
		k := kindsByName[rule.Kind]
		switch {
		case k == nil:
			return nil, fmt.Errorf("rule %s: unknown kind %q", rule.ID, rule.Kind)
		case rule.Options == nil:
			return nil, fmt.Errorf("rule %s: no options for its kind %s (a rule is made by rubrics.Parse)", rule.ID, rule.Kind)
		}
		cr.matcher = k.build(&b, i, rule.Options)
		a.rules = append(a.rules, cr)
	}
	b.fill(&a.terms)
	return a, nil
}

// Rubric returns the rubric the annotator applies.
func (a *Annotator) Rubric() *rubrics.Rubric { return a.rubric }

// blockContext is what matchers see of one block: computed once, shared by every rule.
type blockContext struct {
	doc        *prose.Document
	block      *prose.Block
	toks       words.Tokens
	quotes     []*prose.Quote // quotations opening in this block
	byRule     [][]termMatch  // term matches per rule index
	excepted   [][]prose.Span // spans of exception phrases per rule index
	ruleIdx    int            // the rule being run
	a          *Annotator
	blockIndex int // index of block in doc.Blocks

	spanArena []prose.Span // backing store of the findings' Pieces
	scratch   words.Tokens // for fold
	folded    []byte

	// pending are the candidates of documentMatchers found so far, decided once the whole
	// document's provenance is known.
	pending []pending

	prov *provenance.Analysis // the document's provenance analysis, kept for its storage
	// result is the document's provenance, once every block has been read.
	result *provenance.Provenance
}

// provenance returns the document's provenance, for the rules decided once every block has
// been read.
func (c *blockContext) provenance() *provenance.Provenance {
	return c.result
}

// sentenceAt returns the sentence containing text offset off, or the whole block.
func (c *blockContext) sentenceAt(off int) prose.Span {
	s := c.block.Sentences
	i := sort.Search(len(s), func(i int) bool { return s[i].End > off })
	if i < len(s) && s[i].Start <= off {
		return s[i]
	}
	return prose.Span{Start: 0, End: len(c.block.Text)}
}

// Result is what slant found in one document: the findings of the rubric's rules and who
// said what. The document is not changed: many goroutines may analyse one at once.
type Result struct {
	Doc        *prose.Document
	Findings   []Finding // ordered by position
	Provenance *provenance.Provenance
}

// Annotate runs every rule over doc and returns the findings ordered by position. Analyze
// returns the document's provenance with them.
func (a *Annotator) Annotate(ctx context.Context, doc *prose.Document) ([]Finding, error) {
	res, err := a.Analyze(ctx, doc)
	if err != nil {
		return nil, err
	}
	return res.Findings, nil
}

// Analyze runs every rule over doc and finds its provenance, reading each block once for
// both.
func (a *Annotator) Analyze(ctx context.Context, doc *prose.Document) (*Result, error) {
	quotesByBlock := blockQuotes(doc)
	// Room for a finding every 300 bytes, about the density of news with the default rubric,
	// so that the slice rarely grows (each growth copies every finding so far).
	findings := make([]Finding, 0, len(doc.Source)/300+8)
	c := a.context(doc)
	defer a.release(c)
	var (
		b  *prose.Block
		cr *compiledRule
		ri int
	)
	// One closure for the whole document; it reads the block and rule being run.
	emit := func(start, end int, term string) {
		voice := rubrics.VoiceWriter
		if b.Quoted(start) {
			voice = rubrics.VoiceQuoted
		}
		if !cr.rule.AppliesTo(voice) {
			return
		}
		if cr.hasExceptions && containedIn(c.excepted[ri], start, end) {
			return
		}
		findings = append(findings, cr.finding(c, start, end, term, voice))
	}
	// The provenance analysis reads the same words as the rules, block by block, so each
	// block is read once. Rules that need the whole document's provenance (unattributed
	// claims) are decided at the end.
	if c.prov == nil {
		c.prov = &provenance.Analysis{}
	}
	pa := c.prov
	pa.Reset(doc, a.lexicon)
	for bi := range doc.Blocks {
		// Every block: a block may be 64 KB, and a caller's deadline should hold to within
		// one block's work (ctx.Err costs little beside it).
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b = &doc.Blocks[bi]
		c.block = b
		c.blockIndex = bi
		c.quotes = quotesByBlock[bi]
		c.toks.Tokenize(b.Text)
		pa.Block(bi, &c.toks)
		for i := range c.byRule {
			c.byRule[i] = c.byRule[i][:0]
			c.excepted[i] = c.excepted[i][:0]
		}
		a.terms.match(&c.toks, func(m termMatch) {
			if m.hit.exception {
				c.excepted[m.hit.owner] = append(c.excepted[m.hit.owner], prose.Span{Start: m.start, End: m.end})
				return
			}
			c.byRule[m.hit.owner] = append(c.byRule[m.hit.owner], m)
		})
		for ri, cr = range a.rules {
			c.ruleIdx = ri
			first := len(findings)
			cr.matcher.match(c, emit)
			findings = append(findings[:first], dropContained(findings[first:])...)
		}
	}
	c.result = pa.Result()
	// The pending candidates, block by block and rule by rule as they were found.
	for i := 0; i < len(c.pending); {
		group := c.pending[i]
		ri, cr = group.rule, a.rules[group.rule]
		b = &doc.Blocks[group.block]
		c.block, c.blockIndex, c.ruleIdx = b, group.block, ri
		c.excepted[ri] = group.excepted
		first := len(findings)
		decider := cr.matcher.(documentMatcher) // only documentMatchers leave candidates
		for ; i < len(c.pending) && c.pending[i].rule == group.rule && c.pending[i].block == group.block; i++ {
			decider.decide(c, c.pending[i], emit)
		}
		findings = append(findings[:first], dropContained(findings[first:])...)
	}
	sortFindings(findings)
	return &Result{Doc: doc, Findings: findings, Provenance: c.result}, nil
}

// contexts recycles blockContexts, whose word and match lists would otherwise be allocated
// anew for every document.
var contexts sync.Pool

// context returns a blockContext for annotating doc.
func (a *Annotator) context(doc *prose.Document) *blockContext {
	c, _ := contexts.Get().(*blockContext)
	if c == nil {
		c = &blockContext{}
	}
	c.doc, c.a = doc, a
	if cap(c.byRule) < len(a.rules) {
		c.byRule = make([][]termMatch, len(a.rules))
		c.excepted = make([][]prose.Span, len(a.rules))
	}
	c.byRule, c.excepted = c.byRule[:len(a.rules)], c.excepted[:len(a.rules)]
	return c
}

// maxPooledWords bounds the word list a pooled blockContext keeps (40 bytes a word).
const maxPooledWords = 1 << 16

// release returns c to the pool, without references into the document it was used for.
func (a *Annotator) release(c *blockContext) {
	if cap(c.toks.List) > maxPooledWords {
		return
	}
	for i := range c.byRule {
		c.byRule[i] = c.byRule[i][:0]
		c.excepted[i] = c.excepted[i][:0]
	}
	if c.prov != nil {
		c.prov.Release()
	}
	clear(c.pending)
	*c = blockContext{toks: c.toks, byRule: c.byRule, excepted: c.excepted, scratch: c.scratch, folded: c.folded[:0], pending: c.pending[:0], prov: c.prov}
	c.toks.Text = ""
	c.scratch.Text = ""
	contexts.Put(c)
}

// blockQuotes returns the quotations opening in each block of doc. doc.Quotes are in order of
// opening, so each block's are a run of one slice.
func blockQuotes(doc *prose.Document) [][]*prose.Quote {
	byBlock := make([][]*prose.Quote, len(doc.Blocks))
	all := make([]*prose.Quote, len(doc.Quotes))
	start := 0
	for i := range doc.Quotes {
		all[i] = &doc.Quotes[i]
		if i > 0 && doc.Quotes[i].Parts[0].Para < doc.Quotes[i-1].Parts[0].Para {
			// Not in order after all: gather them one by one.
			for i := range byBlock {
				byBlock[i] = nil
			}
			for i := range doc.Quotes {
				p := doc.Quotes[i].Parts[0].Para
				byBlock[p] = append(byBlock[p], &doc.Quotes[i])
			}
			return byBlock
		}
		if i+1 == len(doc.Quotes) || doc.Quotes[i+1].Parts[0].Para != doc.Quotes[i].Parts[0].Para {
			p := doc.Quotes[i].Parts[0].Para
			byBlock[p] = all[start : i+1 : i+1]
			start = i + 1
		}
	}
	return byBlock
}

// containedIn reports whether [start, end) lies inside one of spans.
func containedIn(spans []prose.Span, start, end int) bool {
	for _, s := range spans {
		if s.Start <= start && end <= s.End {
			return true
		}
	}
	return false
}

func (cr *compiledRule) finding(c *blockContext, start, end int, term string, voice rubrics.Voice) Finding {
	b := c.block
	span := b.SourceSpan(start, end)
	var text string
	if b.Verbatim() && span.Len() == end-start {
		// The block's text is the source here, byte for byte: no need to copy it.
		text = b.Text[start:end]
	} else {
		text = string(c.doc.Source[span.Start:span.End])
	}
	f := Finding{
		Rule:     cr.rule,
		Severity: cr.rule.SeverityFor(voice),
		Voice:    voice,
		Message:  strings.ReplaceAll(cr.rule.Message, "{match}", words.CleanText(b.Text[start:end])),
		Span:     span,
		Pieces:   c.sourcePieces(start, end),
		Text:     text,
	}
	if len(cr.suggest) > 0 {
		f.Suggestion = cr.suggest[string(c.fold(term))]
	}
	return f
}

// sourcePieces is Block.SourcePieces for the current block, with the spans taken from one
// slice shared by the document's findings.
func (c *blockContext) sourcePieces(start, end int) []prose.Span {
	if cap(c.spanArena)-len(c.spanArena) < 4 {
		// Room for the pieces of about as many findings as Annotate makes room for (one piece
		// each, as in plain text), at most 256 at a time.
		size := min(256, len(c.doc.Source)/300+8, 2*cap(c.spanArena)+8)
		c.spanArena = make([]prose.Span, 0, size)
	}
	n := len(c.spanArena)
	c.spanArena = c.block.AppendSourcePieces(c.spanArena, start, end)
	if len(c.spanArena) == n {
		return nil
	}
	return c.spanArena[n:len(c.spanArena):len(c.spanArena)]
}

// fold returns fold(s) in scratch space, valid until the next call.
func (c *blockContext) fold(s string) []byte {
	t := &c.scratch
	t.Tokenize(s)
	c.folded = c.folded[:0]
	for i := range t.List {
		if i > 0 {
			c.folded = append(c.folded, ' ')
		}
		c.folded = append(c.folded, t.Key(i)...)
	}
	return c.folded
}

// dropContained removes findings whose span lies inside another finding's span (one rule's
// findings, so "so-called" inside "the so-called experts" is reported once).
func dropContained(fs []Finding) []Finding {
	if len(fs) < 2 {
		return fs
	}
	// slices.SortFunc runs the same pdqsort as sort.Slice, so findings with equal spans come
	// out in the same order as they did with sort.Slice (see TestSortsAsBefore), without its
	// reflection.
	slices.SortFunc(fs, byStartLongest)
	out := fs[:1]
	for _, f := range fs[1:] {
		last := out[len(out)-1]
		if f.Span.Start >= last.Span.Start && f.Span.End <= last.Span.End {
			continue
		}
		out = append(out, f)
	}
	return out
}

// byStartLongest orders findings by where they start, the longer first.
func byStartLongest(a, b Finding) int {
	if a.Span.Start != b.Span.Start {
		return cmp.Compare(a.Span.Start, b.Span.Start)
	}
	return cmp.Compare(b.Span.End, a.Span.End)
}

func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if a.Span.Start != b.Span.Start {
			return cmp.Compare(a.Span.Start, b.Span.Start)
		}
		if a.Span.End != b.Span.End {
			return cmp.Compare(b.Span.End, a.Span.End)
		}
		return strings.Compare(a.Rule.ID, b.Rule.ID)
	})
}

// Provenance finds the attributions and sources of doc with the annotator's rubric's word
// lists, on its own. Analyze finds them as it applies the rules, reading each block once for
// both: call Provenance only when the findings are not wanted.
func (a *Annotator) Provenance(doc *prose.Document) *provenance.Provenance {
	return provenance.Analyze(doc, a.lexicon)
}
