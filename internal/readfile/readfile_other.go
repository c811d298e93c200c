//go:build !unix

package readfile

import (
	"io"
	"os"
	"slices"
)

func read(name string, buf []byte, exact bool) ([]byte, error) {
	if exact && buf == nil {
		return os.ReadFile(name)
	}
	f, err := os.Open(name)
	if err != nil {
		return buf, err
	}
	defer f.Close()
	for {
		if cap(buf)-len(buf) < 512 {
			buf = slices.Grow(buf, 64<<10)
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}
