package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/slant-news/slant/annotate"
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
	testHookAnnotate = func(doc *annotate.Document) {
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
