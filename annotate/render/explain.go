package render

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/slant-news/slant/rubrics"
)

// Explain writes what a learner needs to know about a rule: its message, category, severity
// and voice, where it is defined, its teaching text, the neutral alternatives it suggests,
// and examples it flags and passes. Paragraphs of the teaching text are wrapped at width
// characters; width 0 leaves them as written. `slant explain` prints it, and SARIF output
// uses it as each rule's help text.
func Explain(w io.Writer, rule *rubrics.Rule, width int) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n", rule.ID, RuleSummary(rule))
	fmt.Fprintf(&b, "  category  %s\n", rule.Category)
	sev := string(rule.Severity)
	if rule.QuotedSeverity != "" && rule.QuotedSeverity != rule.Severity {
		sev += fmt.Sprintf(" (%s inside quoted speech)", rule.QuotedSeverity)
	}
	fmt.Fprintf(&b, "  severity  %s\n", sev)
	fmt.Fprintf(&b, "  voice     %s\n", voiceText(rule.Voice))
	if p := rule.Position(); p.File != "" {
		fmt.Fprintf(&b, "  defined   %s\n", p)
	}
	b.WriteString("\n")
	for _, para := range paragraphs(rule.Explain) {
		b.WriteString(wrap(para, width, ""))
		b.WriteString("\n\n")
	}
	if len(rule.Suggest) > 0 {
		b.WriteString("Say instead:\n")
		terms := make([]string, 0, len(rule.Suggest))
		for t := range rule.Suggest {
			terms = append(terms, t)
		}
		sort.Strings(terms)
		for _, t := range terms {
			fmt.Fprintf(&b, "  %s → %s\n", t, rule.Suggest[t])
		}
		b.WriteString("\n")
	}
	examples := func(title string, list []string) {
		if len(list) == 0 {
			return
		}
		b.WriteString(title + "\n")
		for _, ex := range list {
			b.WriteString(wrap(ex, width, "  - "))
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	examples("Flagged, for example:", rule.Examples.Flag)
	examples("Not flagged:", rule.Examples.Pass)
	_, err := io.WriteString(w, strings.TrimRight(b.String(), "\n")+"\n")
	return err
}

// RuleSummary is a rule's message as a one-line description: "{match}" becomes "…".
func RuleSummary(rule *rubrics.Rule) string {
	return strings.ReplaceAll(rule.Message, "{match}", "…")
}

func voiceText(v rubrics.Voice) string {
	switch v {
	case rubrics.VoiceQuoted:
		return "quoted speech only"
	case rubrics.VoiceAny:
		return "the writer's own words and quoted speech"
	}
	return "the writer's own words (not quoted speech)"
}

// paragraphs splits text at blank lines and joins each paragraph's lines with spaces.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(strings.TrimSpace(text), "\r\n", "\n"), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// wrap breaks s into lines of at most width characters (words longer than that stand
// alone), the first line starting with lead and the others indented as far. Width 0 does not
// wrap.
func wrap(s string, width int, lead string) string {
	if width <= 0 {
		return lead + s
	}
	indent := strings.Repeat(" ", utf8.RuneCountInString(lead))
	var b strings.Builder
	b.WriteString(lead)
	n := utf8.RuneCountInString(lead)
	start := true
	for _, word := range strings.Fields(s) {
		wl := utf8.RuneCountInString(word)
		if !start && n+1+wl > width {
			b.WriteString("\n" + indent)
			n = len(indent)
			start = true
		}
		if !start {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += wl
		start = false
	}
	return b.String()
}
