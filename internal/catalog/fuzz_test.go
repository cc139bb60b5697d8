package catalog_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/odop-india/odop/internal/catalog"
)

// fuzzSite is a minimal valid site; each fuzz target replaces one file.
func fuzzSite() fstest.MapFS {
	return fstest.MapFS{
		"site.yaml":                  {Data: []byte("title: T\nbase_url: https://example.org/\n")},
		"data/products/goa.csv":      {Data: []byte(header + "Goa,North Goa,1,Feni,Primary,Food Processing,Yes\n")},
		"content/stories/feni.yaml":  {Data: []byte("title: F\ndate: 2021-01-02\nstate: Goa\nproduct: Feni\nsummary: S\nbody: B\nsources: [https://example.org/]\n")},
		"content/about.md":           {Data: []byte("---\ntitle: About\ndescription: D\n---\nHello [x](/states/).\n")},
		"data/gi.csv":                {Data: []byte("row_id,s_no,gi_name,goods_category,states,is_foreign\n1,1,Feni,Food Stuff,Goa,no\n")},
		"content/stories/empty.yaml": {Data: []byte("title: E\ndate: 2021-01\nsummary: S\nbody: B\nsources: [https://example.org/]\n")},
	}
}

// checkLoad loads fsys and checks what must hold whatever the input: no
// panic, problems sorted with positions in known files, and products only
// when there are no errors in their rows.
func checkLoad(t *testing.T, fsys fstest.MapFS) {
	c, probs := catalog.Load(fsys)
	for i, p := range probs {
		if p.Pos.File == "" || p.Msg == "" {
			t.Fatalf("problem without a position or message: %+v", p)
		}
		if i > 0 && probs[i-1].Pos.File > p.Pos.File {
			t.Fatalf("problems not sorted: %v before %v", probs[i-1], p)
		}
	}
	for _, p := range c.Products {
		if p.Name == "" || p.District == nil || p.Slug == "" || strings.ContainsAny(p.Slug, "/?#") {
			t.Fatalf("bad product %+v", p)
		}
	}
}

func FuzzProductsCSV(f *testing.F) {
	f.Add([]byte(header + "Goa,North Goa,1,Feni,Primary,Food Processing,Yes\n"))
	f.Add([]byte("\xef\xbb\xbf" + strings.ReplaceAll(header, "\n", "\r\n") + "Goa,\"North\r\nGoa\",1,\"Fe\"\"ni\",Primary,Agriculture,no\r\n"))
	f.Add([]byte(header + "Goa,North Goa,1,\"Feni,Primary\n"))
	f.Add([]byte("state,state\n,\n"))
	f.Add([]byte(header + "Meghalya,,x,<b>,,,Maybe\n"))
	fuzzFile(f, "data/products/fuzz.csv")
}

func FuzzStoryYAML(f *testing.F) {
	f.Add([]byte("title: F\ndate: 2021-01-02\nstate: Goa\ndistrict: North Goa\nproduct: Feni\nfigures: [a, b]\nsummary: S\nbody: |\n  [x](javascript:1)\nsources: [https://example.org/]\nmentions:\n  - {state: Goa, district: North Goa, product: Feni}\n"))
	f.Add([]byte("a: &a [*a, *a]\nb: *a\n"))
	f.Add([]byte("- 1\n- 2\n"))
	f.Add([]byte("title: [\n"))
	f.Add([]byte("mentions: [1, {x: y}]\nsources: {a: b}\n"))
	fuzzFile(f, "content/stories/fuzz.yaml")
}

func FuzzPageMarkdown(f *testing.F) {
	f.Add([]byte("---\ntitle: T\ndescription: D\norder: 2\nmenu: M\n---\n# H\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>x</script> [l](data:text/html,x)\n"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\ntitle: T\n"))
	f.Add([]byte("no front matter"))
	fuzzFile(f, "content/fuzz.md")
}

// fuzzFile fuzzes the content of one file of an otherwise valid site.
func fuzzFile(f *testing.F, name string) {
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fuzzSite()
		fsys[name] = &fstest.MapFile{Data: data}
		checkLoad(t, fsys)
	})
}
