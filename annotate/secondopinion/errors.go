package secondopinion

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is what Review returns when some questions went unanswered: the Result beside it
// holds everything that was answered, and a caller may show the error as a warning.
// Failures == Questions when nothing was answered.
type Error struct {
	Failures  int // questions without an answer
	Questions int // questions asked in all
	Err       error
}

// Error gives a one-line summary and the first failure.
func (e *Error) Error() string {
	return fmt.Sprintf("second opinion: %d of %d questions failed: %v", e.Failures, e.Questions, e.Err)
}

// Unwrap returns the first failure.
func (e *Error) Unwrap() error { return e.Err }

// errMalformed marks answers that are not the JSON asked for.
var errMalformed = errors.New("answer is not the JSON asked for")

// ErrBudget is the error (wrapped) for a question not asked because the review had sent
// Config.MaxRequests requests.
var ErrBudget = errors.New("request budget spent")

// httpError is a failed request, its message cleaned of credentials. It does not wrap the
// error go-openai gave, whose text may hold the request URL or an echo of the request.
type httpError struct {
	url     string // the endpoint, credentials left out
	status  int    // HTTP status, or 0 when no response came
	network bool   // no response came: the connection failed
	msg     string // scrubbed
}

func (e *httpError) Error() string {
	if e.status == 0 || e.status == 200 {
		return e.url + ": " + e.msg
	}
	return fmt.Sprintf("%s: HTTP %d: %s", e.url, e.status, e.msg)
}

// fatal reports whether every later request would fail the same way: the key is refused,
// or the model or the path does not exist.
func (e *httpError) fatal() bool {
	return e.status == 401 || e.status == 403 || e.status == 404
}

// retryable reports whether the request may succeed if sent again: too many requests, a
// server error (but not 501 or 505, which say the request will never work), or a failed connection (but not a timeout: a request that took too long
// once will take too long again; nor a request go-openai refused to send).
func (e *httpError) retryable() bool {
	return e.status == 429 || e.status >= 500 && e.status != 501 && e.status != 505 || e.network
}

// rejectsFormat reports whether the server refused the response_format field.
func (e *httpError) rejectsFormat() bool {
	if e.status != 400 && e.status != 422 && e.status != 501 {
		return false
	}
	m := strings.ToLower(e.msg)
	for _, w := range []string{"response_format", "response format", "json_schema", "schema"} {
		if strings.Contains(m, w) {
			return true
		}
	}
	return false
}

// scrubber removes secrets from text: the API key, and the password, user name and query of
// the base URL.
type scrubber struct{ secrets []string }

func newScrubber(cfg Config) scrubber {
	var s scrubber
	if len(cfg.APIKey) >= 6 {
		s.secrets = append(s.secrets, cfg.APIKey)
	}
	if u, err := url.Parse(cfg.BaseURL); err == nil {
		if p, ok := u.User.Password(); ok && p != "" {
			s.secrets = append(s.secrets, p, url.QueryEscape(p), url.PathEscape(p))
		}
		if n := u.User.Username(); len(n) >= 6 {
			s.secrets = append(s.secrets, n)
		}
		for _, vs := range u.Query() {
			for _, v := range vs {
				if len(v) >= 6 {
					s.secrets = append(s.secrets, v, url.QueryEscape(v))
				}
			}
		}
	}
	return s
}

func (s scrubber) scrub(text string) string {
	for _, secret := range s.secrets {
		text = strings.ReplaceAll(text, secret, "[redacted]")
	}
	return text
}

// redactURL returns a URL without its user information and query, for messages.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	u.RawQuery = ""
	u.Fragment = ""
	return u.String()
}

// cleanText makes the model's free text safe to show: control, format and bidirectional
// characters removed (a terminal or a page must not be steered by them), white space
// collapsed, secrets scrubbed, and at most max characters.
func cleanText(s string, max int, sc scrubber) string {
	s = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || hiddenKind(r) != "" || unicode.Is(unicode.Cf, r) || unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	s = sc.scrub(oneLine(s))
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max-1]) + "…"
	}
	return s
}

// contextError turns a context's end into an error that says which.
func contextError(ctx context.Context, what string) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s: review timed out: %w", what, ctx.Err())
	}
	return fmt.Errorf("%s: %w", what, ctx.Err())
}
