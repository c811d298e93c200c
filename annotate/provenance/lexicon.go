package provenance

// This file reads a rubric's provenance word lists into a Lexicon: the verbs of saying by
// their forms, and the lists of sources.

import (
	"maps"
	"slices"
	"strings"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/rubrics"
)

// Tone is how a verb of saying frames what a source said.
type Tone string

// The tones of cues.
const (
	ToneNeutral Tone = "neutral" // said, told, noted
	ToneLoaded  Tone = "loaded"  // claimed, insisted, admitted: the verb judges the speaker
	ToneBelief  Tone = "belief"  // believes, wants, fears: a reported thought or intention
)

// verbForm is what a folded word form means as a cue.
type verbForm struct {
	lemma  string
	tone   Tone
	only   cueCondition // where the form is a cue at all
	phrase []string     // the words after the first, for multi-word verbs ("point out")
}

// cueCondition limits where a verb form is a cue.
type cueCondition uint8

const (
	anywhere        cueCondition = iota
	afterDocument                // evidence verbs: only after a document noun ("the poll shows")
	besideQuotation              // quote verbs: only attributing a quotation ("...," he continued)
)

// Lexicon is a rubric's provenance word lists, folded and indexed.
type Lexicon struct {
	verbs         map[string][]verbForm
	documents     map[string]bool
	vague         map[string]bool
	anonymous     map[string]bool
	titles        map[string]bool
	organisations map[string]bool
	media         map[string]bool
	places        map[string]bool
	people        map[string]bool
	actObjects    map[string]map[string]bool // verb lemma -> the folded head nouns that make it an act

	verbFilter words.WordFilter // the keys of verbs

	classes map[string]wordClass // every listed word's lists (wordclass.go)
}

// NewLexicon folds and indexes a rubric's provenance word lists: every form of each verb
// of saying by its first word, with its tone and where it is a cue, and every listed word's
// class.
func NewLexicon(p rubrics.Provenance) *Lexicon {
	lx := &Lexicon{
		verbs:         map[string][]verbForm{},
		documents:     wordSet(p.DocumentNouns),
		vague:         wordSet(p.VagueSources),
		anonymous:     wordSet(p.AnonymousSources),
		titles:        wordSet(p.Titles),
		organisations: wordSet(p.Organisations),
		media:         wordSet(p.Media),
		places:        wordSet(p.Places),
		people:        wordSet(p.People),
		actObjects:    actObjects(p.ActObjects),
	}
	lx.addVerbs(p.NeutralVerbs, ToneNeutral, anywhere)
	lx.addVerbs(p.LoadedVerbs, ToneLoaded, anywhere)
	lx.addVerbs(p.BeliefVerbs, ToneBelief, anywhere)
	lx.addVerbs(p.EvidenceVerbs, ToneNeutral, afterDocument)
	lx.addVerbs(p.QuoteVerbs, ToneNeutral, besideQuotation)
	lx.verbFilter = words.NewWordFilter(slices.Collect(maps.Keys(lx.verbs)))
	lx.buildClasses()
	return lx
}

// actObjects indexes entries of act_objects ("claim responsibility") by the verb's lemma.
func actObjects(entries []string) map[string]map[string]bool {
	m := map[string]map[string]bool{}
	for _, e := range entries {
		ws := words.FoldWords(e)
		if len(ws) < 2 {
			continue
		}
		verb, object := strings.Join(ws[:len(ws)-1], " "), ws[len(ws)-1]
		if m[verb] == nil {
			m[verb] = map[string]bool{}
		}
		m[verb][object] = true
	}
	return m
}

// wordSet returns the words as a set.
func wordSet(wordList []string) map[string]bool {
	m := make(map[string]bool, len(wordList))
	for _, w := range wordList {
		m[words.Fold(w)] = true
	}
	return m
}

// addVerbs indexes every form of each entry ("say/said", "point out") under its first word.
func (lx *Lexicon) addVerbs(entries []string, tone Tone, only cueCondition) {
	for _, e := range entries {
		forms := strings.Split(e, "/")
		wordList := words.FoldWords(forms[0])
		if len(wordList) == 0 {
			continue
		}
		lemma := strings.Join(wordList, " ")
		// The verb's forms, not the adverbs Inflections makes for term rules ("allegedly",
		// "repeatedly": the writer's words about an act, not a report of speech).
		heads := slices.DeleteFunc(words.Inflections(wordList[0]), func(h string) bool {
			return strings.HasSuffix(h, "ly") && h != wordList[0]
		})
		for _, irregular := range forms[1:] {
			heads = append(heads, words.Fold(irregular))
		}
		for _, h := range heads {
			if !lx.hasForm(h, lemma, only) {
				lx.verbs[h] = append(lx.verbs[h], verbForm{lemma: lemma, tone: tone, only: only, phrase: wordList[1:]})
			}
		}
	}
}

// hasForm reports whether head is already indexed as a form of lemma with the same
// condition.
func (lx *Lexicon) hasForm(head, lemma string, only cueCondition) bool {
	for _, f := range lx.verbs[head] {
		if f.lemma == lemma && f.only == only {
			return true
		}
	}
	return false
}
