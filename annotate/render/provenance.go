package render

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/slant-news/slant/annotate/provenance"
)

// kindLabel names a source kind for readers.
func kindLabel(k provenance.SourceKind) string {
	switch k {
	case provenance.SourcePerson:
		return "named person"
	case provenance.SourceOrganisation:
		return "named organisation"
	case provenance.SourceAnonymous:
		return "anonymous"
	case provenance.SourceVague:
		return "vague or collective"
	}
	return string(k)
}

// writeProvenance writes the Sources table and the provenance summary.
func writeProvenance(w *bufio.Writer, rep Report, prefix string) {
	p := rep.Provenance
	if p == nil {
		return
	}
	c := p.Count(rep.Doc)
	w.WriteString("### Provenance\n\n")
	share := 0
	if c.ClaimSentences > 0 {
		share = 100 * c.AttributedSentences / c.ClaimSentences
	}
	fmt.Fprintf(w, "Of %d %s in the writer's voice, %d (%d%%) report what a source said or thought. ",
		c.ClaimSentences, plural(c.ClaimSentences, "sentence", "sentences"), c.AttributedSentences, share)
	fmt.Fprintf(w, "Sources: %d named, %d anonymous, %d vague or collective", c.Named, c.Anonymous, c.Vague)
	if c.Unsourced > 0 {
		fmt.Fprintf(w, "; %d %s with no source at all", c.Unsourced, plural(c.Unsourced, "statement", "statements"))
	}
	fmt.Fprintf(w, ". Verbs of saying: %d neutral, %d loaded, %d of belief or intention.\n\n", c.NeutralVerbs, c.LoadedVerbs, c.BeliefVerbs)
	if len(p.Sources) == 0 {
		return
	}
	w.WriteString("| | Source | Type | Role | Verbs | Statements | First speaks |\n|---|---|---|---|---|---:|---|\n")
	for _, s := range p.Sources {
		line, _ := rep.Doc.LineColumn(s.First.Start)
		anchor := strings.TrimSuffix(prefix, "-") + "-source-" + fmt.Sprint(s.ID)
		fmt.Fprintf(w, "| S%d | %s | %s | %s | %s | %d | [line %d](#%s) |\n",
			s.ID, escapeInline(s.Name), kindLabel(s.Kind), escapeInline(s.Role), escapeInline(strings.Join(s.Verbs, ", ")), s.Statements, line, anchor)
	}
	w.WriteString("\n")
}

// writeSourceFootnotes writes one footnote per source, referenced after each of its cues.
func writeSourceFootnotes(w *bufio.Writer, rep Report, l labels) {
	if rep.Provenance == nil {
		return
	}
	for _, s := range rep.Provenance.Sources {
		fmt.Fprintf(w, "%s **Source S%d: %s**, %s", l.note(0, s), s.ID, escapeInline(s.Name), kindLabel(s.Kind))
		if s.Role != "" {
			fmt.Fprintf(w, ", %s", escapeInline(s.Role))
		}
		fmt.Fprintf(w, ". %d %s", s.Statements, plural(s.Statements, "statement", "statements"))
		if len(s.Verbs) > 0 { // none when it only speaks in a transcript ("RUIZ: ...")
			fmt.Fprintf(w, "; %s: %s", plural(len(s.Verbs), "verb", "verbs"), escapeInline(strings.Join(s.Verbs, ", ")))
		}
		if len(s.Venues) > 0 {
			fmt.Fprintf(w, "; speaking to or in: %s", escapeInline(strings.Join(s.Venues, ", ")))
		}
		w.WriteString(".\n\n")
	}
}
