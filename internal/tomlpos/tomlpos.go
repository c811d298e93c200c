// Package tomlpos decodes TOML strictly and says where things are in the document, so that
// a mistake found while decoding, or in a check made after it, is an error naming
// file:line:col: Decode turns go-toml's errors into such errors, and the Index it returns
// gives the place of any key. Lines and columns count from 1; columns count characters, not
// bytes.
package tomlpos

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Position is a place in a file. Package rubrics exports it as rubrics.Position.
type Position struct {
	File         string
	Line, Column int
}

// String gives "file:line:col".
func (p Position) String() string {
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Error is an error at a place in a file. Package rubrics exports it as
// rubrics.PositionError, the type its users and config's find with errors.As.
type Error struct {
	Pos Position
	Msg string
}

// Error gives "file:line:col: message", on one line.
func (e *Error) Error() string {
	return e.Pos.String() + ": " + e.Msg
}

// At returns the position of byte offset off of data, the contents of file. An offset past
// the end is taken as the end.
func At(file string, data []byte, off int) Position {
	l := newLines(file, data)
	return l.at(off)
}

// lines converts byte offsets of a document to positions by binary search over the offsets
// where its lines start.
type lines struct {
	file   string
	data   []byte
	starts []int // byte offset where each line starts; starts[0] is 0

	// The last offset converted and its position. Offsets are mostly asked for in document
	// order, so the column of the next one on the same line is counted on from there: a line
	// of 10,000 array elements is read once, not once an element.
	last    int
	lastPos Position
}

func newLines(file string, data []byte) *lines {
	l := &lines{file: file, data: data, starts: []int{0}, lastPos: Position{File: file, Line: 1, Column: 1}}
	for i, c := range data {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

func (l *lines) at(off int) Position {
	off = max(0, min(off, len(l.data)))
	line := l.lastPos.Line
	if off < l.last || (line < len(l.starts) && off >= l.starts[line]) {
		line = sort.SearchInts(l.starts, off+1) // the lines starting at or before off
		l.last, l.lastPos = l.starts[line-1], Position{File: l.file, Line: line, Column: 1}
	}
	l.lastPos.Column += utf8.RuneCount(l.data[l.last:off])
	l.last = off
	return l.lastPos
}

// offset returns the byte offset of a line and a column counted in bytes, as go-toml gives
// them, clamped to the document.
func (l *lines) offset(line, byteCol int) int {
	line = max(1, min(line, len(l.starts)))
	return max(0, min(l.starts[line-1]+byteCol-1, len(l.data)))
}
