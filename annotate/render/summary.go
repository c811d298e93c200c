package render

import (
	"slices"
	"strings"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/rubrics"
)

// Counts are findings counted by severity.
type Counts struct {
	Info    int `json:"info"`
	Warning int `json:"warning"`
	Error   int `json:"error"`
}

// Total returns the number of findings counted.
func (c Counts) Total() int { return c.Info + c.Warning + c.Error }

func (c *Counts) add(s rubrics.Severity) {
	switch s {
	case rubrics.Info:
		c.Info++
	case rubrics.Warning:
		c.Warning++
	case rubrics.Error:
		c.Error++
	}
}

// CategoryCounts are the counts of one category.
type CategoryCounts struct {
	Name string `json:"category"`
	Counts
}

// Summary counts findings by category, severity and voice.
type Summary struct {
	Categories []CategoryCounts `json:"categories"` // sorted by name
	Total      Counts           `json:"total"`
	Writer     int              `json:"writer_voice"`
	Quoted     int              `json:"quoted_voice"`
}

// Summarize counts findings.
func Summarize(fs []annotate.Finding) Summary {
	return summarize(fs, nil)
}

// summarize counts findings, the categories into cats (empty, with room for the few a
// document's findings usually fall in, so that the JSON writer counts without allocating).
// A rubric has a few dozen categories at most: they are looked up in the list, not a map.
func summarize(fs []annotate.Finding, cats []CategoryCounts) Summary {
	var s Summary
	last := 0
	for i := range fs {
		f := &fs[i]
		name := f.Rule.Category
		if len(cats) == 0 || cats[last].Name != name {
			last = 0
			for last < len(cats) && cats[last].Name != name {
				last++
			}
			if last == len(cats) {
				cats = append(cats, CategoryCounts{Name: name})
			}
		}
		cats[last].add(f.Severity)
		s.Total.add(f.Severity)
		if f.Voice == rubrics.VoiceQuoted {
			s.Quoted++
		} else {
			s.Writer++
		}
	}
	if cats == nil {
		cats = []CategoryCounts{} // an empty list, never null in JSON
	}
	slices.SortFunc(cats, func(a, b CategoryCounts) int { return strings.Compare(a.Name, b.Name) })
	s.Categories = cats
	return s
}
