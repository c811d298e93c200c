package main

import (
	"errors"
	"fmt"

	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
)

// articleFlags are the flags about the article itself, beside its text.
type articleFlags struct {
	Published string `placeholder:"DATE" help:"The article's publication date (2020-01-07, or an RFC 3339 time), over the one its page or front matter gives: relative dates (\"on Sunday\") are resolved against it, and a page whose dates disagree with it is pointed out."`
}

// published returns the date --published gives, the zero Date without it.
func (f *articleFlags) published() (metadata.Date, error) {
	if f.Published == "" {
		return metadata.Date{}, nil
	}
	d, err := metadata.ParsePublished(f.Published)
	if err != nil {
		return metadata.Date{}, fmt.Errorf("--published: %w", err)
	}
	return d, nil
}

// readMetadata reads what doc says of itself when the output format shows it (nil when it
// does not), with the problems of malformed metadata, each at its line and column: the
// prose is read all the same, so they are warnings.
func readMetadata(doc *prose.Document, format render.Format, published metadata.Date) (*metadata.Metadata, []prose.InputError) {
	if !format.Metadata {
		return nil, nil
	}
	m, err := metadata.Read(doc, metadata.Options{Published: published})
	if err == nil {
		return m, nil
	}
	var problems []prose.InputError
	errs := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	}
	for _, e := range errs {
		var ie *prose.InputError
		if errors.As(e, &ie) {
			problems = append(problems, *ie)
			continue
		}
		problems = append(problems, prose.InputError{Name: doc.Name, Line: 1, Column: 1, Msg: e.Error()})
	}
	return m, problems
}
