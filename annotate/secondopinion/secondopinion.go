// Package secondopinion asks a language model, through any OpenAI-compatible endpoint, for
// its own reading of an article and for a verdict on the rules' findings, and keeps only
// what it can check against the text.
//
// A review has two phases. First the model reads the article without seeing the rules'
// findings and reports spans in the rubric's own categories, with who is speaking where it
// sees it; slant then computes which rule findings the model flagged itself (same category,
// overlapping span). Second, only for the rule findings it did not flag, the model is asked
// to agree or dispute, with a one-sentence reason. Nothing the model says can remove or
// change a rule finding: a Result holds only the model's grounded findings and its verdicts,
// for the caller to show beside the rules' output.
//
// Every span the model names must be a verbatim quotation of the article (after folding
// typography and white space); anything else is dropped and counted. The article is sent as
// data between delimiters, as prose: without markup, HTML comments and hidden or
// bidirectional control characters (which are reported). Replies are requested as JSON with
// a strict schema and validated here, since servers may ignore the schema. Answers are
// cached on disk, keyed without the API key, which appears in no error, cache file or
// Result.
//
// To review a parsed document: its blocks' source spans are the Article's Paragraphs, the
// gaps between a block's source pieces its Markup, and CharRefs is set for HTML and
// Markdown; each rubric category becomes a Category whose Explain is the ShortExplanation of
// one of its rules; the rule findings give their rule, category and span. The Result's
// findings are the model's, to be marked as such; its verdicts go beside the rule findings
// they name; Stats.String is a summary line; and an *Error is a warning, not a failure of
// the rules' output.
package secondopinion

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Span is a half-open range [Start, End) of byte offsets into Article.Source.
type Span struct{ Start, End int }

// Overlaps reports whether s and t share at least one byte.
func (s Span) Overlaps(t Span) bool {
	return s.Start < t.End && t.Start < s.End && s.Start < s.End && t.Start < t.End
}

// Article is the text to review.
type Article struct {
	Name   string // for messages; never sent
	Source []byte // the document's bytes, as read; valid UTF-8
	// Paragraphs are the prose blocks in order (the first is taken as the headline), as
	// non-overlapping spans of Source. Only they are sent. Nil means paragraphs separated by
	// blank lines, as in plain text.
	Paragraphs []Span
	// Markup are byte ranges inside paragraphs that are not prose: tags, emphasis markers,
	// link destinations. Sorted and not overlapping. They are not sent, and the prose on
	// either side is joined as it stands ("res<em>cue</em>" is sent as "rescue"). HTML
	// comments need not be listed: they are never sent.
	Markup []Span
	// CharRefs says that the prose has HTML character references ("&rsquo;", "&#8217;"), as
	// HTML and Markdown do: the characters they stand for are sent and matched, and a
	// quotation grounds to the references' bytes.
	CharRefs bool
}

// Category is one of the rubric's categories, as the model is told of it.
type Category struct {
	Name    string // as in the rubric: "loaded-language"
	Explain string // a short form of the rubric's explanation, one or two sentences
}

// RuleFinding is a finding of the rubric's rules, for the model's verdict.
type RuleFinding struct {
	Rule     string // the rule's id: "framing.scare-quotes"
	Category string // the rule's category
	Span     Span   // the source bytes flagged
}

// Finding is one of the model's own findings, grounded in the article.
type Finding struct {
	Category  string // one of the categories given to Review
	Span      Span   // the source bytes the model quoted
	Text      string // Source[Span.Start:Span.End]
	Paragraph int    // index into Article.Paragraphs
	Reason    string // the model's one-sentence reason, cleaned of control characters
	// Speaker is who the model says is speaking in the span ("the mayor"), or "" for the
	// writer's own voice or when it does not say. It is the model's words.
	Speaker string
	// SpeakerSpan is where the article names the speaker, when Speaker is a quotation of the
	// article found as quotations are, but in any case (in the finding's paragraph if it is
	// there more than once); the zero Span otherwise.
	SpeakerSpan Span
}

// Basis says how a verdict came about.
type Basis string

// The bases of a verdict.
const (
	// BasisOwnReading: the model flagged an overlapping span in the same category in its
	// independent reading (Verdict.Match). Always an agreement.
	BasisOwnReading Basis = "own-reading"
	// BasisAsked: the model was shown the rule finding and asked.
	BasisAsked Basis = "asked"
)

// Verdict is the model's opinion of one rule finding.
type Verdict struct {
	Finding int    // index into the rule findings given to Review
	Agree   bool   // false: the model disputes the finding
	Reason  string // one sentence for a learner, cleaned as Finding.Reason
	Basis   Basis
	Match   int // with BasisOwnReading, the index into Result.Findings; else -1
}

// Hidden is an invisible character found in the paragraphs: a zero-width, bidirectional
// control, tag or other format character. It is not sent to the model.
type Hidden struct {
	Span Span   // the character's bytes in Article.Source
	Rune rune   // the character: U+202E RIGHT-TO-LEFT OVERRIDE is 0x202E
	Kind string // "bidi", "zero-width", "tag", "filler", "format" or "control"
}

// Stats says what a review cost and how much of it was kept.
type Stats struct {
	Model            string // as configured
	Host             string // the endpoint's host (and port), never credentials
	Requests         int    // HTTP requests sent, retries included
	PromptTokens     int    // as the endpoint reports them
	CompletionTokens int
	CacheHits        int // answers read from the cache instead of asked
	Dropped          int // answers not kept: findings not grounded or in no category of the rubric, invalid or missing verdicts
	Failures         int // questions (one request's worth, before retries) left without an answer
}

// String gives the summary line of a review: "model M at HOST: 3 requests (1 answer
// cached), 1200+300 tokens, 2 answers dropped, 0 failures".
func (s Stats) String() string {
	plural := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	return fmt.Sprintf("model %s at %s: %s (%s cached), %d+%d tokens, %s dropped, %s",
		s.Model, s.Host, plural(s.Requests, "request", "requests"), plural(s.CacheHits, "answer", "answers"),
		s.PromptTokens, s.CompletionTokens, plural(s.Dropped, "answer", "answers"), plural(s.Failures, "failure", "failures"))
}

// Result is what a review found. Findings are ordered by position; Verdicts by the index of
// the rule finding, at most one each.
type Result struct {
	Findings []Finding
	Verdicts []Verdict
	Hidden   []Hidden
	Stats    Stats
}

// Defaults for Config's zero fields.
const (
	DefaultBaseURL        = "https://api.openai.com/v1"
	DefaultModel          = "gpt-4o-mini" // a small hosted model; local servers need their own name
	DefaultTimeout        = 2 * time.Minute
	DefaultTotalTimeout   = 10 * time.Minute
	DefaultMaxConcurrent  = 2
	DefaultMaxRequests    = 100
	DefaultChunkTokens    = 1200
	DefaultMaxRetries     = 4
	DefaultMaxMalformed   = 2
	DefaultRetryBaseDelay = time.Second
	DefaultSeed           = 7
)

// Config says which endpoint to ask and how. Zero fields take the defaults above.
type Config struct {
	BaseURL string // the API root, with /v1 for most servers: "http://localhost:11434/v1"
	Model   string // the model's name at the endpoint: "gpt-4o-mini", "llama3.2"
	// APIKey is sent as a bearer token, and scrubbed from every message (when it has six
	// characters or more: a shorter one would garble them). It may be empty for any
	// endpoint but OpenAI's own.
	APIKey string

	Timeout       time.Duration // for one HTTP request
	TotalTimeout  time.Duration // for a whole review
	MaxConcurrent int           // requests in flight at once
	MaxRequests   int           // HTTP requests a review may send, retries included
	// ChunkTokens is about how many tokens (bytes/4) of article one request reports on; the
	// headline, two neighbouring paragraphs, the instructions (about 500 tokens) and the
	// answer come on top. The default leaves room within a 4096-token context, which local
	// servers often have by default and fill by silently dropping the prompt's start.
	ChunkTokens  int
	MaxRetries   int // retries of one request after a 429, a 5xx or a failed connection; -1 for none
	MaxMalformed int // retries of one request whose answer is not valid JSON; -1 for none
	// RetryBaseDelay is the first backoff; it doubles with each retry, with jitter, and a
	// Retry-After header longer than it is honoured.
	RetryBaseDelay time.Duration
	// Seed is sent with every request, so that servers that honour it answer a question
	// the same way each time; a question asked again after a malformed answer gets
	// Seed+1, Seed+2...
	Seed int

	CacheDir string // default: os.UserCacheDir()/slant/second-opinion
	NoCache  bool   // neither read nor write the cache

	// Sleep waits between retries; nil waits on a timer. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// ConfigFromEnv returns a Config from the usual environment variables: OPENAI_API_KEY and
// OPENAI_BASE_URL (default DefaultBaseURL). The model is DefaultModel; set Model for
// another, as a local server needs.
func ConfigFromEnv() Config {
	return Config{
		BaseURL: strings.TrimSpace(os.Getenv("OPENAI_BASE_URL")),
		APIKey:  strings.TrimSpace(os.Getenv("OPENAI_API_KEY")),
	}
}

// ErrNoEndpoint is the error (wrapped) for a Config that names no usable endpoint.
var ErrNoEndpoint = errors.New("no usable second-opinion endpoint")

// withDefaults fills zero fields.
func (c Config) withDefaults() Config {
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	if c.Model == "" {
		c.Model = DefaultModel
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.MaxConcurrent, DefaultMaxConcurrent)
	def(&c.MaxRequests, DefaultMaxRequests)
	def(&c.ChunkTokens, DefaultChunkTokens)
	if c.MaxRetries == 0 {
		c.MaxRetries = DefaultMaxRetries
	}
	c.MaxRetries = max(c.MaxRetries, 0)
	if c.MaxMalformed == 0 {
		c.MaxMalformed = DefaultMaxMalformed
	}
	c.MaxMalformed = max(c.MaxMalformed, 0)
	if c.Seed == 0 {
		c.Seed = DefaultSeed
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.TotalTimeout <= 0 {
		c.TotalTimeout = DefaultTotalTimeout
	}
	if c.RetryBaseDelay <= 0 {
		c.RetryBaseDelay = DefaultRetryBaseDelay
	}
	return c
}

// endpoint checks the base URL and returns it parsed.
func (c Config) endpoint() (*url.URL, error) {
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		// url.Parse's error quotes the URL, which may hold credentials: say it in our words.
		return nil, fmt.Errorf("%w: base URL %q is not an http(s) URL with a host", ErrNoEndpoint, redactURL(c.BaseURL))
	}
	if c.APIKey == "" && strings.EqualFold(u.Hostname(), "api.openai.com") {
		return nil, fmt.Errorf("%w: %s needs an API key (set OPENAI_API_KEY), or set OPENAI_BASE_URL to a local server", ErrNoEndpoint, u.Hostname())
	}
	return u, nil
}

// defaultCacheDir returns the cache directory under the user's cache directory.
func defaultCacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("second-opinion cache: %w", err)
	}
	return filepath.Join(dir, "slant", "second-opinion"), nil
}
