// Package annotate is slant's rule engine: an Annotator runs a rubric's rules over a
// document read by package prose and gives, for each document, a Result: the findings, each
// pointing at exact bytes of the source, and the provenance of what the document reports
// (who said what, typed as named, anonymous or vague).
//
// The source bytes are never changed. Everything refers to them by half-open byte ranges;
// lines and columns are computed only for display.
package annotate
