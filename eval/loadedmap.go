package eval

import (
	_ "embed"
	"fmt"
	"os"

	"github.com/slant-news/slant/internal/tomlpos"
	"github.com/slant-news/slant/rubrics"
)

//go:embed loaded-map.toml
var defaultLoadedMap []byte

// DefaultLoadedMapPath is the name the embedded loaded-wording map goes by in messages.
const DefaultLoadedMapPath = "eval/loaded-map.toml"

// LoadedMap says which slant findings count as loaded wording, the prediction that BASIL's
// lexical-bias spans and BABE's biased words are scored against. It is read from a TOML file
// (see loaded-map.toml, embedded as the default):
//
//	categories = ["loaded-language", "name-calling"]  # rule categories that count
//	rules = ["editorial.adverbs"]                      # rule ids that count, whatever their category
//	ignore = ["framing.distancing"]                    # rule ids or categories that never count
type LoadedMap struct {
	Categories []string `toml:"categories"`
	Rules      []string `toml:"rules"`
	Ignore     []string `toml:"ignore"`

	path                 string
	rules, cats, ignored map[string]bool
	pos                  *tomlpos.Index
}

// DefaultLoadedMap returns the loaded-wording map that ships with slant.
func DefaultLoadedMap() *LoadedMap {
	m, err := ParseLoadedMap(DefaultLoadedMapPath, defaultLoadedMap)
	if err != nil {
		panic(err) // the embedded file is checked by the tests
	}
	return m
}

// LoadLoadedMap reads a loaded-wording map file.
func LoadLoadedMap(path string) (*LoadedMap, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("map %s: %w", path, err)
	}
	return ParseLoadedMap(path, data)
}

// ParseLoadedMap decodes a loaded-wording map strictly: an unknown key, a syntax error, a
// wrong type, an empty name, a name listed twice or a map that counts nothing is a
// *rubrics.PositionError naming file:line:col.
func ParseLoadedMap(path string, data []byte) (*LoadedMap, error) {
	m := &LoadedMap{path: path}
	pos, err := tomlpos.Decode(path, data, m, tomlpos.Wording{Noun: "map"})
	if err != nil {
		return nil, err
	}
	m.pos = pos
	if err := m.check(); err != nil {
		return nil, err
	}
	return m, nil
}

// Path returns the name the map was loaded under.
func (m *LoadedMap) Path() string { return m.path }

// Counts says whether a rule's findings count as loaded wording.
func (m *LoadedMap) Counts(r *rubrics.Rule) bool {
	if m.ignored[r.ID] || m.ignored[r.Category] {
		return false
	}
	return m.rules[r.ID] || m.cats[r.Category]
}

// Counted returns the ids of the rubric's rules that count, in the rubric's order.
func (m *LoadedMap) Counted(r *rubrics.Rubric) []string {
	var ids []string
	for _, rule := range r.Rules {
		if m.Counts(rule) {
			ids = append(ids, rule.ID)
		}
	}
	return ids
}

// Check compares the map with a rubric and returns a warning, naming file:line:col, for every
// rule id or category the map names that the rubric does not have.
func (m *LoadedMap) Check(r *rubrics.Rubric) []string {
	ids, cats := map[string]bool{}, map[string]bool{}
	for _, rule := range r.Rules {
		ids[rule.ID] = true
		cats[rule.Category] = true
	}
	var warnings []string
	for j, c := range m.Categories {
		if !cats[c] {
			warnings = append(warnings, fmt.Sprintf("%s: category %q is not in the rubric", m.pos.Key(fmt.Sprintf("categories.%d", j)), c))
		}
	}
	for j, id := range m.Rules {
		if !ids[id] {
			warnings = append(warnings, fmt.Sprintf("%s: rule %q is not in the rubric", m.pos.Key(fmt.Sprintf("rules.%d", j)), id))
		}
	}
	for j, x := range m.Ignore {
		if !ids[x] && !cats[x] {
			warnings = append(warnings, fmt.Sprintf("%s: %q is neither a rule nor a category of the rubric", m.pos.Key(fmt.Sprintf("ignore.%d", j)), x))
		}
	}
	return warnings
}

func (m *LoadedMap) check() error {
	fail := func(key, format string, args ...any) error {
		return &rubrics.PositionError{Pos: m.pos.Key(key), Msg: fmt.Sprintf(format, args...)}
	}
	if len(m.Categories) == 0 && len(m.Rules) == 0 {
		return fail("", "the map counts no categories and no rules")
	}
	m.rules, m.cats, m.ignored = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, list := range []struct {
		key, what string
		names     []string
		set       map[string]bool
	}{
		{"categories", "category", m.Categories, m.cats},
		{"rules", "rule id", m.Rules, m.rules},
		{"ignore", "rule id or category", m.Ignore, m.ignored},
	} {
		for j, x := range list.names {
			key := fmt.Sprintf("%s.%d", list.key, j)
			if x == "" {
				return fail(key, "empty %s", list.what)
			}
			if list.set[x] {
				return fail(key, "%s %q is listed twice", list.what, x)
			}
			list.set[x] = true
		}
	}
	return nil
}
