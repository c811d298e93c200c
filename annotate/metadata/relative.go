package metadata

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Resolve finds the relative time expressions of text ("on Sunday", "late last week",
// "yesterday", "earlier this year", "three days ago", "on 5 January") and resolves each
// against published, the day the article was published. Offsets are into text.
//
// It is conservative: weekday and month names count only capitalised, "May" or "March"
// only beside a day number or after "in", "last", "next" and the like; a weekday inside a
// name ("Super Tuesday", "the Sunday Times") or with a date ("Sunday, 5 January") is not
// relative. News style places a bare weekday ("said Tuesday") in the week before the day
// of writing, or after it when the sentence speaks of the future ("will meet Friday").
func Resolve(text string, published Day) []RelativeDate {
	return scan(text, published).relatives
}

// scanned is what scan finds in a text.
type scanned struct {
	relatives []RelativeDate
	// recent are the expressions that place events in the days just before publication
	// ("yesterday", "late last week", "on Sunday", "in recent days").
	recent []Span
	// writingDays are expressions that name the day of writing itself ("earlier
	// Tuesday", "later Tuesday"), with that weekday.
	writingDays []writingDay
	// absolute are the dates the text names in full ("3 January 2020", "January 2020"),
	// each at its last day, and year-less dates resolved.
	absolute []datedSpan
	// mismatches are year-less dates whose weekday is not the one the text gives
	// ("Friday, 14 September" in a year where it is a Monday).
	mismatches []mismatch
}

type mismatch struct {
	Span
	said time.Weekday // the weekday the text gives
	day  Day          // the date as resolved
}

type writingDay struct {
	Span
	weekday time.Weekday
}

type datedSpan struct {
	Span
	day Day
}

// token is a word of the text.
type token struct {
	start, end int
	text, low  string
	capital    bool
}

type scanner struct {
	text string
	toks []token
	base Day
	out  scanned
}

// scan finds the relative and absolute dates of text.
func scan(text string, base Day) scanned {
	s := scanner{text: text, toks: words(text), base: base}
	for i := 0; i < len(s.toks); {
		n := s.match(i)
		if n <= 0 {
			n = 1
		}
		i += n
	}
	return s.out
}

// words splits text into words: letters and digits, with apostrophes and hyphens inside.
func words(text string) []token {
	toks := make([]token, 0, len(text)/6+1) // about one word in six bytes of news
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !inWord && start >= 0 && (r == '\'' || r == '’' || r == '-') {
			// inside a word if a letter or digit follows
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			inWord = unicode.IsLetter(next) || unicode.IsDigit(next)
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			toks = append(toks, newToken(text, start, i))
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, newToken(text, start, len(text)))
	}
	return toks
}

func newToken(text string, start, end int) token {
	w := text[start:end]
	r, _ := utf8.DecodeRuneInString(w)
	return token{start: start, end: end, text: w, low: strings.ToLower(strings.ReplaceAll(w, "’", "'")), capital: unicode.IsUpper(r)}
}

// low returns the lowercased word i, or "".
func (s *scanner) low(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].low
}

// joined reports whether words i and i+1 are separated by white space only.
func (s *scanner) joined(i int) bool {
	if i < 0 || i+1 >= len(s.toks) {
		return false
	}
	return strings.TrimSpace(s.text[s.toks[i].end:s.toks[i+1].start]) == ""
}

// phrase reports whether the words from i on are ws, separated by white space only.
func (s *scanner) phrase(i int, ws ...string) bool {
	for k, w := range ws {
		if s.low(i+k) != w || k > 0 && !s.joined(i+k-1) {
			return false
		}
	}
	return true
}

// sentenceStart reports whether word i opens a sentence (or the text). A full stop ends a
// sentence only before a capital: "Jan. 5" goes on.
func (s *scanner) sentenceStart(i int) bool {
	if i <= 0 {
		return true
	}
	between := strings.TrimSpace(s.text[s.toks[i-1].end:s.toks[i].start])
	if strings.ContainsAny(between, "!?:;\"“”") || strings.Contains(s.text[s.toks[i-1].end:s.toks[i].start], "\n") {
		return true
	}
	return strings.Contains(between, ".") && s.toks[i].capital && !(len(s.toks[i-1].text) <= 4 && monthNames[s.low(i-1)] != 0)
}

// title reports whether word i is a title or part of a name rather than a time: quoted
// alone (NBC's "Today", told "Today."), or capitalised before another capitalised word ("Tonight Show").
func (s *scanner) title(i int) bool {
	t := s.toks[i]
	before, _ := utf8.DecodeLastRuneInString(s.text[:t.start])
	rest := strings.TrimLeft(s.text[t.end:], ".,!?")
	after, _ := utf8.DecodeRuneInString(rest)
	if strings.ContainsRune("\"“'‘", before) && strings.ContainsRune("\"”'’", after) {
		return true
	}
	return t.capital && !s.sentenceStart(i) || t.capital && s.joined(i) && i+1 < len(s.toks) && s.toks[i+1].capital
}

// future reports whether the clause around word i speaks of the future: the nearest verb
// before it (or, with none, after it) in its sentence, within tenseReach words, is "will",
// "is scheduled" and the like rather than a past form. The reach keeps the cost of a text
// linear however long its sentences.
func (s *scanner) future(i int) bool {
	for k := i - 1; k >= 0 && k >= i-tenseReach; k-- {
		if t := s.tense(k); t != 0 {
			return t > 0
		}
		if s.sentenceStart(k) {
			break
		}
	}
	for k := i + 1; k < len(s.toks) && k <= i+tenseReach && !s.sentenceStart(k); k++ {
		if t := s.tense(k); t != 0 {
			return t > 0
		}
	}
	return false
}

// tenseReach is how many words future looks at on either side.
const tenseReach = 40

// tense returns 1 if word k marks the future, -1 if it is a past form, else 0.
func (s *scanner) tense(k int) int {
	w := s.low(k)
	switch {
	case futureWords[w] || strings.HasSuffix(w, "'ll") || w == "going" && s.low(k+1) == "to":
		return 1
	case scheduleWords[w] && (s.low(k-1) == "is" || s.low(k-1) == "are"):
		return 1 // "is expected in July"
	case pastWords[w] || len(w) > 4 && strings.HasSuffix(w, "ed") && !s.toks[k].capital:
		if auxiliaries[s.low(k-1)] {
			return 0 // a participle: "will be held", "will have voted"; the auxiliary decides
		}
		return -1
	case w == "has" || w == "have":
		if p := s.low(k - 1); futureWords[p] || strings.HasSuffix(p, "'ll") {
			return 1 // "will have voted"
		}
		return -1 // "has voted"
	}
	return 0
}

// scheduleWords after "is" or "are" speak of the future.
var scheduleWords = set("expected", "scheduled", "slated", "due", "set", "planned")

// auxiliaries come before a participle that is no past tense of its own.
var auxiliaries = set("be", "been", "being", "is", "are", "am", "have", "has", "get", "gets")

// pastWords are common irregular past forms of news writing.
var pastWords = set("said", "was", "were", "had", "did", "told", "met", "began", "took", "came",
	"went", "made", "gave", "left", "saw", "won", "lost", "held", "fell", "rose", "spoke", "wrote",
	"said", "got", "kept", "led", "ran", "sent", "struck", "hit", "shot", "broke", "chose", "drew",
	"flew", "fought", "found", "grew", "heard", "knew", "paid", "put", "quit", "sought", "stood",
	"swore", "thought", "threw", "understood", "withdrew", "ago")

var futureWords = set("will", "shall", "won't", "scheduled", "upcoming", "due", "plans", "plan", "intends", "expects", "set", "next", "tomorrow")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

var weekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

// weekdayNamePrefixes make a weekday part of a name: "Super Tuesday", "Black Friday".
var weekdayNamePrefixes = set("super", "good", "black", "cyber", "bloody", "easter", "palm", "ash",
	"holy", "maundy", "shrove", "fat", "giving", "blue", "whit", "low", "plough", "trinity",
	"mothering", "small", "business", "travel", "manic", "freaky", "casual", "throwback")

var partsOfDay = set("morning", "afternoon", "evening", "night")

var smallNumbers = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

// add records a relative date over words i..j.
func (s *scanner) add(i, j int, from, to Day, gloss string) {
	s.addSpan(Span{s.toks[i].start, s.toks[j].end}, from, to, gloss)
}

// addSpan records a relative date over the bytes of span.
func (s *scanner) addSpan(span Span, from, to Day, gloss string) {
	what := longRange(from, to)
	if gloss != "" {
		what += " (" + gloss + ")"
	}
	s.out.relatives = append(s.out.relatives, RelativeDate{
		Span: span, Text: s.text[span.Start:span.End], From: from, To: to,
		Note: fmt.Sprintf("%s, if the article was written on its publication date (%s)", what, s.base.Long()),
	})
}

func (s *scanner) addRecent(i, j int) {
	s.out.recent = append(s.out.recent, Span{s.toks[i].start, s.toks[j].end})
}

// match tries every form at word i and returns the number of words taken, or 0.
func (s *scanner) match(i int) int {
	// One call after the other, not a loop over a slice of method values: the slice and
	// its six closures would be made again for every word of the text.
	if n := s.dayWord(i); n > 0 {
		return n
	}
	if n := s.periodWord(i); n > 0 {
		return n
	}
	if n := s.weekday(i); n > 0 {
		return n
	}
	if n := s.ago(i); n > 0 {
		return n
	}
	if n := s.recentSpan(i); n > 0 {
		return n
	}
	return s.datePhrase(i)
}

// dayWord: "yesterday", "tonight", "this morning", "last night", "the day before
// yesterday", "earlier today".
func (s *scanner) dayWord(i int) int {
	b := s.base
	switch {
	case s.phrase(i, "the", "day", "before", "yesterday"):
		s.add(i, i+3, b.AddDays(-2), b.AddDays(-2), "")
		s.addRecent(i, i+3)
		return 4
	case s.phrase(i, "the", "day", "after", "tomorrow"):
		s.add(i, i+3, b.AddDays(2), b.AddDays(2), "")
		return 4
	case s.phrase(i, "last", "night"):
		s.add(i, i+1, b.AddDays(-1), b.AddDays(-1), "the night before publication")
		s.addRecent(i, i+1)
		return 2
	case (s.low(i) == "this" || s.low(i) == "earlier" || s.low(i) == "later") && s.joined(i) && (partsOfDay[s.low(i+1)] && s.low(i+1) != "night" || s.low(i+1) == "today"):
		s.add(i, i+1, b, b, "")
		s.addRecent(i, i+1)
		return 2
	}
	if w := s.low(i); (w == "today" || w == "tonight" || w == "yesterday" || w == "tomorrow") && s.title(i) {
		return 1
	}
	n := 1
	if partsOfDay[s.low(i+1)] && s.joined(i) {
		n = 2
	}
	switch s.low(i) {
	case "yesterday":
		s.add(i, i+n-1, b.AddDays(-1), b.AddDays(-1), "")
		s.addRecent(i, i+n-1)
		return n
	case "tomorrow":
		s.add(i, i+n-1, b.AddDays(1), b.AddDays(1), "")
		return n
	case "today", "tonight":
		s.add(i, i, b, b, "")
		s.addRecent(i, i)
		return 1
	}
	return 0
}

// periodWord: "[early|late|earlier|later] (last|this|next|this past) (week|weekend|month|year)",
// "over the weekend".
func (s *scanner) periodWord(i int) int {
	b := s.base
	if s.phrase(i, "over", "the", "weekend") || s.phrase(i, "at", "the", "weekend") {
		from := b
		for from.Weekday() != time.Saturday {
			from = from.AddDays(-1)
		}
		to := from.AddDays(1)
		if b.Before(to) {
			to = b // the weekend is under way
		}
		s.add(i, i+2, from, to, "the last weekend up to publication")
		s.addRecent(i, i+2)
		return 3
	}
	j := i
	mod := ""
	switch s.low(j) {
	case "early", "late", "earlier", "later":
		if !s.joined(j) {
			return 0
		}
		mod = s.low(j)
		j++
	}
	rel := s.low(j)
	switch {
	case rel == "this" && s.low(j+1) == "past" && s.joined(j):
		rel = "past"
		j++
	case rel == "last" || rel == "this" || rel == "next":
	default:
		return 0
	}
	if !s.joined(j) {
		return 0
	}
	unit := s.low(j + 1)
	if unit != "week" && unit != "weekend" && unit != "month" && unit != "year" {
		return 0
	}
	end := j + 1
	from, to, gloss, ok := period(b, mod, rel, unit)
	if !ok {
		return 0
	}
	s.add(i, end, from, to, gloss)
	if rel == "last" || rel == "past" || mod == "earlier" || rel == "this" && unit != "year" && unit != "month" {
		s.addRecent(i, end)
	}
	return end - i + 1
}

// period resolves "[mod] rel unit" against b.
func period(b Day, mod, rel, unit string) (from, to Day, gloss string, ok bool) {
	switch unit {
	case "week":
		monday := b.AddDays(-((int(b.Weekday()) + 6) % 7))
		switch rel {
		case "last":
			monday = monday.AddDays(-7)
			gloss = "the week before the week of publication"
		case "next":
			monday = monday.AddDays(7)
			gloss = "the week after the week of publication"
		case "past":
			return b.AddDays(-7), b.AddDays(-1), "the seven days before publication", true
		default:
			gloss = "the week of publication"
		}
		from, to = monday, monday.AddDays(6)
	case "weekend":
		sat := b
		for sat.Weekday() != time.Saturday {
			sat = sat.AddDays(1)
		}
		if b.Weekday() == time.Sunday {
			sat = b.AddDays(-1)
		}
		switch rel { // sat is this weekend's Saturday: the coming one, or today's or yesterday's
		case "last", "past":
			sat = sat.AddDays(-7)
			gloss = "the last weekend before publication"
		case "next":
			sat = sat.AddDays(7)
			gloss = "the weekend after the coming one, or the coming one"
		default:
			gloss = "the weekend of the week of publication"
		}
		return sat, sat.AddDays(1), gloss, mod == ""
	case "month":
		first := Day{b.Year, b.Month, 1}
		switch rel {
		case "last", "past":
			first = dayOf(first.time().AddDate(0, -1, 0))
			gloss = "the month before the month of publication"
		case "next":
			first = dayOf(first.time().AddDate(0, 1, 0))
			gloss = "the month after the month of publication"
		default:
			gloss = "the month of publication"
		}
		from, to = first, dayOf(first.time().AddDate(0, 1, -1))
	case "year":
		year := b.Year
		switch rel {
		case "last", "past":
			year--
			gloss = "the year before the year of publication"
		case "next":
			year++
			gloss = "the year after the year of publication"
		default:
			gloss = "the year of publication"
		}
		from, to = Day{year, 1, 1}, Day{year, 12, 31}
	}
	switch mod {
	case "":
		return from, to, gloss, true
	case "early":
		return from, part(from, to, 0), "early in " + gloss, true
	case "late":
		return part(from, to, 2), to, "late in " + gloss, true
	case "earlier":
		if rel != "this" || !from.Before(b) {
			return Day{}, Day{}, "", false
		}
		return from, b.AddDays(-1), "earlier in " + gloss + ", before the day of publication", true
	case "later":
		if rel != "this" || !b.Before(to) {
			return Day{}, Day{}, "", false
		}
		return b.AddDays(1), to, "later in " + gloss + ", after the day of publication", true
	}
	return Day{}, Day{}, "", false
}

// part returns the day where the k-th third (0, 1, 2) of the range from..to ends (k < 2) or
// starts (k == 2): for a week, Wednesday and Thursday; for a month, the 10th and 21st;
// for a year, April and September.
func part(from, to Day, k int) Day {
	n := from.DaysUntil(to) + 1
	switch {
	case n == 7 && k == 0:
		return from.AddDays(2) // Monday to Wednesday
	case n == 7:
		return from.AddDays(3) // Thursday to Sunday
	case n > 300 && k == 0:
		return Day{from.Year, 4, 30}
	case n > 300:
		return Day{from.Year, 9, 1}
	case k == 0:
		return from.AddDays(9)
	}
	return from.AddDays(20)
}

// weekday: "[on|last|this|next|this past|late|early|earlier|later] Weekday [morning...]".
func (s *scanner) weekday(i int) int {
	j := i
	mod := ""
	switch s.low(j) {
	case "on", "last", "this", "next", "late", "early", "earlier", "later":
		if s.joined(j) {
			mod = s.low(j)
			j++
			if mod == "this" && s.low(j) == "past" && s.joined(j) {
				mod = "past"
				j++
			}
		}
	}
	w := strings.TrimSuffix(s.low(j), "'s")
	wd, ok := weekdayNames[w]
	if !ok || !s.toks[j].capital {
		return 0
	}
	// Names with a weekday: "Super Tuesday", "Good Friday", "the Sunday Times".
	if mod == "" && j > 0 && weekdayNamePrefixes[s.low(j-1)] && s.toks[j-1].capital && s.joined(j-1) {
		return 0
	}
	next := j + 1
	if next < len(s.toks) && !strings.HasSuffix(s.low(j), "'s") {
		between := strings.TrimSpace(s.text[s.toks[j].end:s.toks[next].start])
		if _, month := monthNames[s.low(next)]; month || isDayNumber(s.low(next)) && (between == "" || between == ",") {
			return 0 // "Sunday, 5 January": a full date, read by datePhrase
		}
		if between == "" && s.toks[next].capital && !partsOfDay[s.low(next)] {
			return 0 // "Sunday Times"
		}
	}
	end := j
	if partsOfDay[s.low(next)] && s.joined(j) {
		end = next
	}
	span := Span{s.toks[i].start, s.toks[end].end}
	if strings.HasSuffix(s.low(j), "'s") {
		end = j // "Friday's": the word is the day, without the "'s"
		span.End = s.toks[j].start + len(w)
	}
	b := s.base
	back := (int(b.Weekday()) - int(wd) + 7) % 7 // days since the last such weekday, 0 today
	fwd := (int(wd) - int(b.Weekday()) + 7) % 7
	var day Day
	var gloss string
	switch {
	case mod == "last" || mod == "past":
		if back == 0 {
			back = 7
		}
		day, gloss = b.AddDays(-back), "the last "+wd.String()+" before publication"
	case mod == "next":
		if fwd == 0 {
			fwd = 7
		}
		day, gloss = b.AddDays(fwd), "the first "+wd.String()+" after publication; some mean the one a week later"
	case mod == "earlier" || mod == "later":
		// "Earlier Tuesday" is said on the Tuesday itself: a clue to the day of writing.
		s.out.writingDays = append(s.out.writingDays, writingDay{span, wd})
		if back != 0 {
			day, gloss = b.AddDays(-back), "news writing says “"+s.text[s.toks[i].start:s.toks[j].end]+"” on that day itself"
		} else {
			day = b
		}
	case s.future(j):
		day, gloss = b.AddDays(fwd), "the sentence speaks of the future: the first "+wd.String()+" from publication on"
	default:
		day = b.AddDays(-back)
		if back == 0 {
			gloss = "the day of publication"
		} else {
			gloss = "news style places a weekday in the week before publication"
		}
	}
	s.addSpan(span, day, day, gloss)
	if !day.Before(b.AddDays(-14)) && !b.Before(day) {
		s.out.recent = append(s.out.recent, span)
	}
	return end - i + 1
}

// ago: "three days ago", "a week ago", "a few days ago", "several weeks ago".
func (s *scanner) ago(i int) int {
	lo, hi, j := 0, 0, i
	switch {
	case s.phrase(i, "a", "few"):
		lo, hi, j = 2, 4, i+2
	case s.phrase(i, "a", "couple", "of"):
		lo, hi, j = 2, 2, i+3
	case s.low(i) == "several":
		lo, hi, j = 3, 7, i+1
	default:
		n, ok := smallNumbers[s.low(i)]
		if !ok {
			d, ok := smallNumber(s.low(i))
			if !ok || d < 1 || d > 400 {
				return 0
			}
			n = d
		}
		lo, hi, j = n, n, i+1
	}
	if !s.joined(j-1) || !s.joined(j) || s.low(j+1) != "ago" {
		return 0
	}
	b := s.base
	var from, to Day
	switch strings.TrimSuffix(s.low(j), "s") {
	case "day":
		from, to = b.AddDays(-hi), b.AddDays(-lo)
	case "week":
		from, to = b.AddDays(-7*hi-3), b.AddDays(-7*lo+3)
	case "month":
		from, to = dayOf(b.time().AddDate(0, -hi, -15)), dayOf(b.time().AddDate(0, -lo, 15))
	case "year":
		if hi > 200 {
			return 0
		}
		from, to = Day{b.Year - hi, 1, 1}, Day{b.Year - lo, 12, 31}
	default:
		return 0
	}
	if b.Before(to) {
		to = b
	}
	gloss := ""
	if from != to {
		gloss = "about"
	}
	s.add(i, j+1, from, to, gloss)
	if !from.Before(b.AddDays(-14)) {
		s.addRecent(i, j+1)
	}
	return j + 2 - i
}

// recentSpan: "in recent days", "over the past few weeks", "in the coming days".
func (s *scanner) recentSpan(i int) int {
	if s.low(i) != "in" && s.low(i) != "over" {
		return 0
	}
	j := i + 1
	dir := ""
	switch {
	case s.phrase(j, "recent"):
		dir, j = "past", j+1
	case s.phrase(j, "the", "past"), s.phrase(j, "the", "last"):
		dir, j = "past", j+2
	case s.phrase(j, "the", "coming"), s.phrase(j, "the", "next"):
		dir, j = "future", j+2
	default:
		return 0
	}
	if s.low(j) == "few" || s.low(j) == "several" {
		j++
	}
	days := map[string]int{"days": 7, "weeks": 42, "months": 183}[s.low(j)]
	if days == 0 || !s.joined(i) || !s.joined(j-1) {
		return 0
	}
	b := s.base
	if dir == "past" {
		s.add(i, j, b.AddDays(-days), b, "roughly; the "+s.low(j)+" before publication")
		if days <= 7 {
			s.addRecent(i, j)
		}
	} else {
		s.add(i, j, b, b.AddDays(days), "roughly; the "+s.low(j)+" after publication")
	}
	return j - i + 1
}

// isDayNumber reports whether w is a day of the month: "5", "05", "5th", "21st".
func isDayNumber(w string) bool {
	_, ok := dayNumber(w)
	return ok
}

func dayNumber(w string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		w = strings.TrimSuffix(w, suf)
	}
	if len(w) == 0 || len(w) > 2 {
		return 0, false
	}
	n, ok := smallNumber(w)
	return n, ok && n >= 1 && n <= 31
}

func isYearWord(w string) (int, bool) {
	if len(w) != 4 {
		return 0, false
	}
	n, ok := smallNumber(w)
	return n, ok && n >= 1900 && n <= 2199
}

// smallNumber reads w as a number of at most four digits, and nothing else. (strconv.Atoi
// makes an error, on the heap, for every word that is not a number.)
func smallNumber(w string) (int, bool) {
	if len(w) == 0 || len(w) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return 0, false
		}
		n = 10*n + int(w[i]-'0')
	}
	return n, true
}

// month returns the month word i names, capitalised, with an abbreviation followed by
// ".", and the index of the word after it.
func (s *scanner) month(i int) (time.Month, int, bool) {
	if i >= len(s.toks) || !s.toks[i].capital {
		return 0, 0, false
	}
	m, ok := monthNames[s.low(i)]
	return m, i + 1, ok
}

// sepOK reports whether only white space, a comma, or (after an abbreviated month) a full
// stop stands between words i and i+1.
func (s *scanner) sepOK(i int, comma bool) bool {
	if i+1 >= len(s.toks) {
		return false
	}
	between := strings.TrimSpace(s.text[s.toks[i].end:s.toks[i+1].start])
	switch between {
	case "":
		return true
	case ",":
		return comma
	case ".", ".,":
		return len(s.low(i)) <= 4 && monthNames[s.low(i)] != 0 && (comma || between == ".")
	}
	return false
}

// datePhrase reads dates written with a month name: "5 January 2020", "January 5, 2020",
// "January 2020" (absolute: recorded, not resolved), and year-less "on 5 January",
// "Jan. 5", "in March", "last May" (resolved against the publication date). A weekday
// before the date ("Sunday, 5 January") is part of it.
func (s *scanner) datePhrase(i int) int {
	j := i
	if _, ok := weekdayNames[s.low(j)]; ok && s.toks[j].capital && s.sepOK(j, true) {
		j++
	}
	var (
		month   time.Month
		day     int
		next    int
		ok      bool
		hasDay  bool
		modWord string
	)
	if d, isDay := dayNumber(s.low(j)); isDay && s.sepOK(j, false) {
		k := j + 1
		if s.low(k) == "of" && s.joined(k) {
			k++
		}
		if month, next, ok = s.month(k); ok {
			day, hasDay = d, true
		}
	}
	if !hasDay {
		if month, next, ok = s.month(j); ok {
			if d, isDay := dayNumber(s.low(next)); isDay && s.sepOK(j, false) {
				day, hasDay, next = d, true, next+1
			}
		}
	}
	if !hasDay && j == i {
		// A month alone only after a word that makes it one: "in May", "last March".
		switch w := s.low(i); w {
		case "in", "last", "next", "this", "early", "late", "mid", "since", "until", "by":
			if s.joined(i) {
				if month, next, ok = s.month(i + 1); ok {
					modWord = w
				}
				if ok && isDayNumber(s.low(next)) && s.sepOK(next-1, false) {
					return 1 // "since Jan. 1, 2015": the date is read from the month on
				}
			}
		}
	}
	if !ok {
		return 0
	}
	// A year after it makes the date absolute.
	y, isYear := isYearWord(s.low(next))
	isYear = isYear && s.sepOK(next-1, true)
	if !hasDay && modWord == "" && !isYear {
		return 0 // "May I", "the March on the capital"
	}
	if isYear {
		var last Day
		if hasDay {
			last = Day{y, month, day}
			if dayOf(last.time()) != last {
				return next - i + 1 // "31 February 2020": not a date, not read
			}
		} else {
			last = dayOf(Day{y, month, 1}.time().AddDate(0, 1, -1))
		}
		s.out.absolute = append(s.out.absolute, datedSpan{Span{s.toks[i].start, s.toks[next].end}, last})
		return next - i + 1
	}
	b := s.base
	end := next - 1
	fut := s.future(i)
	if hasDay && month == time.September && day == 11 && s.low(i-1) != "on" {
		return end - i + 1 // "the Sept. 11 attacks" are an event, not a date
	}
	if hasDay {
		d, found := nearestDate(b, month, day, fut)
		if !found {
			return end - i + 1
		}
		start := i
		if start > 0 && s.low(start-1) == "on" && s.joined(start-1) {
			start--
		}
		gloss := "the text gives no year: the nearest such date, read from the publication date"
		if wd, named := weekdayNames[s.low(i)]; named && j > i && d.Weekday() != wd {
			s.out.mismatches = append(s.out.mismatches, mismatch{Span{s.toks[start].start, s.toks[end].end}, wd, d})
			gloss += "; but that day is a " + d.Weekday().String() + ", not a " + wd.String()
		}
		s.add(start, end, d, d, gloss)
		s.out.absolute = append(s.out.absolute, datedSpan{Span{s.toks[start].start, s.toks[end].end}, d})
		if !d.Before(b.AddDays(-14)) && !b.Before(d) {
			s.addRecent(start, end)
		}
		return end - i + 1
	}
	// A month alone.
	year := b.Year
	switch {
	case modWord == "last":
		if month >= b.Month {
			year--
		}
	case modWord == "next":
		if month <= b.Month {
			year++
		}
	case modWord == "this":
	case fut:
		if month < b.Month {
			year++
		}
	default:
		if month > b.Month {
			year--
		}
	}
	from := Day{year, month, 1}
	to := dayOf(from.time().AddDate(0, 1, -1))
	start := i
	if modWord != "last" && modWord != "next" && modWord != "this" {
		start = i + 1 // "in" and the like are not part of the time
	}
	s.add(start, end, from, to, "the text gives no year: read from the publication date")
	s.out.absolute = append(s.out.absolute, datedSpan{Span{s.toks[start].start, s.toks[end].end}, to})
	return end - i + 1
}

// nearestDate returns the date of month and day that a text written on b most likely
// means: the last one not more than a month after b, or, in a sentence about the future,
// the first one from b on.
func nearestDate(b Day, month time.Month, day int, future bool) (Day, bool) {
	var best Day
	for y := b.Year - 1; y <= b.Year+1; y++ {
		d := Day{y, month, day}
		if dayOf(d.time()) != d {
			continue // 30 February
		}
		if future {
			if !d.Before(b) && (best.IsZero() || d.Before(best)) {
				best = d
			}
		} else if !b.AddDays(31).Before(d) {
			best = d // years ascend: the last that fits
		}
	}
	return best, !best.IsZero()
}
