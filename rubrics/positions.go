package rubrics

import "github.com/slant-news/slant/internal/tomlpos"

// positions places the keys of a rubric file ("name", "rules.2.pattern", "rules.2.terms.5",
// "overrides.hedge.words"; array tables are numbered from 0 in the order they appear), so
// that checks done after decoding can still point at file:line:col.
type positions struct {
	index *tomlpos.Index
}

// key returns the position of path, or of its nearest recorded ancestor, or line 1 column 1.
func (ps positions) key(path string) Position {
	return ps.index.Key(path)
}

// decode decodes a rubric file strictly into f and indexes its keys. It returns the options
// of f's rules, decoded with the fields of every kind registered, to be checked once each
// rule's kind is known. An unknown key, a syntax error or a value of the wrong type is a
// *PositionError.
func decode(path string, data []byte, f *File) ([]decodedRule, positions, error) {
	shape := currentShape()
	v := shape.newFile()
	index, err := tomlpos.Decode(path, data, v.Interface(), tomlpos.Wording{Noun: "rubric"})
	if err != nil {
		return nil, positions{}, err
	}
	return shape.fill(f, v.Elem()), positions{index}, nil
}
