package metadata_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/metadata"
)

func TestParsePublished(t *testing.T) {
	for in, want := range map[string]string{
		"2020-01-07":                "2020-01-07",
		" 2020-01-07 ":              "2020-01-07",
		"2020-01-07T23:20:00Z":      "2020-01-07T23:20:00Z",
		"2020-01-07T18:20:00-05:00": "2020-01-07T18:20:00-05:00",
	} {
		d, err := metadata.ParsePublished(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, d.String(), in)
	}
	d, err := metadata.ParsePublished("2020-01-07T23:20:00-05:00")
	require.NoError(t, err)
	assert.Equal(t, metadata.Day{Year: 2020, Month: time.January, Day: 7}, d.Day(), "the day in the stamp's own offset, not UTC's")
	for _, in := range []string{"", "yesterday", "07/01/2020", "2020-13-01", "2020-02-30", "2020-01-07T25:00:00Z", "2020-01-07 23:20"} {
		_, err := metadata.ParsePublished(in)
		assert.ErrorContains(t, err, "want YYYY-MM-DD or RFC 3339", "%q", in)
	}
}

// tuesday is Tuesday 7 January 2020, the base of most cases below.
var tuesday = metadata.Day{Year: 2020, Month: time.January, Day: 7}

func TestResolve(t *testing.T) {
	cases := []struct {
		text string
		base metadata.Day
		want string // "expression=from..to" for each, joined by "; "
	}{
		{"Parliament voted on Sunday.", tuesday, "on Sunday=2020-01-05"},
		{"The minister said Tuesday that talks would go on.", tuesday, "Tuesday=2020-01-07"},
		{"The commander was killed late last week.", tuesday, "late last week=2020-01-02..2020-01-05"},
		{"Earlier Tuesday, officials met.", tuesday, "Earlier Tuesday=2020-01-07"},
		{"He was killed in the early hours of Friday morning.", tuesday, "Friday morning=2020-01-03"},
		{"Friday's strike killed two.", tuesday, "Friday=2020-01-03"},
		{"The talks resume next Monday.", tuesday, "next Monday=2020-01-13"},
		{"The board will meet Friday.", tuesday, "Friday=2020-01-10"},
		{"It rained yesterday and will clear tomorrow morning.", tuesday, "yesterday=2020-01-06; tomorrow morning=2020-01-08"},
		{"The mayor spoke this morning, and last night the crowd left.", tuesday, "this morning=2020-01-07; last night=2020-01-06"},
		{"Prices rose last month and earlier this year.", metadata.Day{Year: 2020, Month: time.March, Day: 10}, "last month=2020-02-01..2020-02-29; earlier this year=2020-01-01..2020-03-09"},
		{"Sales fell last year.", tuesday, "last year=2019-01-01..2019-12-31"},
		{"The bridge opened three days ago.", tuesday, "three days ago=2020-01-04"},
		{"Fighting has grown in recent days.", tuesday, "in recent days=2019-12-31..2020-01-07"},
		{"The strike began on 28 December.", tuesday, "on 28 December=2019-12-28"},
		{"Voting opens on January 20.", tuesday, "on January 20=2020-01-20"},
		{"Elections will be held on 2 March.", tuesday, "on 2 March=2020-03-02"},
		{"The law passed in March.", metadata.Day{Year: 2020, Month: time.October, Day: 24}, "March=2020-03-01..2020-03-31"},
		{"The law passed last May.", metadata.Day{Year: 2020, Month: time.October, Day: 24}, "last May=2020-05-01..2020-05-31"},
		{"Protests went on over the weekend.", tuesday, "over the weekend=2020-01-04..2020-01-05"},
		{"Protests went on over the weekend.", metadata.Day{Year: 2020, Month: time.January, Day: 4}, "over the weekend=2020-01-04"},
		{"Talks ended Jan. 5 and will resume March 10th.", tuesday, "Jan. 5=2020-01-05; March 10th=2020-03-10"},
		{"Talks ended on March 10th.", tuesday, "on March 10th=2019-03-10"},
		{"By 2 March the board will have voted.", tuesday, "2 March=2020-03-02"},
		{"On 2 March, voters will choose.", tuesday, "On 2 March=2020-03-02"},
		{"Voters chose a mayor on 2 March and will choose a council on 9 March.", tuesday, "on 2 March=2019-03-02; on 9 March=2020-03-09"},
		{"It opened last Friday.", metadata.Day{Year: 2020, Month: time.January, Day: 10}, "last Friday=2020-01-03"},
		{"It opened this past Friday.", tuesday, "this past Friday=2020-01-03"},
		{"Fighting resumed late Sunday and early Monday.", tuesday, "late Sunday=2020-01-05; early Monday=2020-01-06"},
		// Not relative, or not a time at all.
		{"May I ask what the March on the capital achieved?", tuesday, ""},
		{"She may march, and they may sunday.", tuesday, ""},
		{"Super Tuesday and Good Friday are names; so is the Sunday Times.", tuesday, ""},
		{"The museum is closed on Sundays.", tuesday, ""},
		{"Parliament voted on Sunday, 5 January 2020.", tuesday, ""},
		{"The treaty was signed on 5 January 2020, in January 2020.", tuesday, ""},
		{"It happened on 31 February.", tuesday, ""},
		{"Today's youth read less.", tuesday, ""},
		{"He told NBC's \"Today\" show, then the Tonight Show, then told \"Today.\"", tuesday, ""},
		{"Funds raised since Jan. 1, 2015, and the Sept. 11 attacks.", tuesday, ""},
		{"Today, and on Sept. 11, the flags fly.", tuesday, "Today=2020-01-07; on Sept. 11=2019-09-11"},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			var got []string
			for _, r := range metadata.Resolve(c.text, c.base) {
				assert.Equal(t, r.Text, c.text[r.Start:r.End], "the span holds the text")
				s := r.Text + "=" + r.From.String()
				if r.To != r.From {
					s += ".." + r.To.String()
				}
				got = append(got, s)
				assert.Contains(t, r.Note, fmt.Sprintf("if the article was written on its publication date (%s)", c.base.Long()))
			}
			assert.Equal(t, c.want, strings.Join(got, "; "))
		})
	}
}

func TestResolveNote(t *testing.T) {
	rs := metadata.Resolve("Iraq's parliament voted on Sunday.", tuesday)
	require.Len(t, rs, 1)
	assert.Equal(t, "Sunday 5 January 2020 (news style places a weekday in the week before publication), if the article was written on its publication date (Tuesday 7 January 2020)", rs[0].Note)
	rs = metadata.Resolve("It closed late last week.", tuesday)
	require.Len(t, rs, 1)
	assert.Equal(t, "Thursday 2 to Sunday 5 January 2020 (late in the week before the week of publication), if the article was written on its publication date (Tuesday 7 January 2020)", rs[0].Note)
}
