package linkcheck

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeSite writes files (slash path → content) into a new directory,
// with every "{base}" in a content replaced by base.
func writeSite(t *testing.T, base string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(content, "{base}", base)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var bases = []string{"/", "/sub/"}

func TestGoodLinks(t *testing.T) {
	files := map[string]string{
		"index.html": `<!doctype html><html><head>
<link rel=stylesheet href="{base}assets/app.css">
<link rel="canonical" href="https://example.org/">
<script src="{base}assets/app.js" defer></script>
</head><body>
<a href="#main">Skip</a> <a href="#">Top</a> <a href="#top">Top by the standard</a> <a href="">Here</a> <a href="?page=2">Query</a> <a>No href</a>
<main id=main>
<a href="a/">Relative</a> <a href="./a/">Dot</a> <a href="{base}a/">Absolute</a>
<a href="{base}a/#part">Fragment</a> <a href="a/index.html#named">Named anchor</a>
<a href=" {base}a/ ">Spaces</a> <a href="{base}caf%C3%A9/">Escaped</a> <a href="{base}404.html">Not found page</a>
<img src="{base}assets/icon.svg" srcset="{base}assets/icon.svg 1x, {base}assets/big.png 2x" alt="">
<picture><source srcset="assets/big.png"><img src="assets/icon.svg" alt=""></picture>
<iframe src="{base}a/"></iframe>
<a href="https://example.org/x/">External</a> <a href="//cdn.example.org/x.js">Scheme-relative</a>
<a href="mailto:a@example.org">Mail</a> <a href="tel:+911234">Phone</a>
<img src="data:image/png;base64,AAAA" alt="">
</main></body></html>`,
		"a/index.html":    `<h1 id="part">A</h1><a name="named"></a><a href="../">Up</a><a href="b.html">File</a><a href="#part">Same page</a>`,
		"a/b.html":        `<a href="./">Dir</a><a href="{base}">Home</a>`,
		"café/index.html": `<a href="../a/#part">Back</a>`,
		"404.html":        `<a href="assets/app.css">Relative to the base</a>`,
		"assets/app.css":  `body{}`,
		"assets/app.js":   `;`,
		"assets/icon.svg": `<svg/>`,
		"assets/big.png":  `png`,
	}
	for _, base := range bases {
		t.Run(base, func(t *testing.T) {
			broken, err := Check(writeSite(t, base, files), base)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range broken {
				t.Errorf("reported as broken: %s", b)
			}
		})
	}
}

func TestBrokenLinks(t *testing.T) {
	// Each case's HTML is put on the page at x/y/ of a site that has a
	// home page, a page x/ with an element "here", and an asset.
	cases := []struct {
		name, html, reason string // reason "" means the link is good
	}{
		{"page", `<a href="{base}x/">x</a>`, ""},
		{"missing page", `<a href="{base}nope/">x</a>`, "no such page"},
		{"missing page file", `<a href="{base}x/nope.html">x</a>`, "no such page"},
		{"asset", `<link rel=stylesheet href="{base}app.css">`, ""},
		{"missing asset", `<img src="{base}missing.png" alt="">`, "no such file"},
		{"missing script", `<script src="{base}app.js"></script>`, "no such file"},
		{"missing srcset image", `<img src="{base}app.css" srcset="{base}app.css 1x, {base}big.png 2x">`, "no such file"},
		{"fragment", `<a href="{base}x/#here">x</a>`, ""},
		{"missing fragment", `<a href="{base}x/#gone">x</a>`, `no element with id "gone"`},
		{"missing fragment, file name", `<a href="{base}x/index.html#gone">x</a>`, `no element with id "gone"`},
		{"fragment of an asset", `<a href="{base}app.css#x">x</a>`, ""},
		{"parent", `<a href="../">x</a>`, ""},
		{"relative sibling", `<a href="../x/">x</a>`, "no such page"},
		{"relative to the base", `<a href="../../x/#here">x</a>`, ""},
		{"same page fragment", `<h2 id="mine">h</h2><a href="#mine">x</a>`, ""},
		{"missing same page fragment", `<a href="#absent">x</a>`, `no element with id "absent"`},
		{"directory without slash", `<a href="{base}x">x</a>`, "directory without trailing slash"},
		{"malformed", `<a href="{base}%zz/">x</a>`, "malformed URL"},
	}
	for _, base := range bases {
		for _, c := range cases {
			t.Run(base+" "+c.name, func(t *testing.T) {
				dir := writeSite(t, base, map[string]string{
					"index.html":     `<h1>Home</h1>`,
					"x/index.html":   `<h1 id="here">X</h1>`,
					"x/y/index.html": c.html,
					"app.css":        `body{}`,
				})
				broken, err := Check(dir, base)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case c.reason == "" && len(broken) > 0:
					t.Errorf("reported as broken: %v", broken)
				case c.reason != "" && (len(broken) != 1 || broken[0].File != "x/y/index.html" || broken[0].Reason != c.reason):
					t.Errorf("got %v, want one broken link in x/y/index.html: %s", broken, c.reason)
				}
			})
		}
	}
}

func TestOutsideBasePath(t *testing.T) {
	dir := writeSite(t, "/sub/", map[string]string{
		"index.html":   `<a href="/">Server root</a><a href="../x/">Above</a><a href="/sub">No slash</a><a href="x/">Inside</a>`,
		"x/index.html": `<a href="../../">Above</a>`,
	})
	broken, err := Check(dir, "/sub/")
	if err != nil {
		t.Fatal(err)
	}
	const r = "outside the site's base path"
	want := []Broken{
		{"index.html", "../x/", r},
		{"index.html", "/", r},
		{"index.html", "/sub", r},
		{"x/index.html", "../../", r},
	}
	if !reflect.DeepEqual(broken, want) {
		t.Errorf("got %v, want %v", broken, want)
	}
}

func TestSortedAndOncePerFile(t *testing.T) {
	dir := writeSite(t, "/", map[string]string{
		"index.html":   `<a href="/b/">b</a><a href="/a/">a</a><a href="/b/">b again</a>`,
		"0/index.html": `<a href="/c/">c</a>`,
	})
	broken, err := Check(dir, "/")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range broken {
		got = append(got, b.String())
	}
	want := []string{
		"0/index.html: /c/: no such page",
		"index.html: /a/: no such page",
		"index.html: /b/: no such page",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBadInput(t *testing.T) {
	if _, err := Check(filepath.Join(t.TempDir(), "none"), "/"); err == nil {
		t.Error("no error for a missing directory")
	}
	if _, err := Check(t.TempDir(), "sub"); err == nil {
		t.Error("no error for a base path without slashes")
	}
}

func TestSrcset(t *testing.T) {
	for in, want := range map[string][]string{
		"a.png":                             {"a.png"},
		" a.png 1x , b.png 2x ":             {"a.png", "b.png"},
		"a.png 100w,b.png 200w":             {"a.png", "b.png"},
		"a.png,b.png":                       {"a.png,b.png"}, // a comma inside a URL is part of it
		"a.png, b.png":                      {"a.png", "b.png"},
		"data:image/png;base64,AA= 1x,b 2x": {"data:image/png;base64,AA=", "b"},
		"a.png (odd, descriptor), b.png":    {"a.png", "b.png"},
		"":                                  nil,
	} {
		if got := srcset(in); !reflect.DeepEqual(got, want) {
			t.Errorf("srcset(%q) = %q, want %q", in, got, want)
		}
	}
}
