package gctune

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Small documents raise GOGC and set a 48 MB soft limit; a large one sets the limit from the
// input under way; the environment's settings win; restore puts back what was.
func TestForDocuments(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	gc, limit := debug.SetGCPercent(-1), debug.SetMemoryLimit(-1)
	debug.SetGCPercent(gc)
	defer debug.SetGCPercent(gc)

	restore := ForDocuments(1000, 1<<20, 4096)
	assert.Equal(t, 400, debug.SetGCPercent(400))
	assert.Equal(t, int64(48<<20), debug.SetMemoryLimit(-1))
	restore()
	assert.Equal(t, gc, debug.SetGCPercent(gc))
	assert.Equal(t, limit, debug.SetMemoryLimit(-1))

	restore = ForDocuments(100<<20, 100<<20, 4096)
	assert.Equal(t, int64(750<<20), debug.SetMemoryLimit(-1))
	assert.Equal(t, gc, debug.SetGCPercent(gc), "a large document leaves GOGC")
	restore()
	assert.Equal(t, limit, debug.SetMemoryLimit(-1))

	t.Setenv("GOGC", "50")
	t.Setenv("GOMEMLIMIT", "1GiB")
	restore = ForDocuments(1000, 1<<20, 4096)
	assert.Equal(t, gc, debug.SetGCPercent(gc), "GOGC set: left alone")
	assert.Equal(t, limit, debug.SetMemoryLimit(-1), "GOMEMLIMIT set: left alone")
	restore()
}
