package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateScreenshot = flag.Bool("update-screenshot", false, "rewrite docs/teaching-view.png, the README's screenshot of the seed article's report")

// screenshotPath is where the README's screenshot is kept.
const screenshotPath = "../../docs/teaching-view.png"

// pageTitle is the title of every teaching page: an injected script that changed it would
// show.
const pageTitle = "slant: how this article is sourced and framed"

// chromium finds the browser for the browser tests: $SLANT_CHROMIUM, else chromium on the
// PATH. The tests are skipped without one, unless SLANT_BROWSER_TESTS=require (as .ci/run
// sets it), when they fail.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SLANT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("SLANT_BROWSER_TESTS") == "require" {
		t.Fatal("SLANT_BROWSER_TESTS=require, and no chromium is installed (apt-get install chromium, or set SLANT_CHROMIUM)")
	}
	t.Skip("chromium is not installed: the browser tests are skipped (apt-get install chromium; SLANT_BROWSER_TESTS=require makes this a failure)")
	return ""
}

// tab is a browser tab that records what the page does that it must not: network requests,
// dialogs, uncaught exceptions.
type tab struct {
	ctx        context.Context
	mu         sync.Mutex
	requests   []string
	dialogs    []string
	exceptions []string
}

// guard runs in every document before its own scripts: it records the Content-Security-
// Policy's violations, so that a test can see that the page's script and style were allowed
// and nothing else was tried.
const guard = `window.__slantViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__slantViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});`

func newTab(t *testing.T, browser context.Context) *tab {
	t.Helper()
	tb := &tab{}
	var ctx context.Context
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithListener(func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			tb.requests = append(tb.requests, ev.Request.URL)
		case *page.EventJavascriptDialogOpening:
			tb.dialogs = append(tb.dialogs, ev.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{})
		case *runtime.EventExceptionThrown:
			tb.exceptions = append(tb.exceptions, ev.ExceptionDetails.Text)
		}
	}))
	t.Cleanup(cancel)
	ctx, stop := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(stop)
	tb.ctx = ctx
	require.NoError(t, chromedp.Do(ctx))
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: guard})
	require.NoError(t, err)
	return tb
}

// do runs actions in the tab, each step within 20 seconds. A failure names the dialogs and
// exceptions the page has had: an injected script that ran blocks the page with a dialog.
func (tb *tab) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		t.Fatalf("%v (dialogs opened: %q; exceptions: %q)", err, tb.dialogs, tb.exceptions)
	}
}

// js evaluates a JavaScript expression in the page and decodes its value into T.
func js[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	require.NoError(t, err, "evaluating %s", expr)
	return v
}

// checkClean checks that the page ran nothing but its own script, opened no dialog, threw
// nothing, broke no rule of its Content-Security-Policy, and asked for nothing but what
// allowed(url) allows.
func (tb *tab) checkClean(t *testing.T, allowed func(string) bool) {
	t.Helper()
	assert.Equal(t, pageTitle, js[string](t, tb, `document.title`), "the title is the page's own")
	assert.True(t, js[bool](t, tb, `typeof window.__pwned === 'undefined' && typeof parent.__pwned === 'undefined'`), "an injected script ran")
	assert.True(t, js[bool](t, tb, `!document.querySelector('iframe, img, object, embed, base, form, textarea, meta[http-equiv="refresh" i], svg script, a[href^="javascript:" i], [onerror], [onload], [onclick], [onmouseover]')`),
		"an element of the article is in the page as markup")
	assert.Equal(t, 1, js[int](t, tb, `document.scripts.length`), "the page's own script only")
	assert.Empty(t, js[[]string](t, tb, `window.__slantViolations || []`), "violations of the page's Content-Security-Policy")
	tb.mu.Lock()
	defer tb.mu.Unlock()
	assert.Empty(t, tb.dialogs, "dialogs opened")
	assert.Empty(t, tb.exceptions, "uncaught exceptions")
	for _, u := range tb.requests {
		assert.True(t, allowed(u), "the page asked for %s", u)
	}
}

// highlights is what the filter test reads of the page: how many highlights show only the
// category unticked, how many of those are hidden, and the same of the others.
type highlights struct {
	Only, OnlyHidden, Others, OthersShown, Notes, NotesHidden int
}

// exercise checks the teaching page open in tb: a highlight reached with Tab and opened with
// Enter shows its explanation; Escape gives the focus back; Space opens one too; unticking
// a category in the legend hides its highlights and notes.
func exercise(t *testing.T, tb *tab) {
	t.Helper()
	tb.do(t, chromedp.WaitVisible(chromedp.CSS("section.doc")))
	reached := false
	for range 100 {
		tb.do(t, chromedp.KeyEvent(kb.Tab))
		if js[bool](t, tb, `!!document.activeElement && document.activeElement.matches('.article a.hl')`) {
			reached = true
			break
		}
	}
	require.True(t, reached, "Tab never reached a highlight")
	msg := js[string](t, tb, `document.getElementById(document.activeElement.dataset.f.split(' ')[0]).querySelector('.f-msg').textContent`)
	require.NotEmpty(t, msg)
	assert.True(t, js[bool](t, tb, `document.querySelector('.explain-body .f-msg') === null`), "no explanation before Enter")
	tb.do(t, chromedp.KeyEvent(kb.Enter))
	assert.True(t, js[bool](t, tb, `!document.querySelector('.explain').hidden`), "Enter shows the explanation")
	assert.Equal(t, msg, js[string](t, tb, `document.querySelector('.explain-body .f-msg').textContent`), "the explanation is the highlight's")
	assert.True(t, js[bool](t, tb, `!!document.querySelector('.explain-body .f-voice') && !!document.querySelector('.explain-body .f-origin')`),
		"the explanation says whose words they are and what found them")
	assert.True(t, js[bool](t, tb, `document.activeElement.matches('.explain h3')`), "the focus moves to the explanation")
	assert.Equal(t, "true", js[string](t, tb, `document.querySelector('.article a.hl.active').getAttribute('aria-expanded')`))
	tb.do(t, chromedp.KeyEvent(kb.Escape))
	assert.True(t, js[bool](t, tb, `document.activeElement.matches('.article a.hl')`), "Escape gives the focus back to the highlight")

	// Space opens the last highlight.
	tb.do(t, chromedp.Focus(chromedp.JSPath(`[...document.querySelectorAll('.article a.hl')].pop()`)), chromedp.KeyEvent(" "))
	assert.Equal(t, js[string](t, tb, `document.getElementById([...document.querySelectorAll('.article a.hl')].pop().dataset.f.split(' ')[0]).querySelector('.f-msg').textContent`),
		js[string](t, tb, `document.querySelector('.explain-body .f-msg').textContent`), "Space shows the explanation")

	// Untick the category of the first highlight, with the keyboard.
	category := js[string](t, tb, `document.getElementById(document.querySelector('.article a.hl').dataset.f.split(' ')[0]).dataset.cat`)
	box := `input[data-kind="cat"][value="` + category + `"]`
	tb.do(t, chromedp.Focus(chromedp.CSS(box)), chromedp.KeyEvent(" ")) // Space ticks the box
	count := func() highlights {
		raw := js[string](t, tb, `JSON.stringify((function (cat) {
  var r = {Only: 0, OnlyHidden: 0, Others: 0, OthersShown: 0, Notes: 0, NotesHidden: 0};
  document.querySelectorAll('.article a.hl').forEach(function (a) {
    var cats = a.dataset.f.split(' ').map(function (id) { return document.getElementById(id).dataset.cat; });
    var st = getComputedStyle(a);
    var hidden = a.classList.contains('off') && st.backgroundColor === 'rgba(0, 0, 0, 0)' && st.textDecorationLine === 'none' && a.tabIndex === -1;
    if (cats.every(function (c) { return c === cat; })) { r.Only++; if (hidden) r.OnlyHidden++; }
    else { r.Others++; if (!hidden) r.OthersShown++; }
  });
  document.querySelectorAll('.findings li.finding').forEach(function (li) {
    if (li.dataset.cat === cat) { r.Notes++; if (li.hidden) r.NotesHidden++; }
  });
  return r;
})(`+jsString(category)+`))`)
		var h highlights
		require.NoError(t, json.Unmarshal([]byte(raw), &h))
		return h
	}
	h := count()
	assert.Positive(t, h.Only, "highlights of %s", category)
	assert.Equal(t, h.Only, h.OnlyHidden, "unticking %s hides its highlights", category)
	assert.Equal(t, h.Others, h.OthersShown, "unticking %s leaves the others", category)
	assert.Equal(t, h.Notes, h.NotesHidden, "unticking %s hides its notes", category)
	tb.do(t, chromedp.Focus(chromedp.CSS(box)), chromedp.KeyEvent(" ")) // Space ticks the box
	h = count()
	assert.Zero(t, h.OnlyHidden, "ticking %s again shows its highlights", category)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// writeReport writes the teaching page of the file src with slant annotate --format html
// and returns its file: URL.
func writeReport(t *testing.T, src string) string {
	t.Helper()
	abs, err := filepath.Abs(src)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+".html")
	var stdout, stderr bytes.Buffer // run in this directory: the tests' paths are relative to it
	code := run([]string{"annotate", "--no-config", "--format", "html", "-o", out, abs}, strings.NewReader(""), &stdout, &stderr)
	require.Equal(t, exitOK, code, stderr.String())
	return (&url.URL{Scheme: "file", Path: out}).String()
}

// seedArticle is the seed article of ../shared/corpus, beside the clone (as in CI), or the
// sample article when it is not there.
func seedArticle(t *testing.T) string {
	seed, err := filepath.Abs("../../../shared/corpus/seed/sputnik-soleimani-2020.txt")
	require.NoError(t, err)
	if _, err := os.Stat(seed); err == nil {
		return seed
	}
	t.Logf("%s is not there: using the sample article", seed)
	return "../../testdata/sample/article.md"
}

// TestBrowser opens teaching pages in headless Chromium, one browser with a tab for each
// part: the seed article's report (keyboard, explanation, filter, no request), the reports
// of articles full of injection attempts (nothing runs), and slant serve (the same, through
// the form).
func TestBrowser(t *testing.T) {
	path := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox,
		chromedp.WindowSize(1280, 900), chromedp.Flag("disable-gpu", true))
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	require.NoError(t, chromedp.Do(browser), "starting %s", path)

	t.Run("report", func(t *testing.T) {
		page := writeReport(t, seedArticle(t))
		tb := newTab(t, browser)
		tb.do(t, chromedp.Navigate(page))
		exercise(t, tb)
		tb.checkClean(t, func(u string) bool { return u == page })
		if *updateScreenshot {
			screenshot(t, tb)
		}
		readable(t, tb, page)
	})

	t.Run("without JavaScript", func(t *testing.T) {
		page := writeReport(t, seedArticle(t))
		tb := newTab(t, browser)
		_, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		require.NoError(t, err)
		tb.do(t, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("section.doc")))
		assert.True(t, js[bool](t, tb, `document.querySelectorAll('.article a.hl').length > 0 && [...document.querySelectorAll('.findings li.finding')].every(function (li) { return li.offsetParent !== null; })`),
			"every note is shown")
		assert.True(t, js[bool](t, tb, `[...document.querySelectorAll('.article a.hl')].every(function (a) { var li = document.querySelector(a.getAttribute('href')); return li && li.matches('li.finding'); })`),
			"every highlight links to its note")
		assert.True(t, js[bool](t, tb, `document.querySelector('.explain').hidden && document.querySelector('.filters').hidden && document.querySelector('input[data-kind="cat"]').hidden`),
			"what needs the script is hidden")
		tb.do(t, chromedp.Click(chromedp.CSS(".article a.hl")))
		assert.True(t, js[bool](t, tb, `location.hash !== '' && document.querySelector(':target').matches('li.finding')`), "a highlight leads to its note")
		tb.checkClean(t, func(u string) bool { return strings.HasPrefix(u, page) })
	})

	t.Run("injection", func(t *testing.T) {
		tb := newTab(t, browser)
		for _, name := range []string{"hostile.txt", "hostile.md", "hostile.html"} {
			page := writeReport(t, filepath.Join("..", "..", "testdata", "teach", name))
			tb.do(t, chromedp.Navigate(page))
			tb.checkClean(t, func(u string) bool { return u == page })
			tb.do(t, chromedp.WaitVisible(chromedp.CSS("section.doc")))
			// Open every highlight: the explanation copies the notes, hostile words and all.
			n := js[int](t, tb, `document.querySelectorAll('.article a.hl').length`)
			require.Positive(t, n, name)
			for i := range n {
				tb.do(t, chromedp.Click(chromedp.JSPath(`document.querySelectorAll('.article a.hl')[`+jsInt(i)+`]`)))
			}
			assert.True(t, js[bool](t, tb, `document.querySelector('.explain-body').textContent.indexOf('window.__pwned') >= 0 || document.querySelector('.article').textContent.indexOf('window.__pwned') >= 0`),
				"%s: the attempts show as text", name)
			tb.checkClean(t, func(u string) bool { return u == page })
			tb.mu.Lock()
			tb.requests = nil
			tb.mu.Unlock()
		}
	})

	t.Run("serve", func(t *testing.T) {
		h, err := newServer(serverOptions{MaxBytes: 1 << 20, Loopback: true})
		require.NoError(t, err)
		ts := httptest.NewServer(h)
		defer ts.Close()
		// The form and the report it posts to, and nothing else.
		ours := func(u string) bool { return u == ts.URL+"/" || u == ts.URL+"/report" }
		hostile, err := os.ReadFile(filepath.Join("..", "..", "testdata", "teach", "hostile.txt"))
		require.NoError(t, err)
		tb := newTab(t, browser)

		// Paste.
		tb.do(t, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("text")),
			chromedp.SetValue(chromedp.ID("text"), string(hostile)),
			chromedp.Click(chromedp.CSS(`button[value="view"]`)))
		exercise(t, tb)
		tb.checkClean(t, ours)
		assert.True(t, js[bool](t, tb, `document.querySelector('.article').textContent.indexOf('<script>window.__pwned=1;') >= 0`), "the pasted script shows as text")
		assert.True(t, js[bool](t, tb, `document.querySelector('a[download]').href.indexOf('data:text/html') === 0`), "a link downloads the report")

		// Upload an HTML page.
		hostileHTML, err := filepath.Abs(filepath.Join("..", "..", "testdata", "teach", "hostile.html"))
		require.NoError(t, err)
		tb.do(t, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("file")),
			chromedp.SetUploadFiles(chromedp.ID("file"), []string{hostileHTML}),
			chromedp.Click(chromedp.CSS(`button[value="view"]`)),
			chromedp.WaitVisible(chromedp.CSS("section.doc")))
		assert.Contains(t, js[string](t, tb, `document.querySelector('.meta-file').textContent`), "hostile.html (html)")
		tb.checkClean(t, ours)
	})
}

// readable checks the page open in tb in print, where what needs the script or the screen
// is left out and the notes follow the article, and on a phone, where the explanation opens
// over the bottom of the screen.
func readable(t *testing.T, tb *tab, page string) {
	t.Helper()
	_, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	require.NoError(t, err)
	assert.True(t, js[bool](t, tb, `getComputedStyle(document.querySelector('.explain')).display === 'none' && getComputedStyle(document.querySelector('.filters')).display === 'none'`),
		"in print, no panel and no filter")
	assert.True(t, js[bool](t, tb, `[...document.querySelectorAll('.findings li.finding')].every(function (li) { return li.offsetParent !== null; })`), "in print, every note")
	_, err = chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	require.NoError(t, err)

	tb.do(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS("section.doc")))
	assert.True(t, js[bool](t, tb, `document.querySelector('.explain').hidden`), "on a phone the explanation waits for a highlight")
	assert.True(t, js[bool](t, tb, `document.documentElement.scrollWidth <= window.innerWidth`), "on a phone nothing is wider than the screen")
	tb.do(t, chromedp.Click(chromedp.CSS(".article a.hl")))
	assert.True(t, js[bool](t, tb, `!document.querySelector('.explain').hidden && getComputedStyle(document.querySelector('.explain')).position === 'fixed'`),
		"on a phone the explanation opens over the bottom of the screen")
}

func jsInt(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// screenshot writes the README's picture of the seed article's report: a page as wide as a
// laptop's, with the explanation of a scare quote open beside the article.
func screenshot(t *testing.T, tb *tab) {
	t.Helper()
	if wd, err := os.Getwd(); err != nil || filepath.Base(wd) != "slant" || filepath.Base(filepath.Dir(wd)) != "cmd" {
		t.Fatalf("the screenshot is written from cmd/slant, not %s", wd)
	}
	tb.do(t, chromedp.EmulateViewport(1280, 1100),
		chromedp.Click(chromedp.JSPath(`document.querySelector('.article a.hl[title^="scare-quotes"]') || document.querySelector('.article a.hl')`)),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`),
		chromedp.Sleep(200*time.Millisecond),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.querySelector('section.doc').getBoundingClientRect().top + window.scrollY - 8)`),
		chromedp.Sleep(200*time.Millisecond))
	png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(screenshotPath), 0o755))
	require.NoError(t, os.WriteFile(screenshotPath, png, 0o644))
	t.Logf("wrote %s (%d bytes)", screenshotPath, len(png))
}
