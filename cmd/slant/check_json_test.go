package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/kong"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/render"
)

// checkJSONDocument is a document of `slant check --format json` as encoding/json wrote
// it: the same as in `slant annotate --format json`, with the suppressed findings listed
// apart when asked for.
type checkJSONDocument struct {
	render.JSONDocument
	Suppressed []render.JSONFinding `json:"suppressed,omitempty"`
}

// checkJSONOutput is the top-level object of `slant check --format json` as encoding/json
// wrote it.
type checkJSONOutput struct {
	SchemaVersion int                 `json:"schema_version"`
	Tool          render.JSONTool     `json:"tool"`
	Rubric        render.JSONRubric   `json:"rubric"`
	Documents     []checkJSONDocument `json:"documents"`
}

// encodingJSONCheck is `slant check --format json` with args as it was before its JSON was
// written by hand: each checked file's document built as render.NewJSON's structs, and the
// whole output encoded by encoding/json at the end. The files are found, configured and
// checked as the command does; the command must write exactly these bytes.
func encodingJSONCheck(t *testing.T, stdin string, args ...string) []byte {
	t.Helper()
	var c cli
	parser, err := kong.New(&c, cliVars("test"))
	require.NoError(t, err)
	_, err = parser.Parse(append([]string{"check", "--format", "json"}, args...))
	require.NoError(t, err)
	cmd := &c.Check
	cmd.output, err = render.FormatNamed("json")
	require.NoError(t, err)
	inputs, errs, _ := cmd.expand()
	require.Empty(t, errs)
	require.Empty(t, cmd.configure(inputs, io.Discard))
	env := &environment{stdin: strings.NewReader(stdin), stdout: io.Discard, stderr: io.Discard}

	var (
		docs    []checkJSONDocument
		engines []*checkEngine
	)
	for _, in := range inputs {
		if in.engine.config.Ignored(in.path) && in.path != "-" {
			continue
		}
		// The header names the rubric of every file checked, read or not.
		if !slices.Contains(engines, in.engine) {
			engines = append(engines, in.engine)
		}
		got, _, err := cmd.report(context.Background(), env, in, nil)
		if err != nil {
			continue
		}
		doc, kept, suppressed := got.Doc, got.Findings, got.Suppressed
		rep := render.Report{Doc: doc, Findings: kept, Metadata: got.Metadata}
		d := checkJSONDocument{JSONDocument: render.NewJSON(in.engine.rubric, versionString(), []render.Report{rep}).Documents[0]}
		if len(suppressed) > 0 {
			off := render.NewJSON(in.engine.rubric, versionString(), []render.Report{{Doc: doc, Findings: suppressed}})
			d.Suppressed = off.Documents[0].Findings
		}
		docs = append(docs, d)
	}

	out := checkJSONOutput{SchemaVersion: render.SchemaVersion, Tool: render.JSONTool{Name: "slant", Version: versionString()}, Documents: docs}
	if out.Documents == nil {
		out.Documents = []checkJSONDocument{}
	}
	var names []string
	seenFile := map[string]bool{}
	for _, e := range engines {
		names = append(names, e.rubric.Name())
		for _, m := range e.rubric.Meta {
			id := render.JSONRubricID{Name: m.Name, Version: m.Version, Path: m.Path}
			if key := m.Name + "\x00" + m.Version + "\x00" + m.Path; !seenFile[key] {
				seenFile[key] = true
				out.Rubric.Files = append(out.Rubric.Files, id)
			}
		}
	}
	slices.Sort(names)
	out.Rubric.Name = strings.Join(slices.Compact(names), "; ")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(out))
	return buf.Bytes()
}

// TestCheckJSONWritesAsBefore checks that `slant check --format json` writes the bytes
// encoding/json wrote: over the testdata texts, under several configurations and rubrics
// at once, with suppressed findings, with files that fail first, among the others and
// last, with names and rubric paths that need escaping, a large document, and with no
// documents at all.
func TestCheckJSONWritesAsBefore(t *testing.T) {
	dir := t.TempDir()
	testdata, err := filepath.Abs("../../testdata")
	require.NoError(t, err)
	article := mustRead(t, testdata+"/sample/article.md")
	checkRubricText := mustRead(t, testdata+"/check/rubric.toml")
	suppressing := "The regime fell.\n\n<!-- slant-disable-next-line check.tyrant -->\nThe tyrant left.\n\n" +
		"<!-- slant-disable check.labels, check.hedge -->\n\nThe thug perhaps ran.\n\n<!-- slant-enable -->\n\nThe thug ran.\n"
	files := map[string]string{
		// news: the check rubric; opinion: the same rubric, overridden (another engine of the
		// same name and files); wire: the engine tests' rubric; top: the default rubric.
		"news/.slant.toml":              "rubrics = [\"../rubric \\\"q\\\" & <r>/check.toml\"]\n",
		"rubric \"q\" & <r>/check.toml": checkRubricText,
		"news/suppressing.md":           suppressing,
		"news/article.md":               article,
		"news/a&b <c> \"d\"\u2028.txt":  "The regime\t\"fell\" \\ here\u2028 and there “perhaps”.\n",
		"news/bad.txt":                  "fine\ncaf\xe9\n",
		"news/unknown-rule.md":          "<!-- slant-disable check.tyrants -->\nThe tyrant left.\n",
		"opinion/.slant.toml":           "rubrics = [\"../rubric \\\"q\\\" & <r>/check.toml\"]\n\n[overrides.\"check.labels\"]\nseverity = \"error\"\n",
		"opinion/column.md":             suppressing + "\n" + article,
		"wire/.slant.toml":              "rubrics = [\"" + testdata + "/annotate/rubric.toml\"]\n",
		"top.md":                        article,
		"binary.txt":                    "abc\x00def\n",
		"empty.md":                      "",
	}
	for _, name := range []string{"attribution.txt", "markdown.md", "quotes.txt", "terms.txt"} {
		text := mustRead(t, testdata+"/annotate/"+name)
		files["wire/"+name] = text
		files["news/"+name] = text
	}
	writeFiles(t, dir, files)
	// A large document, among small ones.
	large := strings.Repeat(article+"\n\n", (1<<20)/len(article))
	writeFiles(t, dir, map[string]string{"wire/large.md": large})

	cases := [][]string{
		{"news", "wire", "opinion", "top.md", "binary.txt"},
		{"--report-suppressed", "news", "wire", "opinion", "top.md", "binary.txt"},
		{"--report-suppressed", "binary.txt", "news/bad.txt", "opinion", "news/suppressing.md", "news/unknown-rule.md"},
		{"--report-suppressed", "news/suppressing.md"},
		{"--report-suppressed", "--no-config", "news", "binary.txt", "top.md"},
		{"--rubric", testdata + "/check/rubric.toml", "--rubric", testdata + "/annotate/rubric.toml", "--report-suppressed", "news", "wire"},
		{"--report-suppressed", "-", "top.md"},
		{"empty.md"},
		{"binary.txt", "news/bad.txt", "news/unknown-rule.md"}, // no documents
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, stdout, _ := slant(t, dir, suppressing, append([]string{"check", "--format", "json"}, args...)...)
			want := encodingJSONCheck(t, suppressing, args...)
			if stdout != string(want) {
				t.Fatalf("output differs from encoding/json's:\n%s", firstDiff([]byte(stdout), want))
			}
		})
	}
	// The cases above cover what they say.
	_, stdout, _ := slant(t, dir, "", "check", "--format", "json", "--report-suppressed", "news", "wire", "opinion", "top.md")
	for _, s := range []string{`"suppressed": [`, `"name": "check 1.0; default `, `"name": "news/a&b <c> \"d\"\u2028.txt"`, `"path": "rubric \"q\" & <r>/check.toml"`} {
		if !strings.Contains(stdout, s) {
			t.Errorf("the output has no %s", s)
		}
	}
	require.Greater(t, len(stdout), 1<<20)
	_, stdout, _ = slant(t, dir, "", "check", "--format", "json", "binary.txt", "news/bad.txt")
	require.True(t, strings.HasSuffix(stdout, "\"documents\": []\n}\n"), stdout)
}

// countingWriter records how much was written to it, and when.
type countingWriter struct {
	bytes.Buffer
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// The formats that are one document for all files (json, sarif) are written as the files'
// results come, not held to the end: most of the output is out before the last file is
// added, and what is written in the end is what the command writes.
func TestCheckStreamsJSONAndSARIF(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 200 {
		files[fmt.Sprintf("news/%03d.md", i)] = strings.Repeat("The regime's thugs, critics say, clearly lied. ", 10) + "\n"
	}
	writeFiles(t, dir, files)
	for _, format := range []string{"json", "sarif"} {
		_, want, _ := slant(t, dir, "", "check", "--format", format, "news")

		var c cli
		parser, err := kong.New(&c, cliVars("test"))
		require.NoError(t, err)
		_, err = parser.Parse([]string{"check", "--format", format, "news"})
		require.NoError(t, err)
		cmd := &c.Check
		cmd.output, err = render.FormatNamed(format)
		require.NoError(t, err)
		inputs, errs, _ := cmd.expand()
		require.Empty(t, errs)
		require.Empty(t, cmd.configure(inputs, io.Discard))
		var out countingWriter
		env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: io.Discard}
		w, err := cmd.newCheckWriter(env, inputs)
		require.NoError(t, err)
		for i, in := range inputs {
			w.add(cmd.checkOne(context.Background(), env, in, i, nil, w.output))
		}
		before := out.Len()
		require.NoError(t, w.finish())
		assert.Greater(t, before, out.Len()/2, "%s: most of the output is written before the end", format)
		assert.Greater(t, out.writes, 2, "%s: written in pieces", format)
		assert.Equal(t, want, out.String(), format)
	}
}
