package render

import (
	"fmt"
	"strings"
)

// A Format is an output format: its name on the command line (--format NAME), a line of
// help, the constructor of its renderer for a run, and what a command must give it.
type Format struct {
	Name string
	Help string
	New  func(Options) Renderer
	// Metadata is set for the formats that show the article's own metadata (its headline,
	// outlet, dates and what slant makes of them, Report.Metadata): a command reads it only
	// for them.
	Metadata bool
}

// formats lists every output format, in the order the help gives them. A new format is one
// file defining its Format and renderer, and one line here.
var formats = []Format{
	markdownFormat,
	jsonFormat,
	textFormat,
	githubFormat,
	sarifFormat,
	teachFormat,
}

// Formats returns every output format, in the order the help gives them.
func Formats() []Format { return append([]Format(nil), formats...) }

// FormatNamed returns the format of that name.
func FormatNamed(name string) (Format, error) {
	for _, f := range formats {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("no output format %q (there are %s)", name, strings.Join(FormatNames(), ", "))
}

// FormatNames returns the names of every output format, in the order the help gives them.
func FormatNames() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}

// FormatHelp is one line per format, "name: help", for a command's help.
func FormatHelp() string {
	var b strings.Builder
	for i, f := range formats {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Name + " (" + f.Help + ")")
	}
	return b.String()
}
