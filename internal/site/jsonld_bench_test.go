package site

import (
	"net/url"
	"os"
	"testing"

	"github.com/odop-india/odop/internal/sitetest"
)

// BenchmarkJSONLD writes the structured data of every page of the real
// catalogue, in English.
func BenchmarkJSONLD(b *testing.B) {
	src := sitetest.EnglishOnly(os.DirFS(sitetest.RepoRoot(b)))
	c, langs := sitetest.Load(b, src)
	pages, err := Plan(c, langs)
	if err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse("https://example.org/odop/")
	r, err := NewRenderer(src, c, Options{BaseURL: u, Languages: langs, Assets: testAssets(b, src)})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		for _, p := range pages {
			r.first.jsonLD(p)
		}
	}
}
