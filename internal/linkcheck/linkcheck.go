// Package linkcheck finds broken internal references in a built site:
// links, stylesheets, scripts and images that point at a file the site
// does not have, and fragments that name no element of their page.
package linkcheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Broken is one broken reference.
type Broken struct {
	File   string // the page that holds it, a slash path relative to the site's directory
	URL    string // as written in the page
	Reason string
}

func (b Broken) String() string { return b.File + ": " + b.URL + ": " + b.Reason }

// page is what a page's HTML says that matters here.
type page struct {
	refs []string            // referenced URLs, each once, in order of appearance
	ids  map[string]struct{} // ids and <a name>s: the fragments it can be linked to
}

// Check walks dir (a built site) and returns every broken internal
// reference, sorted by (File, URL), each reported once per file.
// basePath is the URL path the site is served under, "/" or "/odop/"
// (always starts and ends with "/"). URLs with a scheme or a host are
// external and not checked.
func Check(dir, basePath string) ([]Broken, error) {
	if !strings.HasPrefix(basePath, "/") || !strings.HasSuffix(basePath, "/") {
		return nil, fmt.Errorf("linkcheck: base path %q must start and end with /", basePath)
	}
	files := map[string]bool{} // every file and directory, relative slash path → is a directory
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		files[rel] = d.IsDir()
		if !d.IsDir() && strings.HasSuffix(rel, ".html") {
			pages = append(pages, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	parsed, err := parseAll(dir, pages)
	if err != nil {
		return nil, err
	}
	c := &checker{base: basePath, files: files, pages: parsed}
	var broken []Broken
	for _, name := range pages {
		for _, ref := range parsed[name].refs {
			if reason := c.check(name, ref); reason != "" {
				broken = append(broken, Broken{File: name, URL: ref, Reason: reason})
			}
		}
	}
	sort.Slice(broken, func(i, j int) bool {
		a, b := broken[i], broken[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.URL < b.URL
	})
	return broken, nil
}

// parseAll parses the pages on one goroutine per CPU: tokenizing is
// most of the work of a check.
func parseAll(dir string, names []string) (map[string]*page, error) {
	results := make([]*page, len(names))
	errs := make([]error, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(names[i])))
				if err != nil {
					errs[i] = err
					continue
				}
				results[i] = parse(data)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	out := make(map[string]*page, len(names))
	for i, name := range names {
		if errs[i] != nil {
			return nil, errs[i]
		}
		out[name] = results[i]
	}
	return out, nil
}

// parse collects a page's references and ids. It uses the tokenizer's
// byte-slice accessors and tag atoms, which allocate only for what is
// kept: that makes it several times faster than building tokens.
func parse(data []byte) *page {
	p := &page{ids: map[string]struct{}{}}
	seen := map[string]bool{}
	add := func(u string) {
		u = strings.TrimSpace(u) // browsers ignore the spaces around a URL
		if u != "" && !seen[u] {
			seen[u] = true
			p.refs = append(p.refs, u)
		}
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return p // io.EOF: a reader of bytes fails no other way
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		tag := atom.Lookup(name)
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			switch string(k) {
			case "id":
				p.ids[string(v)] = struct{}{}
			case "name":
				if tag == atom.A {
					p.ids[string(v)] = struct{}{}
				}
			case "href":
				if tag == atom.A || tag == atom.Link {
					add(string(v))
				}
			case "src":
				switch tag {
				case atom.Script, atom.Img, atom.Source, atom.Iframe:
					add(string(v))
				}
			case "srcset":
				if tag == atom.Img || tag == atom.Source {
					for _, u := range srcset(string(v)) {
						add(u)
					}
				}
			}
		}
	}
}

// srcset returns the URLs of a srcset attribute: comma-separated image
// candidates, each a URL and optional descriptors ("1.5x", "300w"). A URL
// may itself hold commas, so candidates are split as the HTML standard
// says: the URL runs to the first space, and the descriptors to the next
// comma outside parentheses.
func srcset(s string) []string {
	const space = " \t\n\f\r"
	var urls []string
	for {
		s = strings.TrimLeft(s, space+",")
		if s == "" {
			return urls
		}
		end := strings.IndexAny(s, space)
		if end < 0 {
			end = len(s)
		}
		u := s[:end]
		s = s[end:]
		if strings.HasSuffix(u, ",") { // a candidate without descriptors
			urls = append(urls, strings.TrimRight(u, ","))
			continue
		}
		urls = append(urls, u)
		s = s[descriptorsEnd(s):]
	}
}

// descriptorsEnd is the index of the first comma in s outside
// parentheses, or len(s).
func descriptorsEnd(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth = max(depth-1, 0)
		case ',':
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

// checker resolves and checks references against the site's files.
type checker struct {
	base  string
	files map[string]bool
	pages map[string]*page
}

// pageURL is the URL path a page file is served at.
func (c *checker) pageURL(name string) string {
	if name == "index.html" {
		return c.base
	}
	if dir, ok := strings.CutSuffix(name, "/index.html"); ok {
		return c.base + dir + "/"
	}
	return c.base + name
}

// check returns why ref, found in page file name, is broken, or "" if
// it is not.
func (c *checker) check(name, ref string) string {
	if ref == "#" || hasScheme(ref) || strings.HasPrefix(ref, "//") {
		return "" // "#" is the conventional link to the top; the rest are external
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "malformed URL"
	}
	u = (&url.URL{Path: c.pageURL(name)}).ResolveReference(u)
	rel, ok := strings.CutPrefix(u.Path, c.base)
	if !ok {
		return "outside the site's base path"
	}
	target := rel
	if rel == "" || strings.HasSuffix(rel, "/") {
		target = rel + "index.html"
	}
	isDir, exists := c.files[target]
	switch {
	case !exists && strings.HasSuffix(target, ".html"):
		return "no such page"
	case !exists:
		return "no such file"
	case isDir:
		return "directory without trailing slash"
	}
	if u.Fragment == "" || !strings.HasSuffix(target, ".html") {
		return ""
	}
	if _, ok := c.pages[target].ids[u.Fragment]; ok {
		return ""
	}
	// The HTML standard scrolls to the top for "#top" when no element
	// has that id.
	if strings.EqualFold(u.Fragment, "top") {
		return ""
	}
	return fmt.Sprintf("no element with id %q", u.Fragment)
}

// hasScheme reports whether u starts with a URL scheme ("https:",
// "mailto:"), found by hand so that external URLs need not parse.
func hasScheme(u string) bool {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return false
			}
		case c == ':':
			return i > 0
		default:
			return false
		}
	}
	return false
}
