package annotate

import (
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKindFiles checks the comments of the list of kinds in kinds.go: each names the file
// that declares the kind, so that the list stays a map of the kinds' files.
func TestKindFiles(t *testing.T) {
	src, err := os.ReadFile("kinds.go")
	require.NoError(t, err)
	lines := regexp.MustCompile(`(?m)^\t(\w+Kind), +// (\w+\.go)$`).FindAllStringSubmatch(string(src), -1)
	require.Len(t, lines, len(kinds), "one commented line per kind in kinds.go's list")
	for i, m := range lines {
		name, file := m[1], m[2]
		decl, err := os.ReadFile(file)
		require.NoError(t, err)
		assert.Regexp(t, `(?m)^var `+name+` = newKind\("`+regexp.QuoteMeta(string(kinds[i].spec.Name))+`"`, string(decl),
			"%s declares %s, the kind %s", file, name, kinds[i].spec.Name)
	}
}
