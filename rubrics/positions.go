package rubrics

import (
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// positions maps a key path in a rubric file ("name", "rules.2.pattern", "rules.2.terms.5",
// "overrides.hedge.words") to where its value starts, so that checks done after decoding can
// still point at file:line:col. Array tables are numbered from 0 in the order they appear.
type positions struct {
	file  string
	at    map[string]Position
	lines []int // byte offset where each line starts
}

// indexPositions parses data (already known to be valid TOML) and records the position of
// every key's value.
func indexPositions(file string, data []byte) positions {
	ps := positions{file: file, at: map[string]Position{}, lines: []int{0}}
	for i, c := range data {
		if c == '\n' {
			ps.lines = append(ps.lines, i+1)
		}
	}
	var p unstable.Parser
	p.Reset(data)
	counts := map[string]int{} // array table path -> elements seen
	var prefix string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			key := ps.resolve(keyParts(e.Key()), counts)
			if e.Kind == unstable.ArrayTable {
				n := counts[key]
				counts[key] = n + 1
				key += "." + strconv.Itoa(n)
			}
			prefix = key
			ps.record(&p, prefix, e)
		case unstable.KeyValue:
			ps.keyValue(&p, prefix, e)
		}
	}
	return ps
}

// resolve rewrites a table header path so that a segment naming an array table refers to its
// latest element: [rules.examples] after [[rules]] means rules.<last>.examples.
func (ps positions) resolve(parts []string, counts map[string]int) string {
	var b strings.Builder
	for i, part := range parts {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(part)
		if n, ok := counts[b.String()]; ok && i < len(parts)-1 {
			b.WriteString("." + strconv.Itoa(n-1))
		}
	}
	return b.String()
}

func (ps positions) keyValue(p *unstable.Parser, prefix string, kv *unstable.Node) {
	path := join(prefix, strings.Join(keyParts(kv.Key()), "."))
	value := kv.Value()
	ps.record(p, path, value)
	switch value.Kind {
	case unstable.InlineTable:
		it := value.Children()
		for it.Next() {
			if it.Node().Kind == unstable.KeyValue {
				ps.keyValue(p, path, it.Node())
			}
		}
	case unstable.Array:
		it := value.Children()
		for i := 0; it.Next(); i++ {
			ps.record(p, path+"."+strconv.Itoa(i), it.Node())
		}
	}
}

func (ps positions) record(p *unstable.Parser, path string, n *unstable.Node) {
	r := n.Raw
	if r.Length == 0 && r.Offset == 0 {
		// Some nodes (tables) carry their position on their first key part.
		if c := n.Child(); c != nil && c.Valid() {
			r = c.Raw
		}
	}
	// The line and column of r's start, as p.Shape(r).Start would give them (in bytes), but
	// by binary search: Shape counts the lines from the start of the file every time.
	off := int(r.Offset)
	line := sort.SearchInts(ps.lines, off+1) // lines starting at or before off
	ps.at[path] = Position{File: ps.file, Line: line, Column: off - ps.lines[line-1] + 1}
}

// key returns the position of path, or of its nearest recorded ancestor, or line 1 column 1.
func (ps positions) key(path string) Position {
	for {
		if pos, ok := ps.at[path]; ok {
			return pos
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return Position{File: ps.file, Line: 1, Column: 1}
		}
		path = path[:i]
	}
}

func keyParts(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}
