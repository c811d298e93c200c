package findall

import (
	"math/bits"
	"regexp"
	"regexp/syntax"
	"sync"
	"unicode/utf8"
)

// allMatcher finds the matches regexp's FindAllStringSubmatchIndex finds, the same ones with
// the same groups, in time linear in the text for any expression.
//
// FindAll is a loop of leftmost-first searches, each going on from the end of the match
// before. One search is linear in what it reads, but it may read far past the match it
// returns: a thread of higher priority than the match (the greedy optional group of
// `claim(?:[^.]*without evidence)?`) is followed until it dies, at the next full stop or the
// end of the text, and the next search reads the same stretch again. Over "claim claim ..."
// FindAll takes time quadratic in the text: 64 KB 21 s, 256 KB 6.5 min.
//
// allMatcher reads the text once backwards first and records, at each position, the set of
// program instructions from which the rest of the text can complete a match (the live set).
// Each search then starts at the first position whose start instruction is live and follows,
// in the order of priority Go's backtracker and Pike VM use, only live instructions: it never
// takes a branch that cannot match, so it never backtracks past a rune it has read, and it
// reads exactly the match. The cost is the backward pass, proportional to the length of the
// text times the size of the program, and one pass over each match.
type allMatcher struct {
	prog      *syntax.Prog
	words     int         // uint64 words per live set
	preds     [][]int32   // per instruction, the instructions that reach it without reading a rune
	runePreds [][]int32   // per instruction, the instructions that read a rune into it
	ascii     [][2]uint64 // per instruction that reads a rune, the ASCII runes it reads
	match     int32       // the match instruction
	ncap      int         // capture slots, as FindAllStringSubmatchIndex reports them
	bufs      sync.Pool   // *allMatchBuffers
	hasCap    []bool      // per instruction: it is a capture FindAll reports
}

// allMatchBuffers are one search's scratch storage, reused from text to text.
type allMatchBuffers struct {
	live    []uint64 // live sets, one per byte position of the text and one past its end
	bounds  []int32  // the positions regexp steps on, in a text that is not all ASCII
	caps    []int    // the capture positions of the match found
	stack   []int32
	dfs     []dfsEntry
	visited []uint64
	parent  []int32
}

// dfsEntry is an instruction to visit in a walk, and the one it was reached from.
type dfsEntry struct{ pc, parent int32 }

// newAllMatcher compiles the program of re, which regexp.Compile made (leftmost-first, not
// POSIX), as package regexp does; it returns nil if it cannot.
func newAllMatcher(re *regexp.Regexp) *allMatcher {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		return nil
	}
	m := &allMatcher{
		prog:      prog,
		words:     (len(prog.Inst) + 63) / 64,
		preds:     make([][]int32, len(prog.Inst)),
		runePreds: make([][]int32, len(prog.Inst)),
		ascii:     make([][2]uint64, len(prog.Inst)),
		match:     -1,
		ncap:      2 * (re.NumSubexp() + 1),
		hasCap:    make([]bool, len(prog.Inst)),
	}
	for pc, inst := range prog.Inst {
		switch inst.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			m.preds[inst.Out] = append(m.preds[inst.Out], int32(pc))
			m.preds[inst.Arg] = append(m.preds[inst.Arg], int32(pc))
		case syntax.InstNop, syntax.InstCapture, syntax.InstEmptyWidth:
			m.preds[inst.Out] = append(m.preds[inst.Out], int32(pc))
			m.hasCap[pc] = inst.Op == syntax.InstCapture && int(inst.Arg) < m.ncap
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			m.runePreds[inst.Out] = append(m.runePreds[inst.Out], int32(pc))
			for r := range rune(utf8.RuneSelf) {
				if readsRune(&prog.Inst[pc], r) {
					m.ascii[pc][r>>6] |= 1 << (r & 63)
				}
			}
		case syntax.InstMatch:
			m.match = int32(pc)
		}
	}
	if m.match < 0 {
		return nil
	}
	return m
}

// readsRune reports whether instruction inst reads rune r, as regexp's Pike VM decides it.
func readsRune(inst *syntax.Inst, r rune) bool {
	switch inst.Op {
	case syntax.InstRune:
		return inst.MatchRune(r)
	case syntax.InstRune1:
		return r == inst.Rune[0]
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	}
	return false
}

// emptyContext returns the empty-width assertions that hold at byte pos of text, as regexp reads
// them.
func emptyContext(text string, pos int) syntax.EmptyOp {
	r1, r2 := rune(-1), rune(-1)
	if pos > 0 {
		r1, _ = utf8.DecodeLastRuneInString(text[:pos])
	}
	if pos < len(text) {
		r2, _ = utf8.DecodeRuneInString(text[pos:])
	}
	return syntax.EmptyOpContext(r1, r2)
}

// findAll calls fn with each match of the expression in text, the slice of capture
// positions FindAllStringSubmatchIndex would give (valid only during the call). It returns
// the number of steps it took: the instructions its live sets and its walks visited.
func (m *allMatcher) findAll(text string, fn func(loc []int)) int {
	b, _ := m.bufs.Get().(*allMatchBuffers)
	if b == nil {
		b = new(allMatchBuffers)
	}
	defer m.bufs.Put(b)
	steps := m.computeLive(text, b)

	if cap(b.caps) < m.ncap {
		b.caps = make([]int, m.ncap)
	}
	caps := b.caps[:m.ncap]
	start := int32(m.prog.Start)
	for pos, prevMatchEnd := 0, -1; pos <= len(text); {
		// The leftmost position at or after pos where a match starts.
		s := pos
		for s <= len(text) && !m.isLive(b, s, start) {
			if s == len(text) {
				s++
				break
			}
			s += runeWidth(text, s)
		}
		steps += s - pos
		if s > len(text) {
			break
		}
		for i := range caps {
			caps[i] = -1
		}
		steps += m.walk(text, s, caps, b)
		accept := true
		if caps[1] == pos {
			if caps[0] == prevMatchEnd {
				accept = false // no empty match right after a match, as FindAll
			}
			if pos == len(text) {
				pos++
			} else {
				pos += runeWidth(text, pos)
			}
		} else {
			pos = caps[1]
		}
		prevMatchEnd = caps[1]
		if accept {
			fn(caps)
		}
	}
	return steps
}

// runeWidth returns the width of the rune at byte pos < len(text) as regexp steps over it.
func runeWidth(text string, pos int) int {
	if text[pos] < utf8.RuneSelf {
		return 1
	}
	_, w := utf8.DecodeRuneInString(text[pos:])
	return w
}

// isLive reports whether instruction pc is in the live set at byte pos.
func (m *allMatcher) isLive(b *allMatchBuffers, pos int, pc int32) bool {
	return b.live[pos*m.words+int(pc>>6)]&(1<<(pc&63)) != 0
}

// computeLive fills b.live with the live set of every position of text that regexp steps
// on: the instructions from which the text from that position on can complete a match. It
// returns the steps taken.
func (m *allMatcher) computeLive(text string, b *allMatchBuffers) int {
	n, w := len(text), m.words
	need := (n + 1) * w
	if cap(b.live) < need {
		b.live = make([]uint64, need)
	}
	b.live = b.live[:need]
	clear(b.live)
	steps := 0
	if isASCII(text) {
		for pos := n; pos >= 0; pos-- {
			steps += m.liveAt(text, pos, pos+1, b)
		}
		return steps
	}
	// The positions regexp steps on, from the start of the text.
	bounds := b.bounds[:0]
	for p := 0; p < n; p += runeWidth(text, p) {
		bounds = append(bounds, int32(p))
	}
	bounds = append(bounds, int32(n))
	b.bounds = bounds
	for k := len(bounds) - 1; k >= 0; k-- {
		next := n + 1
		if k+1 < len(bounds) {
			next = int(bounds[k+1])
		}
		steps += m.liveAt(text, int(bounds[k]), next, b)
	}
	return steps
}

// liveAt computes the live set at pos, next being the position after the rune at pos (the
// live set there is computed).
func (m *allMatcher) liveAt(text string, pos, next int, b *allMatchBuffers) int {
	w := m.words
	live := b.live[pos*w : (pos+1)*w]
	stack := b.stack[:0]
	live[m.match>>6] |= 1 << (m.match & 63)
	stack = append(stack, m.match)
	if pos < len(text) {
		// The instructions that read the rune at pos into one live after it.
		r, c := rune(text[pos]), text[pos]
		if c >= utf8.RuneSelf {
			r, _ = utf8.DecodeRuneInString(text[pos:])
		}
		after := b.live[next*w : (next+1)*w]
		for k, word := range after {
			for word != 0 {
				out := k<<6 | bits.TrailingZeros64(word)
				word &= word - 1
				for _, pc := range m.runePreds[out] {
					reads := false
					if c < utf8.RuneSelf {
						reads = m.ascii[pc][c>>6]&(1<<(c&63)) != 0
					} else {
						reads = readsRune(&m.prog.Inst[pc], r)
					}
					if reads && live[pc>>6]&(1<<(pc&63)) == 0 {
						live[pc>>6] |= 1 << (pc & 63)
						stack = append(stack, pc)
					}
				}
			}
		}
	}
	var flags syntax.EmptyOp
	haveFlags := false
	steps := 0
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		steps++
		for _, u := range m.preds[pc] {
			if live[u>>6]&(1<<(u&63)) != 0 {
				continue
			}
			if inst := &m.prog.Inst[u]; inst.Op == syntax.InstEmptyWidth {
				if !haveFlags {
					flags, haveFlags = emptyContext(text, pos), true
				}
				if syntax.EmptyOp(inst.Arg)&^flags != 0 {
					continue
				}
			}
			live[u>>6] |= 1 << (u & 63)
			stack = append(stack, u)
		}
	}
	b.stack = stack
	return steps
}

// walk follows the match that starts at s, whose start instruction is live, filling caps,
// and returns the steps taken. At each position it searches depth first, in priority order,
// among the live instructions reached without reading a rune, for the first that either
// matches or reads the rune there into a live instruction; the captures on the way to it
// take the position.
func (m *allMatcher) walk(text string, s int, caps []int, b *allMatchBuffers) int {
	n := len(m.prog.Inst)
	if cap(b.visited) < m.words {
		b.visited = make([]uint64, m.words)
	}
	if cap(b.parent) < n {
		b.parent = make([]int32, n)
	}
	visited, parent := b.visited[:m.words], b.parent[:n]
	caps[0] = s
	steps := 0
	pc, pos := int32(m.prog.Start), s
	for {
		clear(visited)
		var r rune = -1
		if pos < len(text) {
			r, _ = utf8.DecodeRuneInString(text[pos:])
		}
		nextPos := pos + 1
		if pos < len(text) {
			nextPos = pos + runeWidth(text, pos)
		}
		var flags syntax.EmptyOp
		haveFlags := false
		dfs := append(b.dfs[:0], dfsEntry{pc, -1})
		exit := int32(-1)
		for len(dfs) > 0 && exit < 0 {
			e := dfs[len(dfs)-1]
			dfs = dfs[:len(dfs)-1]
			v := e.pc
			if visited[v>>6]&(1<<(v&63)) != 0 || !m.isLive(b, pos, v) {
				continue
			}
			visited[v>>6] |= 1 << (v & 63)
			parent[v] = e.parent
			steps++
			inst := &m.prog.Inst[v]
			switch inst.Op {
			case syntax.InstAlt, syntax.InstAltMatch:
				dfs = append(dfs, dfsEntry{int32(inst.Arg), v}, dfsEntry{int32(inst.Out), v})
			case syntax.InstNop, syntax.InstCapture:
				dfs = append(dfs, dfsEntry{int32(inst.Out), v})
			case syntax.InstEmptyWidth:
				if !haveFlags {
					flags, haveFlags = emptyContext(text, pos), true
				}
				if syntax.EmptyOp(inst.Arg)&^flags == 0 {
					dfs = append(dfs, dfsEntry{int32(inst.Out), v})
				}
			case syntax.InstMatch:
				exit = v
			default: // reads a rune
				if pos < len(text) && m.isLive(b, nextPos, int32(inst.Out)) && readsRune(inst, r) {
					exit = v
				}
			}
		}
		b.dfs = dfs
		if exit < 0 {
			panic("findall: allMatcher walked into an instruction that cannot match")
		}
		for u := exit; u >= 0; u = parent[u] {
			if m.hasCap[u] {
				caps[m.prog.Inst[u].Arg] = pos
			}
		}
		if exit == m.match {
			caps[1] = pos
			return steps
		}
		pc, pos = int32(m.prog.Inst[exit].Out), nextPos
	}
}

// isASCII reports whether text is all ASCII.
func isASCII(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
