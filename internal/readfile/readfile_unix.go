//go:build unix

package readfile

import (
	"io/fs"
	"slices"
	"syscall"
)

// read reads the file into buf. The file's size (from fstat) decides the room made for it,
// one byte more, so that a read returning less than asked for and ending where the size said
// shows the end: the last read, which would return nothing, is saved (it cost a quarter of
// the time of reading a short article). A file with no size (a pipe, /dev/stdin) or one that
// grows meanwhile is read until a read returns nothing. Read (exact) allocates no more
// than that; Into (recycled buffers) grows in large pieces.
func read(name string, buf []byte, exact bool) ([]byte, error) {
	fd, err := open(name)
	if err != nil {
		return buf, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	want := -1 // the length the file's size promises, if it is a regular file
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG && st.Size > 0 && st.Size < 1<<40 {
		buf = slices.Grow(buf, int(st.Size)+1)
		want = len(buf) + int(st.Size)
	}
	for {
		if cap(buf)-len(buf) < 512 {
			grow := 64 << 10 // large pieces, not the few bytes append would add
			if exact {
				grow = max(512, len(buf))
			}
			buf = slices.Grow(buf, grow)
		}
		room := cap(buf) - len(buf)
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return buf, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n <= 0 {
			if buf == nil {
				buf = []byte{}
			}
			return buf, nil
		}
		buf = buf[:len(buf)+n]
		if len(buf) == want && n < room {
			return buf, nil // the end, where the size said
		}
	}
}

func open(name string) (int, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
