// Package gctune sets Go's garbage collector for a run over documents of known sizes.
package gctune

import (
	"os"
	"runtime/debug"
)

// ForDocuments sets the garbage collector for documents of which the largest has the given
// size, with underWay bytes of input annotated at once, unless GOGC or GOMEMLIMIT say
// otherwise; documents of at most small bytes count as small. The returned function
// restores the settings it changed.
//
// slant allocates much and keeps little. With small documents, the garbage collector at
// Go's default (GOGC=100, from a 4 MB heap) runs every few milliseconds, takes a large share
// of the time and keeps the cores waiting for each other; let the heap grow more between
// collections when every document is small (memory stays a few tens of MB). A soft limit of
// 48 MB keeps the heap from growing beyond what small documents need. A large document's
// analysis takes about four times its size, live: a soft limit of 7.5 times the input under
// way at once keeps the peak within ten times the largest document (the program itself
// takes about 14 MB) and leaves the collector room enough not to run all the time (at 7
// times, a 4 MB document took 43 collections, at 7.5, 24).
func ForDocuments(largest, underWay, small int) (restore func()) {
	gcPercent, memLimit := -2, int64(-1) // -2: leave as it is; -1: read, not set
	switch {
	case largest <= small:
		if os.Getenv("GOGC") == "" {
			gcPercent = debug.SetGCPercent(400)
		}
		if os.Getenv("GOMEMLIMIT") == "" {
			memLimit = debug.SetMemoryLimit(48 << 20)
		}
	case os.Getenv("GOMEMLIMIT") == "":
		memLimit = debug.SetMemoryLimit(max(30<<20, 15*int64(underWay)/2))
	}
	return func() {
		if gcPercent != -2 {
			debug.SetGCPercent(gcPercent)
		}
		if memLimit >= 0 {
			debug.SetMemoryLimit(memLimit)
		}
	}
}
