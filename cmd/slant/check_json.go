package main

import (
	"bufio"
	"io"
	"slices"
	"strings"

	"github.com/slant-news/slant/annotate/render"
)

// `slant check --format json` is what `slant annotate --format json` writes, with three
// differences: a document lists its suppressed findings apart when asked for, the header's
// rubric names every rubric the documents were checked under, and no documents are an
// empty array rather than null. It is written by hand, as render.JSON writes, byte for byte
// what encoding/json wrote before (TestCheckJSONWritesAsBefore).
//
// The header is known only at the end (the rubric of files that all failed is left out),
// so the documents are kept until then, each as its worker rendered it, alone
// (render.AppendJSONDocumentObject): only the writer knows which comes first.

// checkJSON keeps the documents of `slant check --format json` until they are written.
type checkJSON struct {
	docs [][]byte // each an object as render.AppendJSONDocumentObject appends it
}

// add keeps the next document.
func (j *checkJSON) add(doc []byte) { j.docs = append(j.docs, doc) }

// write writes the whole output: the header, the documents, and the end; with no
// documents, an empty array (not null, as `slant annotate` writes).
func (j *checkJSON) write(w io.Writer, rubric render.JSONRubric, version string) error {
	bw := bufio.NewWriterSize(w, 64<<10) // keeps the first error for Flush
	bw.Write(render.AppendJSONHeadFor(nil, rubric, version))
	var sep [8]byte
	for i, d := range j.docs {
		bw.Write(render.AppendJSONDocumentStart(sep[:0], i))
		bw.Write(d)
	}
	if len(j.docs) == 0 {
		bw.WriteString("[]\n}\n")
	} else {
		bw.Write(render.AppendJSONTail(sep[:0], len(j.docs)))
	}
	return bw.Flush()
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
