package annotate

import (
	"context"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/rubrics"
)

// shoutKind is a rule kind of the tests only, which shows what adding a kind takes: this
// file (its options, their checks, its matcher) and the one line that registers it, in init
// below. It flags words written in capitals, of min_letters letters or more (default 4).
var shoutKind = newKind("shout", checkShout, func(_ *builder, _ int, o *shoutOptions) matcher {
	return shoutMatcher{minLetters: max(o.MinLetters, 4)}
})

func init() { register(shoutKind) }

// shoutOptions are the fields of a rule of kind shout.
type shoutOptions struct {
	MinLetters int `toml:"min_letters"` // the fewest letters of a word flagged
}

func checkShout(o *shoutOptions) error {
	if o.MinLetters < 0 {
		return rubrics.OptionErrorf("min_letters", "min_letters must not be negative")
	}
	return nil
}

// shoutMatcher flags the words of a block written in capitals.
type shoutMatcher struct{ minLetters int }

func (m shoutMatcher) match(c *blockContext, emit func(start, end int, term string)) {
	toks := &c.toks
	for _, tok := range toks.List {
		word := toks.Text[tok.Start:tok.End]
		letters := 0
		for _, r := range word {
			if unicode.IsLower(r) {
				letters = 0
				break
			}
			if unicode.IsUpper(r) {
				letters++
			}
		}
		if letters >= m.minLetters {
			emit(tok.Start, tok.End, word)
		}
	}
}

// shoutRubric is a rubric of one rule of the test-only kind.
const shoutRubric = `name = "shouting"

[[rules]]
id = "test.shout"
category = "tone"
severity = "warning"
kind = "shout"
min_letters = 5
message = "Written in capitals: {match}"
explain = "Capitals shout; the facts can speak in a normal voice."
examples = { flag = ["The plan was a DISASTER."], pass = ["The NATO plan was a disaster."] }
`

// A kind registered by a test is read from TOML like any other, its fields checked, and its
// rules find what its matcher finds.
func TestTestOnlyKind(t *testing.T) {
	f, err := rubrics.Parse("shout.toml", []byte(shoutRubric))
	require.NoError(t, err)
	r, err := rubrics.Compose(f)
	require.NoError(t, err)
	rule := r.Rule("test.shout")
	require.NotNil(t, rule)
	assert.Equal(t, &shoutOptions{MinLetters: 5}, rule.Options)
	assert.Empty(t, CheckExamples(r, rule))

	a, err := New(r)
	require.NoError(t, err)
	doc, err := prose.Parse("a.txt", []byte("The mayor called the NATO plan a DISASTER. \"A DISASTER,\" she said."), prose.FormatText)
	require.NoError(t, err)
	fs, err := a.Annotate(context.Background(), doc)
	require.NoError(t, err)
	require.Len(t, fs, 1, "a quotation is in the speaker's voice, and NATO is short")
	assert.Equal(t, "DISASTER", fs[0].Text)
	assert.Equal(t, "Written in capitals: DISASTER", fs[0].Message)
	assert.Equal(t, rubrics.Warning, fs[0].Severity)
}

// The test-only kind's fields are decoded and checked as strictly as those of the kinds slant
// ships, with the mistakes named at file:line:col.
func TestTestOnlyKindErrors(t *testing.T) {
	for change, want := range map[string]string{
		"min_letters = -1":    `shout.toml:8:15: rule "test.shout": min_letters must not be negative`,
		"min_letters = \"5\"": `shout.toml:8:15: cannot decode TOML string into an integer`,
		"terms = [\"loud\"]":  `shout.toml:8:10: rule "test.shout": field "terms" does not apply to kind shout`,
		"volume = 11":         `shout.toml:8:1: unknown key "rules.volume"`,
	} {
		src := strings.Replace(shoutRubric, "min_letters = 5", change, 1)
		_, err := rubrics.Parse("shout.toml", []byte(src))
		assert.EqualError(t, err, want, change)
	}
}
