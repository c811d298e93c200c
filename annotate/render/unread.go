package render

import (
	"bytes"
	"fmt"

	"github.com/slant-news/slant/annotate/prose"
)

// Unread says why slant read nothing, or next to nothing, of a document as prose, or ""
// when it read it. A document slant cannot read must not pass for one with nothing to
// flag: `slant annotate` and `slant check` warn about it, and JSON marks it "no_prose".
//
// A document has no prose to check when
//   - it is empty, or only white space;
//   - no prose block was found in it: a Markdown file that is all code blocks (text copied
//     from a web page, indented by four spaces, is one code block), an HTML page whose
//     paragraphs are all in scripts, forms or navigation;
//   - it is Markdown of at least 1 KB besides its prose, of which less than a tenth of
//     the bytes that are not white space are prose: mostly code blocks, HTML or front
//     matter. (An HTML page is often mostly markup around a short story: only the first
//     two cases apply to HTML.)
func Unread(doc *prose.Document) string {
	content := len(doc.Source) - countSpace(doc.Source)
	if content == 0 {
		return "empty: nothing to check"
	}
	proseBytes := 0
	for i := range doc.Blocks {
		proseBytes += len(doc.Blocks[i].Text)
	}
	if proseBytes == 0 {
		switch doc.Format {
		case prose.FormatMarkdown:
			return "no prose to check: all of it is code, HTML or other markup (in Markdown, lines indented by four spaces are a code block)"
		case prose.FormatHTML:
			return "no prose to check: the page has no paragraphs, headings, list items or other text slant reads outside scripts, forms and navigation"
		}
		return "no prose to check"
	}
	if doc.Format == prose.FormatMarkdown && proseBytes*10 < content && content-proseBytes >= 1024 {
		return fmt.Sprintf("next to no prose to check: %d of its %d bytes are prose, the rest code, HTML or other markup (in Markdown, lines indented by four spaces are a code block)", proseBytes, len(doc.Source))
	}
	return ""
}

// countSpace counts the ASCII white space bytes of p.
func countSpace(p []byte) int {
	n := 0
	for _, c := range []byte(" \t\n\r\f\v") {
		n += bytes.Count(p, []byte{c})
	}
	return n
}
