package render_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// randomReport makes a report whose every JSON field is set with a value drawn from seed:
// a document of random prose in a random format and name, findings of random rules, spans,
// severities, voices, messages and suggestions, the document's real provenance with its
// sources' and attributions' words replaced by random ones, and suppressed findings. The
// hand-written JSON writer must write what encoding/json writes for any of them, so that
// nobody has to keep the two in step by hand (issue 12).
func randomReport(t testing.TB, r *rubrics.Rubric, a *annotate.Annotator, seed uint64) render.Report {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	words := append([]string{"the", "mayor", "said", "critics", "say", "so-called", `"rescue"`,
		"officials", "told", "reporters", "regime", "\u201cwe will stay,\u201d", "Hale", "according", "to",
		"sources", "it", "is", "believed", "last", "week", ".", "\n", "\n\n"}, jsonTrickyStrings...)
	var text strings.Builder
	for range 20 + rng.IntN(80) {
		w := pick(words)
		if !utf8.ValidString(w) || strings.ContainsRune(w, 0) {
			continue
		}
		text.WriteString(w + " ")
	}
	format := []prose.Format{prose.FormatText, prose.FormatMarkdown, prose.FormatHTML}[rng.IntN(3)]
	doc, err := prose.Parse(pick(jsonTrickyStrings)+".txt", []byte(text.String()), format)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := a.Annotate(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	// Random findings besides the engine's: any rule, span, severity, voice and wording.
	src := doc.Source
	for range rng.IntN(6) {
		start := rng.IntN(len(src) + 1)
		end := start + rng.IntN(len(src)-start+1)
		for start > 0 && start < len(src) && !utf8.RuneStart(src[start]) {
			start--
		}
		for end < len(src) && !utf8.RuneStart(src[end]) {
			end++
		}
		f := annotate.Finding{
			Rule:     r.Rules[rng.IntN(len(r.Rules))],
			Severity: []rubrics.Severity{rubrics.Info, rubrics.Warning, rubrics.Error}[rng.IntN(3)],
			Voice:    []rubrics.Voice{rubrics.VoiceWriter, rubrics.VoiceQuoted}[rng.IntN(2)],
			Message:  pick(jsonTrickyStrings), Span: prose.Span{Start: start, End: end}, Text: string(src[start:end]),
		}
		if rng.IntN(2) == 0 {
			f.Suggestion = pick(jsonTrickyStrings)
		}
		findings = append(findings, f)
	}
	var kept, off []annotate.Finding
	for _, f := range findings {
		if rng.IntN(4) == 0 {
			off = append(off, f)
		} else {
			kept = append(kept, f)
		}
	}
	prov := a.Provenance(doc)
	for _, s := range prov.Sources {
		s.Name, s.Role = pick(jsonTrickyStrings), pick(jsonTrickyStrings)
		s.Verbs = append(s.Verbs, pick(jsonTrickyStrings))
		s.Venues = append(s.Venues, pick(jsonTrickyStrings))
	}
	for i := range prov.Attributions {
		prov.Attributions[i].Verb = pick(jsonTrickyStrings)
		prov.Attributions[i].Venue = pick(jsonTrickyStrings)
	}
	rep := render.Report{Doc: doc, Findings: kept, Suppressed: off}
	if rng.IntN(4) > 0 {
		rep.Provenance = prov
	}
	if rng.IntN(2) == 0 { // the article's own metadata, its text and dates tricky
		published, err := metadata.ParsePublished(fmt.Sprintf("20%02d-%02d-%02d", 10+rng.IntN(20), 1+rng.IntN(12), 1+rng.IntN(28)))
		if err != nil {
			t.Fatal(err)
		}
		m, _ := metadata.Read(doc, metadata.Options{Published: published})
		m.Headline, m.Outlet = pick(jsonTrickyStrings), pick(jsonTrickyStrings)
		m.Authors = []string{pick(jsonTrickyStrings)}
		rep.Metadata = m
	}
	return rep
}

// TestJSONRandomReports checks the hand-written JSON against encoding/json's for a thousand
// random reports, alone and four at a time.
func TestJSONRandomReports(t *testing.T) {
	r, a := load(t)
	for seed := range uint64(1000) {
		rep := randomReport(t, r, a, seed)
		requireSameJSON(t, r, []render.Report{rep}, fmt.Sprintf("seed %d", seed))
	}
	var reps []render.Report
	for seed := range uint64(4) {
		reps = append(reps, randomReport(t, r, a, 1000+seed))
	}
	requireSameJSON(t, r, reps, "four reports")
}

// FuzzJSONRandomReports is TestJSONRandomReports with the fuzzer's seeds.
func FuzzJSONRandomReports(f *testing.F) {
	f.Add(uint64(1))
	r, a := load(f)
	f.Fuzz(func(t *testing.T, seed uint64) {
		requireSameJSON(t, r, []render.Report{randomReport(t, r, a, seed)}, fmt.Sprintf("seed %d", seed))
	})
}
