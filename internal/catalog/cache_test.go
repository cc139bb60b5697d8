package catalog

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"
)

// TestProductFileCache: loads that take product lists from a cache give
// the catalogue and the problems a load without one gives, and an edited
// list, or one whose declared encoding changed, is parsed again.
func TestProductFileCache(t *testing.T) {
	site := fstest.MapFS{}
	if err := fs.WalkDir(os.DirFS("../.."), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(p == "site.yaml" || len(p) > 5 && (p[:5] == "data/" || len(p) > 8 && p[:8] == "content/")) {
			return err
		}
		data, err := fs.ReadFile(os.DirFS("../.."), p)
		site[p] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	const file = "data/products/meghalaya.csv"
	cache := NewCache()
	check := func(step string) {
		t.Helper()
		want, wantProblems := Load(site)
		got, gotProblems := LoadCached(site, cache)
		if len(got.Products) != len(want.Products) || len(got.Products) == 0 {
			t.Fatalf("%s: %d products, want %d", step, len(got.Products), len(want.Products))
		}
		for i, p := range got.Products {
			w := want.Products[i]
			if p.Name != w.Name || p.Description != w.Description || p.District.Name != w.District.Name || p.Category.Name != w.Category.Name {
				t.Fatalf("%s: product %d is %q in %s, want %q in %s", step, i, p.Name, p.District.Name, w.Name, w.District.Name)
			}
		}
		if fmt.Sprint(gotProblems) != fmt.Sprint(wantProblems) || len(gotProblems) != len(wantProblems) {
			t.Errorf("%s: problems\n%s\nwant\n%s", step, gotProblems, wantProblems)
		}
	}
	check("first load")
	check("from the cache")
	site[file] = &fstest.MapFile{Data: bytes.Replace(site[file].Data, []byte("Turmeric"), []byte("Turmeric  (edited)"), 1)}
	check("after an edit")
	site[file] = &fstest.MapFile{Data: append(site[file].Data, "Meghalaya,Nowhere,,,Primary,Agriculture,maybe\n"...)}
	check("after a bad row")
	if _, problems := LoadCached(site, cache); problems.Errors() == 0 {
		t.Error("a bad row, loaded from the cache, is not an error")
	}
	site["site.yaml"] = &fstest.MapFile{Data: append(bytes.Clone(site["site.yaml"].Data), "\nencodings:\n  "+file+": windows-1252\n"...)}
	check("after a change of encoding")
}
