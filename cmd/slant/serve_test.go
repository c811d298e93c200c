package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// formPart is one part of a form sent to slant serve: a field, or a file when file is set.
type formPart struct {
	name, file string
	data       []byte
}

// postForm sends parts to the server's /report as the form does.
func postForm(t *testing.T, url string, parts ...formPart) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.file != "" {
			w, err = mw.CreateFormFile(p.name, p.file)
		} else {
			w, err = mw.CreateFormField(p.name)
		}
		require.NoError(t, err)
		_, err = w.Write(p.data)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	resp, err := http.Post(url+"/report", mw.FormDataContentType(), &body)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(data)
}

// newTestServer starts slant serve's handler on a loopback port.
func newTestServer(t *testing.T, maxBytes int64) *httptest.Server {
	t.Helper()
	h, err := newServer(serverOptions{MaxBytes: maxBytes, Loopback: true})
	require.NoError(t, err)
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// checkHeaders checks the security headers every answer of slant serve has.
func checkHeaders(t *testing.T, resp *http.Response) {
	t.Helper()
	h := resp.Header
	csp := h.Get("Content-Security-Policy")
	assert.Contains(t, csp, "default-src 'none'")
	assert.Contains(t, csp, "frame-ancestors 'none'")
	assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
	assert.Equal(t, "no-referrer", h.Get("Referrer-Policy"))
	assert.Equal(t, "DENY", h.Get("X-Frame-Options"))
	assert.Equal(t, "no-store", h.Get("Cache-Control"))
}

// checkInert parses a page and checks that it runs nothing but its one script, has no event
// attribute, and links to nothing outside itself.
func checkInert(t *testing.T, page string) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err)
	scripts := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				scripts++
			case "iframe", "img", "object", "embed", "base", "link", "math", "textarea", "form":
				t.Errorf("element <%s> in the report", n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("event attribute %s on <%s>", a.Key, n.Data)
				}
				if (a.Key == "href" || a.Key == "src" || a.Key == "action") && !strings.HasPrefix(a.Val, "#") && !strings.HasPrefix(a.Val, "data:text/html") && a.Val != "/" {
					t.Errorf("link out of the page: %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	assert.Equal(t, 1, scripts, "the page's own script only")
}

// downloadLink returns the report a page offers for download.
func downloadLink(t *testing.T, page string) string {
	t.Helper()
	const prefix = `href="data:text/html;charset=utf-8;base64,`
	i := strings.Index(page, prefix)
	require.GreaterOrEqual(t, i, 0, "a download link")
	rest := page[i+len(prefix):]
	data, err := base64.StdEncoding.DecodeString(html.UnescapeString(rest[:strings.IndexByte(rest, '"')]))
	require.NoError(t, err)
	return string(data)
}

// TestServe drives slant serve over HTTP: the form, a pasted article, an uploaded file, an
// uploaded rubric, a broken rubric, a body too large, a download, a foreign Host.
func TestServe(t *testing.T) {
	ts := newTestServer(t, 64<<10)
	hostile, err := os.ReadFile(filepath.Join("..", "..", "testdata", "teach", "hostile.txt"))
	require.NoError(t, err)
	sample, err := os.ReadFile(filepath.Join("..", "..", "testdata", "sample", "article.md"))
	require.NoError(t, err)

	t.Run("form", func(t *testing.T) {
		resp, err := http.Get(ts.URL + "/")
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		checkHeaders(t, resp)
		assert.Contains(t, resp.Header.Get("Content-Security-Policy"), "form-action 'self'")
		assert.Contains(t, string(body), `<form method="post" action="/report" enctype="multipart/form-data">`)
		assert.Contains(t, string(body), `name="rubric_file"`)
	})

	t.Run("paste", func(t *testing.T) {
		resp, page := postForm(t, ts.URL, formPart{name: "text", data: hostile}, formPart{name: "rubric", data: []byte("default")})
		require.Equal(t, http.StatusOK, resp.StatusCode, page)
		checkHeaders(t, resp)
		checkInert(t, page)
		assert.Contains(t, page, "so-called &#34;&lt;script&gt;window.__pwned=1;")
		assert.Contains(t, page, "&lt;/textarea&gt;&lt;script&gt;window.__pwned=4&lt;/script&gt;")
		assert.Contains(t, page, `class="hl `)
		report := downloadLink(t, page)
		checkInert(t, report)
		assert.Contains(t, report, `http-equiv="Content-Security-Policy"`)
		assert.NotContains(t, report, "Analyse another text", "the report downloaded is the page alone")
	})

	t.Run("file", func(t *testing.T) {
		resp, page := postForm(t, ts.URL, formPart{name: "text"}, formPart{name: "file", file: "harbour.md", data: sample})
		require.Equal(t, http.StatusOK, resp.StatusCode, page)
		checkInert(t, page)
		assert.Contains(t, page, "harbour.md (markdown)")
		assert.Contains(t, page, `title="scare-quotes (warning)">so-called &#34;rescue plan&#34;</a>`)
		assert.NotContains(t, page, "example.com", "a link of the article is not a link of the page")
	})

	t.Run("html file", func(t *testing.T) {
		hostileHTML, err := os.ReadFile(filepath.Join("..", "..", "testdata", "teach", "hostile.html"))
		require.NoError(t, err)
		resp, page := postForm(t, ts.URL, formPart{name: "file", file: "../../etc/hostile.html", data: hostileHTML})
		require.Equal(t, http.StatusOK, resp.StatusCode, page)
		checkInert(t, page)
		assert.Contains(t, page, "hostile.html (html)")
		assert.NotContains(t, page, "etc/", "only the base of an uploaded file's name is used")
	})

	const house = `name = "house"
version = "1"
extends = ["default"]

[[rules]]
id = "house.harbour-names"
category = "house-style"
severity = "warning"
kind = "terms"
message = "Say “the harbour sale”, not “{match}”"
explain = "The Courier calls the deal the harbour sale."
terms = ["waterfront"]
`
	t.Run("rubric upload", func(t *testing.T) {
		resp, page := postForm(t, ts.URL, formPart{name: "file", file: "harbour.md", data: sample},
			formPart{name: "rubric", data: []byte("upload")}, formPart{name: "rubric_file", file: "house.toml", data: []byte(house)})
		require.Equal(t, http.StatusOK, resp.StatusCode, page)
		assert.Contains(t, page, "rubric default 0.1.0 &#43; house 1")
		assert.Contains(t, page, `title="house-style (warning)">waterfront</a>`)
		assert.Contains(t, page, "The Courier calls the deal the harbour sale.")
	})

	t.Run("broken rubric", func(t *testing.T) {
		broken := strings.Replace(house, `severity = "warning"`, `severity = "loud"`, 1)
		resp, page := postForm(t, ts.URL, formPart{name: "text", data: []byte("The waterfront deal.")},
			formPart{name: "rubric", data: []byte("upload")}, formPart{name: "rubric_file", file: "house.toml", data: []byte(broken)})
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
		checkHeaders(t, resp)
		assert.Contains(t, page, "The rubric has a mistake")
		assert.Regexp(t, `house\.toml:8:\d+: .*loud`, page, "the mistake at file:line:col")

		resp, page = postForm(t, ts.URL, formPart{name: "text", data: []byte("The deal.")},
			formPart{name: "rubric", data: []byte("upload")}, formPart{name: "rubric_file", file: "syntax.toml", data: []byte("name = \"x\nversion = 1\n")})
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
		assert.Regexp(t, `syntax\.toml:1:\d+: `, page)

		resp, page = postForm(t, ts.URL, formPart{name: "text", data: []byte("The deal.")}, formPart{name: "rubric", data: []byte("upload")})
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
		assert.Contains(t, page, "Choose a rubric")
	})

	t.Run("no text", func(t *testing.T) {
		resp, page := postForm(t, ts.URL, formPart{name: "text", data: []byte("  \n")})
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
		assert.Contains(t, page, "Paste a text")
	})

	t.Run("not UTF-8", func(t *testing.T) {
		resp, page := postForm(t, ts.URL, formPart{name: "file", file: "latin1.txt", data: []byte("caf\xe9 society\n")})
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
		assert.Contains(t, page, "latin1.txt:1:4: invalid UTF-8")
	})

	t.Run("too large", func(t *testing.T) {
		resp, page := postForm(t, ts.URL, formPart{name: "text", data: bytes.Repeat([]byte("The regime fell. "), 5000)})
		assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
		checkHeaders(t, resp)
		assert.Contains(t, page, "larger than this server takes (64 KiB)")
	})

	t.Run("download", func(t *testing.T) {
		resp, page := postForm(t, ts.URL, formPart{name: "text", data: sample}, formPart{name: "input_format", data: []byte("markdown")},
			formPart{name: "action", data: []byte("download")})
		require.Equal(t, http.StatusOK, resp.StatusCode, page)
		assert.Equal(t, `attachment; filename="pasted-text.slant.html"`, resp.Header.Get("Content-Disposition"))
		checkInert(t, page)
		assert.NotContains(t, page, "Analyse another text")
	})

	t.Run("other host", func(t *testing.T) {
		req, err := http.NewRequest("GET", ts.URL+"/", nil)
		require.NoError(t, err)
		req.Host = "rebound.example:8080"
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusMisdirectedRequest, resp.StatusCode)
	})

	t.Run("not found", func(t *testing.T) {
		resp, err := http.Get(ts.URL + "/etc/passwd")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNotFound, resp.StatusCode)
		checkHeaders(t, resp)
	})
}

// TestServeShutdown checks that slant serve stops cleanly when its context ends (as on
// SIGINT), after answering.
func TestServeShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	var log bytes.Buffer
	done := make(chan error, 1)
	cmd := &serveCmd{MaxBytes: 1 << 20, Timeout: 10 * time.Second}
	go func() { done <- cmd.serve(ctx, ln, &log) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("slant serve did not stop")
	}
	assert.Contains(t, log.String(), "open http://127.0.0.1:")
	assert.Contains(t, log.String(), "stopping")
}
