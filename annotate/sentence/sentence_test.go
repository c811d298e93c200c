package sentence

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// splitCases are short invented passages with their expected sentences.
var splitCases = []struct {
	name string
	text string
	want []string
}{
	// Degenerate input.
	{"empty", "", nil},
	{"spaces only", " \t\n  \r\n ", nil},
	{"unicode spaces only", "\u00a0\u2003 \u3000", nil},
	{"no terminator", "a headline without a period", []string{"a headline without a period"}},
	{"trimmed", "  \n The council met.  \n", []string{"The council met."}},
	{"markup placeholder between sentences", "The council met. \x1a Hale left.", []string{"The council met.", "Hale left."}},
	{"unicode trimmed", "\u00a0The council met.\u2009", []string{"The council met."}},

	// Plain terminators.
	{"periods", "The vote passed. Turnout was high.", []string{"The vote passed.", "Turnout was high."}},
	{"question and exclamation", "Did it pass? Yes! It did.", []string{"Did it pass?", "Yes!", "It did."}},
	{"terminator run", "Really?! Nobody knew.", []string{"Really?!", "Nobody knew."}},
	{"digit start", "Losses grew in 2019. 2020 was worse.", []string{"Losses grew in 2019.", "2020 was worse."}},
	{"currency start", "It cost $5. $4 was the old price.", []string{"It cost $5.", "$4 was the old price."}},
	{"euro start", "Fees rose 10%. €4 was the old fee.", []string{"Fees rose 10%.", "€4 was the old fee."}},
	{"lowercase after period", "It was over. and yet it went on.", []string{"It was over. and yet it went on."}},
	{"no space after period", "See example.com.Then nothing.", []string{"See example.com.Then nothing."}},
	{"terminator first", "! Odd start.", []string{"!", "Odd start."}},

	// Quotes and brackets.
	{"straight quote", `He said, "It is over." Then he left.`,
		[]string{`He said, "It is over."`, "Then he left."}},
	{"curly double quote", "She said, “We won.” The crowd cheered.",
		[]string{"She said, “We won.”", "The crowd cheered."}},
	{"curly single quote", "He called it ‘a farce.’ Critics agreed.",
		[]string{"He called it ‘a farce.’", "Critics agreed."}},
	{"straight single quote", "He called it 'over.' Then he left.",
		[]string{"He called it 'over.'", "Then he left."}},
	{"quote after period", `It was "final". Then it was not.`,
		[]string{`It was "final".`, "Then it was not."}},
	{"exclamation with lowercase attribution", `"Stop!" she shouted. The car stopped.`,
		[]string{`"Stop!" she shouted.`, "The car stopped."}},
	{"curly exclamation with lowercase attribution", "“Stop!” she shouted. “Now!”",
		[]string{"“Stop!” she shouted.", "“Now!”"}},
	{"question with inverted attribution", "“Is it true?” asked Lee.", []string{"“Is it true?” asked Lee."}},
	{"question with named attribution", `"Why now?" Smith asked. Nobody answered.`,
		[]string{`"Why now?" Smith asked.`, "Nobody answered."}},
	{"exclamation with titled attribution", `"Stop!" Officer Jane Doe shouted. Nobody moved.`,
		[]string{`"Stop!" Officer Jane Doe shouted.`, "Nobody moved."}},
	{"exclamation with long attribution", `"We did it!" Gov. Ann B. Lee Jr. said. Aides cheered.`,
		[]string{`"We did it!" Gov. Ann B. Lee Jr. said.`, "Aides cheered."}},
	{"question then new sentence", `"Why now?" The question lingered.`,
		[]string{`"Why now?"`, "The question lingered."}},
	{"comma quote", `"We will go," he said. "Soon."`, []string{`"We will go," he said.`, `"Soon."`}},
	{"opening quote start", `The crowd roared. "We won!" she said.`,
		[]string{"The crowd roared.", `"We won!" she said.`}},
	{"opening curly quote start", "The crowd roared. “We won!” she said.",
		[]string{"The crowd roared.", "“We won!” she said."}},
	{"opening quote lowercase", `He paused. "and then?" he asked.`,
		[]string{`He paused. "and then?" he asked.`}},
	{"bracket close", "The bill passed (by one vote.) Critics cried foul.",
		[]string{"The bill passed (by one vote.)", "Critics cried foul."}},
	{"bracket open", "It passed. (Barely.) Then it stalled.",
		[]string{"It passed.", "(Barely.)", "Then it stalled."}},
	{"square brackets", "He [the mayor] left. [He returned.] Later he spoke.",
		[]string{"He [the mayor] left.", "[He returned.]", "Later he spoke."}},
	{"guillemets", "Il a dit «Non.» The talks ended.", []string{"Il a dit «Non.»", "The talks ended."}},

	// Abbreviations.
	{"titles", "Mr. Smith met Dr. Jones and Sen. Warren. They talked.",
		[]string{"Mr. Smith met Dr. Jones and Sen. Warren.", "They talked."}},
	{"ranks", "Lt. Col. Reyes briefed Gen. Adams and Adm. Chen.",
		[]string{"Lt. Col. Reyes briefed Gen. Adams and Adm. Chen."}},
	{"title before starter word", "The letter was signed by Rev. The Hon. Mary Poe.",
		[]string{"The letter was signed by Rev. The Hon. Mary Poe."}},
	{"company suffix at end", "He works for Acme Inc. The company makes anvils.",
		[]string{"He works for Acme Inc.", "The company makes anvils."}},
	{"company suffix mid", "Acme Inc. Chief Executive Jane Roe resigned.",
		[]string{"Acme Inc. Chief Executive Jane Roe resigned."}},
	{"name suffix", "Martin Luther King Jr. Day is a holiday. It falls in January.",
		[]string{"Martin Luther King Jr. Day is a holiday.", "It falls in January."}},
	{"street at end", "They met on Elm St. The house was empty.",
		[]string{"They met on Elm St.", "The house was empty."}},
	{"saint", "She moved to St. Louis in May.", []string{"She moved to St. Louis in May."}},
	{"months", "The vote is on Jan. 5. It may slip to Sept. 12.",
		[]string{"The vote is on Jan. 5.", "It may slip to Sept. 12."}},
	{"number sign", "The team is No. 1 again. Fans cheered.",
		[]string{"The team is No. 1 again.", "Fans cheered."}},
	{"no as a word", "She said no. Officials disagreed.", []string{"She said no.", "Officials disagreed."}},
	{"versus", "Roe v. Wade and Smith vs. Jones were cited.",
		[]string{"Roe v. Wade and Smith vs. Jones were cited."}},
	{"e.g. and i.e.", "Some states, e.g. Texas, objected, i.e. Governors did.",
		[]string{"Some states, e.g. Texas, objected, i.e. Governors did."}},
	{"approx and est", "The crowd, approx. 300 people, was est. 40% larger.",
		[]string{"The crowd, approx. 300 people, was est. 40% larger."}},
	{"state", "She lives in Peoria, Ill. The town is quiet.",
		[]string{"She lives in Peoria, Ill.", "The town is quiet."}},
	{"ill as a word", "He fell ill. Doctors were called.", []string{"He fell ill.", "Doctors were called."}},
	{"etc ends the sentence", "They sold apples, pears, etc. Prices fell.",
		[]string{"They sold apples, pears, etc.", "Prices fell."}},
	{"hyphenated title", "The ex-Gov. Brown spoke.", []string{"The ex-Gov. Brown spoke."}},
	{"abbreviation glued to word", "It was a xMr. Then it ended.", []string{"It was a xMr.", "Then it ended."}},
	{"abbreviation at end", "He met Mr.", []string{"He met Mr."}},
	{"quoted abbreviation closes", `He wrote "see Fig." The editor cut it.`,
		[]string{`He wrote "see Fig."`, "The editor cut it."}},

	// Initials.
	{"initial", "John F. Kennedy was elected in 1960.", []string{"John F. Kennedy was elected in 1960."}},
	{"several initials", "J. R. R. Tolkien wrote it. E. B. White did not.",
		[]string{"J. R. R. Tolkien wrote it.", "E. B. White did not."}},
	{"initial before one-letter starter", "It was signed by J. A. Smith.", []string{"It was signed by J. A. Smith."}},
	{"letter before starter", "They chose Plan B. The rest failed.", []string{"They chose Plan B.", "The rest failed."}},
	{"initial before name", "Harry S. Truman won.", []string{"Harry S. Truman won."}},

	// Numbers.
	{"decimals", "Sales hit $4.99 billion, up 1.2 percent. Analysts expected 3.5.",
		[]string{"Sales hit $4.99 billion, up 1.2 percent.", "Analysts expected 3.5."}},
	{"decimal at sentence end", "Inflation was 3.5. It fell later.", []string{"Inflation was 3.5.", "It fell later."}},
	{"version numbers", "Version 2.0.1 shipped. Users upgraded.", []string{"Version 2.0.1 shipped.", "Users upgraded."}},

	// Ellipses.
	{"ellipsis lowercase", "He paused... and then left.", []string{"He paused... and then left."}},
	{"ellipsis capital", "He paused... Then he left.", []string{"He paused...", "Then he left."}},
	{"unicode ellipsis lowercase", "He paused… and then left.", []string{"He paused… and then left."}},
	{"unicode ellipsis capital", "He paused… Then he left.", []string{"He paused…", "Then he left."}},
	{"spaced ellipsis", "He paused. . . Then he left.", []string{"He paused. . .", "Then he left."}},
	{"ellipsis in quote", "“Well…” The word hung there.", []string{"“Well…”", "The word hung there."}},

	// Initialisms.
	{"U.S. before title", "U.S. President Joe Biden spoke. He was brief.",
		[]string{"U.S. President Joe Biden spoke.", "He was brief."}},
	{"U.S. Army", "He served in the U.S. Army for years.", []string{"He served in the U.S. Army for years."}},
	{"U.S. at end", "He returned to the U.S. It was his first visit.",
		[]string{"He returned to the U.S.", "It was his first visit."}},
	{"U.S. before contraction", "He returned to the U.S. It's his home.",
		[]string{"He returned to the U.S.", "It's his home."}},
	{"U.K. and U.N.", "The U.K. and U.N. Security Council agreed.",
		[]string{"The U.K. and U.N. Security Council agreed."}},
	{"D.C. next", "He lives in Washington, D.C. Next week he moves.",
		[]string{"He lives in Washington, D.C.", "Next week he moves."}},
	{"p.m. the", "The meeting ended at 5 p.m. The board will reconvene.",
		[]string{"The meeting ended at 5 p.m.", "The board will reconvene."}},
	{"p.m. eastern", "Polls close at 8 p.m. Eastern time. Results follow.",
		[]string{"Polls close at 8 p.m. Eastern time.", "Results follow."}},
	{"a.m. lowercase", "He left at 3 a.m. and returned.", []string{"He left at 3 a.m. and returned."}},
	{"Ph.D.", "She earned a Ph.D. in physics. Then she taught.",
		[]string{"She earned a Ph.D. in physics.", "Then she taught."}},

	// Newlines.
	{"newline between sentences", "The vote passed.\nTurnout was high.",
		[]string{"The vote passed.", "Turnout was high."}},
	{"newline inside sentence", "The vote\npassed easily.\r\n", []string{"The vote\npassed easily."}},
	{"newline after abbreviation", "Mr.\nSmith arrived.", []string{"Mr.\nSmith arrived."}},
	{"blank line", "A headline\n\nThe body starts here.", []string{"A headline", "The body starts here."}},
	{"blank line with spaces", "It ended.\n \t\r\n\nand a lowercase line", []string{"It ended.", "and a lowercase line"}},
	{"blank line after abbreviation", "He met Mr.\n\nSmith arrived.", []string{"He met Mr.", "Smith arrived."}},

	// Multibyte text around boundaries.
	{"multibyte before and after", "The café in Zürich closed. Émile Dubois bought it.",
		[]string{"The café in Zürich closed.", "Émile Dubois bought it."}},
	{"multibyte before boundary", "They met in Malmö. Ölands Bank paid.",
		[]string{"They met in Malmö.", "Ölands Bank paid."}},
	{"caseless script", "The sign read 東京. 東京 is large.", []string{"The sign read 東京.", "東京 is large."}},
	{"lowercase multibyte after", "It cost 5 €. école fees rose.", []string{"It cost 5 €. école fees rose."}},
	{"greek capital", "It was α. Ω followed.", []string{"It was α.", "Ω followed."}},
	{"emoji", "Fans cheered 🎉. Then they left 😢.", []string{"Fans cheered 🎉.", "Then they left 😢."}},
	{"no-break space", "Mr.\u00a0Smith arrived.\u00a0He sat.", []string{"Mr.\u00a0Smith arrived.", "He sat."}},
	{"em space", "It rained.\u2003Roads flooded.", []string{"It rained.", "Roads flooded."}},
	{"curly apostrophe", "It’s over. Don’t worry.", []string{"It’s over.", "Don’t worry."}},
}

// sentences returns the text of each span, or nil if there are none.
func sentences(text string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	for _, tc := range splitCases {
		t.Run(tc.name, func(t *testing.T) {
			spans := Split(tc.text)
			assert.Equal(t, tc.want, sentences(tc.text, spans))
			checkSpans(t, tc.text, spans)
		})
	}
}

func TestSplitEmpty(t *testing.T) {
	assert.Empty(t, Split(""))
	assert.Empty(t, Split(" \n\t\u00a0"))
}

func TestSplitAllocations(t *testing.T) {
	// A typical paragraph needs only the result slice.
	paragraph := "Mr. Smith met Dr. Jones. They talked for an hour. “We agreed,” he said."
	assert.Equal(t, 1.0, testing.AllocsPerRun(20, func() { Split(paragraph) }))
	// A long text needs the result slice and a few growths of it.
	text := proseText(rand.New(rand.NewSource(7)), 64<<10)
	assert.LessOrEqual(t, testing.AllocsPerRun(20, func() { Split(text) }), 4.0)
}

// fragments are the pieces random test inputs are assembled from.
var fragments = []string{
	"the", "vote", "passed", "Smith", "The", "He", "It", "and", "Mr.", "U.S.",
	"D.C.", "p.m.", "Inc.", "No.", "St.", "F.", "e.g.", "3.5", "$4.99", "2020",
	".", ".", "!", "?", "...", "…", ",", "\"", "'", "“", "”", "‘", "’", "(", ")",
	"[", "]", "«", "»", " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n",
	"\u00a0", "\u2003", "\u3000", "é", "Zürich", "Émile", "東京", "Ω", "🎉",
	"\xff", "\xe2\x80", "\xc2", "\x80",
}

// randomText assembles up to 60 random fragments.
func randomText(r *rand.Rand) string {
	var b strings.Builder
	for n := r.Intn(60); n > 0; n-- {
		b.WriteString(fragments[r.Intn(len(fragments))])
	}
	return b.String()
}

func TestSplitProperties(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		text := randomText(r)
		checkSpans(t, text, Split(text))
	}
}

func FuzzSplit(f *testing.F) {
	for _, tc := range splitCases {
		f.Add(tc.text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSpans(t, text, Split(text))
	})
}

// checkSpans asserts the invariants of Split: spans are non-empty, in
// bounds, ordered, non-overlapping, on rune boundaries, trimmed, and the
// text outside them is whitespace.
func checkSpans(t testing.TB, text string, spans []Span) {
	t.Helper()
	starts := runeStarts(text)
	prev := 0
	for _, s := range spans {
		require.Truef(t, prev <= s.Start && s.Start < s.End && s.End <= len(text),
			"span %v out of order or bounds (prev end %d, len %d) in %q", s, prev, len(text), text)
		require.Truef(t, starts[s.Start] && starts[s.End], "span %v splits a rune in %q", s, text)
		require.Truef(t, allSpace(text[prev:s.Start]), "non-space outside spans before %v in %q", s, text)
		first, _ := utf8.DecodeRuneInString(text[s.Start:])
		require.Falsef(t, unicode.IsSpace(first), "span %v starts with space in %q", s, text)
		last := s.End - 1
		for !starts[last] {
			last--
		}
		lastRune, _ := utf8.DecodeRuneInString(text[last:s.End])
		require.Falsef(t, unicode.IsSpace(lastRune), "span %v ends with space in %q", s, text)
		prev = s.End
	}
	require.Truef(t, allSpace(text[prev:]), "non-space after the last span in %q", text)
}

// runeStarts marks the byte offsets of text at which a rune starts when it
// is decoded from the beginning, plus len(text).
func runeStarts(text string) []bool {
	starts := make([]bool, len(text)+1)
	for i := range text {
		starts[i] = true
	}
	starts[len(text)] = true
	return starts
}

// allSpace reports whether s is white space and markup placeholders (U+001A) only.
func allSpace(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && r != 0x1a {
			return false
		}
	}
	return true
}

// proseWords and proseExtras feed proseText.
var (
	proseWords = strings.Fields(`the a of to and in that for on with as by at from
		said was were has had will would could council vote budget city state
		officials percent million year week report police court election campaign
		market prices company workers residents school plan tax bill law`)
	proseExtras = []string{
		"Mr. Alvarez", "Sen. Okafor", "the U.S. Senate", "Acme Inc.", "Jan. 5",
		"3.5 percent", "$4.99", "1.2 million", "John F. Kennedy", "at 5 p.m.",
		"Zürich", "Malmö", "“we will see,” she said,", `"no," he said,`,
		"(in part)", "No. 2", "Washington, D.C.",
	}
)

// proseText generates at least size bytes of news-like prose.
func proseText(r *rand.Rand, size int) string {
	var b strings.Builder
	b.Grow(size + 256)
	for b.Len() < size {
		n := 6 + r.Intn(20)
		for i := 0; i < n; i++ {
			w := proseWords[r.Intn(len(proseWords))]
			if r.Intn(8) == 0 {
				w = proseExtras[r.Intn(len(proseExtras))]
			}
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			} else {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		switch r.Intn(10) {
		case 0:
			b.WriteString("?")
		case 1:
			b.WriteString(".”")
		default:
			b.WriteString(".")
		}
		if r.Intn(6) == 0 {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func BenchmarkSplit(b *testing.B) {
	text := proseText(rand.New(rand.NewSource(42)), 1<<20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Split(text)
	}
}
