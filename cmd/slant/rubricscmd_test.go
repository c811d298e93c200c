package main

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The default rubric's files, linted one by one as `slant rubrics lint rubrics/default/*.toml`
// does, pass: a file without provenance word lists (55-claims.toml) runs its examples with
// the default rubric's, which live in 80-provenance.toml.
func TestLintDefaultRubricFileByFile(t *testing.T) {
	files, err := filepath.Glob("../../rubrics/default/*.toml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	code, stdout, stderr := slant(t, ".", "", append([]string{"rubrics", "lint"}, files...)...)
	assert.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr)
	assert.Contains(t, stdout, "55-claims.toml: ok: 1 rule, every example as expected")

	// A file that sets its own lists is linted with them: with no verbs of saying, the
	// claims rule's pass example that a source says is flagged.
	dir := t.TempDir()
	claims := mustRead(t, "../../rubrics/default/55-claims.toml")
	writeFiles(t, dir, map[string]string{"claims.toml": claims + "\n[provenance]\nneutral_verbs = [\"zzz\"]\n"})
	code, _, stderr = slant(t, dir, "", "rubrics", "lint", "claims.toml")
	assert.Equal(t, exitFail, code)
	assert.Contains(t, stderr, "flags \"The council said")
}
