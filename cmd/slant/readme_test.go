package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeTOML returns the README's TOML example that starts with prefix.
func readmeTOML(t *testing.T, prefix string) string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	for _, m := range regexp.MustCompile("(?s)```toml\n(.*?)```").FindAllStringSubmatch(string(readme), -1) {
		if strings.HasPrefix(m[1], prefix) {
			return m[1]
		}
	}
	t.Fatalf("README.md has no TOML example starting %q", prefix)
	return ""
}

// The README's .slant.toml and its house.toml work together, as a reader would put them in
// a project: the config names the rubric, and both switch hedge.words off.
func TestREADMEExamplesTogether(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		".slant.toml":        readmeTOML(t, "rubrics = "),
		"rubrics/house.toml": readmeTOML(t, `name = "house"`),
		"drafts/harbour.md":  "The tyrant approved the harbour giveaway, perhaps.\n",
	})

	code, stdout, stderr := slant(t, dir, "", "check", "drafts")
	assert.Equal(t, exitFail, code, stderr)
	assert.Contains(t, stdout, "drafts/harbour.md:1:5: error loaded.labels: ", "the config's severity override applies")
	assert.Contains(t, stdout, "warning house.harbour-names: Say “the harbour sale”, not “giveaway”", "the house rule applies")
	assert.NotContains(t, stdout, "hedge.words")
	assert.Empty(t, stderr)

	code, stdout, stderr = slant(t, dir, "", "rubrics", "list")
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "rubric: default 0.1.0 + house 1.0")
	assert.Regexp(t, `(?m)^loaded\.labels\s+\S+\s+error\b`, stdout)
	assert.NotContains(t, stdout, "hedge.words")

	code, stdout, stderr = slant(t, dir, "", "explain", "hedge.words")
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "switches this rule off")

	code, stdout, stderr = slant(t, dir, "", "annotate", "drafts/harbour.md")
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, `<mark title="loaded.labels (error)">tyrant</mark>`, "annotate reads the config as check does")
	assert.Contains(t, stdout, "with rubric default 0.1.0 + house 1.0.")

	code, stdout, stderr = slant(t, dir, "", "rubrics", "lint", filepath.Join("rubrics", "house.toml"))
	assert.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "every example as expected")
}
