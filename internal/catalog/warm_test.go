package catalog_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/diag"
	"github.com/odop-india/odop/internal/sitetest"
)

// realSite copies the repository's site.yaml, data/ and content/ into
// memory, so that a test can edit files without touching the repository.
func realSite(tb testing.TB) fstest.MapFS { return sitetest.Copy(tb, "site.yaml", "data", "content") }

// BenchmarkLoadWarm is odop serve's load after an edit of one product
// list: every other file is in the cache as it was last parsed.
func BenchmarkLoadWarm(b *testing.B) {
	site := realSite(b)
	const file = "data/products/meghalaya.csv"
	orig := site[file].Data
	edited := bytes.Replace(orig, []byte("Turmeric"), []byte("Turmeric (edited)"), 1)
	cache := catalog.NewCache()
	if _, problems := catalog.LoadCached(site, cache); problems.Err() != nil {
		b.Fatal(problems.Err())
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		data := orig
		if i%2 == 0 {
			data = edited
		}
		site[file] = &fstest.MapFile{Data: data, Mode: 0o644}
		if _, problems := catalog.LoadCached(site, cache); problems.Err() != nil {
			b.Fatal(problems.Err())
		}
	}
}

// TestWarmLoadIsColdLoad edits a site step by step, as a writer does under
// odop serve, and checks after each step that a load taking from a cache
// gives the catalogue and the problems a load without one gives, and that
// no load changes a catalogue an earlier load returned.
func TestWarmLoadIsColdLoad(t *testing.T) {
	site := realSite(t)
	const (
		meghalaya = "data/products/meghalaya.csv"
		bad       = "data/products/zz-bad.csv"
		badHeader = "state,district,lgd_code,product,category,sector,gi_status,photo_url,hs_code,product_hi,description,description_fr,colour\n"
	)
	orig := site[meghalaya].Data
	set := func(name, data string) { site[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644} }
	edit := func(name, old, new string) {
		t.Helper()
		data := string(site[name].Data)
		if !strings.Contains(data, old) {
			t.Fatalf("%s has no %q", name, old)
		}
		set(name, strings.Replace(data, old, new, 1))
	}
	badRows := badHeader +
		",East Garo Hills,1,Nothing,Primary,Agriculture,No,,,,,,\n" + // empty state
		"Meghalaya,,1,Nothing,Primary,Agriculture,No,,,,,,\n" + // empty district
		"Meghalaya,East Garo Hills,1, ,Primary,Agriculture,No,,,,,,\n" + // empty product
		"Meghalya,East Garo Hills,,Rice,Primary,Agriculture,No,,,,,,\n" + // a typo
		"meghalaya,East Garo Hills,,Rice,Primary,Agriculture,No,,,,,,\n" + // a case
		"Atlantis,Nowhere,,Rice,Primary,Agriculture,No,,,,,,\n" + // unknown
		"Meghalaya,East Garo Hills,,Rice,Quaternary,Agriculture,No,,,,,,\n" +
		"Meghalaya,East Garo Hills,,Rice,Primary,Agriculture,Maybe,,,,,,\n" +
		"Meghalaya,East Garo Hills,12a,Rice,Primary,Agriculture,No,,,,,,\n" +
		"Meghalaya,East Garo Hills,,Rice,Primary,Agriculture,No,,22x08,,,,\n" +
		"Meghalaya,East Garo Hills,,Rice,Primary,Agriculture,No,javascript:alert(1),,,,,\n" +
		"Meghalaya,East Garo Hills,,Rice,Primary,Agriculture,No,ftp://example.org/x.jpg,,,,,\n" +
		"Meghalaya,east garo  hills,,PINEAPPLE,secondary,Agri,yes,,,,,,\n" + // a duplicate
		"Meghalaya,East Garo Hills,999,Black Rice,Primary,Agriculture,No,,,,,,\n" + // an LGD conflict
		"Assam,East Garo Hills,,Tea,Primary,Agriculture,No,,,,,,\n" + // a district under two states
		"Meghalaya,West Khasi Hills,,Feni's,Primary,Agriculture,No,,,,,,\n" +
		"Meghalaya,West Khasi Hills,,Fenis,Primary,Agriculture,No,,,,,,\n" + // the same slug
		"Meghalaya,West Khasi Hills,,\"Kani  Shawls (Tidy)\",Primary,Handloom,YES,https://example.org/x.jpg,0910.30,काली,\" Shawls  woven \",Châles,red\n" +
		"Meghalaya,West-Khasi Hills,,Honey,Primary,Agriculture,No,,,,,,\n" + // a district spelt differently
		"Goa,North Goa,1,Feni,Primary,Food Processing,Yes,,,,,,\n" +
		"Assam,East Jaintia Hills,657,Tea,Primary,Agriculture,No,,,,,,\n" + // under two states with one LGD code
		"Meghalaya,Jaintia's Hills,,Honey,Primary,Agriculture,No,,,,,,\n" +
		"Meghalaya,Jaintias Hills,,Honey,Primary,Agriculture,No,,,,,,\n" + // a district of the same slug
		"Goa,North Goa,1,Fe\"ni,Primary,Food Processing,Yes,,,,,,\n" + // a bare quote
		"Goa,North Goa,1,Cashew\n" // too few fields
	steps := []struct {
		name string
		do   func()
	}{
		{"the real site", func() {}},
		{"loaded again", func() {}},
		{"a row edited", func() { edit(meghalaya, "Turmeric", "Turmeric  (edited)") }},
		{"the row as it was", func() { set(meghalaya, string(orig)) }},
		{"an error brought in", func() {
			edit(meghalaya, "Meghalaya,East Garo Hills,273,Pineapple,Primary", "Meghalaya,East Garo Hills,273,Pineapple,Primery")
		}},
		{"the error fixed", func() { set(meghalaya, string(orig)) }},
		{"a product a story names taken out", func() { edit(meghalaya, "Turmeric (Lakadong)", "Turmeric (Jaintia)") }},
		{"the product back", func() { set(meghalaya, string(orig)) }},
		{"a file of bad rows", func() { set(bad, badRows) }},
		{"a bad row fixed", func() { edit(bad, "Quaternary", "Tertiary") }},
		{"a bad row brought in", func() { edit(bad, "Fenis,Primary", "Fenis,Primary\nMeghalaya,West Khasi Hills,,Fenis,Primary") }},
		{"an undeclared Windows-1252 file", func() { set(bad, badHeader+"Goa,North Goa,1,Caf\xe9,Primary,Food,Yes,,,,,,\n") }},
		{"the file declared", func() { set("site.yaml", string(site["site.yaml"].Data)+"encodings:\n  "+bad+": windows-1252\n") }},
		{"the GI registry declared Windows-1252", func() { edit("site.yaml", "encodings:\n", "encodings:\n  data/gi.csv: cp1252\n") }},
		{"the GI registry declared UTF-8", func() { edit("site.yaml", "data/gi.csv: cp1252", "data/gi.csv: utf-8") }},
		{"a byte Windows-1252 lacks", func() { set(bad, badHeader+"Goa,North Goa,1,Caf\x81,Primary,Food,Yes,,,,,,\n") }},
		{"the byte fixed", func() { set(bad, badHeader+"Goa,North Goa,1,Caf\xe9 \x93Feni\x94,Primary,Food,Yes,,,,,,\n") }},
		{"the bad file deleted", func() { delete(site, bad) }},
		{"a GI entry added", func() {
			set("data/gi.csv", string(site["data/gi.csv"].Data)+"9001,9001,Garo Pineapple,Agricultural,Agricultural,Meghalaya,Meghalaya,1,no,no,\n,,,Agricultural,,Goa,,,no,,\n9003,1,Foreign Tea,Agricultural,,Goa,,,maybe,,\n")
		}},
		{"a GI-flagged row", func() { edit(meghalaya, "Pineapple,Primary,Agriculture,No", "Pineapple,Primary,Agriculture,Yes") }},
		{"a story edited", func() {
			edit("content/stories/lakadong-turmeric-gi-tag.yaml", "title: Lakadong", "title: The Lakadong")
		}},
		{"a bad story", func() {
			set("content/stories/zz-bad.yaml", "title: A\ndate: 2021-02-30\nstate: Meghalaya\ndistrict: Atlantis\nproduct: Unobtainium\ncolour: red\nsummary: S.\nbody: |\n  [x](javascript:alert(1)) <b>raw</b>\nsources: [https://example.org/, \"data:x\"]\nmentions:\n  - {state: Meghalaya, district: East Garo Hills, product: Pineapple}\n  - {state: Goa, district: North Goa, product: Feni}\n  - 3\n")
		}},
		{"a story that is not YAML", func() { set("content/stories/zz-bad.yaml", "title: [\n") }},
		{"a good story of a new product", func() {
			set("content/stories/zz-bad.yaml", "title: A\ndate: 2021-02\nstate: Meghalaya\ndistrict: East Garo Hills\nproduct: Pineapple\nsummary: S.\nbody: B.\nsources: [https://example.org/]\nmentions:\n  - {state: Meghalaya, district: East Garo Hills, product: Pineapple}\n")
		}},
		{"its product taken out", func() { edit(meghalaya, "East Garo Hills,273,Pineapple", "East Garo Hills,273,Pineapples") }},
		{"a bad page", func() { set("content/zz.md", "---\ntitle: Z\norder: x\n---\n<script>x</script>\n") }},
		{"a page that takes a reserved name", func() { set("content/states.md", "---\ntitle: S\ndescription: D.\n---\nBody\n") }},
		{"the pages removed", func() { delete(site, "content/zz.md"); delete(site, "content/states.md") }},
		{"site.yaml edited", func() { edit("site.yaml", "title: ODOP India catalogue", "title: ODOP") }},
		{"a bad map table", func() { edit("data/map/regions.csv", "ml,Meghalaya", "ml,Meghalya") }},
	}
	cache := catalog.NewCache()
	type loaded struct {
		step string
		cat  *catalog.Catalog
		dump string // of cat as loaded
	}
	var earlier []loaded
	for _, step := range steps {
		step.do()
		want := dumpLoad(catalog.Load(site))
		for i := range 2 { // the second load takes everything from the cache
			c, problems := catalog.LoadCached(site, cache)
			if got := dumpLoad(c, problems); got != want {
				t.Fatalf("%s, warm load %d: differs from a cold load:\n%s", step.name, i+1, firstDifference(got, want))
			}
			earlier = append(earlier, loaded{step.name, c, dumpLoad(c, nil)})
		}
	}
	// Loads share what the cache holds: none may change what another
	// returned.
	for _, e := range earlier {
		if got := dumpLoad(e.cat, nil); got != e.dump {
			t.Fatalf("the catalogue loaded at %q changed later:\n%s", e.step, firstDifference(got, e.dump))
		}
	}
}

// TestCacheConcurrentLoads: loads that share a cache at the same time
// give what loads without one give. Run with -race, it also shows that
// they share nothing that one of them writes.
func TestCacheConcurrentLoads(t *testing.T) {
	const file = "data/products/meghalaya.csv"
	site := realSite(t)
	cache := catalog.NewCache()
	catalog.LoadCached(site, cache)
	sites := make([]fstest.MapFS, 4)
	wants := make([]string, len(sites))
	for i := range sites {
		sites[i] = maps.Clone(site)
		edited := bytes.Replace(site[file].Data, []byte("Turmeric"), fmt.Appendf(nil, "Turmeric %d", i%2), 1)
		sites[i][file] = &fstest.MapFile{Data: edited, Mode: 0o644}
		wants[i] = dumpLoad(catalog.Load(sites[i]))
	}
	gots := make([]string, len(sites))
	var wg sync.WaitGroup
	for i := range sites {
		wg.Go(func() { gots[i] = dumpLoad(catalog.LoadCached(sites[i], cache)) })
	}
	wg.Wait()
	for i := range sites {
		if gots[i] != wants[i] {
			t.Errorf("load %d differs from a load without a cache:\n%s", i, firstDifference(gots[i], wants[i]))
		}
	}
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// dumpLoad writes out everything a load gave, in a fixed order, with
// pointers as the names of what they point to: two loads gave the same
// when their dumps are equal. The problems come last.
func dumpLoad(c *catalog.Catalog, problems diag.List) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	productID := func(p *catalog.Product) string {
		if p == nil {
			return "<nil>"
		}
		return p.District.State.Slug + "/" + p.District.Slug + "/" + p.Slug
	}
	products := func(ps []*catalog.Product) string {
		ids := make([]string, len(ps))
		for i, p := range ps {
			ids[i] = productID(p)
		}
		return "[" + strings.Join(ids, " ") + "]"
	}
	stories := func(ss []*catalog.Story) string {
		slugs := make([]string, len(ss))
		for i, s := range ss {
			slugs[i] = s.Slug
		}
		return "[" + strings.Join(slugs, " ") + "]"
	}
	w("site %+v", c.Site)
	for _, s := range c.States {
		var ds []string
		for _, d := range s.Districts {
			ds = append(ds, d.Slug)
		}
		w("state %q %s %s districts %v products %s", s.Name, s.Slug, s.Kind, ds, products(s.Products))
	}
	for _, d := range c.Districts {
		w("district %q %s lgd %q state %s products %s stories %s at %s", d.Name, d.Slug, d.LGDCode, d.State.Slug, products(d.Products), stories(d.Stories), d.Pos)
	}
	for _, p := range c.Products {
		gi, family := "<nil>", "<nil>"
		if p.GI != nil {
			gi = p.GI.ID
		}
		if p.Family != nil {
			family = p.Family.Slug
		}
		w("product %s %q district %s category %s sector %s gi %v %s family %s", productID(p), p.Name, p.District.Slug, p.Category.Slug, p.Sector.Slug, p.GIFlag, gi, family)
		w("  ministry %q description %q names %v descriptions %v photo %q hs %q stories %s at %s", p.Ministry, p.Description, p.Names, p.Descriptions, p.PhotoURL, p.HSCode, stories(p.Stories), p.Pos)
	}
	for _, f := range c.Families {
		w("family %q %s %s", f.Name, f.Slug, products(f.Products))
	}
	for _, g := range append(slices.Clone(c.Sectors), c.Categories...) {
		w("%s %q %s %s", g.Kind, g.Name, g.Slug, products(g.Products))
	}
	for _, g := range c.GI {
		w("gi %s %q %q %q %q foreign %v repeat %q products %s at %s", g.ID, g.SNo, g.Name, g.Category, g.States, g.Foreign, g.RepeatOf, products(g.Products), g.Pos)
	}
	for _, s := range c.Stories {
		state, district := "<nil>", "<nil>"
		if s.State != nil {
			state = s.State.Slug
		}
		if s.District != nil {
			district = s.District.Slug
		}
		w("story %s %q %q state %s district %s product %q %s listed in %s mentions %s products %s", s.Slug, s.Title, s.Date, state, district,
			s.ProductName, productID(s.Product), products(s.ListedIn), products(s.Mentions), products(s.Products()))
		w("  figures %q summary %q body %q sources %q note %q at %s", s.Figures, s.Summary, s.Body, s.Sources, s.Note, s.Pos)
	}
	for _, p := range c.Pages {
		w("page %+v", *p)
	}
	if c.Map != nil {
		w("map %s", c.Map.ViewBox)
		for _, r := range c.Map.Regions {
			var states []string
			for _, s := range r.States {
				states = append(states, s.Slug)
			}
			w("region %s %q %v %v %q", r.ID, r.Name, states, r.Box, r.Path)
		}
	}
	for _, p := range problems {
		w("problem %s", p)
	}
	return b.String()
}
