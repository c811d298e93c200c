package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/slant-news/slant/annotate"
	"github.com/slant-news/slant/annotate/metadata"
	"github.com/slant-news/slant/annotate/prose"
	"github.com/slant-news/slant/annotate/render"
	"github.com/slant-news/slant/rubrics"
)

// serveCmd is `slant serve`: the teaching view as a local web page, for a classroom or a
// newsroom without a terminal habit.
type serveCmd struct {
	Addr     string        `default:"127.0.0.1:8080" help:"Address to listen on. The default takes connections from this computer only; 0.0.0.0:8080 from the network (a classroom)."`
	MaxBytes int64         `name:"max-bytes" default:"4194304" help:"Largest request accepted, in bytes: the article and an uploaded rubric together (default 4 MiB)."`
	Timeout  time.Duration `default:"30s" help:"Longest time given to annotating one article."`
}

// Run listens on the address and serves until SIGINT or SIGTERM, then shuts down cleanly:
// requests under way are finished, new ones refused.
func (cmd *serveCmd) Run(env *environment) error {
	if cmd.MaxBytes <= 0 {
		return fmt.Errorf("--max-bytes %d: must be more than 0", cmd.MaxBytes)
	}
	ln, err := net.Listen("tcp", cmd.Addr)
	if err != nil {
		return fmt.Errorf("slant serve: %w", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return cmd.serve(ctx, ln, env.stderr)
}

// serve serves on ln until ctx is done.
func (cmd *serveCmd) serve(ctx context.Context, ln net.Listener, log io.Writer) error {
	h, err := newServer(serverOptions{MaxBytes: cmd.MaxBytes, Timeout: cmd.Timeout, Loopback: isLoopback(ln.Addr())})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(log, "slant serve: open http://%s/ in a browser (Ctrl-C to stop). Nothing sent is kept.\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("slant serve: %w", err)
	case <-ctx.Done():
	}
	fmt.Fprintln(log, "slant serve: stopping")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("slant serve: shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("slant serve: %w", err)
	}
	return nil
}

// isLoopback reports whether a listener's address takes connections from this computer only.
func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// serverOptions configure the handler of slant serve.
type serverOptions struct {
	MaxBytes int64         // the largest request body accepted
	Timeout  time.Duration // the longest annotation of one article
	// Loopback says the server listens on a loopback address: requests must then name a
	// loopback host, so that a web page elsewhere cannot reach it under its own name (DNS
	// rebinding).
	Loopback bool
}

// server is slant serve's handler. It keeps nothing between requests.
type server struct {
	opts serverOptions
	busy chan struct{} // a token for each article annotated at once
	mux  *http.ServeMux
}

func newServer(opts serverOptions) (*server, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	s := &server{opts: opts, busy: make(chan struct{}, runtime.GOMAXPROCS(0)), mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /{$}", s.form)
	s.mux.HandleFunc("POST /report", s.report)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, http.StatusNotFound, "There is no page "+r.URL.Path+" here.", "")
	})
	return s, nil
}

// Security headers of every response: nothing may frame, sniff or refer.
func securityHeaders(h http.Header, csp string) {
	h.Set("Content-Security-Policy", csp+"; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	h.Set("Cache-Control", "no-store")
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.opts.Loopback && !loopbackHost(r.Host) {
		s.fail(w, http.StatusMisdirectedRequest, "This slant serve takes requests to localhost only (Host "+r.Host+").", "")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether a Host header names this computer.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// formCSP allows the form page its style and its script, and the form its one target.
var formCSP = "default-src 'none'; style-src " + render.TeachStyleHash + "; script-src " + render.CSPHash(formScript) +
	"; base-uri 'none'; form-action 'self'"

// form serves the page to paste or drop an article on.
func (s *server) form(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w.Header(), formCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	err := formPage.Execute(w, formData{CSS: template.CSS(render.TeachCSS()), JS: template.JS(formScript), MaxBytes: byteSize(s.opts.MaxBytes)})
	if err != nil {
		fmt.Fprintf(os.Stderr, "slant serve: form: %v\n", err)
	}
}

// submission is what a request to /report sends.
type submission struct {
	text         []byte
	file         []byte
	fileName     string
	inputFormat  string
	rubricChoice string
	rubric       []byte
	rubricName   string
	download     bool
}

// requestError is a mistake in a request, told to whoever sent it.
type requestError struct {
	status int
	msg    string
	detail string
}

func (e *requestError) Error() string { return e.msg + " " + e.detail }

// report annotates the article sent and answers with its teaching page, or, for a download,
// the page as a file.
func (s *server) report(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBytes)
	sub, err := s.read(r)
	if err == nil {
		err = s.answer(w, r, sub)
	}
	var re *requestError
	switch {
	case err == nil:
	case errors.As(err, &re):
		s.fail(w, re.status, re.msg, re.detail)
	default:
		s.fail(w, http.StatusInternalServerError, "slant failed on this text (a bug in slant: please report it).", err.Error())
	}
}

// read reads the form sent, part by part, in memory: nothing is written to disk.
func (s *server) read(r *http.Request) (*submission, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, &requestError{http.StatusBadRequest, "Send the article with the form on the first page.", err.Error()}
	}
	sub := &submission{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, s.readError(err)
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, s.readError(err)
		}
		switch part.FormName() {
		case "text":
			sub.text = data
		case "file":
			sub.file, sub.fileName = data, cleanName(part.FileName())
		case "input_format":
			sub.inputFormat = string(data)
		case "rubric":
			sub.rubricChoice = string(data)
		case "rubric_file":
			sub.rubric, sub.rubricName = data, cleanName(part.FileName())
		case "action":
			sub.download = string(data) == "download"
		}
	}
	return sub, nil
}

// readError tells a body larger than the limit from another failure to read it.
func (s *server) readError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &requestError{http.StatusRequestEntityTooLarge,
			fmt.Sprintf("The text and the rubric sent are larger than this server takes (%s). Send a shorter text, or start slant serve with a larger --max-bytes.", byteSize(s.opts.MaxBytes)), ""}
	}
	return &requestError{http.StatusBadRequest, "The form could not be read.", err.Error()}
}

// cleanName keeps the base of an uploaded file's name, for messages and the download's name.
func cleanName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" {
		return ""
	}
	if len(name) > 100 {
		name = name[:100]
	}
	return strings.ToValidUTF8(name, "")
}

// answer annotates the submission and writes its page.
func (s *server) answer(w http.ResponseWriter, r *http.Request, sub *submission) error {
	src, name := sub.text, "pasted text"
	format := prose.FormatText
	if len(bytes.TrimSpace(sub.file)) > 0 {
		src, name = sub.file, sub.fileName
		if name == "" {
			name = "uploaded file"
		}
		format = prose.FormatForPath(name)
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return &requestError{http.StatusBadRequest, "Paste a text, or choose a .txt, .md or .html file.", ""}
	}
	if sub.inputFormat != "" && sub.inputFormat != "auto" {
		f, err := prose.ParseFormat(sub.inputFormat)
		if err != nil {
			return &requestError{http.StatusBadRequest, "Unknown input format.", err.Error()}
		}
		format = f
	}
	rubric, err := s.rubric(sub)
	if err != nil {
		return err
	}
	annotator, err := annotate.New(rubric)
	if err != nil {
		return &requestError{http.StatusBadRequest, "The rubric cannot be used.", err.Error()}
	}
	doc, err := parseDocument(name, src, format)
	if err != nil {
		return &requestError{http.StatusBadRequest, "The text cannot be read.", err.Error()}
	}
	select {
	case s.busy <- struct{}{}:
		defer func() { <-s.busy }()
	case <-r.Context().Done():
		return r.Context().Err()
	}
	ctx, cancel := withTimeout(r.Context(), s.opts.Timeout, fmt.Sprintf("slant serve --timeout %s", s.opts.Timeout))
	defer cancel()
	res, err := annotateDocument(ctx, annotator, doc)
	if err != nil {
		var te *timeoutError
		if errors.As(err, &te) {
			return &requestError{http.StatusRequestTimeout, "Annotating this text took too long.", err.Error()}
		}
		return err
	}
	rep := render.Report{Doc: doc, Findings: res.Findings, Provenance: res.Provenance, Rubric: rubric}
	rep.Metadata, err = metadata.Read(doc, metadata.Options{})
	if err != nil {
		// The page has no stderr: its header says what could not be read.
		rep.Metadata.Notices = append(rep.Metadata.Notices, metadata.Notice{Kind: "unreadable", Message: err.Error()})
	}
	opts := render.Options{Rubrics: []*rubrics.Rubric{rubric}, Version: versionString(), Documents: 1}
	var plain bytes.Buffer
	if err := render.Teach(&plain, opts, render.TeachOptions{}, rep); err != nil {
		return fmt.Errorf("rendering %s: %w", name, err)
	}
	download := downloadName(name)
	h := w.Header()
	securityHeaders(h, render.TeachCSP)
	h.Set("Content-Type", "text/html; charset=utf-8")
	if sub.download {
		h.Set("Content-Disposition", `attachment; filename="`+download+`"`)
		_, err := w.Write(plain.Bytes())
		return ignoreWriteError(err)
	}
	var page bytes.Buffer
	if err := render.Teach(&page, opts, render.TeachOptions{Home: "/", Download: render.DataURL(plain.Bytes()), DownloadName: download}, rep); err != nil {
		return fmt.Errorf("rendering %s: %w", name, err)
	}
	_, err = w.Write(page.Bytes())
	return ignoreWriteError(err)
}

// ignoreWriteError drops an error writing the answer: the client went away, and there is
// no one left to tell.
func ignoreWriteError(error) error { return nil }

// rubric returns the rubric the submission asks for: the built-in one, or the one uploaded
// (which may extend the built-in one).
func (s *server) rubric(sub *submission) (*rubrics.Rubric, error) {
	if sub.rubricChoice != "upload" && len(sub.rubric) == 0 {
		r, err := rubrics.Default()
		if err != nil {
			return nil, fmt.Errorf("default rubric: %w", err)
		}
		return r, nil
	}
	if len(bytes.TrimSpace(sub.rubric)) == 0 {
		return nil, &requestError{http.StatusBadRequest, "Choose a rubric's TOML file to upload, or pick the built-in rubric.", ""}
	}
	name := sub.rubricName
	if name == "" {
		name = "uploaded rubric"
	}
	f, err := rubrics.Parse(name, sub.rubric)
	if err == nil {
		var r *rubrics.Rubric
		if r, err = rubrics.Compose(f); err == nil {
			return r, nil
		}
	}
	return nil, &requestError{http.StatusBadRequest, "The rubric has a mistake:", err.Error()}
}

// downloadName is the file name of the report of name: "article.slant.html".
func downloadName(name string) string {
	base := strings.TrimSuffix(name, path.Ext(name))
	var b strings.Builder
	for _, c := range base {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteRune(c)
		case c == ' ':
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		b.WriteString("report")
	}
	return b.String() + ".slant.html"
}

// fail answers with a page that says what went wrong.
func (s *server) fail(w http.ResponseWriter, status int, msg, detail string) {
	securityHeaders(w.Header(), errorCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	errorPage.Execute(w, errorData{CSS: template.CSS(render.TeachCSS()), Status: status, StatusText: http.StatusText(status), Msg: msg, Detail: detail})
}

var errorCSP = "default-src 'none'; style-src " + render.TeachStyleHash + "; base-uri 'none'; form-action 'none'"

// byteSize says a number of bytes for people: "4 MiB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

type formData struct {
	CSS      template.CSS
	JS       template.JS
	MaxBytes string
}

type errorData struct {
	CSS        template.CSS
	Status     int
	StatusText string
	Msg        string
	Detail     string
}

var formPage = template.Must(template.New("form").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>slant: read an article's sources and framing</title>
<style>{{.CSS}}</style>
</head>
<body>
<main class="serve-form">
<h1>Read an article's sources and framing</h1>
<p>Paste an article, or drop a <code>.txt</code>, <code>.md</code> or <code>.html</code> file, and slant highlights its loaded words, scare quotes, vague sources and unsourced claims, with an explanation of each. The highlights are prompts to look, not verdicts. Nothing you send is kept.</p>
<form method="post" action="/report" enctype="multipart/form-data">
<fieldset>
<legend>The article</legend>
<label for="text">Paste it here</label>
<textarea id="text" name="text" spellcheck="false"></textarea>
<label class="drop" id="drop" for="file">…or drop a file here, or choose one: <input type="file" id="file" name="file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"> <span id="file-name"></span></label>
<p><label for="input_format">Read it as</label>
<select id="input_format" name="input_format">
<option value="auto" selected>by its file name (pasted text: plain text)</option>
<option value="text">plain text</option>
<option value="markdown">Markdown</option>
<option value="html">an HTML page</option>
</select></p>
</fieldset>
<fieldset>
<legend>The rubric</legend>
<label><input type="radio" name="rubric" value="default" checked> slant's built-in rubric</label><br>
<label><input type="radio" name="rubric" value="upload" id="rubric-upload"> my own rubric (a TOML file):</label>
<input type="file" name="rubric_file" accept=".toml,application/toml,text/plain" aria-label="The rubric's TOML file">
</fieldset>
<p><button type="submit" name="action" value="view">Show the teaching view</button>
<button type="submit" name="action" value="download">Download the report (one HTML file)</button></p>
<p class="meta-file">At most {{.MaxBytes}} at a time.</p>
</form>
</main>
<script>{{.JS}}</script>
</body>
</html>
`))

// formScript lets a file be dropped anywhere on the drop zone, and shows its name.
const formScript = `(function () {
  'use strict';
  var zone = document.getElementById('drop'), input = document.getElementById('file'), label = document.getElementById('file-name');
  function show() { label.textContent = input.files && input.files.length ? input.files[0].name : ''; }
  ['dragenter', 'dragover'].forEach(function (t) { zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add('over'); }); });
  ['dragleave', 'drop'].forEach(function (t) { zone.addEventListener(t, function () { zone.classList.remove('over'); }); });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
  });
  input.addEventListener('change', show);
  var rubric = document.querySelector('input[name=rubric_file]');
  rubric.addEventListener('change', function () { if (rubric.files.length) document.getElementById('rubric-upload').checked = true; });
})();`

var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>slant: {{.StatusText}}</title>
<style>{{.CSS}}</style>
</head>
<body>
<main class="serve-form">
<h1>{{.StatusText}}</h1>
<p>{{.Msg}}</p>
{{if .Detail}}<pre class="error">{{.Detail}}</pre>{{end}}
<p><a href="/">&larr; Back to the form</a></p>
</main>
</body>
</html>
`))
