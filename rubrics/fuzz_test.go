package rubrics_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/slant-news/slant/rubrics"
)

// FuzzParse decodes random rubrics through the kind registry: Parse does not panic, says the
// same of the same input twice, and a rubric it accepts has each rule's options in its
// kind's type.
func FuzzParse(f *testing.F) {
	seeds, err := filepath.Glob("default/*.toml")
	if err != nil {
		f.Fatal(err)
	}
	more, _ := filepath.Glob("../testdata/rubrics/*/*.toml")
	for _, path := range append(seeds, more...) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	registered := map[rubrics.Kind]bool{}
	for _, spec := range rubrics.Kinds() {
		registered[spec.Name] = true
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := rubrics.Parse("f.toml", data)
		_, again := rubrics.Parse("f.toml", data)
		if (err == nil) != (again == nil) || err != nil && err.Error() != again.Error() {
			t.Fatalf("two parses differ: %v, then %v", err, again)
		}
		if err != nil {
			return
		}
		for _, r := range file.Rules {
			if !registered[r.Kind] {
				t.Fatalf("rule %s of kind %q, which is not registered", r.ID, r.Kind)
			}
			if r.Options == nil || reflect.TypeOf(r.Options).Kind() != reflect.Pointer {
				t.Fatalf("rule %s: options %#v", r.ID, r.Options)
			}
		}
	})
}
