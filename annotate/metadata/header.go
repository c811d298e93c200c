package metadata

import (
	"fmt"
	"strings"
)

// Field is one line of the provenance header a human format shows above the article.
type Field struct {
	Label string // "Published"
	Value string // "Tuesday 7 January 2020, 23:20 UTC (Open Graph)"
}

// originNames are the origins in words, for the header.
var originNames = map[Origin]string{
	OriginFlag:        "given with --published",
	OriginJSONLD:      "JSON-LD",
	OriginOpenGraph:   "Open Graph",
	OriginMeta:        "meta tag",
	OriginTitle:       "title",
	OriginLink:        "canonical link",
	OriginFrontMatter: "front matter",
	OriginText:        "date line of the page",
}

// Header returns the lines of the provenance header, in the order to show them: Headline,
// Outlet, By, Published, Modified, URL; a line only for what is known. Dates are in words,
// each with where it was read, so that a reader can judge it. Every human format shows
// these the same way; the notices go below them.
func (m *Metadata) Header() []Field {
	if m == nil {
		return nil
	}
	var fs []Field
	add := func(label, value string) {
		if value != "" {
			fs = append(fs, Field{label, value})
		}
	}
	add("Headline", m.Headline)
	add("Outlet", m.Outlet)
	add("By", joinNames(m.Authors))
	add("Published", describeDate(m.Published, m.Origins.Published))
	add("Modified", describeDate(m.Modified, m.Origins.Modified))
	add("URL", m.CanonicalURL)
	return fs
}

// describeDate gives d in words with its origin: "Tuesday 7 January 2020, 23:20 UTC
// (Open Graph)".
func describeDate(d Date, o Origin) string {
	if d.IsZero() {
		return ""
	}
	s := d.Day().Long()
	if d.HasTime {
		zone := d.Time.Format("-07:00")
		if _, off := d.Time.Zone(); off == 0 {
			zone = "UTC"
		}
		s += fmt.Sprintf(", %s %s", d.Time.Format("15:04"), zone)
	}
	if name := originNames[o]; name != "" {
		s += " (" + name + ")"
	}
	return s
}

// joinNames joins names as prose: "A", "A and B", "A, B and C".
func joinNames(ns []string) string {
	switch len(ns) {
	case 0:
		return ""
	case 1:
		return ns[0]
	}
	return strings.Join(ns[:len(ns)-1], ", ") + " and " + ns[len(ns)-1]
}
