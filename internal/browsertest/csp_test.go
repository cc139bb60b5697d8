package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/headers"
)

// cspPage is a page loaded under the site's Content-Security-Policy, with
// what must work on it. A page's scripts may fail quietly when the CSP
// blocks them, so a page whose JavaScript does something has a check that
// it did.
type cspPage struct {
	path     string // below the site's root
	check    func(ctx context.Context) error
	notFound bool // the address has no page: the 404 page shows, with status 404
}

// cspPages are the pages TestPagesUnderCSP loads: one of each kind, and
// every page with JavaScript of its own. A new page with scripts belongs
// here, with a check that they work (for the search page: that a query
// shows results).
func cspPages() []cspPage {
	return []cspPage{
		{path: ""},
		{path: "states/"},
		{path: "states/meghalaya/"},
		{path: "states/meghalaya/west-jaintia-hills/"},
		{path: "states/meghalaya/west-jaintia-hills/turmeric-lakadong/"},
		{path: "sectors/agriculture/"},
		{path: "products/", check: filterWorks},
		{path: "search/", check: searchWorks},
		{path: "gi/"},
		{path: "gi/registry/"},
		{path: "stories/"},
		{path: "stories/kashmir-walnuts-first-consignment-budgam/"},
		{path: "buyers/"},
		{path: "no-such-page/", notFound: true},
	}
}

// filterWorks types into the filter box app.js adds to the A–Z list and
// checks that the list narrows.
func filterWorks(ctx context.Context) error {
	const box = `.filter input[type="search"]`
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(box)),
		chromedp.SendKeys(chromedp.CSS(box), "walnut"),
	); err != nil {
		return err
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.querySelector('`+box+`').value === "walnut"`,
		chromedp.WithPollingInterval(10*time.Millisecond))); err != nil {
		return err
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`(() => {
		const items = Array.from(document.querySelectorAll("ul.families > li"));
		return [items.filter(li => li.checkVisibility()).length, items.length];
	})()`))
	if err != nil {
		return err
	}
	if shown[0] == 0 || shown[0] >= shown[1] {
		return fmt.Errorf("filtering for walnut shows %d of %d product families", shown[0], shown[1])
	}
	return nil
}

// searchWorks waits for the search page to load its index, types
// "turmeric" and wants Lakadong turmeric among the results: the index's
// fetches and the client's rendering all run under the CSP.
func searchWorks(ctx context.Context) error {
	if err := poll(ctx, `document.querySelectorAll("#search-facets fieldset").length > 0 &&
		!document.getElementById("search-status").textContent.startsWith("Loading")`); err != nil {
		return err
	}
	st, err := typeQuery(ctx, "turmeric")
	if err != nil {
		return err
	}
	for _, r := range st.Results {
		if r.Path == "states/meghalaya/west-jaintia-hills/turmeric-lakadong/" {
			return nil
		}
	}
	return fmt.Errorf("searching turmeric under the CSP: %s, no Lakadong turmeric among %v", st.Status, st.Results)
}

// serveWithHeaders builds the real catalogue and serves it as a CDN that
// reads _headers would: every response gets the headers of the rules that
// match its path. It returns the site's URL, ending in "/".
func serveWithHeaders(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	var rules headers.Rules
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, vs := range rules.For(r.URL.Path) {
			w.Header()[k] = vs
		}
		// A CDN serves 404.html for a path without a file.
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(r.URL.Path))); err != nil {
			body, _ := os.ReadFile(filepath.Join(out, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(body)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	if _, err := build.Build(build.Options{Src: build.DirFS(filepath.Join("..", "..")), Out: out, BaseURL: srv.URL + "/"}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "_headers"))
	if err != nil {
		t.Fatal(err)
	}
	if rules, err = headers.Parse(data); err != nil {
		t.Fatal(err)
	}
	return srv.URL + "/"
}

// violations collects what the browser reports as a breach of the CSP,
// and JavaScript errors, which a blocked script often causes.
type violations struct {
	mu   sync.Mutex
	list []string
}

func (v *violations) add(s string) {
	v.mu.Lock()
	v.list = append(v.list, s)
	v.mu.Unlock()
}

func (v *violations) take() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	l := v.list
	v.list = nil
	return l
}

// watchViolations makes the browser report every CSP violation: through
// the securitypolicyviolation event, which a script added by the test (not
// subject to the page's CSP) forwards to the console, and through the
// browser's own log, where Chromium reports blocked resources.
func watchViolations(t *testing.T, ctx context.Context) *violations {
	t.Helper()
	v := &violations{}
	chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			for _, a := range ev.Args {
				if s := string(a.Value); strings.Contains(s, "odop-csp-violation") {
					v.add(s)
				}
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				v.add("console.error: " + strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			v.add("exception: " + ev.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || strings.Contains(ev.Entry.Text, "Content Security Policy") {
				v.add(fmt.Sprintf("browser (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
			}
		}
	})
	const listener = `document.addEventListener("securitypolicyviolation", e =>
		console.log("odop-csp-violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
			" at " + e.sourceFile + ":" + e.lineNumber));`
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: listener})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestPagesUnderCSP(t *testing.T) {
	exe := findBrowser(t) // first, not to build the site for nothing
	base := serveWithHeaders(t)
	ctx := newBrowser(t, exe)
	v := watchViolations(t, ctx)

	for _, p := range cspPages() {
		resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(base+p.path))
		if err != nil {
			t.Fatalf("/%s: %v", p.path, err)
		}
		if want := map[bool]int64{false: 200, true: 404}[p.notFound]; resp.Status != want {
			t.Errorf("/%s: status %d, want %d", p.path, resp.Status, want)
		}
		if csp, _ := resp.Headers["Content-Security-Policy"].(string); csp != headers.CSP() {
			t.Errorf("/%s: served with CSP %q, want the site's", p.path, csp)
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatalf("/%s: %v", p.path, err)
		}
		if p.check != nil {
			if err := p.check(ctx); err != nil {
				t.Errorf("/%s: %v", p.path, err)
			}
		}
		// Reports of the last resources come after load; a round trip
		// through the page lets them arrive.
		if err := pause(ctx, 50); err != nil {
			t.Fatal(err)
		}
		for _, s := range v.take() {
			// The browser logs the 404 page's own status as an error.
			if p.notFound && strings.Contains(s, "status of 404") && strings.HasSuffix(s, " "+base+p.path) {
				continue
			}
			t.Errorf("/%s: %s", p.path, s)
		}
	}

	// A probe: an inline script, which the CSP must block and the
	// listeners must hear, so that a test that hears nothing has meaning.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.createElement("script");
		s.textContent = "document.title = 'inline ran'";
		document.head.appendChild(s);
	})()`)); err != nil {
		t.Fatal(err)
	}
	if err := pause(ctx, 100); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	heard := strings.Join(v.take(), "\n")
	if title == "inline ran" || !strings.Contains(heard, "odop-csp-violation: script-src") {
		t.Errorf("an inline script: title %q, heard %q; want it blocked and reported", title, heard)
	}
}

// pause waits ms milliseconds inside the page, so that events the page
// queued before have been delivered.
func pause(ctx context.Context, ms int) error {
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		fmt.Sprintf("new Promise(r => setTimeout(() => r(true), %d))", ms), chromedp.EvalAwaitPromise))
	return err
}
