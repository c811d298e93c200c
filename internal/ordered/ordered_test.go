package ordered

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRun checks that every index is done once and emitted in order, whatever the number
// of workers, and that the first error in order stops the work.
func TestRun(t *testing.T) {
	for _, workers := range []int{1, 2, 7, 100} {
		for _, n := range []int{0, 1, 5, 200} {
			var done atomic.Int64
			var got []int
			err := Run(n, Limits{Workers: workers}, func(i int) (int, error) {
				done.Add(1)
				return i, nil
			}, func(i int) error {
				got = append(got, i)
				return nil
			})
			require.NoError(t, err)
			require.Len(t, got, n)
			for i, v := range got {
				require.Equal(t, i, v, "workers %d n %d", workers, n)
			}
			require.Equal(t, int64(n), done.Load())
		}
		// Index 50 fails; 60 fails too, but later in order.
		var emitted []int
		err := Run(200, Limits{Workers: workers}, func(i int) (int, error) {
			if i == 50 || i == 60 {
				return 0, fmt.Errorf("failed %d", i)
			}
			return i, nil
		}, func(i int) error {
			emitted = append(emitted, i)
			return nil
		})
		require.EqualError(t, err, "failed 50")
		require.Len(t, emitted, 50)
		// An emit error stops it too.
		err = Run(200, Limits{Workers: workers}, func(i int) (int, error) { return i, nil }, func(i int) error {
			if i == 10 {
				return io.ErrShortWrite
			}
			return nil
		})
		require.True(t, errors.Is(err, io.ErrShortWrite))
	}
}

// TestRunBoundsWork checks that no more than 2×workers indices are under way or waiting
// to be emitted at any time: memory stays bounded however many files there are.
func TestRunBoundsWork(t *testing.T) {
	const workers = 3
	var started, emitted atomic.Int64
	err := Run(1000, Limits{Workers: workers}, func(i int) (int, error) {
		if ahead := started.Add(1) - emitted.Load(); ahead > 2*workers+1 {
			return 0, fmt.Errorf("index %d started with %d not yet emitted", i, ahead-1)
		}
		return i, nil
	}, func(int) error {
		emitted.Add(1)
		return nil
	})
	require.NoError(t, err)
}

// TestRunKeepsNothingPerItem checks that what Run holds does not grow with the number
// of items: it kept every item's result channel to the end (19,067 files took 9 MB more in
// slant check), where only the items in its window need one.
func TestRunKeepsNothingPerItem(t *testing.T) {
	const n = 100_000
	type result [32]int64 // 256 bytes: a channel of one costs about 350
	var before, late runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := Run(n, Limits{Workers: 2}, func(i int) (result, error) { return result{int64(i)}, nil }, func(r result) error {
		if r[0] == n-100 { // late, while the pool still runs
			runtime.GC()
			runtime.ReadMemStats(&late)
		}
		return nil
	})
	require.NoError(t, err)
	require.NotZero(t, late.NumGC, "no measure taken")
	grown := int64(late.HeapAlloc) - int64(before.HeapAlloc)
	// Kept per item, it would be 35 MB; the window of pending results is a few KB.
	assert.Less(t, grown, int64(4<<20), "heap grew by %d bytes over %d items", grown, n)
}

// TestRunWithinBudget checks that the items under way or waiting to be emitted never cost
// more than the budget together (an item dearer than the budget going alone), that all are
// emitted in order, and that small items, which never wait for the budget, flow freely.
func TestRunWithinBudget(t *testing.T) {
	costs := make([]int, 500)
	for i := range costs {
		costs[i] = 1 + i%7
		if i%97 == 0 {
			costs[i] = 40 // more than the budget
		}
	}
	for _, workers := range []int{1, 2, 5} {
		for _, budget := range []int{10, 1000} {
			var mu sync.Mutex
			inFlight, maxSeen := 0, 0
			var got []int
			err := Run(len(costs), Limits{Workers: workers, Cost: func(i int) int { return costs[i] }, Budget: budget}, func(i int) (int, error) {
				mu.Lock()
				inFlight += min(costs[i], budget)
				if inFlight > budget && costs[i] < budget {
					maxSeen = max(maxSeen, inFlight)
				}
				mu.Unlock()
				return i, nil
			}, func(i int) error {
				mu.Lock()
				inFlight -= min(costs[i], budget)
				mu.Unlock()
				got = append(got, i)
				return nil
			})
			require.NoError(t, err)
			require.Len(t, got, len(costs))
			for i, v := range got {
				require.Equal(t, i, v)
			}
			assert.Zero(t, maxSeen, "workers %d budget %d: items costing %d were under way at once", workers, budget, maxSeen)
		}
	}
}

// With two workers, two items are done at the same time: each waits until the other has
// started, which a pool that ran one at a time would never see.
func TestRunConcurrent(t *testing.T) {
	var started sync.WaitGroup
	started.Add(2)
	both := make(chan struct{})
	go func() { started.Wait(); close(both) }()
	var got []bool
	err := Run(2, Limits{Workers: 2}, func(i int) (bool, error) {
		started.Done()
		select {
		case <-both:
			return true, nil
		case <-time.After(10 * time.Second):
			return false, nil
		}
	}, func(ok bool) error { got = append(got, ok); return nil })
	require.NoError(t, err)
	assert.Equal(t, []bool{true, true}, got, "the two items were under way at the same time")
}
