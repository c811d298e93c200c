package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/annotate/secondopinion"
	"github.com/slant-news/slant/config"
	"github.com/slant-news/slant/rubrics"
)

// secondOpinionFlags are the flags of `slant annotate` and `slant check` that ask a language
// model for a second opinion (package secondopinion). Each overrides the [second_opinion]
// table of .slant.toml, which overrides the environment (OPENAI_BASE_URL); the API key comes
// from OPENAI_API_KEY only.
type secondOpinionFlags struct {
	SecondOpinion  *bool          `name:"second-opinion" negatable:"" group:"Second opinion" help:"Also ask a language model, through any OpenAI-compatible endpoint, for its reading: its own findings (marked as the model's) and a verdict on each rule finding (agree or dispute). Rule findings, severities and the exit code stay as the rules give them. Default: enabled in [second_opinion] of .slant.toml."`
	Model          string         `placeholder:"NAME" group:"Second opinion" help:"The model's name at the endpoint (qwen2.5:7b, gpt-4o-mini). Default: model in .slant.toml, else gpt-4o-mini."`
	BaseURL        string         `name:"base-url" placeholder:"URL" group:"Second opinion" help:"The endpoint's API root, such as http://localhost:11434/v1. Default: base_url in .slant.toml, else OPENAI_BASE_URL, else https://api.openai.com/v1 (which needs OPENAI_API_KEY)."`
	MaxRequests    int            `name:"max-requests" placeholder:"N" group:"Second opinion" help:"HTTP requests the whole run may send, retries included (default 100); what is left unasked is reported."`
	MaxConcurrent  int            `name:"max-concurrent" placeholder:"N" group:"Second opinion" help:"Requests in flight at once (default 2)."`
	RequestTimeout *time.Duration `name:"request-timeout" placeholder:"DURATION" group:"Second opinion" help:"Give up on one request after this long (default 2m)."`
	NoCache        bool           `name:"no-cache" group:"Second opinion" help:"Neither read nor write the cache of the model's answers (under the user cache directory)."`
	ShowPrompt     bool           `name:"show-prompt" group:"Second opinion" help:"Print exactly what a second opinion would send, request by request, and send nothing."`
	Required       *bool          `name:"second-opinion-required" negatable:"" group:"Second opinion" help:"Fail the run (exit 2) when the endpoint fails to answer, instead of warning. Default: required in .slant.toml."`

	// budget is what is left of --max-requests for the whole run, shared by the documents of
	// every configuration; setup makes it.
	budget *requestBudget
}

// secondOpinion asks for second opinions on the documents of one configuration.
type secondOpinion struct {
	cfg      secondopinion.Config
	cats     []secondopinion.Category
	required bool
	// failOnFindings makes the model's findings fail slant check, as findings at --fail-on do.
	failOnFindings bool
	showPrompt     bool
	budget         *requestBudget
}

// testHookSecondOpinion, if set, changes the config of every second opinion: tests take the
// waits between retries out.
var testHookSecondOpinion func(*secondopinion.Config)

// requestBudget is what is left of --max-requests for the whole run. Documents are reviewed
// one at a time, in order, so which of them the budget reaches does not vary.
type requestBudget struct {
	mu   sync.Mutex
	left int
}

// enabled reports whether the flags or the config ask for a second opinion.
func (f *secondOpinionFlags) enabled(cfg *config.SecondOpinion) bool {
	switch {
	case f.ShowPrompt:
		return true
	case f.SecondOpinion != nil:
		return *f.SecondOpinion
	}
	return cfg != nil && cfg.Enabled
}

// setup returns what asking for a second opinion under a config (nil for none) takes, or nil
// when none is asked for. A config that names no usable endpoint is an error wrapping
// secondopinion.ErrNoEndpoint, found before any work: no base URL that is an http(s) URL,
// OpenAI's endpoint without a key, or a server that accepts no connection. The request
// budget is the first configuration's, for the whole run.
func (f *secondOpinionFlags) setup(cfg *config.Config, rubric *rubrics.Rubric) (*secondOpinion, error) {
	var table *config.SecondOpinion
	if cfg != nil {
		table = cfg.SecondOpinion
	}
	if !f.enabled(table) {
		return nil, nil
	}
	if table == nil {
		table = &config.SecondOpinion{}
	}
	c := secondopinion.ConfigFromEnv()
	c.Model = first(f.Model, table.Model)
	c.BaseURL = first(f.BaseURL, table.BaseURL, c.BaseURL)
	c.MaxRequests = firstInt(f.MaxRequests, table.MaxRequests, secondopinion.DefaultMaxRequests)
	c.MaxConcurrent = firstInt(f.MaxConcurrent, table.MaxConcurrent)
	c.ChunkTokens = table.ChunkTokens
	c.Timeout = table.RequestTimeout()
	if f.RequestTimeout != nil {
		c.Timeout = *f.RequestTimeout
	}
	c.TotalTimeout = table.ReviewTimeout()
	c.NoCache = f.NoCache || table.NoCache
	c.CacheDir = os.Getenv("SLANT_CACHE_DIR") // default: the user cache directory
	if testHookSecondOpinion != nil {
		testHookSecondOpinion(&c)
	}
	so := &secondOpinion{
		cfg:            c,
		cats:           categories(rubric),
		required:       table.Required,
		failOnFindings: table.FailOnFindings,
		showPrompt:     f.ShowPrompt,
	}
	if f.Required != nil {
		so.required = *f.Required
	}
	if f.budget == nil {
		f.budget = &requestBudget{left: c.MaxRequests}
	}
	so.budget = f.budget
	if len(so.cats) == 0 {
		return nil, fmt.Errorf("second opinion: rubric %s has no rules, so no categories to ask about", rubric.Name())
	}
	if f.ShowPrompt {
		return so, nil // nothing is sent: no endpoint is needed
	}
	if _, err := secondopinion.New(c); err != nil {
		return nil, scrubKey(fmt.Errorf("--second-opinion: %w", err), c.APIKey)
	}
	if err := reachable(c.BaseURL); err != nil {
		return nil, scrubKey(fmt.Errorf("--second-opinion: %w", err), c.APIKey)
	}
	return so, nil
}

// scrubKey returns err with the API key taken out of its message, should a user have put
// it where a URL goes. It wraps what err wraps.
func scrubKey(err error, key string) error {
	if len(key) < 6 || !strings.Contains(err.Error(), key) {
		return err
	}
	return &scrubbedError{msg: strings.ReplaceAll(err.Error(), key, "[redacted]"), err: errors.Unwrap(err)}
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// orphanError is the error for a second-opinion flag given to a run that asks for no second
// opinion (none is, when so is nil), or nil.
func (f *secondOpinionFlags) orphanError(so *secondOpinion) error {
	if flag := f.orphan(); so == nil && flag != "" {
		return fmt.Errorf("%s does nothing without --second-opinion (or enabled = true in [second_opinion] of .slant.toml)", flag)
	}
	return nil
}

// orphan returns a second-opinion flag that was given, or "".
func (f *secondOpinionFlags) orphan() string {
	switch {
	case f.Model != "":
		return "--model"
	case f.BaseURL != "":
		return "--base-url"
	case f.MaxRequests != 0:
		return "--max-requests"
	case f.MaxConcurrent != 0:
		return "--max-concurrent"
	case f.RequestTimeout != nil:
		return "--request-timeout"
	case f.NoCache:
		return "--no-cache"
	case f.Required != nil && *f.Required:
		return "--second-opinion-required"
	}
	return ""
}

// first returns the first of ss that is not empty.
func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// firstInt returns the first of ns that is positive, or 0.
func firstInt(ns ...int) int {
	for _, n := range ns {
		if n > 0 {
			return n
		}
	}
	return 0
}

// reachable checks that the endpoint's server accepts a connection, so that a local server
// that is not running is an error before any work, not a warning after it. Nothing is sent.
// Behind a proxy, the proxy decides: nothing is checked.
func reachable(base string) error {
	if base == "" {
		base = secondopinion.DefaultBaseURL
	}
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("%w: base URL is not a URL", secondopinion.ErrNoEndpoint)
	}
	for _, v := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"} {
		if os.Getenv(v) != "" {
			return nil
		}
	}
	host := u.Host
	if u.Port() == "" {
		port := "443"
		if u.Scheme == "http" {
			port = "80"
		}
		host = net.JoinHostPort(u.Hostname(), port)
	}
	conn, err := net.DialTimeout("tcp", host, 5*time.Second)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Err != nil {
			err = op.Err // without the addresses, which the message gives once
		}
		return fmt.Errorf("%w: cannot connect to %s: %v (is the server running?)", secondopinion.ErrNoEndpoint, host, err)
	}
	conn.Close()
	return nil
}

// categories returns the rubric's categories in the order their first rule comes, each
// with the short form of that rule's explanation.
func categories(r *rubrics.Rubric) []secondopinion.Category {
	var out []secondopinion.Category
	seen := map[string]bool{}
	for _, rule := range r.Rules {
		k := strings.ToLower(rule.Category)
		if rule.Category == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, secondopinion.Category{Name: rule.Category, Explain: secondopinion.ShortExplanation(rule.Explain)})
	}
	return out
}

// article is a parsed document as the second opinion reads it: its blocks' source spans are
// the paragraphs, the gaps between a block's prose pieces the markup. prose are the
// pieces, in order, for marking what the model quotes without cutting markup.
type article struct {
	secondopinion.Article
	prose []prose.Span
}

// articleOf builds the Article of doc.
func articleOf(doc *prose.Document) article {
	a := article{Article: secondopinion.Article{
		Name:     doc.Name,
		Source:   doc.Source,
		CharRefs: doc.Format != prose.FormatText,
	}}
	// Blocks come in source order and do not overlap; a paragraph is still merged with the
	// one before if it starts inside it, as the Article needs them apart and in order.
	var paras [][]prose.Span
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		pieces := b.SourcePieces(0, len(b.Text))
		if len(pieces) == 0 {
			continue
		}
		if n := len(paras); n > 0 && pieces[0].Start < paras[n-1][len(paras[n-1])-1].End {
			paras[n-1] = prose.MergeOverlapping(append(paras[n-1], pieces...))
			continue
		}
		paras = append(paras, pieces)
	}
	for _, pieces := range paras {
		a.Paragraphs = append(a.Paragraphs, secondopinion.Span{Start: pieces[0].Start, End: pieces[len(pieces)-1].End})
		for k := 1; k < len(pieces); k++ {
			if pieces[k-1].End < pieces[k].Start {
				a.Markup = append(a.Markup, secondopinion.Span{Start: pieces[k-1].End, End: pieces[k].Start})
			}
		}
		a.prose = append(a.prose, pieces...)
	}
	if a.Paragraphs == nil {
		a.Paragraphs = []secondopinion.Span{} // no prose: nothing to send (nil would mean "split at blank lines")
	}
	return a
}

// piecesOf returns the prose of the source span s: s less the markup, for marking.
func (a *article) piecesOf(s secondopinion.Span) []prose.Span {
	i := sort.Search(len(a.prose), func(i int) bool { return a.prose[i].End > s.Start })
	var out []prose.Span
	for ; i < len(a.prose) && a.prose[i].Start < s.End; i++ {
		p := prose.Span{Start: max(a.prose[i].Start, s.Start), End: min(a.prose[i].End, s.End)}
		if p.Len() > 0 {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = []prose.Span{{Start: s.Start, End: s.End}}
	}
	return out
}

// ruleFindings are the rule findings as the second opinion is told of them.
func ruleFindings(fs []annotate.Finding) []secondopinion.RuleFinding {
	out := make([]secondopinion.RuleFinding, len(fs))
	for i, f := range fs {
		out[i] = secondopinion.RuleFinding{Rule: f.Rule.ID, Category: f.Rule.Category, Span: secondopinion.Span{Start: f.Span.Start, End: f.Span.End}}
	}
	return out
}

// review asks for the model's second opinion on doc and its rule findings. keep, if not nil,
// says which of the model's findings to show (slant check --diff). The result is never nil:
// when the endpoint failed, its Failure says how, and err is that failure (for a required
// second opinion, an error of the run; otherwise a warning).
func (so *secondOpinion) review(doc *prose.Document, fs []annotate.Finding, keep func(prose.Span) bool) (*render.SecondOpinion, error) {
	a := articleOf(doc)
	out := &render.SecondOpinion{Model: first(so.cfg.Model, secondopinion.DefaultModel)}
	so.budget.mu.Lock()
	left := so.budget.left
	so.budget.mu.Unlock()
	cfg := so.cfg
	cfg.MaxRequests = left
	r, err := secondopinion.New(cfg)
	if err != nil {
		out.Failure = err.Error()
		return out, err
	}
	out.Host = r.Host()
	if left <= 0 {
		err := fmt.Errorf("second opinion: %w: the run sent the %d requests --max-requests allows", secondopinion.ErrBudget, so.cfg.MaxRequests)
		out.Summary = (secondopinion.Stats{Model: out.Model, Host: out.Host}).String()
		out.Failure = err.Error()
		return out, err
	}
	res, err := r.Review(context.Background(), a.Article, so.cats, ruleFindings(fs))
	so.budget.mu.Lock()
	so.budget.left -= res.Stats.Requests
	so.budget.mu.Unlock()
	st := res.Stats
	out.Summary = st.String()
	out.Stats = render.SecondOpinionStats{Requests: st.Requests, PromptTokens: st.PromptTokens, CompletionTokens: st.CompletionTokens,
		CacheHits: st.CacheHits, Dropped: st.Dropped, Failures: st.Failures}
	if err != nil {
		out.Failure = err.Error()
	}
	// Only what slant checked is shown: the model's findings, grounded in the text.
	index := map[int]int{} // index in res.Findings -> in out.Findings
	for k, f := range res.Findings {
		if keep != nil && !keep(prose.Span{Start: f.Span.Start, End: f.Span.End}) {
			continue
		}
		index[k] = len(out.Findings)
		out.Findings = append(out.Findings, render.ModelFinding{
			Category:    f.Category,
			Span:        prose.Span{Start: f.Span.Start, End: f.Span.End},
			Pieces:      a.piecesOf(f.Span),
			Text:        f.Text,
			Reason:      f.Reason,
			Speaker:     f.Speaker,
			SpeakerSpan: prose.Span{Start: f.SpeakerSpan.Start, End: f.SpeakerSpan.End},
			Voice:       voiceAt(doc, f.Span.Start),
		})
	}
	if len(res.Verdicts) > 0 {
		out.Verdicts = map[int]render.Verdict{}
	}
	for _, v := range res.Verdicts {
		match := -1
		if k, ok := index[v.Match]; ok && v.Match >= 0 {
			match = k
		}
		out.Verdicts[v.Finding] = render.Verdict{Agree: v.Agree, Reason: v.Reason, OwnReading: v.Basis == secondopinion.BasisOwnReading, Match: match}
	}
	for _, h := range res.Hidden {
		out.Hidden = append(out.Hidden, render.HiddenChar{Span: prose.Span{Start: h.Span.Start, End: h.Span.End}, Rune: h.Rune, Kind: h.Kind})
	}
	return out, err
}

// voiceAt says whether the source offset off is inside a quotation.
func voiceAt(doc *prose.Document, off int) rubrics.Voice {
	for _, q := range doc.Quotes {
		if q.Depth != 0 {
			continue
		}
		for _, p := range q.Source {
			if p.Start < off && off < p.End {
				return rubrics.VoiceQuoted
			}
		}
	}
	return rubrics.VoiceWriter
}

// secondOpinionWarning is the message of a second opinion that failed, for stderr.
func secondOpinionWarning(name string, err error) string {
	return fmt.Sprintf("second opinion on %s incomplete; the rules' findings are whole: %v", name, err)
}

// requiredError is the error of a run whose required second opinion failed.
func requiredError(name string, err error) error {
	return fmt.Errorf("%s: second opinion required (--second-opinion-required or required in .slant.toml), but it failed: %w", name, err)
}

// showPromptFor writes what a second opinion on doc would send, and sends nothing.
func (so *secondOpinion) showPromptFor(w io.Writer, doc *prose.Document, fs []annotate.Finding) error {
	a := articleOf(doc)
	reqs, err := secondopinion.ShowPrompt(so.cfg, a.Article, so.cats, ruleFindings(fs))
	if err != nil {
		return err
	}
	url := strings.TrimRight(first(redactedBase(so.cfg.BaseURL), secondopinion.DefaultBaseURL), "/") + "/chat/completions"
	if len(reqs) > 0 {
		url = reqs[0].URL
	}
	fmt.Fprintf(w, "# What a second opinion on %s would send to %s (model %s): %d %s. Nothing was sent.\n",
		doc.Name, url, first(so.cfg.Model, secondopinion.DefaultModel), len(reqs), pluralWord(len(reqs), "request", "requests"))
	fmt.Fprintln(w, "# The API key, if any, travels in the Authorization header and is not shown. The article's text goes only in the \"user\" message.")
	fmt.Fprintln(w, "# Verdict requests are shown as they would be if the model's own reading flagged none of the rule findings; a review asks about fewer.")
	for i, r := range reqs {
		fmt.Fprintf(w, "\n## Request %d of %d: %s, part %d of the article\n\nPOST %s\n", i+1, len(reqs), r.Phase, r.Chunk+1, r.URL)
		for _, m := range r.Messages {
			fmt.Fprintf(w, "\n### %s message\n\n%s", m.Role, m.Content)
			if !strings.HasSuffix(m.Content, "\n") {
				fmt.Fprintln(w)
			}
		}
		fmt.Fprintf(w, "\n### Body, exactly as sent\n\n%s\n", r.Body)
	}
	return nil
}

// redactedBase is the base URL without credentials or query, for messages.
func redactedBase(base string) string {
	u, err := url.Parse(base)
	if err != nil || base == "" {
		return ""
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// showPrompt is `slant annotate --show-prompt`: for each file, what a second opinion would
// send, after the rules have run (verdict requests name their findings). Nothing is sent and
// nothing else is written.
func (cmd *annotateCmd) showPrompt(ctx context.Context, env *environment, so *secondOpinion, annotator *annotate.Annotator, files []string, firstStdin int, stdin []byte) error {
	for i, name := range files {
		doc, err := cmd.read(env, name, i == firstStdin, stdin)
		if err != nil {
			return err
		}
		res, err := annotateDocument(ctx, annotator, doc)
		if err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(env.stdout)
		}
		if err := so.showPromptFor(env.stdout, doc, res.Findings); err != nil {
			return fmt.Errorf("%s: %w", doc.Name, err)
		}
	}
	return nil
}

// checkSecondOpinionFlags are slant check's second-opinion flags: annotate's, and whether
// the model's findings fail the check.
type checkSecondOpinionFlags struct {
	secondOpinionFlags  `embed:""`
	FailOnSecondOpinion *bool `name:"fail-on-second-opinion" negatable:"" group:"Second opinion" help:"Exit 1 when the model reports a finding of its own, as for a rule finding at --fail-on. Default: fail_on_findings in .slant.toml, else never: the model's findings are shown, and only the rules decide."`
}

// setupCheck is setup for slant check: with --fail-on-second-opinion.
func (f *checkSecondOpinionFlags) setupCheck(cfg *config.Config, rubric *rubrics.Rubric) (*secondOpinion, error) {
	so, err := f.setup(cfg, rubric)
	if so != nil && f.FailOnSecondOpinion != nil {
		so.failOnFindings = *f.FailOnSecondOpinion
	}
	return so, err
}

// orphanFlags returns the error for a second-opinion flag given to a check in which no
// file's configuration asks for a second opinion.
func (cmd *checkCmd) orphanFlags(inputs []checkInput) []error {
	for _, in := range inputs {
		if in.engine.so != nil {
			return nil
		}
	}
	err := cmd.orphanError(nil)
	if err == nil && cmd.FailOnSecondOpinion != nil && *cmd.FailOnSecondOpinion {
		err = errors.New("--fail-on-second-opinion does nothing without --second-opinion (or enabled = true in [second_opinion] of .slant.toml)")
	}
	if err != nil {
		return []error{err}
	}
	return nil
}

// checkWorkers is how many files slant check works on at once: one at a time, in order,
// when a second opinion is asked for (the requests' budget then goes to the first files,
// the same ones every time, and the model's latency dwarfs the rules' time anyway).
func checkWorkers(checked []checkInput) int {
	for _, in := range checked {
		if in.engine.so != nil {
			return 1
		}
	}
	return runtime.GOMAXPROCS(0)
}

// reviewChecked is review for slant check: with --diff, only the model's findings on changed
// lines are kept, as for the rules'. Nothing is asked with --show-prompt.
func (so *secondOpinion) reviewChecked(doc *prose.Document, kept []annotate.Finding, diff *gitDiff, path string) *render.SecondOpinion {
	if so.showPrompt {
		return nil
	}
	var keep func(prose.Span) bool
	if diff != nil {
		changed, err := diff.changedLines(path)
		if err != nil {
			changed = lineSet{} // the rules' report has failed on the same error already
		}
		keep = func(s prose.Span) bool {
			first, _ := doc.LineColumn(s.Start)
			last, _ := doc.LineColumn(max(s.Start, s.End-1))
			return changed.has(first, last)
		}
	}
	out, _ := so.review(doc, kept, keep) // the failure is in out.Failure
	return out
}

// failure returns a second opinion's failure as an error, or nil.
func (so *secondOpinion) failure(out *render.SecondOpinion) error {
	if so == nil || out == nil || out.Failure == "" {
		return nil
	}
	return errors.New(out.Failure)
}

// fails reports whether a second opinion fails the check: only when the user said that
// the model's findings do, and it has some.
func (so *secondOpinion) fails(out *render.SecondOpinion) bool {
	return so != nil && out != nil && so.failOnFindings && len(out.Findings) > 0
}

// addSecondOpinion reports a file's second opinion beside its findings: its failure (a
// warning, or with a required second opinion an error of the check), and, in the formats
// that have no place for it, its summary line on stderr.
func (w *checkWriter) addSecondOpinion(r checkResult) {
	if r.so == nil {
		return
	}
	if r.soErr != nil {
		if r.engine.so.required {
			fmt.Fprintf(w.stderr, "slant: %v\n", requiredError(r.name, r.soErr))
			w.errors++
		} else {
			msg := secondOpinionWarning(r.name, r.soErr)
			fmt.Fprintf(w.stderr, "slant: warning: %s\n", msg)
			if w.format == "github" && w.writeErr == nil {
				_, w.writeErr = fmt.Fprintf(w.stdout, "::warning file=%s::%s\n", githubProperty.Replace(r.name), githubData.Replace(msg))
			}
		}
	}
	if note := summaryNote(w.format, r.name, r.so); note != "" {
		fmt.Fprintf(w.stderr, "slant: %s\n", note)
	}
}

// summaryNote is a second opinion's summary line, for stderr, in the formats whose output
// has no place for it (text, github, sarif); "" in the others.
func summaryNote(format, name string, so *render.SecondOpinion) string {
	switch format {
	case "text", "github", "sarif":
	default:
		return ""
	}
	agree, dispute := 0, 0
	for _, v := range so.Verdicts {
		if v.Agree {
			agree++
		} else {
			dispute++
		}
	}
	note := fmt.Sprintf("second opinion on %s: %d %s of its own, agrees with %d and disputes %d rule findings; %s",
		name, len(so.Findings), pluralWord(len(so.Findings), "finding", "findings"), agree, dispute, so.Summary)
	if len(so.Hidden) > 0 {
		var hs []string
		for _, h := range so.Hidden {
			hs = append(hs, fmt.Sprintf("U+%04X (%s)", h.Rune, h.Kind))
		}
		note += fmt.Sprintf("; hidden characters in the prose, not sent: %s", strings.Join(hs, ", "))
	}
	return note
}

// showPrompt is `slant check --show-prompt`: what a second opinion on each file would send.
func (cmd *checkCmd) showPrompt(env *environment, checked []checkInput) error {
	var diff *gitDiff
	if cmd.Diff != "" {
		diff = newGitDiff(cmd.Diff)
	}
	for i, in := range checked {
		if in.engine.so == nil {
			continue // its config asks for no second opinion
		}
		rep, _, err := cmd.report(context.Background(), env, in, diff)
		if err != nil {
			return err
		}
		if i > 0 {
			fmt.Fprintln(env.stdout)
		}
		if err := in.engine.so.showPromptFor(env.stdout, rep.Doc, rep.Findings); err != nil {
			return fmt.Errorf("%s: %w", in.name, err)
		}
	}
	return nil
}
