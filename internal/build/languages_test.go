package build_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/linkcheck"
	"github.com/odop-india/odop/internal/sitetest"
)

// translated is a small site in all of site.yaml's languages, whose data
// carries a Hindi product name and a French description.
const translated = `
-- data/products/meghalaya.csv --
state,district,lgd_code,product,category,sector,gi_status,description,product_hi,description_fr
Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Yes,Grown in the hills.,लाकाडोंग हल्दी,Cultivé dans les collines.
Meghalaya,East Jaintia Hills,657,Turmeric,Primary,Agriculture,No,,,
-- data/products/jk.csv --
state,district,lgd_code,product,category,sector,gi_status
Jammu and Kashmir,Budgam,2,Kani Shawls,Primary,Handloom,YES
`

var (
	htmlTag   = regexp.MustCompile(`<html lang="([^"]+)" dir="([^"]+)">`)
	hreflang  = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	localHref = regexp.MustCompile(`<a href="(/[^"]*)"`)
)

// TestLanguages builds a small site in every language and checks each
// page: its language and direction, its alternates in every language
// (each an existing page), links that stay in the page's language, the
// interface's words, and translations from the data.
func TestLanguages(t *testing.T) {
	src := sitetest.FSAllLanguages(t, translated)
	out := filepath.Join(t.TempDir(), "public")
	const base = "https://example.org/odop/"
	st, err := build.Build(build.Options{Src: src, Out: out, BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	tree := sitetest.ReadTree(t, out)
	langs := []struct{ tag, dir, prefix string }{
		{"en", "ltr", ""}, {"hi", "ltr", "hi/"}, {"ar", "rtl", "ar/"}, {"fr", "ltr", "fr/"},
		{"es", "ltr", "es/"}, {"de", "ltr", "de/"}, {"ja", "ltr", "ja/"}, {"zh-Hans", "ltr", "zh-hans/"},
	}
	var english []string // pages of the default language, below the root
	for name := range tree {
		if strings.HasSuffix(name, ".html") && !hasLangPrefix(name) {
			english = append(english, name)
		}
	}
	if len(english) < 20 || st.Pages != len(english)*len(langs) {
		t.Fatalf("%d pages in all, %d in English: want the same pages in each of %d languages", st.Pages, len(english), len(langs))
	}
	for _, l := range langs {
		for _, page := range english {
			name := l.prefix + page
			doc, ok := tree[name]
			if !ok {
				t.Errorf("%s has no %s version %s", page, l.tag, name)
				continue
			}
			m := htmlTag.FindStringSubmatch(doc)
			if m == nil || m[1] != l.tag || m[2] != l.dir {
				t.Errorf("%s: <html> is %v, want lang %s dir %s", name, m, l.tag, l.dir)
			}
			alts := hreflang.FindAllStringSubmatch(doc, -1)
			if len(alts) != len(langs)+1 {
				t.Errorf("%s: %d hreflang links, want %d (each language and x-default)", name, len(alts), len(langs)+1)
			}
			seen := map[string]string{}
			for _, a := range alts {
				seen[a[1]] = a[2]
				file := strings.TrimPrefix(a[2], base)
				if file == "" || strings.HasSuffix(file, "/") {
					file += "index.html"
				}
				if _, ok := tree[file]; !ok {
					t.Errorf("%s: hreflang %s leads to %s, which is no page", name, a[1], a[2])
				}
			}
			for _, other := range langs {
				if want := base + other.prefix + strings.TrimSuffix(page, "index.html"); seen[other.tag] != want {
					t.Errorf("%s: hreflang %s is %q, want %q", name, other.tag, seen[other.tag], want)
				}
			}
			if seen["x-default"] != seen["en"] {
				t.Errorf("%s: x-default is %q, want the English page %q", name, seen["x-default"], seen["en"])
			}
			// Links lead to pages of the same language, but for the
			// files every language shares.
			for _, h := range localHref.FindAllStringSubmatch(doc, -1) {
				p := strings.TrimPrefix(h[1], "/odop/")
				if shared(p) || strings.HasPrefix(doc[strings.Index(doc, h[0]):], h[0]+` lang="`) {
					continue // a file, or the language switcher
				}
				if l.prefix != "" && !strings.HasPrefix(p, l.prefix) || l.prefix == "" && hasLangPrefix(p) {
					t.Errorf("%s: a link to /odop/%s leaves the page's language", name, p)
				}
			}
		}
	}
	for _, c := range []struct{ page, want string }{
		{"index.html", "Browse by sector"},
		{"hi/index.html", "सेक्टर"},
		{"ar/index.html", "القطاع"},
		{"de/index.html", "Sektor"},
		{"ja/index.html", "セクター"},
		{"zh-hans/index.html", "行业"},
		// The data's translations, in their language; the rest is
		// English, marked as such.
		{"hi/states/meghalaya/west-jaintia-hills/turmeric-lakadong/index.html", "<h1>लाकाडोंग हल्दी</h1>"},
		{"fr/states/meghalaya/west-jaintia-hills/turmeric-lakadong/index.html", `<h1 lang="en">Turmeric (Lakadong)</h1>`},
		{"fr/states/meghalaya/west-jaintia-hills/turmeric-lakadong/index.html", "<p>Cultivé dans les collines.</p>"},
		{"hi/states/meghalaya/west-jaintia-hills/turmeric-lakadong/index.html", `<p lang="en">Grown in the hills.</p>`},
		{"states/meghalaya/west-jaintia-hills/turmeric-lakadong/index.html", "<h1>Turmeric (Lakadong)</h1>"},
	} {
		if !strings.Contains(tree[c.page], c.want) {
			t.Errorf("%s lacks %q", c.page, c.want)
		}
	}
	if strings.Contains(tree["hi/index.html"], "Browse by sector") {
		t.Errorf("the Hindi home page has English interface text")
	}
	broken, err := linkcheck.Check(out, "/odop/")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Errorf("broken link: %v", b)
	}
}

func hasLangPrefix(p string) bool {
	for _, pre := range []string{"hi/", "ar/", "fr/", "es/", "de/", "ja/", "zh-hans/"} {
		if strings.HasPrefix(p, pre) {
			return true
		}
	}
	return false
}

// shared reports whether p is a file all languages link to: assets and
// the downloads.
func shared(p string) bool {
	return strings.HasPrefix(p, "assets/") || p == "feed.xml" || p == "catalogue.csv" || p == "catalogue.json"
}
