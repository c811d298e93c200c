package render

import (
	"sort"

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
	var s Summary
	byCat := map[string]*Counts{}
	for _, f := range fs {
		c, ok := byCat[f.Rule.Category]
		if !ok {
			c = &Counts{}
			byCat[f.Rule.Category] = c
		}
		c.add(f.Severity)
		s.Total.add(f.Severity)
		if f.Voice == rubrics.VoiceQuoted {
			s.Quoted++
		} else {
			s.Writer++
		}
	}
	for name, c := range byCat {
		s.Categories = append(s.Categories, CategoryCounts{name, *c})
	}
	sort.Slice(s.Categories, func(i, j int) bool { return s.Categories[i].Name < s.Categories[j].Name })
	return s
}
