package secondopinion

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// This file is the test endpoint: an httptest server that plays an OpenAI-compatible chat
// completions API, and records what it was sent. No test reaches the network.

// fakeKey is an API key no test output may contain.
const fakeKey = "sk-test-DISTINCTIVE-a1b2c3d4e5f6"

// sentRequest is one request as the server received it.
type sentRequest struct {
	Body   []byte
	Auth   string
	Parsed struct {
		Model          string          `json:"model"`
		Temperature    *float64        `json:"temperature"`
		Seed           *int            `json:"seed"`
		ResponseFormat json.RawMessage `json:"response_format"`
		Messages       []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
	}
}

func (s *sentRequest) system() string { return s.Parsed.Messages[0].Content }
func (s *sentRequest) user() string   { return s.Parsed.Messages[1].Content }

// phase tells which question a request asks, from its instructions.
func (s *sentRequest) phase() Phase {
	if strings.Contains(s.system(), `{"verdicts"`) {
		return PhaseVerdicts
	}
	return PhaseReading
}

// findingsAsked returns the [Fn] lines of a verdict request, by number.
var findingLine = regexp.MustCompile(`(?m)^\[F(\d+)\] P(\d+), rule (\S+), category (\S+): (.*)$`)

type askedFinding struct {
	id        int
	rule, txt string
}

func (s *sentRequest) findingsAsked() []askedFinding {
	var out []askedFinding
	for _, m := range findingLine.FindAllStringSubmatch(s.user(), -1) {
		id, _ := strconv.Atoi(m[1])
		out = append(out, askedFinding{id: id, rule: m[3], txt: m[5]})
	}
	return out
}

// answer is what the fake endpoint does with one request: a status, headers and a body. A
// nil answer means reply with content. hang waits for the client to give up.
type answer struct {
	status  int
	header  map[string]string
	body    string
	content string // the model's message, wrapped in a chat completion
	hang    bool
}

// fake is a test endpoint. handle decides each answer; n is the request's number from 1.
type fake struct {
	t      *testing.T
	srv    *httptest.Server
	handle func(n int, req *sentRequest) answer

	mu          sync.Mutex
	reqs        []*sentRequest
	inFlight    int
	maxInFlight int
	gate        int           // when > 0: hold requests until this many are in flight
	full        chan struct{} // closed when gate is reached
}

func newFake(t *testing.T, handle func(n int, req *sentRequest) answer) *fake {
	t.Helper()
	f := &fake{t: t, handle: handle, full: make(chan struct{})}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/chat/completions" {
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	req := &sentRequest{Body: body, Auth: r.Header.Get("Authorization")}
	if err := json.Unmarshal(body, &req.Parsed); err != nil || len(req.Parsed.Messages) != 2 {
		http.Error(w, "bad request body", 400)
		return
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	n := len(f.reqs)
	f.inFlight++
	f.maxInFlight = max(f.maxInFlight, f.inFlight)
	if f.gate > 0 && f.inFlight == f.gate {
		close(f.full)
		f.gate = 0
	}
	gated := f.gate > 0
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}()
	if gated {
		// Hold until the limit is reached, so that the test sees how many the client lets
		// through at once; the fallback only keeps a broken client from hanging the test.
		select {
		case <-f.full:
		case <-time.After(5 * time.Second):
		}
	}
	a := f.handle(n, req)
	if a.hang {
		<-r.Context().Done()
		return
	}
	for k, v := range a.header {
		w.Header().Set(k, v)
	}
	if a.status != 0 && a.status != 200 {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		io.WriteString(w, a.body)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	resp := map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "model": req.Parsed.Model,
		"choices": []any{map[string]any{
			"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": a.content},
		}},
		"usage": map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
	}
	json.NewEncoder(w).Encode(resp)
}

func (f *fake) requests() []*sentRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*sentRequest(nil), f.reqs...)
}

// config returns a Config for the fake endpoint, with the fake key, no real waits and a
// cache of the test's own.
func (f *fake) config(t *testing.T) Config {
	return Config{
		BaseURL:        f.srv.URL + "/v1",
		Model:          "test-model",
		APIKey:         fakeKey,
		CacheDir:       t.TempDir(),
		RetryBaseDelay: time.Millisecond,
		Sleep:          func(context.Context, time.Duration) error { return nil },
	}
}

// reading makes a reading answer from findings.
func reading(fs ...replyFinding) string {
	if fs == nil {
		fs = []replyFinding{}
	}
	b, _ := json.Marshal(map[string]any{"findings": fs})
	return string(b)
}

// verdicts makes a verdict answer.
func verdicts(vs ...replyVerdict) string {
	if vs == nil {
		vs = []replyVerdict{}
	}
	b, _ := json.Marshal(map[string]any{"verdicts": vs})
	return string(b)
}

// article makes an Article of paragraphs separated by blank lines.
func article(text string) Article {
	a := Article{Name: "test.md", Source: []byte(text)}
	off := 0
	for _, p := range strings.Split(text, "\n\n") {
		a.Paragraphs = append(a.Paragraphs, Span{off, off + len(p)})
		off += len(p) + 2
	}
	return a
}

// spanOf returns the span of the n-th (from 0) occurrence of s in a.
func spanOf(t *testing.T, a Article, s string, n int) Span {
	t.Helper()
	off := 0
	for {
		i := strings.Index(string(a.Source[off:]), s)
		require.GreaterOrEqual(t, i, 0, "%q not in the article", s)
		if n == 0 {
			return Span{off + i, off + i + len(s)}
		}
		n--
		off += i + 1
	}
}

func errBody(msg string) string {
	return fmt.Sprintf(`{"error":{"message":%q,"type":"invalid_request_error","param":null,"code":null}}`, msg)
}
