package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/odop-india/odop/internal/i18n"
)

// layout is what TestLanguagesInTheBrowser reads of a page's layout.
type layout struct {
	Lang       string  `json:"lang"`
	Dir        string  `json:"dir"`
	Direction  string  `json:"direction"`  // computed, of <html>
	BrandLeft  float64 `json:"brandLeft"`  // the site's name in the header
	BrandRight float64 `json:"brandRight"` // its right edge
	Width      float64 `json:"width"`      // of the viewport
	FirstNav   float64 `json:"firstNav"`   // x of the main menu's first item
	SecondNav  float64 `json:"secondNav"`  // and of its second
	Switcher   []string
}

const readLayout = `(() => {
	const h = document.documentElement, b = document.querySelector(".brand").getBoundingClientRect();
	const nav = document.querySelectorAll(".site-header nav:not(.langs) li");
	return {
		lang: h.lang, dir: h.dir, direction: getComputedStyle(h).direction,
		brandLeft: b.left, brandRight: b.right, width: innerWidth,
		firstNav: nav[0].getBoundingClientRect().left, secondNav: nav[1].getBoundingClientRect().left,
		Switcher: Array.from(document.querySelectorAll(".langs a"), a => a.lang + " " + a.getAttribute("aria-current")),
	};
})()`

// TestLanguagesInTheBrowser loads pages in each language: Arabic is laid
// out right to left (computed style and positions, not just an
// attribute), the others left to right; the switcher marks the current
// language; the scripts speak the page's language; and the shortlist is
// one list across languages.
func TestLanguagesInTheBrowser(t *testing.T) {
	exe := findBrowser(t)
	base := serveCatalogue(t)
	ctx := newBrowser(t, exe)
	langs := siteLanguages(t)
	for _, l := range langs {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+l.Prefix+"states/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[layout](readLayout))
		if err != nil {
			t.Fatal(err)
		}
		if got.Lang != l.Tag || got.Dir != l.Dir || got.Direction != l.Dir {
			t.Errorf("/%sstates/: lang %q dir %q direction %q, want %q and %q", l.Prefix, got.Lang, got.Dir, got.Direction, l.Tag, l.Dir)
		}
		rtl := l.Dir == "rtl"
		if brandAtRight := got.BrandRight > got.Width/2 && got.BrandLeft > got.Width/4; brandAtRight != rtl {
			t.Errorf("/%sstates/: the site's name spans %.0f to %.0f of %.0f px: at the right %v, want %v", l.Prefix, got.BrandLeft, got.BrandRight, got.Width, brandAtRight, rtl)
		}
		if menuLeftward := got.SecondNav < got.FirstNav; menuLeftward != rtl {
			t.Errorf("/%sstates/: the menu's second item is at %.0f px, its first at %.0f: leftward %v, want %v", l.Prefix, got.SecondNav, got.FirstNav, menuLeftward, rtl)
		}
		if len(got.Switcher) != len(langs) {
			t.Errorf("/%sstates/: switcher has %d languages, want %d", l.Prefix, len(got.Switcher), len(langs))
		}
		for i, s := range got.Switcher {
			want := langs[i].Tag + " null"
			if langs[i] == l {
				want = langs[i].Tag + " true"
			}
			if s != want {
				t.Errorf("/%sstates/: switcher item %d is %q, want %q", l.Prefix, i, s, want)
			}
		}
	}

	// The scripts' words come from the page's language.
	hi, fr, de := lang(t, langs, "hi"), lang(t, langs, "fr"), lang(t, langs, "de")
	product := "states/meghalaya/west-jaintia-hills/turmeric-lakadong/"
	if err := chromedp.Do(ctx, chromedp.Navigate(base+hi.Prefix+product), chromedp.WaitVisible(chromedp.CSS(".shortlist-slot button"))); err != nil {
		t.Fatal(err)
	}
	button, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".shortlist-slot button").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if want := message(t, hi, "js.shortlist.add"); !strings.HasPrefix(button, want) {
		t.Errorf("/%s%s: shortlist button says %q, want %q first", hi.Prefix, product, button, want)
	}
	// Added on a Hindi page, the product is on the German shortlist: one
	// list for the site.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".shortlist-slot button"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+de.Prefix+"shortlist/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if err := poll(ctx, `document.querySelectorAll("[data-shortlist-list] li[data-path]").length === 1`); err != nil {
		t.Errorf("/%sshortlist/: the product added on /%s%s is not listed: %v", de.Prefix, hi.Prefix, product, err)
	}
	link, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("[data-shortlist-list] li[data-path] a").getAttribute("href")`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "/" + de.Prefix + product; link != want {
		t.Errorf("/%sshortlist/: the product links to %q, want %q (its page in the same language)", de.Prefix, link, want)
	}

	// Search: facet names and the count of results in French.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+fr.Prefix+"search/?q=turmeric"), chromedp.WaitVisible(chromedp.CSS("#search-q"))); err != nil {
		t.Fatal(err)
	}
	if err := poll(ctx, `document.querySelectorAll("#search-results > li").length > 0`); err != nil {
		t.Fatal(err)
	}
	legend, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".facet-state legend").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if want := message(t, fr, "js.search.facetState"); legend != want {
		t.Errorf("/%ssearch/: state facet is %q, want %q", fr.Prefix, legend, want)
	}
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-status").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#search-results > li").length`))
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := fr.N("js.search.matches", n); n < 20 && !strings.Contains(status, want) {
		t.Errorf("/%ssearch/: status %q does not say %q", fr.Prefix, status, want)
	}
}

func lang(t *testing.T, langs []*i18n.Lang, tag string) *i18n.Lang {
	t.Helper()
	for _, l := range langs {
		if l.Tag == tag {
			return l
		}
	}
	t.Fatalf("the site has no language %s", tag)
	return nil
}

func message(t *testing.T, l *i18n.Lang, key string) string {
	t.Helper()
	s, err := l.T(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
