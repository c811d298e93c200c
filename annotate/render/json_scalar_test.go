package render

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
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

// TestAppendJSONString checks appendJSONString, of strings and of byte slices, against
// encoding/json for each byte that needs attention (and bytes next to those) at each place
// in plain text long enough to be passed over 8 bytes at a time, alone and with another
// such byte after it.
func TestAppendJSONString(t *testing.T) {
	special := []string{
		"\x00", "\x1f", " ", "!", "\"", "#", "\\", "[", "]", "\x7f", "\b", "\f", "\n", "\r", "\t",
		"\x80", "\xff", "\xe2\x80", "é", "“", "\u2028", "\u2029", "😀", "\xf0\x9f\x98",
	}
	check := func(s string) {
		t.Helper()
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want.Truncate(want.Len() - 1) // the new line Encode adds
		if got := appendJSONString([]byte("x"), s); string(got[1:]) != want.String() {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got[1:], want.Bytes())
		}
		if got := appendJSONString([]byte("x"), []byte(s)); string(got[1:]) != want.String() {
			t.Fatalf("appendJSONString([]byte(%q)) = %s, want %s", s, got[1:], want.Bytes())
		}
	}
	plain := strings.Repeat("abcdefghijklmnopqrstuvwxyz", 2)
	for n := 0; n <= 20; n++ {
		check(plain[:n])
		for _, x := range special {
			for i := 0; i <= n; i++ {
				check(plain[:i] + x + plain[i:n])
				for _, y := range []string{"\"", "\xff", "\n", "é"} {
					for j := i; j <= n; j++ {
						check(plain[:i] + x + plain[i:j] + y + plain[j:n])
					}
				}
			}
		}
	}
}
