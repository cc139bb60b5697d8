package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/sitetest"
)

// hostile are strings that try every escape: markup, quotes, schemes,
// control characters, invalid UTF-8 and the JavaScript line separators.
var hostile = []string{
	"", "plain", "states/a-b/c/", "/odop/states/#gi-12", `</script><script>alert(1)</script>`,
	`"quoted" & 'single' + plus`, "javascript:alert(1)", "JavaScript:x", "HTTP://x.org/a b", "mailto:a@b",
	"/a:b", "a:b/c", "\x00\x01\x1f\x7f", "\xff\xfe bad utf-8", "line\u2028sep\u2029", "ünïcödé € 𝄞",
	"100% {{.}} <!-- -->", "%41", "a%41b", "a%4", "%4g%zz%", "a\tb\nc\rd\be\ff", `back\slash`,
}

// withEveryByte adds each byte alone and inside a path to the cases.
func withEveryByte(cases []string) []string {
	for c := 0; c < 256; c++ {
		cases = append(cases, string([]byte{byte(c)}), "/a/"+string([]byte{byte(c)})+"/b")
	}
	return cases
}

// TestEscapeURLAttr checks the fused href escaping against html/template
// itself, for a URL at the start of a quoted attribute.
func TestEscapeURLAttr(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<a href="{{.}}">`))
	for _, s := range withEveryByte(hostile) {
		var b bytes.Buffer
		if err := tmpl.Execute(&b, s); err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<a href="`), `">`)
		if got := escapeURLAttr(s); got != want {
			t.Errorf("escapeURLAttr(%q) = %q, html/template writes %q", s, got, want)
		}
	}
}

// TestJSONLDIsCanonical: the structured data of every page of the real
// catalogue, in every language, is valid JSON written as encoding/json
// writes it (members in key order, its escapes), and has what a page of
// its kind needs.
func TestJSONLDIsCanonical(t *testing.T) {
	src := os.DirFS(sitetest.RepoRoot(t))
	c, langs := sitetest.Load(t, src)
	pages, err := Plan(c, langs)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://example.org/odop+x/")
	r, err := NewRenderer(src, c, Options{BaseURL: u, Languages: langs, Assets: testAssets(t, src), Lazy: true})
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	for _, p := range pages {
		for _, js := range r.byLang[p.Lang].jsonLD(p) {
			var v map[string]any
			if err := json.Unmarshal([]byte(js), &v); err != nil {
				t.Fatalf("%s: %v in %s", p.File(), err, js)
			}
			again, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if string(again) != string(js) {
				t.Fatalf("%s: not as encoding/json writes it:\n got %s\nwant %s", p.File(), js, again)
			}
			if v["@context"] != schemaOrg {
				t.Errorf("%s: @context %v", p.File(), v["@context"])
			}
			types[fmt.Sprint(v["@type"])]++
		}
	}
	for _, typ := range []string{"BreadcrumbList", "Product", "Place", "AdministrativeArea", "WebSite"} {
		if types[typ] == 0 {
			t.Errorf("no page has a %s (%v)", typ, types)
		}
	}
}

// testAssets names every file of assets/ as the build does, and the
// generated files the templates refer to, each by its own name.
func testAssets(t testing.TB, src fs.FS) map[string]string {
	names, err := fs.Glob(src, "assets/*")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{"assets/social.png": "assets/social.png", MapFile: MapFile, "search/index.json": "search/index.json"}
	for _, n := range names {
		m[path.Base(n)] = n
	}
	return m
}

// TestRewritesKeepPages renders every page of the real catalogue, in every
// language, with the templates as html/template escapes and runs them and
// with them fused, folded and compiled by tmplexec, and wants the same
// bytes, every page rendered by the compiled templates.
func TestRewritesKeepPages(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the real catalogue twice")
	}
	src := os.DirFS(sitetest.RepoRoot(t))
	c, langs := sitetest.Load(t, src)
	pages, err := Plan(c, langs)
	if err != nil {
		t.Fatal(err)
	}
	for _, base := range []string{"https://example.org/", "https://example.org/odop+x/"} {
		u, _ := url.Parse(base)
		opts := Options{BaseURL: u, Languages: langs, MetaCSP: "default-src 'self'", Assets: testAssets(t, src)}
		plain, err := newRenderer(src, c, opts, false)
		if err != nil {
			t.Fatal(err)
		}
		fast, err := newRenderer(src, c, opts, true)
		if err != nil {
			t.Fatal(err)
		}
		samePages(t, pages, plain, fast, "when the templates are fused, folded and compiled (base "+base+")")
		allCompiled(t, fast, func(kt *kindTemplate) bool { return kt.compiled != nil })
	}
}

// samePages fails the test unless renderers want and got write the same
// bytes for every page; how says how got's templates were made.
func samePages(t *testing.T, pages []*Page, want, got *Renderer, how string) {
	t.Helper()
	var a, b bytes.Buffer
	for _, p := range pages {
		a.Reset()
		b.Reset()
		if err := want.Render(&a, p); err != nil {
			t.Fatal(err)
		}
		if err := got.Render(&b, p); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("%s differs %s", p.File(), how)
		}
	}
}

// allCompiled fails the test unless every kind's templates of r are as
// ok wants them, and every page r rendered was rendered by compiled
// templates rather than html/template.
func allCompiled(t *testing.T, r *Renderer, ok func(*kindTemplate) bool) {
	t.Helper()
	for _, lr := range r.byLang {
		for kind, kt := range lr.kinds {
			if !ok(kt) {
				t.Errorf("%s: the %s templates were not compiled, or were folded", lr.lang.Tag, kind)
			}
		}
		if n := lr.fallbacks.Load(); n > 0 {
			t.Errorf("%s: %d pages were rendered by html/template, not by the compiled templates", lr.lang.Tag, n)
		}
	}
}

// TestRebindKeepsPages renders a page of each kind of an edited
// catalogue with a lazy renderer, rebinds its templates to the real
// catalogue and other assets' names, and wants every page of that in
// every language to be what a renderer made for it writes, and rendered
// by compiled templates: the templates taken over work for the
// catalogue and assets they were rebound to.
func TestRebindKeepsPages(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the real catalogue twice")
	}
	root := sitetest.RepoRoot(t)
	src := os.DirFS(root)
	c, langs := sitetest.Load(t, src)
	pages, err := Plan(c, langs)
	if err != nil {
		t.Fatal(err)
	}
	edited := sitetest.Copy(t, "site.yaml", "data", "content")
	csv := edited["data/products/meghalaya.csv"]
	csv.Data = bytes.Replace(csv.Data, []byte("Lakadong turmeric"), []byte("Lakadong turmeric, edited"), 1)
	old, problems := catalog.Load(edited)
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	oldPages, err := Plan(old, langs)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://example.org/odop/")
	opts := Options{BaseURL: u, Languages: langs, MetaCSP: "default-src 'self'", Assets: testAssets(t, src), Lazy: true}
	// The assets' names change too, as the search index's do in a
	// rebuild.
	oldOpts := opts
	oldOpts.Assets = map[string]string{}
	for k, v := range opts.Assets {
		oldOpts.Assets[k] = "old/" + v
	}
	lazy, err := NewRenderer(src, old, oldOpts)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var b bytes.Buffer
	for _, p := range oldPages {
		if key := p.Lang.Tag + p.Kind; !seen[key] {
			seen[key] = true
			if err := lazy.Render(&b, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	rebound, err := lazy.Rebind(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Lazy = false
	fresh, err := NewRenderer(src, c, opts)
	if err != nil {
		t.Fatal(err)
	}
	samePages(t, pages, fresh, rebound, "when rendered by templates rebound from another catalogue")
	allCompiled(t, rebound, func(kt *kindTemplate) bool { return !kt.folded && kt.compiled != nil })
}
