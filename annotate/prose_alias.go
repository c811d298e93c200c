package annotate

import "github.com/slant-news/slant/annotate/prose"

// The document model lives in package prose; these names keep the engine's code reading as
// it did while the rule kinds move into their own files.
type (
	Document   = prose.Document
	Block      = prose.Block
	Span       = prose.Span
	Quote      = prose.Quote
	Format     = prose.Format
	InputError = prose.InputError
)
