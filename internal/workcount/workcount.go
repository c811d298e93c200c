// Package workcount counts the work slant's stages do, so that tests can assert that cost
// grows in proportion to the input without timing anything: wall time on a shared machine
// varies by a third from one hour to the next; counted steps and allocations do not.
//
// A stage whose cost could grow faster than its input (a scan that may restart, a search
// backwards, a walk over a tree) calls Add once per run of its loop with the number of steps
// the loop took, never once per step, so counting costs nothing measurable.
package workcount

import (
	"runtime"
	"sync/atomic"
)

var steps atomic.Int64

// Add records n steps of work.
func Add(n int) { steps.Add(int64(n)) }

// Cost is the work one run took.
type Cost struct {
	Steps  int64  // counted with Add
	Allocs uint64 // heap allocations
	Bytes  uint64 // bytes allocated on the heap
}

// Measure runs f and returns the work it took. The counts are process-wide: nothing else
// should run while f does (tests that call it must not be parallel). Two collections first
// empty every sync.Pool (a pool keeps its objects over one), so that f starts cold whatever
// ran before it.
func Measure(f func()) Cost {
	runtime.GC()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s0 := steps.Load()
	f()
	s1 := steps.Load()
	runtime.ReadMemStats(&after)
	return Cost{Steps: s1 - s0, Allocs: after.Mallocs - before.Mallocs, Bytes: after.TotalAlloc - before.TotalAlloc}
}
