package layers

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/slant-news/slant/"

// forbidden lists, for each package, the packages of slant it must not depend on, directly
// or through others: a lower layer never reaches a higher one.
var forbidden = map[string][]string{
	"annotate/sentence":         {"annotate", "annotate/prose", "annotate/quote", "annotate/render", "rubrics", "config", "eval", "cmd/slant"},
	"annotate/quote":            {"annotate", "annotate/prose", "annotate/sentence", "annotate/render", "rubrics", "config", "eval", "cmd/slant"},
	"annotate/prose":            {"annotate", "annotate/provenance", "annotate/internal/words", "annotate/render", "rubrics", "config", "eval", "cmd/slant"},
	"annotate/internal/words":   {"annotate", "annotate/provenance", "annotate/render", "rubrics", "config", "eval", "cmd/slant"},
	"annotate/internal/findall": {"annotate", "annotate/provenance", "annotate/render", "rubrics", "config", "eval", "cmd/slant"},
	"annotate/provenance":       {"annotate", "annotate/render", "config", "eval", "cmd/slant"},
	"annotate/metadata":         {"annotate", "annotate/provenance", "annotate/render", "rubrics", "config", "eval", "cmd/slant"},
	"rubrics":                   {"annotate", "annotate/render", "config", "eval", "cmd/slant"},
	"annotate":                  {"annotate/render", "config", "eval", "cmd/slant"},
	"annotate/render":           {"config", "eval", "cmd/slant"},
	"config":                    {"annotate", "annotate/render", "eval", "cmd/slant"},
	"eval":                      {"config", "cmd/slant"},
}

// TestLayers reads every package's dependencies with go list and fails on a forbidden one.
func TestLayers(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps=false", "-f", "{{.ImportPath}}:{{join .Deps \" \"}}", module+"...").Output()
	require.NoError(t, err)
	deps := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, list, _ := strings.Cut(line, ":")
		deps[strings.TrimPrefix(pkg, module)] = strings.Fields(list)
	}
	for pkg, bad := range forbidden {
		have, ok := deps[pkg]
		require.True(t, ok, "no package %s", pkg)
		for _, b := range bad {
			assert.NotContains(t, have, module+b, "%s depends on %s", pkg, b)
		}
	}
	for pkg, have := range deps {
		if strings.HasPrefix(pkg, "internal/") {
			assert.NotContains(t, have, module+"cmd/slant", "%s depends on the command", pkg)
		}
	}
}
