package tomlpos

import (
	"strconv"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Index maps the key paths of a TOML document to where they are, for checks made after
// decoding. A path joins keys with dots as go-toml's strict errors do, and numbers the
// elements of arrays and array tables from 0: "name", "rules.2.pattern", "rules.2.terms.5",
// "overrides.hedge.words" (for [overrides."hedge.words"]; a path cannot tell a dot inside a
// quoted key from one between keys, and need not).
//
// A key with a value is placed at its value; a table, whether named by a [header], an
// [[array table]] header or a dotted key, at its own key: [a.b."c"] places a.b.c at the
// opening quote of "c", as a user reads the key. A table is placed by the header that names
// it, or if none does, where it first appears in a longer key ([a.b."c"] places a and a.b).
//
// The index is built the first time a position is asked for: most documents are decoded
// without an error to place, and building it was a sixth of the time slant takes to start.
type Index struct {
	file string
	data []byte
	once sync.Once

	lines *lines
	at    map[string]Position
}

// NewIndex indexes data, the contents of file, which should be valid TOML (such as a document
// go-toml has decoded); of a document with a syntax error, only the keys before the error are
// indexed. data must not change afterwards: it is read when a position is first asked for.
func NewIndex(file string, data []byte) *Index {
	return &Index{file: file, data: data}
}

// build indexes the document, once.
func (ix *Index) build() {
	ix.once.Do(func() { ix.index(ix.file, ix.data) })
}

func (ix *Index) index(file string, data []byte) {
	ix.lines, ix.at = newLines(file, data), map[string]Position{}
	var p unstable.Parser
	p.Reset(data)
	elements := map[string]int{} // array table path -> elements seen so far
	var table string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = ix.header(e, elements)
		case unstable.KeyValue:
			ix.keyValue(table, e)
		}
	}
}

// Key returns the position of path, or of its nearest indexed ancestor, or line 1 column 1.
// A nil Index places everything at line 1 column 1 of no file.
func (ix *Index) Key(path string) Position {
	if ix == nil {
		return Position{Line: 1, Column: 1}
	}
	ix.build()
	for {
		if pos, ok := ix.at[path]; ok {
			return pos
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return Position{File: ix.lines.file, Line: 1, Column: 1}
		}
		path = path[:i]
	}
}

// header indexes a [table] or [[array table]] header and returns the table's path. A key
// naming an array table refers to its latest element: [rules.examples] after [[rules]] is
// rules.<last>.examples.
func (ix *Index) header(e *unstable.Node, elements map[string]int) string {
	var path string
	it := e.Key()
	for it.Next() {
		key := it.Node()
		path = join(path, string(key.Data))
		switch {
		case !it.IsLast():
			if n, ok := elements[path]; ok {
				path += "." + strconv.Itoa(n-1)
			}
			ix.first(path, key.Raw)
		case e.Kind == unstable.ArrayTable:
			ix.first(path, key.Raw) // the array
			n := elements[path]
			elements[path] = n + 1
			path += "." + strconv.Itoa(n)
			ix.at[path] = ix.lines.at(int(key.Raw.Offset))
		default:
			ix.at[path] = ix.lines.at(int(key.Raw.Offset))
		}
	}
	return path
}

// keyValue indexes key = value in table, and what value holds.
func (ix *Index) keyValue(table string, kv *unstable.Node) {
	path := table
	var last unstable.Range
	it := kv.Key()
	for it.Next() {
		key := it.Node()
		path = join(path, string(key.Data))
		if !it.IsLast() {
			ix.first(path, key.Raw) // a table of a dotted key
		}
		last = key.Raw
	}
	ix.value(path, kv.Value(), last)
}

// value indexes a value at path, and the keys of an inline table or the elements of an
// array. An array has no range of its own: it is placed at its first element, or if it is
// empty at outer (its key, or the array it is in).
func (ix *Index) value(path string, v *unstable.Node, outer unstable.Range) {
	r := v.Raw
	for n := v; r == (unstable.Range{}); {
		if n = n.Child(); n == nil || !n.Valid() {
			r = outer
			break
		}
		r = n.Raw
	}
	ix.at[path] = ix.lines.at(int(r.Offset))
	switch v.Kind {
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			if it.Node().Kind == unstable.KeyValue {
				ix.keyValue(path, it.Node())
			}
		}
	case unstable.Array:
		it := v.Children()
		for i := 0; it.Next(); i++ {
			ix.value(path+"."+strconv.Itoa(i), it.Node(), r)
		}
	}
}

// first places path at r unless it is placed already: a table is where it first appears.
func (ix *Index) first(path string, r unstable.Range) {
	if _, ok := ix.at[path]; !ok {
		ix.at[path] = ix.lines.at(int(r.Offset))
	}
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}
