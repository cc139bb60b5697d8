// Command searchbench compares odop's search with Pagefind's on the same
// built site, in one run, and prints both sides' figures. It is run by
// bench/search-vs-pagefind.sh, which builds the site and installs
// Pagefind; see there.
//
// For each side it serves the site over HTTP on the loopback address,
// opens the search page in a fresh headless Chromium, waits until the
// network is quiet, types the query key by key, and waits until results
// are shown and the network is quiet again. It counts requests and bytes
// from the browser's network events (bytes as received, headers
// included) and from the server (response bodies, and the same bodies
// gzipped, as a server that compresses would send them).
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/search"
)

func main() {
	var (
		repo     = flag.String("repo", ".", "the odop repository: its catalogue is indexed for the build time")
		ours     = flag.String("site", "", "the site built by odop build")
		pagefind = flag.String("pagefind", "", "the pagefind binary")
		work     = flag.String("work", "", "a scratch directory for Pagefind's copy of the site")
		query    = flag.String("q", "turmeric", "the query to type")
		browser  = flag.String("browser", "chromium", "the browser to drive")
	)
	flag.Parse()
	if *ours == "" || *pagefind == "" || *work == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*repo, *ours, *pagefind, *work, *query, *browser); err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		os.Exit(1)
	}
}

// side is one search engine under test.
type side struct {
	name      string
	dir       string // the site to serve
	input     string // CSS selector of the search box
	shown     string // JavaScript: true once results for the query are shown
	indexData int64  // bytes of the index's data files
	indexCode int64  // bytes of its client code (scripts, styles, WebAssembly)
	buildTime time.Duration
	buildWhat string
}

// phase is what one step of a visit fetched.
type phase struct {
	requests  int   // as the server saw them
	wire      int64 // bytes received by the page, headers included, from its network events
	seen      int   // requests the page's network events report
	urls      []string
	body      int64 // response bodies sent by the server
	gzipBody  int64 // the same bodies, gzipped
	resultsMS float64
}

func run(repo, ours, pagefind, work, query, browser string) error {
	pf := filepath.Join(work, "pagefind-site")
	if err := os.CopyFS(pf, os.DirFS(ours)); err != nil {
		return err
	}
	if err := pagefindPage(filepath.Join(pf, "search", "index.html")); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "running pagefind...")
	start := time.Now()
	out, err := exec.Command(pagefind, "--site", pf).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pagefind: %v\n%s", err, out)
	}
	pfTime := time.Since(start)

	odopTime, err := indexTime(repo)
	if err != nil {
		return err
	}
	sides := []*side{
		{name: "odop", dir: ours, input: "#search-q",
			shown: `document.querySelectorAll("#search-results a").length > 0 &&
				document.getElementById("search-status").textContent.includes("\u201c` + query + `\u201d")`,
			buildTime: odopTime, buildWhat: "search.Build + Files, from the loaded catalogue, median of 9"},
		{name: "Pagefind 1.6.0", dir: pf, input: ".pagefind-ui__search-input",
			shown:     `document.querySelectorAll(".pagefind-ui__result-link").length > 0`,
			buildTime: pfTime, buildWhat: "pagefind --site, wall clock, reading the built pages"},
	}
	if sides[0].indexData, sides[0].indexCode, err = odopSizes(ours); err != nil {
		return err
	}
	if sides[1].indexData, sides[1].indexCode, err = pagefindSizes(filepath.Join(pf, "pagefind")); err != nil {
		return err
	}
	results := make([][2]phase, len(sides))
	for i, s := range sides {
		fmt.Fprintf(os.Stderr, "visiting %s's search page...\n", s.name)
		if results[i], err = visit(s, query, browser); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	report(sides, results, query)
	return nil
}

// pagefindPage turns a copy of odop's search page into Pagefind's: the
// same header, footer and styles, with Pagefind's default UI, set up as
// its documentation shows, in place of odop's search.
func pagefindPage(file string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	page := string(b)
	i, j := strings.Index(page, `<div id="search"`), strings.Index(page, "</main>")
	if i < 0 || j < i {
		return errors.New("the search page has no #search before </main>")
	}
	ui := `<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script>
<div id="search"></div>
<script>window.addEventListener("DOMContentLoaded", () => { new PagefindUI({ element: "#search", showSubResults: true }); });</script>
`
	page = page[:i] + ui + page[j:]
	page = regexp.MustCompile(`<script src="[^"]*/search\.[0-9a-f]+\.js" defer></script>`).ReplaceAllString(page, "")
	// Pagefind's UI needs an inline script and WebAssembly, which odop's
	// Content-Security-Policy (in a <meta> element too) does not allow.
	page = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="[^"]*">`).ReplaceAllString(page, "")
	return os.WriteFile(file, []byte(page), 0o644)
}

// indexTime times building odop's index of the catalogue in repo.
func indexTime(repo string) (time.Duration, error) {
	c, problems := catalog.Load(build.DirFS(repo))
	if problems.Errors() > 0 {
		return 0, problems.Err()
	}
	var times []time.Duration
	for range 9 {
		start := time.Now()
		if _, err := search.Build(c).Files(); err != nil {
			return 0, err
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

func odopSizes(site string) (data, code int64, err error) {
	data, err = dirSize(filepath.Join(site, "search"), func(p string) bool { return strings.HasSuffix(p, ".json") })
	if err != nil {
		return
	}
	code, err = dirSize(filepath.Join(site, "assets"), func(p string) bool { return strings.Contains(p, "search.") })
	return
}

// pagefindSizes splits Pagefind's directory into the index (its word
// chunks, fragments, filters and metadata) and the code that reads it.
func pagefindSizes(dir string) (data, code int64, err error) {
	all, err := dirSize(dir, func(string) bool { return true })
	if err != nil {
		return
	}
	data, err = dirSize(dir, func(p string) bool {
		return strings.Contains(p, "/index/") || strings.Contains(p, "/fragment/") || strings.Contains(p, "/filter/") ||
			strings.HasSuffix(p, ".pf_meta") || strings.HasSuffix(p, "pagefind-entry.json")
	})
	return data, all - data, err
}

func dirSize(dir string, keep func(string) bool) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !keep(filepath.ToSlash(p)) {
			return err
		}
		info, err := d.Info()
		n += info.Size()
		return err
	})
	return n, err
}

// counter counts what the server sends, for the phase under way.
type counter struct {
	mu    sync.Mutex
	cur   *phase
	files http.Handler
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	c.files.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(body)
	zw.Close()
	c.mu.Lock()
	if c.cur != nil {
		c.cur.requests++
		c.cur.urls = append(c.cur.urls, fmt.Sprintf("%7d %s", len(body), r.URL.Path))
		c.cur.body += int64(len(body))
		c.cur.gzipBody += int64(gz.Len())
	}
	c.mu.Unlock()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	w.Write(body)
}

// visit loads s's search page, then types the query, and says what each
// of the two steps fetched.
func visit(s *side, query, browser string) ([2]phase, error) {
	var phases [2]phase
	cnt := &counter{files: http.FileServer(http.Dir(s.dir))}
	srv := httptest.NewServer(cnt)
	defer srv.Close()

	profile, err := os.MkdirTemp("", "searchbench-profile-")
	if err != nil {
		return phases, err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(profile))...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx); err != nil {
		return phases, err
	}

	var (
		mu       sync.Mutex
		cur      *phase
		lastSeen = time.Now()
		open     = map[network.RequestID]bool{}
	)
	err = chromedp.Listen(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if strings.HasPrefix(ev.Request.URL, "http") && cur != nil && !open[ev.RequestID] {
				cur.seen++
				open[ev.RequestID] = true
			}
		case *network.EventLoadingFinished:
			if cur != nil && open[ev.RequestID] {
				cur.wire += int64(ev.EncodedDataLength)
			}
			delete(open, ev.RequestID)
		case *network.EventLoadingFailed:
			delete(open, ev.RequestID)
		default:
			return
		}
		lastSeen = time.Now()
	})
	if err != nil {
		return phases, err
	}
	if _, err := chromedp.Call(bctx, network.Enable, network.EnableParams{}); err != nil {
		return phases, err
	}
	begin := func(p *phase) {
		mu.Lock()
		cur = p
		mu.Unlock()
		cnt.mu.Lock()
		cnt.cur = p
		cnt.mu.Unlock()
	}
	// quiet waits until no request is open and nothing has happened on
	// the network for half a second. A request that a worker finishes
	// is never seen to finish here, so after 10 s it is given up.
	quiet := func() {
		for start := time.Now(); ; {
			time.Sleep(50 * time.Millisecond)
			mu.Lock()
			idle := time.Since(lastSeen) > 500*time.Millisecond
			done := idle && (len(open) == 0 || time.Since(start) > 10*time.Second)
			mu.Unlock()
			if done {
				return
			}
		}
	}

	begin(&phases[0])
	if err := chromedp.Do(bctx, chromedp.Navigate(srv.URL+"/search/"), chromedp.WaitVisible(chromedp.CSS(s.input))); err != nil {
		return phases, err
	}
	quiet()

	begin(&phases[1])
	// The time from the keydown of the query's last letter to the first
	// frame in which results are shown, measured in the page.
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const input = document.querySelector(%q);
		window.benchStart = 0;
		window.benchMS = 0;
		input.addEventListener("keydown", () => { window.benchStart = performance.now(); }, true);
		const shown = () => %s;
		new MutationObserver(() => {
			if (window.benchMS || input.value !== %q || !shown()) return;
			const t0 = window.benchStart;
			window.benchMS = -1;
			requestAnimationFrame(() => { window.benchMS = performance.now() - t0; });
		}).observe(document.body, {childList: true, subtree: true, characterData: true});
	})()`, s.input, s.shown, query))); err != nil {
		return phases, err
	}
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS(s.input)), chromedp.SendKeys(chromedp.CSS(s.input), query)); err != nil {
		return phases, err
	}
	ms, err := chromedp.Run(bctx, chromedp.Poll[float64](`window.benchMS > 0 && window.benchMS`,
		chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		html, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector("main").innerHTML.slice(0, 3000)`))
		return phases, fmt.Errorf("waiting for results: %w\n%s", err, html)
	}
	phases[1].resultsMS = ms
	quiet()
	begin(nil)
	return phases, nil
}

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

func report(sides []*side, results [][2]phase, query string) {
	fmt.Printf("The search page, then a first search for %q typed key by key, on the same site\n", query)
	fmt.Printf("served from 127.0.0.1. Requests and bytes as the server sent them (response bodies),\n")
	fmt.Printf("uncompressed and, in brackets, gzipped.\n\n")
	fmt.Printf("%-27s %-30s %-30s\n", "", sides[0].name, sides[1].name)
	row := func(label string, f func(i int) string) {
		fmt.Printf("%-27s %-30s %-30s\n", label, f(0), f(1))
	}
	fetch := func(p phase) string {
		return fmt.Sprintf("%s in %d req (%s)", kb(p.body), p.requests, kb(p.gzipBody))
	}
	sum := func(i int) phase {
		a, b := results[i][0], results[i][1]
		return phase{requests: a.requests + b.requests, body: a.body + b.body, gzipBody: a.gzipBody + b.gzipBody,
			seen: a.seen + b.seen, wire: a.wire + b.wire}
	}
	row("load the search page", func(i int) string { return fetch(results[i][0]) })
	row("first search", func(i int) string { return fetch(results[i][1]) })
	row("together", func(i int) string { return fetch(sum(i)) })
	row("last keystroke to results", func(i int) string { return fmt.Sprintf("%.0f ms", results[i][1].resultsMS) })
	row("index data, all files", func(i int) string { return kb(sides[i].indexData) })
	row("search code, all files", func(i int) string { return kb(sides[i].indexCode) })
	row("index build time", func(i int) string { return fmt.Sprintf("%d ms", sides[i].buildTime.Milliseconds()) })
	row("page's own network events", func(i int) string {
		p := sum(i)
		return fmt.Sprintf("%d req, %s", p.seen, kb(p.wire))
	})
	fmt.Println()
	for _, s := range sides {
		fmt.Printf("%s build time: %s\n", s.name, s.buildWhat)
	}
	fmt.Println("The page's own network events include headers and miss requests made by a worker (Pagefind's).")
	a, b := sum(0), sum(1)
	fmt.Printf("\nodop fetches %.0f%% of Pagefind's bytes (%.0f%% gzipped), in %d requests against %d.\n",
		100*float64(a.body)/float64(b.body), 100*float64(a.gzipBody)/float64(b.gzipBody), a.requests, b.requests)
	for i, s := range sides {
		fmt.Printf("\n%s fetched:\n", s.name)
		for j, what := range []string{"loading the page", "first search"} {
			fmt.Printf("  %s:\n", what)
			for _, u := range results[i][j].urls {
				fmt.Printf("    %s\n", u)
			}
		}
	}
}
