package annotate_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/rubrics"
)

// seedArticle is the real news page the project is measured on. It lives in ../shared beside
// the repository (CI has it there) and is not copied into testdata.
const seedArticle = "../../shared/corpus/seed/sputnik-soleimani-2020.txt"

// TestSeedArticle checks the default rubric on the motivating article: the findings a
// reader needs are there, in the right voice, and a plain attributed statement is left alone.
func TestSeedArticle(t *testing.T) {
	src, err := os.ReadFile(seedArticle)
	if os.IsNotExist(err) {
		t.Skipf("%s not found: the shared corpus is not beside the repository", seedArticle)
	}
	require.NoError(t, err)
	r, err := rubrics.Default()
	require.NoError(t, err)
	a, err := annotate.New(r)
	require.NoError(t, err)
	doc, err := annotate.Parse("seed.txt", src, annotate.FormatText)
	require.NoError(t, err)
	fs, err := a.Annotate(context.Background(), doc)
	require.NoError(t, err)

	has := func(rule, text, voice string) bool {
		for _, f := range fs {
			if f.Rule.ID == rule && f.Text == text && string(f.Voice) == voice {
				return true
			}
		}
		return false
	}
	assert.True(t, has("framing.scare-quotes", `so-called "terrorist leader"`, "writer"), "so-called scare quote")
	assert.True(t, has("attribution.anonymous-source", "a NATO official told", "writer"), "anonymous NATO official")
	assert.True(t, has("attribution.vague-source", "reports that", "writer"), "vague reports")

	// "terrorist" inside Esper's quoted statement is quoted speech.
	statement := strings.Index(string(src), `"The fact of the matter`)
	require.Positive(t, statement)
	end := statement + strings.Index(string(src[statement:]), `Esper said.`)
	quoted := 0
	for _, f := range fs {
		if f.Span.Start > statement && f.Span.End < end && strings.EqualFold(f.Text, "terrorist") {
			assert.Equal(t, "quoted", string(f.Voice), "terrorist at %d", f.Span.Start)
			assert.Equal(t, "loaded.labels", f.Rule.ID)
			quoted++
		}
	}
	assert.Equal(t, 3, quoted, "the three uses of terrorist in Esper's statement")

	// No finding on the plain attribution.
	plain := strings.Index(string(src), "Esper said Tuesday, speaking to CNN")
	require.Positive(t, plain)
	for _, f := range fs {
		if f.Span.End > plain && f.Span.Start < plain+len("Esper said Tuesday, speaking to CNN") {
			t.Errorf("finding %s %q on a plain attributed statement", f.Rule.ID, f.Text)
		}
	}
}
