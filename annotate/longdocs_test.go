package annotate

// Annotation of long documents, whose paragraphs prose cuts into blocks: every span stays
// a span of the source, and what a source says runs on over the cut.

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
)

// reportsOverParagraphs is a cue ending in a colon that introduces a quotation running on
// over two paragraphs (the news convention: the first paragraph is left open, the next opens
// again), after enough sentences that the first paragraph is cut when blocks are short. The
// shape of news joined with single line breaks that crashed slant ("The New York Times
// reports:" and a long quotation).
func reportsOverParagraphs() string {
	var b strings.Builder
	for i := range 6 {
		fmt.Fprintf(&b, "The council met on day %d to discuss the bridge.\n", i)
	}
	b.WriteString("The Harbour Gazette reports:\n\"In a sign of the mood in town, few residents came.\n\n")
	b.WriteString("\"Nobody expected more.\"\nThe vote is next week.\n")
	return b.String()
}

// checkSpans fails t unless every finding and attribution of doc lies inside its source, in
// order and on character boundaries, with its text the source's bytes.
func checkSpans(t *testing.T, doc *prose.Document, findings []Finding, prov *provenance.Provenance) {
	t.Helper()
	check := func(what string, s prose.Span) {
		t.Helper()
		if s.Start < 0 || s.Start > s.End || s.End > len(doc.Source) {
			t.Fatalf("%s %v is not a span of the %d-byte source", what, s, len(doc.Source))
		}
		if !utf8.Valid(doc.Source[s.Start:s.End]) {
			t.Fatalf("%s %v cuts a character", what, s)
		}
	}
	for _, f := range findings {
		check("finding "+f.Rule.ID, f.Span)
		if f.Text != string(doc.Source[f.Span.Start:f.Span.End]) {
			t.Fatalf("finding %s: text %q is not the source's %q", f.Rule.ID, f.Text, doc.Source[f.Span.Start:f.Span.End])
		}
	}
	for _, at := range prov.Attributions {
		check("cue", at.Cue)
		check("mention", at.Mention)
		check("content", at.Content)
	}
}

func TestQuotationOverParagraphsIsContent(t *testing.T) {
	text := reportsOverParagraphs()
	a := defaultAnnotator(t)
	for _, limit := range []int{prose.DefaultMaxBlockText, 200} {
		func() {
			doc, err := prose.ParseWith("long.txt", []byte(text), prose.FormatText, prose.Options{MaxBlockText: limit})
			require.NoError(t, err)
			findings, err := a.Annotate(t.Context(), doc)
			require.NoError(t, err)
			prov := a.Provenance(doc)
			checkSpans(t, doc, findings, prov)
			open := strings.Index(text, "\"In a sign")
			var contents []string
			for _, at := range prov.Attributions {
				if at.Content.Start == open+1 {
					contents = append(contents, text[at.Content.Start:at.Content.End])
				}
			}
			require.NotEmpty(t, contents, "blocks of at most %d bytes: the quotation is what the Gazette reports", limit)
			for _, c := range contents {
				assert.Equal(t, "In a sign of the mood in town, few residents came.\n\n\"Nobody expected more.", c,
					"blocks of at most %d bytes: what the Gazette reports runs to the end of the quotation, in the next paragraph", limit)
			}
		}()
	}
}

// FuzzLongParagraphs annotates texts whose paragraphs are cut at 64 bytes, with the default
// rubric and provenance, and checks that every finding and attribution is a well-formed span
// of the source. Cuts run through quotations, attributions and the passages that claims look
// back over; a position kept in the wrong block's coordinates shows here.
func FuzzLongParagraphs(f *testing.F) {
	f.Add(reportsOverParagraphs())
	f.Add(strings.Repeat("The council met. \"We cannot wait. The river does not,\" the mayor said. Critics say it is a so-called \"bargain\". ", 8))
	f.Add("Officials said:\n\"It is over. It was secret. They plan more.\"\nCritics say it is believed the regime plans a covert attack.")
	a := defaultAnnotator(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := prose.ParseWith("f.txt", []byte(text), prose.FormatText, prose.Options{MaxBlockText: 64})
		if err != nil {
			return // not UTF-8, or binary
		}
		findings, err := a.Annotate(t.Context(), doc)
		require.NoError(t, err)
		checkSpans(t, doc, findings, a.Provenance(doc))
	})
}
