package render_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
)

// suppressedDocument is a document with its suppressed findings listed apart, as
// `slant check --report-suppressed --format json` wrote it with encoding/json.
type suppressedDocument struct {
	render.JSONDocument
	Suppressed []render.JSONFinding `json:"suppressed,omitempty"`
}

// partsOutput is JSONOutput with any rubric and suppressedDocuments.
type partsOutput struct {
	SchemaVersion int                  `json:"schema_version"`
	Tool          render.JSONTool      `json:"tool"`
	Rubric        render.JSONRubric    `json:"rubric"`
	Documents     []suppressedDocument `json:"documents"`
}

func encodeIndented(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(v))
	return buf.Bytes()
}

// TestJSONHeadFor checks the head written for a rubric given whole against encoding/json's,
// for no files (null), an empty list, and files with strings that need escaping.
func TestJSONHeadFor(t *testing.T) {
	files := []render.JSONRubricID{{Name: "default", Version: "1", Path: "(built in)"}}
	for _, s := range jsonTrickyStrings {
		files = append(files, render.JSONRubricID{Name: s, Version: s, Path: "/rubrics/" + s})
	}
	for _, r := range []render.JSONRubric{
		{},
		{Name: "x", Files: []render.JSONRubricID{}},
		{Name: "default 1; house 2 + default 1", Files: files[:1]},
		{Name: "tricky; \"ones\"\t\u2028\xff", Files: files},
	} {
		const version = "v0.1.0-<dev>&\"q\""
		want := encodeIndented(t, partsOutput{SchemaVersion: render.SchemaVersion, Tool: render.JSONTool{Name: "slant", Version: version}, Rubric: r})
		got := render.AppendJSONTail(render.AppendJSONHeadFor(nil, r, version), 0)
		if !bytes.Equal(got, want) {
			t.Fatalf("rubric %q: head differs from encoding/json %s", r.Name, diffAt(got, want))
		}
	}
}

// TestJSONDocumentObject checks documents rendered alone and put in their places
// afterwards, with suppressed findings listed apart, against encoding/json's, for every
// testdata source with and without provenance; and that with no suppressed findings they
// are what AppendJSONDocument appends.
func TestJSONDocumentObject(t *testing.T) {
	r, a := load(t)
	findings := 0
	for _, path := range sources(t) {
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		full := report(t, a, path, src)
		findings += len(full.Findings)
		for _, prov := range []bool{true, false} {
			rep := full
			if !prov {
				rep.Provenance = nil
			}
			var reps []render.Report
			var suppressed [][]annotate.Finding
			// All kept; all suppressed; every other one suppressed.
			reps = append(reps, rep, render.Report{Doc: rep.Doc, Provenance: rep.Provenance, Suppressed: rep.Findings})
			suppressed = append(suppressed, nil, rep.Findings)
			var kept, off []annotate.Finding
			for i, f := range rep.Findings {
				if i%2 == 1 {
					off = append(off, f)
				} else {
					kept = append(kept, f)
				}
			}
			reps = append(reps, render.Report{Doc: rep.Doc, Findings: kept, Provenance: rep.Provenance, Suppressed: off})
			suppressed = append(suppressed, off)

			out := partsOutput{SchemaVersion: render.SchemaVersion, Tool: render.JSONTool{Name: "slant", Version: "v"}}
			out.Rubric.Name = r.Name()
			got := render.AppendJSONHeadFor(nil, out.Rubric, "v")
			for i, rep := range reps {
				d := suppressedDocument{JSONDocument: render.NewJSON(r, "v", []render.Report{{Doc: rep.Doc, Findings: rep.Findings, Provenance: rep.Provenance}}).Documents[0]}
				if len(suppressed[i]) > 0 {
					d.Suppressed = render.NewJSON(r, "v", []render.Report{{Doc: rep.Doc, Findings: suppressed[i]}}).Documents[0].Findings
				}
				out.Documents = append(out.Documents, d)
				object := render.AppendJSONDocumentObject(nil, rep)
				got = append(render.AppendJSONDocumentStart(got, i), object...)
				if len(suppressed[i]) == 0 {
					alone := render.AppendJSONDocument(nil, rep, i)
					require.Equal(t, string(render.AppendJSONDocumentStart(nil, i))+string(object), string(alone))
				}
			}
			got = render.AppendJSONTail(got, len(reps))
			if want := encodeIndented(t, out); !bytes.Equal(got, want) {
				t.Fatalf("%s (provenance %v): documents in pieces differ from encoding/json %s", path, prov, diffAt(got, want))
			}
		}
	}
	require.Positive(t, findings)
}

// TestJSONDocumentObjectEscapes puts tricky strings through the suppressed findings.
func TestJSONDocumentObjectEscapes(t *testing.T) {
	r, _ := load(t)
	rule := r.Rules[0]
	for i, s := range jsonTrickyStrings {
		src := "Lead " + s + " line.\nSecond line.\n"
		if !utf8.ValidString(src) || strings.IndexByte(src, 0) >= 0 {
			src = "Lead a line.\nSecond line.\n"
		}
		doc, err := prose.Parse(fmt.Sprint("doc ", s), []byte(src), prose.FormatText)
		require.NoError(t, err)
		f := annotate.Finding{Rule: rule, Severity: "warning", Voice: "writer", Message: s, Suggestion: s, Span: prose.Span{Start: 5, End: len(src) - 2}, Text: s}
		rep := render.Report{Doc: doc}
		d := suppressedDocument{JSONDocument: render.NewJSON(r, "v", []render.Report{rep}).Documents[0]}
		d.Suppressed = render.NewJSON(r, "v", []render.Report{{Doc: doc, Findings: []annotate.Finding{f, f}}}).Documents[0].Findings
		want := encodeIndented(t, d)
		// Encoded alone, the document is at depth 0, where in the output it is at depth 2.
		want = bytes.ReplaceAll(want[:len(want)-1], []byte("\n"), []byte("\n    "))
		rep.Suppressed = []annotate.Finding{f, f}
		got := render.AppendJSONDocumentObject(nil, rep)
		if !bytes.Equal(got, want) {
			t.Fatalf("string %d %q: differs from encoding/json %s", i, s, diffAt(got, want))
		}
	}
}
