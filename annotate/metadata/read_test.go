package metadata_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
)

func readDoc(t *testing.T, file string, opts metadata.Options) (*prose.Document, *metadata.Metadata) {
	t.Helper()
	src, err := os.ReadFile("testdata/" + file)
	require.NoError(t, err)
	doc, err := prose.Parse(file, src, prose.FormatForPath(file))
	require.NoError(t, err)
	m, err := metadata.Read(doc, opts)
	require.NoError(t, err)
	for _, r := range m.RelativeDates {
		assert.Equal(t, r.Text, string(doc.Source[r.Start:r.End]), "a relative date's span holds its text in the source")
	}
	return doc, m
}

func kinds(m *metadata.Metadata) []string {
	var ks []string
	for _, n := range m.Notices {
		ks = append(ks, n.Kind)
	}
	return ks
}

func relative(t *testing.T, m *metadata.Metadata, text string) metadata.RelativeDate {
	t.Helper()
	for _, r := range m.RelativeDates {
		if r.Text == text {
			return r
		}
	}
	t.Fatalf("no relative date %q among %v", text, m.RelativeDates)
	return metadata.RelativeDate{}
}

// TestReadRestamped reads a page of the seed article's shape: stamped in October, it
// speaks of events it calls recent in January ("late last week", "Earlier Tuesday").
func TestReadRestamped(t *testing.T) {
	doc, m := readDoc(t, "restamped.html", metadata.Options{})
	assert.Equal(t, "Tidings", m.Outlet)
	assert.Equal(t, "2020-10-24T23:20:00Z", m.Published.String())
	assert.Equal(t, []string{metadata.NoticeWritingDay, metadata.NoticeStaleRecent, metadata.NoticeURLDate}, kinds(m))
	wd := m.Notices[0]
	require.Len(t, wd.Spans, 1)
	assert.Equal(t, "Earlier Tuesday", string(doc.Source[wd.Spans[0].Start:wd.Spans[0].End]))
	assert.Contains(t, wd.Message, "written on a Tuesday")
	assert.Contains(t, wd.Message, "Saturday 24 October 2020")
	assert.Contains(t, m.Notices[1].Message, "the latest date it names, Thursday 2 January 2020, is 296 days (about 10 months) before the page's date")
	assert.Contains(t, m.Notices[1].Message, "“in recent days”, “late last week”")
	assert.Contains(t, m.Notices[2].Message, "Tuesday 7 January 2020, 291 days (about 10 months) before its publication date")
	assert.Equal(t, "2020-10-18", relative(t, m, "on Sunday").From.String(), "resolved against the stamp, as the page asks")
}

// TestReadUpdated reads a page published in January and changed in October: its relative
// dates are read against the publication date, and the late change is pointed out.
func TestReadUpdated(t *testing.T) {
	_, m := readDoc(t, "updated.html", metadata.Options{})
	assert.Equal(t, []string{metadata.NoticeModifiedLongAfter}, kinds(m))
	assert.Contains(t, m.Notices[0].Message, "last changed on Saturday 24 October 2020, 291 days (about 10 months) after it was published on Tuesday 7 January 2020")
	assert.Len(t, m.Notices[0].Spans, 2)
	r := relative(t, m, "on Sunday")
	assert.Equal(t, "Sunday 5 January 2020 (news style places a weekday in the week before publication), if the article was written on its publication date (Tuesday 7 January 2020)", r.Note)
	assert.Equal(t, "2020-01-02", relative(t, m, "late last week").From.String())
	got, ok := m.At(r.Start+3, r.Start+4)
	assert.True(t, ok)
	assert.Equal(t, r, got, "At finds the relative date under a finding")
}

func TestReadPublishedFlag(t *testing.T) {
	p, err := metadata.ParsePublished("2020-01-07")
	require.NoError(t, err)
	_, m := readDoc(t, "restamped.html", metadata.Options{Published: p})
	assert.Equal(t, "2020-01-07", m.Published.String())
	assert.Equal(t, metadata.OriginFlag, m.Origins.Published)
	assert.Equal(t, "2020-01-05", relative(t, m, "on Sunday").From.String())
	assert.Equal(t, []string{metadata.NoticeConflictingDates, metadata.NoticeModifiedLongAfter}, kinds(m), "with the flag's date the text agrees; the page's stamps do not")
	assert.Contains(t, m.Notices[0].Message, "Tuesday 7 January 2020 (given with --published), but also Saturday 24 October 2020 (JSON-LD datePublished)")
}

func TestReadDatesDisagree(t *testing.T) {
	page := `<html><head>
<meta property="article:published_time" content="2021-05-04">
<meta property="article:modified_time" content="2021-05-01">
<meta name="date" content="2021-02-01">
</head><body><p>The vote was yesterday.</p></body></html>`
	doc, err := prose.Parse("p.html", []byte(page), prose.FormatHTML)
	require.NoError(t, err)
	m, err := metadata.Read(doc, metadata.Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{metadata.NoticeConflictingDates, metadata.NoticeModifiedBeforePublished}, kinds(m))
	assert.Contains(t, m.Notices[1].Message, "last changed on Saturday 1 May 2021, before it was published on Tuesday 4 May 2021")
	assert.Equal(t, "2021-05-03", relative(t, m, "yesterday").From.String())
}

func TestReadNoDate(t *testing.T) {
	_, m := readDoc(t, "plain.html", metadata.Options{})
	assert.Empty(t, m.RelativeDates, "no publication date, nothing to resolve against")
	assert.Empty(t, m.Notices)
}

func TestReadMarkdown(t *testing.T) {
	_, m := readDoc(t, "front.md", metadata.Options{})
	assert.Equal(t, "Council delays the bridge vote", m.Headline)
	assert.Equal(t, "2022-06-14", relative(t, m, "on Tuesday").From.String())
	assert.Equal(t, "2022-06-20", relative(t, m, "next week").From.String())
	assert.Equal(t, "2022-07-01", relative(t, m, "July").From.String())
	for _, r := range m.RelativeDates {
		assert.Greater(t, r.Start, strings.Index(string(must(os.ReadFile("testdata/front.md"))), "# Council"), "nothing is read in the front matter")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestReadMarkdownError(t *testing.T) {
	src := "---\ntitle: Kept\ndate: soon\n---\nThe vote was yesterday.\n"
	doc, err := prose.Parse("d.md", []byte(src), prose.FormatMarkdown)
	require.NoError(t, err)
	m, err := metadata.Read(doc, metadata.Options{})
	assert.ErrorContains(t, err, "d.md:3:7: front matter date")
	assert.Equal(t, "Kept", m.Headline)
	assert.Empty(t, m.RelativeDates)
}

func TestFromText(t *testing.T) {
	cases := []struct{ src, published, modified string }{
		{"23:20 GMT24 October 2020\nListen Live\nText.", "2020-10-24T23:20:00Z", ""},
		{"Menu\nPublished: January 7, 2020\n\nText.", "2020-01-07", ""},
		{"Updated 2020-10-24 11:05 EST\nText.", "", "2020-10-24"},
		{"Tuesday, 7 January 2020, 6:15 pm GMT\n", "2020-01-07T18:15:00Z", ""},
		{"07.01.2020\n", "2020-01-07", ""},
		{"Talks resumed on 7 January 2020 after a pause.\n", "", ""},
		{"1\n2\n3\n4\n5\n6\n7\n8\n9\n7 January 2020\n", "", ""},
		{"31 February 2020\n", "", ""},
	}
	for _, c := range cases {
		m := metadata.FromText([]byte(c.src))
		assert.Equal(t, c.published, m.Published.String(), "%q", c.src)
		assert.Equal(t, c.modified, m.Modified.String(), "%q", c.src)
	}
}

// TestSeed reads the seed article, a news page saved as text, stamped 24 October 2020 and
// written in January: the stamp is read, and the text's "Earlier Tuesday" gives it away.
func TestSeed(t *testing.T) {
	src, err := os.ReadFile("../../../shared/corpus/seed/sputnik-soleimani-2020.txt")
	if err != nil {
		t.Skipf("the shared corpus is not beside the repository: %v", err)
	}
	doc, err := prose.Parse("seed.txt", src, prose.FormatText)
	require.NoError(t, err)
	m, err := metadata.Read(doc, metadata.Options{})
	require.NoError(t, err)
	assert.Equal(t, "2020-10-24T23:20:00Z", m.Published.String())
	assert.Equal(t, metadata.OriginText, m.Origins.Published)
	assert.Equal(t, []string{metadata.NoticeWritingDay}, kinds(m))
	assert.Len(t, m.RelativeDates, 7)

	p, err := metadata.ParsePublished("2020-01-07")
	require.NoError(t, err)
	m, err = metadata.Read(doc, metadata.Options{Published: p})
	require.NoError(t, err)
	assert.Equal(t, "Sunday 5 January 2020 (news style places a weekday in the week before publication), if the article was written on its publication date (Tuesday 7 January 2020)", relative(t, m, "on Sunday").Note)
}

func TestJSON(t *testing.T) {
	_, m := readDoc(t, "updated.html", metadata.Options{})
	b, err := m.JSON()
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(b, &got))
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, []string{"headline", "published", "modified", "origins", "relative_dates", "notices"}, keys, "empty fields are left out")
	assert.Equal(t, "2020-01-07T23:20:00Z", got["published"])
	rd := got["relative_dates"].([]any)[0].(map[string]any)
	assert.ElementsMatch(t, []string{"start", "end", "text", "from", "to", "note"}, mapKeys(rd))
	assert.Equal(t, "2020-01-02", rd["from"])
	n := got["notices"].([]any)[0].(map[string]any)
	assert.ElementsMatch(t, []string{"kind", "message", "spans"}, mapKeys(n))

	empty, err := (&metadata.Metadata{}).JSON()
	require.NoError(t, err)
	assert.Equal(t, "{}", string(empty))
}

func mapKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestFromTextCaseFolding(t *testing.T) {
	// "İ" lowercases to more bytes than it has: the weekday is still found in place.
	m := metadata.FromText([]byte("İİİ Tuesday 7 January 2020\n"))
	assert.True(t, m.Published.IsZero(), "words beside the date: no stamp")
	m = metadata.FromText([]byte("TUE, 7 January 2020\n"))
	assert.Equal(t, "2020-01-07", m.Published.String())
}

func TestReadWeekdayMismatch(t *testing.T) {
	src := "The inquiry began on Friday, Sept. 14, and ended on Monday, Sept. 17.\n"
	doc, err := prose.Parse("w.txt", []byte(src), prose.FormatText)
	require.NoError(t, err)
	p, err := metadata.ParsePublished("2020-10-24")
	require.NoError(t, err)
	m, err := metadata.Read(doc, metadata.Options{Published: p})
	require.NoError(t, err)
	require.Equal(t, []string{metadata.NoticeWeekdayMismatch}, kinds(m), "one notice for the page, however many dates")
	n := m.Notices[0]
	assert.Equal(t, "The text gives 14 September as a Friday, but in 2020, the year read from the page's date (Saturday 24 October 2020), it is a Monday. It was a Friday in 2018: the page's date may be wrong, or the text older than it.", n.Message)
	assert.Equal(t, "on Friday, Sept. 14", src[n.Spans[0].Start:n.Spans[0].End])
	assert.Contains(t, relative(t, m, "on Friday, Sept. 14").Note, "but that day is a Monday, not a Friday")

	m, err = metadata.Read(doc, metadata.Options{Published: metadata.Date{Time: time.Date(2018, 10, 1, 0, 0, 0, 0, time.UTC)}})
	require.NoError(t, err)
	assert.Empty(t, m.Notices, "in 2018 the weekdays agree")
}

func TestReadOneRecentIsBackground(t *testing.T) {
	src := "The strike that began on 2 January ended last week.\n"
	doc, err := prose.Parse("b.txt", []byte(src), prose.FormatText)
	require.NoError(t, err)
	p, err := metadata.ParsePublished("2020-10-24")
	require.NoError(t, err)
	m, err := metadata.Read(doc, metadata.Options{Published: p})
	require.NoError(t, err)
	assert.Empty(t, m.Notices)
	assert.Len(t, m.RelativeDates, 2)
}
