package site

import (
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/markdown"
)

// Renderer renders pages with a site's templates. It is safe for
// concurrent use once made.
type Renderer struct {
	cat       *catalog.Catalog
	base      *url.URL // absolute, ends in "/"
	absPrefix string   // base as a string, when paths can simply be appended to it
	hrefs     *hrefs
	assets    map[string]string
	csp       string
	md        *markdown.Converter
	kinds     map[string]*kindTemplate
}

// Options configure a Renderer.
type Options struct {
	// BaseURL is where the site is published; links are made absolute
	// paths below its path, canonical URLs absolute.
	BaseURL *url.URL
	// Assets maps an asset's name ("app.css") to its path in the output
	// ("assets/app.3f9a1c2e.css").
	Assets map[string]string
	// MetaCSP, when set, is the Content-Security-Policy every page carries
	// in a <meta> element, for hosts that cannot send it as a header.
	MetaCSP string
	// MinifyTemplate, when set, minifies each template file's source
	// before it is parsed, leaving the {{actions}} as they are. Pages are
	// then as small as if each were minified, at a fraction of the cost:
	// the templates are minified once, not every page.
	MinifyTemplate func(src []byte) ([]byte, error)
	// Lazy defers parsing each page kind's template until a page of that
	// kind is rendered, for a rebuild that renders a few pages with
	// templates already checked by the build before. Otherwise every
	// template is parsed, and its errors returned, by NewRenderer.
	Lazy bool
}

// baseTemplate is the template every page is executed with.
const baseTemplate = "templates/base.html"

// kinds are the page templates a site must have, one file each in
// templates/, besides base.html and the partials in templates/partials/.
var kinds = []string{"home", "404", "states", "state", "district", "product", "groups", "group",
	"products", "gi", "registry", "stories", "story", "page", "search", "shortlist"}

// NewRenderer parses templates/base.html, templates/partials/*.html and
// one templates/<kind>.html per page kind from fsys.
func NewRenderer(fsys fs.FS, c *catalog.Catalog, opts Options) (*Renderer, error) {
	return newRenderer(fsys, c, opts, true)
}

// newRenderer is NewRenderer; rewrite false leaves the escaped templates
// as html/template made them (no fusing, no folding), for tests that
// check the rewrites change nothing.
func newRenderer(fsys fs.FS, c *catalog.Catalog, opts Options, rewrite bool) (*Renderer, error) {
	r := &Renderer{cat: c, base: opts.BaseURL, assets: opts.Assets, csp: opts.MetaCSP, md: markdown.New(), kinds: map[string]*kindTemplate{}}
	r.hrefs = newHrefs(opts.BaseURL.Path, c)
	if b := opts.BaseURL; b.RawPath == "" && b.RawQuery == "" && b.Fragment == "" && !b.ForceQuery {
		r.absPrefix = b.String()
	}
	root := template.New("base.html").Funcs(r.funcs())
	files := []string{baseTemplate}
	partials, _ := fs.Glob(fsys, "templates/partials/*.html")
	sort.Strings(partials)
	files = append(files, partials...)
	for _, f := range files {
		if err := parseFile(fsys, root, f, opts.MinifyTemplate); err != nil {
			return nil, err
		}
	}
	// Any page will do as the probe for folding: only its site fields are
	// read.
	probe := &view{Page: &Page{}, Site: &c.Site, Cat: c, MetaCSP: r.csp, r: r}
	for _, k := range kinds {
		kt := &kindTemplate{}
		kt.make = func() {
			kt.t, kt.err = kindSet(fsys, root, k, opts.MinifyTemplate, rewrite, probe)
		}
		r.kinds[k] = kt
		if !opts.Lazy {
			if kt.once.Do(kt.make); kt.err != nil {
				return nil, kt.err
			}
		}
	}
	return r, nil
}

// kindTemplate is the template set of one page kind, made when the
// Renderer is or, if it is lazy, when a page of that kind is first
// rendered.
type kindTemplate struct {
	once sync.Once
	make func()
	t    *template.Template
	err  error
}

func (kt *kindTemplate) get() (*template.Template, error) {
	kt.once.Do(kt.make)
	return kt.t, kt.err
}

// kindSet parses templates/<kind>.html into a clone of the shared root,
// and folds its constant parts.
func kindSet(fsys fs.FS, root *template.Template, kind string, minify func([]byte) ([]byte, error), rewrite bool, probe *view) (*template.Template, error) {
	t, err := root.Clone()
	if err != nil {
		return nil, err
	}
	if err := parseFile(fsys, t, "templates/"+kind+".html", minify); err != nil {
		return nil, err
	}
	if rewrite {
		if err := foldTemplates(t, probe); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func parseFile(fsys fs.FS, t *template.Template, name string, minify func([]byte) ([]byte, error)) error {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if minify != nil {
		if src, err = minify(src); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	// Parse into a template named after the file, so errors name it.
	if _, err := t.New(name).Parse(string(src)); err != nil {
		return err
	}
	return nil
}

// view is what a template sees as ".".
type view struct {
	// Page's fields are repeated here so that text/template finds them
	// among view's own fields: a field reached only through an embedded
	// struct costs reflect a slow search on every use. Embedding Page too
	// keeps any other field or method of Page reachable.
	*Page
	Path        string
	Kind        string
	Title       string
	Description string
	Crumbs      []Crumb
	Data        any

	Site      *catalog.Site
	Cat       *catalog.Catalog
	Canonical string
	MetaCSP   string
	JSONLD    []template.JS // each object's JSON, escaped for a <script>
	r         *Renderer
}

// Render writes the page's HTML to w.
func (r *Renderer) Render(w io.Writer, p *Page) error {
	kt := r.kinds[p.Kind]
	if kt == nil {
		return fmt.Errorf("%s: no template for page kind %q", p.File(), p.Kind)
	}
	t, err := kt.get()
	if err != nil {
		return err
	}
	v := &view{Page: p, Path: p.Path, Kind: p.Kind, Title: p.Title, Description: p.Description, Crumbs: p.Crumbs,
		Data: p.Data, Site: &r.cat.Site, Cat: r.cat, Canonical: r.abs(p.Path), MetaCSP: r.csp, r: r}
	v.JSONLD = r.jsonLD(p)
	if err := t.ExecuteTemplate(w, baseTemplate, v); err != nil {
		return fmt.Errorf("%s: %w", p.File(), err)
	}
	return nil
}

func (r *Renderer) href(x any) string { return r.hrefs.of(x) }

// abs is the absolute URL of the page at path p below the base.
func (r *Renderer) abs(p string) string {
	if r.absPrefix != "" && isSlugPath(p) {
		return r.absPrefix + p // what url.URL.String gives, without its work
	}
	u := *r.base
	u.Path = r.base.Path + p
	if i := strings.IndexByte(p, '#'); i >= 0 {
		u.Path = r.base.Path + p[:i]
		u.Fragment = p[i+1:]
	}
	return u.String()
}

// isSlugPath reports whether p is made only of bytes that url.URL.String
// writes as they are in a path: slugs, "/" and ".".
func isSlugPath(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '/' || c == '.') {
			return false
		}
	}
	return true
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"href":       r.href,
		hrefAttrFunc: func(x any) string { return escapeURLAttr(r.href(x)) },
		"path":       PathOf,
		"asset": func(name string) (string, error) {
			p, ok := r.assets[name]
			if !ok {
				return "", fmt.Errorf("no asset %q in assets/", name)
			}
			return r.base.Path + p, nil
		},
		// assetURL is an asset's absolute URL, for og:image and the like.
		"assetURL": func(name string) (string, error) {
			p, ok := r.assets[name]
			if !ok {
				return "", fmt.Errorf("no asset %q", name)
			}
			return r.abs(p), nil
		},
		"figures": Figures,
		"markdown": func(src string) (template.HTML, error) {
			h, err := r.md.Render([]byte(src), r.base.Path)
			// The converter escapes text and drops raw HTML, so its output
			// is safe to mark as HTML.
			return template.HTML(h), err
		},
		"date":      formatDate,
		"num":       formatInt,
		"count":     count,
		"others":    others,
		"anchor":    GIAnchor,
		"firstN":    firstN,
		"hostname":  hostname,
		"join":      strings.Join,
		"dataLabel": dataLabel,
		"indiaMap":  r.mapView,
		"add1":      func(i int) int { return i + 1 },
	}
}

// formatDate shows "2021-09-26" as "26 September 2021" and "2022-02" as
// "February 2022".
func formatDate(s string) string {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Format("2 January 2006")
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t.Format("January 2006")
	}
	return s
}

// others is ps without p.
func others(ps []*catalog.Product, p *catalog.Product) []*catalog.Product {
	out := make([]*catalog.Product, 0, len(ps))
	for _, q := range ps {
		if q != p {
			out = append(out, q)
		}
	}
	return out
}

func firstN(n int, s []*catalog.Story) []*catalog.Story {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func hostname(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return strings.TrimPrefix(p.Hostname(), "www.")
}

// dataLabel names a data source with its version and date, as the footer
// and product pages cite it.
func dataLabel(d catalog.DataSource) string {
	s := d.Name
	if d.Version != "" {
		s += ", version " + d.Version
	}
	if d.Date != "" {
		s += " (" + formatDate(d.Date) + ")"
	}
	return s
}

// formatInt writes n with thousands separators: 1241 as "1,241".
func formatInt(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + formatInt(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
