package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"slant": func() {
			panicOn(os.Getenv("SLANT_TEST_PANIC"))
			os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// panicOn makes the engine panic on every document whose source contains marker, as a bug
// in it would (no effect for ""): the scripts set SLANT_TEST_PANIC to test what slant does
// then.
func panicOn(marker string) {
	if marker == "" {
		testHookAnnotate = nil
		return
	}
	testHookAnnotate = func(doc *prose.Document) {
		if strings.Contains(string(doc.Source), marker) {
			panic("injected by SLANT_TEST_PANIC")
		}
	}
}

// TestScripts runs the end-to-end CLI scripts in testdata/script: each is a txtar archive of
// commands, expected output and the files they use.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "../../testdata/script",
		Setup: func(env *testscript.Env) error {
			dir, err := filepath.Abs("../../testdata")
			env.Setenv("TESTDATA", dir)
			return err
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// mkbinary BIN LATIN1 writes a file with a NUL byte and one with invalid UTF-8.
			"mkbinary": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: mkbinary BIN LATIN1")
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte("abc\x00def\n"), 0o644))
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte("fine\ncaf\xe9\n"), 0o644))
			},
			// mkencoded writes text in encodings other than UTF-8: utf16bom.txt (UTF-16LE with
			// a byte order mark), utf16be.md (UTF-16BE without one) and cp1252.html (a
			// windows-1252 page that declares its charset).
			"mkencoded": func(ts *testscript.TestScript, neg bool, args []string) {
				utf16 := func(s string, big bool) []byte {
					var b []byte
					for _, r := range s {
						if big {
							b = append(b, byte(r>>8), byte(r))
						} else {
							b = append(b, byte(r), byte(r>>8))
						}
					}
					return b
				}
				ts.Check(os.WriteFile(ts.MkAbs("utf16bom.txt"), append([]byte{0xFF, 0xFE}, utf16("The regime fell.\n", false)...), 0o644))
				ts.Check(os.WriteFile(ts.MkAbs("utf16be.md"), utf16("The regime fell.\n", true), 0o644))
				page := "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head>\n<body><p>The caf\xe9 fell.</p></body></html>\n"
				ts.Check(os.WriteFile(ts.MkAbs("cp1252.html"), []byte(page), 0o644))
				ts.Check(os.WriteFile(ts.MkAbs("meta.html"), []byte(strings.Replace(page, `http-equiv="Content-Type" content="text/html; charset=windows-1252"`, `charset="ISO-8859-1"`, 1)), 0o644))
			},
			// mkbig FILE MB writes MB megabytes of news prose, a paragraph at a time.
			"mkbig": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: mkbig FILE MB")
				}
				mb, err := strconv.Atoi(args[1])
				ts.Check(err)
				para := "Critics say the so-called \"rescue plan\" hands the harbour to a company, and it is believed that two councillors stayed away last week.\n\n"
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Repeat(para, mb<<20/len(para)+1)), 0o644))
			},
		},
	})
}

// Every output format of render's registry is reachable from both commands, with the same
// bytes for the same run: a new format needs no change to the command line.
func TestEveryFormatFromBothCommands(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md": "The regime's thugs, critics say, clearly lied.\n",
		"b.md": "The so-called \"experts\" were wrong.\n",
	})
	for _, name := range render.FormatNames() {
		code, annotated, stderr := slant(t, dir, "", "annotate", "--no-config", "--format", name, "a.md", "b.md")
		require.Equal(t, 0, code, "%s: %s", name, stderr)
		assert.Contains(t, annotated, "thugs", name)
		code, checked, stderr := slant(t, dir, "", "check", "--no-config", "--format", name, "a.md", "b.md")
		require.Contains(t, []int{0, 1}, code, "%s: %s", name, stderr)
		if name != "markdown" && name != "json" { // check's Markdown and JSON leave the sources out
			assert.Equal(t, annotated, checked, name)
		}
	}
}
