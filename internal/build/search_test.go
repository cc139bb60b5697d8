package build_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
