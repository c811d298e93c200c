// Package annotatetest checks an Annotator against test files whose expected findings sit
// inline, in the manner of golang.org/x/tools/go/analysis/analysistest.
//
// A line expects findings with an HTML comment anywhere on it:
//
//	The so-called "chief plotter" left. <!-- want framing.scare-quotes:"so-called "chief plotter"" -->
//	Critics say it failed. <!-- want attribution.vague@writer:"Critics say" -->
//
// Each expectation names a rule id, optionally @writer or @quoted for the voice, and the
// finding's text with white space collapsed. Every finding that starts on the line must be
// expected, and every expectation met. In plain text files the comments are blanked out with
// spaces before annotating, so offsets do not move; in Markdown, HTML is never prose anyway.
package annotatetest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
)

var (
	wantComment = regexp.MustCompile(`<!--\s*want\s+(.*?)\s*-->`)
	expectation = regexp.MustCompile(`([a-z0-9._-]+)(?:@(writer|quoted))?:"((?:[^"\\]|\\.|"[^"]*")*?)"(?:\s|$)`)
)

// Expectation is one expected finding.
type Expectation struct {
	Line  int
	Rule  string
	Voice string // "" for either
	Text  string
}

// Expectations reads the want comments of src and returns src with them blanked (for plain
// text) and the expectations in order.
func Expectations(src []byte, format prose.Format) ([]byte, []Expectation, error) {
	out := append([]byte(nil), src...)
	var exps []Expectation
	for _, loc := range wantComment.FindAllSubmatchIndex(src, -1) {
		line := 1 + strings.Count(string(src[:loc[0]]), "\n")
		body := string(src[loc[2]:loc[3]]) + " "
		matches := expectation.FindAllStringSubmatchIndex(body, -1)
		if len(matches) == 0 {
			return nil, nil, fmt.Errorf("line %d: want comment without expectations: %q", line, body)
		}
		for _, m := range matches {
			e := Expectation{Line: line, Rule: body[m[2]:m[3]], Text: strings.ReplaceAll(body[m[6]:m[7]], `\"`, `"`)}
			if m[4] >= 0 {
				e.Voice = body[m[4]:m[5]]
			}
			exps = append(exps, e)
		}
		if format == prose.FormatText {
			for i := loc[0]; i < loc[1]; i++ {
				if out[i] != '\n' {
					out[i] = ' '
				}
			}
		}
	}
	return out, exps, nil
}

// Run annotates the file at path with a and checks the findings against its want comments.
func Run(t *testing.T, a *annotate.Annotator, path string) []annotate.Finding {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	format := prose.FormatForPath(path)
	blanked, exps, err := Expectations(src, format)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	doc, err := prose.Parse(filepath.Base(path), blanked, format)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := a.Annotate(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	met := make([]bool, len(exps))
	for _, f := range findings {
		line, col := doc.LineColumn(f.Span.Start)
		text := collapse(f.Text)
		found := false
		for i, e := range exps {
			if !met[i] && e.Line == line && e.Rule == f.Rule.ID && (e.Voice == "" || e.Voice == string(f.Voice)) && collapse(e.Text) == text {
				met[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d:%d: unexpected finding %s@%s:%q (%s)", path, line, col, f.Rule.ID, f.Voice, text, f.Message)
		}
	}
	for i, e := range exps {
		if !met[i] {
			voice := ""
			if e.Voice != "" {
				voice = "@" + e.Voice
			}
			t.Errorf("%s:%d: no finding %s%s:%q", path, e.Line, e.Rule, voice, e.Text)
		}
	}
	return findings
}

func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
