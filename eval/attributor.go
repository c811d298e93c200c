package eval

import (
	"strings"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// Relation is one predicted attribution, in byte offsets of the document source. An empty
// span (Start == End) means the part is absent: a relation may have a cue and no source, or
// no content.
type Relation struct {
	Source, Cue, Content prose.Span
}

// Attributor finds the attribution relations of a document: who (Source) said or thought
// what (Content), and the words that signal it (Cue).
type Attributor interface {
	Attributions(doc *prose.Document) []Relation
}

// AttributorFunc adapts a function to Attributor.
type AttributorFunc func(doc *prose.Document) []Relation

// Attributions calls f.
func (f AttributorFunc) Attributions(doc *prose.Document) []Relation { return f(doc) }

// Provenance is slant's own attributor: the attributions of the annotator's provenance
// analysis, with the source's mention in this statement as the source span.
func Provenance(a *annotate.Annotator) Attributor {
	return AttributorFunc(func(doc *prose.Document) []Relation {
		atts := a.Provenance(doc).Attributions
		out := make([]Relation, len(atts))
		for i, at := range atts {
			out[i] = Relation{Source: at.Mention, Cue: at.Cue, Content: at.Content}
		}
		return out
	})
}

// BaselineVerbs are the 30 common verbs of saying and thinking the baseline looks for.
var BaselineVerbs = []string{
	"said", "says", "say", "saying", "told", "tell", "tells", "asked", "added", "stated",
	"claimed", "claims", "argued", "explained", "noted", "wrote", "reported", "announced",
	"insisted", "warned", "suggested",
	"think", "thinks", "thought", "believe", "believes", "believed", "know", "knew", "feel",
}

// Baseline is the reference attributor: every whole-word occurrence of one of
// [BaselineVerbs] (any case) is a relation whose cue is that word, with no source and no
// content. A word is a run of letters, digits, apostrophes and hyphens, as in rubric terms,
// so "say-so" and "said's" are not matches.
type Baseline struct{}

var baselineSet = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range BaselineVerbs {
		m[v] = true
	}
	return m
}()

// Attributions returns a cue-only relation for every baseline verb in doc's prose.
func (Baseline) Attributions(doc *prose.Document) []Relation {
	var rels []Relation
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		text := b.Text
		start := -1
		flush := func(end int) {
			if start >= 0 && baselineSet[strings.ToLower(text[start:end])] {
				rels = append(rels, Relation{Cue: b.SourceSpan(start, end)})
			}
			start = -1
		}
		for i, r := range text {
			if rubrics.IsWordRune(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			flush(i)
		}
		flush(len(text))
	}
	return rels
}
