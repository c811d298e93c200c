// Package sarifschema checks SARIF logs against the official SARIF 2.1.0 schema vendored in
// the repository's testdata/sarif (see the README there for where it comes from), asserting
// formats such as uri-reference too. It is for the tests of the packages that write SARIF.
package sarifschema

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// ID is the address a SARIF 2.1.0 log's $schema names (render.SARIFSchema).
const ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// Compile returns the compiled schema, read once from the source tree.
var Compile = sync.OnceValues(func() (*jsonschema.Schema, error) {
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		return nil, fmt.Errorf("sarifschema: no source path to find testdata from")
	}
	path := filepath.Join(filepath.Dir(here), "..", "..", "testdata", "sarif", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sarifschema: %w", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("sarifschema: %s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(ID, doc); err != nil {
		return nil, fmt.Errorf("sarifschema: %w", err)
	}
	return c.Compile(ID)
})

// Validate checks a SARIF log against the schema.
func Validate(data []byte) error {
	s, err := Compile()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("sarifschema: the log is not JSON: %w", err)
	}
	return s.Validate(inst)
}
