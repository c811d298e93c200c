// Package readfile reads whole files with fewer system calls than os.ReadFile.
//
// slant reads every input twice (once to check it, once to annotate it), and a corpus of
// thousands of short articles spends a fifth of its time opening and reading files. On Unix,
// os.Open registers every file with the runtime's poller and queries its flags, two system
// calls that a regular file read once from start to end does not need; this package calls
// open, fstat, read and close directly. Elsewhere it falls back to package os.
//
// The errors are the ones os.ReadFile gives: an *fs.PathError naming the operation ("open"
// or "read") and the path.
package readfile

// Read returns the contents of the named file in a new slice of the file's size.
func Read(name string) ([]byte, error) {
	return read(name, nil, true)
}

// Into appends the contents of the named file to buf, growing it as needed, and returns the
// extended slice: a caller that recycles buf reads many files without allocating. On error the
// returned slice holds what was read before it.
func Into(name string, buf []byte) ([]byte, error) {
	return read(name, buf, false)
}
