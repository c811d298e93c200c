package provenance

// This file keeps the attributions a document's analysis has made so far, and answers what
// the roles ask of them as the analysis goes on: whether a cue or a quotation lies in what was
// already reported, who spoke last, whose quotation an offset is in.

import "github.com/slant-news/slant/annotate/prose"

// attributionLog is the attributions of a document made so far, in the order they were made,
// with the speakers in the writer's voice and the quotations taken ahead of their paragraph.
type attributionLog struct {
	list []Attribution
	// contentEnds[k] is the greatest end of the contents of list[:k+1]: a search back through
	// list for a content holding an offset stops where it falls below the offset, so a long
	// document is not searched from every cue to its start.
	contentEnds      []int
	lastSpeaker      *Source  // the most recent speaker
	lastSpeakerBlock int      // the block it spoke in
	speakers         []spoken // every speaker in the writer's voice, in order
	// claimed lists the quotations a cue before a colon took from the paragraphs after its
	// own ("He said:" and then a quoted paragraph), so that no later block attributes them
	// again.
	claimed []*prose.Quote
	// steps counts the attributions the searches back through list visit (workcount).
	steps int
}

// spoken records where a source spoke, for quotations that carry on after it.
type spoken struct {
	source *Source
	cue    prose.Span
	block  int
}

// emptied returns a log for another document that keeps l's storage, without its references
// into the document before.
func (l *attributionLog) emptied() attributionLog {
	clear(l.list)
	clear(l.speakers)
	clear(l.claimed)
	return attributionLog{list: l.list[:0], contentEnds: l.contentEnds[:0], speakers: l.speakers[:0], claimed: l.claimed[:0]}
}

// add records an attribution.
func (l *attributionLog) add(at Attribution) {
	end := at.Content.End
	if n := len(l.contentEnds); n > 0 {
		end = max(end, l.contentEnds[n-1])
	}
	l.list = append(l.list, at)
	l.contentEnds = append(l.contentEnds, end)
}

// record keeps an attribution made in block and, unless it is inside quoted or reported
// speech, makes its source the most recent speaker.
func (l *attributionLog) record(at Attribution, quoted bool, block int) {
	l.add(at)
	if at.Source != nil && !quoted && !l.insideReport(at.Cue) {
		l.lastSpeaker, l.lastSpeakerBlock = at.Source, block
		l.speakers = append(l.speakers, spoken{at.Source, at.Cue, block})
	}
}

// insideReport reports whether a cue lies inside what an earlier attribution reports: "Esper
// noted that US officials want..." — the officials are Esper's report, not a new speaker.
func (l *attributionLog) insideReport(cue prose.Span) bool {
	for k := len(l.list) - 2; k >= 0 && l.contentEnds[k] >= cue.End; k-- {
		l.steps++
		c := l.list[k].Content
		if c.Start <= cue.Start && cue.End <= c.End {
			return true
		}
	}
	return false
}

// insideContent reports whether offset lies in what an attribution already reports: a
// quotation inside reported speech belongs to that report.
func (l *attributionLog) insideContent(offset int) bool {
	for k := len(l.list) - 1; k >= 0 && l.contentEnds[k] > offset; k-- {
		l.steps++
		if c := l.list[k].Content; c.Start <= offset && offset < c.End {
			return true
		}
	}
	return false
}

// speakerBefore returns the source of the last attribution in the writer's voice whose cue
// lies before offset, if it was in block minBlock or later.
func (l *attributionLog) speakerBefore(offset, minBlock int) (*Source, bool) {
	for k := len(l.speakers) - 1; k >= 0; k-- {
		sp := l.speakers[k]
		if sp.cue.Start >= offset {
			continue
		}
		return sp.source, sp.block >= minBlock
	}
	return nil, false
}

// directSpeakerAt returns the source of the quoted statement whose content holds offset, or
// nil.
func (l *attributionLog) directSpeakerAt(offset int) *Source {
	for k := len(l.list) - 1; k >= 0 && l.contentEnds[k] > offset; k-- {
		at := l.list[k]
		if at.Form == FormDirect && at.Source != nil && at.Content.Start <= offset && offset < at.Content.End {
			return at.Source
		}
	}
	return nil
}
