package build_test

import (
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/linkcheck"
	"github.com/odop-india/odop/internal/sitetest"
)

// small is a two-state site with hostile text in a product's name and
// description, a story and a page.
const small = `
-- data/products/meghalaya.csv --
state,district,lgd_code,product,category,sector,gi_status,ministry_department,description,photo_url
Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Yes,Ministry of Agriculture,"Grown in the hills, with 7-9% curcumin.",https://drive.google.com/file/d/abc/view
Meghalaya,West Jaintia Hills,275,<img src=x onerror=alert(1)>,Secondary,Handicraft,no ,,"</script><script>alert(2)</script> & ""quotes""",
Meghalaya,East Jaintia Hills,657,Turmeric,Primary,Agriculture,No,,,
-- data/products/jk.csv --
state,district,lgd_code,product,category,sector,gi_status
Jammu and Kashmir,Kupwara,8,Walnut,Primary,Agriculture,No
Jammu and Kashmir,Budgam,2,Kani Shawls,Primary,Handloom,YES
-- data/gi.csv --
row_id,s_no,gi_name,goods_category,states,is_foreign,same_name_as_s_no
1,575,Lakadong Turmeric,Agricultural,Meghalaya,no,
2,12,Kani Shawl,Handicraft,Jammu & Kashmir,no,
3,687,Aceto Balsamico di Modena,Manufactured,Italy,yes,
-- content/stories/walnuts.yaml --
title: Walnuts leave Budgam
date: 2021-09-26
state: Jammu and Kashmir
district: Budgam
product: Walnut
figures:
  - "2,000 kg"
summary: A first consignment of walnuts.
body: |
  The consignment went to **Bengaluru**. See [the states](/states/).
sources:
  - https://example.org/walnuts
-- content/about.md --
---
title: About <this> site
description: What the site is.
menu: About
---
Hello *world*. <script>alert(3)</script>
`

func buildSmall(t *testing.T, archive string) (string, build.Stats) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	st, err := build.Build(build.Options{Src: sitetest.FS(t, archive), Out: out, BaseURL: "https://example.org/odop/"})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return out, st
}

func read(t *testing.T, out, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var jsonLDScript = regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)

func jsonLD(t *testing.T, page string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, m := range jsonLDScript.FindAllStringSubmatch(page, -1) {
		var v map[string]any
		if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
		}
		if v["@context"] != "https://schema.org" {
			t.Errorf("JSON-LD without schema.org @context: %s", m[1])
		}
		out = append(out, v)
	}
	return out
}

func TestBuildSmallSite(t *testing.T) {
	out, st := buildSmall(t, small)
	// 5 products, 4 districts, 2 states, plus home, 404, states, sectors
	// (index and 3), categories (index and 2), products A-Z, GI, registry,
	// stories (index and 1), about, search, shortlist.
	if want := 5 + 4 + 2 + 1 + 1 + 1 + 4 + 3 + 1 + 1 + 1 + 2 + 1 + 1 + 1; st.Pages != want {
		t.Errorf("pages = %d, want %d", st.Pages, want)
	}

	broken, err := linkcheck.Check(out, "/odop/")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Errorf("broken link: %s", b)
	}

	hostile := read(t, out, "states/meghalaya/west-jaintia-hills/img-src-x-onerror-alert-1/index.html")
	assertNoInjectedMarkup(t, hostile)
	// html/template's escaping, as written: pages are not minified after
	// rendering (the templates are, before), so "&gt;" stays spelled out.
	if !strings.Contains(hostile, "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>") {
		t.Errorf("hostile product name not shown as text")
	}
	// The shortlist reads a product's details from its page; they must be
	// the data as written, in attributes, not markup.
	want := map[string]string{
		"data-shortlist-item": "states/meghalaya/west-jaintia-hills/img-src-x-onerror-alert-1/",
		"data-product":        "<img src=x onerror=alert(1)>",
		"data-district":       "West Jaintia Hills",
		"data-state":          "Meghalaya",
		"data-sector":         "Handicraft",
		"data-category":       "Secondary",
		"data-gi":             "no",
	}
	if got := shortlistItem(t, hostile); !maps.Equal(got, want) {
		t.Errorf("shortlist attributes of the hostile product:\n%v\nwant\n%v", got, want)
	}
	if !strings.Contains(read(t, out, "shortlist/index.html"), "needs JavaScript") {
		t.Error("the shortlist page does not say it needs JavaScript")
	}
	var product map[string]any
	for _, ld := range jsonLD(t, hostile) {
		if ld["@type"] == "Product" {
			product = ld
		}
	}
	if product == nil {
		t.Fatal("no Product JSON-LD on the product page")
	}
	if product["name"] != "<img src=x onerror=alert(1)>" {
		t.Errorf("JSON-LD name = %q", product["name"])
	}
	if !strings.HasPrefix(product["description"].(string), "</script><script>alert(2)") {
		t.Errorf("JSON-LD description = %q", product["description"])
	}
	origin := product["countryOfOrigin"].(map[string]any)
	state := origin["containsPlace"].(map[string]any)
	district := state["containsPlace"].(map[string]any)
	if origin["@type"] != "Country" || origin["name"] != "India" || state["name"] != "Meghalaya" ||
		district["@type"] != "Place" || district["name"] != "West Jaintia Hills district" {
		t.Errorf("countryOfOrigin = %v", origin)
	}

	turmeric := read(t, out, "states/meghalaya/west-jaintia-hills/turmeric-lakadong/index.html")
	for _, want := range []string{
		`<link rel="canonical" href="https://example.org/odop/states/meghalaya/west-jaintia-hills/turmeric-lakadong/">`,
		`<html lang="en" dir="ltr">`,
		`<a href="/odop/states/meghalaya/east-jaintia-hills/turmeric/">Turmeric</a>`,      // same product elsewhere
		`<a href="/odop/states/meghalaya/west-jaintia-hills/img-src-x-onerror-alert-1/">`, // same district
		`<a href="/odop/gi/registry/#gi-1">Lakadong Turmeric</a>`,                         // registry match
		`<span aria-current="page">Turmeric (Lakadong)</span>`,
		`LGD code 275`,
	} {
		if !strings.Contains(turmeric, want) {
			t.Errorf("product page lacks %s", want)
		}
	}
	if n := strings.Count(turmeric, `rel="canonical"`); n != 1 {
		t.Errorf("%d canonical links", n)
	}

	story := read(t, out, "stories/walnuts/index.html")
	for _, want := range []string{
		`The ODOP list does not list Walnut for Budgam; it lists it for <a href="/odop/states/jammu-and-kashmir/kupwara/walnut/">Kupwara</a>`,
		`<a href="/odop/states/">the states</a>`, // site link rebased
		`<strong>Bengaluru</strong>`,
	} {
		if !strings.Contains(story, want) {
			t.Errorf("story page lacks %s", want)
		}
	}
	walnut := read(t, out, "states/jammu-and-kashmir/kupwara/walnut/index.html")
	if !strings.Contains(walnut, `href="/odop/stories/walnuts/"`) {
		t.Error("the walnut product does not link back to its story")
	}
	about := read(t, out, "about/index.html")
	assertNoInjectedMarkup(t, about)
	if !strings.Contains(about, "<h1>About &lt;this&gt; site</h1>") {
		t.Error("Markdown page let raw HTML or its title through unescaped")
	}
	registry := read(t, out, "gi/registry/index.html")
	if strings.Contains(registry, "Aceto Balsamico") {
		t.Error("registry page lists a foreign GI among Indian ones")
	}
	if !strings.Contains(read(t, out, "404.html"), `href="/odop/states/"`) {
		t.Error("404 page lacks an absolute link to the states")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	a, _ := buildSmall(t, small)
	b, _ := buildSmall(t, small)
	sitetest.SameTree(t, "two builds", sitetest.ReadTree(t, a), sitetest.ReadTree(t, b))
}

func TestFailedBuildLeavesOutputAsItWas(t *testing.T) {
	out, _ := buildSmall(t, small)
	before := sitetest.ReadTree(t, out)
	bad := small + `
-- data/products/bad.csv --
state,district,product,category,sector,gi_status
Meghalaya,Ri-Bhoi,Pineapple,Primary,Agriculture,Maybe
`
	_, err := build.Build(build.Options{Src: sitetest.FS(t, bad), Out: out, BaseURL: "https://example.org/odop/"})
	var ie *build.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("build of bad input: err = %v, want an InputError", err)
	}
	if got := ie.Error(); !strings.Contains(got, `data/products/bad.csv:2:49: gi_status "Maybe": want Yes or No`) {
		t.Errorf("error = %s", got)
	}
	sitetest.SameTree(t, "output before and after a failed build", before, sitetest.ReadTree(t, out))
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("staging left behind: %v", entries)
	}
}

// TestPagesOnOneFile: a Markdown page named after a language's directory
// would be written over that language's home page; the build says so.
// (The catalogue refuses a page named after a section of the site.)
func TestPagesOnOneFile(t *testing.T) {
	bad := small + `
-- content/hi.md --
---
title: Hindi
description: In Hindi.
---
Text.
`
	_, err := build.Build(build.Options{Src: sitetest.FSAllLanguages(t, bad), Out: filepath.Join(t.TempDir(), "public")})
	var ie *build.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an InputError", err)
	}
	if want := "hi/index.html: two pages would be written to hi/index.html"; !strings.Contains(ie.Error(), want) {
		t.Errorf("error = %s\nwant %s", ie.Error(), want)
	}
}

// assertNoInjectedMarkup parses page as a browser would and fails if any
// element carries an event handler attribute, or any script other than
// JSON-LD or the site's own file exists.
// shortlistItem returns the data-* attributes of the page's element that
// carries data-shortlist-item.
func shortlistItem(t *testing.T, page string) map[string]string {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			t.Fatal("no element with data-shortlist-item")
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "data-") {
					attrs[a.Key] = a.Val
				}
			}
			if _, ok := attrs["data-shortlist-item"]; ok {
				return attrs
			}
		}
	}
}

// siteScript is the address of one of the site's own scripts: a hashed
// file in assets/.
var siteScript = regexp.MustCompile(`^/odop/assets/[a-z][a-z0-9-]*\.[0-9a-f]{8}\.js$`)

func assertNoInjectedMarkup(t *testing.T, page string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("element <%s> has handler %s=%q", tok.Data, a.Key, a.Val)
				}
			}
			if tok.Data == "script" {
				src, typ := "", ""
				for _, a := range tok.Attr {
					switch a.Key {
					case "src":
						src = a.Val
					case "type":
						typ = a.Val
					}
				}
				if typ != "application/ld+json" && !siteScript.MatchString(src) {
					t.Errorf("unexpected script: %v", tok)
				}
			}
			if tok.Data == "img" && !strings.Contains(tok.String(), "/assets/") {
				t.Errorf("unexpected image: %v", tok)
			}
		}
	}
}
