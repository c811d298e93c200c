package annotate_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/rubrics"
)

// seedArticle is the real news page the project is measured on. It lives in ../shared beside
// the repository (CI has it there) and is not copied into testdata.
const seedArticle = "../../shared/corpus/seed/sputnik-soleimani-2020.txt"

// seedDocument parses the seed article and returns it with an annotator for the default
// rubric, or skips the test when the shared corpus is not beside the repository.
func seedDocument(t *testing.T) (*annotate.Annotator, *prose.Document) {
	t.Helper()
	src, err := os.ReadFile(seedArticle)
	if os.IsNotExist(err) {
		t.Skipf("%s not found: the shared corpus is not beside the repository", seedArticle)
	}
	require.NoError(t, err)
	r, err := rubrics.Default()
	require.NoError(t, err)
	a, err := annotate.New(r)
	require.NoError(t, err)
	doc, err := prose.Parse("seed.txt", src, prose.FormatText)
	require.NoError(t, err)
	return a, doc
}

// TestSeedArticle checks the default rubric on the motivating article: the findings a
// reader needs are there, in the right voice, and a plain attributed statement is left alone.
func TestSeedArticle(t *testing.T) {
	a, doc := seedDocument(t)
	src := doc.Source
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
	assert.True(t, has("loaded.contested", "assassination", "writer"), "the strike called an assassination")

	// "terrorist" inside Esper's quoted statement is quoted speech.
	statement := strings.Index(string(src), `"The fact of the matter`)
	require.Positive(t, statement)
	end := statement + strings.Index(string(src[statement:]), `Esper said.`)
	quoted := 0
	for _, f := range fs {
		if f.Span.Start > statement && f.Span.End < end && strings.EqualFold(f.Text, "terrorist") {
			assert.Equal(t, "quoted", string(f.Voice), "terrorist at %d", f.Span.Start)
			assert.Equal(t, "loaded.contested", f.Rule.ID)
			quoted++
		}
	}
	assert.Equal(t, 3, quoted, "the three uses of terrorist in Esper's statement")

	// The unsourced claim about Soleimani's past is flagged as such.
	claim := strings.Index(string(src), "Before his death, Soleimani coordinated")
	require.Positive(t, claim)
	found := false
	for _, f := range fs {
		if f.Rule.ID == "claims.unsourced" && f.Span.Start == claim {
			found = true
			assert.Equal(t, "writer", string(f.Voice))
		}
	}
	assert.True(t, found, "the Soleimani sentence is a claim with no source")

	// No finding on the plain attribution.
	plain := strings.Index(string(src), "Esper said Tuesday, speaking to CNN")
	require.Positive(t, plain)
	for _, f := range fs {
		if f.Span.End > plain && f.Span.Start < plain+len("Esper said Tuesday, speaking to CNN") {
			t.Errorf("finding %s %q on a plain attributed statement", f.Rule.ID, f.Text)
		}
	}
}

// TestSeedProvenance checks who said what in the seed article.
func TestSeedProvenance(t *testing.T) {
	a, doc := seedDocument(t)
	src := doc.Source
	p := a.Provenance(doc)

	byName := map[string]*provenance.Source{}
	for _, s := range p.Sources {
		byName[s.Name] = s
	}
	esper := byName["Mark Esper"]
	require.NotNil(t, esper, "sources: %v", names(p.Sources))
	assert.Equal(t, provenance.SourcePerson, esper.Kind)
	assert.Equal(t, "US Defence Secretary", esper.Role)

	// Every statement of Esper's, direct, partial and reported, resolves to that one source.
	forms := map[provenance.Form]bool{}
	for _, at := range p.Attributions {
		mention := string(src[at.Mention.Start:at.Mention.End])
		if strings.Contains(mention, "Esper") || mention == "He" {
			assert.Same(t, esper, at.Source, "%q %s", mention, src[at.Cue.Start:at.Cue.End])
			forms[at.Form] = true
		}
	}
	assert.True(t, forms[provenance.FormDirect] && forms[provenance.FormPartial] && forms[provenance.FormReported], "forms %v", forms)

	kind := func(name string) provenance.SourceKind {
		s := byName[name]
		require.NotNil(t, s, "no source %q in %v", name, names(p.Sources))
		return s.Kind
	}
	assert.Equal(t, provenance.SourceAnonymous, kind("a NATO official"))
	assert.Equal(t, provenance.SourceVague, kind("reports"))
	assert.Equal(t, provenance.SourceVague, kind("Iranian officials"))
	assert.Equal(t, provenance.SourcePerson, kind("Trump"))
	assert.Equal(t, provenance.SourceOrganisation, kind("US State Department"))

	// Trump and the State Department are both sources of the "imminent" accusation.
	imminent := strings.Index(string(src), `"imminent"`)
	accusers := map[string]bool{}
	for _, at := range p.Attributions {
		if at.Content.Start <= imminent && imminent < at.Content.End && at.Source != nil {
			accusers[at.Source.Name] = true
		}
	}
	assert.Equal(t, map[string]bool{"Trump": true, "US State Department": true}, accusers)
}

func names(ss []*provenance.Source) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	return out
}
