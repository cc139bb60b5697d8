package browsertest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource returns axe-core's script, from the file named by AXE_JS
// (.ci/run installs axe-core from the npm registry and sets it). Without it
// the test skips on a developer's machine and fails in CI.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("AXE_JS")
	if path == "" {
		const msg = "AXE_JS is not set (npm install axe-core; AXE_JS=.../node_modules/axe-core/axe.min.js)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// axeViolation is one failed rule, as axe reports it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

type axeResult struct {
	Violations []axeViolation `json:"violations"`
	Passes     int            `json:"passes"`
}

// axeTags are the rule sets of WCAG 2.2 levels A and AA.
const axeTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]`

// TestAccessibility runs axe-core in Chromium on pages of the real
// catalogue and expects no violation of a WCAG 2.2 A or AA rule.
func TestAccessibility(t *testing.T) {
	exe := findBrowser(t)
	axe := axeSource(t)
	base := serveCatalogue(t)
	ctx := newBrowser(t, exe)
	for _, path := range []string{
		"",
		"states/",
		"states/meghalaya/",
		"states/meghalaya/west-jaintia-hills/",
		"states/meghalaya/west-jaintia-hills/turmeric-lakadong/",
		"products/",
		"search/?q=turmeric&gi=yes", // with results and a ticked filter
		"gi/registry/",
		"stories/kashmir-walnuts-first-consignment-budgam/",
		"buyers/",
		"404.html",
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatalf("/%s: %v", path, err)
		}
		if strings.HasPrefix(path, "search/") {
			// Check the page as a visitor sees it: results shown.
			if err := poll(ctx, `document.querySelectorAll("#search-results > li").length > 0`); err != nil {
				t.Fatalf("/%s: no results: %v", path, err)
			}
		}
		checkAxe(t, ctx, axe, path)
	}
}

// checkAxe runs axe-core on the page the browser shows, and reports every
// violation of a WCAG 2.2 A or AA rule.
func checkAxe(t *testing.T, ctx context.Context, axe, path string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
		t.Fatalf("loading axe-core: %v", err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](
		`axe.run(document, {runOnly: {type: "tag", values: `+axeTags+`}}).then(r => ({violations: r.violations, passes: r.passes.length}))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("/%s: running axe: %v", path, err)
	}
	// A run that checked nothing would pass unseen.
	if res.Passes < 10 {
		t.Errorf("/%s: axe passed only %d rules; did it run?", path, res.Passes)
	}
	t.Logf("/%s: %d rules passed, %d violated", path, res.Passes, len(res.Violations))
	for _, v := range res.Violations {
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, "...")
				break
			}
			where = append(where, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
		}
		t.Errorf("/%s: %s (%s): %s: %d elements: %s", path, v.ID, v.Impact, v.Help, len(v.Nodes), strings.Join(where, "; "))
	}
}

// TestAccessibilityInEveryLanguage runs axe-core on the home, search,
// product and shortlist pages of every language of the site: translated
// labels must still label, one h1 each, and contrast hold in every script.
func TestAccessibilityInEveryLanguage(t *testing.T) {
	exe := findBrowser(t)
	axe := axeSource(t)
	base := serveCatalogue(t)
	for _, lang := range siteLanguages(t) {
		t.Run(lang.Tag, func(t *testing.T) { axeLanguage(t, exe, axe, base, lang.Prefix) })
	}
}

// axeLanguage checks the pages of one language, in a browser of its own:
// each test's browser has a time limit.
func axeLanguage(t *testing.T, exe, axe, base, prefix string) {
	ctx := newBrowser(t, exe)
	{
		for _, page := range []struct{ path, ready string }{
			{"", ""},
			{"search/?q=turmeric&gi=yes", `document.querySelectorAll("#search-results > li").length > 0`},
			{"states/meghalaya/west-jaintia-hills/turmeric-lakadong/", `document.querySelector(".shortlist-slot button") !== null`},
			{"shortlist/?p=meghalaya/west-jaintia-hills/turmeric-lakadong~For%20the%20embassy&p=jammu-and-kashmir/budgam/kani-shawls",
				`document.querySelectorAll("[data-shortlist-list] li").length === 2`},
		} {
			path := prefix + page.path
			if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
				t.Fatalf("/%s: %v", path, err)
			}
			if page.ready != "" {
				if err := poll(ctx, page.ready); err != nil {
					t.Fatalf("/%s: not ready (%s): %v", path, page.ready, err)
				}
			}
			h1s, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("h1").length`))
			if err != nil {
				t.Fatal(err)
			}
			if h1s != 1 {
				t.Errorf("/%s: %d h1 elements, want 1", path, h1s)
			}
			checkAxe(t, ctx, axe, path)
		}
	}
}
