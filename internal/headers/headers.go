// Package headers writes the _headers file that Netlify and Cloudflare
// Pages read to set HTTP response headers on a static site, and reads it
// back, so that the dev server and the tests serve a site with the same
// headers a CDN would.
//
// The file gives every path one Cache-Control and gives the whole site its
// security headers. The two hosts combine rules differently when several
// match one path: Cloudflare Pages joins the values of a header set by
// more than one rule with commas, Netlify keeps one. So the rules are made
// never to set the same header twice for any path: the catch-all rule /*
// sets only the security headers, and the caching rules cover disjoint
// sets of paths. Both hosts then send the same headers.
package headers

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
)

// Cache-Control values.
const (
	// Immutable is for files named by a hash of their content: a new
	// content gets a new name, so the old one can be cached for a year
	// and never revalidated.
	Immutable = "public, max-age=31536000, immutable"
	// Revalidate is for pages and other files that keep their address
	// from build to build: caches may use them for five minutes, then
	// must ask again (a conditional request, cheap with the host's ETag).
	Revalidate = "public, max-age=300, must-revalidate"
)

// MaxRules is the most rules Cloudflare Pages reads from a _headers file.
const MaxRules = 100

// policy is the site's Content-Security-Policy, one directive a line. The
// pages load only their own scripts, styles and images, and the scripts
// fetch only from the site itself (connect-src: the search index, the dev
// server's reload events). No inline script, style or style attribute is
// allowed; JSON-LD blocks are data, not script, so they need no
// allowance. frame-ancestors must be last: it is dropped from the copy of
// the policy that goes into a <meta> element, where browsers ignore it.
func policy() []string {
	return []string{
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self'",
		"font-src 'self'",
		"connect-src 'self'",
		"manifest-src 'self'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}
}

// CSP is the Content-Security-Policy header of every response.
func CSP() string { return strings.Join(policy(), "; ") }

// MetaCSP is the same policy for a <meta http-equiv> element in every
// page, so that hosts that cannot set headers (GitHub Pages) still
// enforce it. A <meta> policy cannot carry frame-ancestors.
func MetaCSP() string {
	p := policy()
	return strings.Join(p[:len(p)-1], "; ")
}

// Security are the headers every response gets.
func Security() [][2]string {
	return [][2]string{
		{"Content-Security-Policy", CSP()},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "strict-origin-when-cross-origin"},
		// For browsers that predate frame-ancestors.
		{"X-Frame-Options", "DENY"},
	}
}

// Rule is one block of a _headers file: a URL path pattern, where "*"
// matches any run of characters, and the headers of the paths it matches.
type Rule struct {
	Path    string
	Headers [][2]string // name and value, in order
	re      *regexp.Regexp
}

// Rules are a _headers file's rules, in order.
type Rules []Rule

// Plan makes the rules for a site published under basePath ("/" or
// "/odop/") whose output holds files (slash paths relative to the site's
// root, such as "states/index.html"); hashed reports whether a file is
// named by its content hash.
//
// A directory whose files are all hashed gets one Immutable rule, one
// with no hashed file one Revalidate rule; a directory with both gets a
// rule for each of its own files and is divided further. A directory's
// index.html is matched by the directory's address ("/states/").
func Plan(basePath string, files []string, hashed func(string) bool) (Rules, error) {
	root := newDir()
	for _, f := range files {
		root.add(strings.Split(f, "/"), hashed(f))
	}
	rules := Rules{{Path: basePath + "*", Headers: Security()}}
	root.cover(basePath, &rules)
	if len(rules) > MaxRules {
		return nil, fmt.Errorf("_headers: %d rules, more than the %d Cloudflare Pages reads; keep hashed and unhashed files in separate directories", len(rules), MaxRules)
	}
	return rules, nil
}

// dir is a directory of the output tree, with counts over its subtree.
type dir struct {
	files         map[string]bool // name → hashed
	dirs          map[string]*dir
	hashed, plain int
}

func newDir() *dir { return &dir{files: map[string]bool{}, dirs: map[string]*dir{}} }

func (d *dir) add(parts []string, hashed bool) {
	if hashed {
		d.hashed++
	} else {
		d.plain++
	}
	if len(parts) == 1 {
		d.files[parts[0]] = hashed
		return
	}
	sub := d.dirs[parts[0]]
	if sub == nil {
		sub = newDir()
		d.dirs[parts[0]] = sub
	}
	sub.add(parts[1:], hashed)
}

// cover appends the caching rules for the directory at URL path prefix
// (ending in "/").
func (d *dir) cover(prefix string, rules *Rules) {
	cache := func(p, value string) {
		*rules = append(*rules, Rule{Path: p, Headers: [][2]string{{"Cache-Control", value}}})
	}
	switch {
	case d.hashed == 0:
		cache(prefix+"*", Revalidate)
		return
	case d.plain == 0:
		cache(prefix+"*", Immutable)
		return
	}
	for _, name := range sortedKeys(d.files) {
		p := prefix + name
		if name == "index.html" {
			p = prefix
		}
		if d.files[name] {
			cache(p, Immutable)
		} else {
			cache(p, Revalidate)
		}
	}
	for _, name := range sortedKeys(d.dirs) {
		d.dirs[name].cover(prefix+name+"/", rules)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Format writes the rules as a _headers file.
func (rs Rules) Format() []byte {
	var b bytes.Buffer
	b.WriteString("# HTTP response headers for Netlify and Cloudflare Pages, made by odop build.\n" +
		"# /* sets the security headers only; the other rules match disjoint paths and\n" +
		"# set Cache-Control only, so no path gets a header from two rules.\n")
	for _, r := range rs {
		fmt.Fprintf(&b, "\n%s\n", r.Path)
		for _, h := range r.Headers {
			fmt.Fprintf(&b, "  %s: %s\n", h[0], h[1])
		}
	}
	return b.Bytes()
}

// Parse reads a _headers file: a line that starts in the first column is a
// path pattern, the indented "Name: value" lines below it its headers;
// lines starting with "#" are comments.
func Parse(data []byte) (Rules, error) {
	var rs Rules
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case line[0] != ' ' && line[0] != '\t':
			if !strings.HasPrefix(trimmed, "/") {
				return nil, fmt.Errorf("_headers:%d: path %q does not start with /", n, trimmed)
			}
			rs = append(rs, Rule{Path: trimmed, re: pattern(trimmed)})
		default:
			name, value, ok := strings.Cut(trimmed, ":")
			if !ok || len(rs) == 0 {
				return nil, fmt.Errorf("_headers:%d: want a header line below a path, as \"Name: value\"", n)
			}
			last := &rs[len(rs)-1]
			last.Headers = append(last.Headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		}
	}
	return rs, sc.Err()
}

// For returns the headers for a request to urlPath: those of every
// matching rule, a header set by two rules getting both values, as
// Cloudflare Pages does.
func (rs Rules) For(urlPath string) http.Header {
	h := http.Header{}
	for _, r := range rs {
		re := r.re // compiled by Parse
		if re == nil {
			re = pattern(r.Path)
		}
		if re.MatchString(urlPath) {
			for _, kv := range r.Headers {
				h.Add(kv[0], kv[1])
			}
		}
	}
	return h
}

// pattern compiles a rule's path: "*" matches any run of characters,
// slashes included, and ":name" one path segment.
func pattern(p string) *regexp.Regexp {
	var re strings.Builder
	re.WriteString("^")
	for i, seg := range strings.Split(p, "/") {
		if i > 0 {
			re.WriteString("/")
		}
		if strings.HasPrefix(seg, ":") {
			re.WriteString("[^/]+")
			continue
		}
		re.WriteString(strings.ReplaceAll(regexp.QuoteMeta(seg), `\*`, ".*"))
	}
	re.WriteString("$")
	return regexp.MustCompile(re.String())
}
