package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/annotate/secondopinion"
	"github.com/slant-news/slant/eval"
	"github.com/slant-news/slant/rubrics"
)

// `slant eval ptc|polnear --second-opinion` scores what a language model adds: the rules
// alone, the model alone (its own findings, from a reading that never sees the rules'), and
// both together, side by side. The model is asked for its reading only (no verdicts, which
// score nothing here), one article at a time, within --max-requests.

// evalSetup is setup for slant eval, which reads no .slant.toml and shows no prompt.
func (f *secondOpinionFlags) evalSetup(rubric *rubrics.Rubric) (*secondOpinion, error) {
	if f.ShowPrompt {
		return nil, errors.New("slant eval has no --show-prompt: use slant annotate --show-prompt on an article")
	}
	so, err := f.setup(nil, rubric)
	if err == nil {
		err = f.orphanError(so)
	}
	return so, err
}

// modelReadings asks the model for its reading of each document, in order, and returns its
// findings by document name, with the review's totals. A failure is a warning: what was
// answered is scored.
func modelReadings(env *environment, so *secondOpinion, docs []*prose.Document) (map[string][]render.ModelFinding, *evalSecondOpinion) {
	out := map[string][]render.ModelFinding{}
	sum := &evalSecondOpinion{Model: first(so.cfg.Model, secondopinion.DefaultModel), Articles: len(docs)}
	for _, doc := range docs {
		res, err := so.review(doc, nil, nil)
		if err != nil {
			sum.Failed++
			if sum.Failed <= 3 {
				fmt.Fprintf(env.stderr, "slant: warning: %s\n", secondOpinionWarning(doc.Name, err))
			}
		}
		sum.Host = res.Host
		st := res.Stats
		sum.Requests += st.Requests
		sum.PromptTokens += st.PromptTokens
		sum.CompletionTokens += st.CompletionTokens
		sum.CacheHits += st.CacheHits
		sum.Dropped += st.Dropped
		sum.Findings += len(res.Findings)
		out[doc.Name] = res.Findings
	}
	if sum.Failed > 3 {
		fmt.Fprintf(env.stderr, "slant: warning: the second opinion failed on %d of %d articles in all\n", sum.Failed, len(docs))
	}
	return out, sum
}

// evalSecondOpinion sums up the model's readings of a corpus.
type evalSecondOpinion struct {
	Model            string `json:"model"`
	Host             string `json:"host"`
	Articles         int    `json:"articles"`
	Failed           int    `json:"articles_failed"` // articles with a question left unanswered
	Findings         int    `json:"findings"`
	Requests         int    `json:"requests"`
	PromptTokens     int    `json:"prompt_tokens"`
	CompletionTokens int    `json:"completion_tokens"`
	CacheHits        int    `json:"cache_hits"`
	Dropped          int    `json:"dropped"`
}

// modelRules gives each category the rule the model's findings in it are scored as: the
// category's first rule that the map maps to a technique (so that they count as the rubric's
// own findings in that category do), else its first rule.
func modelRules(r *rubrics.Rubric, m *eval.PTCMap) map[string]*rubrics.Rule {
	out := map[string]*rubrics.Rule{}
	for _, rule := range r.Rules {
		if cur, ok := out[rule.Category]; !ok || (m.Technique(cur) == "" && m.Technique(rule) != "") {
			out[rule.Category] = rule
		}
	}
	return out
}

// ptcSideBySide scores the rules, the model and both on the PTC articles.
func ptcSideBySide(ctx context.Context, env *environment, so *secondOpinion, articles []*eval.PTCArticle, annotator *annotate.Annotator, m *eval.PTCMap, rules *eval.PTCReport) (evalReport, error) {
	docs := make([]*prose.Document, len(articles))
	for i, a := range articles {
		doc, err := prose.Parse(a.Path, a.Source, prose.FormatText)
		if err != nil {
			return nil, err
		}
		docs[i] = doc
	}
	readings, sum := modelReadings(env, so, docs)
	byCat := modelRules(annotator.Rubric(), m)
	modelFindings := func(doc *prose.Document) []annotate.Finding {
		var fs []annotate.Finding
		for _, f := range readings[doc.Name] {
			rule := byCat[f.Category]
			if rule == nil {
				continue
			}
			fs = append(fs, annotate.Finding{Rule: rule, Severity: rubrics.Info, Voice: f.Voice, Message: f.Reason, Span: f.Span, Pieces: f.Pieces, Text: f.Text})
		}
		return fs
	}
	model, err := eval.EvaluatePTCFindings(ctx, articles, annotator.Rubric(), m, func(_ context.Context, doc *prose.Document) ([]annotate.Finding, error) {
		return modelFindings(doc), nil
	})
	if err != nil {
		return nil, err
	}
	both, err := eval.EvaluatePTCFindings(ctx, articles, annotator.Rubric(), m, func(ctx context.Context, doc *prose.Document) ([]annotate.Finding, error) {
		fs, err := annotator.Annotate(ctx, doc)
		return append(fs, modelFindings(doc)...), err
	})
	if err != nil {
		return nil, err
	}
	model.Dir, both.Dir = rules.Dir, rules.Dir
	model.Rubric = fmt.Sprintf("second opinion (model %s), in the categories of %s; scored as each category's first mapped rule", sum.Model, rules.Rubric)
	both.Rubric = rules.Rubric + " and the second opinion"
	return &sideBySide{reports: []evalReport{rules, model, both}, sum: sum}, nil
}

// polnearSideBySide scores the rules' attributions, the model's and both on PolNeAR. The
// model's relations are its findings that name a speaker found in the text: the speaker's
// mention as the source, the quoted words as the content, and no cue.
func polnearSideBySide(env *environment, so *secondOpinion, articles []*eval.PolNeARArticle, annotator *annotate.Annotator, rules *eval.PolNeARReport) (evalReport, error) {
	docs := make([]*prose.Document, len(articles))
	for i, a := range articles {
		doc, err := prose.Parse(a.Path, a.Source, prose.FormatText)
		if err != nil {
			return nil, err
		}
		docs[i] = doc
	}
	readings, sum := modelReadings(env, so, docs)
	modelRelations := func(doc *prose.Document) []eval.Relation {
		var out []eval.Relation
		for _, f := range readings[doc.Name] {
			if f.SpeakerSpan.Len() > 0 {
				out = append(out, eval.Relation{Source: f.SpeakerSpan, Content: f.Span})
			}
		}
		return out
	}
	model, err := eval.EvaluatePolNeAR(articles, eval.AttributorFunc(modelRelations))
	if err != nil {
		return nil, err
	}
	slant := eval.Provenance(annotator)
	both, err := eval.EvaluatePolNeAR(articles, eval.AttributorFunc(func(doc *prose.Document) []eval.Relation {
		rels := slant.Attributions(doc)
		// The model's relations that the rules' do not already hold.
		for _, r := range modelRelations(doc) {
			dup := false
			for _, s := range rels {
				if s.Content.Overlaps(r.Content) || s.Cue.Overlaps(r.Content) {
					dup = true
					break
				}
			}
			if !dup {
				rels = append(rels, r)
			}
		}
		return rels
	}))
	if err != nil {
		return nil, err
	}
	model.Dir, both.Dir = rules.Dir, rules.Dir
	model.Attributor = fmt.Sprintf("second opinion (model %s): findings that name a speaker", sum.Model)
	both.Attributor = rules.Attributor + ", and the second opinion's"
	return &sideBySide{reports: []evalReport{rules, model, both}, sum: sum}, nil
}

// sideBySide is an eval's three reports: rules alone, model alone, both.
type sideBySide struct {
	reports []evalReport
	sum     *evalSecondOpinion
}

var sideBySideNames = []string{"rules alone", "model alone", "rules and model"}

func (s *sideBySide) WriteText(w io.Writer) error {
	for i, r := range s.reports {
		fmt.Fprintf(w, "== %s ==\n\n", sideBySideNames[i])
		if err := r.WriteText(w); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	sum := s.sum
	n := func(k int, one, many string) string { return fmt.Sprintf("%d %s", k, pluralWord(k, one, many)) }
	_, err := fmt.Fprintf(w, "Second opinion: model %s at %s, %s (%d with a question unanswered): %s of its own, %s (%s cached), %d+%d tokens, %s dropped.\n",
		sum.Model, sum.Host, n(sum.Articles, "article", "articles"), sum.Failed, n(sum.Findings, "finding", "findings"),
		n(sum.Requests, "request", "requests"), n(sum.CacheHits, "answer", "answers"), sum.PromptTokens, sum.CompletionTokens, n(sum.Dropped, "answer", "answers"))
	return err
}

func (s *sideBySide) WriteErrors(w io.Writer, limit int) error {
	for i, r := range s.reports {
		fmt.Fprintf(w, "\n== errors: %s ==\n", sideBySideNames[i])
		if err := r.WriteErrors(w, limit); err != nil {
			return err
		}
	}
	return nil
}

func (s *sideBySide) WriteJSON(w io.Writer, explainErrors bool, limit int) error {
	var parts [3]json.RawMessage
	for i, r := range s.reports {
		var buf bytes.Buffer
		if err := r.WriteJSON(&buf, explainErrors, limit); err != nil {
			return err
		}
		parts[i] = buf.Bytes()
	}
	b, err := json.MarshalIndent(struct {
		Rules         json.RawMessage    `json:"rules"`
		Model         json.RawMessage    `json:"model"`
		Both          json.RawMessage    `json:"both"`
		SecondOpinion *evalSecondOpinion `json:"second_opinion"`
	}{parts[0], parts[1], parts[2], s.sum}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
