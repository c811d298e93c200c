// Package ordered runs work on several goroutines and hands the results on in the order of
// the work, each as soon as it and all before it are done: files annotated on every core and
// written out in the order they were named, with a bound on the memory they hold.
package ordered

import "sync"

// Limits bound the work Run has under way.
type Limits struct {
	// Workers is the number of goroutines that do the work (at least one).
	Workers int
	// Cost, when not nil, is what item i costs (its size in bytes, say), and Budget the
	// most the items done or under way but not yet emitted may cost together; an item that
	// costs more than the budget goes alone.
	Cost   func(i int) int
	Budget int
}

// Run calls do(i) for i in [0, n) on up to lim.Workers goroutines and emit with the results
// in order of i, each as soon as it and all before it are done. At most 2×Workers results
// are done or under way at any time (and within the budget, when there is one), so memory
// stays bounded however large n is. The first error, in order of i, from do or emit stops
// the work and is returned.
func Run[T any](n int, lim Limits, do func(i int) (T, error), emit func(T) error) error {
	workers := max(1, min(lim.Workers, n))
	cost, budget := lim.Cost, lim.Budget
	type result struct {
		v   T
		err error
	}
	type pending struct {
		out  chan result
		cost int
	}
	window := make(chan pending, 2*workers) // pending results, in order; its size is the bound
	var (
		mu    sync.Mutex
		used  int                      // the cost of the items sent and not yet emitted
		freed = make(chan struct{}, 1) // a signal that used went down
	)
	type job struct {
		i   int
		out chan result // only the window and the job hold it: nothing grows with n
	}
	jobs := make(chan job)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	go func() {
		defer close(window)
		defer close(jobs)
		for i := range n {
			c := 0
			if cost != nil {
				c = min(cost(i), budget)
			}
			for {
				mu.Lock()
				fits := used == 0 || used+c <= budget
				if fits {
					used += c
				}
				mu.Unlock()
				if fits {
					break
				}
				select {
				case <-freed:
				case <-stop:
					return
				}
			}
			out := make(chan result, 1)
			select {
			case window <- pending{out, c}:
			case <-stop:
				return
			}
			select {
			case jobs <- job{i, out}:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				v, err := do(j.i)
				j.out <- result{v, err}
			}
		}()
	}
	var err error
	for p := range window {
		r := <-p.out
		if err = r.err; err == nil {
			err = emit(r.v)
		}
		if err != nil {
			break
		}
		if p.cost > 0 {
			mu.Lock()
			used -= p.cost
			mu.Unlock()
			select {
			case freed <- struct{}{}:
			default: // a signal is waiting already
			}
		}
	}
	close(stop)
	for range window { // let the feeder finish
	}
	wg.Wait()
	return err
}
