package prose

import (
	"html"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// harbourPage is an HTML page of the kind slant is given: a head, scripts, navigation, and
// an article whose quotation marks are character references.
const harbourPage = `<!DOCTYPE html>
<html><head><title>Harbour deal &ndash; Courier</title>
<script>var label = "so-called \"terror\"";</script>
<style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>Port town divided over harbour deal</h1>
<p>The <em>so-called</em> &ldquo;rescue plan&rdquo; was drawn up last week. Critics say it hands the
waterfront to strangers &amp; rivals.</p>
<p>&#8220;This regime has to end,&#x201D; said Tom Hale.<br>Hale claimed the council ignored a
petition. <img src="x.png" alt="a photo"> The vote was a shocking defeat.</p>
<ul><li>Mayor Elena Ruiz said the price was &quot;fair&quot; &amp nothing more.</li></ul>
<pre><code>so-called "example" in code</code></pre>
<form><button>Subscribe</button></form>
</article></body></html>
`

func TestHTMLBlocks(t *testing.T) {
	doc, err := Parse("page.html", []byte(harbourPage), FormatHTML)
	require.NoError(t, err)
	var texts []string
	for _, b := range doc.Blocks {
		texts = append(texts, b.Text)
	}
	assert.Equal(t, []string{
		"Port town divided over harbour deal",
		"The so-called “rescue plan” was drawn up last week. Critics say it hands the\nwaterfront to strangers & rivals.",
		"“This regime has to end,” said Tom Hale. Hale claimed the council ignored a\npetition. \x1a The vote was a shocking defeat.",
		"Mayor Elena Ruiz said the price was \"fair\" &amp nothing more.",
	}, texts, "the head, script, style, navigation, code and form are no prose; a reference without its semicolon is text")
	assertPiecesMapToSource(t, doc)
}

// TestHTMLReadsTheStory: a page with <main>, or with one <article>, is read inside it; with
// several articles and no main, the whole page is.
func TestHTMLReadsTheStory(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		want       []string
	}{
		{"main", `<div class="menu"><p>Sport</p></div><main><h1>Ferry fares rise</h1><p>Critics say so.</p></main><div><p>Most read: the regime falls</p></div>`,
			[]string{"Ferry fares rise", "Critics say so."}},
		{"one article", `<p>Cookie notice.</p><article><p>Critics say so.</p><aside><p>Related.</p></aside></article><footer><p>Contact us.</p></footer>`,
			[]string{"Critics say so.", "Related."}},
		{"two articles", `<article><p>One story.</p></article><article><p>Another story.</p></article><p>Footer.</p>`,
			[]string{"One story.", "Another story.", "Footer."}},
		{"main inside main", `<p>Out.</p><main><p>In.</p><main><p>Deeper.</p></main><p>Still in.</p></main><p>Out again.</p>`,
			[]string{"In.", "Deeper.", "Still in."}},
	} {
		doc, err := Parse("page.html", []byte(tc.page), FormatHTML)
		require.NoError(t, err)
		var texts []string
		for _, b := range doc.Blocks {
			texts = append(texts, b.Text)
		}
		assert.Equal(t, tc.want, texts, tc.name)
		assertPiecesMapToSource(t, doc)
	}
}

// TestHTMLLineBreaks: <br> is a space between words, <wbr> none (it only allows one).
func TestHTMLLineBreaks(t *testing.T) {
	doc, err := Parse("page.html", []byte(`<p>The harbour<br>master said the super<wbr>tanker was late.</p>`), FormatHTML)
	require.NoError(t, err)
	require.Len(t, doc.Blocks, 1)
	assert.Equal(t, "The harbour master said the supertanker was late.", doc.Blocks[0].Text)
	assertPiecesMapToSource(t, doc)
}

// TestHTMLInlineQuotation: <q> is a quotation, its tags read as the marks a browser shows.
func TestHTMLInlineQuotation(t *testing.T) {
	doc, err := Parse("page.html", []byte(`<p>The so-called <q>rescue plan</q> was signed. <q>We are done,</q> said Hale.</p>`), FormatHTML)
	require.NoError(t, err)
	require.Len(t, doc.Blocks, 1)
	assert.Equal(t, "The so-called “rescue plan” was signed. “We are done,” said Hale.", doc.Blocks[0].Text)
	require.Len(t, doc.Quotes, 2)
	first := doc.Quotes[0].Source[0]
	assert.Equal(t, "<q>rescue plan</q>", string(doc.Source[first.Start:first.End]), "the quotation's source span takes its tags whole")
	assertPiecesMapToSource(t, doc)
}

// assertPiecesMapToSource checks that every block's text comes from its source: a piece
// read byte for byte is the same bytes in the source; a piece read as a whole is a
// character reference that stands for its text, or a tag (read as a space or a mark).
func assertPiecesMapToSource(t *testing.T, doc *Document) {
	t.Helper()
	for _, b := range doc.Blocks {
		end := 0
		for _, p := range b.pieces {
			require.Equal(t, end, p.text, "pieces cover the text in order")
			end = p.text + p.n
			text := b.Text[p.text : p.text+p.n]
			if p.srcN == 0 {
				assert.Equal(t, string(doc.Source[p.src:p.src+p.n]), text)
				continue
			}
			src := string(doc.Source[p.src : p.src+p.srcN])
			tag := strings.ToLower(src) // HTML's tag names are case-insensitive: <Q> is <q>
			switch {
			case strings.HasPrefix(src, "&"):
				assert.Equal(t, html.UnescapeString(src), text, "reference %q", src)
			case strings.HasPrefix(tag, "<q"):
				assert.Equal(t, "“", text, "tag %q", src)
			case strings.HasPrefix(tag, "</q"):
				assert.Equal(t, "”", text, "tag %q", src)
			case strings.HasPrefix(src, "<"):
				assert.Contains(t, []string{" ", string(Skipped)}, text, "tag %q", src)
			default:
				t.Errorf("piece %+v of %q maps to %q", p, text, src)
			}
		}
		require.Equal(t, len(b.Text), end, "pieces cover the text")
	}
}

// TestHTMLFindingsKeepReferencesWhole: a finding that starts or ends at a character
// reference takes all of it, so that a mark never cuts one in two.
func TestHTMLFindingsKeepReferencesWhole(t *testing.T) {
	doc, err := Parse("page.html", []byte(harbourPage), FormatHTML)
	require.NoError(t, err)
	b := &doc.Blocks[1]
	start := strings.Index(b.Text, "so-called")
	end := strings.Index(b.Text, "” was") + len("”")
	span := b.SourceSpan(start, end)
	assert.Equal(t, "so-called</em> &ldquo;rescue plan&rdquo;", string(doc.Source[span.Start:span.End]))
	var pieces []string
	for _, p := range b.SourcePieces(start, end) {
		pieces = append(pieces, string(doc.Source[p.Start:p.End]))
	}
	assert.Equal(t, []string{"so-called", " &ldquo;rescue plan&rdquo;"}, pieces, "the emphasis tag is outside the pieces")
	inside := strings.Index(b.Text, "“") + 1 // the middle of the curly quote's three bytes
	assert.Equal(t, span.Start+len("so-called</em> &ldquo;"), b.SourceOffset(inside), "an offset inside a reference maps past it")
}

func FuzzHTMLBlocks(f *testing.F) {
	f.Add(harbourPage)
	f.Add("<p>a &amp; b &#x2019; &#99999999; &unknown; &amp</p><p>x<br/>y</p>")
	f.Add("<script>unclosed <p>text</p>")
	f.Add("<svg><svg></svg><p>inside</p></svg><p>after</p>")
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := Parse("f.html", []byte(src), FormatHTML)
		if err != nil {
			return // not UTF-8, or a NUL byte
		}
		assertPiecesMapToSource(t, doc)
		for _, b := range doc.Blocks {
			prev := 0
			for _, p := range b.pieces {
				require.LessOrEqual(t, prev, p.src, "pieces in source order")
				prev = p.src
			}
			for _, s := range b.Sentences {
				span := b.SourceSpan(s.Start, s.End)
				require.True(t, 0 <= span.Start && span.Start <= span.End && span.End <= len(src), "sentence %v maps into the source", span)
			}
		}
	})
}
