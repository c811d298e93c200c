package tomlpos

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Wording says how the errors of Decode read, beyond go-toml's own words.
type Wording struct {
	// Hint follows the message for an unknown key, after a space: "(want a, b or c)".
	Hint string
	// Noun, if not "", goes before the file's name in an error go-toml does not place:
	// "rubric x.toml: ...".
	Noun string
}

// Decode decodes data, the contents of file, into v, strictly: a key v has no field for is
// an error. An error go-toml places (an unknown key, a syntax error, a value of the wrong
// type) is an *Error naming file:line:col (see Wording.DecodeError). Decode returns the
// Index of data's keys, for checks made after decoding.
func Decode(file string, data []byte, v any, w Wording) (*Index, error) {
	dec := toml.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return nil, w.DecodeError(file, data, err)
	}
	return NewIndex(file, data), nil
}

// DecodeError words err, an error of go-toml decoding data, the contents of file. The first
// unknown key of a *toml.StrictMissingError is an *Error at the key, reading
// `unknown key "a.b"` and the hint; a *toml.DecodeError is an *Error at the place it names,
// reading its message without go-toml's "toml: " prefix and with "a value" for the Go names
// it gives ("struct field rubrics.Rule.Terms"), which mean nothing to the person who wrote
// the file. Columns are counted in
// characters, where go-toml counts bytes. Any other error is "noun file: err".
func (w Wording) DecodeError(file string, data []byte, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		e := &strict.Errors[0]
		msg := fmt.Sprintf("unknown key %q", strings.Join(e.Key(), "."))
		if w.Hint != "" {
			msg += " " + w.Hint
		}
		return &Error{Pos: place(file, data, e), Msg: msg}
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		msg := goField.ReplaceAllString(strings.TrimPrefix(de.Error(), "toml: "), "a value")
		msg = goType.ReplaceAllStringFunc(msg, func(m string) string {
			if t, ok := tomlTypes[strings.TrimPrefix(m, "a value of type ")]; ok {
				return t
			}
			return m
		})
		return &Error{Pos: place(file, data, de), Msg: msg}
	}
	if w.Noun != "" {
		return fmt.Errorf("%s %s: %w", w.Noun, file, err)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// goField matches the Go names go-toml puts in type errors: "struct field pkg.Type.Field", or,
// for a struct type made at run time (as package rubrics makes for a rule, with the fields of
// every registered kind), "struct field struct { ... }.Field".
var goField = regexp.MustCompile(`struct field (?:struct \{.*?\}\.)?[\w.]+`)

// goType matches the Go type go-toml names in a type error, and tomlTypes says the usual ones
// in the words of TOML.
var (
	goType    = regexp.MustCompile(`a value of type \S+`)
	tomlTypes = map[string]string{
		"[]string": "a list of strings",
		"string":   "a string",
		"int":      "an integer",
		"bool":     "true or false",
		"float64":  "a number",
	}
)

// place returns the position of a go-toml error, whose column counts bytes, in characters.
func place(file string, data []byte, e *toml.DecodeError) Position {
	l := newLines(file, data)
	return l.at(l.offset(e.Position()))
}
