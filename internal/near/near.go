// Package near finds the strings closest to a misspelt one, for "did you mean" messages.
package near

import (
	"sort"
	"strings"
)

// Strings returns the candidates close to s, closest first: those within an edit distance
// of a third of s's length (at least 2), and those that contain s or that s contains.
// Candidates equal to s are left out.
func Strings(candidates []string, s string) []string {
	type scored struct {
		c string
		d int
	}
	limit := max(2, len([]rune(s))/3)
	var out []scored
	seen := map[string]bool{}
	for _, c := range candidates {
		if c == s || seen[c] {
			continue
		}
		seen[c] = true
		d := distance(s, c)
		switch {
		case d <= limit:
		case len(s) >= 3 && (strings.Contains(c, s) || strings.Contains(s, c)):
			d = limit + 1
		default:
			continue
		}
		out = append(out, scored{c, d})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].d != out[j].d {
			return out[i].d < out[j].d
		}
		return out[i].c < out[j].c
	})
	res := make([]string, len(out))
	for i, o := range out {
		res[i] = o.c
	}
	return res
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
