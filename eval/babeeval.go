package eval

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// BABEReport is the result of scoring slant's loaded-wording findings on BABE's sentences.
type BABEReport struct {
	Dir       string `json:"dir"`    // set by the caller, for the output
	Rubric    string `json:"rubric"` // the rubric's name
	Map       string `json:"map"`    // the loaded-wording map's path
	Sentences int    `json:"sentences"`
	// Words scores words: a word of a sentence is predicted biased when a counted finding
	// covers any of it, and is gold when the annotators listed it (see BABEWords).
	Words WordScore `json:"words"`
	// Sentences scores sentences: one is predicted biased when it has any counted finding.
	SentenceScore SentenceScore `json:"sentence_score"`
	// Rules is the precision of every rule that fired, at word level.
	Rules   []RulePrecision `json:"rules"`
	Counted []string        `json:"counted_rules"` // the rules the map counts

	// Errors lists what went wrong, for a rubric author (see BABEErrors).
	Errors BABEErrors `json:"-"`
}

// WordScore counts words over sentences, each word once a sentence.
type WordScore struct {
	Predicted int `json:"predicted"` // words covered by a counted finding
	Gold      int `json:"gold"`      // words the annotators listed
	Correct   int `json:"correct"`   // both
	// Absent counts gold words that are no word of their sentence (misspelt in the labels,
	// or split at a space): they count as gold, and can never be found.
	Absent int `json:"gold_absent_from_sentence"`
}

// Precision is the share of predicted words that are gold.
func (w WordScore) Precision() float64 { return ratio(float64(w.Correct), w.Predicted) }

// Recall is the share of gold words predicted.
func (w WordScore) Recall() float64 { return ratio(float64(w.Correct), w.Gold) }

// F1 is the harmonic mean of Precision and Recall.
func (w WordScore) F1() float64 {
	return f1(w.Precision(), w.Recall(), w.Predicted == 0 && w.Gold == 0)
}

// SentenceScore is the confusion matrix of the sentence labels: predicted biased or not
// against labelled biased or not.
type SentenceScore struct {
	TruePositive  int `json:"true_positive"`  // flagged, labelled biased
	FalsePositive int `json:"false_positive"` // flagged, labelled not biased
	FalseNegative int `json:"false_negative"` // not flagged, labelled biased
	TrueNegative  int `json:"true_negative"`  // not flagged, labelled not biased
}

// BiasedF1 is the F1 of the class "biased".
func (s SentenceScore) BiasedF1() float64 {
	return classF1(s.TruePositive, s.FalsePositive, s.FalseNegative)
}

// UnbiasedF1 is the F1 of the class "not biased".
func (s SentenceScore) UnbiasedF1() float64 {
	return classF1(s.TrueNegative, s.FalseNegative, s.FalsePositive)
}

// MacroF1 is the mean of the two classes' F1.
func (s SentenceScore) MacroF1() float64 { return (s.BiasedF1() + s.UnbiasedF1()) / 2 }

// Accuracy is the share of sentences labelled right.
func (s SentenceScore) Accuracy() float64 {
	return ratio(float64(s.TruePositive+s.TrueNegative), s.TruePositive+s.FalsePositive+s.FalseNegative+s.TrueNegative)
}

func classF1(tp, fp, fn int) float64 {
	p := ratio(float64(tp), tp+fp)
	r := ratio(float64(tp), tp+fn)
	return f1(p, r, tp+fp+fn == 0)
}

// BABEErrors gathers false positives and misses at word level: a false positive is a counted
// finding that covers no gold word of its sentence; a miss is a gold word that no counted
// finding covers, labelled "biased" or "not biased" by its sentence's label.
type BABEErrors struct {
	FalsePositives []RuleErrors // most false positives first
	Misses         []Wording    // most frequent wording first
	MissCount      int          // gold words missed
}

// EvaluateBABE annotates every sentence with annotator (reading it as plain text) and scores
// the findings m counts against the biased words and sentence labels.
func EvaluateBABE(ctx context.Context, sentences []BABESentence, annotator *annotate.Annotator, m *LoadedMap, path string) (*BABEReport, error) {
	rubric := annotator.Rubric()
	rep := &BABEReport{Rubric: rubric.Name(), Map: m.Path(), Sentences: len(sentences), Counted: m.Counted(rubric)}
	results := make([]babeResult, len(sentences))
	err := annotateAll(ctx, len(sentences), annotator, func(i int) (string, []byte) {
		return fmt.Sprintf("%s:%d", path, sentences[i].Line), []byte(sentences[i].Text)
	}, func(i int, _ *prose.Document, fs []annotate.Finding) {
		results[i] = scoreBABESentence(&sentences[i], fs, m)
	})
	if err != nil {
		return nil, err
	}
	rules := ruleTally{}
	fps := errorTally{}
	misses := map[string]*Wording{}
	for i, r := range results {
		rules.merge(r.rules)
		rep.Words.Predicted += r.words.Predicted
		rep.Words.Gold += r.words.Gold
		rep.Words.Correct += r.words.Correct
		rep.Words.Absent += r.words.Absent
		biased := sentences[i].Biased
		switch {
		case r.flagged && biased:
			rep.SentenceScore.TruePositive++
		case r.flagged:
			rep.SentenceScore.FalsePositive++
		case biased:
			rep.SentenceScore.FalseNegative++
		default:
			rep.SentenceScore.TrueNegative++
		}
		label := "not biased"
		if biased {
			label = "biased"
		}
		for _, fp := range r.fps {
			fps.add(fp.rule, fp.text, label)
		}
		for _, w := range r.misses {
			rep.Errors.MissCount++
			x := misses[w]
			if x == nil {
				x = &Wording{Text: w, Labels: map[string]int{}}
				misses[w] = x
			}
			x.Count++
			x.Labels[label]++
		}
	}
	rep.Rules = rules.list(rubric, m.Counts)
	rep.Errors.FalsePositives = fps.list(rules)
	for _, w := range misses {
		rep.Errors.Misses = append(rep.Errors.Misses, *w)
	}
	sortWordings(rep.Errors.Misses)
	return rep, nil
}

type babeResult struct {
	words   WordScore
	flagged bool
	rules   ruleTally
	fps     []fpFinding
	misses  []string
}

// token is a word of a sentence: its byte span and its normalised form.
type token struct {
	span prose.Span
	norm string
}

func scoreBABESentence(s *BABESentence, fs []annotate.Finding, m *LoadedMap) babeResult {
	res := babeResult{rules: ruleTally{}}
	toks := babeWords(s.Text)
	gold := map[string]bool{}
	inText := map[string]bool{}
	for _, t := range toks {
		inText[t.norm] = true
	}
	for _, w := range s.Words {
		n := normWord(w)
		if n == "" || gold[n] {
			continue
		}
		gold[n] = true
		res.words.Gold++
		if !inText[n] {
			res.words.Absent++
		}
	}
	// covered returns the distinct words the spans cover.
	covered := func(spans []prose.Span) map[string]bool {
		ws := map[string]bool{}
		for _, t := range toks {
			if overlapsAny(t.span, spans) {
				ws[t.norm] = true
			}
		}
		return ws
	}
	var pred []prose.Span
	byRule := map[string][]prose.Span{}
	for i := range fs {
		f := &fs[i]
		if f.Span.End <= f.Span.Start {
			continue
		}
		byRule[f.Rule.ID] = append(byRule[f.Rule.ID], f.Span)
		rp := res.rules.get(f.Rule.ID)
		rp.Findings++
		hit := false
		for w := range covered([]prose.Span{f.Span}) {
			hit = hit || gold[w]
		}
		if hit {
			rp.Hits++
		}
		if !m.Counts(f.Rule) {
			continue
		}
		pred = append(pred, f.Span)
		if !hit {
			res.fps = append(res.fps, fpFinding{rule: f.Rule.ID, text: wording(f.Text)})
		}
	}
	for id, spans := range byRule {
		rp := res.rules[id]
		for w := range covered(spans) {
			rp.Predicted++
			if gold[w] {
				rp.Correct++
			}
		}
	}
	res.flagged = len(pred) > 0
	predicted := covered(pred)
	res.words.Predicted = len(predicted)
	for w := range predicted {
		if gold[w] {
			res.words.Correct++
		}
	}
	for _, w := range s.Words {
		if n := normWord(w); n != "" && !predicted[n] {
			res.misses = append(res.misses, n)
			predicted[n] = true // once a sentence, as gold words are counted
		}
	}
	return res
}

// babeWords splits text into words: runs of letters, digits, marks, apostrophes and hyphens
// (as in rubric terms) with at least one letter or digit, each with its normal form.
func babeWords(text string) []token {
	var toks []token
	start := -1
	flush := func(end int) {
		if start >= 0 {
			if n := normWord(text[start:end]); n != "" {
				toks = append(toks, token{prose.Span{Start: start, End: end}, n})
			}
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
	return toks
}

// normWord lowercases a word, with ’ as ', and trims what is not a letter or digit from its
// edges ("“gender" and "'safety'" are "gender" and "safety"); "" if nothing is left.
func normWord(w string) string {
	w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return strings.ReplaceAll(strings.ToLower(w), "’", "'")
}
