package annotate

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/slant-news/slant/rubrics"
)

// Finding is one span a rule flagged.
type Finding struct {
	Rule       *rubrics.Rule
	Severity   rubrics.Severity // the rule's severity for the voice the span is in
	Voice      rubrics.Voice    // VoiceWriter or VoiceQuoted
	Message    string
	Suggestion string // a neutral alternative, when the rule offers one
	Span       Span   // source bytes flagged
	Pieces     []Span // the prose inside Span, without markup between; for inline marking
	Text       string // Source[Span.Start:Span.End]
}

// matcher finds a rule's candidate spans in one block. Implementations live one per file:
// terms.go (shared index), pattern.go, scarequote.go, attribution.go.
type matcher interface {
	match(c *blockContext, emit func(start, end int, term string))
}

// compiledRule is a rule with its matcher and exception index built.
type compiledRule struct {
	rule       *rubrics.Rule
	matcher    matcher
	exceptions *termIndex // phrases inside which a match is not a finding; nil if none
	suggest    map[string]string
}

// Annotator applies a rubric to documents. It is safe for concurrent use.
type Annotator struct {
	rubric  *rubrics.Rubric
	rules   []*compiledRule
	terms   termIndex // the terms of every terms rule, owner = index into rules
	lexicon *lexicon  // the rubric's provenance word lists
}

// New compiles a rubric's rules into matchers.
func New(r *rubrics.Rubric) (*Annotator, error) {
	a := &Annotator{rubric: r, lexicon: newLexicon(r.Provenance)}
	for i, rule := range r.Rules {
		cr := &compiledRule{rule: rule, suggest: map[string]string{}}
		for term, s := range rule.Suggest {
			cr.suggest[fold(term)] = s
		}
		if len(rule.Exceptions) > 0 {
			cr.exceptions = &termIndex{}
			for _, e := range rule.Exceptions {
				cr.exceptions.add(foldWords(e), termHit{})
			}
		}
		switch rule.Kind {
		case rubrics.KindTerms:
			a.addTerms(i, rule)
			cr.matcher = termsMatcher{}
		case rubrics.KindPattern:
			cr.matcher = newPatternMatcher(rule)
		case rubrics.KindScareQuote:
			cr.matcher = newScareQuoteMatcher(rule)
		case rubrics.KindAttribution:
			cr.matcher = newAttributionMatcher(rule)
		case rubrics.KindClaim:
			cr.matcher = newClaimMatcher(rule)
		default:
			return nil, fmt.Errorf("rule %s: unknown kind %q", rule.ID, rule.Kind)
		}
		a.rules = append(a.rules, cr)
	}
	return a, nil
}

// Rubric returns the rubric the annotator applies.
func (a *Annotator) Rubric() *rubrics.Rubric { return a.rubric }

func (a *Annotator) addTerms(owner int, rule *rubrics.Rule) {
	for _, term := range rule.Terms {
		words := foldWords(term)
		variants := [][]string{words}
		if rule.Inflect {
			last := len(words) - 1
			for _, form := range Inflections(words[last])[1:] {
				v := append(append([]string{}, words[:last]...), form)
				variants = append(variants, v)
			}
		}
		for _, v := range variants {
			hit := termHit{owner: owner, term: strings.Join(words, " ")}
			if rule.CaseSensitive {
				hit.exact = term
			}
			a.terms.add(v, hit)
		}
	}
}

// blockContext is what matchers see of one block: computed once, shared by every rule.
type blockContext struct {
	doc        *Document
	block      *Block
	toks       tokens
	quotes     []*Quote      // quotations opening in this block
	byRule     [][]termMatch // term matches per rule index
	ruleIdx    int           // the rule being run
	a          *Annotator
	blockIndex int // index of block in doc.Blocks
}

// provenance returns the document's provenance, computed once.
func (c *blockContext) provenance() *Provenance {
	return c.a.Provenance(c.doc)
}

// sentenceAt returns the sentence containing text offset off, or the whole block.
func (c *blockContext) sentenceAt(off int) Span {
	s := c.block.Sentences
	i := sort.Search(len(s), func(i int) bool { return s[i].End > off })
	if i < len(s) && s[i].Start <= off {
		return s[i]
	}
	return Span{0, len(c.block.Text)}
}

// Annotate runs every rule over doc and returns the findings ordered by position.
func (a *Annotator) Annotate(ctx context.Context, doc *Document) ([]Finding, error) {
	quotesByBlock := make([][]*Quote, len(doc.Blocks))
	for i := range doc.Quotes {
		q := &doc.Quotes[i]
		p := q.Parts[0].Para
		quotesByBlock[p] = append(quotesByBlock[p], q)
	}
	var findings []Finding
	c := &blockContext{doc: doc, byRule: make([][]termMatch, len(a.rules)), a: a}
	for bi := range doc.Blocks {
		if bi%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		b := &doc.Blocks[bi]
		c.block = b
		c.blockIndex = bi
		c.quotes = quotesByBlock[bi]
		c.toks.tokenize(b.Text)
		for i := range c.byRule {
			c.byRule[i] = c.byRule[i][:0]
		}
		a.terms.match(&c.toks, func(m termMatch) {
			c.byRule[m.hit.owner] = append(c.byRule[m.hit.owner], m)
		})
		for ri, cr := range a.rules {
			c.ruleIdx = ri
			first := len(findings)
			var excepted []Span
			exceptionsDone := false
			cr.matcher.match(c, func(start, end int, term string) {
				voice := rubrics.VoiceWriter
				if b.Quoted(start) {
					voice = rubrics.VoiceQuoted
				}
				if !cr.rule.AppliesTo(voice) {
					return
				}
				if cr.exceptions != nil {
					if !exceptionsDone {
						excepted = cr.exceptionSpans(&c.toks)
						exceptionsDone = true
					}
					if within(excepted, start, end) {
						return
					}
				}
				findings = append(findings, cr.finding(doc, b, start, end, term, voice))
			})
			findings = append(findings[:first], dropContained(findings[first:])...)
		}
	}
	sortFindings(findings)
	return findings, nil
}

func (cr *compiledRule) exceptionSpans(toks *tokens) []Span {
	var spans []Span
	cr.exceptions.match(toks, func(m termMatch) { spans = append(spans, Span{m.start, m.end}) })
	return spans
}

func within(spans []Span, start, end int) bool {
	for _, s := range spans {
		if s.Start <= start && end <= s.End {
			return true
		}
	}
	return false
}

func (cr *compiledRule) finding(doc *Document, b *Block, start, end int, term string, voice rubrics.Voice) Finding {
	span := b.SourceSpan(start, end)
	matched := cleanText(b.Text[start:end])
	return Finding{
		Rule:       cr.rule,
		Severity:   cr.rule.SeverityFor(voice),
		Voice:      voice,
		Message:    strings.ReplaceAll(cr.rule.Message, "{match}", matched),
		Suggestion: cr.suggest[fold(term)],
		Span:       span,
		Pieces:     b.SourcePieces(start, end),
		Text:       string(doc.Source[span.Start:span.End]),
	}
}

// cleanText collapses white space and drops placeholders of skipped markup.
func cleanText(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, string(skipped), " ")), " ")
}

// dropContained removes findings whose span lies inside another finding's span (one rule's
// findings, so "so-called" inside "the so-called experts" is reported once).
func dropContained(fs []Finding) []Finding {
	if len(fs) < 2 {
		return fs
	}
	sort.Slice(fs, func(i, j int) bool {
		if fs[i].Span.Start != fs[j].Span.Start {
			return fs[i].Span.Start < fs[j].Span.Start
		}
		return fs[i].Span.End > fs[j].Span.End
	})
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

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Span.Start != b.Span.Start {
			return a.Span.Start < b.Span.Start
		}
		if a.Span.End != b.Span.End {
			return a.Span.End > b.Span.End
		}
		return a.Rule.ID < b.Rule.ID
	})
}

// termsMatcher reports the matches the shared term index found for the current rule.
type termsMatcher struct{}

func (termsMatcher) match(c *blockContext, emit func(start, end int, term string)) {
	for _, m := range c.byRule[c.ruleIdx] {
		emit(m.start, m.end, m.hit.term)
	}
}
