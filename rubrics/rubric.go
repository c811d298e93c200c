// Package rubrics defines slant's rubric format, loads rubric files strictly and composes them,
// and embeds the default rubric.
//
// A rubric is data, not code: a TOML file naming rules, each of which picks a kind (how it
// finds its spans) and configures it. The kinds are implemented in package annotate, which
// registers each, with the fields that configure it and their checks, by RegisterKind; this
// package decodes and checks the fields every rule has, and a rule's kind-specific fields
// through its kind's KindSpec. Kinds lists the kinds registered. A program that reads
// rubrics, the default one included, therefore imports annotate, if only for its kinds:
//
//	import _ "github.com/slant-news/slant/annotate" // registers the rule kinds
package rubrics

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/slant-news/slant/internal/tomlpos"
)

// Severity is how serious a finding is.
type Severity string

// The severities, from least to most serious.
const (
	Info    Severity = "info"
	Warning Severity = "warning"
	Error   Severity = "error"
)

// Rank orders severities: info < warning < error. Unknown severities rank 0.
func (s Severity) Rank() int {
	switch s {
	case Info:
		return 1
	case Warning:
		return 2
	case Error:
		return 3
	}
	return 0
}

// Voice says whose words a span is in: the writer's own, or a speaker's inside a quotation.
type Voice string

// The voices a rule can apply to.
const (
	VoiceWriter Voice = "writer" // the writer's own words
	VoiceQuoted Voice = "quoted" // words inside quoted speech
	VoiceAny    Voice = "any"    // both
)

// Examples are texts a rule must flag and texts it must pass. The test suite runs every rule of
// every shipped rubric against its own examples, and `slant rubrics lint` does the same for
// user rubrics.
type Examples struct {
	Flag []string `toml:"flag"`
	Pass []string `toml:"pass"`
}

// Rule is one check of a rubric.
type Rule struct {
	ID       string   `toml:"id"`       // dotted lowercase name, unique in a rubric: "framing.scare-quotes"
	Category string   `toml:"category"` // a grouping for summaries: "loaded-language"
	Severity Severity `toml:"severity"`
	// QuotedSeverity, when set, replaces Severity for matches inside quoted speech: a loaded
	// word in a speaker's mouth is reported, but as the speaker's choice, not the writer's.
	QuotedSeverity Severity          `toml:"quoted_severity"`
	Voice          Voice             `toml:"voice"` // which voice the rule applies to; default writer
	Kind           Kind              `toml:"kind"`
	Message        string            `toml:"message"` // one line; "{match}" is replaced by the matched text
	Explain        string            `toml:"explain"` // for a learner: what this is, why it matters, what a neutral writer does
	Suggest        map[string]string `toml:"suggest"` // term -> neutral alternative
	Exceptions     []string          `toml:"exceptions"`
	Examples       Examples          `toml:"examples"`

	// Options are the fields of the rule's kind, as decoded and checked: a pointer to the
	// options struct of the kind's KindSpec, which the kind's implementation reads.
	Options any `toml:"-"`

	// Where the rule is defined: the key path of its id in the index of its file, looked up
	// when asked for (Position), since the index is built only then.
	posIndex *tomlpos.Index
	posPath  string
}

// Position returns where the rule is defined.
func (r *Rule) Position() Position {
	if r.posIndex == nil {
		return Position{}
	}
	return r.posIndex.Key(r.posPath)
}

// SeverityFor returns the severity of a finding of r in voice v (VoiceWriter or VoiceQuoted).
func (r *Rule) SeverityFor(v Voice) Severity {
	if v == VoiceQuoted && r.QuotedSeverity != "" {
		return r.QuotedSeverity
	}
	return r.Severity
}

// AppliesTo reports whether r checks text in voice v.
func (r *Rule) AppliesTo(v Voice) bool {
	return r.Voice == VoiceAny || r.Voice == v
}

// Override changes a rule of an extended rubric.
type Override struct {
	Disabled bool     `toml:"disabled"`
	Severity Severity `toml:"severity"`
}

// File is one rubric file as written.
type File struct {
	Name        string              `toml:"name"`
	Version     string              `toml:"version"`
	Language    string              `toml:"language"`
	Description string              `toml:"description"`
	Extends     []string            `toml:"extends"` // rubrics this one starts from; "default" is the built-in one
	Overrides   map[string]Override `toml:"overrides"`
	Provenance  *Provenance         `toml:"provenance"`
	Rules       []Rule              `toml:"rules"`

	path string
	pos  positions
}

// Path returns the name the file was loaded under.
func (f *File) Path() string { return f.path }

// Meta identifies a rubric file that went into a composed rubric.
type Meta struct {
	Name, Version, Language, Description, Path string
}

// String gives "name version".
func (m Meta) String() string {
	if m.Version == "" {
		return m.Name
	}
	return m.Name + " " + m.Version
}

// Rubric is the composed set of rules slant applies.
type Rubric struct {
	Meta  []Meta  // the files composed, in order; the last is the one the user named
	Rules []*Rule // enabled rules in definition order
	// Disabled are the rules an override switched off, in definition order: no longer
	// applied, but still known, so that a later override or a suppression comment may
	// name them.
	Disabled   []*Rule
	Provenance Provenance
}

// Name returns the name of the rubric: its last file's name, with the rubrics it extends.
func (r *Rubric) Name() string {
	names := make([]string, len(r.Meta))
	for i, m := range r.Meta {
		names[i] = m.String()
	}
	return strings.Join(names, " + ")
}

// Rule returns the rule with the given id, or nil.
func (r *Rubric) Rule(id string) *Rule {
	for _, rule := range r.Rules {
		if rule.ID == id {
			return rule
		}
	}
	return nil
}

// DisabledRule returns the rule with the given id that an override switched off, or nil.
func (r *Rubric) DisabledRule(id string) *Rule {
	for _, rule := range r.Disabled {
		if rule.ID == id {
			return rule
		}
	}
	return nil
}

// Compose builds a rubric from files in order. A file that extends "default" pulls the default
// rubric in before itself. Rule ids must be unique across all files; overrides may disable a
// rule or change its severity, and must name a rule defined before them. An override may
// name a rule an earlier one switched off: disabling it again changes nothing, and a
// severity switches it back on with that severity.
func Compose(files ...*File) (*Rubric, error) {
	out := &Rubric{}
	seen := map[string]*Rule{}
	included := map[string]bool{}
	var add func(f *File) error
	add = func(f *File) error {
		for _, ext := range f.Extends {
			if ext != "default" {
				return f.errorAt(f.pos.key("extends"), "extends %q: only \"default\" can be extended; pass other rubrics with --rubric", ext)
			}
			if included["default"] {
				continue
			}
			included["default"] = true
			for _, df := range defaultFiles() {
				if err := add(df); err != nil {
					return err
				}
			}
		}
		if included[f.path] {
			return nil
		}
		included[f.path] = true
		if f.Name != "" {
			out.Meta = append(out.Meta, Meta{f.Name, f.Version, f.Language, f.Description, f.path})
		}
		out.Provenance = out.Provenance.merge(f.Provenance)
		for i := range f.Rules {
			r := &f.Rules[i]
			if prev, ok := seen[r.ID]; ok {
				return f.errorAt(r.Position(), "duplicate rule id %q (first defined at %s)", r.ID, prev.Position())
			}
			seen[r.ID] = r
			out.Rules = append(out.Rules, r)
		}
		for _, id := range slices.Sorted(maps.Keys(f.Overrides)) {
			o := f.Overrides[id]
			r, ok := seen[id]
			if !ok {
				return f.errorAt(f.pos.key("overrides."+id), "override of unknown rule %q", id)
			}
			off := slices.Contains(out.Disabled, r)
			switch {
			case o.Disabled && !off:
				out.Rules = removeRule(out.Rules, r)
				out.Disabled = append(out.Disabled, r)
			case o.Disabled:
			case o.Severity != "":
				copied := *r
				copied.Severity = o.Severity
				if off {
					out.Disabled = removeRule(out.Disabled, r)
					out.Rules = append(out.Rules, &copied)
				} else {
					replaceRule(out.Rules, r, &copied)
				}
				seen[id] = &copied
			}
		}
		return nil
	}
	for _, f := range files {
		if err := add(f); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func removeRule(rules []*Rule, r *Rule) []*Rule {
	out := rules[:0]
	for _, x := range rules {
		if x != r {
			out = append(out, x)
		}
	}
	return out
}

func replaceRule(rules []*Rule, old, new *Rule) {
	for i, x := range rules {
		if x == old {
			rules[i] = new
		}
	}
}

// Position is a place in a rubric or config file: File, and Line and Column counted from 1,
// the column in characters. Its String method gives "file:line:col". It is the position type
// of internal/tomlpos, which decodes both kinds of file, under the name users of this package
// know.
type Position = tomlpos.Position

// PositionError is an error at a place in a rubric or config file: Pos, and Msg, what is
// wrong there. Its Error method gives "file:line:col: message", on one line. Parse, Load and
// config.Parse return one for any mistake they can place; find it with errors.As. It is the
// error type of internal/tomlpos, under the name users of this package know.
type PositionError = tomlpos.Error

func (f *File) errorAt(p Position, format string, args ...any) error {
	return &PositionError{Pos: p, Msg: fmt.Sprintf(format, args...)}
}
