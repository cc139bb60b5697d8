package build_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/odop-india/odop/internal/build"
	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/linkcheck"
	"github.com/odop-india/odop/internal/site"
	"github.com/odop-india/odop/internal/sitetest"
)

// buildReal builds the real catalogue shipped in the repository. Its
// speed is measured by BenchmarkBuild in bench_test.go.
func buildReal(t testing.TB, out string) build.Stats {
	t.Helper()
	st, err := build.Build(build.Options{Src: build.DirFS(sitetest.RepoRoot(t)), Out: out, BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatalf("build of the real catalogue: %v", err)
	}
	return st
}

// TestRealCatalogue checks that the shipped data becomes a page for every
// product, district and State/UT, and that two builds are byte-identical.
func TestRealCatalogue(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole catalogue twice")
	}
	a := filepath.Join(t.TempDir(), "public")
	buildReal(t, a)
	tree := sitetest.ReadTree(t, a)

	var states, districts, products int
	for name := range tree {
		if !strings.HasPrefix(name, "states/") || !strings.HasSuffix(name, "/index.html") {
			continue
		}
		switch strings.Count(name, "/") {
		case 2:
			states++
		case 3:
			districts++
		case 4:
			products++
		}
	}
	if states != 36 || districts != 773 || products != 1241 {
		t.Errorf("pages: %d states, %d districts, %d products; want 36, 773, 1241", states, districts, products)
	}
	checkMap(t, tree)
	checkStoryLinks(t, tree)
	for _, want := range []string{
		"states/meghalaya/west-jaintia-hills/turmeric-lakadong/index.html",
		"states/jammu-and-kashmir/budgam/kani-shawls/index.html",
		"states/uttar-pradesh/moradabad/index.html",
		"stories/index.html", "gi/index.html", "gi/registry/index.html", "products/index.html", "404.html",
		"about/index.html", "buyers/index.html", "embassies/index.html",
	} {
		if _, ok := tree[want]; !ok {
			t.Errorf("no %s", want)
		}
	}
	broken, err := linkcheck.Check(a, "/")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range broken {
		t.Errorf("broken link: %s", b)
	}
	lakadong := tree["states/meghalaya/west-jaintia-hills/turmeric-lakadong/index.html"]
	if !strings.Contains(lakadong, ">Lakadong Turmeric</a>") {
		t.Error("Lakadong turmeric is not linked to its GI registry entry")
	}

	b := filepath.Join(t.TempDir(), "public")
	buildReal(t, b)
	sitetest.SameTree(t, "two builds", tree, sitetest.ReadTree(t, b))
}

// checkMap: the home page's map links every State/UT with plain SVG links,
// and its shapes come from one hashed file that has every region drawn.
func checkMap(t *testing.T, tree map[string]string) {
	t.Helper()
	home := tree["index.html"]
	i, j := strings.Index(home, "<svg"), strings.Index(home, "</svg>")
	if i < 0 || j < i {
		t.Fatal("no map on the home page")
	}
	svg := home[i:j]
	for _, s := range []string{"ladakh", "jammu-and-kashmir", "meghalaya", "dadra-and-nagar-haveli-and-daman-and-diu", "delhi"} {
		if !strings.Contains(svg, `<a href="/states/`+s+`/"`) {
			t.Errorf("the map has no link to %s", s)
		}
	}
	if n := strings.Count(svg, `<a href="/states/`); n != 37 {
		// 34 regions of one State/UT each (Dadra and Nagar Haveli, and
		// Daman and Diu, are two regions of one UT), and two labelled
		// links on the map's Jammu and Kashmir, which includes Ladakh.
		t.Errorf("%d links to states on the map, want 37", n)
	}
	var shapes string
	for name, data := range tree {
		if strings.HasPrefix(name, "assets/india-map.") && strings.HasSuffix(name, ".svg") {
			shapes = data
			if !strings.Contains(svg, "/"+name+"#ml") {
				t.Errorf("the map does not use %s", name)
			}
		}
	}
	if strings.Count(shapes, "<path id=") != 36 {
		t.Errorf("the map's shapes file has %d paths, want 36", strings.Count(shapes, "<path id="))
	}
}

// checkStoryLinks: every product a story names (as its product, as a
// district that lists it, or among its mentions) links to the story, and
// the story links back to it.
func checkStoryLinks(t *testing.T, tree map[string]string) {
	t.Helper()
	cat, problems := catalog.Load(build.DirFS(sitetest.RepoRoot(t)))
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	links := 0
	for _, s := range cat.Stories {
		story := tree[site.PathOf(s)+"index.html"]
		for _, p := range s.Products() {
			if !strings.Contains(tree[site.PathOf(p)+"index.html"], `href="/`+site.PathOf(s)+`"`) {
				t.Errorf("%s does not link to the story %s", site.PathOf(p), site.PathOf(s))
			}
			if !strings.Contains(story, `href="/`+site.PathOf(p)+`"`) {
				t.Errorf("the story %s does not link to %s", site.PathOf(s), site.PathOf(p))
			}
			links++
		}
	}
	if links < len(cat.Stories) {
		t.Errorf("%d stories name only %d products", len(cat.Stories), links)
	}
}
