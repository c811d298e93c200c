// Package metadata reads an article's own provenance (headline, outlet, authors, published
// and modified dates, canonical URL) from an HTML page's metadata or Markdown front matter,
// resolves the relative dates of its text against its publication date, and points out
// dates that disagree.
//
// Where a page says the same thing twice, the more structured statement wins: JSON-LD
// (schema.org NewsArticle and its kin) over Open Graph and article:* properties, over plain
// <meta name> tags, over the <title> element. A canonical URL comes first from
// <link rel="canonical">, the element made for it. A date given on the command line
// (Options.Published) overrides the page's own, and a disagreement between them is noticed.
//
// Everything that points into the text (a relative date, the words a notice is about) is a
// half-open range of byte offsets into the document's source, as in package prose.
package metadata

import (
	"encoding/json"
	"fmt"
	"time"
)

// Metadata is what an article says about itself, plus what slant makes of its dates. It is
// the "metadata" object of slant's JSON output: every field is left out when empty.
type Metadata struct {
	Headline     string   `json:"headline,omitempty"`
	Outlet       string   `json:"outlet,omitempty"` // the publisher or site name
	Authors      []string `json:"authors,omitempty"`
	Published    Date     `json:"published,omitzero"`
	Modified     Date     `json:"modified,omitzero"`
	CanonicalURL string   `json:"canonical_url,omitempty"`
	Description  string   `json:"description,omitempty"`
	// Origins says where each field above was read.
	Origins Origins `json:"origins,omitzero"`
	// RelativeDates are the text's relative time expressions, resolved against the
	// publication date; empty without one.
	RelativeDates []RelativeDate `json:"relative_dates,omitempty"`
	// Notices point out dates that disagree: with each other, or with the text.
	Notices []Notice `json:"notices,omitempty"`

	// found holds every date read, in precedence order, to compare them.
	found []foundDate
	// stamp is the line of a plain text page its date was read from: a date the text
	// names there is the page's, not an event's.
	stamp Span
}

// Origin names where a value was read.
type Origin string

// The origins of values.
const (
	OriginFlag        Origin = "flag"         // given on the command line (--published)
	OriginJSONLD      Origin = "json-ld"      // a schema.org JSON-LD block
	OriginOpenGraph   Origin = "open-graph"   // og:* and article:* <meta property> tags
	OriginMeta        Origin = "meta"         // plain <meta name> tags
	OriginTitle       Origin = "title"        // the <title> element
	OriginLink        Origin = "link"         // <link rel="canonical">
	OriginFrontMatter Origin = "front-matter" // Markdown front matter
	OriginText        Origin = "text"         // a date stamp at the top of a plain text page
)

// Origins says where each field of Metadata was read; empty for a field not found.
type Origins struct {
	Headline     Origin `json:"headline,omitempty"`
	Outlet       Origin `json:"outlet,omitempty"`
	Authors      Origin `json:"authors,omitempty"`
	Published    Origin `json:"published,omitempty"`
	Modified     Origin `json:"modified,omitempty"`
	CanonicalURL Origin `json:"canonical_url,omitempty"`
	Description  Origin `json:"description,omitempty"`
}

// Span is a half-open range [Start, End) of byte offsets into the document's source.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// RelativeDate is a relative time expression of the text ("on Sunday", "late last week")
// and the days it stands for if the article was written on its publication date.
type RelativeDate struct {
	Span
	Text string `json:"text"` // the expression as written
	// From and To are the first and last day meant, equal for a single day.
	From Day `json:"from"`
	To   Day `json:"to"`
	// Note says it in words a student can read: "Sunday 5 January 2020, if the article was
	// written on its publication date (Tuesday 7 January 2020)".
	Note string `json:"note"`
}

// Notice explains dates that disagree, and why it matters to a reader.
type Notice struct {
	// Kind is one of the Notice* constants: a stable name for tests and filters.
	Kind    string `json:"kind"`
	Message string `json:"message"`
	// Spans are the words of the text the notice is about, if any.
	Spans []Span `json:"spans,omitempty"`
}

// The kinds of notice.
const (
	// NoticeModifiedBeforePublished: the page says it was changed before it was published.
	NoticeModifiedBeforePublished = "modified-before-published"
	// NoticeModifiedLongAfter: the page was changed more than a month after publication, so
	// a reader shown only the later date misplaces the events its relative dates name.
	NoticeModifiedLongAfter = "modified-long-after"
	// NoticeConflictingDates: two sources give different publication dates (JSON-LD and
	// Open Graph, the page and --published...).
	NoticeConflictingDates = "conflicting-dates"
	// NoticeWritingDay: the text says it was written on a weekday ("earlier Tuesday") that
	// is not the publication date's.
	NoticeWritingDay = "writing-day"
	// NoticeStaleRecent: the text calls events recent, but every date it names is months
	// before the publication date.
	NoticeStaleRecent = "stale-recent"
	// NoticeWeekdayMismatch: the text gives a date without a year and its weekday ("Friday,
	// 14 September"), and in the year read from the page's date that day is another
	// weekday: the page's date, or the year read, may be wrong.
	NoticeWeekdayMismatch = "weekday-mismatch"
	// NoticeURLDate: the page's URL carries a date far from its publication date.
	NoticeURLDate = "url-date"
)

// Date is a moment as a page gives it: a calendar day, with the time of day when the page
// gives one, in the page's own UTC offset (the day is the writer's day, not UTC's).
type Date struct {
	Time    time.Time
	HasTime bool // a time of day was given, not only a day
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// Day returns the calendar day of d in its own offset.
func (d Date) Day() Day {
	y, m, dd := d.Time.Date()
	return Day{y, m, dd}
}

// String gives d as RFC 3339, or as YYYY-MM-DD without a time of day.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if !d.HasTime {
		return d.Time.Format(time.DateOnly)
	}
	return d.Time.Format(time.RFC3339)
}

// MarshalText gives d as String does.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Day is a calendar day, with no time zone.
type Day struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether d is unset.
func (d Day) IsZero() bool { return d == Day{} }

func (d Day) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

func dayOf(t time.Time) Day {
	y, m, dd := t.Date()
	return Day{y, m, dd}
}

// AddDays returns the day n days after d (before, for negative n).
func (d Day) AddDays(n int) Day { return dayOf(d.time().AddDate(0, 0, n)) }

// Weekday returns the day of the week of d.
func (d Day) Weekday() time.Weekday { return d.time().Weekday() }

// Before reports whether d comes before e.
func (d Day) Before(e Day) bool { return d.time().Before(e.time()) }

// DaysUntil returns the number of days from d to e, negative if e comes first.
func (d Day) DaysUntil(e Day) int { return int(e.time().Sub(d.time()).Hours()+12) / 24 }

// String gives d as YYYY-MM-DD.
func (d Day) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Long gives d in words: "Sunday 5 January 2020".
func (d Day) Long() string {
	return fmt.Sprintf("%s %d %s %d", d.Weekday(), d.Day, d.Month, d.Year)
}

// MarshalText gives d as YYYY-MM-DD.
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// longRange gives the days from d to e in words: "Thursday 2 to Saturday 4 January 2020".
func longRange(d, e Day) string {
	switch {
	case d == e:
		return d.Long()
	case d.Year == e.Year && d.Month == e.Month:
		return fmt.Sprintf("%s %d to %s", d.Weekday(), d.Day, e.Long())
	case d.Year == e.Year:
		return fmt.Sprintf("%s %d %s to %s", d.Weekday(), d.Day, d.Month, e.Long())
	}
	return d.Long() + " to " + e.Long()
}

// foundDate is a date read from one place, to compare with the others.
type foundDate struct {
	modified bool
	date     Date
	origin   Origin
	what     string // the field it was read from: "datePublished", "article:published_time"
}

// JSON returns m encoded as the "metadata" object of slant's JSON output.
func (m *Metadata) JSON() ([]byte, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("metadata: %w", err)
	}
	return b, nil
}

// IsZero reports whether m holds nothing to show.
func (m *Metadata) IsZero() bool {
	return m == nil || m.Headline == "" && m.Outlet == "" && len(m.Authors) == 0 &&
		m.Published.IsZero() && m.Modified.IsZero() && m.CanonicalURL == "" &&
		m.Description == "" && len(m.RelativeDates) == 0 && len(m.Notices) == 0
}

// setPublished records a publication (or, with modified, modification) date read from
// origin; the first one found for each keeps its place, as origins are read in precedence
// order.
func (m *Metadata) addDate(modified bool, d Date, origin Origin, what string) {
	if d.IsZero() {
		return
	}
	m.found = append(m.found, foundDate{modified: modified, date: d, origin: origin, what: what})
	if modified {
		if m.Modified.IsZero() {
			m.Modified, m.Origins.Modified = d, origin
		}
		return
	}
	if m.Published.IsZero() {
		m.Published, m.Origins.Published = d, origin
	}
}

// setString sets *field from origin unless it is set already or v is empty.
func setString(field *string, from *Origin, v string, origin Origin) {
	if *field == "" && v != "" {
		*field, *from = v, origin
	}
}
