//go:build unix

package readfile

import (
	"io/fs"
	"slices"
	"syscall"
)

// read reads the file into buf. With sized, the file's size (from fstat) decides the room
// made for it, one byte more so that the read that finds the end needs no growing; without,
// buf grows in large pieces.
func read(name string, buf []byte, sized bool) ([]byte, error) {
	fd, err := open(name)
	if err != nil {
		return buf, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	if sized {
		var st syscall.Stat_t
		if err := syscall.Fstat(fd, &st); err == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG && st.Size > 0 && st.Size < 1<<40 {
			buf = slices.Grow(buf, int(st.Size)+1)
		}
	}
	for {
		if cap(buf)-len(buf) < 512 {
			grow := 64 << 10 // large pieces, not the few bytes append would add
			if sized {
				grow = max(512, len(buf)) // the file grew since fstat, or has no size (a pipe)
			}
			buf = slices.Grow(buf, grow)
		}
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
