package metadata

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/slant-news/slant/annotate/prose"
)

// Options tune Read.
type Options struct {
	// Published, when set, is the publication date given on the command line (slant's
	// --published flag, read with ParsePublished). It overrides the page's own; if the two
	// disagree, a notice says so.
	Published Date
}

// Read gathers the provenance of a parsed document: the metadata its format carries
// (FromHTML, FromMarkdown, or FromText for plain text), the date of opts, the relative
// dates of its prose resolved against the publication date, and notices of dates that
// disagree. Spans are byte ranges of doc.Source.
//
// The error reports malformed metadata (see FromHTML and FromMarkdown); the metadata
// returned beside it holds what could be read and is never nil. The prose is unaffected,
// so a caller may print the error as a warning and go on.
func Read(doc *prose.Document, opts Options) (*Metadata, error) {
	var (
		m   *Metadata
		err error
	)
	switch doc.Format {
	case prose.FormatHTML:
		m, err = FromHTML(doc.Name, doc.Source)
	case prose.FormatMarkdown:
		m, err = FromMarkdown(doc.Name, doc.Source)
	default:
		m = FromText(doc.Source)
	}
	if !opts.Published.IsZero() {
		m.found = append([]foundDate{{date: opts.Published, origin: OriginFlag, what: "--published"}}, m.found...)
		m.Published, m.Origins.Published = opts.Published, OriginFlag
	}
	if m.Published.IsZero() {
		m.Notices = m.dateNotices(scanned{})
		return m, err
	}
	var all scanned
	base := m.Published.Day()
	for bi := range doc.Blocks {
		b := &doc.Blocks[bi]
		sc := scan(b.Text, base)
		toSource := func(s Span) Span {
			src := b.SourceSpan(s.Start, s.End)
			return Span{src.Start, src.End}
		}
		for _, r := range sc.relatives {
			r.Span = toSource(r.Span)
			all.relatives = append(all.relatives, r)
		}
		for _, s := range sc.recent {
			all.recent = append(all.recent, toSource(s))
		}
		for _, w := range sc.writingDays {
			w.Span = toSource(w.Span)
			all.writingDays = append(all.writingDays, w)
		}
		for _, mm := range sc.mismatches {
			mm.Span = toSource(mm.Span)
			all.mismatches = append(all.mismatches, mm)
		}
		for _, a := range sc.absolute {
			a.Span = toSource(a.Span)
			if m.stamp.End > m.stamp.Start && a.Start < m.stamp.End && m.stamp.Start < a.End {
				continue // the page's own stamp, not an event
			}
			all.absolute = append(all.absolute, a)
		}
	}
	// The stamp line of a text page is no relative date either.
	kept := all.relatives[:0]
	for _, r := range all.relatives {
		if !(r.Start < m.stamp.End && m.stamp.Start < r.End) {
			kept = append(kept, r)
		}
	}
	m.RelativeDates = kept
	m.Notices = m.dateNotices(all)
	return m, err
}

// At returns the relative date whose span overlaps [start, end) of the source, so that a
// renderer can add its note to a finding (slant's time.relative rule marks the same words).
func (m *Metadata) At(start, end int) (RelativeDate, bool) {
	// RelativeDates are in source order and do not overlap: the first that ends after start
	// is the only candidate.
	i := sort.Search(len(m.RelativeDates), func(i int) bool { return m.RelativeDates[i].End > start })
	if i < len(m.RelativeDates) && m.RelativeDates[i].Start < end {
		return m.RelativeDates[i], true
	}
	return RelativeDate{}, false
}

// Thresholds of the notices.
const (
	longAfterDays  = 31 // a change this long after publication is more than a correction
	staleDays      = 60 // a named date this long before publication is not recent
	urlDateSlack   = 2  // days between a URL's date and the publication date, allowed
	minRecent      = 2  // expressions of recency it takes to call a text's events recent
	maxNoticeSpans = 5
)

// dateNotices compares the page's dates with each other and with what the text says.
func (m *Metadata) dateNotices(sc scanned) []Notice {
	var out []Notice
	pub, mod := m.Published, m.Modified
	pubDay := pub.Day()

	// Publication dates from different places.
	var first string
	var others []string
	for _, f := range m.found {
		if f.modified || pub.IsZero() {
			continue
		}
		if first == "" {
			first = f.describe()
		} else if d := f.date.Day(); abs(pubDay.DaysUntil(d)) > 1 {
			others = append(others, fmt.Sprintf("%s (%s)", d.Long(), f.describe()))
		}
	}
	if len(others) > 0 {
		out = append(out, Notice{Kind: NoticeConflictingDates, Message: fmt.Sprintf(
			"The page gives more than one publication date: %s (%s), but also %s. Relative dates are read against the first; if another is right, they move with it.",
			pubDay.Long(), first, strings.Join(others, ", "))})
	}

	if !pub.IsZero() && !mod.IsZero() {
		before := mod.Time.Before(pub.Time)
		if !pub.HasTime || !mod.HasTime {
			before = mod.Day().Before(pubDay)
		}
		gap := pubDay.DaysUntil(mod.Day())
		switch {
		case before:
			out = append(out, Notice{Kind: NoticeModifiedBeforePublished, Message: fmt.Sprintf(
				"The page says it was last changed on %s, before it was published on %s. One of the two dates is wrong: a page cannot be changed before it exists.",
				mod.Day().Long(), pubDay.Long())})
		case gap > longAfterDays:
			n := Notice{Kind: NoticeModifiedLongAfter, Message: fmt.Sprintf(
				"The page was last changed on %s, %s after it was published on %s. A reader shown only the later date would place the events it calls recent that much too late: its relative dates are read here against the publication date.",
				mod.Day().Long(), describeDays(gap), pubDay.Long())}
			n.Spans = firstSpans(sc.recent)
			out = append(out, n)
		}
	}

	if pub.IsZero() {
		return out
	}
	// The text names its own day of writing.
	for _, w := range sc.writingDays {
		if w.weekday == pubDay.Weekday() || w.weekday == pubDay.AddDays(-1).Weekday() {
			continue // the same day, or the day before in another time zone
		}
		out = append(out, Notice{Kind: NoticeWritingDay, Spans: []Span{w.Span}, Message: fmt.Sprintf(
			"The text says it was written on a %s (news writing says “earlier %s” on that day itself), but the page is dated %s. If that date is a later stamp (an update, a re-publication, a move to a new site), the relative dates read against it are wrong too.",
			w.weekday, w.weekday, pubDay.Long())})
		break
	}
	// Events called recent, dates named long before. One "last week" beside an old date is
	// ordinary background ("the strike that began on 2 January ended last week"); a text
	// that keeps calling things recent is not.
	if len(sc.recent) >= minRecent && len(sc.absolute) > 0 {
		latest := sc.absolute[0].day
		for _, a := range sc.absolute[1:] {
			if latest.Before(a.day) {
				latest = a.day
			}
		}
		if gap := latest.DaysUntil(pubDay); gap > staleDays {
			n := Notice{Kind: NoticeStaleRecent, Message: fmt.Sprintf(
				"The text calls events recent (%s), yet the latest date it names, %s, is %s before the page's date, %s. The page may have been dated long after it was written: its relative dates, read against that date, may be months off.",
				quoteSpans(sc.recent, m.RelativeDates), latest.Long(), describeDays(gap), pubDay.Long())}
			n.Spans = firstSpans(sc.recent)
			out = append(out, n)
		}
	}
	// A weekday and a year-less date that do not agree in the year read: one notice, for
	// the first.
	if len(sc.mismatches) > 0 {
		mm := sc.mismatches[0]
		n := Notice{Kind: NoticeWeekdayMismatch, Spans: []Span{mm.Span}, Message: fmt.Sprintf(
			"The text gives %d %s as a %s, but in %d, the year read from the page's date (%s), it is a %s.",
			mm.day.Day, mm.day.Month, mm.said, mm.day.Year, pubDay.Long(), mm.day.Weekday())}
		if years := yearsWith(mm.day, mm.said); years != "" {
			n.Message += fmt.Sprintf(" It was a %s in %s: the page's date may be wrong, or the text older than it.", mm.said, years)
		}
		out = append(out, n)
	}
	// A date in the page's address.
	if d, ok := urlDate(m.CanonicalURL); ok {
		if gap := d.DaysUntil(pubDay); abs(gap) > urlDateSlack {
			dir := "before"
			if gap < 0 {
				dir = "after"
			}
			out = append(out, Notice{Kind: NoticeURLDate, Message: fmt.Sprintf(
				"The page's address carries the date %s, %s %s its publication date, %s. Sites usually put the day of first publication in the address; the page's date may be a later one.",
				d.Long(), describeDays(abs(gap)), dir, pubDay.Long())})
		}
	}
	return out
}

// yearsWith lists the years near d's in which its month and day fall on weekday w:
// "2018" or "2018 and 2029".
func yearsWith(d Day, w time.Weekday) string {
	var ys []string
	for off := 1; off <= 11; off++ {
		for _, y := range []int{d.Year - off, d.Year + off} {
			c := Day{y, d.Month, d.Day}
			if dayOf(c.time()) == c && c.Weekday() == w {
				ys = append(ys, fmt.Sprint(y))
			}
		}
		if len(ys) > 0 {
			break
		}
	}
	return strings.Join(ys, " and ")
}

// describe says where a date was read, for a reader.
func (f foundDate) describe() string {
	switch f.origin {
	case OriginFlag:
		return "given with --published"
	case OriginJSONLD:
		return "JSON-LD " + f.what
	case OriginOpenGraph:
		return "Open Graph " + f.what
	case OriginMeta:
		return "<meta> " + f.what
	case OriginFrontMatter:
		return "front matter " + f.what
	case OriginText:
		return "the date line at the top of the page"
	}
	return string(f.origin)
}

var (
	urlSlashDate = regexp.MustCompile(`/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?:/|$)`)
	urlRunDate   = regexp.MustCompile(`/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\d*)(?:[/-]|\.html|$)`)
)

// urlDate returns the date a URL's path carries: /2020/01/07/ or /20200107/.
func urlDate(u string) (Day, bool) {
	for _, re := range []*regexp.Regexp{urlSlashDate, urlRunDate} {
		if sm := re.FindStringSubmatch(u); sm != nil {
			d := Day{atoi(sm[1]), time.Month(atoi(sm[2])), atoi(sm[3])}
			if dayOf(d.time()) == d {
				return d, true
			}
		}
	}
	return Day{}, false
}

// describeDays says a number of days in words: "12 days", "about 9 months".
func describeDays(n int) string {
	switch {
	case n == 1:
		return "1 day"
	case n < 45:
		return fmt.Sprintf("%d days", n)
	case n < 700:
		return fmt.Sprintf("%d days (about %d months)", n, (n+15)/30)
	}
	return fmt.Sprintf("%d days (about %d years)", n, (n+182)/365)
}

// quoteSpans quotes the texts of the first few relative dates among spans.
func quoteSpans(spans []Span, rel []RelativeDate) string {
	var qs []string
	for _, s := range firstSpans(spans) {
		for _, r := range rel {
			if r.Span == s {
				qs = append(qs, "“"+r.Text+"”")
				break
			}
		}
	}
	return strings.Join(qs, ", ")
}

func firstSpans(spans []Span) []Span {
	return spans[:min(len(spans), maxNoticeSpans)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
