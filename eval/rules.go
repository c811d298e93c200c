package eval

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"sync"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// RulePrecision is the precision of one rule's findings on one corpus: how often what the
// rule flags is what the annotators marked. Every rule is scored, whether or not the
// corpus's map counts it; Counted says whether it does.
type RulePrecision struct {
	Rule     string `json:"rule"`
	Category string `json:"category"`
	// Severity is the rule's severity; "warning/info" when quoted speech gets another.
	Severity string `json:"severity"`
	Counted  bool   `json:"counted"`  // the map counts the rule's findings in the corpus measures
	Findings int    `json:"findings"` // the rule's findings
	Hits     int    `json:"hits"`     // findings that overlap a gold span (BABE: that cover a gold word)
	// Predicted is what precision divides by: the rule's spans after merging its own
	// overlaps (BABE: the words its findings cover, once a sentence); Correct is the
	// numerator: Σ|s∩t|/|s| over them (BABE: the covered words that are gold words).
	Predicted int     `json:"predicted"`
	Correct   float64 `json:"correct"`
	Precision float64 `json:"precision"`
}

// severityLabel is a rule's severity, with its quoted-speech severity when that differs.
func severityLabel(r *rubrics.Rule) string {
	if r.QuotedSeverity != "" && r.QuotedSeverity != r.Severity {
		return fmt.Sprintf("%s/%s", r.Severity, r.QuotedSeverity)
	}
	return string(r.Severity)
}

// ruleTally accumulates per-rule precision, keyed by rule id.
type ruleTally map[string]*RulePrecision

func (t ruleTally) get(id string) *RulePrecision {
	rp := t[id]
	if rp == nil {
		rp = &RulePrecision{Rule: id}
		t[id] = rp
	}
	return rp
}

// addSpans scores one article's findings, rule by rule, against its gold spans (merged).
// Lengths are in code points of the text o indexes.
func (t ruleTally) addSpans(o *Offsets, findings []annotate.Finding, gold []prose.Span) {
	T := prose.MergeOverlapping(gold)
	byRule := map[string][]prose.Span{}
	for i := range findings {
		f := &findings[i]
		if f.Span.End <= f.Span.Start {
			continue
		}
		rp := t.get(f.Rule.ID)
		rp.Findings++
		if overlapsAny(f.Span, T) {
			rp.Hits++
		}
		byRule[f.Rule.ID] = append(byRule[f.Rule.ID], f.Span)
	}
	for id, spans := range byRule {
		rp := t[id]
		for _, s := range prose.MergeOverlapping(spans) {
			rp.Predicted++
			ls := float64(o.Len(s))
			for _, g := range T {
				if s.Overlaps(g) {
					rp.Correct += float64(o.Len(intersection(s, g))) / ls
				}
			}
		}
	}
}

// merge adds another tally's counts into t.
func (t ruleTally) merge(other ruleTally) {
	for id, o := range other {
		rp := t.get(id)
		rp.Findings += o.Findings
		rp.Hits += o.Hits
		rp.Predicted += o.Predicted
		rp.Correct += o.Correct
	}
}

// list returns the tally in the rubric's order, with each rule's category, severity and
// whether counts says it counts; rules without findings are left out.
func (t ruleTally) list(r *rubrics.Rubric, counts func(*rubrics.Rule) bool) []RulePrecision {
	var out []RulePrecision
	for _, rule := range r.Rules {
		rp := t[rule.ID]
		if rp == nil || rp.Findings == 0 {
			continue
		}
		x := *rp
		x.Category, x.Severity, x.Counted = rule.Category, severityLabel(rule), counts(rule)
		x.Precision = ratio(x.Correct, x.Predicted)
		out = append(out, x)
	}
	return out
}

// annotateAll annotates n texts in parallel, text(i) giving the i-th's name and source, read
// as plain text, and calls done(i, findings) for each, from several goroutines at once. The
// first error stops it.
func annotateAll(parent context.Context, n int, annotator *annotate.Annotator, text func(i int) (string, []byte), done func(i int, doc *prose.Document, fs []annotate.Finding)) error {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	next := make(chan int)
	for range max(1, min(runtime.GOMAXPROCS(0), n)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				name, src := text(i)
				doc, err := prose.Parse(name, src, prose.FormatText)
				var fs []annotate.Finding
				if err == nil {
					fs, err = annotator.Annotate(ctx, doc)
					if err != nil {
						err = fmt.Errorf("%s: %w", name, err)
					}
				}
				if err != nil {
					once.Do(func() { firstErr = err; cancel() })
					continue
				}
				done(i, doc, fs)
			}
		}()
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return parent.Err()
}

// errorTally gathers false positives by rule, then wording, each wording with the labels it
// came with (a voice, a sentence's label).
type errorTally map[string]*ruleFalsePositives

type ruleFalsePositives struct {
	count int
	texts map[string]*Wording
}

func (t errorTally) add(rule, text, label string) {
	e := t[rule]
	if e == nil {
		e = &ruleFalsePositives{texts: map[string]*Wording{}}
		t[rule] = e
	}
	e.count++
	w := e.texts[text]
	if w == nil {
		w = &Wording{Text: text, Labels: map[string]int{}}
		e.texts[text] = w
	}
	w.Count++
	w.Labels[label]++
}

// list returns the false positives by rule, most first, with each rule's findings from rules.
func (t errorTally) list(rules ruleTally) []RuleErrors {
	var out []RuleErrors
	for rule, e := range t {
		re := RuleErrors{Rule: rule, Count: e.count}
		for _, w := range e.texts {
			re.Texts = append(re.Texts, *w)
		}
		sortWordings(re.Texts)
		if rp := rules[rule]; rp != nil {
			re.Findings = rp.Findings
		}
		out = append(out, re)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Rule < out[j].Rule
	})
	return out
}
