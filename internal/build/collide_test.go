package build

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/odop-india/odop/internal/i18n"
	"github.com/odop-india/odop/internal/site"
)

// TestCollisions checks the quick search for pages written to the same
// file against a map of every file, on random plans: two languages, paths
// that meet in every way (the same path, a page in the other language's
// directory, a path ending in index.html), assets that meet pages or not,
// and runs that are not sorted.
func TestCollisions(t *testing.T) {
	en := &i18n.Lang{Tag: "en", Default: true}
	hi := &i18n.Lang{Tag: "hi", Prefix: "hi/"}
	paths := []string{"", "x/", "x/y/", "y/", "hi/", "hi/z/", "z/", "404.html", "index.html", "x/index.html", "feed.xml", "a-b/"}
	assets := []string{"index.html", "x/index.html", "x/y/index.html", "hi/index.html", "hi/z/index.html", "feed.xml",
		"404.html", "hi/404.html", "xindex.html", "assets/app.css", "z/index.htm"}
	r := rand.New(rand.NewPCG(1, 2))
	quick := 0
	for range 5000 {
		var pages []*site.Page
		for _, l := range []*i18n.Lang{en, hi} {
			var run []*site.Page
			for range r.IntN(6) {
				run = append(run, &site.Page{Path: paths[r.IntN(len(paths))], Lang: l})
			}
			if r.IntN(8) > 0 {
				sort.Slice(run, func(i, j int) bool { return run[i].Path < run[j].Path })
			}
			pages = append(pages, run...)
		}
		var names []string
		for range r.IntN(3) {
			names = append(names, assets[r.IntN(len(assets))])
		}
		if _, ok := languageRuns(pages); ok {
			quick++
		}
		got, want := collisions(pages, names), collisionsByMap(pages, names)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			var ps []string
			for _, p := range pages {
				ps = append(ps, p.File())
			}
			t.Fatalf("pages %q, assets %q: collisions %q, a map finds %q", ps, names, got, want)
		}
	}
	if quick < 1000 {
		t.Errorf("only %d plans of 5000 took the quick way", quick)
	}
}
