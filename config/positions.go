package config

import (
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/slant-news/slant/rubrics"
)

// positions maps a key path of a config file ("fail_on", "ignore.2", "overrides.hedge.words",
// "overrides.hedge.words.severity") to where its value starts, so that checks done after
// decoding can still name file:line:col. It is the same walk as rubrics' own index (kept
// unexported there); a config has no array tables, so it is simpler.
type positions struct {
	file string
	at   map[string]rubrics.Position
}

// indexPositions parses data (already known to be valid TOML) and records where every key's
// value starts.
func indexPositions(file string, data []byte) positions {
	ps := positions{file: file, at: map[string]rubrics.Position{}}
	var p unstable.Parser
	p.Reset(data)
	var prefix string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			prefix = strings.Join(keyParts(e.Key()), ".")
			ps.recordRaw(&p, prefix, lastKeyPart(e.Key()))
		case unstable.KeyValue:
			ps.keyValue(&p, prefix, e)
		}
	}
	return ps
}

func (ps positions) keyValue(p *unstable.Parser, prefix string, kv *unstable.Node) {
	path := strings.Join(keyParts(kv.Key()), ".")
	if prefix != "" {
		path = prefix + "." + path
	}
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
		// Tables carry their position on their first key part.
		if c := n.Child(); c != nil && c.Valid() {
			r = c.Raw
		}
	}
	ps.recordRaw(p, path, r)
}

// recordRaw records the position of raw bytes of the document.
func (ps positions) recordRaw(p *unstable.Parser, path string, r unstable.Range) {
	shape := p.Shape(r)
	ps.at[path] = rubrics.Position{File: ps.file, Line: shape.Start.Line, Column: shape.Start.Column}
}

// key returns the position of path, or of its nearest recorded ancestor, or line 1 column 1.
func (ps positions) key(path string) rubrics.Position {
	for {
		if pos, ok := ps.at[path]; ok {
			return pos
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return rubrics.Position{File: ps.file, Line: 1, Column: 1}
		}
		path = path[:i]
	}
}

// lastKeyPart returns where the last part of a dotted key is: for [overrides."hedge.words"]
// that is the rule id.
func lastKeyPart(it unstable.Iterator) unstable.Range {
	var r unstable.Range
	for it.Next() {
		r = it.Node().Raw
	}
	return r
}

func keyParts(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}
