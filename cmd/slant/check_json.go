package main

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/slant-news/slant/annotate/render"
)

// `slant check --format json` is what `slant annotate --format json` writes, with three
// differences: a document lists its suppressed findings apart when asked for, the header's
// rubric names every rubric the files were checked under, and no documents are an empty
// array rather than null. It is written by hand, as render.JSON writes, byte for byte
// what encoding/json wrote before (TestCheckJSONWritesAsBefore).
//
// The header names the rubrics of every file checked, so it is written before the first
// document, and each document as soon as it is its turn, each as its worker rendered it,
// alone (render.AppendJSONDocumentObject): only the writer knows which comes first.

// checkJSON writes the output of `slant check --format json` document by document.
type checkJSON struct {
	w    *bufio.Writer // keeps the first write error
	head []byte
	n    int // documents written
}

func newCheckJSON(w io.Writer, rubric render.JSONRubric, version string) *checkJSON {
	return &checkJSON{w: bufio.NewWriterSize(w, 64<<10), head: render.AppendJSONHeadFor(nil, rubric, version)}
}

// add writes the next document.
func (j *checkJSON) add(doc []byte) {
	if j.n == 0 {
		j.w.Write(j.head)
	}
	var sep [8]byte
	j.w.Write(render.AppendJSONDocumentStart(sep[:0], j.n))
	j.w.Write(doc)
	j.n++
}

// close ends the output and flushes it, returning the first error met in writing; with no
// documents, it is an empty array (not null, as `slant annotate` writes). notChecked, when
// not empty, are the files the time limit left unchecked: a "not_checked" member after
// "documents" lists them, so that a program does not take the documents for all of them.
func (j *checkJSON) close(notChecked []string) error {
	if j.n == 0 {
		j.w.Write(j.head)
		j.w.WriteString("[]")
	} else {
		j.w.WriteString("\n  ]") // as render.AppendJSONTail ends the array
	}
	if len(notChecked) > 0 {
		names, err := json.Marshal(notChecked)
		if err != nil {
			return err
		}
		j.w.WriteString(",\n  \"not_checked\": ")
		j.w.Write(names)
	}
	j.w.WriteString("\n}\n")
	return j.w.Flush()
}

// checkJSONRubric is the header's rubric for documents checked under engines: the rubrics'
// names, sorted, each once, joined by "; ", and the files they were composed from, each
// once, in order of first use (nil for none).
func checkJSONRubric(engines []*checkEngine) render.JSONRubric {
	var (
		r     render.JSONRubric
		names []string
	)
	seen := map[render.JSONRubricID]bool{}
	for _, e := range engines {
		names = append(names, e.rubric.Name())
		for _, m := range e.rubric.Meta {
			if id := (render.JSONRubricID{Name: m.Name, Version: m.Version, Path: m.Path}); !seen[id] {
				seen[id] = true
				r.Files = append(r.Files, id)
			}
		}
	}
	slices.Sort(names)
	r.Name = strings.Join(slices.Compact(names), "; ")
	return r
}
