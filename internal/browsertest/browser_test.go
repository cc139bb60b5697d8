package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/i18n"
	"github.com/odop-india/odop/internal/sitetest"
)

// timeout bounds each test's use of the browser, its start included.
const timeout = 60 * time.Second

// findBrowser returns the path of a Chromium or Chrome. Without one the
// test is skipped on a developer's machine, but fails in CI: there a
// skipped browser test would pass unseen.
func findBrowser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "no chromium, chromium-browser or google-chrome on PATH"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// catalogue is the real catalogue, built once for all the tests of the
// package that only read it: in all its languages it is 16,000 pages.
var catalogue struct {
	once sync.Once
	dir  string
	srv  *httptest.Server
	err  error
}

// TestMain removes the shared catalogue when the tests are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if catalogue.srv != nil {
		catalogue.srv.Close()
	}
	if catalogue.dir != "" {
		os.RemoveAll(catalogue.dir)
	}
	os.Exit(code)
}

// serveCatalogue builds the real catalogue from the repository's root,
// the first time a test asks, and serves it over HTTP. It returns the
// site's URL, ending in "/". Tests must not change the files.
func serveCatalogue(t *testing.T) string {
	t.Helper()
	catalogue.once.Do(func() {
		catalogue.dir, catalogue.err = os.MkdirTemp("", "odop-browsertest-")
		if catalogue.err != nil {
			return
		}
		out := filepath.Join(catalogue.dir, "site")
		catalogue.srv = httptest.NewServer(http.FileServer(http.Dir(out)))
		var st build.Stats
		st, catalogue.err = build.Build(build.Options{
			Src:     build.DirFS(filepath.Join("..", "..")),
			Out:     out,
			BaseURL: catalogue.srv.URL + "/",
		})
		t.Logf("built %v", st)
	})
	if catalogue.err != nil {
		t.Fatal(catalogue.err)
	}
	return catalogue.srv.URL + "/"
}

// siteLanguages are the languages of the repository's site.yaml, with
// their translation files.
func siteLanguages(t *testing.T) []*i18n.Lang {
	t.Helper()
	_, langs := sitetest.Load(t, build.DirFS(filepath.Join("..", "..")))
	return langs
}

// serveSite builds the site whose sources are src and serves it over
// HTTP. It returns the site's URL, ending in "/".
func serveSite(t *testing.T, src fs.FS) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	// The server starts first because the site is built for its URL:
	// canonical links and JSON-LD hold absolute URLs.
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	st, err := build.Build(build.Options{
		Src:     src,
		Out:     out,
		BaseURL: srv.URL + "/",
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built %v", st)
	return srv.URL + "/"
}

// newBrowser starts the headless browser exe with a fresh profile,
// closed when the test ends, and returns its context.
func newBrowser(t *testing.T, exe string) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // containers and CI run as root, where the sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		// No traffic of the browser's own, so that the test needs no network.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	// Cleanups run last first: the browser exits before its profile
	// directory, made above, is removed.
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancel()
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return bctx
}

// linkXPath finds a link in the page's main content by its text. The
// texts used have no apostrophe, so the XPath literal needs no escaping.
func linkXPath(text string) string {
	return "//main//a[normalize-space()='" + text + "']"
}

// hasLink reports whether the page's main content has a link with text.
func hasLink(ctx context.Context, text string) (bool, error) {
	xpath, err := json.Marshal(linkXPath(text)) // a JavaScript string literal
	if err != nil {
		return false, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(
		"document.evaluate(%s, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue !== null", xpath)))
}

// clickLink clicks the link with text in the page's main content, as a
// visitor would, and waits for the page it leads to.
func clickLink(ctx context.Context, text string) error {
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.Search(linkXPath(text))))
	if err != nil {
		return err
	}
	if resp.Status != http.StatusOK {
		return fmt.Errorf("%s: HTTP status %d", resp.URL, resp.Status)
	}
	return chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("h1")))
}

func TestLakadongInThreeClicks(t *testing.T) {
	exe := findBrowser(t) // first, not to build the site for nothing
	base := serveCatalogue(t)
	ctx := newBrowser(t, exe)
	const product = "Turmeric (Lakadong)"
	if err := chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	// On each page the product's own link is taken if there is one, else
	// the next step down, so the path found is the shortest of these.
	steps := []string{"Meghalaya", "West Jaintia Hills"}
	clicks := 0
	for {
		h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil {
			t.Fatal(err)
		}
		if h1 == product {
			break
		}
		if clicks == 3 {
			t.Fatalf("after 3 clicks the page is %q, not %q", h1, product)
		}
		next := product
		found, err := hasLink(ctx, product)
		if err != nil {
			t.Fatal(err)
		}
		if !found {
			if len(steps) == 0 {
				t.Fatalf("page %q links neither to %q nor to a page on the way", h1, product)
			}
			next, steps = steps[0], steps[1:]
		}
		if err := clickLink(ctx, next); err != nil {
			t.Fatalf("page %q: clicking %q: %v", h1, next, err)
		}
		clicks++
		t.Logf("click %d: %q", clicks, next)
	}

	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(loc)
	if err != nil {
		t.Fatal(err)
	}
	if want := "/states/meghalaya/west-jaintia-hills/turmeric-lakadong/"; !strings.HasSuffix(u.Path, want) {
		t.Errorf("the product's URL is %s, want a path ending in %s", loc, want)
	}

	scripts, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('script[type="application/ld+json"]'), s => s.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	isProduct := false
	for _, s := range scripts {
		var v struct {
			Type any `json:"@type"` // a string or a list of them
		}
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Errorf("JSON-LD does not parse: %v\n%s", err, s)
			continue
		}
		isProduct = isProduct || v.Type == "Product"
	}
	if !isProduct {
		t.Errorf("no JSON-LD with \"@type\": \"Product\" among %d scripts", len(scripts))
	}
}

// listState is what the A–Z list shows after filtering.
type listState struct {
	Total   int      `json:"total"`
	Visible int      `json:"visible"`
	Strays  []string `json:"strays"` // visible items that do not match
}

func TestNoJavaScriptErrors(t *testing.T) {
	exe := findBrowser(t) // first, not to build the site for nothing
	base := serveCatalogue(t)
	ctx := newBrowser(t, exe)

	// The listener runs on chromedp's reading goroutine while the test
	// runs actions, hence the lock.
	var (
		mu       sync.Mutex
		problems []string
	)
	err := chromedp.Listen(ctx, func(ev any) {
		var p string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			p = fmt.Sprintf("exception: %s %s:%d", d.Text, d.URL, d.LineNumber+1)
			if d.Exception != nil {
				p += ": " + d.Exception.Description
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				p = "console.error: " + strings.Join(args, " ")
			}
		case *log.EventEntryAdded:
			// The browser's own errors, such as a script or stylesheet
			// that failed to load.
			if ev.Entry.Level == log.EntryLevelError {
				p = fmt.Sprintf("browser: %s %s", ev.Entry.Text, ev.Entry.URL)
			}
		}
		if p != "" {
			mu.Lock()
			problems = append(problems, p)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	takeProblems := func() []string {
		mu.Lock()
		defer mu.Unlock()
		p := problems
		problems = nil
		return p
	}

	for _, path := range []string{
		"",
		"states/meghalaya/",
		"states/meghalaya/west-jaintia-hills/turmeric-lakadong/",
		"products/",
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatalf("/%s: %v", path, err)
		}
		for _, p := range takeProblems() {
			t.Errorf("/%s: %s", path, p)
		}
	}

	// Still on /products/: the filter box that app.js adds narrows the list.
	const box = `.filter input[type="search"]`
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS(box)),
		chromedp.SendKeys(chromedp.CSS(box), "walnut"),
	); err != nil {
		t.Fatal(err)
	}
	// The list is filtered in the input event of the last key, in the
	// same task that sets the value: once the value is whole, it is done.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](
		`document.querySelector('`+box+`').value === "walnut"`,
		chromedp.WithPollingInterval(10*time.Millisecond))); err != nil {
		t.Fatal(err)
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[listState](`(() => {
		const items = Array.from(document.querySelectorAll("ul.families > li"));
		const shown = items.filter(li => li.checkVisibility());
		return {
			total: items.length,
			visible: shown.length,
			strays: shown.map(li => li.textContent.trim()).filter(s => !s.toLowerCase().includes("walnut")),
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("filtering for walnut: %d of %d product families shown", st.Visible, st.Total)
	if st.Visible == 0 || st.Visible >= st.Total {
		t.Errorf("filtering for walnut shows %d of %d product families, want some but not all", st.Visible, st.Total)
	}
	for _, s := range st.Strays {
		t.Errorf("filtering for walnut shows %q", s)
	}
	for _, p := range takeProblems() {
		t.Errorf("/products/, filtering: %s", p)
	}

	// A probe, so that a listener that hears nothing cannot pass the
	// test unnoticed.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`console.error("probe")`)); err != nil {
		t.Fatal(err)
	}
	if p := takeProblems(); len(p) != 1 || !strings.Contains(p[0], "probe") {
		t.Errorf("the listener heard %q after a console.error of %q", p, "probe")
	}
}
