package render_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/render"
)

// The compact linter output, plain and in colour, with a suppressed finding among the others.
func TestText(t *testing.T) {
	rubric := filepath.Join(testdata, "annotate", "rubric.toml")
	_, a := load(t, rubric)
	rep := report(t, a, "a.txt", []byte("Fine.\n😀 The regime fell. The thug ran.\n"))
	require.Len(t, rep.Findings, 2)
	var buf bytes.Buffer
	require.NoError(t, render.Text(&buf, rep, render.TextOptions{}))
	assert.Equal(t, "a.txt:2:7: warning test.labels: Loaded label “regime”\n"+
		"a.txt:2:24: warning test.labels: Loaded label “thug”\n", buf.String())

	kept, off := rep.Findings[1:], rep.Findings[:1]
	rep.Findings, rep.Suppressed = kept, off
	buf.Reset()
	require.NoError(t, render.Text(&buf, rep, render.TextOptions{}))
	assert.Equal(t, "a.txt:2:7: warning test.labels: Loaded label “regime” (suppressed)\n"+
		"a.txt:2:24: warning test.labels: Loaded label “thug”\n", buf.String(), "in order of position")

	buf.Reset()
	rep.Suppressed = nil
	require.NoError(t, render.Text(&buf, rep, render.TextOptions{Color: true}))
	assert.Equal(t, "\x1b[1ma.txt:2:24:\x1b[0m \x1b[33mwarning\x1b[0m \x1b[2mtest.labels:\x1b[0m Loaded label “thug”\n", buf.String())
}

// GitHub workflow commands, with every character the runner treats specially escaped.
func TestGitHub(t *testing.T) {
	rubric := filepath.Join(testdata, "annotate", "rubric.toml")
	_, a := load(t, rubric)
	rep := report(t, a, "news/a,b:c%.txt", []byte("Fine.\n😀 The regime fell.\n\n\"It was a disaster,\" she said.\n"))
	require.Len(t, rep.Findings, 2)
	var buf bytes.Buffer
	off := rep.Findings[1:]
	rep.Findings, rep.Suppressed = rep.Findings[:1], off
	require.NoError(t, render.GitHub(&buf, rep))
	assert.Equal(t,
		"::warning file=news/a%2Cb%3Ac%25.txt,line=2,col=7,endLine=2,endColumn=13,title=test.labels::Loaded label “regime”\n"+
			"::notice file=news/a%2Cb%3Ac%25.txt,line=4,col=11,endLine=4,endColumn=19,title=test.quoted-only (suppressed)::“disaster” in quoted speech\n",
		buf.String())

	rep.Findings[0].Message = "100% sure,\r\nreally: yes"
	buf.Reset()
	rep.Suppressed = nil
	require.NoError(t, render.GitHub(&buf, rep))
	assert.Equal(t, "::warning file=news/a%2Cb%3Ac%25.txt,line=2,col=7,endLine=2,endColumn=13,title=test.labels::100%25 sure,%0D%0Areally: yes\n",
		buf.String(), "a message escapes %, CR and LF, not : or ,")
}

func TestExplain(t *testing.T) {
	rubric := filepath.Join(testdata, "annotate", "rubric.toml")
	r, _ := load(t, rubric)
	var buf bytes.Buffer
	require.NoError(t, render.Explain(&buf, r.Rule("test.labels"), 80))
	assert.Equal(t, `test.labels: Loaded label “…”

  category  loaded-language
  severity  warning (info inside quoted speech)
  voice     the writer's own words and quoted speech
  defined   `+filepath.Join(testdata, "annotate", "rubric.toml")+`:9:6

A label that passes judgement.

Say instead:
  regime → government

Flagged, for example:
  - The regime fell.

Not flagged:
  - Regime change was discussed.
`, buf.String())

	def, _ := load(t)
	buf.Reset()
	require.NoError(t, render.Explain(&buf, def.Rule("framing.scare-quotes"), 60))
	for _, line := range strings.Split(buf.String(), "\n") {
		if !strings.HasPrefix(line, "  defined") {
			assert.LessOrEqual(t, len([]rune(line)), 60, "wrapped: %q", line)
		}
	}
	assert.Contains(t, buf.String(), "\n  - The so-called \"peace plan\" was signed on a yacht.\n")
}
