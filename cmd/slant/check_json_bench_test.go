//go:build unix

package main

import (
	"io"
	"strings"
	"testing"
	"time"
)

// BenchmarkCheckDirJSON is BenchmarkCheckDir with --format json, whose output is several
// times the size of the input:
//
//	go test -run '^$' -bench CheckDir -cpu 1 ./cmd/slant
func BenchmarkCheckDirJSON(b *testing.B) {
	dir := b.TempDir()
	bytes := writeBenchArticles(b, dir, 1000)
	args := []string{"check", "--no-config", "--fail-on", "error", "--format", "json", dir}
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
