package findall

import (
	"bytes"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"github.com/slant-news/slant/annotate/internal/words"
)

// A prefilter tells where in a text a regular expression can match, so that the
// expression (whose cost grows with the length of the text times the size of the expression,
// and which for a case-insensitive expression with a leading alternation tries every
// position) runs only on the few short stretches that matter.
//
// It rests on two facts read off the expression's syntax tree:
//
//   - factors: a set of strings one of which every match contains (compared with ASCII
//     letters folded to lower case): "ago" for "(\d+|a|one) (hours?|days?) ago";
//   - cuts: the ASCII bytes that no match can contain and that are not word characters (so
//     that \b and \B read the same whether the byte or the start of the text is next to
//     them): for a pattern of letters and white space, every punctuation mark.
//
// A match lies inside one segment, a maximal run of the text without cut bytes, and contains
// a factor; so running the expression on each segment that contains a factor, on its own,
// finds exactly the non-empty matches that running it over the whole text finds. Segments
// are used only for expressions without ^, $, \A or \z (which read the start and end of the
// text); for those, the unit is the whole text.
//
// Folding: (?i) matches ASCII s and k also by ſ (U+017F) and K (U+212A), the only non-ASCII
// runes whose simple case folds are ASCII. The factor search does not fold them (a segment
// containing either is always searched).
type prefilter struct {
	scan    segmentScanner
	anchors *anchorScan // a faster way to the factors, when they have rare bytes; or nil
	factors []string    // for tests and debugging
}

// newPrefilter derives a filter from the expression expr, or returns nil when no factor
// set is known (a match may be empty, or contain only characters from large classes).
func newPrefilter(expr string) *prefilter {
	tree, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	info := analyze(tree)
	factors := bestFactors(info)
	if len(factors) == 0 {
		return nil
	}
	f := &prefilter{factors: factors}
	var cut [256]bool
	if !hasTextAnchor(tree) {
		var in runeSet
		in.addTree(tree)
		for b := 0; b < utf8.RuneSelf; b++ {
			cut[b] = !in.has(rune(b)) && !isWordByte(byte(b))
		}
	}
	f.scan.build(factors, &cut)
	f.anchors = newAnchorScan(factors)
	return f
}

// segments calls fn for each stretch [start, end) of text where a match of the expression
// can be found, in order; the stretches are disjoint and separated by cut bytes.
func (f *prefilter) segments(text string, fn func(start, end int)) {
	all := hasASCIIFold(text)
	if f.anchors != nil && !all {
		f.anchoredSegments(text, fn)
		return
	}
	t := &f.scan
	next := t.byByte
	state, start, hot := int32(0), 0, all
	for i := 0; i < len(text); i++ {
		state = next[int(state)<<8|int(text[i])]
		if state < t.firstSpecial {
			continue
		}
		if state == t.cut {
			if hot {
				fn(start, i)
			}
			state, start, hot = 0, i+1, all
			continue
		}
		// A factor ends here: skip to the end of the segment.
		hot = true
		for i+1 < len(text) && t.class[text[i+1]] != t.cutClass {
			i++
		}
	}
	if hot {
		fn(start, len(text))
	}
}

// hasASCIIFold reports whether text has ſ (U+017F, C5 BF) or K (U+212A, E2 84 AA), found by
// the bytes of each that are rare in news: C5, and AA (strings.Contains("\u212a") stops at
// every E2, which begins the curly quotation marks and dashes).
func hasASCIIFold(text string) bool {
	if strings.Contains(text, "ſ") {
		return true
	}
	for i := 2; i < len(text); i++ {
		j := strings.IndexByte(text[i:], 0xAA)
		if j < 0 {
			return false
		}
		i += j
		if text[i-2] == 0xE2 && text[i-1] == 0x84 {
			return true
		}
	}
	return false
}

// anchoredSegments is segments for a text without ſ and K, by way of the anchors: the
// segments it finds are those of the scan, found by jumping from one anchor byte to the next
// and reading only the segments around them.
func (f *prefilter) anchoredSegments(text string, fn func(start, end int)) {
	a, cutClass, class := f.anchors, f.scan.cutClass, &f.scan.class
	// next[k] is the first offset at or after from of anchor byte k: -1 for none, stale
	// (and searched again) when below from.
	var next [maxAnchorBytes]int
	for k := range a.bytes {
		next[k] = -2
	}
	from := 0 // the search goes on from here, the start of a segment
	for {
		p, k := -1, 0
		for j, b := range a.bytes {
			if next[j] != -1 && next[j] < from {
				next[j] = strings.IndexByte(text[from:], b)
				if next[j] >= 0 {
					next[j] += from
				}
			}
			if next[j] >= 0 && (p < 0 || next[j] < p) {
				p, k = next[j], j
			}
		}
		if p < 0 {
			return
		}
		if !a.factorAround(text, p, k) {
			from = p + 1
			continue
		}
		start, end := p, p+1
		for start > 0 && class[text[start-1]] != cutClass {
			start--
		}
		for end < len(text) && class[text[end]] != cutClass {
			end++
		}
		fn(start, end)
		if end >= len(text) {
			return
		}
		from = end + 1
	}
}

// maxAnchorBytes bounds the bytes an anchorScan looks for: each is a pass over the text.
const maxAnchorBytes = 3

// commonBytes lists the bytes of English news from the most frequent to the less frequent,
// as counted in the PTC and PolNeAR articles of ../shared/corpus (1.4 MB): a space is 16% of
// the bytes, "e" 9%, ... "k" 0.5%, a hyphen 0.17%, and the bytes not listed under 0.01%.
const commonBytes = " etaoinsrhldcumpfgywb.\n,v\x80\xe2kTSCIAM\x99-PxBH\x9c\x9dDF0'WR1NO\"EJ2ULjzG:KqV?935)(Y86\x947\x93\x98/;$][\xa6\xc2_!\xa0*Z%\xc3XQ@#\x95&\xa1\xa2"

// rareFrom is the rank in commonBytes from which a byte is rare enough to look for: past
// "k", under half a percent of the bytes.
var rareFrom = strings.IndexByte(commonBytes, 'k') + 1

// rarity ranks a byte, letters of either case as the commoner of the two: higher is rarer.
func rarity(b byte) int {
	rank := func(b byte) int {
		if i := strings.IndexByte(commonBytes, b); i >= 0 {
			return i
		}
		return len(commonBytes)
	}
	if lower := words.LowerASCII[b]; lower != b || 'a' <= b && b <= 'z' {
		return min(rank(lower), rank(lower-'a'+'A'))
	}
	return rank(b)
}

// anchorScan finds where the factors of an expression may occur by a byte of each that is
// rare in English (the hyphen of "so-called"): strings.IndexByte finds those far faster than
// the scan reads every byte, and only around them are the factors compared.
type anchorScan struct {
	bytes    []byte       // the anchor bytes: both cases of a letter
	byAnchor [][]factorAt // per anchor byte, the factors that have it, and where
}

// factorAt is a factor with an anchor byte at off.
type factorAt struct {
	factor string
	off    int
}

// newAnchorScan picks each factor's rarest byte; it returns nil when some factor has no rare
// byte or more than maxAnchorBytes bytes would be needed, and the scan is used instead.
func newAnchorScan(factors []string) *anchorScan {
	a := &anchorScan{}
	add := func(b byte, fa factorAt) bool {
		k := bytes.IndexByte(a.bytes, b)
		if k < 0 {
			if len(a.bytes) == maxAnchorBytes {
				return false
			}
			k = len(a.bytes)
			a.bytes = append(a.bytes, b)
			a.byAnchor = append(a.byAnchor, nil)
		}
		a.byAnchor[k] = append(a.byAnchor[k], fa)
		return true
	}
	for _, f := range factors {
		best := -1
		for i := 0; i < len(f); i++ {
			if best < 0 || rarity(f[i]) > rarity(f[best]) {
				best = i
			}
		}
		if best < 0 || rarity(f[best]) < rareFrom {
			return nil
		}
		b, fa := f[best], factorAt{factor: f, off: best}
		if lower := words.LowerASCII[b]; 'a' <= lower && lower <= 'z' {
			if !add(lower, fa) || !add(lower-'a'+'A', fa) {
				return nil
			}
		} else if !add(b, fa) {
			return nil
		}
	}
	return a
}

// factorAround reports whether a factor with anchor byte k occurs around offset p of text,
// ASCII letters folded.
func (a *anchorScan) factorAround(text string, p, k int) bool {
	for _, fa := range a.byAnchor[k] {
		start := p - fa.off
		if start < 0 || start+len(fa.factor) > len(text) {
			continue
		}
		if equalFoldASCII(text[start:start+len(fa.factor)], fa.factor) {
			return true
		}
	}
	return false
}

// equalFoldASCII reports whether two strings of the same length are equal with ASCII letters
// folded to lower case.
func equalFoldASCII(s, t string) bool {
	for i := 0; i < len(s); i++ {
		if words.LowerASCII[s[i]] != words.LowerASCII[t[i]] {
			return false
		}
	}
	return true
}

// segmentScanner finds the segments of a text that hold a factor in one pass: an
// Aho-Corasick automaton of the factors with one more input class, the cut bytes, which
// lead to the state cut from any state. The states at and above firstSpecial are cut and
// the states where a factor ends, so that the scan loop has one test per byte.
type segmentScanner struct {
	class        [256]uint8
	cutClass     uint8
	byByte       []int32 // state<<8 | byte -> next state
	firstSpecial int32
	cut          int32
}

func (s *segmentScanner) build(factors []string, cut *[256]bool) {
	var t foldTrie
	t.build(factors)
	// Renumber the states: those where no factor ends first.
	n := int32(len(t.accept))
	order := make([]int32, 0, n+1)
	for st := int32(0); st < n; st++ {
		if !t.accept[st] {
			order = append(order, st)
		}
	}
	s.firstSpecial = int32(len(order))
	for st := int32(0); st < n; st++ {
		if t.accept[st] {
			order = append(order, st)
		}
	}
	newID := make([]int32, n)
	for i, st := range order {
		newID[st] = int32(i)
	}
	s.cut = n
	nclass := t.nclass + 1
	s.cutClass = uint8(t.nclass)
	s.class = t.class
	for c := range s.class {
		if cut[c] {
			s.class[c] = s.cutClass
		}
	}
	// The transitions by class, then by byte: the scan saves the class lookup.
	next := make([]int32, (n+1)*int32(nclass))
	for i, st := range order {
		for cl := 0; cl < t.nclass; cl++ {
			next[i*nclass+cl] = newID[t.next[int(st)*t.nclass+cl]]
		}
		next[i*nclass+int(s.cutClass)] = s.cut
	}
	for cl := 0; cl < nclass; cl++ { // the cut state goes on as the start state
		next[int(s.cut)*nclass+cl] = next[cl]
	}
	s.byByte = make([]int32, (n+1)<<8)
	for st := 0; st <= int(n); st++ {
		for b := range 256 {
			s.byByte[st<<8|b] = next[st*nclass+int(s.class[b])]
		}
	}
}

// foldTrie is a trie of strings over input classes of bytes: ASCII letters fold to lower
// case, and every byte that occurs in none of the strings is class 0. With its Aho-Corasick
// transitions, it finds the strings anywhere in a text in one pass.
type foldTrie struct {
	class  [256]uint8
	nclass int
	next   []int32 // node*nclass + class -> next node
	accept []bool  // per node: a string ends here, or a suffix of it does
}

func (t *foldTrie) build(strs []string) {
	for _, s := range strs {
		for i := 0; i < len(s); i++ {
			if t.class[s[i]] == 0 {
				t.nclass++
				t.class[s[i]] = uint8(t.nclass)
			}
		}
	}
	t.nclass++
	for c := 'A'; c <= 'Z'; c++ {
		t.class[c] = t.class[c+'a'-'A']
	}
	t.next = []int32{}
	t.accept = nil
	addNode := func() int32 {
		for range t.nclass {
			t.next = append(t.next, -1)
		}
		t.accept = append(t.accept, false)
		return int32(len(t.accept) - 1)
	}
	addNode()
	for _, s := range strs {
		n := int32(0)
		for i := 0; i < len(s); i++ {
			k := int(n)*t.nclass + int(t.class[s[i]])
			if t.next[k] < 0 {
				child := addNode()
				t.next[k] = child
			}
			n = t.next[k]
		}
		t.accept[n] = true
	}
	// Breadth first: a missing transition goes where the failure link's does; a node
	// accepts if its failure link does.
	fail := make([]int32, len(t.accept))
	queue := []int32{0}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if t.accept[fail[n]] {
			t.accept[n] = true
		}
		for cl := 0; cl < t.nclass; cl++ {
			k := int(n)*t.nclass + cl
			child := t.next[k]
			switch {
			case child >= 0:
				if n != 0 {
					fail[child] = t.next[int(fail[n])*t.nclass+cl]
				}
				queue = append(queue, child)
			case n == 0:
				t.next[k] = 0
			default:
				t.next[k] = t.next[int(fail[n])*t.nclass+cl]
			}
		}
	}
}
