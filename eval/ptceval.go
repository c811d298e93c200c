package eval

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// PTCReport is the result of scoring slant on a PTC directory.
type PTCReport struct {
	Dir        string           `json:"dir"`    // set by the caller, for the output
	Rubric     string           `json:"rubric"` // the rubric's name
	Map        string           `json:"map"`    // the mapping file's path
	Articles   int              `json:"articles"`
	Techniques []TechniqueScore `json:"techniques"` // in the map's order
	// Overall is span identification over the mapped techniques together: technique labels
	// are ignored, gold spans of those techniques that overlap are merged, and so are the
	// predictions.
	Overall  SpanScore `json:"overall"`
	Unmapped []string  `json:"unmapped_rules"` // rubric rules that count for no technique
	// Rules is the precision of every rule that fired, against the gold spans of the mapped
	// techniques together (technique labels ignored, as in Overall).
	Rules []RulePrecision `json:"rules"`

	// Errors lists what went wrong, for a rubric author (see PTCErrors).
	Errors PTCErrors `json:"-"`
}

// TechniqueScore is the score of predictions mapped to one technique against the gold spans
// of that technique.
type TechniqueScore struct {
	Technique string    `json:"technique"`
	Score     SpanScore `json:"score"`
}

// PTCErrors gathers false positives and misses over the corpus, in the overall view: a false
// positive is a finding (of a mapped rule) that overlaps no gold span of any mapped
// technique; a miss is a gold span of a mapped technique that no mapped finding overlaps.
type PTCErrors struct {
	FalsePositives []RuleErrors // most false positives first
	Misses         []Wording    // most frequent wording first
	MissCount      int          // gold spans missed
}

// RuleErrors is one rule's false positives.
type RuleErrors struct {
	Rule      string    `json:"rule"`
	Technique string    `json:"technique,omitempty"` // PTC: the technique the rule is mapped to
	Count     int       `json:"false_positives"`
	Findings  int       `json:"findings"` // all the rule's findings, for scale
	Texts     []Wording `json:"texts"`    // the matched texts, lowercased, most frequent first
}

// Wording is a lowercased text with the number of times it occurred.
type Wording struct {
	Text   string         `json:"text"`
	Count  int            `json:"count"`
	Labels map[string]int `json:"labels,omitempty"` // for misses: gold technique -> count
}

// articleResult is what scoring one article produces.
type articleResult struct {
	perTech  []SpanScore
	overall  SpanScore
	fps      []fpFinding
	findings map[string]int // rule -> mapped findings
	misses   []missedLabel
	rules    ruleTally
	err      error
}

type fpFinding struct{ rule, technique, text string }

type missedLabel struct{ technique, text string }

// EvaluatePTC annotates every article with annotator (reading it as plain text), maps the
// findings to techniques with m, and scores them against the gold spans of the mapped
// techniques.
func EvaluatePTC(ctx context.Context, articles []*PTCArticle, annotator *annotate.Annotator, m *PTCMap) (*PTCReport, error) {
	return EvaluatePTCFindings(ctx, articles, annotator.Rubric(), m, annotator.Annotate)
}

// FindingsFunc gives the findings of a document: an annotator's Annotate, or findings from
// elsewhere (a language model's) given a rule each, whose id and category the map reads.
type FindingsFunc func(ctx context.Context, doc *prose.Document) ([]annotate.Finding, error)

// EvaluatePTCFindings is EvaluatePTC for findings from find, under rubric (for the report's
// rubric name and unmapped rules). find is called concurrently.
func EvaluatePTCFindings(ctx context.Context, articles []*PTCArticle, rubric *rubrics.Rubric, m *PTCMap, find FindingsFunc) (*PTCReport, error) {
	techs := m.TechniqueNames()
	techIndex := map[string]int{}
	for i, t := range techs {
		techIndex[t] = i
	}
	results := make([]articleResult, len(articles))
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(1, min(runtime.GOMAXPROCS(0), len(articles))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = scorePTCArticle(ctx, articles[i], find, m, techIndex)
			}
		}()
	}
	for i := range articles {
		next <- i
	}
	close(next)
	wg.Wait()

	rep := &PTCReport{Rubric: rubric.Name(), Map: m.Path(), Articles: len(articles), Unmapped: m.Unmapped(rubric)}
	rep.Techniques = make([]TechniqueScore, len(techs))
	for i, t := range techs {
		rep.Techniques[i].Technique = t
	}
	fpByRule := map[string]*RuleErrors{}
	fpTexts := map[string]map[string]int{}
	findings := map[string]int{}
	misses := map[string]*Wording{}
	rules := ruleTally{}
	for _, r := range results {
		if r.err != nil {
			return nil, r.err
		}
		rules.merge(r.rules)
		for i := range techs {
			rep.Techniques[i].Score.Merge(r.perTech[i])
		}
		rep.Overall.Merge(r.overall)
		for rule, n := range r.findings {
			findings[rule] += n
		}
		for _, fp := range r.fps {
			re := fpByRule[fp.rule]
			if re == nil {
				re = &RuleErrors{Rule: fp.rule, Technique: fp.technique}
				fpByRule[fp.rule] = re
				fpTexts[fp.rule] = map[string]int{}
			}
			re.Count++
			fpTexts[fp.rule][fp.text]++
		}
		for _, l := range r.misses {
			rep.Errors.MissCount++
			w := misses[l.text]
			if w == nil {
				w = &Wording{Text: l.text, Labels: map[string]int{}}
				misses[l.text] = w
			}
			w.Count++
			w.Labels[l.technique]++
		}
	}
	rep.Rules = rules.list(rubric, func(r *rubrics.Rule) bool { return m.Technique(r) != "" })
	for rule, re := range fpByRule {
		re.Findings = findings[rule]
		re.Texts = countedWordings(fpTexts[rule])
		rep.Errors.FalsePositives = append(rep.Errors.FalsePositives, *re)
	}
	sort.Slice(rep.Errors.FalsePositives, func(i, j int) bool {
		a, b := rep.Errors.FalsePositives[i], rep.Errors.FalsePositives[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Rule < b.Rule
	})
	for _, w := range misses {
		rep.Errors.Misses = append(rep.Errors.Misses, *w)
	}
	sortWordings(rep.Errors.Misses)
	return rep, nil
}

func scorePTCArticle(ctx context.Context, a *PTCArticle, find FindingsFunc, m *PTCMap, techIndex map[string]int) articleResult {
	res := articleResult{perTech: make([]SpanScore, len(techIndex)), findings: map[string]int{}, rules: ruleTally{}}
	doc, err := prose.Parse(a.Path, a.Source, prose.FormatText)
	if err != nil {
		res.err = err
		return res
	}
	fs, err := find(ctx, doc)
	if err != nil {
		res.err = fmt.Errorf("%s: %w", a.Path, err)
		return res
	}
	o := a.Offsets()
	predByTech := make([][]prose.Span, len(techIndex))
	goldByTech := make([][]prose.Span, len(techIndex))
	var pred, gold []prose.Span
	type mapped struct {
		f    *annotate.Finding
		tech string
	}
	var preds []mapped
	for i := range fs {
		f := &fs[i]
		t := m.Technique(f.Rule)
		if t == "" || f.Span.End <= f.Span.Start {
			continue
		}
		ti := techIndex[t]
		predByTech[ti] = append(predByTech[ti], f.Span)
		pred = append(pred, f.Span)
		preds = append(preds, mapped{f, t})
		res.findings[f.Rule.ID]++
	}
	var labels []PTCLabel
	for _, l := range a.Labels {
		ti, ok := techIndex[l.Technique]
		if !ok {
			continue
		}
		goldByTech[ti] = append(goldByTech[ti], l.Span)
		gold = append(gold, l.Span)
		labels = append(labels, l)
	}
	for i := range predByTech {
		res.perTech[i].Add(o, predByTech[i], goldByTech[i])
	}
	res.overall.Add(o, pred, gold)
	res.rules.addSpans(o, fs, gold)

	for _, p := range preds {
		if !overlapsAny(p.f.Span, gold) {
			res.fps = append(res.fps, fpFinding{p.f.Rule.ID, p.tech, wording(p.f.Text)})
		}
	}
	for _, l := range labels {
		if !overlapsAny(l.Span, pred) {
			res.misses = append(res.misses, missedLabel{l.Technique, wording(string(a.Source[l.Span.Start:l.Span.End]))})
		}
	}
	return res
}

func overlapsAny(s prose.Span, spans []prose.Span) bool {
	for _, t := range spans {
		if s.Overlaps(t) {
			return true
		}
	}
	return false
}

// wording lowercases s and collapses its white space, for grouping.
func wording(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.TrimPrefix(s, "\ufeff"))), " ")
}

func countedWordings(counts map[string]int) []Wording {
	ws := make([]Wording, 0, len(counts))
	for t, n := range counts {
		ws = append(ws, Wording{Text: t, Count: n})
	}
	sortWordings(ws)
	return ws
}

func sortWordings(ws []Wording) {
	sort.Slice(ws, func(i, j int) bool {
		if ws[i].Count != ws[j].Count {
			return ws[i].Count > ws[j].Count
		}
		return ws[i].Text < ws[j].Text
	})
}
