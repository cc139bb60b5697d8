package build_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/odop-india/odop/internal/sitetest"
)

// TestSearchFiles checks that the search page reaches the index's
// manifest, that every shard the manifest names was written, and that
// the home page's search form leads to the search page.
func TestSearchFiles(t *testing.T) {
	out, _ := buildSmall(t, small)
	page := read(t, out, "search/index.html")
	m := regexp.MustCompile(`data-index="/odop/(search/index\.[0-9a-f]{8}\.json)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the search page names no hashed search/index.json")
	}
	var manifest struct {
		Shards   map[string]string `json:"shards"`
		Products []json.RawMessage `json:"products"`
	}
	if err := json.Unmarshal([]byte(read(t, out, m[1])), &manifest); err != nil {
		t.Fatal(err)
	}
	if len(manifest.Products) != 5 || len(manifest.Shards) == 0 {
		t.Errorf("manifest: %d products, %d shards", len(manifest.Products), len(manifest.Shards))
	}
	for key, name := range manifest.Shards {
		if _, err := os.Stat(filepath.Join(out, "search", name)); err != nil {
			t.Errorf("shard %s: %v", key, err)
		}
	}
	for _, want := range []string{
		`<script src="/odop/assets/search.`, // the client, on this page only
		`data-base="/odop/"`,
		`<noscript>`, `href="/odop/states/"`, `href="/odop/sectors/"`, `href="/odop/products/"`, // without JavaScript
		`<a href="/odop/search/" aria-current="page">Search</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the search page lacks %s", want)
		}
	}
	home := read(t, out, "index.html")
	for _, want := range []string{`action="/odop/search/"`, `name="q"`, `<a href="/odop/search/">Search</a>`} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page lacks %s", want)
		}
	}
	if strings.Contains(home, "/assets/search.") {
		t.Error("the home page loads the search client")
	}
}

// TestStandInNames: pages that name the search index are rendered before
// it is made, with a stand-in name, and again once it is. No page keeps
// the stand-in, and a page whose data happens to hold the stand-in's mark
// is written all the same, with its data.
func TestStandInNames(t *testing.T) {
	archive := strings.Replace(small, "Kupwara,8,Walnut,Primary,Agriculture,No\n",
		"Kupwara,8,Walnut,Primary,Agriculture,No\nJammu and Kashmir,Kupwara,8,Saffron odopPendingFile,Primary,Agriculture,No\n", 1)
	if archive == small {
		t.Fatal("the small site has changed: no row added")
	}
	out, st := buildSmall(t, archive)
	for name, data := range sitetest.ReadTree(t, out) {
		if strings.Contains(data, ".odopPendingFile.") {
			t.Errorf("%s names a file by its stand-in", name)
		}
	}
	if page := read(t, out, "states/jammu-and-kashmir/kupwara/saffron-odoppendingfile/index.html"); !strings.Contains(page, "<h1>Saffron odopPendingFile</h1>") {
		t.Error("the product whose name holds the mark lacks its heading")
	}
	if want := int64(st.Pages); st.Files < want {
		t.Errorf("%d files written for %d pages", st.Files, want)
	}
}
