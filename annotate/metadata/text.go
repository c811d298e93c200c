package metadata

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Bounds of the top of a plain text page searched for a date stamp.
const (
	stampLines = 8
	stampBytes = 2048
	// stampLineMax is the longest line read as a stamp: a date with a label, a weekday and a
	// time of day fits in far less, and a paragraph of prose is not worth the expressions'
	// time.
	stampLineMax = 120
)

var (
	stampLabel = regexp.MustCompile(`(?i)^(published|posted|updated|last updated|modified)(\s+on)?\s*:?\s*`)
	monthRe    = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)`
	stampDate  = regexp.MustCompile(`(\d{1,2})(?:st|nd|rd|th)? +` + monthRe + `\.?,? +(\d{4})` +
		`|` + monthRe + `\.? +(\d{1,2})(?:st|nd|rd|th)?,? +(\d{4})` +
		`|(\d{4})-(\d{2})-(\d{2})` +
		`|(\d{1,2})\.(\d{1,2})\.(\d{4})`)
	stampClock   = regexp.MustCompile(`(?i)^(?:at\s*)?(\d{1,2}):(\d{2})(?::\d{2})?\s*(?:([ap])\.?m\.?)?\s*([A-Z]{2,5}\b)?`)
	stampWeekday = regexp.MustCompile(`(?i)\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?`)
	stampRest    = regexp.MustCompile(`^[\s,|·•/()–—-]*$`)
)

// FromText reads a date stamp from the top of a plain text page: a line among the first
// few that holds nothing but a date, perhaps with a time of day, a weekday or a label
// ("23:20 GMT 24 October 2020", "Published: January 7, 2020", "Updated 2020-10-24"). Pages
// saved as text keep such a line from their furniture. A line labelled "Updated" or
// "Modified" gives the modification date, any other the publication date. A time of day
// counts only in GMT or UTC; in another zone the day alone is kept.
func FromText(src []byte) *Metadata {
	m := &Metadata{}
	top := string(src[:min(len(src), stampBytes)])
	pos, lines := 0, 0
	for pos < len(top) && lines < stampLines {
		end := strings.IndexByte(top[pos:], '\n')
		if end < 0 {
			end = len(top) - pos
		}
		line := top[pos : pos+end]
		if strings.TrimSpace(line) != "" {
			lines++
			if len(line) > stampLineMax {
				pos += end + 1
				continue
			}
			if d, modified, ok := readStamp(line); ok {
				m.addDate(modified, d, OriginText, "stamp")
				m.stamp = Span{pos, pos + end}
				return m
			}
		}
		pos += end + 1
	}
	return m
}

// readStamp reads a line that is a date stamp.
func readStamp(line string) (Date, bool, bool) {
	line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
	modified := false
	if loc := stampLabel.FindStringSubmatchIndex(line); loc != nil {
		label := strings.ToLower(line[loc[2]:loc[3]])
		modified = label != "published" && label != "posted"
		line = line[loc[1]:]
	}
	sm := stampDate.FindStringSubmatchIndex(line)
	if sm == nil {
		return Date{}, false, false
	}
	g := func(k int) string {
		if sm[2*k] < 0 {
			return ""
		}
		return line[sm[2*k]:sm[2*k+1]]
	}
	var y, mo, d int
	switch {
	case g(1) != "":
		d, _ = strconv.Atoi(g(1))
		mo, y = int(monthNames[strings.ToLower(g(2))]), atoi(g(3))
	case g(4) != "":
		mo, d, y = int(monthNames[strings.ToLower(g(4))]), atoi(g(5)), atoi(g(6))
	case g(7) != "":
		y, mo, d = atoi(g(7)), atoi(g(8)), atoi(g(9))
	default:
		d, mo, y = atoi(g(10)), atoi(g(11)), atoi(g(12))
	}
	day := Day{y, time.Month(mo), d}
	if mo < 1 || mo > 12 || dayOf(day.time()) != day || !validYear(day.time()) {
		return Date{}, false, false
	}
	// What is left beside the date may be a time of day and a weekday, nothing else.
	hour, minute, hasClock := -1, 0, false
	rest := []string{line[:sm[0]], line[sm[1]:]}
	for _, r := range rest {
		r = strings.TrimSpace(r)
		r = stampWeekday.ReplaceAllString(r, "")
		r = strings.TrimLeft(r, " ,|·•-–—")
		if c := stampClock.FindStringSubmatch(r); c != nil {
			hour, minute = atoi(c[1]), atoi(c[2])
			if c[3] != "" && hour <= 12 {
				hour %= 12
				if strings.EqualFold(c[3], "p") {
					hour += 12
				}
			}
			zone := strings.ToUpper(c[4])
			hasClock = (zone == "GMT" || zone == "UTC" || zone == "Z") && hour < 24 && minute < 60
			r = r[len(c[0]):]
		}
		if !stampRest.MatchString(r) {
			return Date{}, false, false
		}
	}
	if hasClock {
		return Date{Time: time.Date(y, time.Month(mo), d, hour, minute, 0, 0, time.UTC), HasTime: true}, modified, true
	}
	return Date{Time: day.time()}, modified, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
