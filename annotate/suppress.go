package annotate

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/internal/near"
	"github.com/slant-news/slant/rubrics"
)

// Suppression comments switch findings off where an editor has reviewed them. They are HTML
// comments, so they do not show when Markdown is rendered, and they work the same in plain
// text:
//
//	<!-- slant-disable-next-line loaded.labels -->        the line after the comment
//	<!-- slant-disable-next-line loaded.labels, hedge.words -->
//	<!-- slant-disable framing.scare-quotes -->            from here ...
//	<!-- slant-enable framing.scare-quotes -->             ... to here (or the end)
//	<!-- slant-disable-file time.relative -->             the whole file
//
// With no rule named, a comment applies to every rule. Rules are separated by commas or
// spaces. A finding is suppressed by where it starts. In Markdown, comments inside code
// (spans, fenced and indented blocks) are text, not directives.
const (
	directiveNextLine = "slant-disable-next-line"
	directiveDisable  = "slant-disable"
	directiveEnable   = "slant-enable"
	directiveFile     = "slant-disable-file"
)

// directive is one suppression comment.
type directive struct {
	kind  string
	rules []string // none: every rule
	start int      // offset of "<!--"
	end   int      // offset just after "-->"
}

// Suppress splits findings into those kept and those switched off by suppression comments in
// doc's source. A comment naming a rule rubric does not have, or a "slant-" directive slant
// does not know, is an *InputError at its line and column. findings must be in the order
// Annotate returns them; both results keep that order.
func Suppress(doc *prose.Document, rubric *rubrics.Rubric, findings []Finding) (kept, suppressed []Finding, err error) {
	dirs, err := directives(doc, rubric)
	if err != nil || len(dirs) == 0 {
		return findings, nil, err
	}
	fileAll := false
	fileRules := map[string]bool{}
	nextLine := map[int][]directive{} // line a next-line directive applies to
	var blocks []directive
	for _, d := range dirs {
		switch d.kind {
		case directiveFile:
			if len(d.rules) == 0 {
				fileAll = true
			}
			for _, r := range d.rules {
				fileRules[r] = true
			}
		case directiveNextLine:
			line, _ := doc.LineColumn(d.end)
			nextLine[line+1] = append(nextLine[line+1], d)
		default:
			blocks = append(blocks, d)
		}
	}
	// Findings are ordered by start; blocks by position. Sweep both.
	state := blockState{off: map[string]bool{}, on: map[string]bool{}}
	next := 0
	for _, f := range findings {
		for next < len(blocks) && blocks[next].end <= f.Span.Start {
			state.apply(blocks[next])
			next++
		}
		id := f.Rule.ID
		off := fileAll || fileRules[id] || state.suppresses(id)
		if !off {
			line, _ := doc.LineColumn(f.Span.Start)
			for _, d := range nextLine[line] {
				if len(d.rules) == 0 || slices.Contains(d.rules, id) {
					off = true
				}
			}
		}
		if off {
			suppressed = append(suppressed, f)
		} else {
			kept = append(kept, f)
		}
	}
	return kept, suppressed, nil
}

// blockState is which rules are switched off at a point, after the disable and enable
// comments before it.
type blockState struct {
	all bool            // slant-disable with no rule is in force
	off map[string]bool // rules switched off by name
	on  map[string]bool // rules switched back on while all are off
}

func (s *blockState) apply(d directive) {
	switch {
	case d.kind == directiveDisable && len(d.rules) == 0:
		s.all = true
		clear(s.on)
	case d.kind == directiveEnable && len(d.rules) == 0:
		s.all = false
		clear(s.off)
		clear(s.on)
	case d.kind == directiveDisable:
		for _, r := range d.rules {
			s.off[r] = true
			delete(s.on, r)
		}
	default: // enable some
		for _, r := range d.rules {
			delete(s.off, r)
			if s.all {
				s.on[r] = true
			}
		}
	}
}

func (s *blockState) suppresses(id string) bool {
	return s.off[id] || (s.all && !s.on[id])
}

var (
	commentOpen  = []byte("<!--")
	commentClose = []byte("-->")
	slantPrefix  = []byte("slant-")
)

// directives finds the suppression comments of doc, in source order, and checks them.
func directives(doc *prose.Document, rubric *rubrics.Rubric) ([]directive, error) {
	src := doc.Source
	if !bytes.Contains(src, slantPrefix) {
		return nil, nil
	}
	var code []prose.Span
	if doc.Format == prose.FormatMarkdown {
		code = prose.MarkdownCode(src)
	}
	var dirs []directive
	for pos := 0; ; {
		i := bytes.Index(src[pos:], commentOpen)
		if i < 0 {
			break
		}
		start := pos + i
		j := bytes.Index(src[start+len(commentOpen):], commentClose)
		if j < 0 {
			break
		}
		bodyStart := start + len(commentOpen)
		end := bodyStart + j + len(commentClose)
		pos = end
		if offsetIn(code, start) {
			continue
		}
		d, ok, err := parseDirective(doc, rubric, bodyStart, bodyStart+j)
		if err != nil {
			return nil, err
		}
		if ok {
			d.start, d.end = start, end
			dirs = append(dirs, d)
		}
	}
	return dirs, nil
}

// parseDirective reads the comment body src[from:to]. It reports false for a comment that is
// not a directive; one that starts like a directive ("slant-disable-line") but is none is an
// error, so that a misspelt suppression does not silently suppress nothing.
func parseDirective(doc *prose.Document, rubric *rubrics.Rubric, from, to int) (directive, bool, error) {
	body := doc.Source[from:to]
	lead := len(body) - len(bytes.TrimLeft(body, " \t\r\n"))
	body = body[lead:]
	if !bytes.HasPrefix(body, slantPrefix) {
		return directive{}, false, nil
	}
	at := func(off int, format string, args ...any) error {
		line, col := doc.LineColumn(off)
		return &prose.InputError{Name: doc.Name, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
	}
	nameEnd := bytes.IndexAny(body, " \t\r\n")
	if nameEnd < 0 {
		nameEnd = len(body)
	}
	d := directive{kind: string(body[:nameEnd])}
	switch {
	case d.kind == directiveNextLine, d.kind == directiveDisable, d.kind == directiveEnable, d.kind == directiveFile:
	case !strings.HasPrefix(d.kind, directiveDisable) && !strings.HasPrefix(d.kind, directiveEnable):
		return d, false, nil // some other comment that happens to start with "slant-"
	default:
		return d, false, at(from+lead, "unknown directive %q (want %s, %s, %s or %s)",
			d.kind, directiveNextLine, directiveDisable, directiveEnable, directiveFile)
	}
	// The rules: words separated by commas and white space.
	rest := from + lead + nameEnd
	for i := rest; i < to; {
		c := doc.Source[i]
		if c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			i++
			continue
		}
		j := i
		for j < to && !strings.ContainsRune(", \t\r\n", rune(doc.Source[j])) {
			j++
		}
		id := string(doc.Source[i:j])
		if rubric.Rule(id) == nil {
			msg := fmt.Sprintf("%s: unknown rule %q", d.kind, id)
			if ids := near.Strings(ruleIDs(rubric), id); len(ids) > 0 {
				msg += fmt.Sprintf(" (did you mean %q?)", ids[0])
			}
			return d, false, at(i, "%s", msg)
		}
		d.rules = append(d.rules, id)
		i = j
	}
	return d, true, nil
}

func ruleIDs(r *rubrics.Rubric) []string {
	ids := make([]string, len(r.Rules))
	for i, rule := range r.Rules {
		ids[i] = rule.ID
	}
	return ids
}

// offsetIn reports whether off lies in one of spans (sorted by start).
func offsetIn(spans []prose.Span, off int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > off })
	return i < len(spans) && spans[i].Start <= off
}
