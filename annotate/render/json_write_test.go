package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/provenance"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// encodingJSON is what render.JSON wrote before it was written by hand: NewJSON's structs
// through encoding/json, indented by two spaces, without HTML escaping.
func encodingJSON(t testing.TB, r *rubrics.Rubric, reps []render.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(render.NewJSON(r, "v1.2.3-\"dev\"", reps)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// handJSON is render.JSON's output.
func handJSON(t testing.TB, r *rubrics.Rubric, reps []render.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := render.JSON(&buf, r, "v1.2.3-\"dev\"", reps); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// requireSameJSON checks that render.JSON writes what encoding/json writes for reps, and
// that the head, each document and the tail appended on their own make the same bytes.
func requireSameJSON(t testing.TB, r *rubrics.Rubric, reps []render.Report, what string) {
	t.Helper()
	want := encodingJSON(t, r, reps)
	if got := handJSON(t, r, reps); !bytes.Equal(got, want) {
		t.Fatalf("%s: render.JSON differs from encoding/json %s", what, diffAt(got, want))
	}
	pieces := render.AppendJSONHead(nil, r, "v1.2.3-\"dev\"")
	for i, rep := range reps {
		doc := render.AppendJSONDocument(nil, rep, i) // on its own, as slant annotate does
		pieces = append(pieces, doc...)
	}
	pieces = render.AppendJSONTail(pieces, len(reps))
	if !bytes.Equal(pieces, want) {
		t.Fatalf("%s: appended in pieces, JSON differs from encoding/json %s", what, diffAt(pieces, want))
	}
}

func diffAt(got, want []byte) string {
	n := 0
	for n < len(got) && n < len(want) && got[n] == want[n] {
		n++
	}
	from := max(0, n-120)
	return fmt.Sprintf("at byte %d:\ngot  %q\nwant %q", n, got[from:min(len(got), n+80)], want[from:min(len(want), n+80)])
}

// TestJSONWriterMatchesEncodingJSON checks the hand-written JSON against encoding/json's
// for every testdata source under the default rubric and the test rubric, one document at
// a time and all together, and for no documents.
func TestJSONWriterMatchesEncodingJSON(t *testing.T) {
	for _, rubric := range [][]string{nil, {testdata + "/annotate/rubric.toml"}} {
		r, a := load(t, rubric...)
		var all []render.Report
		findings, speakers := 0, 0
		for _, path := range sources(t) {
			src, err := os.ReadFile(path)
			require.NoError(t, err)
			rep := report(t, a, path, src)
			findings += len(rep.Findings)
			speakers += len(rep.Provenance.Sources)
			requireSameJSON(t, r, []render.Report{rep}, path)
			rep.Provenance = nil
			requireSameJSON(t, r, []render.Report{rep}, path+" without provenance")
			all = append(all, report(t, a, path, src))
		}
		require.Positive(t, findings)
		require.Positive(t, speakers)
		requireSameJSON(t, r, all, "every source")
		requireSameJSON(t, r, all[:2], "two sources")
		requireSameJSON(t, r, nil, "no documents")
	}
	requireSameJSON(t, &rubrics.Rubric{}, nil, "a rubric of no files")
}

// jsonTrickyStrings are strings that encoding/json escapes, or takes care not to.
var jsonTrickyStrings = []string{
	"",
	`say "hi"`,
	`back\slash \" \\`,
	"tab\tnew\nline\rcr",
	"\b\f\x00\x01\x1f\x7f",
	"\u2028 and \u2029, not \u2027 or \u202a",
	"<b>&amp;</b>",
	"é “curly” — ‘dash’ … ½",
	"emoji 😀👍🏽 and CJK 漢字",
	"\ufffd replacement",
	"invalid \xff\xfe and cut \xe2\x80 and \xf0\x9f\x98",
	"ends in a cut rune \xe2\x80",
	"/ and \u00a0 and \u0085",
}

// TestJSONWriterEscapes puts tricky strings through every string a document's JSON holds:
// its name, a finding's message, suggestion and text, a source's name, role, verbs and
// venues, an attribution's verb and venue, and the source text of spans.
func TestJSONWriterEscapes(t *testing.T) {
	r, _ := load(t)
	rule := r.Rules[0]
	for i, s := range jsonTrickyStrings {
		src := "Lead.\n" + s + "\n\nSecond " + s + " paragraph.\n"
		if !utf8.ValidString(src) || strings.IndexByte(src, 0) >= 0 {
			src = "Lead.\nA line.\n\nSecond line paragraph.\n"
		}
		doc, err := prose.Parse(s, []byte(src), prose.FormatText)
		require.NoError(t, err)
		at := strings.Index(src, "Second")
		span := prose.Span{Start: at, End: len(src) - 1}
		custom := *rule
		custom.ID, custom.Category = "rule."+s, s
		findings := []annotate.Finding{
			{Rule: rule, Severity: rubrics.Warning, Voice: rubrics.VoiceWriter, Message: s, Suggestion: s, Span: span, Text: s},
			{Rule: &custom, Severity: rubrics.Info, Voice: rubrics.VoiceQuoted, Message: "m", Span: prose.Span{Start: 6, End: at}, Text: s},
		}
		source := &provenance.Source{ID: 1, Kind: provenance.SourcePerson, Name: s, Role: s, Verbs: []string{s, "said"}, Venues: []string{s},
			Mentions: []prose.Span{{Start: 0, End: 4}, span, {Start: 6, End: at}}, Statements: 2, Loaded: 1}
		prov := &provenance.Provenance{
			Sources: []*provenance.Source{source,
				{ID: 2, Kind: provenance.SourceVague, Name: "officials", Verbs: []string{}, Venues: []string{}},
				{ID: 3, Kind: provenance.SourceAnonymous, Name: "a source", Mentions: []prose.Span{{Start: 6, End: at}}}},
			Attributions: []provenance.Attribution{
				{Source: source, Mention: prose.Span{Start: 0, End: 4}, Cue: span, Verb: s, Tone: provenance.ToneLoaded, Content: prose.Span{Start: 6, End: at}, Form: provenance.FormDirect, Venue: s},
				{Cue: prose.Span{Start: 6, End: at}, Verb: "say", Form: provenance.FormUnsourced},
			},
		}
		rep := render.Report{Doc: doc, Findings: findings, Provenance: prov}
		requireSameJSON(t, r, []render.Report{rep}, fmt.Sprintf("string %d %q", i, s))
	}
}

// TestJSONWriterSummary checks the summary of findings in many categories, more than the
// writer counts without a map, in no order, of every severity and voice.
func TestJSONWriterSummary(t *testing.T) {
	r, _ := load(t)
	doc, err := prose.Parse("many.txt", []byte("Some words here.\n"), prose.FormatText)
	require.NoError(t, err)
	severities := []rubrics.Severity{rubrics.Info, rubrics.Warning, rubrics.Error, "other"}
	voices := []rubrics.Voice{rubrics.VoiceWriter, rubrics.VoiceQuoted, rubrics.VoiceAny}
	for _, categories := range []int{1, 2, 15, 16, 17, 40} {
		var fs []annotate.Finding
		for i := range 3 * categories {
			rule := &rubrics.Rule{ID: fmt.Sprintf("r%d", i), Category: fmt.Sprintf("cat-%d", (i*7)%categories)}
			fs = append(fs, annotate.Finding{Rule: rule, Severity: severities[i%len(severities)], Voice: voices[i%len(voices)],
				Message: "m", Span: prose.Span{Start: 5, End: 10}, Text: "words"})
		}
		requireSameJSON(t, r, []render.Report{{Doc: doc, Findings: fs}}, fmt.Sprintf("%d categories", categories))
	}
}

// TestJSONWriterEmpty checks documents with nothing to report: no findings, no provenance,
// provenance with no sources or attributions, and an empty source.
func TestJSONWriterEmpty(t *testing.T) {
	r, a := load(t)
	var reps []render.Report
	for _, src := range []string{"", "\n", "Nothing to see here.\n", "# Title\n\nPlain words.\n"} {
		doc, err := prose.Parse("empty.md", []byte(src), prose.FormatMarkdown)
		require.NoError(t, err)
		for _, rep := range []render.Report{
			{Doc: doc},
			{Doc: doc, Findings: []annotate.Finding{}},
			{Doc: doc, Provenance: &provenance.Provenance{}},
			{Doc: doc, Provenance: a.Provenance(doc)},
		} {
			requireSameJSON(t, r, []render.Report{rep}, fmt.Sprintf("%q", src))
			reps = append(reps, rep)
		}
	}
	requireSameJSON(t, r, reps, "all of them")
}

// FuzzJSONMatchesEncodingJSON annotates arbitrary text as plain text and as Markdown and
// checks that the hand-written JSON of the report is encoding/json's, with the input also
// as the document's name (which may be invalid UTF-8).
func FuzzJSONMatchesEncodingJSON(f *testing.F) {
	seeds, _ := filepath.Glob(testdata + "/annotate/*.[mt][dx]*")
	seeds = append(seeds, testdata+"/sample/article.md")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	for _, s := range jsonTrickyStrings {
		f.Add([]byte(`The "so-called" experts, critics said.` + "\n\n" + s + "\n\nHe said “it's " + s + "” on Monday."))
	}
	r, a := load(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		text := src
		if !utf8.Valid(src) || bytes.IndexByte(src, 0) >= 0 {
			text = nil
		}
		var reps []render.Report
		for _, format := range []prose.Format{prose.FormatText, prose.FormatMarkdown} {
			doc, err := prose.Parse("fuzz", text, format)
			if err != nil {
				t.Fatal(err)
			}
			fs, err := a.Annotate(t.Context(), doc)
			if err != nil {
				t.Fatal(err)
			}
			rep := render.Report{Doc: doc, Findings: fs, Provenance: a.Provenance(doc)}
			requireSameJSON(t, r, []render.Report{rep}, format.String())
			doc.Name = string(src)
			reps = append(reps, rep)
		}
		requireSameJSON(t, r, reps, "both")
	})
}
