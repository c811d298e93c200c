// Package config reads slant's project configuration, .slant.toml: which rubrics a project
// applies, which rules it switches off or gives another severity, which files it does not
// check, and the severity from which `slant check` fails.
//
// A file's configuration is the first .slant.toml found walking up from the file's directory
// (see Find); configurations do not merge. Paths in a configuration are relative to the
// directory the file is in. Decoding is strict: an unknown key, a wrong type or a bad value
// is a *rubrics.PositionError naming file:line:col.
//
//	rubrics = ["rubrics/house.toml"]   # default: the built-in rubric
//	fail_on = "warning"                # error (default), warning or info
//	ignore  = ["drafts/**", "*.txt"]   # globs; ** crosses directories
//	timeout = "30s"                    # stop annotating after this long (Go duration)
//	fail_on_no_prose = true            # slant check fails on a file it reads no prose in
//
//	[overrides."hedge.words"]          # switch a rule off
//	disabled = true
//
//	[overrides."loaded.labels"]        # or change its severity
//	severity = "error"
//
//	[second_opinion]                   # a language model's second opinion (see SecondOpinion)
//	base_url = "http://localhost:11434/v1"
//	model = "qwen2.5:7b"
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/slant-news/slant/internal/near"
	"github.com/slant-news/slant/internal/tomlpos"
	"github.com/slant-news/slant/rubrics"
)

// FileName is the name of a project configuration file.
const FileName = ".slant.toml"

// Config is one .slant.toml.
type Config struct {
	// Rubrics are the rubric files applied, as written (relative to the config's directory,
	// or absolute). None means the built-in default rubric.
	Rubrics []string `toml:"rubrics"`
	// FailOn is the least severity that makes `slant check` fail; "" leaves the default.
	FailOn rubrics.Severity `toml:"fail_on"`
	// Ignore are globs of files not to check, matched against paths relative to the config's
	// directory with forward slashes. A pattern without a slash also matches a base name
	// anywhere (like .gitignore); a pattern matching a directory ignores all in it.
	Ignore []string `toml:"ignore"`
	// Overrides switch rules of the composed rubric off or change their severity.
	Overrides map[string]rubrics.Override `toml:"overrides"`
	// FailOnNoProse makes `slant check` fail (exit 1) on a file in which slant reads no
	// prose, as on a finding at fail_on.
	FailOnNoProse bool `toml:"fail_on_no_prose"`
	// Timeout, as written ("30s", "2m"), limits how long slant annotates; see TimeLimit.
	Timeout string `toml:"timeout"`
	// SecondOpinion configures the language model asked for a second opinion; nil when the
	// file has no [second_opinion] table.
	SecondOpinion *SecondOpinion `toml:"second_opinion"`

	timeout time.Duration

	path string
	pos  *tomlpos.Index
}

// Path returns the file the config was read from.
func (c *Config) Path() string { return c.path }

// Dir returns the directory the config's paths are relative to.
func (c *Config) Dir() string { return filepath.Dir(c.path) }

// Load reads and checks the config file at path.
func Load(path string) (*Config, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s: is a directory; a config is a TOML file such as %s", path, FileName)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	return Parse(path, data)
}

// fileError gives "path: reason" for an *fs.PathError, without the operation.
func fileError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, pe.Err)
	}
	return err
}

// Parse decodes a config strictly and checks its values. path names the file in errors and
// is the base of the config's relative paths.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{path: path}
	pos, err := tomlpos.Decode(path, data, c, wording)
	if err != nil {
		return nil, secondOpinionHint(err)
	}
	c.pos = pos
	if err := c.check(); err != nil {
		return nil, err
	}
	return c, nil
}

// wording words decoding errors for a user, who knows a config's keys but not its Go fields.
var wording = tomlpos.Wording{Hint: "(want rubrics, fail_on, fail_on_no_prose, ignore, timeout, overrides or second_opinion)"}

func (c *Config) errorAt(key, format string, args ...any) error {
	return &rubrics.PositionError{Pos: c.pos.Key(key), Msg: fmt.Sprintf(format, args...)}
}

func (c *Config) check() error {
	if c.FailOn != "" && c.FailOn.Rank() == 0 {
		return c.errorAt("fail_on", "fail_on %q (want error, warning or info)", c.FailOn)
	}
	if c.Timeout != "" {
		d, err := time.ParseDuration(c.Timeout)
		if err != nil || d <= 0 {
			return c.errorAt("timeout", "timeout %q (want a positive duration such as \"30s\" or \"2m\")", c.Timeout)
		}
		c.timeout = d
	}
	for i, r := range c.Rubrics {
		if strings.TrimSpace(r) == "" {
			return c.errorAt("rubrics."+strconv.Itoa(i), "empty rubric path")
		}
	}
	for i, g := range c.Ignore {
		if g == "" || !doublestar.ValidatePattern(g) {
			return c.errorAt("ignore."+strconv.Itoa(i), "bad glob %q", g)
		}
	}
	if err := c.SecondOpinion.check(c); err != nil {
		return err
	}
	for _, id := range slices.Sorted(maps.Keys(c.Overrides)) {
		o := c.Overrides[id]
		if o.Severity != "" && o.Severity.Rank() == 0 {
			return c.errorAt("overrides."+id+".severity", "override %q: severity %q (want info, warning or error)", id, o.Severity)
		}
		if !o.Disabled && o.Severity == "" {
			return c.errorAt("overrides."+id, "override %q changes nothing (set disabled = true or a severity)", id)
		}
	}
	return nil
}

// TimeLimit returns the config's timeout: how long slant may annotate before it stops with
// an error; 0 for no limit.
func (c *Config) TimeLimit() time.Duration {
	if c == nil {
		return 0
	}
	return c.timeout
}

// RubricPaths returns the config's rubric files as paths usable from the working directory.
func (c *Config) RubricPaths() []string {
	out := make([]string, len(c.Rubrics))
	for i, r := range c.Rubrics {
		r = filepath.FromSlash(r)
		if !filepath.IsAbs(r) {
			r = filepath.Join(c.Dir(), r)
		}
		out[i] = r
	}
	return out
}

// LoadRubric composes the config's rubrics (the default rubric if it names none), without
// its overrides (see Apply). A rubric file that cannot be read is an error at its entry in
// the config; errors inside a rubric name the rubric's own file:line:col.
func (c *Config) LoadRubric() (*rubrics.Rubric, error) {
	paths := c.RubricPaths()
	for i, p := range paths {
		info, err := os.Stat(p)
		key := "rubrics." + strconv.Itoa(i)
		switch {
		case err != nil:
			return nil, c.errorAt(key, "rubric %s: %v", c.Rubrics[i], unwrapPath(err))
		case info.IsDir():
			return nil, c.errorAt(key, "rubric %s: is a directory; name the rubric's TOML file", c.Rubrics[i])
		}
	}
	return rubrics.Load(paths...)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Apply returns r with the config's overrides applied: rules switched off are left out, and
// rules given a severity are copies with that severity (r itself is not changed). An override
// naming a rule r does not have is an error at the override, with the closest ids. An
// override may name a rule the rubric switched off: disabled = true then changes nothing,
// and a severity switches the rule back on with that severity (the project's word is the
// last).
func (c *Config) Apply(r *rubrics.Rubric) (*rubrics.Rubric, error) {
	if c == nil || len(c.Overrides) == 0 {
		return r, nil
	}
	for _, id := range slices.Sorted(maps.Keys(c.Overrides)) {
		if r.Rule(id) == nil && r.DisabledRule(id) == nil {
			msg := fmt.Sprintf("override of unknown rule %q", id)
			if ids := near.Strings(ruleIDs(r), id); len(ids) > 0 {
				msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(quoteAll(ids), " or "))
			}
			return nil, c.errorAt("overrides."+id, "%s", msg)
		}
	}
	out := &rubrics.Rubric{Meta: r.Meta, Provenance: r.Provenance}
	for _, rule := range r.Rules {
		o, ok := c.Overrides[rule.ID]
		switch {
		case !ok:
			out.Rules = append(out.Rules, rule)
		case o.Disabled:
			out.Disabled = append(out.Disabled, rule)
		default:
			copied := *rule
			copied.Severity = o.Severity
			out.Rules = append(out.Rules, &copied)
		}
	}
	for _, rule := range r.Disabled {
		o, ok := c.Overrides[rule.ID]
		if !ok || o.Disabled || o.Severity == "" {
			out.Disabled = append(out.Disabled, rule)
			continue
		}
		copied := *rule
		copied.Severity = o.Severity
		out.Rules = append(out.Rules, &copied)
	}
	return out, nil
}

// Ignored reports whether file (a path usable from the working directory) matches one of
// the config's ignore globs. Files outside the config's directory are never ignored.
func (c *Config) Ignored(file string) bool {
	if c == nil || len(c.Ignore) == 0 {
		return false
	}
	abs, err1 := filepath.Abs(file)
	dir, err2 := filepath.Abs(c.Dir())
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	rel = filepath.ToSlash(rel)
	for _, g := range c.Ignore {
		g = strings.TrimPrefix(g, "./")
		g = strings.TrimSuffix(g, "/")
		for p := rel; p != "."; p = path.Dir(p) {
			// The file itself, or a directory it is in.
			if doublestar.MatchUnvalidated(g, p) {
				return true
			}
			if !strings.Contains(g, "/") && doublestar.MatchUnvalidated(g, path.Base(p)) {
				return true
			}
		}
	}
	return false
}

// Finder finds the config of files by walking up from their directories, reading each
// config once. It is not safe for concurrent use.
type Finder struct {
	byDir  map[string]string  // absolute directory -> config path found from it ("" for none)
	loaded map[string]*Config // config path -> config
}

// NewFinder returns an empty Finder.
func NewFinder() *Finder {
	return &Finder{byDir: map[string]string{}, loaded: map[string]*Config{}}
}

// Find returns the config of a file in dir: the first .slant.toml in dir or a directory
// above it. It returns nil, nil when there is none.
func (f *Finder) Find(dir string) (*Config, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	p, err := f.lookup(abs)
	if err != nil || p == "" {
		return nil, err
	}
	return f.Load(p)
}

// Load reads the config at path, once.
func (f *Finder) Load(path string) (*Config, error) {
	if c, ok := f.loaded[path]; ok {
		return c, nil
	}
	c, err := Load(path)
	if err != nil {
		return nil, err
	}
	f.loaded[path] = c
	return c, nil
}

func (f *Finder) lookup(dir string) (string, error) {
	if p, ok := f.byDir[dir]; ok {
		return p, nil
	}
	var found string
	candidate := filepath.Join(dir, FileName)
	switch info, err := os.Stat(candidate); {
	case err == nil && !info.IsDir():
		found = display(candidate)
	case err == nil:
		return "", fmt.Errorf("%s: is a directory; a config is a TOML file", display(candidate))
	case !errors.Is(err, fs.ErrNotExist):
		return "", fileError(display(candidate), err)
	default:
		if parent := filepath.Dir(dir); parent != dir {
			p, err := f.lookup(parent)
			if err != nil {
				return "", err
			}
			found = p
		}
	}
	f.byDir[dir] = found
	return found, nil
}

// display shortens an absolute path to one relative to the working directory when it is
// inside it, so that messages read "docs/.slant.toml:3:1".
func display(abs string) string {
	wd, err := os.Getwd()
	if err != nil {
		return abs
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return rel
}

func ruleIDs(r *rubrics.Rubric) []string {
	ids := make([]string, 0, len(r.Rules)+len(r.Disabled))
	for _, rule := range r.Rules {
		ids = append(ids, rule.ID)
	}
	for _, rule := range r.Disabled {
		ids = append(ids, rule.ID)
	}
	return ids
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}
