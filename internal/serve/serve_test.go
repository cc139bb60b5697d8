package serve_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/odop-india/odop/internal/serve"
	"github.com/odop-india/odop/internal/sitetest"
)

const (
	goodCSV = `state,district,lgd_code,product,category,sector,gi_status,description
Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Yes,Grown in the hills.
Meghalaya,East Jaintia Hills,657,Turmeric,Primary,Agriculture,No,
`
	productPage = "/states/meghalaya/west-jaintia-hills/turmeric-lakadong/"
	csvFile     = "data/products/meghalaya.csv"
)

// syncBuffer is the server's terminal, written by its goroutines and read
// by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs a dev server on a copy of the site in dir, as odop serve
// does, and returns its URL (ending in "/") and terminal.
func start(t testing.TB, dir string, languages ...string) (string, *syncBuffer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- serve.Run(ctx, ln, serve.Options{Src: dir, Log: log, Languages: languages}) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve.Run: %v", err)
		}
	})
	return "http://" + ln.Addr().String() + "/", log
}

// get fetches a URL and returns its status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// listen opens the server's event stream, as a page's reload script does,
// and returns the state events as they come.
func listen(t testing.TB, base string) <-chan serve.Event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+strings.TrimPrefix(serve.EventsPath, "/"), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream's Content-Type is %q", ct)
	}
	events := make(chan serve.Event, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && name == "state":
				var ev serve.Event
				if err := json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev); err == nil {
					events <- ev
				}
			case line == "":
				name = ""
			}
		}
	}()
	t.Cleanup(cancel)
	return events
}

// next waits for the next event that satisfies ok, for at most d.
func next(t testing.TB, events <-chan serve.Event, d time.Duration, what string, ok func(serve.Event) bool) serve.Event {
	t.Helper()
	timeout := time.After(d)
	for {
		select {
		case ev := <-events:
			if ok(ev) {
				return ev
			}
		case <-timeout:
			t.Fatalf("no event %s within %v", what, d)
		}
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLiveReload(t *testing.T) {
	dir := sitetest.Dir(t, "-- "+csvFile+" --\n"+goodCSV)
	base, log := start(t, dir)

	status, page := get(t, base+productPage[1:])
	if status != 200 || !strings.Contains(page, "Grown in the hills.") {
		t.Fatalf("product page: %d\n%.300s", status, page)
	}
	if !strings.Contains(page, `<script src="`+serve.ReloadPath+`" data-build="1" defer></script></head>`) {
		t.Error("the page lacks the reload script")
	}
	events := listen(t, base)
	first := next(t, events, 2*time.Second, "on connecting", func(serve.Event) bool { return true })
	if first.Build != 1 || len(first.Errors) != 0 {
		t.Fatalf("first event %+v, want build 1 without errors", first)
	}

	// A one-line edit: the page changes, and open pages hear of it,
	// within 2 seconds of the save.
	saved := time.Now()
	write(t, dir, csvFile, strings.Replace(goodCSV, "Grown in the hills.", "Grown in the Jaintia hills.", 1))
	next(t, events, 2*time.Second, "for the edit", func(ev serve.Event) bool { return ev.Build == 2 })
	_, page = get(t, base+productPage[1:])
	took := time.Since(saved)
	if !strings.Contains(page, "Grown in the Jaintia hills.") {
		t.Error("after the reload event the page still shows the old text")
	}
	if took > 2*time.Second {
		t.Errorf("the edit took %v to show", took)
	}
	t.Logf("edit to reload event and new page: %v", took.Round(time.Millisecond))

	// A broken edit: the last good page is still served, and the error
	// reaches the page and the terminal.
	write(t, dir, csvFile, strings.Replace(goodCSV, "Agriculture,Yes", "Agriculture,Maybe", 1))
	const want = csvFile + `:2:74: gi_status "Maybe": want Yes or No`
	bad := next(t, events, 2*time.Second, "with the error", func(ev serve.Event) bool { return len(ev.Errors) > 0 })
	if bad.Build != 2 || !strings.Contains(strings.Join(bad.Errors, "\n"), want) {
		t.Errorf("event %+v, want build 2 with the error %s", bad, want)
	}
	status, page = get(t, base+productPage[1:])
	if status != 200 || !strings.Contains(page, "Grown in the Jaintia hills.") {
		t.Errorf("after a broken edit the page is %d, not the last good build:\n%.300s", status, page)
	}
	if got := log.String(); !strings.Contains(got, want) || !strings.Contains(got, "still serving the last good build") {
		t.Errorf("the terminal does not show the error:\n%s", got)
	}

	// Fixing it builds again.
	write(t, dir, csvFile, goodCSV)
	fixed := next(t, events, 2*time.Second, "for the fix", func(ev serve.Event) bool { return ev.Build == 3 })
	if len(fixed.Errors) != 0 {
		t.Errorf("after the fix: %+v", fixed)
	}
	if _, page = get(t, base+productPage[1:]); !strings.Contains(page, "Grown in the hills.") {
		t.Error("the fix is not served")
	}
}

func TestFirstBuildFails(t *testing.T) {
	dir := sitetest.Dir(t, "-- "+csvFile+" --\n"+strings.Replace(goodCSV, "Agriculture,Yes", "Agriculture,Maybe", 1))
	base, _ := start(t, dir)
	status, page := get(t, base+productPage[1:])
	if status != http.StatusInternalServerError || !strings.Contains(page, csvFile+":2:") || !strings.Contains(page, serve.ReloadPath) {
		t.Fatalf("with no good build: %d\n%s", status, page)
	}
	events := listen(t, base)
	write(t, dir, csvFile, goodCSV)
	next(t, events, 2*time.Second, "for the fix", func(ev serve.Event) bool { return ev.Build == 1 && len(ev.Errors) == 0 })
	if status, _ := get(t, base+productPage[1:]); status != 200 {
		t.Errorf("after the fix: %d", status)
	}
}

func TestServesAsACDNWould(t *testing.T) {
	dir := sitetest.Dir(t, "-- "+csvFile+" --\n"+goodCSV)
	base, _ := start(t, dir)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	resp, err := noRedirect.Get(base + "states/meghalaya")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/states/meghalaya/" {
		t.Errorf("a directory without its slash: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}

	resp, err = http.Get(base + "states/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for name, want := range map[string]string{
		"Content-Type":           "text/html; charset=utf-8",
		"X-Content-Type-Options": "nosniff",
		"Cache-Control":          "no-store",
	} {
		if got := resp.Header.Get(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("no CSP from _headers: %q", csp)
	}

	status, page := get(t, base+"no/such/page/")
	if status != http.StatusNotFound || !strings.Contains(page, "Page not found") {
		t.Errorf("a missing page: %d", status)
	}
	if status, _ := get(t, base+"_headers"); status != http.StatusNotFound {
		t.Errorf("_headers is served: %d", status)
	}
	status, js := get(t, base+strings.TrimPrefix(serve.ReloadPath, "/"))
	if status != 200 || !strings.Contains(js, "EventSource") {
		t.Errorf("the reload script: %d", status)
	}
	// The reload script is the dev server's: no built file names it.
	if status, csv := get(t, base+"catalogue.csv"); status != 200 || strings.Contains(csv, "_odop") {
		t.Errorf("catalogue.csv: %d", status)
	}
}

// BenchmarkRebuildReal edits one row of the real catalogue's CSV under a
// running dev server and waits for the reload event: ns/op and
// median-ms are the time from the save to the event, which includes
// noticing the change and letting it settle (inotify on Linux, then 8 ms
// without another change); build-ms is the median rebuild alone, as the
// terminal reports it.
func BenchmarkRebuildReal(b *testing.B) {
	// "all": the site as published, every language of site.yaml;
	// "en": odop serve -languages en, the site of the Hugo comparison.
	b.Run("all", func(b *testing.B) { rebuildReal(b) })
	b.Run("en", func(b *testing.B) { rebuildReal(b, "en") })
}

func rebuildReal(b *testing.B, languages ...string) {
	root := sitetest.RepoRoot(b)
	dir := b.TempDir()
	for _, name := range []string{"site.yaml", "data", "content", "templates", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(root, name))); err != nil {
			// site.yaml is a file: CopyFS copies directories.
			data, err := os.ReadFile(filepath.Join(root, name))
			if err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	csvPath := filepath.Join(dir, "data", "products", "meghalaya.csv")
	orig, err := os.ReadFile(csvPath)
	if err != nil {
		b.Fatal(err)
	}
	base, log := start(b, dir, languages...)
	events := listen(b, base)
	build := next(b, events, 5*time.Second, "on connecting", func(serve.Event) bool { return true }).Build
	var buildMs, reloadMs []float64
	took := regexp.MustCompile(` in ([0-9]+) ms after `)
	i := 0
	for b.Loop() {
		i++
		edited := strings.Replace(string(orig), "Lakadong turmeric", fmt.Sprintf("Lakadong turmeric (edit %d)", i), 1)
		saved := time.Now()
		if err := os.WriteFile(csvPath, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		build++
		next(b, events, 10*time.Second, "for the edit", func(ev serve.Event) bool { return ev.Build >= build })
		reloadMs = append(reloadMs, float64(time.Since(saved).Microseconds())/1000)
		lines := strings.Split(strings.TrimSpace(log.String()), "\n")
		m := took.FindStringSubmatch(lines[len(lines)-1])
		if m == nil {
			b.Fatalf("no build time in %q", lines[len(lines)-1])
		}
		ms, _ := strconv.ParseFloat(m[1], 64)
		buildMs = append(buildMs, ms)
	}
	b.ReportMetric(median(reloadMs), "median-ms")
	b.ReportMetric(median(buildMs), "build-ms")
}

func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	if len(xs) == 0 {
		return 0
	}
	if len(xs)%2 == 1 {
		return xs[len(xs)/2]
	}
	return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
}
