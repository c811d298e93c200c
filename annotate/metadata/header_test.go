package metadata_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/slant-news/slant/annotate/metadata"
)

func TestHeader(t *testing.T) {
	m := readHTML(t, "jsonld.html")
	assert.Equal(t, []metadata.Field{
		{"Headline", "Last paper mill in the valley to close & 300 jobs go"},
		{"Outlet", "Valley Post"},
		{"By", "Amira Okafor, Tom Reyes and Desk Staff"},
		{"Published", "Thursday 21 November 2019, 06:00 -05:00 (JSON-LD)"},
		{"Modified", "Thursday 21 November 2019, 10:15 -05:00 (JSON-LD)"},
		{"URL", "https://valley.example/mill-to-close"},
	}, m.Header())

	_, u := readDoc(t, "updated.html", metadata.Options{})
	assert.Equal(t, []metadata.Field{
		{"Headline", "Harbour pilots stay out as talks stall"},
		{"Published", "Tuesday 7 January 2020, 23:20 UTC (Open Graph)"},
		{"Modified", "Saturday 24 October 2020, 23:20 UTC (Open Graph)"},
	}, u.Header())

	assert.Empty(t, (&metadata.Metadata{}).Header())
	var none *metadata.Metadata
	assert.Empty(t, none.Header())
}
