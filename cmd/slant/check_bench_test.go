//go:build unix

package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// benchSentences are the pieces generated articles are made of: plain reporting, and
// sentences that the default rubric flags (loaded labels, scare quotes, vague and anonymous
// sources, hedges, relative dates).
var benchSentences = []string{
	"The council voted on Tuesday to sell the harbour warehouse to a developer from the capital.",
	"The so-called \"rescue plan\" was drawn up by the mayor's office last week.",
	"Critics say it hands the waterfront to a company with no ties to the town.",
	"It is believed that two councillors stayed away from the vote in protest.",
	"A senior council official told reporters the sale would close before the summer.",
	"\"We will keep the jobs here,\" said Jane Roe, a spokeswoman for the developer.",
	"The regime in the town hall has clearly lost touch with the people it serves.",
	"Residents packed the meeting, and some perhaps left before the final vote.",
	"According to sources close to the mayor, the price was agreed months ago.",
	"The harbour has employed fishermen and boat builders for more than two centuries.",
	"Mark Esper, the county's planning chief, said the plans would be published in full.",
	"Shocking scenes followed as thugs smashed the windows of the harbour office.",
}

// writeBenchArticles writes n articles of 8 to 16 paragraphs into dir, the same every run.
func writeBenchArticles(b *testing.B, dir string, n int) int64 {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	var total int64
	for i := range n {
		var sb strings.Builder
		fmt.Fprintf(&sb, "# Harbour report %d\n\n", i)
		for range 8 + rng.IntN(9) {
			for range 2 + rng.IntN(3) {
				sb.WriteString(benchSentences[rng.IntN(len(benchSentences))])
				sb.WriteByte(' ')
			}
			sb.WriteString("\n\n")
		}
		name := filepath.Join(dir, fmt.Sprintf("%02d", i%20), fmt.Sprintf("article-%04d.md", i))
		require.NoError(b, os.MkdirAll(filepath.Dir(name), 0o755))
		require.NoError(b, os.WriteFile(name, []byte(sb.String()), 0o644))
		total += int64(sb.Len())
	}
	return total
}

// BenchmarkCheckDir checks a directory of 1,000 generated articles with the default rubric,
// as `slant check DIR` does. Compare one core with two:
//
//	go test -run '^$' -bench CheckDir -cpu 1,2 ./cmd/slant
//
// ns/op is the wall time of one check of the whole directory; "cores" is the process's CPU
// time (user + system) over that wall time, which is about 1 when slant uses one core and
// close to 2 when it keeps both busy.
func BenchmarkCheckDir(b *testing.B) { benchmarkCheckDir(b) }

// BenchmarkCheckDirJSON is BenchmarkCheckDir with --format json, whose output is several
// times the size of the input.
func BenchmarkCheckDirJSON(b *testing.B) { benchmarkCheckDir(b, "--format", "json") }

// benchmarkCheckDir runs slant check with the extra flags on 1,000 generated articles.
func benchmarkCheckDir(b *testing.B, flags ...string) {
	dir := b.TempDir()
	bytes := writeBenchArticles(b, dir, 1000)
	args := append(append([]string{"check", "--no-config", "--fail-on", "error"}, flags...), dir)
	b.SetBytes(bytes)
	b.ResetTimer()
	cpu0, start := cpuTime(b), time.Now()
	for b.Loop() {
		if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code == exitUsage {
			b.Fatalf("slant check exited %d", code)
		}
	}
	wall := time.Since(start)
	b.ReportMetric((cpuTime(b)-cpu0).Seconds()/wall.Seconds(), "cores")
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	require.NoError(b, syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
