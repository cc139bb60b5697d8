package build_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/headers"
	"github.com/odop-india/odop/internal/publish"
	"github.com/odop-india/odop/internal/sitetest"
)

// The real catalogue is built into memory: these tests read every file,
// and a disk adds nothing to what they check.
const realBase = "https://example.org/odop/"

func buildRealMemory(t *testing.T) *publish.Memory {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the whole catalogue")
	}
	m := publish.NewMemory()
	if _, err := build.BuildTo(build.Options{Src: build.DirFS(sitetest.RepoRoot(t)), BaseURL: realBase}, m); err != nil {
		t.Fatalf("build of the real catalogue: %v", err)
	}
	return m
}

func file(t *testing.T, m *publish.Memory, name string) []byte {
	t.Helper()
	b, ok := m.File(name)
	if !ok {
		t.Fatalf("no %s in the output", name)
	}
	return b
}

// urlOf is the absolute URL at which a file of the output is published.
func urlOf(name string) string {
	return realBase + strings.TrimSuffix(name, "index.html")
}

// hashedName is how a content-hashed file is named: "app.3f9a1c2e.css".
var hashedName = regexp.MustCompile(`\.[0-9a-f]{8}\.[a-z0-9]+$`)

// element is what a test needs of an element of a page: its tag name,
// attributes and, for a script, its text.
type element struct {
	tag   string
	attrs map[string]string
	text  string // of <script>
}

func elements(t *testing.T, name string, page []byte) []element {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []element
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			e := element{tag: n.Data, attrs: map[string]string{}}
			for _, a := range n.Attr {
				e.attrs[a.Key] = a.Val
			}
			if n.Data == "script" && n.FirstChild != nil {
				e.text = n.FirstChild.Data
			}
			out = append(out, e)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// assetRefs are the URLs of the files a page loads or names as its
// preview image: stylesheets, icons, scripts, images and og:image.
func assetRefs(els []element) []string {
	var refs []string
	for _, e := range els {
		switch {
		case e.tag == "link" && (e.attrs["rel"] == "stylesheet" || e.attrs["rel"] == "icon" ||
			e.attrs["rel"] == "preload" || e.attrs["rel"] == "modulepreload" || e.attrs["rel"] == "manifest"):
			refs = append(refs, e.attrs["href"])
		case (e.tag == "script" || e.tag == "img" || e.tag == "source") && e.attrs["src"] != "":
			refs = append(refs, e.attrs["src"])
		case e.tag == "meta" && strings.HasPrefix(e.attrs["property"], "og:image") && e.attrs["property"] != "og:image:alt" &&
			e.attrs["property"] != "og:image:width" && e.attrs["property"] != "og:image:height":
			refs = append(refs, e.attrs["content"])
		}
	}
	return refs
}

// outputName maps a site URL (absolute or a path) to the output file it
// names, or "" when it points outside the site.
func outputName(ref string) string {
	u, err := url.Parse(ref)
	base, _ := url.Parse(realBase)
	if err != nil || (u.Host != "" && u.Host != base.Host) || !strings.HasPrefix(u.Path, base.Path) {
		return ""
	}
	name := strings.TrimPrefix(u.Path, base.Path)
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return name
}

func TestPublishedSite(t *testing.T) {
	m := buildRealMemory(t)
	names := m.Names()
	var pages []string
	for _, n := range names {
		if strings.HasSuffix(n, ".html") {
			pages = append(pages, n)
		}
	}
	if len(pages) < 2000 {
		t.Fatalf("only %d pages", len(pages))
	}

	t.Run("assets are hashed", func(t *testing.T) {
		seen := map[string]bool{}
		for _, p := range pages {
			for _, ref := range assetRefs(elements(t, p, file(t, m, p))) {
				name := outputName(ref)
				if name == "" {
					t.Errorf("%s: asset %s is not on the site", p, ref)
					continue
				}
				if _, ok := m.File(name); !ok {
					t.Errorf("%s: asset %s: no such file", p, ref)
				}
				if !hashedName.MatchString(name) {
					t.Errorf("%s: asset %s is not named by its content hash", p, ref)
				}
				seen[name] = true
			}
		}
		if len(seen) < 4 { // app.css, app.js, icon.svg, social.png
			t.Errorf("pages reference only %d assets: %v", len(seen), seen)
		}
	})

	t.Run("_headers", func(t *testing.T) {
		rules, err := headers.Parse(file(t, m, "_headers"))
		if err != nil {
			t.Fatal(err)
		}
		if len(rules) > headers.MaxRules {
			t.Errorf("%d rules; Cloudflare Pages reads %d", len(rules), headers.MaxRules)
		}
		// Every file gets each header once, so a host that joins the
		// values of overlapping rules sends what one that does not sends.
		for _, n := range names {
			if n == "_headers" {
				continue
			}
			u, _ := url.Parse(urlOf(n))
			h := rules.For(u.Path)
			want := headers.Revalidate
			if hashedName.MatchString(n) {
				want = headers.Immutable
			}
			if got := h.Values("Cache-Control"); len(got) != 1 || got[0] != want {
				t.Errorf("%s: Cache-Control %q, want %q", u.Path, got, want)
			}
			for _, name := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
				if got := h.Values(name); len(got) != 1 {
					t.Errorf("%s: %s %q, want one value", u.Path, name, got)
				}
			}
			if csp := h.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("%s: CSP %q", u.Path, csp)
			}
			if h.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("%s: X-Content-Type-Options %q", u.Path, h.Get("X-Content-Type-Options"))
			}
		}
	})

	t.Run("sitemap", func(t *testing.T) {
		var s struct {
			XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
			Locs    []string `xml:"url>loc"`
		}
		if err := xml.Unmarshal(file(t, m, "sitemap.xml"), &s); err != nil {
			t.Fatal(err)
		}
		listed := map[string]bool{}
		noindex := 0
		for _, l := range s.Locs {
			if listed[l] {
				t.Errorf("sitemap lists %s twice", l)
			}
			listed[l] = true
		}
		shortlists := 0
		for _, p := range pages {
			if path.Base(p) == "404.html" {
				continue
			}
			if strings.HasSuffix(p, "shortlist/index.html") {
				shortlists++
			}
			// A page for the visitor alone (the shortlist) asks not to be
			// indexed, and is not listed.
			if bytes.Contains(file(t, m, p), []byte(`<meta name="robots" content="noindex">`)) {
				if listed[urlOf(p)] {
					t.Errorf("sitemap lists %s, which asks not to be indexed", urlOf(p))
				}
				noindex++
				continue
			}
			if !listed[urlOf(p)] {
				t.Errorf("sitemap lacks %s", urlOf(p))
			}
			delete(listed, urlOf(p))
		}
		for l := range listed {
			t.Errorf("sitemap lists %s, which is no page", l)
		}
		if noindex != shortlists || shortlists == 0 {
			t.Errorf("%d pages ask not to be indexed, want %d (the shortlist in each language)", noindex, shortlists)
		}
		robots := string(file(t, m, "robots.txt"))
		if !strings.Contains(robots, "Sitemap: "+realBase+"sitemap.xml\n") {
			t.Errorf("robots.txt does not name the sitemap:\n%s", robots)
		}
	})

	t.Run("feed", func(t *testing.T) {
		var f struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			Updated string   `xml:"updated"`
			Entries []struct {
				ID   string `xml:"id"`
				Link []struct {
					Rel  string `xml:"rel,attr"`
					Href string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(file(t, m, build.FeedName), &f); err != nil {
			t.Fatal(err)
		}
		inFeed := map[string]bool{}
		for _, e := range f.Entries {
			inFeed[e.ID] = true
		}
		stories := 0
		for _, p := range pages {
			if strings.HasPrefix(p, "stories/") && p != "stories/index.html" {
				stories++
				if !inFeed[urlOf(p)] {
					t.Errorf("the feed lacks %s", urlOf(p))
				}
			}
		}
		if stories == 0 || len(f.Entries) != stories {
			t.Errorf("the feed has %d entries for %d stories", len(f.Entries), stories)
		}
	})

	t.Run("head", func(t *testing.T) {
		for _, p := range pages {
			checkHead(t, p, elements(t, p, file(t, m, p)))
		}
	})

	t.Run("open data", func(t *testing.T) {
		rows, err := csv.NewReader(bytes.NewReader(file(t, m, "catalogue.csv"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1241+1 {
			t.Errorf("catalogue.csv: %d rows, want a header and 1,241 products", len(rows))
		}
		col := map[string]int{}
		for i, c := range rows[0] {
			col[c] = i
		}
		for _, r := range rows[1:] {
			if r[col["source_version"]] != "31" || r[col["source_date"]] != "2025-07-07" || r[col["source"]] == "" {
				t.Fatalf("row without its source: %q", r)
			}
			if outputName(r[col["page_url"]]) == "" {
				t.Fatalf("row's page %q is not on the site", r[col["page_url"]])
			}
			if _, ok := m.File(outputName(r[col["page_url"]])); !ok {
				t.Fatalf("row's page %q does not exist", r[col["page_url"]])
			}
		}
		var doc struct {
			Sources map[string]struct{ Name, Version, Date string }
			Counts  struct{ States, Districts, Products int }
			// Products decoded loosely: the test wants their number.
			Products []map[string]any
		}
		if err := json.Unmarshal(file(t, m, "catalogue.json"), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Counts.Products != 1241 || len(doc.Products) != 1241 || doc.Counts.Districts != 773 || doc.Counts.States != 36 {
			t.Errorf("catalogue.json counts %+v, %d products", doc.Counts, len(doc.Products))
		}
		if s := doc.Sources["products"]; s.Version != "31" || s.Date != "2025-07-07" || s.Name == "" {
			t.Errorf("catalogue.json products source %+v", s)
		}
		if doc.Sources["gi_registry"].Name == "" {
			t.Error("catalogue.json does not name the GI registry source")
		}
		for _, p := range []string{"index.html", "buyers/index.html"} {
			links := map[string]bool{}
			for _, e := range elements(t, p, file(t, m, p)) {
				if e.tag == "a" {
					links[outputName(e.attrs["href"])] = true
				}
			}
			if !links["catalogue.csv"] || !links["catalogue.json"] {
				t.Errorf("%s does not link both downloads", p)
			}
		}
	})
}

// checkHead asserts what every page's head must say: one canonical URL,
// Open Graph and Twitter card tags, the feed, and JSON-LD that parses,
// with a BreadcrumbList wherever there are breadcrumbs and a Place on
// state and district pages.
func checkHead(t *testing.T, p string, els []element) {
	t.Helper()
	count := map[string]int{}
	var canonical, ogURL, feed string
	var types []string
	crumbs := false
	for _, e := range els {
		switch {
		case e.tag == "link" && e.attrs["rel"] == "canonical":
			count["canonical"]++
			canonical = e.attrs["href"]
		case e.tag == "link" && e.attrs["rel"] == "alternate" && e.attrs["type"] == "application/atom+xml":
			feed = e.attrs["href"]
		case e.tag == "meta" && e.attrs["property"] != "":
			count[e.attrs["property"]]++
			if e.attrs["property"] == "og:url" {
				ogURL = e.attrs["content"]
			}
			if e.attrs["content"] == "" {
				t.Errorf("%s: %s is empty", p, e.attrs["property"])
			}
		case e.tag == "meta" && strings.HasPrefix(e.attrs["name"], "twitter:"):
			count[e.attrs["name"]]++
		case e.tag == "nav" && strings.Contains(e.attrs["class"], "crumbs"):
			crumbs = true
		case e.tag == "script" && e.attrs["type"] == "application/ld+json":
			var v map[string]any
			if err := json.Unmarshal([]byte(e.text), &v); err != nil {
				t.Errorf("%s: JSON-LD does not parse: %v", p, err)
				continue
			}
			if v["@context"] != "https://schema.org" {
				t.Errorf("%s: JSON-LD without @context: %.100s", p, e.text)
			}
			typ, _ := v["@type"].(string)
			types = append(types, typ)
		}
	}
	for _, k := range []string{"canonical", "og:title", "og:description", "og:url", "og:image", "og:type", "og:site_name", "twitter:card"} {
		if count[k] != 1 {
			t.Errorf("%s: %d %s, want 1", p, count[k], k)
		}
	}
	if p != "404.html" && canonical != urlOf(p) {
		t.Errorf("%s: canonical %s, want %s", p, canonical, urlOf(p))
	}
	if ogURL != canonical {
		t.Errorf("%s: og:url %s is not the canonical %s", p, ogURL, canonical)
	}
	if outputName(feed) != build.FeedName {
		t.Errorf("%s: feed link %q", p, feed)
	}
	has := func(typ string) bool {
		for _, x := range types {
			if x == typ {
				return true
			}
		}
		return false
	}
	if crumbs != has("BreadcrumbList") {
		t.Errorf("%s: breadcrumbs shown %v, BreadcrumbList JSON-LD %v", p, crumbs, has("BreadcrumbList"))
	}
	if strings.HasPrefix(p, "states/") {
		switch strings.Count(p, "/") {
		case 2:
			if !has("AdministrativeArea") {
				t.Errorf("%s: no AdministrativeArea (a Place) JSON-LD: %v", p, types)
			}
		case 3:
			if !has("Place") {
				t.Errorf("%s: no Place JSON-LD: %v", p, types)
			}
		}
	}
	if p == "index.html" && !has("WebSite") {
		t.Errorf("%s: no WebSite JSON-LD", p)
	}
}

// BenchmarkBuildRealMemory is the dev server's rebuild: the whole real
// catalogue built into memory, nothing written to disk.
func BenchmarkBuildRealMemory(b *testing.B) {
	src := build.DirFS(sitetest.RepoRoot(b))
	var st build.Stats
	for b.Loop() {
		var err error
		st, err = build.BuildTo(build.Options{Src: src, BaseURL: realBase}, publish.NewMemory())
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(st.Pages), "pages")
}
