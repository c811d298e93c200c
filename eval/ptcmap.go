package eval

import (
	_ "embed"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/slant-news/slant/internal/tomlpos"
	"github.com/slant-news/slant/rubrics"
)

//go:embed ptc-map.toml
var defaultPTCMap []byte

// DefaultPTCMapPath is the name the embedded mapping file goes by in messages.
const DefaultPTCMapPath = "eval/ptc-map.toml"

// PTCMap says which slant findings predict which PTC technique. It is read from a TOML file
// (see ptc-map.toml, embedded as the default):
//
//	[[technique]]
//	name = "Loaded_Language"           # a PTC technique label
//	categories = ["loaded-language"]   # rule categories whose findings predict it
//	rules = ["editorial.adverbs"]      # rule ids; an id wins over its category's technique
//
//	ignore = ["framing.unattributed-quote"]  # top level: rule ids or categories never counted
type PTCMap struct {
	Techniques []PTCTechniqueMap `toml:"technique"`
	Ignore     []string          `toml:"ignore"`

	path       string
	byRule     map[string]int // rule id -> index into Techniques
	byCategory map[string]int
	ignored    map[string]bool
	pos        *tomlpos.Index
}

// PTCTechniqueMap is one [[technique]] of a mapping file.
type PTCTechniqueMap struct {
	Name       string   `toml:"name"`
	Rules      []string `toml:"rules"`
	Categories []string `toml:"categories"`
}

// DefaultPTCMap returns the mapping that ships with slant.
func DefaultPTCMap() *PTCMap {
	m, err := ParsePTCMap(DefaultPTCMapPath, defaultPTCMap)
	if err != nil {
		panic(err) // the embedded file is checked by the tests
	}
	return m
}

// LoadPTCMap reads a mapping file.
func LoadPTCMap(path string) (*PTCMap, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("map %s: %w", path, err)
	}
	return ParsePTCMap(path, data)
}

// ParsePTCMap decodes a mapping file strictly: an unknown key, a syntax error, a wrong type,
// an unknown technique label, a technique without rules or categories, or a rule or category
// mapped twice is a *rubrics.PositionError naming file:line:col.
func ParsePTCMap(path string, data []byte) (*PTCMap, error) {
	m := &PTCMap{path: path}
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
func (m *PTCMap) Path() string { return m.path }

// TechniqueNames returns the mapped techniques in the file's order.
func (m *PTCMap) TechniqueNames() []string {
	names := make([]string, len(m.Techniques))
	for i, t := range m.Techniques {
		names[i] = t.Name
	}
	return names
}

// Technique returns the technique a rule's findings predict, or "" if none.
func (m *PTCMap) Technique(r *rubrics.Rule) string {
	if m.ignored[r.ID] || m.ignored[r.Category] {
		return ""
	}
	if i, ok := m.byRule[r.ID]; ok {
		return m.Techniques[i].Name
	}
	if i, ok := m.byCategory[r.Category]; ok {
		return m.Techniques[i].Name
	}
	return ""
}

// Check compares the map with a rubric and returns a warning, naming file:line:col, for every
// rule id or category the map names that the rubric does not have: a typo, or a map written
// for another rubric.
func (m *PTCMap) Check(r *rubrics.Rubric) []string {
	ids, cats := map[string]bool{}, map[string]bool{}
	for _, rule := range r.Rules {
		ids[rule.ID] = true
		cats[rule.Category] = true
	}
	var warnings []string
	for i, t := range m.Techniques {
		for j, id := range t.Rules {
			if !ids[id] {
				warnings = append(warnings, fmt.Sprintf("%s: rule %q is not in the rubric", m.pos.Key(fmt.Sprintf("technique.%d.rules.%d", i, j)), id))
			}
		}
		for j, c := range t.Categories {
			if !cats[c] {
				warnings = append(warnings, fmt.Sprintf("%s: category %q is not in the rubric", m.pos.Key(fmt.Sprintf("technique.%d.categories.%d", i, j)), c))
			}
		}
	}
	for j, x := range m.Ignore {
		if !ids[x] && !cats[x] {
			warnings = append(warnings, fmt.Sprintf("%s: %q is neither a rule nor a category of the rubric", m.pos.Key(fmt.Sprintf("ignore.%d", j)), x))
		}
	}
	return warnings
}

// Unmapped returns the ids of the rubric's rules whose findings count for no technique.
func (m *PTCMap) Unmapped(r *rubrics.Rubric) []string {
	var ids []string
	for _, rule := range r.Rules {
		if m.Technique(rule) == "" {
			ids = append(ids, rule.ID)
		}
	}
	return ids
}

func (m *PTCMap) check() error {
	fail := func(key, format string, args ...any) error {
		return &rubrics.PositionError{Pos: m.pos.Key(key), Msg: fmt.Sprintf(format, args...)}
	}
	if len(m.Techniques) == 0 {
		return fail("", "no [[technique]] in the map")
	}
	m.byRule, m.byCategory, m.ignored = map[string]int{}, map[string]int{}, map[string]bool{}
	seen := map[string]int{}
	for i, t := range m.Techniques {
		at := "technique." + strconv.Itoa(i)
		switch {
		case t.Name == "":
			return fail(at, "technique without a name")
		case !slices.Contains(PTCTechniques, t.Name):
			return fail(at+".name", "unknown technique %q (want one of %s)", t.Name, strings.Join(PTCTechniques, ", "))
		case len(t.Rules) == 0 && len(t.Categories) == 0:
			return fail(at, "technique %q maps no rules and no categories", t.Name)
		}
		if j, dup := seen[t.Name]; dup {
			return fail(at+".name", "technique %q is mapped twice (first at %s)", t.Name, m.pos.Key(fmt.Sprintf("technique.%d.name", j)))
		}
		seen[t.Name] = i
		for j, id := range t.Rules {
			key := fmt.Sprintf("%s.rules.%d", at, j)
			if id == "" {
				return fail(key, "empty rule id")
			}
			if prev, dup := m.byRule[id]; dup {
				return fail(key, "rule %q is mapped twice (also to %q)", id, m.Techniques[prev].Name)
			}
			m.byRule[id] = i
		}
		for j, c := range t.Categories {
			key := fmt.Sprintf("%s.categories.%d", at, j)
			if c == "" {
				return fail(key, "empty category")
			}
			if prev, dup := m.byCategory[c]; dup {
				return fail(key, "category %q is mapped twice (also to %q)", c, m.Techniques[prev].Name)
			}
			m.byCategory[c] = i
		}
	}
	for j, x := range m.Ignore {
		if x == "" {
			return fail(fmt.Sprintf("ignore.%d", j), "empty rule id or category")
		}
		m.ignored[x] = true
	}
	return nil
}
