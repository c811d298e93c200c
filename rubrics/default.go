package rubrics

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"
)

//go:embed default/*.toml
var defaultFS embed.FS

// DefaultDir is the directory of the embedded default rubric's files, as they appear in
// positions and error messages.
const DefaultDir = "rubrics/default"

var (
	defaultOnce  sync.Once
	defaultParts []*File
	defaultErr   error
)

// defaultFiles returns the parsed files of the default rubric, in name order. The default
// rubric is checked by the test suite, so a failure here is a build defect and panics.
func defaultFiles() []*File {
	files, err := DefaultFiles()
	if err != nil {
		panic(err)
	}
	return files
}

// DefaultFiles parses the embedded default rubric: one file per category, plus rubric.toml
// with its name and version.
func DefaultFiles() ([]*File, error) {
	defaultOnce.Do(func() {
		names, err := fs.Glob(defaultFS, "default/*.toml")
		if err != nil {
			defaultErr = err
			return
		}
		sort.Strings(names)
		for _, name := range names {
			data, err := defaultFS.ReadFile(name)
			if err != nil {
				defaultErr = fmt.Errorf("default rubric: %w", err)
				return
			}
			f, err := Parse(path.Join(DefaultDir, path.Base(name)), data)
			if err != nil {
				defaultErr = err
				return
			}
			defaultParts = append(defaultParts, f)
		}
	})
	return defaultParts, defaultErr
}

// Default returns the built-in default rubric.
func Default() (*Rubric, error) {
	files, err := DefaultFiles()
	if err != nil {
		return nil, err
	}
	return Compose(files...)
}

// Load composes the rubric files at paths; with no paths it returns the default rubric.
func Load(paths ...string) (*Rubric, error) {
	if len(paths) == 0 {
		return Default()
	}
	files := make([]*File, len(paths))
	for i, p := range paths {
		f, err := LoadFile(p)
		if err != nil {
			return nil, err
		}
		files[i] = f
	}
	return Compose(files...)
}
