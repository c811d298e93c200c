package metadata_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/metadata"
)

func readHTML(t *testing.T, file string) *metadata.Metadata {
	t.Helper()
	src, err := os.ReadFile("testdata/" + file)
	require.NoError(t, err)
	m, err := metadata.FromHTML(file, src)
	require.NoError(t, err)
	return m
}

func TestFromHTMLOpenGraph(t *testing.T) {
	m := readHTML(t, "opengraph.html")
	assert.Equal(t, "Ferry fares rise again on the island routes", m.Headline, "og:title over <title>")
	assert.Equal(t, "The Coastal Ledger", m.Outlet)
	assert.Equal(t, []string{"Plain Meta Author"}, m.Authors)
	assert.Equal(t, "2021-03-10T08:30:00+01:00", m.Published.String())
	assert.Equal(t, "2021-03-10T12:00:00+01:00", m.Modified.String())
	assert.Equal(t, "https://ledger.example/news/2021/03/10/ferry-fares", m.CanonicalURL, "<link rel=canonical> over og:url")
	assert.Equal(t, "Fares on the island routes rose for the third time this year.", m.Description)
	assert.Equal(t, metadata.Origins{
		Headline: metadata.OriginOpenGraph, Outlet: metadata.OriginOpenGraph, Authors: metadata.OriginMeta,
		Published: metadata.OriginOpenGraph, Modified: metadata.OriginOpenGraph,
		CanonicalURL: metadata.OriginLink, Description: metadata.OriginOpenGraph,
	}, m.Origins)
}

func TestFromHTMLJSONLD(t *testing.T) {
	m := readHTML(t, "jsonld.html")
	assert.Equal(t, "Last paper mill in the valley to close & 300 jobs go", m.Headline)
	assert.Equal(t, "Valley Post", m.Outlet, "publisher by @id reference")
	assert.Equal(t, []string{"Amira Okafor", "Tom Reyes", "Desk Staff"}, m.Authors, "a reference, an object and a string")
	assert.Equal(t, "2019-11-21T06:00:00-05:00", m.Published.String(), "JSON-LD over article:published_time")
	assert.Equal(t, "2019-11-21T10:15:00-05:00", m.Modified.String())
	assert.Equal(t, "https://valley.example/mill-to-close", m.CanonicalURL, "mainEntityOfPage's @id")
	assert.Equal(t, metadata.OriginJSONLD, m.Origins.Headline)
	assert.Equal(t, metadata.OriginJSONLD, m.Origins.Published)
	assert.Equal(t, metadata.OriginJSONLD, m.Origins.CanonicalURL)
}

func TestFromHTMLNeither(t *testing.T) {
	m := readHTML(t, "plain.html")
	assert.Equal(t, "A page with only a title", m.Headline)
	assert.Equal(t, metadata.OriginTitle, m.Origins.Headline)
	assert.Empty(t, m.Authors, "an author that is a URL is no name")
	assert.True(t, m.Published.IsZero())
	assert.Empty(t, m.CanonicalURL)
}

func TestFromHTMLJSONLDShapes(t *testing.T) {
	page := func(jsonld string) string {
		return `<html><head><script type="application/ld+json">` + jsonld + `</script></head><body></body></html>`
	}
	cases := []struct {
		name, jsonld, headline, outlet string
		authors                        []string
	}{
		{"top-level array", `[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","headline":"A","publisher":"Org A","author":"Ann Bee"}]`, "A", "Org A", []string{"Ann Bee"}},
		{"news article preferred to article", `[{"@type":"Article","headline":"Teaser"},{"@type":"NewsArticle","headline":"Story"}]`, "Story", "", nil},
		{"nested as mainEntity", `{"@type":"WebPage","mainEntity":{"@type":"schema:AnalysisNewsArticle","name":"Named","author":{"@type":"Person","name":"Cy Dee"}}}`, "Named", "", []string{"Cy Dee"}},
		{"full type URL", `{"@type":"http://schema.org/NewsArticle","headline":"U","publisher":[{"name":"First"},{"name":"Second"}]}`, "U", "First", nil},
		{"comment wrapped", `<!-- {"@type":"BlogPosting","headline":"Old"} -->`, "Old", "", nil},
		{"no article", `{"@type":"Recipe","name":"Soup"}`, "", "", nil},
		{"duplicate authors", `{"@type":"NewsArticle","author":["Ann Bee",{"name":"Ann Bee"}]}`, "", "", []string{"Ann Bee"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := metadata.FromHTML("p.html", []byte(page(c.jsonld)))
			require.NoError(t, err)
			assert.Equal(t, c.headline, m.Headline)
			assert.Equal(t, c.outlet, m.Outlet)
			assert.Equal(t, c.authors, m.Authors)
		})
	}
}

func TestFromHTMLProblems(t *testing.T) {
	src := "<html><head>\n<meta property=\"og:title\" content=\"Kept\">\n<script type=\"application/ld+json\">\n{\"@type\": \"NewsArticle\",, }\n</script>\n" +
		"<meta property=\"article:published_time\" content=\"last Tuesday\">\n</head></html>"
	m, err := metadata.FromHTML("bad.html", []byte(src))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bad.html:4:")
	assert.Contains(t, err.Error(), "JSON-LD block skipped: not JSON")
	assert.Contains(t, err.Error(), `bad.html:6:1: <meta> article:published_time "last Tuesday" is not a date`)
	assert.Equal(t, "Kept", m.Headline, "the rest of the page is still read")
}
