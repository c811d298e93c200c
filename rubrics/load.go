package rubrics

import (
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slant-news/slant/internal/tomlpos"
)

// LoadFile reads and parses the rubric file at path.
func LoadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("rubric %s: %w", path, err)
	}
	return Parse(path, data)
}

// Parse decodes a rubric file strictly and checks it: an unknown key, a wrong type, a bad
// regular expression, a duplicate rule id or a missing required field is a *PositionError
// naming file:line:col. Rule examples are not run here (see package annotate).
func Parse(path string, data []byte) (*File, error) {
	if i := invalidUTF8(data); i >= 0 {
		return nil, &PositionError{Pos: tomlpos.At(path, data, i), Msg: "invalid UTF-8"}
	}
	f := &File{path: path}
	pos, err := decode(path, data, f)
	if err != nil {
		return nil, err
	}
	f.pos = pos
	if err := f.check(); err != nil {
		return nil, err
	}
	return f, nil
}

var ruleID = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)+$`)

// check validates what the decoder cannot: required fields, enumerations, regular expressions,
// kind-specific fields and duplicate ids within the file.
func (f *File) check() error {
	if len(f.Rules) == 0 && len(f.Overrides) == 0 && len(f.Extends) == 0 && f.Name == "" && f.Provenance == nil {
		return f.errorAt(f.pos.key(""), "empty rubric: it has no name, rules, overrides or extends")
	}
	ids := map[string]int{}
	for i := range f.Rules {
		r := &f.Rules[i]
		at := func(key string) Position { return f.pos.key("rules." + strconv.Itoa(i) + "." + key) }
		r.posIndex, r.posPath = f.pos.index, "rules."+strconv.Itoa(i)+".id"
		if err := f.checkRule(r, at); err != nil {
			return err
		}
		if j, dup := ids[r.ID]; dup {
			return f.errorAt(at("id"), "duplicate rule id %q (first defined at %s)", r.ID, f.Rules[j].Position())
		}
		ids[r.ID] = i
	}
	for _, id := range slices.Sorted(maps.Keys(f.Overrides)) {
		o := f.Overrides[id]
		if o.Severity != "" && o.Severity.Rank() == 0 {
			return f.errorAt(f.pos.key("overrides."+id+".severity"), "override %q: severity %q (want info, warning or error)", id, o.Severity)
		}
	}
	return nil
}

func (f *File) checkRule(r *Rule, at func(string) Position) error {
	fail := func(key, format string, args ...any) error {
		return f.errorAt(at(key), "rule %q: %s", r.ID, fmt.Sprintf(format, args...))
	}
	switch {
	case r.ID == "":
		return f.errorAt(at(""), "rule without an id")
	case !ruleID.MatchString(r.ID):
		return fail("id", "id must be dotted lowercase words such as \"framing.scare-quotes\"")
	case r.Message == "":
		return fail("", "missing message")
	case r.Explain == "":
		return fail("", "missing explain (the text a learner reads)")
	case r.Category == "":
		return fail("", "missing category")
	case r.Severity.Rank() == 0:
		return fail("severity", "severity %q (want info, warning or error)", r.Severity)
	case r.QuotedSeverity != "" && r.QuotedSeverity.Rank() == 0:
		return fail("quoted_severity", "quoted_severity %q (want info, warning or error)", r.QuotedSeverity)
	}
	switch r.Voice {
	case "":
		r.Voice = VoiceWriter
	case VoiceWriter, VoiceQuoted, VoiceAny:
	default:
		return fail("voice", "voice %q (want writer, quoted or any)", r.Voice)
	}
	if r.MaxWords < 0 || r.Window < 0 {
		return fail("", "max_words and window must not be negative")
	}
	set := r.fieldsSet()
	allowed, ok := kindFields[r.Kind]
	if !ok {
		return fail("kind", "unknown kind %q (want one of %s)", r.Kind, kindList())
	}
	for _, field := range set {
		if !allowed[field] {
			return fail(field, "field %q does not apply to kind %s", field, r.Kind)
		}
	}
	switch r.Kind {
	case KindTerms, KindClaim:
		if len(r.Terms) == 0 {
			return fail("", "kind %s needs terms", r.Kind)
		}
		for j, t := range r.Terms {
			if len(wordsOf(t)) == 0 {
				return fail("terms."+strconv.Itoa(j), "term %q has no words", t)
			}
		}
	case KindPattern:
		if r.Pattern == "" {
			return fail("", "kind pattern needs pattern")
		}
		re, err := regexp.Compile(r.Pattern)
		if err != nil {
			return fail("pattern", "bad regular expression: %v", strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		}
		r.pattern = re
	case KindScareQuote:
		if r.RequireMarker && len(r.Markers) == 0 {
			return fail("require_marker", "require_marker needs markers")
		}
	case KindAttribution:
		if len(r.Sources) == 0 {
			return fail("", "kind attribution needs sources")
		}
		if len(r.Cues) == 0 && len(r.CuesBefore) == 0 {
			return fail("", "kind attribution needs cues or cues_before")
		}
	}
	for term := range r.Suggest {
		if len(wordsOf(term)) == 0 {
			return fail("suggest", "suggestion for an empty term")
		}
	}
	return nil
}

// kindFields lists, for each kind, the kind-specific fields it accepts.
var kindFields = map[Kind]map[string]bool{
	KindTerms:       {"terms": true, "inflect": true, "case_sensitive": true},
	KindPattern:     {"pattern": true},
	KindScareQuote:  {"markers": true, "require_marker": true, "max_words": true, "cues": true},
	KindAttribution: {"sources": true, "determiners": true, "cues": true, "cues_before": true, "window": true, "max_words": true, "inflect": true},
	KindClaim:       {"terms": true, "inflect": true},
}

// fieldsSet lists the kind-specific fields r sets.
func (r *Rule) fieldsSet() []string {
	var set []string
	add := func(name string, isSet bool) {
		if isSet {
			set = append(set, name)
		}
	}
	add("terms", len(r.Terms) > 0)
	add("inflect", r.Inflect)
	add("case_sensitive", r.CaseSensitive)
	add("pattern", r.Pattern != "")
	add("markers", len(r.Markers) > 0)
	add("require_marker", r.RequireMarker)
	add("max_words", r.MaxWords != 0)
	add("sources", len(r.Sources) > 0)
	add("determiners", len(r.Determiners) > 0)
	add("cues", len(r.Cues) > 0)
	add("cues_before", len(r.CuesBefore) > 0)
	add("window", r.Window != 0)
	return set
}

func kindList() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// wordsOf splits a term into its words: runs of letters, digits, apostrophes and hyphens.
func wordsOf(term string) []string {
	return strings.FieldsFunc(term, func(r rune) bool { return !IsWordRune(r) })
}

// IsWordRune reports whether r belongs inside a word for term matching: letters, digits,
// marks, apostrophes and hyphens ("so-called", "don't" are one word each).
func IsWordRune(r rune) bool {
	switch r {
	case '\'', '’', '-':
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}
