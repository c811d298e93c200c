package annotate

import (
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/internal/words"
	"github.com/slant-news/slant/rubrics"
)

// attributionKind flags a vague or anonymous source with a verb of saying.
var attributionKind = newKind("attribution", checkAttribution, func(_ *builder, _ int, o *attributionOptions) matcher {
	return newVagueSourceMatcher(o)
})

// attributionOptions are the fields of a rule of kind attribution.
type attributionOptions struct {
	Sources     []string `toml:"sources"`     // source nouns: "officials", "critics", "official"
	Determiners []string `toml:"determiners"` // if set, one must precede the source: "a", "an", "one"
	Cues        []string `toml:"cues"`        // verbs of saying after the source: "said"
	Inflect     bool     `toml:"inflect"`     // also the inflections of each cue's last word
	CuesBefore  []string `toml:"cues_before"` // cues before the source: "according to", "said"
	Window      int      `toml:"window"`      // most words between source and cue; default 4
	MaxWords    int      `toml:"max_words"`   // most words between determiner and source; default 3
}

func checkAttribution(o *attributionOptions) error {
	switch {
	case o.MaxWords < 0 || o.Window < 0:
		return rubrics.OptionErrorf("", "max_words and window must not be negative")
	case len(o.Sources) == 0:
		return rubrics.OptionErrorf("", "kind attribution needs sources")
	case len(o.Cues) == 0 && len(o.CuesBefore) == 0:
		return rubrics.OptionErrorf("", "kind attribution needs cues or cues_before")
	}
	return nil
}

// vagueSourceMatcher, the matcher of kind attribution, flags a vague or anonymous source tied
// to a verb of saying: "critics say", "a NATO official told", "according to sources". The
// span runs from the source (or its determiner) to the cue, or from a cue before the source
// to the source.
type vagueSourceMatcher struct {
	sources     map[string]bool
	sourceWords words.WordFilter // the keys of sources
	determiners map[string]bool
	cues        [][]string // folded words of cues after the source
	cuesBefore  [][]string // folded words of cues before the source
	maxWords    int        // most modifier words between determiner and source
	window      int        // most words between source and cue
}

func newVagueSourceMatcher(o *attributionOptions) *vagueSourceMatcher {
	m := &vagueSourceMatcher{sources: map[string]bool{}, determiners: map[string]bool{}, maxWords: o.MaxWords, window: o.Window}
	if m.maxWords == 0 {
		m.maxWords = 3
	}
	if m.window == 0 {
		m.window = 4
	}
	for _, s := range o.Sources {
		m.sources[words.Fold(s)] = true
	}
	m.sourceWords = words.NewWordFilter(slices.Collect(maps.Keys(m.sources)))
	for _, d := range o.Determiners {
		m.determiners[words.Fold(d)] = true
	}
	for _, cue := range o.Cues {
		wordList := words.FoldWords(cue)
		m.cues = append(m.cues, wordList)
		if o.Inflect {
			last := len(wordList) - 1
			for _, form := range words.Inflections(wordList[last])[1:] {
				m.cues = append(m.cues, append(append([]string{}, wordList[:last]...), form))
			}
		}
	}
	for _, cue := range o.CuesBefore {
		m.cuesBefore = append(m.cuesBefore, words.FoldWords(cue))
	}
	return m
}

func (m *vagueSourceMatcher) match(c *blockContext, emit func(start, end int, term string)) {
	toks := &c.toks
	for i := range toks.List {
		if !m.sourceWords.MayHave(toks.List[i].Hash) || !m.sources[string(toks.Key(i))] {
			continue
		}
		first, ok := m.sourceStart(toks, i)
		if !ok || m.namedAfter(toks, i) || appositive(toks, first, i) {
			continue
		}
		if end, ok := m.cueAfter(toks, i); ok {
			emit(toks.List[first].Start, toks.List[end].End, toks.Text[toks.List[i].Start:toks.List[i].End])
			continue
		}
		if start, ok := m.cueBefore(toks, first); ok {
			emit(toks.List[start].Start, toks.List[i].End, toks.Text[toks.List[i].Start:toks.List[i].End])
		}
	}
}

// sourceStart returns the first token of the source phrase ending at token i: the
// determiner, when the rule needs one, found within maxWords words before the source.
func (m *vagueSourceMatcher) sourceStart(toks *words.Tokens, i int) (int, bool) {
	if len(m.determiners) == 0 {
		return i, true
	}
	for j := i - 1; j >= 0 && i-j <= m.maxWords+1; j-- {
		if !toks.SpaceBetween(j) {
			return 0, false
		}
		if m.determiners[string(toks.Key(j))] {
			return j, true
		}
	}
	return 0, false
}

// namedAfter reports whether the source noun is followed by a name, which makes the source
// named, not anonymous: "a spokesman, John Kirby, said", "spokesman John Kirby said".
func (m *vagueSourceMatcher) namedAfter(toks *words.Tokens, i int) bool {
	if i+1 >= len(toks.List) {
		return false
	}
	gap := toks.Text[toks.List[i].End:toks.List[i+1].Start]
	if gap != " " && gap != ", " {
		return false
	}
	next := toks.Text[toks.List[i+1].Start:toks.List[i+1].End]
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsUpper(r) && !m.isCueAt(toks, i+1)
}

// appositive reports whether the source phrase from token first to token i is set off by
// commas right after a capitalised word: "John Kirby, a Pentagon spokesman, said" describes a
// named source.
func appositive(toks *words.Tokens, first, i int) bool {
	if first == 0 || i+1 >= len(toks.List) {
		return false
	}
	before := toks.Text[toks.List[first-1].End:toks.List[first].Start]
	after := toks.Text[toks.List[i].End:toks.List[i+1].Start]
	name := toks.Text[toks.List[first-1].Start:toks.List[first-1].End]
	r, _ := utf8.DecodeRuneInString(name)
	return strings.TrimSpace(before) == "," && strings.TrimSpace(after) == "," && unicode.IsUpper(r)
}

// cueAfter finds a cue starting within window words after token i, in the same clause, and
// returns its last token.
func (m *vagueSourceMatcher) cueAfter(toks *words.Tokens, i int) (int, bool) {
	for j := i + 1; j < len(toks.List) && j-i <= m.window+1; j++ {
		if !toks.SameClause(j - 1) {
			return 0, false
		}
		if end, ok := m.phraseAt(toks, j, m.cues); ok {
			return end, true
		}
	}
	return 0, false
}

// cueBefore finds a cue ending right before token first (white space between) and returns
// its first token.
func (m *vagueSourceMatcher) cueBefore(toks *words.Tokens, first int) (int, bool) {
	for _, cue := range m.cuesBefore {
		start := first - len(cue)
		if start < 0 {
			continue
		}
		if end, ok := m.phraseAt(toks, start, [][]string{cue}); ok && end == first-1 && toks.SameClause(end) {
			return start, true
		}
	}
	return 0, false
}

func (m *vagueSourceMatcher) isCueAt(toks *words.Tokens, i int) bool {
	_, ok := m.phraseAt(toks, i, m.cues)
	return ok
}

// phraseAt reports whether one of phrases starts at token i, returning its last token.
func (m *vagueSourceMatcher) phraseAt(toks *words.Tokens, i int, phrases [][]string) (int, bool) {
	for _, p := range phrases {
		if words.PhraseAt(toks, i, p) {
			return i + len(p) - 1, true
		}
	}
	return 0, false
}
