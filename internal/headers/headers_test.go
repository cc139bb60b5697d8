package headers

import (
	"strings"
	"testing"
)

func isHashed(name string) bool {
	return strings.HasPrefix(name, "assets/") || strings.Contains(name, ".abcd1234.")
}

func TestPlanCoversEveryFileOnce(t *testing.T) {
	files := []string{
		"index.html", "404.html", "sitemap.xml", "robots.txt",
		"assets/app.11111111.css", "assets/app.22222222.js",
		"states/index.html", "states/goa/index.html", "states/goa/north-goa/index.html",
		"search/index.html", "search/index.abcd1234.json", "search/help/index.html",
	}
	rules, err := Plan("/odop/", files, isHashed)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := Parse(rules.Format())
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed) != len(rules) {
		t.Fatalf("parsed %d rules of %d:\n%s", len(parsed), len(rules), rules.Format())
	}
	for _, tc := range []struct{ path, cache string }{
		{"/odop/", Revalidate},
		{"/odop/404.html", Revalidate},
		{"/odop/sitemap.xml", Revalidate},
		{"/odop/assets/app.11111111.css", Immutable},
		{"/odop/states/", Revalidate},
		{"/odop/states/goa/north-goa/", Revalidate},
		{"/odop/search/", Revalidate},
		{"/odop/search/index.abcd1234.json", Immutable},
		{"/odop/search/help/", Revalidate},
	} {
		h := parsed.For(tc.path)
		if got := h.Values("Cache-Control"); len(got) != 1 || got[0] != tc.cache {
			t.Errorf("%s: Cache-Control %q, want %q", tc.path, got, tc.cache)
		}
		for _, kv := range Security() {
			if got := h.Values(kv[0]); len(got) != 1 || got[0] != kv[1] {
				t.Errorf("%s: %s %q, want %q", tc.path, kv[0], got, kv[1])
			}
		}
	}
	// Outside the base path only the catch-all could apply, and it does not.
	if h := parsed.For("/elsewhere/"); len(h) != 0 {
		t.Errorf("/elsewhere/ gets %v", h)
	}
}

func TestTooManyRules(t *testing.T) {
	var files []string
	for i := range MaxRules {
		files = append(files, "mixed/page"+strings.Repeat("x", i)+".html")
	}
	files = append(files, "mixed/app.abcd1234.css")
	if _, err := Plan("/", files, isHashed); err == nil {
		t.Error("no error for more rules than Cloudflare Pages reads")
	}
}

func TestPolicy(t *testing.T) {
	csp := CSP()
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %s: %s", want, csp)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP allows inline script or eval: %s", csp)
	}
	if meta := MetaCSP(); strings.Contains(meta, "frame-ancestors") || !strings.HasPrefix(csp, meta) {
		t.Errorf("meta CSP %q is not the header's without frame-ancestors", meta)
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{
		"  X-Thing: 1\n",        // header before any path
		"/a\n  no colon here\n", // not Name: value
		"a/b\n  X: 1\n",         // path without a leading slash
	} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q): no error", bad)
		}
	}
}

func TestPattern(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/a/b/c.css", true},
		{"/assets/*", "/assets/app.css", true},
		{"/assets/*", "/assetsx", false},
		{"/", "/", true},
		{"/", "/x", false},
		{"/a.b", "/aXb", false}, // the dot is literal
		{"/states/:s/", "/states/goa/", true},
		{"/states/:s/", "/states/goa/x/", false},
	} {
		if got := pattern(tc.pattern).MatchString(tc.path); got != tc.want {
			t.Errorf("%s matches %s: %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}
