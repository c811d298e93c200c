package eval

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/slant-news/slant/annotate/prose"
)

// PolNeARArticle is one article of PolNeAR with its gold attribution relations.
type PolNeARArticle struct {
	Name string // the file name without extension
	ArticleText
	Relations []GoldRelation
}

// GoldRelation is one annotated attribution. Each part is a list of byte spans, because brat
// spans may be discontinuous; Source is empty when the relation has none.
type GoldRelation struct {
	ID      string // the E line's id: "E4"
	Line    int    // line of the E line in the .ann file
	Type    string // "Attribution" or "Attribution-no-source"
	Source  []prose.Span
	Cue     []prose.Span
	Content []prose.Span
}

// HasSource reports whether the relation names its source.
func (g *GoldRelation) HasSource() bool { return len(g.Source) > 0 }

// LoadPolNeAR reads a PolNeAR directory: DIR/text/NAME.txt and DIR/attributions/NAME.ann.
// A missing file of a pair is an error. Lines of the .ann files that cannot be used (a
// malformed T or E line, a reference to an unknown T, an offset outside the text, a T text
// that differs from the article at its offsets, a relation with neither cue nor content) are
// skipped and reported as warnings naming file:line. Articles come back in name order.
func LoadPolNeAR(dir string) (arts []*PolNeARArticle, warnings []string, err error) {
	txts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return nil, nil, err
	}
	if len(txts) == 0 {
		return nil, nil, fmt.Errorf("%s: no articles (want %s)", dir, filepath.Join(dir, "text", "NAME.txt"))
	}
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, nil, err
	}
	annByName := map[string]string{}
	for _, a := range anns {
		annByName[strings.TrimSuffix(filepath.Base(a), ".ann")] = a
	}
	for _, path := range txts {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		ann, ok := annByName[name]
		if !ok {
			return nil, nil, fmt.Errorf("%s: no attributions file %s", path, filepath.Join(dir, "attributions", name+".ann"))
		}
		delete(annByName, name)
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, err
		}
		data, err := os.ReadFile(ann)
		if err != nil {
			return nil, nil, err
		}
		a := &PolNeARArticle{Name: name, ArticleText: ArticleText{Path: path, Source: src}}
		var w []string
		a.Relations, w = ParseBrat(ann, data, src, a.Offsets())
		warnings = append(warnings, w...)
		arts = append(arts, a)
	}
	if left := slices.Sorted(maps.Keys(annByName)); len(left) > 0 {
		return nil, nil, fmt.Errorf("%s: no text file %s", annByName[left[0]], filepath.Join(dir, "text", left[0]+".txt"))
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].Name < arts[j].Name })
	return arts, warnings, nil
}

// bratSpan is one T line.
type bratSpan struct {
	label string
	spans []prose.Span
	line  int
}

// ParseBrat reads the attribution relations of a brat standoff file (path names it in
// warnings) over the text src indexed by o. It understands
//
//	T<n>\tLABEL START END[;START END...]\tTEXT     a span, offsets in code points
//	E<n>\tTYPE:T<a> ROLE:T<b> ...                    an event: Source, Cue, Content roles
//
// where TYPE starts with "Attribution" and a role named Content2 (or Source2, ...) adds to
// its part. A relation without a Cue role takes its trigger span (the TYPE's T) as the cue,
// which is how PolNeAR marks it. Other brat lines (A, R, N, #...) are ignored; anything it
// cannot use is skipped with a warning.
func ParseBrat(path string, data, src []byte, o *Offsets) ([]GoldRelation, []string) {
	type warning struct {
		line int
		msg  string
	}
	var warns []warning
	warn := func(line int, format string, args ...any) {
		warns = append(warns, warning{line, fmt.Sprintf("%s:%d: %s", path, line, fmt.Sprintf(format, args...))})
	}
	ts := map[string]*bratSpan{}
	type event struct {
		id, args string
		line     int
	}
	var events []event
	for i, raw := range bytes.Split(data, []byte("\n")) {
		ln := i + 1
		line := strings.TrimRight(string(raw), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		switch line[0] {
		case 'T':
			if len(f) < 2 {
				warn(ln, "malformed span line (want T<n>, TAB, LABEL START END, TAB, TEXT)")
				continue
			}
			t, err := parseBratSpan(f[1], o)
			if err != nil {
				warn(ln, "%s: %v", f[0], err)
				continue
			}
			t.line = ln
			if len(f) == 3 && !sameText(f[2], src, t.spans) {
				warn(ln, "%s: text %q differs from the article's %q at its offsets", f[0], clip(f[2], 40), clip(joinSpans(src, t.spans), 40))
				continue
			}
			if _, dup := ts[f[0]]; dup {
				warn(ln, "duplicate id %s", f[0])
				continue
			}
			ts[f[0]] = &t
		case 'E':
			if len(f) < 2 {
				warn(ln, "malformed event line (want E<n>, TAB, TYPE:T<n> ROLE:T<n> ...)")
				continue
			}
			events = append(events, event{f[0], f[1], ln})
		}
	}
	var rels []GoldRelation
	for _, e := range events {
		g, err := bratRelation(e.args, ts)
		if err != nil {
			warn(e.line, "%s: %v; relation skipped", e.id, err)
			continue
		}
		g.ID, g.Line = e.id, e.line
		rels = append(rels, g)
	}
	sort.SliceStable(warns, func(i, j int) bool { return warns[i].line < warns[j].line })
	warnings := make([]string, len(warns))
	for i, w := range warns {
		warnings[i] = w.msg
	}
	return rels, warnings
}

func parseBratSpan(s string, o *Offsets) (bratSpan, error) {
	label, rest, ok := strings.Cut(s, " ")
	if !ok || label == "" {
		return bratSpan{}, fmt.Errorf("want LABEL START END, found %q", s)
	}
	t := bratSpan{label: label}
	for _, frag := range strings.Split(rest, ";") {
		f := strings.Fields(frag)
		if len(f) != 2 {
			return bratSpan{}, fmt.Errorf("span %q: want START END", frag)
		}
		start, err1 := strconv.Atoi(f[0])
		end, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil || start < 0 || end <= start {
			return bratSpan{}, fmt.Errorf("span %q: want integers 0 <= START < END", frag)
		}
		sp, ok := o.Span(start, end)
		if !ok {
			return bratSpan{}, fmt.Errorf("span %d-%d is outside the text (%d characters)", start, end, o.Runes())
		}
		t.spans = append(t.spans, sp)
	}
	return t, nil
}

func bratRelation(args string, ts map[string]*bratSpan) (GoldRelation, error) {
	var g GoldRelation
	var trigger []prose.Span
	for i, arg := range strings.Fields(args) {
		role, id, ok := strings.Cut(arg, ":")
		if !ok {
			return g, fmt.Errorf("argument %q: want ROLE:T<n>", arg)
		}
		t, ok := ts[id]
		if !ok {
			return g, fmt.Errorf("argument %q: no span %s", arg, id)
		}
		if i == 0 {
			if !strings.HasPrefix(role, "Attribution") {
				return g, fmt.Errorf("type %q is not an attribution", role)
			}
			g.Type = role
			trigger = t.spans
			continue
		}
		switch strings.TrimRight(role, "0123456789") {
		case "Source":
			g.Source = append(g.Source, t.spans...)
		case "Cue":
			g.Cue = append(g.Cue, t.spans...)
		case "Content":
			g.Content = append(g.Content, t.spans...)
		default:
			return g, fmt.Errorf("unknown role %q", role)
		}
	}
	if g.Type == "" {
		return g, fmt.Errorf("no TYPE:T<n>")
	}
	if len(g.Cue) == 0 && len(g.Content) == 0 {
		return g, fmt.Errorf("no Cue and no Content")
	}
	if len(g.Cue) == 0 {
		g.Cue = trigger
	}
	return g, nil
}

// sameText compares a T line's text with the article's text at its spans, white space
// collapsed (brat joins the fragments of a discontinuous span with a space).
func sameText(text string, src []byte, spans []prose.Span) bool {
	return strings.Join(strings.Fields(text), " ") == strings.Join(strings.Fields(joinSpans(src, spans)), " ")
}

func joinSpans(src []byte, spans []prose.Span) string {
	parts := make([]string, len(spans))
	for i, s := range spans {
		parts[i] = string(src[s.Start:s.End])
	}
	return strings.Join(parts, " ")
}

// clip shortens s to at most n runes, with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
