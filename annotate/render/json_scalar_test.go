package render

import (
	"math"
	"strconv"
	"testing"
)

// TestAppendJSONInt checks the integer formatter against strconv for every value below
// 10⁶, at and around each power of ten, and for negative and extreme values, appended after
// other bytes.
func TestAppendJSONInt(t *testing.T) {
	check := func(v int) {
		t.Helper()
		got := appendJSONInt([]byte("x: "), v)
		if want := strconv.AppendInt([]byte("x: "), int64(v), 10); string(got) != string(want) {
			t.Fatalf("appendJSONInt(%d) = %q, want %q", v, got, want)
		}
	}
	for v := range 1_000_000 {
		check(v)
	}
	for p := 1; p <= math.MaxInt/10; p *= 10 {
		for _, v := range []int{p - 1, p, p + 1, 2*p - 1, 9 * p, 10*p - 1} {
			check(v)
			check(-v)
		}
	}
	for _, v := range []int{math.MaxInt, math.MinInt, math.MinInt + 1, -1, -10, -99} {
		check(v)
	}
}
