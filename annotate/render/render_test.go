package render_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	xhtml "golang.org/x/net/html"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/annotatetest"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const testdata = "../../testdata"

func load(t testing.TB, paths ...string) (*rubrics.Rubric, *annotate.Annotator) {
	t.Helper()
	r, err := rubrics.Load(paths...)
	require.NoError(t, err)
	a, err := annotate.New(r)
	require.NoError(t, err)
	return r, a
}

func report(t *testing.T, a *annotate.Annotator, name string, src []byte) render.Report {
	t.Helper()
	doc, err := prose.Parse(name, src, prose.FormatForPath(name))
	require.NoError(t, err)
	fs, err := a.Annotate(context.Background(), doc)
	require.NoError(t, err)
	return render.Report{Doc: doc, Findings: fs, Provenance: a.Provenance(doc)}
}

func markdown(t *testing.T, r *rubrics.Rubric, rep render.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, render.Markdown(&buf, r, rep, render.MarkdownOptions{}))
	return buf.Bytes()
}

// sources lists every text, Markdown and HTML file in testdata except the golden outputs,
// which hold slant's own markup.
func sources(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(testdata, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "golden" {
			return filepath.SkipDir
		}
		if ext := filepath.Ext(path); !d.IsDir() && (ext == ".txt" || ext == ".md" || ext == ".html") {
			files = append(files, path)
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

// TestStripGivesBackTheSource proves that annotated Markdown holds the source byte for byte:
// removing slant's markup from the output of every testdata file, under the default rubric
// and the test rubric, gives back the input.
func TestStripGivesBackTheSource(t *testing.T) {
	for _, rubric := range [][]string{nil, {testdata + "/annotate/rubric.toml"}} {
		r, a := load(t, rubric...)
		for _, path := range sources(t) {
			src, err := os.ReadFile(path)
			require.NoError(t, err)
			rep := report(t, a, path, src)
			out := markdown(t, r, rep)
			assert.Equal(t, string(src), string(render.Strip(out)), "%s with %s", path, r.Name())
		}
	}
}

// TestMarkdownIsWellFormed renders annotated Markdown with a CommonMark parser that knows
// footnotes and checks that every finding became a footnote and every mark is balanced.
func TestMarkdownIsWellFormed(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.Footnote))
	for _, rubric := range [][]string{nil, {testdata + "/annotate/rubric.toml"}} {
		r, a := load(t, rubric...)
		for _, path := range sources(t) {
			if prose.FormatForPath(path) == prose.FormatHTML {
				continue // annotated HTML: TestAnnotatedHTMLIsWellFormed
			}
			if filepath.Base(filepath.Dir(path)) == "teach" {
				// Articles made of markup meant to run in a page: annotated Markdown copies
				// them byte for byte, and a Markdown viewer reads their HTML (a comment
				// swallows the notes after it). The teaching page is their test.
				continue
			}
			src, err := os.ReadFile(path)
			require.NoError(t, err)
			// The want comments of plain-text test files are text, not HTML, to slant; blank
			// them so that no mark falls inside what a Markdown viewer takes for a comment.
			src, _, err = annotatetest.Expectations(src, prose.FormatForPath(path))
			require.NoError(t, err)
			rep := report(t, a, path, src)
			var html bytes.Buffer
			require.NoError(t, md.Convert(markdown(t, r, rep), &html))
			h := html.String()
			refs := len(rep.Findings)
			for _, at := range rep.Provenance.Attributions {
				if at.Source != nil && at.Cue.Len() > 0 {
					refs++
				}
			}
			assert.Equal(t, refs, strings.Count(h, `class="footnote-ref"`), "%s: footnote references", path)
			assert.Equal(t, len(rep.Findings)+len(rep.Provenance.Sources), strings.Count(h, `class="footnote-backref"`)-extraBackrefs(h), "%s: footnotes", path)
			assert.Equal(t, strings.Count(h, "<mark"), strings.Count(h, "</mark>"), "%s: marks balanced", path)
			assertNested(t, h, path)
		}
	}
}

// TestAnnotatedHTMLIsWellFormed reads the annotated HTML of every HTML file in testdata
// with an HTML tokenizer: marks never nest and are all closed, every finding and every
// statement of a source has a reference, and every reference leads to an anchor on the page.
func TestAnnotatedHTMLIsWellFormed(t *testing.T) {
	for _, rubric := range [][]string{nil, {testdata + "/annotate/rubric.toml"}} {
		r, a := load(t, rubric...)
		for _, path := range sources(t) {
			if prose.FormatForPath(path) != prose.FormatHTML {
				continue
			}
			src, err := os.ReadFile(path)
			require.NoError(t, err)
			rep := report(t, a, path, src)
			out := markdown(t, r, rep)
			ids, hrefs := map[string]bool{}, map[string]int{}
			depth, inSup := 0, false
			z := xhtml.NewTokenizer(bytes.NewReader(out))
			for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
				tok := z.Token()
				attr := func(name string) string {
					for _, at := range tok.Attr {
						if at.Key == name {
							return at.Val
						}
					}
					return ""
				}
				switch {
				case tok.Data == "mark" && tt == xhtml.StartTagToken:
					depth++
					require.Equal(t, 1, depth, "%s: marks nest", path)
				case tok.Data == "mark" && tt == xhtml.EndTagToken:
					depth--
					require.Zero(t, depth, "%s: a mark closes that is not open", path)
				case tok.Data == "sup":
					inSup = tt == xhtml.StartTagToken && attr("class") == "slant"
				case tok.Data == "a" && tt == xhtml.StartTagToken:
					if id := attr("id"); id != "" {
						ids[id] = true
					}
					if href := attr("href"); inSup && strings.HasPrefix(href, "#") {
						hrefs[href[1:]]++
					}
				}
			}
			assert.Zero(t, depth, "%s: marks closed", path)
			refs, sourceRefs := 0, 0
			for href, n := range hrefs {
				assert.True(t, ids[href], "%s: reference #%s leads to an anchor", path, href)
				if strings.Contains(href, "-s") {
					sourceRefs += n
				} else {
					refs += n
				}
			}
			statements := 0
			for _, at := range rep.Provenance.Attributions {
				if at.Source != nil && at.Cue.Len() > 0 {
					statements++
				}
			}
			assert.Equal(t, len(rep.Findings), refs, "%s: a reference per finding", path)
			assert.Equal(t, statements, sourceRefs, "%s: a reference per statement", path)
			assert.Positive(t, refs+sourceRefs, "%s: something to check", path)
		}
	}
}

var markTag = regexp.MustCompile(`</?mark\b`)

// extraBackrefs counts the back references beyond the first of each footnote: goldmark
// writes one per reference, and a source's footnote is referenced after each of its cues.
func extraBackrefs(html string) int {
	n := 0
	for _, li := range strings.Split(html, "<li id=\"fn:")[1:] {
		if c := strings.Count(li, `class="footnote-backref"`); c > 1 {
			n += c - 1
		}
	}
	return n
}

func assertNested(t *testing.T, html, path string) {
	t.Helper()
	depth := 0
	for _, tag := range markTag.FindAllString(html, -1) {
		if tag == "<mark" {
			depth++
		} else {
			depth--
		}
		if depth < 0 || depth > 1 {
			t.Errorf("%s: marks nest or close early (depth %d)", path, depth)
			return
		}
	}
}

// TestOverlappingFindings renders two findings that overlap and one nested in another.
func TestOverlappingFindings(t *testing.T) {
	r, _ := load(t, testdata+"/annotate/rubric.toml")
	src := []byte("alpha beta gamma delta\n")
	doc, err := prose.Parse("o.txt", src, prose.FormatText)
	require.NoError(t, err)
	rule := r.Rules[0]
	mk := func(s, e int) annotate.Finding {
		return annotate.Finding{Rule: rule, Severity: rule.Severity, Voice: rubrics.VoiceWriter, Span: prose.Span{Start: s, End: e}, Text: string(src[s:e])}
	}
	rep := render.Report{Doc: doc, Findings: []annotate.Finding{mk(0, 10), mk(6, 16), mk(11, 16)}}
	out := markdown(t, r, rep)
	body := string(out[:bytes.Index(out, []byte(render.SummaryMarker))])
	want := `<mark title="test.labels (warning)">alpha </mark><mark title="test.labels (warning); test.labels (warning)">beta</mark>[^slant1]<mark title="test.labels (warning)"> </mark><mark title="test.labels (warning); test.labels (warning)">gamma</mark>[^slant2][^slant3] delta` + "\n"
	assert.Equal(t, want+"\n\n", body)
	assert.Equal(t, string(src), string(render.Strip(out)))
}

// TestSourceReferenceKeepsMarksWhole: a source's reference at the end of a cue that a
// finding's mark runs past goes after the mark, and its anchor before one that starts
// earlier, rather than cutting the mark in two.
func TestSourceReferenceKeepsMarksWhole(t *testing.T) {
	r, _ := load(t, testdata+"/annotate/rubric.toml")
	src := []byte("alpha beta gamma delta\n")
	doc, err := prose.Parse("o.txt", src, prose.FormatText)
	require.NoError(t, err)
	rule := r.Rules[0]
	finding := annotate.Finding{Rule: rule, Severity: rule.Severity, Voice: rubrics.VoiceWriter, Span: prose.Span{Start: 0, End: 10}, Text: "alpha beta"}
	speaker := &provenance.Source{ID: 1, Kind: provenance.SourceVague, Name: "beta", First: prose.Span{Start: 6, End: 10}}
	prov := &provenance.Provenance{
		Attributions: []provenance.Attribution{{Source: speaker, Cue: prose.Span{Start: 0, End: 5}, Mention: prose.Span{Start: 6, End: 10}}},
		Sources:      []*provenance.Source{speaker},
	}
	out := markdown(t, r, render.Report{Doc: doc, Findings: []annotate.Finding{finding}, Provenance: prov})
	body := string(out[:bytes.Index(out, []byte(render.SummaryMarker))])
	assert.Equal(t, `<a id="slant-source-1"></a><mark title="test.labels (warning)">alpha beta</mark>[^slant1][^slant-s1] gamma delta`+"\n\n\n", body)
	assert.Equal(t, string(src), string(render.Strip(out)))
}

// TestReportedSpeechIsNamed: a finding in the writer's own voice inside what a source is
// reported to have said or thought names that source in its note; one outside, or in a
// direct quotation, does not.
func TestReportedSpeechIsNamed(t *testing.T) {
	r, a := load(t)
	src := []byte("Ruiz said the tyranny of closed-door deals had to end. \"The tyranny is over,\" Hale said. The tyranny fell. Iran wants the tyranny to end.\n")
	out := string(markdown(t, r, report(t, a, "r.txt", src)))
	notes := regexp.MustCompile(`(?m)^\[\^slant\d+\]: .*$`).FindAllString(out, -1)
	require.Len(t, notes, 4, out)
	assert.Contains(t, notes[0], "(loaded-language, in the writer's own voice, in reported speech of Ruiz (S1))")
	assert.Contains(t, notes[1], "(loaded-language, in quoted speech: the speaker's words, not the writer's)")
	assert.Contains(t, notes[2], "(loaded-language, in the writer's own voice)")
	assert.Contains(t, notes[3], "in a reported thought or wish of Iran (S3)")

	// JSON gives the source's id in reported_by, written by hand and by encoding/json alike.
	var buf bytes.Buffer
	require.NoError(t, render.JSON(&buf, r, "test", []render.Report{report(t, a, "r.txt", src)}))
	var parsed render.JSONOutput
	require.NoError(t, json.Unmarshal(buf.Bytes(), &parsed))
	var by []int
	for _, f := range parsed.Documents[0].Findings {
		by = append(by, f.ReportedBy)
	}
	assert.Equal(t, []int{1, 0, 0, 3}, by)
	assert.Equal(t, 1, strings.Count(buf.String(), `"reported_by": 1`), "omitted when 0")
}

// TestGolden compares annotated Markdown with golden files; run with -update to rewrite them.
func TestGolden(t *testing.T) {
	cases := []struct {
		input, golden string
		rubric        []string
	}{
		{"sample/article.md", "sample-article.md", nil},
		{"sample/article.html", "sample-article.html", nil},
		{"annotate/quotes.txt", "quotes.md", []string{testdata + "/annotate/rubric.toml"}},
		{"annotate/markdown.md", "markdown.md", []string{testdata + "/annotate/rubric.toml"}},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			r, a := load(t, c.rubric...)
			src, err := os.ReadFile(filepath.Join(testdata, c.input))
			require.NoError(t, err)
			out := markdown(t, r, report(t, a, c.input, src))
			golden := filepath.Join(testdata, "golden", c.golden)
			if *update {
				require.NoError(t, os.WriteFile(golden, out, 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./annotate/render -update to create it")
			assert.Equal(t, string(want), string(out))
		})
	}
}

// TestJSONOffsetsAreExact checks that in the JSON output, for every finding, the source
// bytes from start to end equal its text, and line and column agree with the offset.
func TestJSONOffsetsAreExact(t *testing.T) {
	r, a := load(t)
	var reps []render.Report
	srcs := map[string][]byte{}
	for _, path := range sources(t) {
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		srcs[path] = src
		reps = append(reps, report(t, a, path, src))
	}
	var buf bytes.Buffer
	require.NoError(t, render.JSON(&buf, r, "test", reps))
	var out render.JSONOutput
	require.NoError(t, json.Unmarshal(buf.Bytes(), &out))
	assert.Equal(t, render.SchemaVersion, out.SchemaVersion)
	total := 0
	for _, d := range out.Documents {
		src := srcs[d.Name]
		for _, f := range d.Findings {
			total++
			require.True(t, f.Start >= 0 && f.Start < f.End && f.End <= len(src), "%s: span %d-%d", d.Name, f.Start, f.End)
			assert.Equal(t, string(src[f.Start:f.End]), f.Text, "%s:%d:%d", d.Name, f.Line, f.Column)
			lineStart := bytes.LastIndexByte(src[:f.Start], '\n') + 1
			assert.Equal(t, 1+bytes.Count(src[:f.Start], []byte("\n")), f.Line)
			assert.Equal(t, 1+len([]rune(string(src[lineStart:f.Start]))), f.Column)
		}
		spans := func(at render.JSONAttribution) []*render.JSONSpan {
			return []*render.JSONSpan{&at.Cue, at.Mention, at.Content}
		}
		for _, at := range d.Attributions {
			for _, s := range spans(at) {
				if s != nil {
					total++
					assert.Equal(t, string(src[s.Start:s.End]), s.Text, "%s:%d:%d", d.Name, s.Line, s.Column)
				}
			}
			assert.True(t, at.Source == 0 || at.Source <= len(d.Sources), "source id %d", at.Source)
		}
	}
	assert.Positive(t, total)
}

// TestSourceFootnoteWithoutVerbs: a source that only speaks in a transcript ("RUIZ: ...") has
// no verb of saying, and its footnote lists none rather than an empty list.
func TestSourceFootnoteWithoutVerbs(t *testing.T) {
	r, a := load(t)
	out := string(markdown(t, r, report(t, a, "t.txt", []byte("RUIZ: We kept every berth open.\n\nHale said the berths were full.\n"))))
	assert.Contains(t, out, "**Source S1: RUIZ**, named person. 1 statement.\n")
	assert.Contains(t, out, "**Source S2: Hale**, named person. 1 statement; verb: said.\n")
}

// TestMarkNeverCutsInlineMarkup annotates Markdown whose findings span inline HTML and code:
// a mark ends before the markup and starts again after it, never inside a tag.
func TestMarkNeverCutsInlineMarkup(t *testing.T) {
	r, a := load(t)
	for _, src := range []string{
		"The so-called \"rescue <b>big</b> plan\" was drawn up.\n",
		"The so-called \"rescue</mark> plan\" was drawn up.\n",
		"The so-called \"rescue `x` plan\" was drawn up.\n",
	} {
		rep := report(t, a, "inline.md", []byte(src))
		require.NotEmpty(t, rep.Findings, src)
		out := string(markdown(t, r, rep))
		body, _, _ := strings.Cut(out, render.SummaryMarker)
		for _, tag := range []string{"<b>", "</b>", "`x`"} {
			if strings.Contains(src, tag) {
				assert.Contains(t, body, tag, "%q: the markup is whole", src)
			}
		}
		assert.NotContains(t, body, "<<", "%q", src)
		assert.Equal(t, src, string(render.Strip([]byte(out))))
	}
}
