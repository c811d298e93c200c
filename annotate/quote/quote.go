// Package quote finds quotations in English news prose: which stretches of a run of
// consecutive paragraphs are quoted speech or quoted phrases, and how they nest.
//
// It recognises straight double quotes ("), curly double quotes (“ ” and the low „),
// guillemets (« »), and single quotes (‘ ’ and the straight ') where they are quotation
// marks rather than apostrophes. Straight marks, which look the same at both ends, are
// opened or closed by their context; curly marks by their shape, unless the shape is
// impossible and the context is clear (a stray ” opening a quote, “ closing one).
//
// The rules, in short:
//
//   - A single quote between two letters or digits is an apostrophe (don't, Kata'ib, 5'11),
//     as are elisions at the start of a word ('90s, '05, 'tis, 'em, rock 'n' roll). A curly
//     ’ never opens a quotation. A closing-looking single quote with no single quotation open
//     is an apostrophe (Americans' plan). Inside an open single quotation, a mark after a
//     letter and before a space (the ministers’ plan) closes it only if no unambiguous
//     closing single quote follows before the next opening one, or before a mark that may
//     close an enclosing quotation.
//   - A closing mark closes the innermost open quotation of its family (double, guillemet,
//     single); quotations opened inside it and still open are dropped.
//   - Quotations still open at the end of a paragraph continue into the next paragraph when
//     that paragraph starts with an opening mark of the same family (the news convention
//     for quotes running over several paragraphs); otherwise they end at the end of their
//     paragraph, unclosed. Only the outermost open quotation can continue; inner ones are
//     dropped. An unclosed single-quoted passage confined to one paragraph is dropped too,
//     since it is far more often a misread apostrophe than a real quotation.
//
// The scan makes one pass over the bytes, jumping over everything that cannot start a
// quote mark; the look-ahead for ambiguous single quotes is cached so that it too reads
// each byte at most once. Beyond its result, Find allocates only scratch space that is
// pooled between calls.
package quote

import "sync"

// Kind tells whether a quotation is a full quoted statement or a short phrase quoted inside
// the writer's own sentence.
//
// A quotation is a Statement if it runs over several paragraphs, or has six words or
// more, or has three words or more and opens at the start of its paragraph or right after
// a sentence end, a colon or a dash. Otherwise it is a Phrase. Nested quotations are
// classified by the same rule.
type Kind int

const (
	// Statement is a full quoted statement: "We will not leave," she said.
	Statement Kind = iota
	// Phrase is a short quoted phrase inside the writer's sentence: the so-called "experts".
	Phrase
)

// String returns "Statement" or "Phrase".
func (k Kind) String() string {
	switch k {
	case Statement:
		return "Statement"
	case Phrase:
		return "Phrase"
	}
	return "Kind(?)"
}

// Part is the piece of a quotation inside one paragraph. Offsets are bytes into that
// paragraph's text.
type Part struct {
	Para                 int // index into the paras slice given to Find
	Start, End           int // outer span including the quote marks present in this paragraph
	InnerStart, InnerEnd int // the quoted words, without the marks
}

// Quote is one quotation. A quotation running over several paragraphs (news convention:
// each paragraph opens with a quote mark, only the last one closes) has one Part per
// paragraph.
//
// The inner span leaves out white space just inside the marks (« Ça suffit »). When a part
// has no closing mark (it continues into the next paragraph, or the quotation never
// closes), its End and InnerEnd are the end of the paragraph's text without trailing white
// space.
type Quote struct {
	Parts  []Part
	Open   rune // the opening mark: '"', '“', '‘', '\'' , '«' ...
	Closed bool // false when the quotation never closes (it then ends at the end of its last paragraph)
	Depth  int  // 0 for an outermost quotation, 1 for a quote inside a quote, ...
	Parent int  // index in the result of the enclosing quotation, or -1
	Kind   Kind
}

// Find returns the quotations in paras (consecutive paragraphs of prose, markup already
// removed), ordered by where they open.
func Find(paras []string) []Quote {
	s := scanners.Get().(*scanner)
	s.reset(paras)
	for pi := range paras {
		s.paragraph(pi)
	}
	s.finishPending()
	quotes := s.result()
	s.release()
	return quotes
}

// scanners recycles scanners, so that repeated calls on short articles reuse their stacks.
var scanners = sync.Pool{New: func() any { return new(scanner) }}

// maxPooledRecs bounds the scratch space kept between calls (64 bytes a record).
const maxPooledRecs = 1 << 17

// release clears s and returns it to the pool unless it grew too large.
func (s *scanner) release() {
	if cap(s.recs) > maxPooledRecs {
		return
	}
	s.recs = s.recs[:0]
	s.more = s.more[:0]
	s.stack = s.stack[:0]
	s.paras = nil
	s.text = ""
	scanners.Put(s)
}

// result builds the reported quotations from the scanner's records: dropped records are
// left out, parents are remapped to the nearest kept ancestor, and depths recomputed.
func (s *scanner) result() []Quote {
	kept, nparts := 0, 0
	for k := range s.recs {
		r := &s.recs[k]
		r.outParent = -1
		if r.parent >= 0 {
			r.outParent = s.recs[r.parent].out
		}
		if r.dropped {
			r.out = r.outParent // children of a dropped record attach to its kept ancestor
			continue
		}
		r.out = int32(kept)
		kept++
		nparts += 1 + int(r.more)
	}
	if kept == 0 {
		return nil
	}
	quotes := make([]Quote, 0, kept)
	parts := make([]Part, 0, nparts)
	more := s.more
	for k := range s.recs {
		r := &s.recs[k]
		extra := more[:r.more]
		more = more[r.more:]
		if r.dropped {
			continue
		}
		n := len(parts)
		parts = append(parts, r.first)
		parts = append(parts, extra...)
		depth := 0
		if r.outParent >= 0 {
			depth = quotes[r.outParent].Depth + 1
		}
		quotes = append(quotes, Quote{
			Parts:  parts[n:len(parts):len(parts)],
			Open:   r.open,
			Closed: r.closed,
			Depth:  depth,
			Parent: int(r.outParent),
			Kind:   s.kind(r),
		})
	}
	return quotes
}
