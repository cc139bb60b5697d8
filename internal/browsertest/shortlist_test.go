package browsertest

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
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
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/sitetest"
)

// findTool returns the path of a command the test needs besides the
// browser. As with the browser, a missing one skips the test on a
// developer's machine and fails it in CI.
func findTool(t *testing.T, name, pkg string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	msg := fmt.Sprintf("no %s on PATH (Debian package %s)", name, pkg)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// listed is a product as the shortlist page shows it.
type listed struct {
	Path  string `json:"path"`
	State string `json:"state"`
	Name  string `json:"name"`
	Note  string `json:"note"`
}

// shortlistShown reads the list on /shortlist/ once it is drawn: the
// products in the order shown, each under its state's heading.
const shortlistShown = `Array.from(document.querySelectorAll("[data-shortlist-list] li[data-path]"), li => ({
	path: li.dataset.path,
	state: li.closest("section").querySelector("h2").textContent,
	name: li.querySelector("h3").textContent,
	note: (li.querySelector("textarea") || {}).value ?? li.querySelector(".note-text").textContent.replace(/^Note: /, ""),
}))`

// navText is what a printed page must not show: the main navigation, the
// breadcrumbs, and the skip link and buttons, each a list of texts. It is
// read from the page itself, so that a new menu entry is checked too.
const navText = `({
	menu: Array.from(document.querySelectorAll('nav[aria-label="Main"] a'), el => el.textContent.trim()),
	crumbs: Array.from(document.querySelectorAll('.crumbs a'), el => el.textContent.trim()),
	other: Array.from(document.querySelectorAll('.skip, button'), el => el.textContent.trim()).filter(s => s !== ""),
})`

// navTexts are a page's navigation texts, read with navText.
type navTexts struct {
	Menu   []string `json:"menu"`
	Crumbs []string `json:"crumbs"`
	Other  []string `json:"other"`
}

// TestShortlist adds three products of two States/UTs to the shortlist with
// their buttons, finds them on /shortlist/ after a reload, adds a note,
// downloads the CSV, opens the share link in a fresh browser profile, and
// prints the list and a State/UT page to PDF.
func TestShortlist(t *testing.T) {
	exe := findBrowser(t)
	pdftotext := findTool(t, "pdftotext", "poppler-utils")
	base, _ := serveStrict(t, build.DirFS(filepath.Join("..", "..")))
	ctx := newBrowser(t, exe)
	errs := browserErrors(t, ctx)
	defer func() {
		for _, e := range errs() {
			t.Errorf("the browser reported: %s", e)
		}
	}()

	products := []listed{
		{Path: "states/jammu-and-kashmir/budgam/kani-shawls/", State: "Jammu and Kashmir", Name: "Kani Shawls"},
		{Path: "states/meghalaya/ri-bhoi/eri-silk-handloom-ryndia/", State: "Meghalaya", Name: "Eri Silk Handloom (Ryndia)"},
		{Path: "states/meghalaya/west-jaintia-hills/turmeric-lakadong/", State: "Meghalaya", Name: "Turmeric (Lakadong)"},
	}
	// Added in another order than the list shows them: by state, district
	// and name. Kani shawls are added from a search result, the others from
	// their pages.
	for _, i := range []int{2, 0, 1} {
		p := products[i]
		page, button := base+p.Path, "button.shortlist-button"
		if i == 0 {
			page = base + "search/?q=kani+shawls+budgam"
			button = `#search-results [data-shortlist-item="` + p.Path + `"] button`
		}
		if err := chromedp.Do(ctx,
			chromedp.Navigate(page),
			chromedp.WaitVisible(chromedp.CSS(button)),
			chromedp.Click(chromedp.CSS(button)),
		); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		label, err := chromedp.Run(ctx, chromedp.Poll[string](
			`document.querySelector('`+button+`').textContent.startsWith("Remove") && document.querySelector('`+button+`').textContent`,
			chromedp.WithPollingTimeout(5*time.Second)))
		if err != nil {
			t.Fatalf("%s: the button does not change after a click: %v", p.Path, err)
		}
		if want := "Remove from shortlist: " + p.Name; label != want {
			t.Errorf("%s: the button reads %q after a click, want %q", p.Path, label, want)
		}
	}

	// After a reload the list is still there, grouped by state.
	const note = `=HYPERLINK("x") ask for samples, <b>100 kg</b>`
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"shortlist/"),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS("[data-shortlist-list] li")),
	); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]listed](shortlistShown))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, products) {
		t.Fatalf("/shortlist/ shows\n%v\nwant\n%v", got, products)
	}
	nojs, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("[data-shortlist-nojs]").checkVisibility()`))
	if err != nil || nojs {
		t.Errorf("with JavaScript, the no-JavaScript notice is visible (%v)", err)
	}

	// A note on the Lakadong turmeric, typed as a visitor would, is kept.
	noteBox := `li[data-path="` + products[2].Path + `"] textarea`
	if err := chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS(noteBox), note),
		chromedp.Reload(),
		chromedp.WaitVisible(chromedp.CSS(noteBox)),
	); err != nil {
		t.Fatal(err)
	}
	products[2].Note = note
	if got, err = chromedp.Run(ctx, chromedp.Evaluate[[]listed](shortlistShown)); err != nil || !slices.Equal(got, products) {
		t.Fatalf("after a note and a reload /shortlist/ shows\n%v (%v)\nwant\n%v", got, err, products)
	}

	checkCSV(t, ctx, base, products)

	// The share link, opened in a fresh profile, shows the same list and note.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-shortlist-action="share"]`))); err != nil {
		t.Fatal(err)
	}
	share, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("[data-shortlist-share-url]")))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("share link: %s", share)
	if !strings.HasPrefix(share, base+"shortlist/?p=") {
		t.Errorf("share link %q does not start with %q", share, base+"shortlist/?p=")
	}
	fresh := newBrowser(t, exe)
	freshErrs := browserErrors(t, fresh)
	defer func() {
		for _, e := range freshErrs() {
			t.Errorf("the fresh browser reported: %s", e)
		}
	}()
	if err := chromedp.Do(fresh, chromedp.Navigate(share)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(fresh, chromedp.Poll[chromedp.Void](
		`document.querySelectorAll("[data-shortlist-list] li").length === 3`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the share link in a fresh profile does not show 3 products: %v", err)
	}
	if got, err = chromedp.Run(fresh, chromedp.Evaluate[[]listed](shortlistShown)); err != nil || !slices.Equal(got, products) {
		t.Errorf("the share link in a fresh profile shows\n%v (%v)\nwant\n%v", got, err, products)
	}
	stored, err := chromedp.Run(fresh, chromedp.Evaluate[int](`localStorage.length`))
	if err != nil || stored != 0 {
		t.Errorf("opening a share link stored %d items in the fresh profile (%v); want none until the visitor keeps it", stored, err)
	}
	// Kept, the shared list becomes the visitor's own, at /shortlist/.
	if err := chromedp.Do(fresh,
		chromedp.Click(chromedp.CSS(`[data-shortlist-action="adopt"]`)),
		chromedp.Navigate(base+"shortlist/"),
		chromedp.WaitVisible(chromedp.CSS("[data-shortlist-list] textarea")),
	); err != nil {
		t.Fatal(err)
	}
	if got, err = chromedp.Run(fresh, chromedp.Evaluate[[]listed](shortlistShown)); err != nil || !slices.Equal(got, products) {
		t.Errorf("the kept list at /shortlist/ shows\n%v (%v)\nwant\n%v", got, err, products)
	}

	// Printed, the list has the products, the note, the data's source and
	// the print date, one State/UT a page, and none of the navigation.
	text := printText(t, ctx, pdftotext, true)
	for _, want := range []string{"Your shortlist", "Kani Shawls", "Turmeric (Lakadong)", "ask for samples", "version 31", "Printed on"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed shortlist lacks %q", want)
		}
	}
	// Each product with its page's address, which may wrap.
	bare := strings.Join(strings.Fields(text), "")
	for _, p := range products {
		if !strings.Contains(bare, base+p.Path) {
			t.Errorf("the printed shortlist lacks the address %s", base+p.Path)
		}
	}
	pages := strings.Split(text, "\f")
	for i, pg := range pages {
		if strings.Contains(pg, "Kani Shawls") && strings.Contains(pg, "Turmeric (Lakadong)") {
			t.Errorf("printed page %d has products of two States/UTs; want a page break between them", i+1)
		}
	}
	t.Logf("printed shortlist: %d pages, %d characters of text", len(pages)-1, len(text))

	// A State/UT page prints as a brochure: every district and product,
	// no navigation.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"states/meghalaya/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll(".district h2, .district li > a"), a => a.textContent)`))
	if err != nil || len(names) < 20 {
		t.Fatalf("the Meghalaya page lists %d districts and products (%v)", len(names), err)
	}
	text = printText(t, ctx, pdftotext, false)
	flat := strings.Join(strings.Fields(text), " ")
	for _, n := range names {
		if !strings.Contains(flat, strings.Join(strings.Fields(n), " ")) {
			t.Errorf("the printed Meghalaya page lacks %q", n)
		}
	}
	t.Logf("printed Meghalaya: %d pages, %d districts and products", strings.Count(text, "\f"), len(names))
}

// checkCSV clicks "Download CSV", takes the file the browser saves, and
// checks its rows: the list's products in order, with their page's
// address, and a note that starts with "=" made harmless.
func checkCSV(t *testing.T, ctx context.Context, base string, products []listed) {
	t.Helper()
	dir := t.TempDir()
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events,
	}); err != nil {
		t.Fatal(err)
	}
	var (
		mu   sync.Mutex
		name string
	)
	done := make(chan string, 1)
	if err := chromedp.ListenBrowser(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *browser.EventDownloadWillBegin:
			mu.Lock()
			name = ev.SuggestedFilename
			mu.Unlock()
		case *browser.EventDownloadProgress:
			if ev.State == browser.DownloadProgressStateCompleted {
				select {
				case done <- ev.GUID:
				default:
				}
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`[data-shortlist-action="csv"]`))); err != nil {
		t.Fatal(err)
	}
	var guid string
	select {
	case guid = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("no CSV downloaded 10 s after clicking Download CSV")
	}
	mu.Lock()
	t.Logf("downloaded %s", name)
	if !strings.HasPrefix(name, "odop-shortlist-") || !strings.HasSuffix(name, ".csv") {
		t.Errorf("the CSV is named %q, want odop-shortlist-<date>.csv", name)
	}
	mu.Unlock()
	data, err := os.ReadFile(filepath.Join(dir, guid))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Error("the CSV has no UTF-8 byte order mark, which spreadsheets need to read it as UTF-8")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, data)
	}
	want := [][]string{{"state", "district", "product", "sector", "category", "GI", "page URL", "note"},
		{"Jammu and Kashmir", "Budgam", "Kani Shawls", "Handloom", "Primary", "Yes", base + products[0].Path, ""},
		{"Meghalaya", "Ri-Bhoi", "Eri Silk Handloom (Ryndia)", "Handloom", "Secondary", "No", base + products[1].Path, ""},
		{"Meghalaya", "West Jaintia Hills", "Turmeric (Lakadong)", "Agriculture", "Primary", "Yes", base + products[2].Path, "'" + products[2].Note},
	}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("the CSV holds\n%q\nwant\n%q", rows, want)
	}
}

// printText prints the page in ctx to an A4 PDF, checks that none of the
// page's navigation and button texts is in it, and returns its text, pages
// separated by form feeds. Where strict, no menu entry or step of the
// breadcrumbs may appear at all; otherwise no two menu entries side by
// side, as a printed menu would show them, and no "›" between steps of the
// breadcrumbs, since a page may well use a word of the menu ("About this
// product") or name its state.
func printText(t *testing.T, ctx context.Context, pdftotext string, strict bool) string {
	t.Helper()
	nav, err := chromedp.Run(ctx, chromedp.Evaluate[navTexts](navText))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(pdftotext, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = io.Discard
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := out.String()
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if len(nav.Menu) < 6 || len(nav.Other) < 1 {
		t.Errorf("%s: too few navigation texts found to look for: %q", loc, nav)
	}
	if strings.Contains(text, "›") {
		t.Errorf("%s: the PDF shows the breadcrumbs' separator", loc)
	}
	look := nav.Other
	if strict {
		look = append(append(look, nav.Menu...), nav.Crumbs...)
	} else {
		for i := 1; i < len(nav.Menu); i++ {
			look = append(look, nav.Menu[i-1]+" "+nav.Menu[i])
		}
	}
	// Words, not substrings: the button "Print" is not in "Printed on".
	flat := " " + strings.Join(strings.Fields(text), " ") + " "
	for _, n := range look {
		re := regexp.MustCompile(`\P{L}` + regexp.QuoteMeta(strings.Join(strings.Fields(n), " ")) + `\P{L}`)
		if re.MatchString(flat) {
			t.Errorf("%s: the PDF shows %q, a navigation or button text", loc, n)
		}
	}
	return text
}

// TestPrintEveryKind prints a page of each kind to PDF and finds none of
// its navigation in the text, but the page's own heading.
func TestPrintEveryKind(t *testing.T) {
	exe := findBrowser(t)
	pdftotext := findTool(t, "pdftotext", "poppler-utils")
	base := serveCatalogue(t)
	ctx := newBrowser(t, exe)
	for _, p := range []string{
		"", "404.html", "states/", "states/meghalaya/west-jaintia-hills/",
		"states/meghalaya/west-jaintia-hills/turmeric-lakadong/", "sectors/", "sectors/handloom/",
		"categories/", "gi/", "stories/", "stories/kashmir-walnuts-first-consignment-budgam/", "buyers/",
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatalf("/%s: %v", p, err)
		}
		h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil {
			t.Fatal(err)
		}
		text := printText(t, ctx, pdftotext, false)
		if !strings.Contains(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(h1), " ")) {
			t.Errorf("/%s: the PDF lacks the heading %q", p, h1)
		}
		t.Logf("/%s: %d pages", p, strings.Count(text, "\f"))
	}
}

// TestWithoutJavaScript opens a product page and the shortlist page with
// JavaScript off: no button at all, and the shortlist page explains itself
// and links to the browse pages.
func TestWithoutJavaScript(t *testing.T) {
	exe := findBrowser(t)
	base := serveCatalogue(t)
	const product = "states/meghalaya/west-jaintia-hills/turmeric-lakadong/"

	// In the HTML as served, before any script could run. (The shortlist
	// page's controls are in a <template>, inert without JavaScript.)
	for _, p := range []string{product, "states/meghalaya/"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(body, []byte("<button")) {
			t.Errorf("/%s: the HTML has a <button>, which would do nothing without JavaScript", p)
		}
	}

	ctx := newBrowser(t, exe)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+product), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("button").length`))
	if err != nil || n != 0 {
		t.Errorf("a product page without JavaScript has %d buttons (%v), want none", n, err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"shortlist/"), chromedp.WaitVisible(chromedp.CSS("[data-shortlist-nojs]"))); err != nil {
		t.Fatalf("the shortlist page without JavaScript does not show its notice: %v", err)
	}
	type view struct {
		Notice  string   `json:"notice"`
		Links   []string `json:"links"`
		Buttons int      `json:"buttons"`
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[view](`({
		notice: document.querySelector("[data-shortlist-nojs]").textContent,
		links: Array.from(document.querySelectorAll("[data-shortlist-nojs] a"), a => new URL(a.href).pathname),
		buttons: document.querySelectorAll("button, input, textarea").length,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(v.Notice, "needs JavaScript") {
		t.Errorf("the notice does not say the shortlist needs JavaScript: %q", v.Notice)
	}
	if !slices.Equal(v.Links, []string{"/states/", "/sectors/", "/products/", "/gi/"}) {
		t.Errorf("the notice links to %q, want the browse pages", v.Links)
	}
	if v.Buttons != 0 {
		t.Errorf("without JavaScript the shortlist page has %d controls, want none", v.Buttons)
	}
}

// strictCSP is the Content-Security-Policy the shortlist tests serve the
// site with: the site's own scripts, styles and connections only, no
// inline script, style attribute or event handler. The shortlist needs
// connect-src 'self' to read a shared list's products from their pages.
const strictCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// serveStrict builds the site in src and serves it with strictCSP. It
// returns the site's URL, ending in "/", and its output directory.
func serveStrict(t *testing.T, src fs.FS) (string, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", strictCSP)
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	st, err := build.Build(build.Options{Src: src, Out: out, BaseURL: srv.URL + "/"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built %v", st)
	return srv.URL + "/", out
}

// browserErrors collects the browser's own error reports for ctx (a
// script that failed, a stylesheet or script refused by the CSP) and
// JavaScript exceptions. The returned func returns those so far.
func browserErrors(t *testing.T, ctx context.Context) func() []string {
	t.Helper()
	var (
		mu   sync.Mutex
		errs []string
	)
	if err := chromedp.Listen(ctx, func(ev any) {
		var p string
		switch ev := ev.(type) {
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				p = fmt.Sprintf("browser: %s %s", ev.Entry.Text, ev.Entry.URL)
			}
		case *runtime.EventExceptionThrown:
			p = "exception: " + ev.ExceptionDetails.Text
			if e := ev.ExceptionDetails.Exception; e != nil {
				p += ": " + e.Description
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				p = "console.error"
				for _, a := range ev.Args {
					p += " " + string(a.Value) + a.Description
				}
			}
		}
		if p != "" {
			mu.Lock()
			errs = append(errs, p)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(errs)
	}
}

// TestShortlistHostile shortlists the products of the hostile site, whose
// every field is an attack, and one whose name is a spreadsheet formula:
// on /shortlist/, in a shared link and in the CSV they stay text, and the
// formula is made harmless.
func TestShortlistHostile(t *testing.T) {
	exe := findBrowser(t)
	base, out := serveStrict(t, sitetest.FS(t, hostile+`
-- data/products/goa.csv --
state,district,product,category,sector,gi_status
Goa,North Goa,"=HYPERLINK(""https://example.org"",""click"")",Primary,Agriculture,No
`))
	var paths []string
	err := filepath.WalkDir(filepath.Join(out, "states"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" && strings.Count(filepath.ToSlash(p[len(out):]), "/") == 5 {
			paths = append(paths, strings.TrimSuffix(filepath.ToSlash(p[len(out)+1:]), "index.html"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Fatalf("the site has %d product pages, want 3: %q", len(paths), paths)
	}
	ctx := newBrowser(t, exe)
	errs := browserErrors(t, ctx)
	defer func() {
		for _, e := range errs() {
			t.Errorf("the browser reported: %s", e)
		}
	}()
	var (
		mu      sync.Mutex
		dialogs []string
	)
	if err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			mu.Lock()
			dialogs = append(dialogs, ev.Message)
			mu.Unlock()
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}); err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if err := chromedp.Do(ctx,
			chromedp.Navigate(base+p),
			chromedp.WaitVisible(chromedp.CSS("button.shortlist-button")),
			chromedp.Click(chromedp.CSS("button.shortlist-button")),
		); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	const verdict = `({
		pwned: window.__pwned ?? null,
		handlers: Array.from(document.querySelectorAll("*")).flatMap(el => Array.from(el.attributes)
			.filter(a => a.name.startsWith("on") || /^\s*javascript:/i.test(a.value)).map(a => el.tagName + " " + a.name)),
		names: Array.from(document.querySelectorAll("[data-shortlist-list] h3"), h => h.textContent),
	})`
	type seen struct {
		Pwned    any      `json:"pwned"`
		Handlers []string `json:"handlers"`
		Names    []string `json:"names"`
	}
	wantNames := []string{`=HYPERLINK("https://example.org","click")`, `<img src=x onerror="window.__pwned=1;alert(1)">`, "Turmeric (Lakadong)"}
	check := func(where string, wantNames []string) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[seen](verdict))
		if err != nil {
			t.Fatal(err)
		}
		if v.Pwned != nil || len(v.Handlers) > 0 {
			t.Errorf("%s: an attack ran: __pwned = %v, handlers %q", where, v.Pwned, v.Handlers)
		}
		if !slices.Equal(v.Names, wantNames) {
			t.Errorf("%s shows the products\n%q\nwant\n%q", where, v.Names, wantNames)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"shortlist/"), chromedp.WaitVisible(chromedp.CSS("[data-shortlist-list] li"))); err != nil {
		t.Fatal(err)
	}
	check("/shortlist/", wantNames)

	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.odopShortlist.csv()`))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, text)
	}
	products := []string{}
	for _, r := range rows[1:] {
		products = append(products, r[2])
	}
	if want := []string{`'=HYPERLINK("https://example.org","click")`, wantNames[1], wantNames[2]}; !slices.Equal(products, want) {
		t.Errorf("the CSV's products are\n%q\nwant\n%q", products, want)
	}

	share, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.odopShortlist.shareURL()`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`localStorage.clear()`), chromedp.Navigate(share)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`document.querySelectorAll("[data-shortlist-list] li").length === 3`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the shared link does not show 3 products: %v", err)
	}
	check("the shared link", wantNames)

	// A shared link is anyone's text: paths that are not product paths
	// are ignored, never fetched or shown as links.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+`shortlist/?p=javascript:alert(1)&p=..%2F..%2Fetc&p=%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E&p=`+strings.TrimSuffix(strings.TrimPrefix(paths[0], "states/"), "/"))); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](`document.querySelectorAll("[data-shortlist-list] li").length === 1`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("a link with one product among junk does not show that product: %v", err)
	}
	notice, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("[data-shortlist-list] .notice")))
	if err != nil {
		t.Fatal(err)
	}
	for _, junk := range []string{"javascript:alert(1)", "<img src=x onerror=alert(2)>"} {
		if !strings.Contains(notice, junk) {
			t.Errorf("the notice of what the link names but the catalogue lacks does not show %q as text: %q", junk, notice)
		}
	}
	check("a link with junk", wantNames[:1])
	mu.Lock()
	for _, d := range dialogs {
		t.Errorf("a dialog opened: %q", d)
	}
	mu.Unlock()
}
