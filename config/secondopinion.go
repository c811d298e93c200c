package config

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/slant-news/slant/internal/tomlpos"
)

// SecondOpinion is the [second_opinion] table of a config: which language model slant asks
// for a second opinion, and how. Flags override it; the environment (OPENAI_BASE_URL) fills
// what neither gives. The API key is never read from a config file, which is usually
// committed: it comes from OPENAI_API_KEY.
//
//	[second_opinion]
//	enabled = true                          # ask on every run, as --second-opinion does
//	base_url = "http://localhost:11434/v1"  # any OpenAI-compatible endpoint
//	model = "qwen2.5:7b"
//	max_requests = 50                       # HTTP requests a run may send, retries included
//	max_concurrent = 2                      # requests in flight at once
//	chunk_tokens = 1200                     # article text per request, in tokens (about 4 bytes)
//	timeout = "2m"                          # for one request
//	total_timeout = "10m"                   # for a document's whole review
//	no_cache = false                        # true: neither read nor write cached answers
//	required = false                        # true: an endpoint that fails fails the run (exit 2)
//	fail_on_findings = false                # true: slant check fails (exit 1) on the model's findings
type SecondOpinion struct {
	Enabled        bool   `toml:"enabled"`
	BaseURL        string `toml:"base_url"`
	Model          string `toml:"model"`
	MaxRequests    int    `toml:"max_requests"`
	MaxConcurrent  int    `toml:"max_concurrent"`
	ChunkTokens    int    `toml:"chunk_tokens"`
	Timeout        string `toml:"timeout"`
	TotalTimeout   string `toml:"total_timeout"`
	NoCache        bool   `toml:"no_cache"`
	Required       bool   `toml:"required"`
	FailOnFindings bool   `toml:"fail_on_findings"`
	// APIKey is here only to say, at its line, that a key does not belong in the file.
	APIKey *string `toml:"api_key"`

	timeout, totalTimeout time.Duration
}

// RequestTimeout returns the timeout for one request; 0 when the config sets none.
func (s *SecondOpinion) RequestTimeout() time.Duration {
	if s == nil {
		return 0
	}
	return s.timeout
}

// ReviewTimeout returns the timeout for a document's whole review; 0 when the config sets
// none.
func (s *SecondOpinion) ReviewTimeout() time.Duration {
	if s == nil {
		return 0
	}
	return s.totalTimeout
}

// check checks the table's values; c is the config, for positions.
func (s *SecondOpinion) check(c *Config) error {
	if s == nil {
		return nil
	}
	const k = "second_opinion."
	if s.APIKey != nil {
		// The value is not repeated: it may be a real key.
		return c.errorAt(k+"api_key", "second_opinion.api_key: a config file is no place for an API key (it is usually committed); set OPENAI_API_KEY instead")
	}
	if s.BaseURL != "" {
		u, err := url.Parse(s.BaseURL)
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			return c.errorAt(k+"base_url", "second_opinion.base_url: want an http or https URL with a host, such as \"http://localhost:11434/v1\"")
		case u.User != nil || u.RawQuery != "":
			return c.errorAt(k+"base_url", "second_opinion.base_url: no credentials or query in a config file (it is usually committed); set OPENAI_API_KEY")
		}
	}
	for _, n := range []struct {
		key string
		v   int
	}{{"max_requests", s.MaxRequests}, {"max_concurrent", s.MaxConcurrent}, {"chunk_tokens", s.ChunkTokens}} {
		if n.v < 0 {
			return c.errorAt(k+n.key, "second_opinion.%s %d (want a positive number; leave it out for the default)", n.key, n.v)
		}
	}
	for _, d := range []struct {
		key, v string
		to     *time.Duration
	}{{"timeout", s.Timeout, &s.timeout}, {"total_timeout", s.TotalTimeout, &s.totalTimeout}} {
		if d.v == "" {
			continue
		}
		v, err := time.ParseDuration(d.v)
		if err != nil || v <= 0 {
			return c.errorAt(k+d.key, "second_opinion.%s %q (want a positive duration such as \"30s\" or \"2m\")", d.key, d.v)
		}
		*d.to = v
	}
	return nil
}

// secondOpinionKeys is the hint for an unknown key of the [second_opinion] table.
const secondOpinionKeys = "(want enabled, base_url, model, max_requests, max_concurrent, chunk_tokens, timeout, total_timeout, no_cache, required or fail_on_findings)"

// secondOpinionHint gives an unknown key of [second_opinion] the table's own keys as its hint.
func secondOpinionHint(err error) error {
	var te *tomlpos.Error
	if errors.As(err, &te) && strings.HasPrefix(te.Msg, `unknown key "second_opinion.`) {
		e := *te
		e.Msg = strings.Replace(e.Msg, wording.Hint, secondOpinionKeys, 1)
		return &e
	}
	return err
}
