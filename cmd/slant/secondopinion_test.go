package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/slant-news/slant/annotate/secondopinion"
)

// The second opinion end to end: slant annotate and slant check against a local test server
// that plays an OpenAI-compatible endpoint. No test reaches the network.

// testKey is an API key that must appear in no output, message or cache file.
const testKey = "sk-test-SECRET-9f8e7d6c5b4a"

// soArticle is the article of these tests. Under testdata/check/rubric.toml the rules flag
// "regime" (check.labels, warning) and "perhaps" (check.hedge, info). The model, below,
// flags "regime" itself (agreement from its own reading), quotes “giveaway” with straight
// quotes (a new finding, grounded in the curly ones), and disputes "perhaps".
const soArticle = "# Harbour vote\n\nThe regime sold the harbour, perhaps for too little.\n\nCritics call the deal a “giveaway” and say the council hid the price.\n"

// fakeEndpoint is the test server. fail, if set, makes the n-th request (from 1) fail with
// a 400 whose message echoes the request's Authorization header, as a careless server might.
type fakeEndpoint struct {
	srv  *httptest.Server
	fail func(n int) bool

	mu    sync.Mutex
	n     int
	auths []string
}

func newFakeEndpoint(t *testing.T) *fakeEndpoint {
	t.Helper()
	f := &fakeEndpoint{}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// url is the base URL of the endpoint.
func (f *fakeEndpoint) url() string { return f.srv.URL + "/v1" }

func (f *fakeEndpoint) requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

var askedLine = regexp.MustCompile(`(?m)^\[F(\d+)\] P\d+, rule (\S+), category \S+: (.*)$`)

func (f *fakeEndpoint) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.n++
	n := f.n
	f.auths = append(f.auths, r.Header.Get("Authorization"))
	f.mu.Unlock()
	if r.URL.Path != "/v1/chat/completions" {
		http.NotFound(w, r)
		return
	}
	if f.fail != nil && f.fail(n) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error":{"message":"model overloaded; you sent %s","type":"invalid_request_error"}}`, r.Header.Get("Authorization"))
		return
	}
	var req struct {
		Messages []struct{ Content string } `json:"messages"`
	}
	if err := json.Unmarshal(body, &req); err != nil || len(req.Messages) != 2 {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	system, user := req.Messages[0].Content, req.Messages[1].Content
	var content string
	if strings.Contains(system, `{"verdicts"`) {
		var vs []map[string]any
		for _, m := range askedLine.FindAllStringSubmatch(user, -1) {
			v := map[string]any{"id": atoi(m[1]), "verdict": "agree", "reason": "The word judges."}
			if m[2] == "check.hedge" {
				v["verdict"], v["reason"] = "dispute", "Here perhaps is honest doubt about the price, not a dodge."
			}
			vs = append(vs, v)
		}
		b, _ := json.Marshal(map[string]any{"verdicts": vs})
		content = string(b)
	} else {
		var fs []map[string]any
		para := func(s string) int { // the paragraph the model names, as a model would
			for _, l := range strings.Split(user, "\n") {
				if strings.Contains(l, s) {
					var p int
					fmt.Sscanf(l, "[P%d", &p)
					return p
				}
			}
			return 0
		}
		if p := para("regime"); p > 0 {
			fs = append(fs, map[string]any{"paragraph": p, "quote": "regime", "category": "loaded-language", "reason": "A label that judges the government.", "speaker": ""})
		}
		if p := para("giveaway"); p > 0 {
			fs = append(fs,
				map[string]any{"paragraph": p, "quote": `the deal a "giveaway"`, "category": "loaded-language", "reason": "The critics' word for the sale, which frames it as a gift.", "speaker": "Critics"},
				map[string]any{"paragraph": p, "quote": "the council sold it for a song", "category": "loaded-language", "reason": "Not in the text.", "speaker": ""})
		}
		if fs == nil {
			fs = []map[string]any{}
		}
		b, _ := json.Marshal(map[string]any{"findings": fs})
		content = string(b)
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-test", "object": "chat.completion", "model": "test-model",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": content}}},
		"usage":   map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
	})
}

func atoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

// soEnv sets up a test of the second opinion: the key in the environment, a cache of the
// test's own, no base URL from outside, and no real waits between retries. It returns the
// directory of the article (a.md) and the cache.
func soEnv(t *testing.T) (dir, cache string) {
	t.Helper()
	dir, cache = t.TempDir(), t.TempDir()
	t.Setenv("OPENAI_API_KEY", testKey)
	t.Setenv("OPENAI_BASE_URL", "")
	t.Setenv("SLANT_CACHE_DIR", cache)
	for _, v := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"} {
		t.Setenv(v, "")
	}
	old := testHookSecondOpinion
	testHookSecondOpinion = func(c *secondopinion.Config) {
		c.RetryBaseDelay = time.Millisecond
		c.Sleep = func(context.Context, time.Duration) error { return nil }
	}
	t.Cleanup(func() { testHookSecondOpinion = old })
	writeFiles(t, dir, map[string]string{"a.md": soArticle})
	return dir, cache
}

// soArgs are the flags that ask the fake endpoint for a second opinion.
func soArgs(f *fakeEndpoint) []string {
	return []string{"--second-opinion", "--base-url", f.url(), "--model", "test-model"}
}

// annotate --second-opinion: the model's findings marked as its own, its verdicts in the
// rules' notes, the summary line; JSON with origins, verdicts and the summary object.
func TestSecondOpinionAnnotate(t *testing.T) {
	dir, _ := soEnv(t)
	f := newFakeEndpoint(t)
	rubric := checkRubric(t)

	code, plain, stderr := slant(t, dir, "", "annotate", "--rubric", rubric, "a.md")
	require.Equal(t, exitOK, code, stderr)

	code, stdout, stderr := slant(t, dir, "", append([]string{"annotate", "--rubric", rubric}, append(soArgs(f), "a.md")...)...)
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr)
	assert.Equal(t, 2, f.requests(), "one reading, one verdict request (for the finding the reading did not flag)")
	// The rule findings are all there, as without the second opinion.
	assert.Contains(t, stdout, `<mark title="check.labels (warning); second opinion (model test-model): loaded-language">regime</mark>[^slant1][^slant-m1]`)
	assert.Contains(t, stdout, `<mark title="check.hedge (info)">perhaps</mark>[^slant2]`)
	// The new finding, grounded in the curly quotes of the text though quoted with straight ones.
	assert.Contains(t, stdout, `<mark title="second opinion (model test-model): loaded-language">the deal a “giveaway”</mark>[^slant-m2]`)
	assert.NotContains(t, stdout, "for a song", "a quotation not in the text is dropped")
	assert.Contains(t, stdout, "*second opinion (model test-model)* agrees: flagged the same words in its own reading ([^slant-m1]). A label that judges the government.")
	assert.Contains(t, stdout, "*second opinion (model test-model)* disputes: asked about this finding. Here perhaps is honest doubt about the price, not a dodge.")
	assert.Contains(t, stdout, "[^slant-m2]: **second opinion (model test-model)** (loaded-language, in the writer's own voice, speaker: Critics) at line 5, column 14: The critics' word for the sale, which frames it as a gift.")
	assert.Regexp(t, `\*\*second opinion \(model test-model\)\*\*: 2 findings of its own .*agrees with 1 and disputes 1 .*model test-model at 127\.0\.0\.1:\d+: 2 requests \(0 answers cached\), 200\+40 tokens, 1 answer dropped, 0 failures\.`, stdout)
	// Taking the marks out gives the source back, and the rules' part of the summary is as before.
	assert.Contains(t, plain, "**slant** found 2 findings in a.md with rubric check 1.0.")
	assert.Contains(t, stdout, "**slant** found 2 findings in a.md with rubric check 1.0.")

	code, stdout, stderr = slant(t, dir, "", append([]string{"annotate", "--format", "json", "--rubric", rubric}, append(soArgs(f), "a.md")...)...)
	require.Equal(t, exitOK, code, stderr)
	var out struct {
		SchemaVersion int `json:"schema_version"`
		Documents     []struct {
			Findings []struct {
				Rule, Category, Severity, Origin, Text, Speaker string
				SecondOpinion                                   *struct{ Verdict, Reason, Basis string } `json:"second_opinion"`
			}
			SecondOpinion map[string]any `json:"second_opinion"`
		}
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &out))
	assert.Equal(t, 1, out.SchemaVersion)
	fs := out.Documents[0].Findings
	require.Len(t, fs, 4)
	assert.Equal(t, "rubric", fs[0].Origin)
	assert.Equal(t, "agree", fs[0].SecondOpinion.Verdict)
	assert.Equal(t, "own-reading", fs[0].SecondOpinion.Basis)
	assert.Equal(t, "dispute", fs[1].SecondOpinion.Verdict)
	assert.Equal(t, "warning", fs[0].Severity, "a verdict changes no severity")
	assert.Equal(t, "second-opinion", fs[3].Origin)
	assert.Equal(t, "second-opinion", fs[3].Rule)
	assert.Equal(t, "the deal a “giveaway”", fs[3].Text)
	assert.Equal(t, "Critics", fs[3].Speaker)
	assert.Nil(t, fs[3].SecondOpinion)
	so := out.Documents[0].SecondOpinion
	assert.Equal(t, "test-model", so["model"])
	assert.EqualValues(t, 2, so["findings"])
	assert.EqualValues(t, 1, so["dispute"])
	assert.EqualValues(t, 1, so["dropped"])
	assert.EqualValues(t, 2, so["cache_hits"], "the second run is answered from the cache")
	assert.Equal(t, 2, f.requests(), "the cache answered: nothing more was sent")
}
