package secondopinion

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
)

// Reviewer asks one endpoint for second opinions. It is safe for concurrent use.
type Reviewer struct {
	cfg    Config
	client *openai.Client
	host   string // the endpoint's host[:port]
	url    string // the endpoint for messages, credentials left out
	sc     scrubber
	cache  cache
	// noFormat is set once the server has refused response_format: later requests describe
	// the schema in the instructions instead.
	noFormat atomic.Bool
}

// New checks cfg and returns a Reviewer for it. A config with no usable endpoint (no base
// URL that is an http or https URL with a host, or OpenAI's endpoint without a key) is an
// error wrapping ErrNoEndpoint; nothing has been sent then. When the user cache directory
// cannot be found, the cache is off.
func New(cfg Config) (*Reviewer, error) {
	cfg = cfg.withDefaults()
	u, err := cfg.endpoint()
	if err != nil {
		return nil, err
	}
	cc := openai.DefaultConfig(cfg.APIKey)
	cc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	cc.HTTPClient = recordingDoer{&http.Client{}}
	r := &Reviewer{
		cfg:    cfg,
		client: openai.NewClientWithConfig(cc),
		host:   u.Host,
		url:    redactURL(cfg.BaseURL),
		sc:     newScrubber(cfg),
	}
	if !cfg.NoCache {
		dir := cfg.CacheDir
		if dir == "" {
			dir, _ = defaultCacheDir() // "" when there is none: no cache
		}
		r.cache = cache{dir: dir}
	}
	return r, nil
}

// Host returns the endpoint's host (and port), as Stats reports it.
func (r *Reviewer) Host() string { return r.host }

// attempt records what the HTTP layer saw of one request, which go-openai's errors leave out.
type attempt struct {
	sent       bool // the request went out (go-openai may refuse to send one)
	status     int
	retryAfter string
}

type attemptKey struct{}

// recordingDoer is the HTTP client go-openai uses: it notes each response's status and
// Retry-After header in the request's context.
type recordingDoer struct{ c *http.Client }

func (d recordingDoer) Do(req *http.Request) (*http.Response, error) {
	a, _ := req.Context().Value(attemptKey{}).(*attempt)
	if a != nil {
		a.sent = true
	}
	resp, err := d.c.Do(req)
	if resp == nil {
		return resp, err
	}
	if a != nil {
		a.status = resp.StatusCode
		a.retryAfter = resp.Header.Get("Retry-After")
	}
	// An answer is a few kilobytes; a server that sends without end is cut off (and its
	// answer is then not JSON).
	resp.Body = limitedBody{io.LimitReader(resp.Body, maxAnswerBytes), resp.Body}
	return resp, err
}

// maxAnswerBytes bounds the body of one response.
const maxAnswerBytes = 8 << 20

type limitedBody struct {
	io.Reader
	io.Closer
}

// review is the state of one Review call.
type review struct {
	r     *Reviewer
	p     *prepared
	rules []RuleFinding
	cats  map[string]string // folded name -> name
	sem   chan struct{}
	sent  atomic.Int64
	// broken holds the first error that every later request would repeat (a refused key, an
	// unknown model): questions after it fail without being sent.
	broken atomic.Pointer[httpError]

	mu        sync.Mutex
	stats     Stats
	findings  []Finding
	verdicts  []Verdict
	questions int
	errs      []error
}

// Review asks for the model's reading of the article in the given categories, then for a
// verdict on each rule finding the reading did not flag itself. Requests run concurrently
// up to Config.MaxConcurrent, within Config.TotalTimeout.
//
// An error for the input (spans out of range, invalid UTF-8, no categories) comes with an
// empty Result. Otherwise the Result holds everything answered, and if some questions went
// unanswered (the endpoint failed, timed out or kept answering in something other than the
// JSON asked for), the error is an *Error, which a caller may show as a warning.
func (r *Reviewer) Review(ctx context.Context, a Article, cats []Category, rules []RuleFinding) (Result, error) {
	if err := checkInput(a, cats, rules); err != nil {
		return Result{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, r.cfg.TotalTimeout)
	defer cancel()
	rv := &review{
		r:     r,
		p:     prepare(a, cats, r.cfg.ChunkTokens),
		rules: rules,
		cats:  map[string]string{},
		sem:   make(chan struct{}, r.cfg.MaxConcurrent),
		stats: Stats{Model: r.cfg.Model, Host: r.host},
	}
	for _, c := range cats {
		rv.cats[strings.ToLower(c.Name)] = c.Name
	}
	byChunk := rulesByChunk(rv.p, rules)
	// MaxConcurrent workers take the chunks in order, so that with a tight budget the
	// beginning of the article is answered, and the same part every time.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(r.cfg.MaxConcurrent, len(rv.p.chunks)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(rv.p.chunks) {
					return
				}
				c := rv.p.chunks[i]
				rv.chunk(ctx, c, byChunk[c.index])
			}
		})
	}
	wg.Wait()
	return rv.result()
}

// checkInput rejects an article, categories or rule findings that do not fit together.
func checkInput(a Article, cats []Category, rules []RuleFinding) error {
	name := a.Name
	if name == "" {
		name = "article"
	}
	if !utf8.Valid(a.Source) {
		return fmt.Errorf("second opinion: %s: not valid UTF-8", name)
	}
	prev := 0
	for i, s := range a.Paragraphs {
		if s.Start < prev || s.End < s.Start || s.End > len(a.Source) {
			return fmt.Errorf("second opinion: %s: paragraph %d [%d,%d) is out of order or out of range", name, i+1, s.Start, s.End)
		}
		prev = s.End
	}
	prev = 0
	for _, m := range a.Markup {
		if m.Start < prev || m.End < m.Start || m.End > len(a.Source) {
			return fmt.Errorf("second opinion: %s: markup [%d,%d) is out of order or out of range", name, m.Start, m.End)
		}
		prev = m.End
	}
	if len(cats) == 0 {
		return fmt.Errorf("second opinion: %s: no categories to review in", name)
	}
	seen := map[string]bool{}
	for _, c := range cats {
		k := strings.ToLower(c.Name)
		if strings.TrimSpace(c.Name) == "" || seen[k] {
			return fmt.Errorf("second opinion: category %q is empty or given twice", c.Name)
		}
		seen[k] = true
	}
	for i, rf := range rules {
		if rf.Span.Start < 0 || rf.Span.End < rf.Span.Start || rf.Span.End > len(a.Source) {
			return fmt.Errorf("second opinion: %s: rule finding %d (%s) [%d,%d) is out of range", name, i, rf.Rule, rf.Span.Start, rf.Span.End)
		}
	}
	return nil
}

// chunk asks both phases for one chunk and keeps what is grounded.
func (rv *review) chunk(ctx context.Context, c chunk, rules []int) {
	q := rv.p.readingQuestion(c)
	items, err := rv.ask(ctx, q, "findings")
	if err != nil {
		// Without the model's reading, which findings it flagged itself is unknown: asking
		// for verdicts would no longer be independent. (The endpoint is failing anyway.)
		rv.fail(q, err)
		return
	}
	var found []Finding
	dropped := 0
	if len(items) > maxItems {
		dropped += len(items) - maxItems
		items = items[:maxItems]
	}
	for _, raw := range items {
		f, ok := rv.finding(raw, c)
		if !ok {
			dropped++
			continue
		}
		if !slices.ContainsFunc(found, func(g Finding) bool { return g.Category == f.Category && g.Span == f.Span }) {
			found = append(found, f)
		}
	}
	var verdicts []Verdict
	var asked []int
	for _, i := range rules {
		k := slices.IndexFunc(found, func(f Finding) bool {
			return strings.EqualFold(f.Category, rv.rules[i].Category) && f.Span.Overlaps(rv.rules[i].Span)
		})
		if k < 0 {
			asked = append(asked, i)
			continue
		}
		verdicts = append(verdicts, Verdict{Finding: i, Agree: true, Reason: found[k].Reason, Basis: BasisOwnReading, Match: -1})
	}
	unanswered := 0
	var failed []question
	var errs []error
	for _, batch := range batches(asked) {
		q := rv.p.verdictQuestion(c, rv.rules, batch)
		items, err := rv.ask(ctx, q, "verdicts")
		if err != nil {
			failed, errs = append(failed, q), append(errs, err)
			continue
		}
		vs, d := rv.verdictsFrom(items, batch)
		verdicts = append(verdicts, vs...)
		dropped += d
		unanswered += len(batch) - len(vs)
	}
	rv.mu.Lock()
	defer rv.mu.Unlock()
	rv.findings = append(rv.findings, found...)
	rv.verdicts = append(rv.verdicts, verdicts...)
	rv.stats.Dropped += dropped + unanswered
	rv.questions += 1 + len(batches(asked)) - len(failed)
	for i := range failed {
		rv.failLocked(failed[i], errs[i])
	}
}

// fail records a question left without an answer.
func (rv *review) fail(q question, err error) {
	rv.mu.Lock()
	defer rv.mu.Unlock()
	rv.failLocked(q, err)
}

func (rv *review) failLocked(q question, err error) {
	rv.questions++
	rv.stats.Failures++
	rv.errs = append(rv.errs, fmt.Errorf("%s of paragraphs %s: %w", q.phase, rv.p.chunkRange(q.chunk), err))
}

// chunkRange names a chunk's paragraphs for messages: "3-5".
func (p *prepared) chunkRange(i int) string {
	f := p.chunks[i].focus
	if len(f) == 1 {
		return strconv.Itoa(f[0] + 1)
	}
	return fmt.Sprintf("%d-%d", f[0]+1, f[len(f)-1]+1)
}

// maxItems bounds the findings or verdicts read from one answer: a model that answers with
// thousands is not reading any more, and each costs a search of the text.
const maxItems = 200

// replyFinding is one finding as the model answers it. No field is omitempty: the strict
// schema has every field required.
type replyFinding struct {
	Paragraph int    `json:"paragraph"`
	Quote     string `json:"quote"`
	Category  string `json:"category"`
	Reason    string `json:"reason"`
	Speaker   string `json:"speaker"`
}

// replyVerdict is one verdict as the model answers it.
type replyVerdict struct {
	ID      int    `json:"id"`
	Verdict string `json:"verdict"`
	Reason  string `json:"reason"`
}

// finding checks one finding of the model: every field there and of its type, a category
// of the rubric, a quotation found in a paragraph the chunk reports on.
func (rv *review) finding(raw json.RawMessage, c chunk) (Finding, bool) {
	var rf replyFinding
	if !decodeItem(raw, &rf, "paragraph", "quote", "category", "reason", "speaker") {
		return Finding{}, false
	}
	cat, ok := rv.cats[strings.ToLower(strings.TrimSpace(rf.Category))]
	if !ok {
		return Finding{}, false
	}
	search := append(append([]int{}, c.focus...), c.context...)
	named := rf.Paragraph - 1
	if !slices.Contains(search, named) {
		named = -1
	}
	span, para, miss := rv.p.ground.ground(rf.Quote, named, search)
	if miss != grounded || !slices.Contains(c.focus, para) {
		return Finding{}, false
	}
	f := Finding{
		Category:  cat,
		Span:      span,
		Text:      string(rv.p.src[span.Start:span.End]),
		Paragraph: para,
		Reason:    cleanText(rf.Reason, 400, rv.r.sc),
		Speaker:   cleanText(rf.Speaker, 120, rv.r.sc),
	}
	if f.Speaker != "" {
		if s, _, miss := rv.p.ground.groundName(f.Speaker, para, search); miss == grounded {
			f.SpeakerSpan = s
		}
	}
	return f, true
}

// verdictsFrom checks the model's verdicts on a batch of rule findings, and returns the
// valid ones (at most one a finding) and the number dropped.
func (rv *review) verdictsFrom(items []json.RawMessage, batch []int) ([]Verdict, int) {
	var out []Verdict
	dropped := 0
	if len(items) > maxItems {
		dropped += len(items) - maxItems
		items = items[:maxItems]
	}
	seen := map[int]bool{}
	for _, raw := range items {
		var v replyVerdict
		ok := decodeItem(raw, &v, "id", "verdict", "reason") && v.ID >= 1 && v.ID <= len(batch) && !seen[v.ID]
		verdict := strings.ToLower(strings.TrimSpace(v.Verdict))
		reason := cleanText(v.Reason, 400, rv.r.sc)
		if !ok || (verdict != "agree" && verdict != "dispute") || reason == "" {
			dropped++
			continue
		}
		seen[v.ID] = true
		out = append(out, Verdict{Finding: batch[v.ID-1], Agree: verdict == "agree", Reason: reason, Basis: BasisAsked, Match: -1})
	}
	return out, dropped
}

// decodeItem decodes one array element into v, requiring every named field.
func decodeItem(raw json.RawMessage, v any, fields ...string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return false
	}
	for _, f := range fields {
		if _, ok := m[f]; !ok {
			return false
		}
	}
	return json.Unmarshal(raw, v) == nil
}

// decodeReply checks an answer's shape, {"KEY": [...]}, and returns the array's elements. A
// Markdown code fence around the JSON, which servers that ignore the schema like to add,
// and a reasoning model's <think>...</think> before it are taken off; anything else is
// malformed.
func decodeReply(content, key string) ([]json.RawMessage, error) {
	s := strings.TrimSpace(content)
	if rest, ok := strings.CutPrefix(s, "<think>"); ok {
		if _, after, ok := strings.Cut(rest, "</think>"); ok {
			s = strings.TrimSpace(after)
		}
	}
	if rest, ok := strings.CutPrefix(s, "```"); ok {
		rest = strings.TrimPrefix(rest, "json")
		if body, ok := strings.CutSuffix(strings.TrimSpace(rest), "```"); ok {
			s = strings.TrimSpace(body)
		}
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &top); err != nil {
		return nil, fmt.Errorf("%w: %v", errMalformed, err)
	}
	raw, ok := top[key]
	if !ok {
		return nil, fmt.Errorf("%w: no %q", errMalformed, key)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil || items == nil {
		return nil, fmt.Errorf("%w: %q is not an array", errMalformed, key)
	}
	return items, nil
}

// ask gets the answer to q, from the cache or the endpoint, and returns the elements of its
// array KEY. It retries on 429, 5xx and network errors with backoff, sends again without
// response_format when the server refuses it, and asks again (a bounded number of times,
// with another seed) when the answer is not the JSON asked for.
func (rv *review) ask(ctx context.Context, q question, key string) ([]json.RawMessage, error) {
	r := rv.r
	ck := cacheKey(r.host, r.cfg.Model, r.cfg.Seed, q, rv.p.cats)
	if ans, ok := r.cache.get(ck); ok {
		if items, err := decodeReply(ans, key); err == nil {
			rv.mu.Lock()
			rv.stats.CacheHits++
			rv.mu.Unlock()
			return items, nil
		}
	}
	seed := r.cfg.Seed
	retries, malformed := 0, 0
	for {
		withFormat := !r.noFormat.Load()
		content, retryAfter, err := rv.send(ctx, q.request(r.cfg.Model, seed, withFormat))
		if he := (*httpError)(nil); errors.As(err, &he) {
			if withFormat && he.rejectsFormat() {
				r.noFormat.Store(true)
				continue
			}
			if he.retryable() && retries < r.cfg.MaxRetries {
				if err := rv.wait(ctx, retries, retryAfter); err != nil {
					return nil, err
				}
				retries++
				continue
			}
		}
		if err != nil {
			return nil, err
		}
		items, err := decodeReply(content, key)
		if err != nil {
			if malformed < r.cfg.MaxMalformed {
				malformed++
				seed++
				continue
			}
			return nil, fmt.Errorf("%w (%d tries)", err, malformed+1)
		}
		_ = r.cache.put(ck, r.sc.scrub(content)) // the cache only saves work: a failure to write it costs nothing else
		return items, nil
	}
}

// send makes one HTTP request, within the budget, the concurrency limit and the per-request
// timeout, and returns the answer's text and the Retry-After header of a failure.
func (rv *review) send(ctx context.Context, req openai.ChatCompletionRequest) (string, string, error) {
	r := rv.r
	select {
	case rv.sem <- struct{}{}:
	case <-ctx.Done():
		return "", "", contextError(ctx, "waiting to send")
	}
	defer func() { <-rv.sem }()
	if ctx.Err() != nil { // select picks either when both are ready
		return "", "", contextError(ctx, "waiting to send")
	}
	if he := rv.broken.Load(); he != nil {
		return "", "", he
	}
	if rv.sent.Add(1) > int64(r.cfg.MaxRequests) {
		return "", "", fmt.Errorf("%w (%d requests)", ErrBudget, r.cfg.MaxRequests)
	}
	actx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	var at attempt
	resp, err := r.client.CreateChatCompletion(context.WithValue(actx, attemptKey{}, &at), req)
	rv.mu.Lock()
	if at.sent {
		rv.stats.Requests++
	}
	if err == nil {
		rv.stats.PromptTokens += resp.Usage.PromptTokens
		rv.stats.CompletionTokens += resp.Usage.CompletionTokens
	}
	rv.mu.Unlock()
	switch {
	case err == nil && len(resp.Choices) == 0:
		return "", "", fmt.Errorf("%w: no choices", errMalformed)
	case err == nil:
		return resp.Choices[0].Message.Content, "", nil
	case ctx.Err() != nil:
		return "", "", contextError(ctx, r.url)
	case actx.Err() != nil:
		return "", "", fmt.Errorf("%s: no answer within %v: %w", r.url, r.cfg.Timeout, context.DeadlineExceeded)
	}
	he := r.httpError(err, at.status)
	if he.fatal() {
		rv.broken.CompareAndSwap(nil, he)
	}
	return "", at.retryAfter, he
}

// httpError turns a go-openai or net/http error into one that holds no secret and no URL
// but the redacted one.
func (r *Reviewer) httpError(err error, status int) *httpError {
	var msg string
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	var urlErr *url.Error
	network := false
	switch {
	case errors.As(err, &apiErr):
		status, msg = apiErr.HTTPStatusCode, apiErr.Message
	case errors.As(err, &reqErr):
		status, msg = reqErr.HTTPStatusCode, string(reqErr.Body)
		if strings.TrimSpace(msg) == "" {
			msg = reqErr.HTTPStatus
		}
	case errors.As(err, &urlErr):
		network = true
		msg = urlErr.Err.Error() // without the URL, which r.url replaces
	default:
		msg = err.Error()
	}
	if status == 200 {
		msg = fmt.Sprintf("reading the answer (at most %d MiB): %s", maxAnswerBytes>>20, msg)
	}
	msg = strings.ReplaceAll(msg, strings.TrimRight(r.cfg.BaseURL, "/"), r.url)
	msg = cleanText(msg, 300, r.sc)
	return &httpError{url: r.url, status: status, network: network, msg: msg}
}

// wait sleeps before retry number n (from 0): the base delay doubled n times, with jitter,
// or what the server asked for in Retry-After if longer.
func (rv *review) wait(ctx context.Context, n int, retryAfter string) error {
	cfg := rv.r.cfg
	d := min(cfg.RetryBaseDelay<<min(n, 10), maxBackoff)
	d = d/2 + rand.N(d/2+1) // half fixed, half random: retries of concurrent requests spread out
	if ra, ok := parseRetryAfter(retryAfter, time.Now()); ok && ra > d {
		d = ra
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return fmt.Errorf("%s: the server asks to wait %v, past the review's deadline", rv.r.url, d.Round(time.Second))
	}
	sleep := cfg.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	if err := sleep(ctx, d); err != nil {
		return contextError(ctx, "waiting to retry")
	}
	return nil
}

// maxBackoff bounds the wait before a retry, unless the server asks for longer.
const maxBackoff = time.Minute

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// parseRetryAfter reads a Retry-After header: seconds, or an HTTP date.
func parseRetryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// result puts the chunks' answers together.
func (rv *review) result() (Result, error) {
	res := Result{Stats: rv.stats, Hidden: hiddenIn(rv.p.src, rv.p.paras, rv.p.layout)}
	slices.SortFunc(rv.findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Span.Start, b.Span.Start), cmp.Compare(a.Span.End, b.Span.End), cmp.Compare(a.Category, b.Category))
	})
	res.Findings = slices.CompactFunc(rv.findings, func(a, b Finding) bool { return a.Span == b.Span && a.Category == b.Category })
	slices.SortFunc(rv.verdicts, func(a, b Verdict) int { return cmp.Compare(a.Finding, b.Finding) })
	res.Verdicts = rv.verdicts
	for i := range res.Verdicts {
		v := &res.Verdicts[i]
		if v.Basis != BasisOwnReading {
			continue
		}
		rf := rv.rules[v.Finding]
		v.Match = slices.IndexFunc(res.Findings, func(f Finding) bool {
			return strings.EqualFold(f.Category, rf.Category) && f.Span.Overlaps(rf.Span)
		})
	}
	if len(rv.errs) == 0 {
		return res, nil
	}
	// Chunks end in any order: report the same first failure every time.
	slices.SortFunc(rv.errs, func(a, b error) int { return cmp.Compare(a.Error(), b.Error()) })
	return res, &Error{Failures: len(rv.errs), Questions: rv.questions, Err: rv.errs[0]}
}

// hiddenIn lists the invisible characters in the paragraphs, and the character references
// that stand for one ("&#8238;"), in order.
func hiddenIn(src []byte, paras []Span, lay layout) []Hidden {
	var out []Hidden
	for _, p := range paras {
		for i := p.Start; i < p.End; {
			c, n := utf8.DecodeRune(src[i:p.End])
			if k := hiddenKind(c); k != "" {
				out = append(out, Hidden{Span: Span{i, i + n}, Rune: c, Kind: k})
			}
			i += n
		}
		if !lay.charRefs {
			continue
		}
		for _, r := range proseRanges(src, p, lay) {
			for _, c := range r.text {
				if k := hiddenKind(c); k != "" {
					out = append(out, Hidden{Span: r.Span, Rune: c, Kind: k})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Hidden) int { return cmp.Compare(a.Span.Start, b.Span.Start) })
	return out
}
