package readfile

import (
	"bytes"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Read and Into give what os.ReadFile gives, for sizes around the points where the buffer
// grows.
func TestReadMatchesOSReadFile(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, 511, 512, 513, 4095, 4096, 4097, 64<<10 - 1, 64 << 10, 64<<10 + 1, 300_000} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(rng.IntN(256))
		}
		path := filepath.Join(dir, "f")
		require.NoError(t, os.WriteFile(path, data, 0o644))
		want, err := os.ReadFile(path)
		require.NoError(t, err)

		got, err := Read(path)
		require.NoError(t, err, "size %d", size)
		assert.True(t, bytes.Equal(want, got), "Read, size %d", size)
		assert.NotNil(t, got, "an empty file reads as an empty slice, as with os.ReadFile")

		prefix := []byte("kept:")
		got, err = Into(path, prefix)
		require.NoError(t, err, "size %d", size)
		assert.Equal(t, "kept:", string(got[:5]), "Into appends")
		assert.True(t, bytes.Equal(want, got[5:]), "Into, size %d", size)

		got, err = Into(path, make([]byte, 0, 100))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "Into a small recycled buffer, size %d", size)
	}
}

// The errors name the operation and the path, as os.ReadFile's do.
func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.md")
	_, osErr := os.ReadFile(missing)
	_, err := Read(missing)
	require.Error(t, err)
	assert.True(t, errors.Is(err, fs.ErrNotExist))
	assert.Equal(t, osErr.Error(), err.Error())

	_, osErr = os.ReadFile(dir)
	_, err = Read(dir)
	require.Error(t, err)
	assert.Equal(t, osErr.Error(), err.Error(), "a directory")
	var pathErr *fs.PathError
	require.ErrorAs(t, err, &pathErr)
	assert.Equal(t, dir, pathErr.Path)

	buf, err := Into(missing, []byte("kept"))
	require.Error(t, err)
	assert.Equal(t, "kept", string(buf), "a failed Into leaves buf as it was")
}

// A file with no size to read ahead by, such as /dev/null or a pipe, reads to its end.
func TestReadUnsized(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skip("no", os.DevNull)
	}
	got, err := Read(os.DevNull)
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.NotNil(t, got)
}

func BenchmarkRead(b *testing.B) {
	path := filepath.Join(b.TempDir(), "article.txt")
	require.NoError(b, os.WriteFile(path, bytes.Repeat([]byte("A short article line.\n"), 250), 0o644))
	b.Run("os.ReadFile", func(b *testing.B) {
		for b.Loop() {
			if _, err := os.ReadFile(path); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Read", func(b *testing.B) {
		for b.Loop() {
			if _, err := Read(path); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Into", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			var err error
			if buf, err = Into(path, buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// A pipe has no size: it is read until a read returns nothing, however the writer splits
// what it writes.
func TestReadPipe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo")
	if err := mkfifo(path); err != nil {
		t.Skip("no named pipes here:", err)
	}
	want := bytes.Repeat([]byte("a line of an article\n"), 5000)
	for _, read := range []func(string) ([]byte, error){Read, func(p string) ([]byte, error) { return Into(p, nil) }} {
		done := make(chan error, 1)
		go func() {
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				done <- err
				return
			}
			for rest := want; len(rest) > 0; {
				n := min(len(rest), 7000)
				if _, err := f.Write(rest[:n]); err != nil {
					done <- err
					return
				}
				rest = rest[n:]
			}
			done <- f.Close()
		}()
		got, err := read(path)
		require.NoError(t, err)
		require.NoError(t, <-done)
		assert.True(t, bytes.Equal(want, got), "%d bytes read of %d", len(got), len(want))
	}
}
