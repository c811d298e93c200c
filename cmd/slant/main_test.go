package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"slant": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
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
		},
	})
}
