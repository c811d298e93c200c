package metadata

import (
	"fmt"
	"strings"
	"time"
)

// ParsePublished reads the value of slant's --published flag: a day (2020-01-07) or an
// RFC 3339 moment (2020-01-07T23:20:00Z, 2020-01-07T18:20:00-05:00). The day of a moment is
// the day in its own offset.
func ParsePublished(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return Date{Time: t}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Date{Time: t, HasTime: true}, nil
	}
	return Date{}, fmt.Errorf("published date %q: want YYYY-MM-DD or RFC 3339 (2020-01-07T23:20:00Z)", s)
}

// stampLayouts are the forms of date pages put in their metadata, with a time of day;
// dateLayouts are those without one. RFC 3339 comes first: it is what the standards ask
// for; the others are what pages write instead.
var (
	stampLayouts = []string{
		time.RFC3339,
		"2006-01-02T15:04:05.999999999Z0700", // +0000, no colon
		"2006-01-02T15:04Z07:00",
		"2006-01-02T15:04Z0700",
		"2006-01-02T15:04:05.999999999", // no offset: read as UTC
		"2006-01-02T15:04",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 Z0700",
		"2006-01-02 15:04:05 -0700 MST",
		"2006-01-02 15:04:05",
		"2006-01-02 15:04",
		time.RFC1123Z,
		time.RFC1123,
	}
	dateLayouts = []string{time.DateOnly, "2006/01/02", "20060102", "January 2, 2006", "2 January 2006", "Jan 2, 2006"}
)

// maxStampLen bounds a date value worth trying to parse.
const maxStampLen = 64

// parseStamp reads a date as pages and front matter write it, or returns false.
func parseStamp(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxStampLen {
		return Date{}, false
	}
	for _, l := range stampLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return Date{Time: t, HasTime: true}, validYear(t)
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return Date{Time: t}, validYear(t)
		}
	}
	return Date{}, false
}

// validYear keeps out years no article has: a date before the web or far in the future is
// a broken field, not a publication date.
func validYear(t time.Time) bool { return t.Year() >= 1900 && t.Year() <= 2200 }
