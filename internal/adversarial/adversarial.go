// Package adversarial generates inputs made to stress each stage of slant (Markdown and
// HTML parsing, sentences, quotations, provenance, the rule kinds, rendering), at any size,
// for the tests that check that slant's cost grows in proportion to its input and for the
// benchmarks that measure it. The texts are generated, not taken from any corpus.
package adversarial

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Input is one kind of hostile or careless input.
type Input struct {
	Name   string
	Format string // text, markdown or html
	// Rubric, when set, is a rubric file (TOML) applied instead of the default rubric.
	Rubric string
	// Generate returns an input of about size bytes (never fewer than a few bytes).
	Generate func(size int) []byte
}

// Inputs are the suite, one entry per stage-stressing shape.
var Inputs = []Input{
	{Name: "said-that", Format: "text", Generate: repeat("the official said that ", "")},
	{Name: "unpunctuated-news", Format: "text", Generate: unpunctuatedNews},
	{Name: "news-one-paragraph", Format: "text", Generate: newsOneParagraph},
	{Name: "news-one-line", Format: "text", Generate: newsOneLine},
	{Name: "news", Format: "markdown", Generate: news},
	{Name: "every-word-a-verb-of-saying", Format: "text", Generate: words(verbsOfSaying, " ", "")},
	{Name: "every-word-capitalised", Format: "text", Generate: words(capitalised, " ", "")},
	{Name: "every-word-capitalised-sentences", Format: "text", Generate: words(capitalised, " ", ". ")},
	{Name: "unbalanced-quotation-marks", Format: "text", Generate: repeat(`"`, "")},
	{Name: "unbalanced-curly-quotation-marks", Format: "text", Generate: repeat("\u201c word ", "")},
	{Name: "nested-quotations", Format: "text", Generate: nestedQuotations},
	{Name: "scare-quotes-one-sentence", Format: "text", Generate: repeat(`the "plan" and the "deal" with `, "")},
	{Name: "claims-and-attributions", Format: "text", Generate: repeat("Officials said the weather was fine.\nThe mayor secretly coordinated the sale with the buyer.\n", "")},
	{Name: "many-speakers", Format: "text", Generate: manySpeakers},
	{Name: "roles-of-many-speakers", Format: "text", Generate: rolesOfManySpeakers},
	{Name: "quotation-over-every-paragraph", Format: "text", Generate: quotationOverEveryParagraph},
	{Name: "suppression-comments", Format: "markdown", Generate: repeat("<!-- slant-disable-next-line loaded.labels -->\nThe regime said the plan failed. <!-- slant-disable attribution.vague-source -->Critics say so.<!-- slant-enable -->\n\n", "")},
	{Name: "suppression-comments-one-paragraph", Format: "text", Generate: repeat("<!-- slant-disable-next-line loaded.labels -->\nThe regime said the plan failed. <!-- slant-disable attribution.vague-source -->Critics say so.<!-- slant-enable -->\n", "")},
	{Name: "one-word-paragraphs", Format: "text", Generate: repeat("word\n\n", "")},
	{Name: "combining-marks", Format: "text", Generate: repeat("e\u0301\u0301\u0301 said\u0308 ", "")},
	{Name: "bidi-marks", Format: "text", Generate: repeat("\u202e\u2067official\u2069 said \u200f\u201cit\u201d\u202c ", "")},
	{Name: "pattern-nested-repeat", Format: "text", Rubric: nestedRepeatRubric, Generate: func(size int) []byte {
		return append(bytes.Repeat([]byte("a"), max(size-1, 1)), 'b')
	}},
	{Name: "pattern-pending-branch", Format: "text", Rubric: pendingBranchRubric, Generate: repeat("claim ", "")},
	{Name: "pattern-late-failing-starts", Format: "text", Rubric: lateFailingStartsRubric, Generate: repeat("so-called ", "")},
	{Name: "footnotes", Format: "markdown", Generate: footnotes},
	{Name: "footnote-definitions-paragraph", Format: "markdown", Generate: footnoteDefinitions},
	{Name: "link-openers-one-line", Format: "markdown", Generate: repeat("[a](", "\n")},
	{Name: "brackets-one-line", Format: "markdown", Generate: repeat("[", "\n")},
	{Name: "emphasis-runs", Format: "markdown", Generate: repeat("*a **b _c __d `e ``f ", "\n")},
	{Name: "nested-block-quotes", Format: "markdown", Generate: nested("> ", "")},
	{Name: "nested-lists", Format: "markdown", Generate: nested("- ", "  ")},
	{Name: "nested-lists-tabs", Format: "markdown", Generate: nested("- ", "\t")},
	{Name: "nested-ordered-lists", Format: "markdown", Generate: nested("1. ", "   ")},
	{Name: "nested-block-quotes-one-line", Format: "markdown", Generate: nestedOneLine},
	{Name: "nested-lists-blank-lines", Format: "markdown", Generate: nestedListsBlankLines},
	{Name: "link-reference-definitions", Format: "markdown", Generate: linkReferenceDefinitions},
	{Name: "html-nested-elements", Format: "html", Generate: htmlNested},
}

// patternRubric returns a rubric of one pattern rule, with an example it flags and one it
// passes.
func patternRubric(name, pattern, flag, pass string) string {
	return fmt.Sprintf(`name = %q
version = "1"
language = "en"
description = "A pattern rule, to measure the cost of the pattern kind."

[[rules]]
id = "test.%s"
category = "test"
severity = "info"
kind = "pattern"
pattern = %q
message = "Match: {match}"
explain = "Tests the cost of a pattern rule."
examples = { flag = [%q], pass = [%q] }
`, name, name, pattern, flag, pass)
}

var (
	// nestedRepeatRubric has a regular expression that backtracking engines take
	// exponential time on: RE2 takes linear time in one search, but a search restarted
	// from every position would take quadratic time.
	nestedRepeatRubric = patternRubric("nested-repeat", `(a+)+$`, "aaa", "bbb")
	// pendingBranchRubric's pattern prefers a branch that can only fail at the next full
	// stop: over "claim claim ...", each match is "claim", but a leftmost-first search reads
	// to the end of the text before it can say so, and regexp's FindAll, which searches again
	// from the end of each match, takes time quadratic in the text.
	pendingBranchRubric = patternRubric("pending-branch", `(?i)\bclaim(?:[^.]*\bwithout evidence)?`, "a claim", "a clam")
	// lateFailingStartsRubric's pattern, with a group named match and word boundaries, can
	// start at every "so-called" of "so-called so-called ..." and fails only at the end of
	// the text: a search tried from each place a match can start reads the rest of the text
	// each time.
	lateFailingStartsRubric = patternRubric("late-failing-starts", `(?i)\b(?P<match>so-called)\s+(?:[\w-]+\s+)*experts\b`,
		"the so-called tax experts", "the so-called tax")
)

// repeat returns a generator of unit repeated to the size, then tail.
func repeat(unit, tail string) func(int) []byte {
	return func(size int) []byte {
		n := max(size/len(unit), 1)
		return []byte(strings.Repeat(unit, n) + tail)
	}
}

var verbsOfSaying = strings.Fields(`said says told claimed stated argued insisted admitted
	warned noted added explained announced believes thinks alleged reported according denied
	suggested asserted acknowledged conceded wrote tweeted`)

var capitalised = strings.Fields(`The Official Said That Mark Esper Critics Say Harbour
	Council Mayor Office Jane Roe Tom Hale Spokeswoman Ministry State Department Reuters
	According To Sources Close Senior Officials Believe Minister Told Reporters`)

// words returns a generator of list's words in a fixed pseudo-random order, joined by sep,
// with end after every 12th word.
func words(list []string, sep, end string) func(int) []byte {
	return func(size int) []byte {
		r := rand.New(rand.NewPCG(1, 2))
		var b bytes.Buffer
		for i := 0; b.Len() < size; i++ {
			b.WriteString(list[r.IntN(len(list))])
			if end != "" && i%12 == 11 {
				b.WriteString(end)
			} else {
				b.WriteString(sep)
			}
		}
		return b.Bytes()
	}
}

// sentences are news sentences of the shapes slant analyses: quotations, attributions,
// vague sources, loaded words, relative times.
var sentences = []string{
	`“We will not leave the harbour,” said Jane Roe, a spokeswoman for the port authority.`,
	`Critics say the so-called "rescue plan" hands the waterfront to a developer.`,
	`It is believed that two councillors stayed away from the vote in protest.`,
	`The mayor, Tom Hale, told reporters on Monday that the deal was “the best we could get.”`,
	`According to sources close to the ministry, the talks collapsed last week.`,
	`A senior official who asked not to be named said the plan was a disgrace.`,
	`Officials believe the regime is planning a secret offensive.`,
	`“It is a shameful giveaway,” Hale said. “Nobody asked the town.”`,
	`The State Department said in a statement that it was “deeply concerned.”`,
	`She added that the council would meet again on Tuesday, and warned of delays.`,
	`Many people are saying the election was stolen, but no evidence was offered.`,
	`The company claimed the figures were accurate; the union insisted they were not.`,
	`Mr. Hale, 54, who has led the town since 2019, did not respond.`,
	`Residents (many of them fishermen) described a “catastrophic” season.`,
	`Reports suggest the minister knew of the plan, a claim he has denied.`,
}

// news returns paragraphs of three to five news sentences, separated by blank lines.
func news(size int) []byte { return newsText(size, " ", "\n\n") }

// newsOneParagraph returns news sentences joined by single line breaks: a paragraph of the
// whole size, as plain text with no blank lines reads.
func newsOneParagraph(size int) []byte { return newsText(size, "\n", "\n") }

// newsOneLine returns news sentences on one line.
func newsOneLine(size int) []byte { return newsText(size, " ", " ") }

func newsText(size int, sep, paraSep string) []byte {
	r := rand.New(rand.NewPCG(3, 4))
	var b bytes.Buffer
	for b.Len() < size {
		n := 3 + r.IntN(3)
		for i := range n {
			b.WriteString(sentences[r.IntN(len(sentences))])
			if i < n-1 {
				b.WriteString(sep)
			}
		}
		b.WriteString(paraSep)
	}
	return b.Bytes()
}

// unpunctuatedNews returns news words with no punctuation and no capitals, on one line: the
// shape of a speech-to-text transcript.
func unpunctuatedNews(size int) []byte {
	var ws []string
	for _, s := range sentences {
		for _, w := range strings.Fields(strings.ToLower(s)) {
			w = strings.Trim(w, `“”".,;()`)
			if w != "" {
				ws = append(ws, w)
			}
		}
	}
	return words(ws, " ", "")(size)
}

// manySpeakers returns paragraphs in each of which a different named person speaks, with a
// title, a role and a pronoun after: the registry of sources grows with the document.
func manySpeakers(size int) []byte {
	syllables := []string{"ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "va", "ze"}
	name := func(i int) string {
		var b strings.Builder
		for k := 0; k < 3 || i > 0; k++ {
			b.WriteString(syllables[i%len(syllables)])
			i /= len(syllables)
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		first, last := name(i), name(i+7919)
		b.WriteString("Councillor " + first + " " + last + ", a spokeswoman for the " + last +
			" Party, said the vote was rigged. " + last + " added: \u201cIt is a disgrace.\u201d She said more would follow.\n\n")
	}
	return b.Bytes()
}

// rolesOfManySpeakers returns paragraphs in each of which a new named person with a role
// speaks, and then a role with no name ("the minister"), which is resolved against every
// person known.
func rolesOfManySpeakers(size int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		n := strconv.Itoa(i)
		b.WriteString("Minister Ann Roe" + n + " said the port would close. The spokeswoman told reporters it would not.\n\n")
	}
	return b.Bytes()
}

// quotationOverEveryParagraph returns one quotation that runs on over every paragraph (each
// opens with a quote mark, as a quotation over several paragraphs does, and only the last
// closes it), with a verb of saying in each: every cue lies inside what the first reports.
func quotationOverEveryParagraph(size int) []byte {
	var b bytes.Buffer
	b.WriteString("Hale said: \u201cWe will stay.\n\n")
	for b.Len() < size {
		b.WriteString("\u201cOfficials said the plan failed, and critics say it was a disgrace.\n\n")
	}
	b.WriteString("\u201cThat is all.\u201d\n")
	return b.Bytes()
}

// nestedQuotations returns quotations each opened inside the one before, with a speaker and
// a verb in each (“Ann said ‘Bob said “Cy said ‘...), then every one closed.
func nestedQuotations(size int) []byte {
	names := []string{"Ann", "Bob", "Cy", "Dee"}
	var b bytes.Buffer
	depth := 0
	for ; b.Len() < size/2; depth++ {
		b.WriteString(names[depth%len(names)] + " said ")
		if depth%2 == 0 {
			b.WriteString("\u201c")
		} else {
			b.WriteString("\u2018")
		}
	}
	b.WriteString("yes")
	for depth--; depth >= 0; depth-- {
		if depth%2 == 0 {
			b.WriteString("\u201d")
		} else {
			b.WriteString("\u2019")
		}
		b.WriteString(" she said")
	}
	b.WriteString(".")
	return b.Bytes()
}

// footnotes returns Markdown paragraphs each with a footnote reference, and the footnotes'
// definitions at the end.
func footnotes(size int) []byte {
	var refs, defs bytes.Buffer
	for i := 1; refs.Len()+defs.Len() < size; i++ {
		n := strconv.Itoa(i)
		refs.WriteString("Critics say the plan failed.[^" + n + "]\n\n")
		defs.WriteString("[^" + n + "]: Officials said so on Monday.\n")
	}
	return append(refs.Bytes(), defs.Bytes()...)
}

// footnoteDefinitions returns one paragraph of footnote definitions, one a line.
func footnoteDefinitions(size int) []byte {
	var b bytes.Buffer
	b.WriteString("Critics say it failed.[^1]\n\n")
	for i := 1; b.Len() < size; i++ {
		b.WriteString("[^" + strconv.Itoa(i) + "]: Officials said so on Monday.\n")
	}
	return b.Bytes()
}

// nested returns Markdown containers nested ever deeper, a level a line: marker is the
// container's mark (a block quote's "> ", a list item's "- "), and indent, when set, is
// what each level adds before it (a list item's content is indented) instead of repeating
// the marker.
func nested(marker, indent string) func(int) []byte {
	return func(size int) []byte {
		var b bytes.Buffer
		for depth := 0; b.Len() < size; depth++ {
			if indent == "" {
				b.WriteString(strings.Repeat(marker, depth+1))
			} else {
				b.WriteString(strings.Repeat(indent, depth) + marker)
			}
			b.WriteString("critics say it failed\n")
		}
		return b.Bytes()
	}
}

// nestedOneLine returns one line that opens block quotes as deep as half the size (">>>...>
// critics"), then lines of prose that continue the innermost paragraph lazily: each line
// costs goldmark a step for every container open.
func nestedOneLine(size int) []byte {
	var b bytes.Buffer
	b.WriteString(strings.Repeat(">", size/2) + " critics say it failed\n")
	for b.Len() < size {
		b.WriteString("officials said so\n")
	}
	return b.Bytes()
}

// nestedListsBlankLines returns lists nested 40 levels, then runs of 50 blank lines, each
// followed by a line of prose indented to stay in the innermost item: every blank line
// continues every list open, which goldmark records line by line until the lists close.
func nestedListsBlankLines(size int) []byte {
	const depth = 40
	var b bytes.Buffer
	for d := range depth {
		b.WriteString(strings.Repeat("  ", d) + "- critics say it failed\n")
	}
	for b.Len() < size {
		b.WriteString(strings.Repeat("\n", 50) + strings.Repeat("  ", depth) + "officials said so\n")
	}
	return b.Bytes()
}

// linkReferenceDefinitions returns one paragraph of link reference definitions, one a line,
// then a paragraph that uses some: goldmark takes each definition out of the paragraph at a
// cost in proportion to the lines left.
func linkReferenceDefinitions(size int) []byte {
	var b bytes.Buffer
	n := 0
	for ; b.Len() < size*3/4; n++ {
		b.WriteString("[ref" + strconv.Itoa(n) + "]: https://example.com/" + strconv.Itoa(n) + "\n")
	}
	b.WriteString("\n")
	for i := 0; b.Len() < size; i++ {
		b.WriteString("Critics say [it failed][ref" + strconv.Itoa(i*7%n) + "]. ")
	}
	return b.Bytes()
}

// htmlNested returns an HTML page whose elements are nested ever deeper, with prose in each.
func htmlNested(size int) []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html><html><body><main>")
	tags := []string{"div", "blockquote", "section", "p"}
	depth := 0
	for ; b.Len() < size/2; depth++ {
		b.WriteString("<" + tags[depth%len(tags)] + ">Critics say it failed. ")
	}
	for depth--; depth >= 0; depth-- {
		b.WriteString("</" + tags[depth%len(tags)] + ">")
	}
	b.WriteString("</main></body></html>")
	return b.Bytes()
}
