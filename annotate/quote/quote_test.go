package quote

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// want describes one expected quotation. inner is the inner text of its parts joined
// with " | "; parts defaults to 1.
type want struct {
	inner  string
	kind   Kind
	depth  int
	closed bool
	parts  int
	open   rune // checked when not 0
}

type findCase struct {
	name  string
	paras []string
	want  []want
}

// st and ph build the common expectations: a closed single-part quotation.
func st(inner string) want { return want{inner: inner, kind: Statement, closed: true} }
func ph(inner string) want { return want{inner: inner, kind: Phrase, closed: true} }

// in returns w nested at depth d.
func in(d int, w want) want { w.depth = d; return w }

var findCases = []findCase{
	{name: "empty input", paras: nil},
	{name: "empty paragraphs", paras: []string{"", "   ", ""}},
	{name: "no quotes", paras: []string{"The council met on Tuesday and adjourned early."}},

	// Straight and curly doubles.
	{
		name:  "straight double statement",
		paras: []string{`"We are ready to finish one," he said.`},
		want:  []want{st("We are ready to finish one,")},
	},
	{
		name:  "curly double statement",
		paras: []string{"“We will not leave,” she said, “until every last vote is counted.”"},
		want:  []want{st("We will not leave,"), st("until every last vote is counted.")},
	},
	{
		name:  "straight double phrases",
		paras: []string{`The so-called "terrorist leader" fled, and "friends" rejoiced.`},
		want:  []want{ph("terrorist leader"), ph("friends")},
	},
	{
		name:  "phrase at sentence end",
		paras: []string{`He said the plan was "more than razor thin."`},
		want:  []want{ph("more than razor thin.")},
	},
	{
		name:  "many words make a statement",
		paras: []string{`She called it "a dangerous and reckless gamble by a desperate man"`},
		want:  []want{st("a dangerous and reckless gamble by a desperate man")},
	},
	{
		name:  "after a colon",
		paras: []string{`The sign read: "Closed for good."`},
		want:  []want{st("Closed for good.")},
	},
	{
		name:  "after a dash",
		paras: []string{`Then the reply came — "not this year, friend" — and the room fell silent.`},
		want:  []want{st("not this year, friend")},
	},
	{
		name:  "after a sentence end",
		paras: []string{`The mayor left. "That was a long night," an aide said.`},
		want:  []want{st("That was a long night,")},
	},
	{
		name:  "two words at paragraph start stay a phrase",
		paras: []string{`"Very good," he said.`},
		want:  []want{ph("Very good,")},
	},
	{
		name:  "guillemets",
		paras: []string{"The banner said «no more delays» in red letters."},
		want:  []want{{inner: "no more delays", kind: Phrase, closed: true, parts: 1, open: '«'}},
	},
	{
		name:  "French spacing inside guillemets",
		paras: []string{"Il a dit : « Ça suffit maintenant » puis il est parti."},
		want:  []want{st("Ça suffit maintenant")},
	},
	{
		name:  "five words after a comma stay a phrase",
		paras: []string{`"Stop," she said, "or we all go."`},
		want:  []want{ph("Stop,"), ph("or we all go.")},
	},
	{
		name:  "straight inches are not a quote",
		paras: []string{`The screen measures 27" across, the seller said.`},
	},
	{
		name:  "toggling straight double between spaces",
		paras: []string{`He wrote " and then stopped " in the margin.`},
		want:  []want{ph("and then stopped")},
	},
	{
		name:  "stray straight double ends at paragraph end",
		paras: []string{`The leaflet ended with "Vote early`, "Polls open at eight."},
		want:  []want{{inner: "Vote early", kind: Phrase}},
	},

	// Singles as quotes and as apostrophes.
	{
		name:  "straight singles as quotes",
		paras: []string{`'We are not finished yet,' the coach said.`},
		want:  []want{st("We are not finished yet,")},
	},
	{
		name:  "curly singles as quotes",
		paras: []string{"‘We are not finished yet,’ the coach said of the ‘reckless’ plan."},
		want:  []want{st("We are not finished yet,"), ph("reckless")},
	},
	{
		name:  "apostrophes inside words",
		paras: []string{"They don't trust Kata'ib Hezbollah, and she’s sure it won’t last; he is 5'11."},
	},
	{
		name:  "plural possessive with no quote open",
		paras: []string{"The Americans' demands and the ministers’ plan were rejected."},
	},
	{
		name:  "decade and year elisions",
		paras: []string{"Music of the '90s and ‘80s, the class of '05, and the ’70s."},
	},
	{
		name:  "rock 'n' roll",
		paras: []string{"She loved rock 'n' roll and rock ‘n’ roll and rock 'n roll."},
	},
	{
		name:  "leading elisions",
		paras: []string{"’Tis the season, 'tis true; tell 'em 'cause we said so."},
	},
	{
		name:  "rock 'n' roll inside a single quote",
		paras: []string{"‘I still play rock ’n’ roll every night,’ he said."},
		want:  []want{st("I still play rock ’n’ roll every night,")},
	},
	{
		name:  "plural possessive inside a single quote",
		paras: []string{"‘The ministers’ plan will fail,’ she said."},
		want:  []want{st("The ministers’ plan will fail,")},
	},
	{
		name:  "plural possessive before a nested double quote",
		paras: []string{"‘I was at the players’ union meeting and they said “no”,’ she told us."},
		want: []want{
			st("I was at the players’ union meeting and they said “no”,"),
			in(1, ph("no")),
		},
	},
	{
		name:  "closing single before a later possessive",
		paras: []string{"He called it ‘a farce’ and said the ministers’ plan was ‘doomed’."},
		want:  []want{ph("a farce"), ph("doomed")},
	},
	{
		name:  "unclosed single within a paragraph is dropped",
		paras: []string{"Fans of 'Bama filled the stands.", "Nobody left early."},
	},

	// Nesting.
	{
		name:  "US nesting: single inside double",
		paras: []string{`"She told me 'we are finished' and walked out," he said.`},
		want: []want{
			st("She told me 'we are finished' and walked out,"),
			in(1, ph("we are finished")),
		},
	},
	{
		name:  "UK nesting: double inside single",
		paras: []string{"‘He told me “we are finished” and left,’ she said."},
		want: []want{
			st("He told me “we are finished” and left,"),
			in(1, ph("we are finished")),
		},
	},
	{
		name:  "nested quote closing with its parent",
		paras: []string{`"He kept calling it 'madness.'" she said.`},
		want: []want{
			st("He kept calling it 'madness.'"), // 3+ words at paragraph start
			in(1, ph("madness.")),
		},
	},
	{
		name:  "nested quote opening with its parent",
		paras: []string{`"'We go at dawn,' the captain told us," she recalled.`},
		want: []want{
			st("'We go at dawn,' the captain told us,"),
			in(1, st("We go at dawn,")),
		},
	},
	{
		name:  "unmatched inner quote is dropped when its parent closes",
		paras: []string{`"They said 'no way, and left," he said. Then 'nothing' happened.`},
		want: []want{
			st("They said 'no way, and left,"),
			ph("nothing"),
		},
	},

	// Several paragraphs.
	{
		name: "three-paragraph quote, only the last closed",
		paras: []string{
			`"The first paragraph of the statement goes here.`,
			`"The second paragraph carries it on.`,
			`  "And the third one ends it," the minister said.`,
		},
		want: []want{{
			inner: "The first paragraph of the statement goes here. | " +
				"The second paragraph carries it on. | And the third one ends it,",
			kind: Statement, closed: true, parts: 3,
		}},
	},
	{
		name: "curly multi-paragraph quote with a nested quote",
		paras: []string{
			"“We were told ‘wait’ again.",
			"“So we waited,” he said.",
		},
		want: []want{
			{inner: "We were told ‘wait’ again. | So we waited,", kind: Statement, closed: true, parts: 2},
			in(1, ph("wait")),
		},
	},
	{
		name: "unclosed quote followed by a narrative paragraph",
		paras: []string{
			`Officials said: "The bridge will stay shut until spring   `,
			"The mayor did not comment.",
			`"A new one," she said.`,
		},
		want: []want{
			{inner: "The bridge will stay shut until spring", kind: Statement, parts: 1},
			st("A new one,"),
		},
	},
	{
		name: "unclosed quote at the end of the input",
		paras: []string{
			"Nothing here.",
			`"This one never closes`,
		},
		want: []want{{inner: "This one never closes", kind: Statement, parts: 1}},
	},
	{
		name: "inner quote open at a paragraph end is dropped",
		paras: []string{
			`"They called it 'the end.`,
			`"But it was not," she said.`,
		},
		want: []want{{inner: "They called it 'the end. | But it was not,", kind: Statement, closed: true, parts: 2}},
	},
	{
		name: "UK single quote over two paragraphs",
		paras: []string{
			"‘We will rebuild the school.",
			"‘And the library after it,’ the head teacher said.",
		},
		want: []want{{inner: "We will rebuild the school. | And the library after it,", kind: Statement, closed: true, parts: 2}},
	},

	// Multibyte text.
	{
		name:  "multibyte text",
		paras: []string{"Der Bürgermeister sagte: „Wir schaffen das.“ Später: «Ça suffit» — “Ðúñ 東京 ✓”."},
		want: []want{
			st("Wir schaffen das."), // after a colon
			ph("Ça suffit"),
			ph("Ðúñ 東京 ✓"),
		},
	},
	{
		name:  "Nordic style closing marks",
		paras: []string{"”Vi är redo nu,” sade hon."},
		want:  []want{st("Vi är redo nu,")},
	},
}

func TestFind(t *testing.T) {
	for _, tc := range findCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Find(tc.paras)
			checkInvariants(t, tc.paras, got)
			require.Len(t, got, len(tc.want), "quotes: %s", describe(tc.paras, got))
			for i, w := range tc.want {
				q := got[i]
				parts := w.parts
				if parts == 0 {
					parts = 1
				}
				assert.Equal(t, w.inner, innerText(tc.paras, q), "quote %d inner", i)
				assert.Equal(t, w.kind, q.Kind, "quote %d kind", i)
				assert.Equal(t, w.depth, q.Depth, "quote %d depth", i)
				assert.Equal(t, w.closed, q.Closed, "quote %d closed", i)
				assert.Len(t, q.Parts, parts, "quote %d parts", i)
				if w.open != 0 {
					assert.Equal(t, w.open, q.Open, "quote %d open", i)
				}
			}
		})
	}
}

func TestParent(t *testing.T) {
	paras := []string{`"Outer 'middle "inner" middle' outer," he said. Then "after".`}
	got := Find(paras)
	require.Len(t, got, 4, describe(paras, got))
	assert.Equal(t, []int{-1, 0, 1, -1}, []int{got[0].Parent, got[1].Parent, got[2].Parent, got[3].Parent})
	assert.Equal(t, []int{0, 1, 2, 0}, []int{got[0].Depth, got[1].Depth, got[2].Depth, got[3].Depth})
	assert.Equal(t, "inner", innerText(paras, got[2]))
}

func TestParentOfDroppedQuote(t *testing.T) {
	// The single quote never closes: its child attaches to the outer quotation.
	paras := []string{`"It was 'a real "circus" out there," he said.`}
	got := Find(paras)
	require.Len(t, got, 2, describe(paras, got))
	assert.Equal(t, "circus", innerText(paras, got[1]))
	assert.Equal(t, 0, got[1].Parent)
	assert.Equal(t, 1, got[1].Depth)
}

func TestOffsets(t *testing.T) {
	paras := []string{`He said "yes".`}
	got := Find(paras)
	require.Len(t, got, 1)
	assert.Equal(t, Part{Para: 0, Start: 8, End: 13, InnerStart: 9, InnerEnd: 12}, got[0].Parts[0])
	assert.Equal(t, '"', got[0].Open)
	assert.Equal(t, -1, got[0].Parent)
}

func TestKindString(t *testing.T) {
	assert.Equal(t, "Statement", Statement.String())
	assert.Equal(t, "Phrase", Phrase.String())
}

// innerText joins the inner text of q's parts with " | ".
func innerText(paras []string, q Quote) string {
	texts := make([]string, len(q.Parts))
	for i, p := range q.Parts {
		texts[i] = paras[p.Para][p.InnerStart:p.InnerEnd]
	}
	return strings.Join(texts, " | ")
}

// describe renders quotes for failure messages.
func describe(paras []string, quotes []Quote) string {
	var b strings.Builder
	for i, q := range quotes {
		fmt.Fprintf(&b, "\n  %d: %q %v depth=%d parent=%d closed=%v parts=%d",
			i, innerText(paras, q), q.Kind, q.Depth, q.Parent, q.Closed, len(q.Parts))
	}
	return b.String()
}

// checkInvariants checks what must hold for any input: offsets in bounds, ordered and on
// rune boundaries, parts in increasing paragraphs, consistent parents and depths.
func checkInvariants(t testing.TB, paras []string, quotes []Quote) {
	t.Helper()
	bounds := make([]map[int]bool, len(paras))
	for i, p := range paras {
		bounds[i] = map[int]bool{len(p): true}
		for j := range p {
			bounds[i][j] = true
		}
	}
	prevPara, prevStart := -1, -1
	for i, q := range quotes {
		if len(q.Parts) == 0 {
			t.Fatalf("quote %d has no parts", i)
		}
		first := q.Parts[0]
		if first.Para < prevPara || first.Para == prevPara && first.Start <= prevStart {
			t.Fatalf("quote %d opens at %d:%d, not after %d:%d", i, first.Para, first.Start, prevPara, prevStart)
		}
		prevPara, prevStart = first.Para, first.Start
		for k, p := range q.Parts {
			if p.Para < 0 || p.Para >= len(paras) || k > 0 && p.Para <= q.Parts[k-1].Para {
				t.Fatalf("quote %d part %d: bad paragraph %d", i, k, p.Para)
			}
			if !(0 <= p.Start && p.Start <= p.InnerStart && p.InnerStart <= p.InnerEnd &&
				p.InnerEnd <= p.End && p.End <= len(paras[p.Para])) {
				t.Fatalf("quote %d part %d: bad offsets %+v in %d bytes", i, k, p, len(paras[p.Para]))
			}
			for _, off := range []int{p.Start, p.InnerStart, p.InnerEnd, p.End} {
				if !bounds[p.Para][off] {
					t.Fatalf("quote %d part %d: offset %d not on a rune boundary", i, k, off)
				}
			}
		}
		switch {
		case q.Parent == -1 && q.Depth != 0,
			q.Parent != -1 && (q.Parent < 0 || q.Parent >= i || q.Depth != quotes[q.Parent].Depth+1):
			t.Fatalf("quote %d: parent %d and depth %d inconsistent", i, q.Parent, q.Depth)
		}
		if q.Kind != Statement && q.Kind != Phrase {
			t.Fatalf("quote %d: bad kind %d", i, q.Kind)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, tc := range findCases {
		f.Add(strings.Join(tc.paras, "\n"))
	}
	f.Add("\"\x80\"'\xe2\x80\x99\xe2\x80")
	f.Fuzz(func(t *testing.T, s string) {
		paras := strings.Split(s, "\n")
		checkInvariants(t, paras, Find(paras))
	})
}

// benchParas generates about size bytes of prose with quotations of every kind.
func benchParas(size int) ([]string, int) {
	sentences := []string{
		`The committee met for three hours on Tuesday.`,
		`"We will not accept this budget," the chair said.`,
		`Critics called the proposal "a gift to developers."`,
		`‘It is the wrong plan at the wrong time,’ one member said.`,
		`The so-called “reform package” has been delayed twice.`,
		`Residents don't expect the council's vote before the '30s crowd returns.`,
		`"She told us 'come back next week' and closed the door," a neighbour recalled.`,
		`The ministers’ plan, officials said, was “still under review.”`,
		`Prices rose 4 percent in the quarter, according to the bureau.`,
		`«Assez» was written on one placard; another read “No”.`,
	}
	long := []string{
		`"The first part of a long statement runs here.`,
		`"It continues in a second paragraph.`,
		`"And it ends in the third," the spokesman said.`,
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var paras []string
	total := 0
	var b strings.Builder
	for total < size {
		b.Reset()
		if rng.IntN(8) == 0 { // a quotation running over three paragraphs
			for _, p := range long {
				paras = append(paras, p)
				total += len(p)
			}
		}
		for n := 2 + rng.IntN(4); n > 0; n-- {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sentences[rng.IntN(len(sentences))])
		}
		paras = append(paras, b.String())
		total += b.Len()
	}
	return paras, total
}

func BenchmarkFind(b *testing.B) {
	paras, total := benchParas(1 << 20)
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		Find(paras)
	}
}
