package rubrics

import (
	"errors"
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
	rules, pos, err := decode(path, data, f)
	if err != nil {
		return nil, err
	}
	f.pos = pos
	if err := f.check(rules); err != nil {
		return nil, err
	}
	return f, nil
}

var ruleID = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*(?:\.[a-z0-9]+(?:[-_][a-z0-9]+)*)+$`)

// check validates what the decoder cannot: required fields, enumerations, the fields of each
// rule's kind (decoded into rules) and duplicate ids within the file.
func (f *File) check(rules []decodedRule) error {
	if len(f.Rules) == 0 && len(f.Overrides) == 0 && len(f.Extends) == 0 && f.Name == "" && f.Provenance == nil {
		return f.errorAt(f.pos.key(""), "empty rubric: it has no name, rules, overrides or extends")
	}
	ids := map[string]int{}
	for i := range f.Rules {
		r := &f.Rules[i]
		at := func(key string) Position { return f.pos.key("rules." + strconv.Itoa(i) + "." + key) }
		r.posIndex, r.posPath = f.pos.index, "rules."+strconv.Itoa(i)+".id"
		if err := f.checkRule(r, rules[i], at); err != nil {
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

func (f *File) checkRule(r *Rule, decoded decodedRule, at func(string) Position) error {
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
	spec, ok := lookupKind(r.Kind)
	switch {
	case !ok && len(kindSpecs) == 0:
		return fail("kind", "unknown kind %q: no kind is registered (a program that reads rubrics imports package annotate, which registers them)", r.Kind)
	case !ok:
		return fail("kind", "unknown kind %q (want one of %s)", r.Kind, kindList())
	}
	allowed := spec.Fields()
	for _, field := range decoded.set() {
		if !slices.Contains(allowed, field) {
			return fail(field, "field %q does not apply to kind %s", field, r.Kind)
		}
	}
	r.Options = decoded.options(spec)
	if spec.check != nil {
		if err := spec.check(r.Options); err != nil {
			var oe *OptionError
			if errors.As(err, &oe) {
				return fail(oe.Field, "%s", oe.Msg)
			}
			return fail("", "%v", err)
		}
	}
	for term := range r.Suggest {
		if len(wordsOf(term)) == 0 {
			return fail("suggest", "suggestion for an empty term")
		}
	}
	return nil
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
