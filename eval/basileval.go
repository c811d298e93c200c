package eval

import (
	"context"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// BASILReport is the result of scoring slant's loaded-wording findings on BASIL's lexical-bias
// spans. Informational-bias spans are not scored: they are clauses chosen to sway the reader,
// beyond word lists.
type BASILReport struct {
	Dir      string `json:"dir"`    // set by the caller, for the output
	Rubric   string `json:"rubric"` // the rubric's name
	Map      string `json:"map"`    // the loaded-wording map's path
	Articles int    `json:"articles"`
	// All scores every counted finding against every lexical span; Writer, the findings in
	// the writer's voice against the spans with quote "no"; Quoted, the findings in quoted
	// speech against the spans with quote "yes". The measure is PTC's partial-overlap span
	// measure (see SpanScore), lengths in code points.
	All    SpanScore      `json:"all"`
	Writer SpanScore      `json:"writer"`
	Quoted SpanScore      `json:"quoted"`
	Voice  VoiceAgreement `json:"voice_agreement"`
	// Rules is the precision of every rule that fired, against all lexical spans.
	Rules   []RulePrecision `json:"rules"`
	Counted []string        `json:"counted_rules"` // the rules the map counts

	// Errors lists what went wrong, for a rubric author (see BASILErrors).
	Errors BASILErrors `json:"-"`
}

// VoiceAgreement compares slant's voice with the annotators' quotation flag: of the counted
// findings that overlap a lexical span, how many are in the voice the span's flag gives
// (quote "yes": quoted speech; "no": the writer's voice). A finding that overlaps spans of
// both flags agrees with either.
type VoiceAgreement struct {
	Hits           int `json:"findings_on_lexical_spans"`
	Agree          int `json:"agree"`
	WriterOnQuoted int `json:"writer_voice_on_quoted_spans"`
	QuotedOnWriter int `json:"quoted_speech_on_writer_spans"`
}

// Rate is the share of findings on lexical spans whose voice agrees with the span's flag.
func (v VoiceAgreement) Rate() float64 { return ratio(float64(v.Agree), v.Hits) }

// BASILErrors gathers false positives and misses: a false positive is a counted finding that
// overlaps no lexical span; a miss is a lexical span that no counted finding overlaps, labelled
// "writer" or "quoted" by its quote flag.
type BASILErrors struct {
	FalsePositives []RuleErrors // most false positives first
	Misses         []Wording    // most frequent wording first
	MissCount      int          // lexical spans missed
}

// EvaluateBASIL annotates every article with annotator (reading it as plain text) and scores
// the findings m counts against the lexical-bias spans.
func EvaluateBASIL(ctx context.Context, articles []*BASILArticle, annotator *annotate.Annotator, m *LoadedMap) (*BASILReport, error) {
	rubric := annotator.Rubric()
	rep := &BASILReport{Rubric: rubric.Name(), Map: m.Path(), Articles: len(articles), Counted: m.Counted(rubric)}
	var (
		rules   = ruleTally{}
		fps     = errorTally{}
		misses  = map[string]*Wording{}
		results = make([]basilResult, len(articles))
	)
	err := annotateAll(ctx, len(articles), annotator, func(i int) (string, []byte) {
		return articles[i].Path, articles[i].Source
	}, func(i int, _ *prose.Document, fs []annotate.Finding) {
		results[i] = scoreBASILArticle(articles[i], fs, m)
	})
	if err != nil {
		return nil, err
	}
	// Summed in article order, so that the figures do not depend on the order in which the
	// articles were done (floating-point sums do).
	for _, r := range results {
		rules.merge(r.rules)
		rep.All.Merge(r.all)
		rep.Writer.Merge(r.writer)
		rep.Quoted.Merge(r.quoted)
		rep.Voice.Hits += r.voice.Hits
		rep.Voice.Agree += r.voice.Agree
		rep.Voice.WriterOnQuoted += r.voice.WriterOnQuoted
		rep.Voice.QuotedOnWriter += r.voice.QuotedOnWriter
		for _, fp := range r.fps {
			fps.add(fp.rule, fp.text, fp.technique)
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
	rep.Rules = rules.list(rubric, m.Counts)
	rep.Errors.FalsePositives = fps.list(rules)
	for _, w := range misses {
		rep.Errors.Misses = append(rep.Errors.Misses, *w)
	}
	sortWordings(rep.Errors.Misses)
	return rep, nil
}

type basilResult struct {
	all, writer, quoted SpanScore
	voice               VoiceAgreement
	rules               ruleTally
	fps                 []fpFinding   // technique: the finding's voice
	misses              []missedLabel // technique: "writer" or "quoted"
}

func scoreBASILArticle(a *BASILArticle, fs []annotate.Finding, m *LoadedMap) basilResult {
	res := basilResult{rules: ruleTally{}}
	o := a.Offsets()
	var gold, goldW, goldQ []prose.Span
	var lex []BASILSpan
	for _, s := range a.Spans {
		if !s.Lexical {
			continue
		}
		lex = append(lex, s)
		gold = append(gold, s.Span)
		if s.Quoted {
			goldQ = append(goldQ, s.Span)
		} else {
			goldW = append(goldW, s.Span)
		}
	}
	res.rules.addSpans(o, fs, gold)
	var pred, predW, predQ []prose.Span
	for i := range fs {
		f := &fs[i]
		if !m.Counts(f.Rule) || f.Span.End <= f.Span.Start {
			continue
		}
		pred = append(pred, f.Span)
		quoted := f.Voice == rubrics.VoiceQuoted
		if quoted {
			predQ = append(predQ, f.Span)
		} else {
			predW = append(predW, f.Span)
		}
		onQuoted, onWriter := false, false
		for _, s := range lex {
			if f.Span.Overlaps(s.Span) {
				onQuoted = onQuoted || s.Quoted
				onWriter = onWriter || !s.Quoted
			}
		}
		switch {
		case !onQuoted && !onWriter:
			res.fps = append(res.fps, fpFinding{rule: f.Rule.ID, technique: string(f.Voice), text: wording(f.Text)})
			continue
		case quoted && !onQuoted:
			res.voice.QuotedOnWriter++
		case !quoted && !onWriter:
			res.voice.WriterOnQuoted++
		default:
			res.voice.Agree++
		}
		res.voice.Hits++
	}
	res.all.Add(o, pred, gold)
	res.writer.Add(o, predW, goldW)
	res.quoted.Add(o, predQ, goldQ)
	for _, s := range lex {
		if !overlapsAny(s.Span, pred) {
			voice := "writer"
			if s.Quoted {
				voice = "quoted"
			}
			res.misses = append(res.misses, missedLabel{voice, wording(s.Text)})
		}
	}
	return res
}
