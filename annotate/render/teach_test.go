package render_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// teachPage renders the files as one teaching page under the default rubric.
func teachPage(t *testing.T, names ...string) ([]byte, []render.Report) {
	t.Helper()
	rubric, err := rubrics.Default()
	require.NoError(t, err)
	a, err := annotate.New(rubric)
	require.NoError(t, err)
	var reps []render.Report
	for _, name := range names {
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		doc, err := prose.Parse(name, src, prose.FormatForPath(name))
		require.NoError(t, err)
		res, err := a.Analyze(context.Background(), doc)
		require.NoError(t, err)
		reps = append(reps, render.Report{Doc: doc, Findings: res.Findings, Provenance: res.Provenance, Rubric: rubric})
	}
	format, err := render.FormatNamed("html")
	require.NoError(t, err)
	var buf bytes.Buffer
	out, err := render.NewOutput(&buf, format.New(render.Options{Rubrics: []*rubrics.Rubric{rubric}, Version: "test", Documents: len(reps)}))
	require.NoError(t, err)
	for i, rep := range reps {
		require.NoError(t, out.Document(rep, i))
	}
	require.NoError(t, out.End(nil, ""))
	return buf.Bytes(), reps
}

// page is a parsed teaching page, for the checks every page must pass.
type page struct {
	root  *html.Node
	ids   map[string]int
	text  strings.Builder // all text outside script and style
	nodes []*html.Node    // elements, in document order
}

func parsePage(t *testing.T, data []byte) *page {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(data))
	require.NoError(t, err)
	p := &page{root: root, ids: map[string]int{}}
	var walk func(n *html.Node, raw bool)
	walk = func(n *html.Node, raw bool) {
		switch n.Type {
		case html.ElementNode:
			p.nodes = append(p.nodes, n)
			if id := attr(n, "id"); id != "" {
				p.ids[id]++
			}
			raw = n.Data == "script" || n.Data == "style"
		case html.TextNode:
			if !raw {
				p.text.WriteString(n.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, raw)
		}
	}
	walk(root, false)
	return p
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

func (p *page) elements(tag string) []*html.Node {
	var out []*html.Node
	for _, n := range p.nodes {
		if n.Data == tag {
			out = append(out, n)
		}
	}
	return out
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func innerText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// checkSelfContained checks what every teaching page must be: one inline style and one
// inline script, both allowed by hash in a strict Content-Security-Policy that allows nothing
// else; no element that loads anything, no event attribute, no link out of the page, every
// link to an id of the page, and ids unique.
func checkSelfContained(t *testing.T, data []byte) *page {
	t.Helper()
	p := parsePage(t, data)
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	scripts, styles := p.elements("script"), p.elements("style")
	require.Len(t, scripts, 1, "one script, the page's own")
	require.Len(t, styles, 1, "one style sheet, the page's own")
	var csp string
	for _, m := range p.elements("meta") {
		if strings.EqualFold(attr(m, "http-equiv"), "Content-Security-Policy") {
			csp = attr(m, "content")
		}
	}
	require.NotEmpty(t, csp, "a Content-Security-Policy in the page")
	assert.Equal(t, render.TeachCSP, csp)
	directives := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	assert.Equal(t, "'none'", directives["default-src"])
	assert.Equal(t, hash(innerText(scripts[0])), directives["script-src"], "the script is allowed by its hash, and only it")
	assert.Equal(t, hash(innerText(styles[0])), directives["style-src"], "the style is allowed by its hash, and only it")
	assert.Equal(t, "'none'", directives["base-uri"])
	assert.Equal(t, "'none'", directives["form-action"])
	for _, n := range p.nodes {
		switch n.Data {
		case "iframe", "frame", "object", "embed", "img", "link", "base", "form", "audio", "video", "source", "math", "textarea", "input", "button", "meta":
			if n.Data == "meta" || (n.Data == "input" && attr(n, "type") == "checkbox") || (n.Data == "button" && attr(n, "type") == "button") {
				break
			}
			t.Errorf("element <%s> in the page", n.Data)
		}
		if n.Data == "meta" && strings.EqualFold(attr(n, "http-equiv"), "refresh") {
			t.Errorf("a meta refresh in the page")
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			val := strings.ToLower(strings.TrimSpace(a.Val))
			if strings.HasPrefix(key, "on") {
				t.Errorf("event attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
			}
			switch key {
			case "src", "srcset", "srcdoc", "action", "formaction", "data", "poster", "background", "ping", "xlink:href":
				t.Errorf("attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
			case "href":
				if strings.HasPrefix(val, "#") {
					if p.ids[a.Val[1:]] == 0 {
						t.Errorf("a link to an id not in the page: %s", a.Val)
					}
				} else if !strings.HasPrefix(val, "data:text/html") {
					t.Errorf("a link out of the page: <%s href=%q>", n.Data, a.Val)
				}
			}
			if strings.Contains(val, "http:") || strings.Contains(val, "https:") || strings.Contains(val, "javascript:") {
				if n.Data != "a" || !hasClass(n, "hl") || key != "title" {
					t.Errorf("an address in %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
			}
		}
	}
	for id, n := range p.ids {
		assert.Equal(t, 1, n, "id %q used %d times", id, n)
	}
	return p
}

// TestTeachHostile renders articles full of attempts to inject markup and script, as text,
// Markdown and HTML: the page stays self-contained and shows them as text.
func TestTeachHostile(t *testing.T) {
	for _, name := range []string{"hostile.txt", "hostile.md", "hostile.html"} {
		t.Run(name, func(t *testing.T) {
			data, reps := teachPage(t, filepath.Join("..", "..", "testdata", "teach", name))
			p := checkSelfContained(t, data)
			assert.NotEmpty(t, reps[0].Findings)
			text := p.text.String()
			assert.Contains(t, text, "window.__pwned", "the attempts show as text")
			switch name {
			case "hostile.txt":
				for _, s := range []string{`<script>window.__pwned=1;document.title='pwned'</script>`, `onerror="window.__pwned=2"`,
					`<a href="javascript:window.__pwned=3">`, `</textarea><script>window.__pwned=4</script>`, `</p></div></section></main><script>`} {
					assert.Contains(t, text, s)
				}
			case "hostile.html":
				assert.Contains(t, text, `</textarea><script>window.__pwned=36</script>`)
				assert.NotContains(t, text, "__pwned=30", "the page's own scripts are not prose")
			}
			assert.NotContains(t, string(data), "evil.example\"", "no address of the article is a link")
		})
	}
}

// TestTeachStructure checks the seed article's page: one note per finding, each highlight a
// link to the note of a finding it covers, every source in the Sources panel with a link to
// where it first speaks.
func TestTeachStructure(t *testing.T) {
	seed := filepath.Join("..", "..", "..", "shared", "corpus", "seed", "sputnik-soleimani-2020.txt")
	if _, err := os.Stat(seed); err != nil {
		seed = filepath.Join("..", "..", "testdata", "sample", "article.md")
	}
	data, reps := teachPage(t, seed, filepath.Join("..", "..", "testdata", "sample", "article.html"))
	p := checkSelfContained(t, data)
	sections := 0
	for _, n := range p.nodes {
		if n.Data == "section" && hasClass(n, "doc") {
			sections++
		}
	}
	assert.Equal(t, 2, sections, "one section a document")
	for di, rep := range reps {
		prefix := "d" + strconv.Itoa(di+1)
		notes, covered := 0, map[string]bool{}
		for _, n := range p.nodes {
			id := attr(n, "id")
			if n.Data == "li" && hasClass(n, "finding") && strings.HasPrefix(id, prefix+"-f") {
				notes++
			}
			if n.Data == "a" && hasClass(n, "hl") && strings.HasPrefix(attr(n, "href"), "#"+prefix+"-") {
				covers := strings.Fields(attr(n, "data-f"))
				assert.Contains(t, covers, attr(n, "href")[1:])
				for _, c := range covers {
					covered[c] = true
				}
			}
		}
		assert.Equal(t, len(rep.Findings), notes, "a note for every finding of %s", rep.Doc.Name)
		assert.Len(t, covered, len(rep.Findings), "a highlight for every finding of %s", rep.Doc.Name)
		require.NotNil(t, rep.Provenance)
		for _, s := range rep.Provenance.Sources {
			id := prefix + "-s" + strconv.Itoa(s.ID)
			assert.Contains(t, p.ids, id, "source %s in the Sources panel", s.Name)
			assert.Contains(t, p.ids, prefix+"-src"+strconv.Itoa(s.ID), "where source %s first speaks", s.Name)
		}
	}
	text := p.text.String()
	assert.Contains(t, text, "prompts to look, not verdicts")
	// An HTML page's prose is shown as text, never its markup.
	assert.Contains(t, text, "Ferry fares to rise as operator blames fuel costs")
	assert.NotContains(t, string(data), "ferry.jpg")
	assert.Contains(t, string(data), `<p class="heading">Ferry fares to rise as operator blames fuel costs</p>`, "a heading of the page reads as one")
}

// luminance is the relative luminance of a colour "#rrggbb" (WCAG 2).
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	require.Len(t, hex, 7)
	var l [3]float64
	for i := range 3 {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		require.NoError(t, err)
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l[i] = c
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

func contrast(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

// TestTeachContrast checks that the highlighted text and the underlines are legible: text on
// every highlight colour, and every underline on white, at least 4.5:1.
func TestTeachContrast(t *testing.T) {
	text := luminance(t, render.TeachTextColour)
	white := luminance(t, "#ffffff")
	for _, c := range render.TeachColours() {
		bg, line := luminance(t, c[0]), luminance(t, c[1])
		assert.GreaterOrEqual(t, contrast(text, bg), 4.5, "text on %s", c[0])
		assert.GreaterOrEqual(t, contrast(line, white), 4.5, "underline %s on white", c[1])
		assert.GreaterOrEqual(t, contrast(line, bg), 3.0, "underline %s on %s", c[1], c[0])
	}
}

// TestTeachSecondOpinion checks a page with a language model's second opinion: its own
// findings are highlights of origin second-opinion, labelled M1..., with its reason; its
// verdicts stand beside the rubric's findings; what it says is escaped like the article.
func TestTeachSecondOpinion(t *testing.T) {
	name := filepath.Join("..", "..", "testdata", "sample", "article.md")
	_, reps := teachPage(t, name)
	rep := reps[0]
	src := string(rep.Doc.Source)
	at := strings.Index(src, "shipping group")
	require.Positive(t, at)
	span := prose.Span{Start: at, End: at + len("shipping group")}
	rep.SecondOpinion = &render.SecondOpinion{Model: "test-model", Host: "localhost", Summary: "model test-model at localhost: 2 requests",
		Findings: []render.ModelFinding{{Category: "loaded-language", Span: span, Pieces: []prose.Span{span}, Text: "shipping group",
			Reason: `It frames the buyer <script>window.__pwned=1</script>.`, Speaker: "the writer", Voice: rubrics.VoiceWriter}},
		Verdicts: map[int]render.Verdict{0: {Agree: false, Reason: "A plain date, not a vague one."}, 1: {Agree: true, OwnReading: true}},
		Hidden:   []render.HiddenChar{{Span: prose.Span{Start: 3, End: 6}, Rune: 0x202E, Kind: "bidi"}},
	}
	rubric := rep.Rubric
	var buf bytes.Buffer
	require.NoError(t, render.Teach(&buf, render.Options{Rubrics: []*rubrics.Rubric{rubric}, SecondOpinion: true}, render.TeachOptions{}, rep))
	p := checkSelfContained(t, buf.Bytes())
	var model *html.Node
	for _, n := range p.nodes {
		if n.Data == "li" && attr(n, "id") == "d1-m1" {
			model = n
		}
	}
	require.NotNil(t, model, "the model's finding has a note")
	assert.Equal(t, "second-opinion", attr(model, "data-origin"))
	assert.Equal(t, "loaded-language", attr(model, "data-cat"))
	note := innerText(model)
	assert.Contains(t, note, "M1.")
	assert.Contains(t, note, "The model's reason: It frames the buyer <script>window.__pwned=1</script>.")
	assert.Contains(t, note, "second opinion (model test-model)")
	highlighted := false
	for _, n := range p.nodes {
		if n.Data == "a" && hasClass(n, "hl") && strings.Contains(attr(n, "data-f"), "d1-m1") {
			highlighted = true
			assert.Equal(t, "shipping group", innerText(n))
			assert.Equal(t, "M1", attr(n, "data-n"))
		}
	}
	assert.True(t, highlighted, "the model's finding is highlighted")
	text := p.text.String()
	assert.Contains(t, text, "Second opinion: disputes this. A plain date, not a vague one.")
	assert.Contains(t, text, "Second opinion: agrees (it flagged these words in its own reading).")
	assert.Contains(t, text, "U+202E (bidi) at line 1, column 4")
	assert.Contains(t, text, "Second opinion: model test-model at localhost: 2 requests.")
}

// FuzzTeach renders arbitrary text, read as plain text, Markdown and HTML, as a teaching
// page and checks its invariants: it parses, runs nothing but its own script, links to
// nothing outside itself, has a highlight for every finding, and shows the prose of every
// block as text, whole and in order.
func FuzzTeach(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "teach", "*"))
	seeds = append(seeds, filepath.Join("..", "..", "testdata", "sample", "article.md"), filepath.Join("..", "..", "testdata", "sample", "article.html"))
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("# \"a\" so-called \"b\n\n<h2>c</h2>\x1a so-called \"d\" </p><script>x()</script> critics say"))
	rubric, err := rubrics.Default()
	require.NoError(f, err)
	a, err := annotate.New(rubric)
	require.NoError(f, err)
	format, err := render.FormatNamed("html")
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
			t.Skip()
		}
		for _, in := range []prose.Format{prose.FormatText, prose.FormatMarkdown, prose.FormatHTML} {
			doc, err := prose.Parse("fuzz", src, in)
			require.NoError(t, err)
			res, err := a.Analyze(context.Background(), doc)
			require.NoError(t, err)
			rep := render.Report{Doc: doc, Findings: res.Findings, Provenance: res.Provenance, Rubric: rubric}
			var buf bytes.Buffer
			out, err := render.NewOutput(&buf, format.New(render.Options{Rubrics: []*rubrics.Rubric{rubric}, Documents: 1}))
			require.NoError(t, err)
			require.NoError(t, out.Document(rep, 0))
			require.NoError(t, out.End(nil, ""))
			p := checkSelfContained(t, buf.Bytes())
			var article *html.Node
			covered := map[string]bool{}
			for _, n := range p.nodes {
				if n.Data == "div" && hasClass(n, "article") {
					article = n
				}
				if n.Data == "a" && hasClass(n, "hl") {
					for _, id := range strings.Fields(attr(n, "data-f")) {
						covered[id] = true
					}
				}
			}
			require.NotNil(t, article)
			assert.Len(t, covered, len(res.Findings), "%v: a highlight for every finding", in)
			var want, got strings.Builder
			for _, b := range doc.Blocks {
				want.WriteString(strings.ReplaceAll(b.Text, "\x1a", "…"))
			}
			for c := article.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.ElementNode || c.Data != "p" {
					continue
				}
				var walk func(*html.Node)
				walk = func(n *html.Node) {
					if n.Type == html.ElementNode && hasClass(n, "src-first") {
						return // the label of a source, not the article's
					}
					if n.Type == html.TextNode {
						got.WriteString(n.Data)
					}
					for k := n.FirstChild; k != nil; k = k.NextSibling {
						walk(k)
					}
				}
				walk(c)
			}
			assert.Equal(t, normalizeNewlines(want.String()), normalizeNewlines(got.String()), "%v: the prose, whole and in order", in)
		}
	})
}

// normalizeNewlines reads text as an HTML parser gives it back: a carriage return, alone or
// before a line feed, is a line feed.
func normalizeNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
