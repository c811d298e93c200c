package tomlpos

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// where gives "line:col" of path in ix, to compare many at once.
func where(ix *Index, path string) string {
	p := ix.Key(path)
	return fmt.Sprintf("%d:%d", p.Line, p.Column)
}

func TestIndexTables(t *testing.T) {
	ix := NewIndex("t.toml", []byte(`name = "n"
[a.b.c]
x = 1
[a]
y = 2
[overrides."hedge.words"]
disabled = true
[ spaced . 'literal' ]
`))
	for path, want := range map[string]string{
		"name":                           "1:8",
		"a.b.c":                          "2:6", // a table is at its own key
		"a.b":                            "2:4", // and the tables of its header at theirs
		"a.b.c.x":                        "3:5", // a key with a value is at the value
		"a":                              "4:2", // where a header names it, though [a.b.c] made it first
		"a.y":                            "5:5",
		"overrides":                      "6:2",
		"overrides.hedge.words":          "6:12", // the opening quote, as the user reads the key
		"overrides.hedge.words.disabled": "7:12",
		"spaced.literal":                 "8:12",
	} {
		assert.Equal(t, want, where(ix, path), path)
	}
	assert.Equal(t, Position{File: "t.toml", Line: 6, Column: 12}, ix.Key("overrides.hedge.words"))
}

func TestIndexArrayTables(t *testing.T) {
	ix := NewIndex("t.toml", []byte(`[[rules]]
id = "a"
[rules.examples]
flag = ["x", "y"]
[[rules]]
id = "b"
[[rules.cases]]
text = "one"
[[rules.cases]]
text = "two"
`))
	for path, want := range map[string]string{
		"rules":                   "1:3",
		"rules.0":                 "1:3",
		"rules.0.id":              "2:6",
		"rules.0.examples":        "3:8", // [rules.examples] is in the latest rules
		"rules.0.examples.flag":   "4:9",
		"rules.0.examples.flag.1": "4:14",
		"rules.1":                 "5:3",
		"rules.1.id":              "6:6",
		"rules.1.cases.0":         "7:9",
		"rules.1.cases.0.text":    "8:8",
		"rules.1.cases.1":         "9:9",
		"rules.1.cases.1.text":    "10:8",
	} {
		assert.Equal(t, want, where(ix, path), path)
	}
}

func TestIndexKeysAndValues(t *testing.T) {
	ix := NewIndex("t.toml", []byte(`a.b.c = 1
"q.k".x = 2
point = {x = 1, y = {z = 2}}
terms = ["one", "two", [3, 4], {k = "v"}]
empty = []
nested = [[], [[5]]]
multi = [
  "first",
  "second",
]
`))
	for path, want := range map[string]string{
		"a":            "1:1", // the tables of a dotted key are at their keys
		"a.b":          "1:3",
		"a.b.c":        "1:9",
		"q.k":          "2:1",
		"q.k.x":        "2:11",
		"point":        "3:9",
		"point.y":      "3:21",
		"point.y.z":    "3:26",
		"terms":        "4:10", // an array is at its first element
		"terms.1":      "4:17",
		"terms.2":      "4:25",
		"terms.2.1":    "4:28",
		"terms.3":      "4:32",
		"terms.3.k":    "4:37",
		"empty":        "5:1", // an empty array is at its key
		"nested.0":     "6:1", // an empty array in an array is where the array is
		"nested.1.0.0": "6:17",
		"multi.1":      "9:3",
		"multi.0":      "8:3",
	} {
		assert.Equal(t, want, where(ix, path), path)
	}
}

func TestIndexFallsBackToAncestors(t *testing.T) {
	ix := NewIndex("t.toml", []byte("x = 1\n[rules]\nid = \"a\"\n"))
	assert.Equal(t, Position{File: "t.toml", Line: 2, Column: 2}, ix.Key("rules.severity"), "a key not written is at its table")
	assert.Equal(t, Position{File: "t.toml", Line: 1, Column: 1}, ix.Key("other.key"), "nothing written: the start of the file")
	assert.Equal(t, Position{File: "t.toml", Line: 1, Column: 1}, ix.Key(""))
	var none *Index
	assert.Equal(t, Position{Line: 1, Column: 1}, none.Key("x"))
}

// Columns count characters: "régime" and "“" are one column a character, not two or three.
func TestIndexColumnsCountCharacters(t *testing.T) {
	ix := NewIndex("t.toml", []byte("suggest = {\"régime\" = \"government\", \"“so-called”\" = \"\"}\n\"é\".b = 2\n"))
	assert.Equal(t, "1:23", where(ix, "suggest.régime"))
	assert.Equal(t, "1:53", where(ix, "suggest.“so-called”"))
	assert.Equal(t, "2:1", where(ix, "é"))
	assert.Equal(t, "2:9", where(ix, "é.b"))
}

func TestIndexLastLineWithoutNewline(t *testing.T) {
	ix := NewIndex("t.toml", []byte("a = 1\n[t]\nb = \"é\"\nc = 3"))
	assert.Equal(t, "4:5", where(ix, "t.c"))
	assert.Equal(t, "3:5", where(ix, "t.b"))
}

func TestIndexStopsAtASyntaxError(t *testing.T) {
	ix := NewIndex("t.toml", []byte("a = 1\nb = \nc = 3\n"))
	assert.Equal(t, "1:5", where(ix, "a"))
	assert.Equal(t, "1:1", where(ix, "c"), "not indexed")
}

func TestAt(t *testing.T) {
	data := []byte("ab\né“c\n\nlast")
	for off, want := range map[int]string{
		0: "1:1", 2: "1:3", 3: "2:1", 5: "2:2", 8: "2:3", 9: "2:4", 10: "3:1", 11: "4:1", 14: "4:4",
		15: "4:5", 99: "4:5", -1: "1:1",
	} {
		p := At("f", data, off)
		assert.Equal(t, want, fmt.Sprintf("%d:%d", p.Line, p.Column), "offset %d", off)
		assert.Equal(t, "f", p.File)
	}
	// One lines, asked in any order, counts as a new one would.
	l := newLines("f", data)
	for _, off := range []int{14, 3, 9, 5, 0, 11, 8, 8, 2, 15} {
		assert.Equal(t, At("f", data, off), l.at(off), "offset %d", off)
	}
}

type config struct {
	Rubrics   []string            `toml:"rubrics"`
	FailOn    string              `toml:"fail_on"`
	Overrides map[string]override `toml:"overrides"`
}

type override struct {
	N int `toml:"n"`
}

func TestDecode(t *testing.T) {
	var c config
	ix, err := Decode("c.toml", []byte("fail_on = \"error\"\n[overrides.\"a.b\"]\nn = 2\n"), &c, Wording{})
	require.NoError(t, err)
	assert.Equal(t, "error", c.FailOn)
	assert.Equal(t, 2, c.Overrides["a.b"].N)
	assert.Equal(t, Position{File: "c.toml", Line: 3, Column: 5}, ix.Key("overrides.a.b.n"))
}

// Every error go-toml places is an *Error naming file:line:col, with the column in characters.
func TestDecodeErrors(t *testing.T) {
	hinted := Wording{Hint: "(want rubrics, fail_on or overrides)"}
	cases := []struct {
		name, src string
		w         Wording
		want      string
	}{
		{"unknown key", "fail_on = \"e\"\ncolour = 1\n", Wording{}, `c.toml:2:1: unknown key "colour"`},
		{"unknown key with a hint", "colour = 1\n", hinted, `c.toml:1:1: unknown key "colour" (want rubrics, fail_on or overrides)`},
		{"unknown key in a table", "[overrides.\"a.b\"]\nm = 1\n", Wording{}, `c.toml:2:1: unknown key "overrides.a.b.m"`},
		{"syntax after wide characters", "fail_on = \"é“\"; x = 1\n", Wording{}, `c.toml:1:15: expected newline but got U+003B ';'`},
		{"unknown key in an inline table", "overrides = {\"é\" = {n = 1, m = 2}}\n", Wording{}, `c.toml:1:28: unknown key "m"`}, // go-toml's key
		{"syntax", "fail_on = \n", Wording{}, `c.toml:1:11: unexpected character U+000A at start of value`},
		{"syntax on the last line", "fail_on = \"x\"\nrubrics = [", Wording{}, `c.toml:2:11: array is incomplete`},
		{"wrong type", "rubrics = \"r.toml\"\n", Wording{}, `c.toml:1:11: cannot decode TOML string into a list of strings`}, // no Go names
		{"wrong type after wide characters", "overrides = {\"ü\" = {n = \"x\"}}\n", Wording{}, `c.toml:1:25: cannot decode TOML string into an integer`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c config
			_, err := Decode("c.toml", []byte(tc.src), &c, tc.w)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			var pe *Error
			assert.ErrorAs(t, err, &pe)
		})
	}
}

// A type error in a struct type made at run time (as package rubrics decodes rules into)
// names no Go type either, at the top level or in a table of an array.
func TestDecodeErrorsInStructsMadeAtRunTime(t *testing.T) {
	item := reflect.StructOf([]reflect.StructField{
		{Name: "Words", Type: reflect.TypeFor[[]string](), Tag: `toml:"words"`},
		{Name: "Options", Type: reflect.TypeFor[map[string]override](), Tag: `toml:"options"`},
	})
	file := reflect.StructOf([]reflect.StructField{
		{Name: "Name", Type: reflect.TypeFor[string](), Tag: `toml:"name"`},
		{Name: "Items", Type: reflect.SliceOf(item), Tag: `toml:"items"`},
	})
	for src, want := range map[string]string{
		"name = 1\n":                                `c.toml:1:8: cannot decode TOML integer into a string`,
		"[[items]]\nwords = 3\n":                    `c.toml:2:9: cannot decode TOML integer into a list of strings`,
		"[[items]]\noptions = 3\n":                  `c.toml:2:11: cannot decode TOML integer into a value of type map[string]tomlpos.override`,
		"[[items]]\n[items.options.a]\nn = \"x\"\n": `c.toml:3:5: cannot decode TOML string into an integer`,
	} {
		_, err := Decode("c.toml", []byte(src), reflect.New(file).Interface(), Wording{})
		require.Error(t, err)
		assert.Equal(t, want, err.Error(), src)
	}
}

// An error go-toml does not place names the file, after Noun if there is one.
func TestDecodeUnplacedError(t *testing.T) {
	_, err := Decode("r.toml", []byte("x = 1\n"), config{}, Wording{Noun: "rubric"})
	require.Error(t, err)
	assert.Equal(t, "rubric r.toml: toml: decoding can only be performed into a pointer, not struct", err.Error())
	var pe *Error
	assert.NotErrorAs(t, err, &pe)

	_, err = Decode("r.toml", []byte("x = 1\n"), config{}, Wording{})
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "r.toml: toml: "), err.Error())
}

// A long line of array elements is read once, not once an element: the one line of 10,000
// terms takes about as long as the 10,000 lines.
func BenchmarkNewIndexOneLine(b *testing.B) { benchmarkNewIndex(b, "terms = [", "\"térm %d\", ") }

func BenchmarkNewIndexManyLines(b *testing.B) {
	benchmarkNewIndex(b, "terms = [\n", "  \"térm %d\",\n")
}

func benchmarkNewIndex(b *testing.B, start, term string) {
	var sb strings.Builder
	sb.WriteString(start)
	for i := range 10000 {
		fmt.Fprintf(&sb, term, i)
	}
	sb.WriteString("]\n")
	data := []byte(sb.String())
	for b.Loop() {
		NewIndex("t.toml", data)
	}
}
