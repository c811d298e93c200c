package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// checkRubric is the rubric of the check tests (testdata/check/rubric.toml), absolute.
func checkRubric(t testing.TB) string {
	t.Helper()
	p, err := filepath.Abs("../../testdata/check/rubric.toml")
	require.NoError(t, err)
	return p
}

// writeFiles writes files (path -> content) under dir.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

// slant runs the command line in process in dir and returns its exit code and output.
func slant(t *testing.T, dir string, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestCheckErrors covers every input and usage error of slant check: each exits 2, writes
// one message per problem on stderr naming the place (file:line:col where there is one), and
// writes nothing on stdout when nothing could be checked.
func TestCheckErrors(t *testing.T) {
	rubric := checkRubric(t)
	article := "The regime fell.\n"
	cases := []struct {
		name   string
		files  map[string]string
		args   []string
		stderr string // the whole of stderr
		stdout bool   // true: the other files' findings are still written
	}{
		{
			name:   "config: unknown key",
			files:  map[string]string{".slant.toml": "fail_on = \"warning\"\ncolour = \"red\"\n", "a.md": article},
			args:   []string{"check", "a.md"},
			stderr: "slant: .slant.toml:2:1: unknown key \"colour\" (want rubrics, fail_on, fail_on_no_prose, ignore, timeout, overrides or second_opinion)\n",
		},
		{
			name:   "config: syntax",
			files:  map[string]string{".slant.toml": "fail_on = \"warning\n", "a.md": article},
			args:   []string{"check", "a.md"},
			stderr: "slant: .slant.toml:1:19: basic strings cannot have new lines\n",
		},
		{
			name:   "config: bad fail_on",
			files:  map[string]string{".slant.toml": "fail_on = \"fatal\"\n", "a.md": article},
			args:   []string{"check", "a.md"},
			stderr: "slant: .slant.toml:1:11: fail_on \"fatal\" (want error, warning or info)\n",
		},
		{
			name:   "config: bad severity",
			files:  map[string]string{".slant.toml": "[overrides.\"check.labels\"]\nseverity = \"high\"\n", "a.md": article},
			args:   []string{"check", "--rubric", rubric, "a.md"},
			stderr: "slant: .slant.toml:2:12: override \"check.labels\": severity \"high\" (want info, warning or error)\n",
		},
		{
			name:   "config: override of an unknown rule",
			files:  map[string]string{"news/.slant.toml": "rubrics = [\"../rubric.toml\"]\n\n[overrides.\"check.label\"]\ndisabled = true\n", "news/a.md": article, "rubric.toml": mustRead(t, rubric)},
			args:   []string{"check", "news"},
			stderr: "slant: news/.slant.toml:3:12: override of unknown rule \"check.label\" (did you mean \"check.labels\"?)\n",
		},
		{
			name:   "config: a rubric that is missing",
			files:  map[string]string{".slant.toml": "rubrics = [\"house.toml\"]\n", "a.md": article},
			args:   []string{"check", "a.md"},
			stderr: "slant: .slant.toml:1:12: rubric house.toml: no such file or directory\n",
		},
		{
			name:   "config: a rubric that is a directory",
			files:  map[string]string{".slant.toml": "rubrics = [\"house\"]\n", "a.md": article, "house/x.toml": ""},
			args:   []string{"check", "a.md"},
			stderr: "slant: .slant.toml:1:12: rubric house: is a directory; name the rubric's TOML file\n",
		},
		{
			name:   "config: a broken rubric names its own file",
			files:  map[string]string{".slant.toml": "rubrics = [\"house.toml\"]\n", "a.md": article, "house.toml": "name = \"h\"\n[[rules]]\nid = \"x.y\"\ncolour = \"red\"\n"},
			args:   []string{"check", "a.md"},
			stderr: "slant: house.toml:4:1: unknown key \"rules.colour\"\n",
		},
		{
			name:   "--config names a directory",
			files:  map[string]string{"conf/x": "", "a.md": article},
			args:   []string{"check", "--config", "conf", "a.md"},
			stderr: "slant: conf: is a directory; a config is a TOML file such as .slant.toml\n",
		},
		{
			name:   "--config names a missing file",
			files:  map[string]string{"a.md": article},
			args:   []string{"check", "--config", "nope.toml", "a.md"},
			stderr: "slant: nope.toml: no such file or directory\n",
		},
		{
			name:   "--rubric names a directory",
			files:  map[string]string{"rubrics/x.toml": "", "a.md": article},
			args:   []string{"check", "--rubric", "rubrics", "a.md"},
			stderr: "slant: rubrics: is a directory; --rubric names a rubric's TOML file\n",
		},
		{
			name:   "--rubric names a missing file",
			files:  map[string]string{"a.md": article},
			args:   []string{"check", "--rubric", "nope.toml", "a.md"},
			stderr: "slant: rubric nope.toml: open nope.toml: no such file or directory\n",
		},
		{
			name:   "a suppression names an unknown rule",
			files:  map[string]string{"a.md": "Fine.\n\n<!-- slant-disable-next-line check.label -->\nThe regime fell.\n", "b.md": article},
			args:   []string{"check", "--rubric", rubric, "a.md", "b.md"},
			stderr: "slant: a.md:3:30: slant-disable-next-line: unknown rule \"check.label\" (did you mean \"check.labels\"?)\n",
			stdout: true,
		},
		{
			name:   "a misspelt suppression",
			files:  map[string]string{"a.txt": "<!-- slant-disable-line check.labels -->\nThe regime fell.\n"},
			args:   []string{"check", "--rubric", rubric, "a.txt"},
			stderr: "slant: a.txt:1:6: unknown directive \"slant-disable-line\" (want slant-disable-next-line, slant-disable, slant-enable or slant-disable-file)\n",
		},
		{
			name:   "a missing file",
			files:  map[string]string{"a.md": article},
			args:   []string{"check", "a.md", "missing.md", "gone/b.md"},
			stderr: "slant: missing.md: no such file or directory\nslant: gone/b.md: no such file or directory\n",
		},
		{
			name:   "a glob that matches nothing",
			files:  map[string]string{"a.md": article},
			args:   []string{"check", "drafts/*.md"},
			stderr: "slant: drafts/*.md: no Markdown, HTML or text files match\n",
		},
		{
			name:   "invalid UTF-8 in HTML",
			files:  map[string]string{"a.html": "<p>The regime fell.</p>\n<p>caf\xe9</p>\n"},
			args:   []string{"check", "a.html"},
			stderr: "slant: a.html:2:7: invalid UTF-8 (byte 0xe9)\n",
		},
		{
			name:   "binary input",
			files:  map[string]string{"a.txt": "abc\x00def\n", "b.md": article},
			args:   []string{"check", "--rubric", rubric, "a.txt", "b.md"},
			stderr: "slant: a.txt:1:4: binary file (NUL byte); slant reads UTF-8 text\n",
			stdout: true,
		},
		{
			name:   "invalid UTF-8",
			files:  map[string]string{"a.txt": "fine\ncaf\xe9\n"},
			args:   []string{"check", "a.txt"},
			stderr: "slant: a.txt:2:4: invalid UTF-8 (byte 0xe9)\n",
		},
		{
			name:   "--fail-on with a bad value",
			files:  map[string]string{"a.md": article},
			args:   []string{"check", "--fail-on", "fatal", "a.md"},
			stderr: "slant: --fail-on must be one of \"error\",\"warning\",\"info\" but got \"fatal\"\n",
		},
		{
			name:   "--config and --no-config",
			files:  map[string]string{"a.md": article, "c.toml": ""},
			args:   []string{"check", "--config", "c.toml", "--no-config", "a.md"},
			stderr: "slant: --config and --no-config cannot be used together\n",
		},
		{
			name:   "--diff of stdin",
			args:   []string{"check", "--diff", "HEAD", "-"},
			stderr: "slant: --diff cannot check stdin: name the files\n",
		},
		{
			name:   "no path",
			args:   []string{"check"},
			stderr: "slant: expected \"<path> ...\"\n",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tc.files)
			code, stdout, stderr := slant(t, dir, "", tc.args...)
			assert.Equal(t, exitUsage, code)
			assert.Equal(t, tc.stderr, stderr)
			if tc.stdout {
				assert.Contains(t, stdout, "b.md:1:5: warning check.labels: ", "the other files are still checked")
			} else {
				assert.Empty(t, stdout)
			}
		})
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(data)
}

// A file slant may not read is an input error, exit 2. Where the test runs with the power to
// read any file (as root, or with CAP_DAC_OVERRIDE), chmod 000 does not stop reading and the
// case cannot be made: the test says so and skips.
func TestCheckUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"news/secret.md": "The regime fell.\n", "news/open.md": "The thug ran.\n"})
	secret := filepath.Join(dir, "news", "secret.md")
	require.NoError(t, os.Chmod(secret, 0))
	t.Cleanup(func() { _ = os.Chmod(secret, 0o644) })
	if f, err := os.Open(secret); err == nil {
		f.Close()
		t.Skipf("this process can read a file with mode 000 (uid %d: root or CAP_DAC_OVERRIDE), so an unreadable file cannot be made; the permission-denied case is not tested here", os.Getuid())
	}
	code, stdout, stderr := slant(t, dir, "", "check", "--rubric", checkRubric(t), "news")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "slant: news/secret.md: permission denied\n", stderr)
	assert.Equal(t, "news/open.md:1:5: warning check.labels: Loaded label “thug”\n", stdout, "the readable file is still checked")
}

// An unreadable directory met while searching is an error too, exit 2; the rest is still
// searched and checked. (Skipped where chmod 000 does not stop this process: see
// TestCheckUnreadableDirectoryInjected for the same case everywhere.)
func TestCheckUnreadableDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"news/locked/a.md": "The regime fell.\n", "news/open.md": "The thug ran.\n"})
	locked := filepath.Join(dir, "news", "locked")
	require.NoError(t, os.Chmod(locked, 0))
	t.Cleanup(func() { _ = os.Chmod(locked, 0o755) })
	if _, err := os.ReadDir(locked); err == nil {
		t.Skipf("this process can list a directory with mode 000 (uid %d: root or CAP_DAC_OVERRIDE); the permission-denied case is not tested here", os.Getuid())
	}
	code, stdout, stderr := slant(t, dir, "", "check", "--rubric", checkRubric(t), "news")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "slant: news/locked: permission denied\n", stderr)
	assert.Equal(t, "news/open.md:1:5: warning check.labels: Loaded label “thug”\n", stdout, "the rest is still checked")
}

// The same, with the directory made unreadable by the walker's readDir: it runs as root too.
func TestCheckUnreadableDirectoryInjected(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"news/locked/a.md": "The regime fell.\n", "news/open.md": "The thug ran.\n", "news/z/c.md": "The thug ran.\n"})
	defer func(orig func(string) ([]os.DirEntry, error)) { readDir = orig }(readDir)
	readDir = func(name string) ([]os.DirEntry, error) {
		if filepath.Base(name) == "locked" {
			return nil, &os.PathError{Op: "open", Path: name, Err: os.ErrPermission}
		}
		return os.ReadDir(name)
	}
	code, stdout, stderr := slant(t, dir, "", "check", "--rubric", checkRubric(t), "news")
	assert.Equal(t, exitUsage, code, "exit 2 at the end, as for an unreadable file")
	assert.Equal(t, "slant: news/locked: permission denied\n", stderr)
	assert.Equal(t, "news/open.md:1:5: warning check.labels: Loaded label “thug”\nnews/z/c.md:1:5: warning check.labels: Loaded label “thug”\n", stdout, "the rest is still checked")

	// Nothing else to check: still exit 2.
	code, _, stderr = slant(t, dir, "", "check", "--rubric", checkRubric(t), "news/locked")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "slant: news/locked: permission denied\n")
}

// Many files are checked concurrently, and the output is in input order all the same.
func TestCheckOrder(t *testing.T) {
	rubric, dir := checkRubric(t), t.TempDir()
	files := map[string]string{}
	var want strings.Builder
	for i := range 200 {
		name := fmt.Sprintf("news/%03d.md", i)
		// Lengths vary, so that files finish out of order.
		files[name] = strings.Repeat("Nothing to see here. ", (i*37)%200) + "\n\nThe regime fell.\n"
		fmt.Fprintf(&want, "%s:3:5: warning check.labels: Loaded label “regime”\n", name)
	}
	writeFiles(t, dir, files)
	code, stdout, stderr := slant(t, dir, "", "check", "--rubric", rubric, "news")
	assert.Equal(t, exitOK, code)
	assert.Empty(t, stderr)
	assert.Equal(t, want.String(), stdout)

	// Every format, so that the race detector sees each one's work done concurrently.
	for _, format := range []string{"json", "sarif", "github", "markdown"} {
		code, stdout, stderr := slant(t, dir, "", "check", "--rubric", rubric, "--format", format, "news")
		assert.Equal(t, exitOK, code, format)
		assert.Empty(t, stderr, format)
		first, last := strings.Index(stdout, "news/000.md"), strings.LastIndex(stdout, "news/199.md")
		assert.True(t, first >= 0 && first < last, "%s: in input order", format)
	}
}

func TestUseColor(t *testing.T) {
	var buf bytes.Buffer
	assert.True(t, useColor("always", &buf))
	assert.False(t, useColor("never", &buf))
	assert.False(t, useColor("auto", &buf), "not a terminal")
	f, err := os.CreateTemp(t.TempDir(), "out")
	require.NoError(t, err)
	defer f.Close()
	assert.False(t, useColor("auto", f), "a file is not a terminal")
	t.Setenv("NO_COLOR", "1")
	assert.True(t, useColor("always", &buf), "--color always wins over NO_COLOR")
}

// A panic while rendering a file's result (here a missing rubric, as a bug would leave it)
// is that file's internal error, not a crash.
func TestCheckOneRecoversFromPanicInRendering(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "The regime fell.\n"})
	r, err := rubrics.Default()
	require.NoError(t, err)
	a, err := annotate.New(r)
	require.NoError(t, err)
	cmd := &checkCmd{Format: "markdown", InputFormat: "auto"}
	in := checkInput{name: "a.md", path: filepath.Join(dir, "a.md"), engine: &checkEngine{known: r, annotator: a, failOn: rubrics.Error}}
	markdown, err := render.FormatNamed("markdown")
	require.NoError(t, err)
	output, err := render.NewOutput(io.Discard, markdown.New(render.Options{}))
	require.NoError(t, err)
	res := cmd.checkOne(context.Background(), &environment{}, in, 0, nil, output)
	var ie *internalError
	require.ErrorAs(t, res.err, &ie)
	assert.Equal(t, "a.md", ie.name)
	assert.Nil(t, res.out)
}
