package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/search"
	"github.com/odop-india/odop/internal/site"
	"github.com/odop-india/odop/internal/sitetest"
)

// searchBox is the search page's text box.
const searchBox = "#search-q"

// result is one result as the search page shows it.
type result struct {
	Name string `json:"name"`
	Path string `json:"path"` // the link's path, without the site's base
	Meta string `json:"meta"`
}

// facetValue is a checkbox of a facet as the page shows it.
type facetValue struct {
	Facet   string `json:"facet"`
	Value   string `json:"value"` // the slug
	Count   int    `json:"count"`
	Checked bool   `json:"checked"`
}

// searchState is what the search page shows.
type searchState struct {
	Query   string       `json:"query"`
	Status  string       `json:"status"`
	Results []result     `json:"results"`
	More    bool         `json:"more"`   // whether "Show more" is offered
	Facets  []facetValue `json:"facets"` // visible ones only
	URL     string       `json:"url"`
	Focused string       `json:"focused"` // the text of the focused element, or its id
}

const readSearchState = `(() => {
	const base = document.getElementById("search").dataset.base;
	const a = document.activeElement;
	return {
		query: document.getElementById("search-q").value,
		status: document.getElementById("search-status").textContent,
		results: Array.from(document.querySelectorAll("#search-results > li"), li => ({
			name: li.querySelector("a").textContent,
			path: new URL(li.querySelector("a").href).pathname.slice(base.length),
			meta: li.querySelector(".meta").textContent,
		})),
		more: !document.getElementById("search-more").hidden,
		facets: Array.from(document.querySelectorAll("#search-facets li"))
			.filter(li => !li.hidden)
			.map(li => {
				const box = li.querySelector("input");
				return {facet: box.name, value: box.value, checked: box.checked,
					count: Number(li.querySelector(".count").textContent)};
			}),
		url: location.pathname + location.search,
		focused: a ? (a.id || a.textContent) : "",
	};
})()`

// openSearch loads the search page at query (such as "?q=walnut") and
// waits until it has shown its first results.
func openSearch(ctx context.Context, base, query string) error {
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"search/"+query),
		chromedp.WaitVisible(chromedp.CSS(searchBox)),
	); err != nil {
		return err
	}
	return poll(ctx, `document.querySelectorAll("#search-facets fieldset").length > 0 &&
		!document.getElementById("search-status").textContent.startsWith("Loading")`)
}

// poll waits until the JavaScript expression is true.
func poll(ctx context.Context, expr string) error {
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(10*time.Millisecond)))
	return err
}

// typeQuery types q into the empty search box, key by key, and waits
// for the results of the whole query.
func typeQuery(ctx context.Context, q string) (searchState, error) {
	quoted, _ := json.Marshal("\u201c" + q + "\u201d")
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("search-q").value = ""`),
		chromedp.SendKeys(chromedp.CSS(searchBox), q),
	); err != nil {
		return searchState{}, err
	}
	if err := poll(ctx, fmt.Sprintf(`document.getElementById("search-status").textContent.includes(%s)`, quoted)); err != nil {
		return searchState{}, err
	}
	return readState(ctx)
}

func readState(ctx context.Context) (searchState, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[searchState](readSearchState))
}

// showAll presses "Show more" until every result is shown.
func showAll(ctx context.Context) (searchState, error) {
	for {
		st, err := readState(ctx)
		if err != nil || !st.More {
			return st, err
		}
		n := len(st.Results)
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#search-more"))); err != nil {
			return st, err
		}
		if err := poll(ctx, fmt.Sprintf(`document.querySelectorAll("#search-results > li").length > %d`, n)); err != nil {
			return st, err
		}
	}
}

// loadCatalogue loads the real catalogue, for the expected figures.
func loadCatalogue(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, problems := catalog.Load(build.DirFS(filepath.Join("..", "..")))
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	return c
}

// mentions reports whether any searchable field of p has a word that
// starts with the folded word w: what the search page must find for a
// word no other indexed word is within a typo of.
func mentions(p *catalog.Product, w string) bool {
	text := []string{p.Name, p.District.Name, p.State().Name, p.Sector.Name, p.Category.Name, p.Description}
	if p.GI != nil {
		text = append(text, p.GI.Name)
	}
	for _, s := range text {
		for _, word := range search.Words(s) {
			if strings.HasPrefix(word, w) {
				return true
			}
		}
	}
	return false
}

func TestSearch(t *testing.T) {
	exe := findBrowser(t) // first, not to build the site for nothing
	base := serveCatalogue(t)
	ctx := newBrowser(t, exe)
	c := loadCatalogue(t)

	t.Run("tumeric finds Lakadong turmeric in the top 3", func(t *testing.T) {
		if err := openSearch(ctx, base, ""); err != nil {
			t.Fatal(err)
		}
		st, err := typeQuery(ctx, "tumeric")
		if err != nil {
			t.Fatal(err)
		}
		top := st.Results[:min(3, len(st.Results))]
		t.Logf("%s top 3: %v", st.Status, top)
		if !slices.ContainsFunc(top, func(r result) bool {
			return r.Path == "states/meghalaya/west-jaintia-hills/turmeric-lakadong/"
		}) {
			t.Errorf("Lakadong turmeric is not in the top 3: %v", top)
		}
		if st.URL != "/search/?q=tumeric" {
			t.Errorf("the URL is %s, want /search/?q=tumeric", st.URL)
		}
		// Down from the box goes to the first result, Down again to the
		// second, Up twice back to the box.
		for i, want := range []string{st.Results[0].Name, st.Results[1].Name, st.Results[0].Name, "search-q"} {
			key := kb.ArrowDown
			if i >= 2 {
				key = kb.ArrowUp
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
				t.Fatal(err)
			}
			got, err := readState(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got.Focused != want {
				t.Errorf("after key %d the focus is on %q, want %q", i+1, got.Focused, want)
			}
		}
	})

	t.Run("matching", func(t *testing.T) {
		for _, tc := range []struct{ query, wantPath string }{
			{"turm", "states/meghalaya/west-jaintia-hills/turmeric-lakadong/"},         // prefix
			{"walnutt", "states/jammu-and-kashmir/kupwara/walnut/"},                    // one typo
			{"pashmena", "states/ladakh/leh/pashmina/"},                                // typo in an 8-letter word
			{"LAKADONG", "states/meghalaya/west-jaintia-hills/turmeric-lakadong/"},     // case
			{"kharif maíz", "states/gujarat/dahod/kharif-maiz-agro/"},                  // diacritics, two words
			{"turmeric jaintia east", "states/meghalaya/east-jaintia-hills/turmeric/"}, // words in any field
			{"kani shawl budgam", "states/jammu-and-kashmir/budgam/kani-shawls/"},      // a GI name and a district
		} {
			if err := openSearch(ctx, base, "?q="+strings.ReplaceAll(tc.query, " ", "+")); err != nil {
				t.Fatal(err)
			}
			st, err := readState(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(st.Results[:min(5, len(st.Results))], func(r result) bool { return r.Path == tc.wantPath }) {
				t.Errorf("%q: %s not in the top 5 of %s: %v", tc.query, tc.wantPath, st.Status, st.Results[:min(5, len(st.Results))])
			}
		}
		// More words narrow: every result of "turmeric meghalaya" is in
		// Meghalaya.
		if err := openSearch(ctx, base, "?q=turmeric+meghalaya"); err != nil {
			t.Fatal(err)
		}
		st, err := showAll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range st.Results {
			if !strings.HasPrefix(r.Path, "states/meghalaya/") {
				t.Errorf("turmeric meghalaya: %s", r.Path)
			}
		}
	})

	t.Run("walnut in Jammu and Kashmir", func(t *testing.T) {
		if err := openSearch(ctx, base, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := typeQuery(ctx, "walnut"); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#search-facets input[name="state"][value="jammu-and-kashmir"]`))); err != nil {
			t.Fatal(err)
		}
		if err := poll(ctx, `document.getElementById("search-status").textContent.includes("filters")`); err != nil {
			t.Fatal(err)
		}
		st, err := showAll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// The expected figures, from the catalogue: state counts ignore the
		// state filter (ticking another state adds its products), the
		// other facets count the products shown.
		var want []string
		wantFacets := map[string]int{}
		for _, p := range c.Products {
			if !mentions(p, "walnut") {
				continue
			}
			wantFacets["state="+p.State().Slug]++
			if p.State().Name != "Jammu and Kashmir" {
				continue
			}
			want = append(want, site.PathOf(p))
			wantFacets["sector="+p.Sector.Slug]++
			wantFacets["category="+p.Category.Slug]++
			if p.GIFlag {
				wantFacets["gi=yes"]++
			} else {
				wantFacets["gi=no"]++
			}
		}
		var got []string
		for _, r := range st.Results {
			got = append(got, r.Path)
			if !strings.Contains(r.Meta, ", Jammu and Kashmir ·") {
				t.Errorf("a result outside Jammu and Kashmir: %v", r)
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if len(want) == 0 || !slices.Equal(got, want) {
			t.Errorf("results %v, want %v", got, want)
		}
		gotFacets := map[string]int{}
		for _, f := range st.Facets {
			gotFacets[f.Facet+"="+f.Value] = f.Count
		}
		if fmt.Sprint(gotFacets) != fmt.Sprint(wantFacets) {
			t.Errorf("facet counts %v, want %v", gotFacets, wantFacets)
		}
		if st.URL != "/search/?q=walnut&state=jammu-and-kashmir" {
			t.Errorf("the URL is %s", st.URL)
		}
		t.Logf("%s %v", st.Status, gotFacets)
	})

	t.Run("the URL restores a filter", func(t *testing.T) {
		if err := openSearch(ctx, base, "?q=&sector=Handloom"); err != nil {
			t.Fatal(err)
		}
		st, err := showAll(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var handloom *catalog.Group
		for _, g := range c.Sectors {
			if g.Name == "Handloom" {
				handloom = g
			}
		}
		if handloom == nil {
			t.Fatal("no Handloom sector in the catalogue")
		}
		if len(st.Results) != len(handloom.Products) {
			t.Errorf("%d results, want the %d Handloom products", len(st.Results), len(handloom.Products))
		}
		for _, r := range st.Results {
			if !strings.Contains(r.Meta, "· Handloom ·") {
				t.Errorf("not Handloom: %v", r)
			}
		}
		checked := 0
		for _, f := range st.Facets {
			if f.Checked {
				checked++
				if f.Facet != "sector" || f.Value != "handloom" {
					t.Errorf("ticked: %v", f)
				}
			}
		}
		if checked != 1 {
			t.Errorf("%d boxes ticked, want the Handloom one", checked)
		}
		if want := fmt.Sprintf("%d products with the ticked filters.", len(handloom.Products)); st.Status != want {
			t.Errorf("status %q, want %q", st.Status, want)
		}
	})
}

// TestSearchLatency types 20 words and measures, in the page, the time
// from the keydown of each word's last letter to the next frame after its
// results are in the page.
func TestSearchLatency(t *testing.T) {
	exe := findBrowser(t) // first, not to build the site for nothing
	base := serveCatalogue(t)
	ctx := newBrowser(t, exe)
	if err := openSearch(ctx, base, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		window.latencies = [];
		let start = 0;
		document.getElementById("search-q").addEventListener("keydown", () => { start = performance.now(); }, true);
		const status = document.getElementById("search-status");
		new MutationObserver(() => {
			// Only the results of the whole word count: those of the
			// last keystroke.
			if (!start || !status.textContent.includes("\u201c" + window.expected + "\u201d")) return;
			const t0 = start;
			start = 0;
			requestAnimationFrame(() => window.latencies.push(performance.now() - t0));
		}).observe(status, {childList: true, characterData: true, subtree: true});
	})()`)); err != nil {
		t.Fatal(err)
	}
	words := []string{"turmeric", "walnut", "pashmina", "brass", "kashmir", "tumeric", "handloom", "mango",
		"silk", "bamboo", "carpet", "tea", "coffee", "rice", "spices", "honey", "banana", "jute", "leather", "pottery"}
	var last []float64
	for _, w := range words {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](
			fmt.Sprintf(`window.latencies = []; window.expected = %q`, w))); err != nil {
			t.Fatal(err)
		}
		if _, err := typeQuery(ctx, w); err != nil {
			t.Fatal(err)
		}
		lat, err := chromedp.Run(ctx, chromedp.Poll[[]float64](`window.latencies.length > 0 && window.latencies`,
			chromedp.WithPollingInterval(10*time.Millisecond)))
		if err != nil {
			t.Fatal(err)
		}
		last = append(last, lat[0])
	}
	sorted := slices.Clone(last)
	slices.Sort(sorted)
	median := (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2
	t.Logf("keystroke to results, ms, per word: %.1f; median %.1f ms", last, median)
	if median > 50 {
		t.Errorf("median keystroke to results %.1f ms, want at most 50", median)
	}
}

// hostileSite has product names and descriptions that are markup, and a
// Devanagari name.
const hostileSite = `
-- data/products/meghalaya.csv --
state,district,lgd_code,product,category,sector,gi_status,description
Meghalaya,West Jaintia Hills,275,<img src=x onerror=window.pwned=1>,Primary,Agriculture,Yes,"</script><script>window.pwned=2</script>"
Meghalaya,West Jaintia Hills,275,<script>window.pwned=3</script>,Secondary,Handicraft,No,<b onmouseover=window.pwned=4>bold</b>
Meghalaya,East Jaintia Hills,657,<svg onload=alert(5)>,Secondary,Handicraft,No,
Meghalaya,East Jaintia Hills,657,हल्दी,Primary,Agriculture,No,Haldi
`

func TestSearchShowsMarkupAsText(t *testing.T) {
	exe := findBrowser(t) // first, not to build the site for nothing
	base := serveSite(t, sitetest.FS(t, hostileSite))
	ctx := newBrowser(t, exe)
	// A dialog would mean the data ran as script; close any, and count them.
	var dialogs atomic.Int32
	go func() {
		for _, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			dialogs.Add(1)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	for _, q := range []string{"img", "onerror", "script", "bold", "pwned", "svg onload", "?q=&gi=yes", "?q=&sector=handicraft"} {
		if !strings.HasPrefix(q, "?") {
			q = "?q=" + q
		}
		if err := openSearch(ctx, base, q); err != nil {
			t.Fatal(err)
		}
		st, err := readState(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Results) == 0 {
			t.Errorf("%s: no results", q)
		}
		for _, r := range st.Results {
			if !strings.Contains(hostileSite, ","+r.Name+",") {
				t.Errorf("%s: a result shows %q, not a name of the data as text", q, r.Name)
			}
		}
		injected, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`String(window.pwned) + " " + document.querySelectorAll("#search-results img, #search-results script, #search-results b").length`))
		if err != nil {
			t.Fatal(err)
		}
		if injected != "undefined 0" {
			t.Errorf("%s: markup in the data ran or became elements (pwned, elements: %s)", q, injected)
		}
	}
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d dialogs opened", n)
	}

	// Devanagari is indexed and found by a whole word and by its start.
	for _, q := range []string{"हल्दी", "हल्", "haldi"} {
		if err := openSearch(ctx, base, "?q="+q); err != nil {
			t.Fatal(err)
		}
		st, err := readState(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(st.Results) != 1 || st.Results[0].Name != "हल्दी" {
			t.Errorf("%s: results %v, want हल्दी", q, st.Results)
		}
	}
}
