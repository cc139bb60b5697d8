package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/i18n"
	"github.com/odop-india/odop/internal/markdown"
	"github.com/odop-india/odop/internal/tmplexec"
)

// Renderer renders pages with a site's templates, each in its language.
// It is safe for concurrent use once made.
type Renderer struct {
	byLang map[*i18n.Lang]*renderer
	first  *renderer // for pages of no language
}

// renderer renders the pages of one language: its links lead to pages of
// the same language, and its templates hold the language's strings.
type renderer struct {
	cat        *catalog.Catalog
	lang       *i18n.Lang
	langs      []*i18n.Lang
	root       *url.URL // the site's base, absolute, ends in "/"
	base       *url.URL // root followed by the language's directory
	absPrefix  string   // base as a string, when paths can simply be appended to it
	rootPrefix string   // root as a string, set with absPrefix
	hrefs      *hrefs
	assets     map[string]string
	csp        string
	md         *markdown.Converter
	kinds      map[string]*kindTemplate
	sets       *langSets
	funcMap    template.FuncMap // the templates' functions, for tmplexec too
	origins    sync.Map         // a district's products' countryOfOrigin in JSON-LD, by *catalog.District
	ldBuffers  sync.Pool        // of *[]byte, for writing JSON-LD
	// fallbacks counts the pages compiled templates could not render and
	// html/template did: none but those that fail, as a test checks.
	fallbacks atomic.Int64
	messages  map[string]template.JS // the scripts' messages by page kind, "" for most kinds
}

// Options configure a Renderer.
type Options struct {
	// BaseURL is where the site is published; links are made absolute
	// paths below its path, canonical URLs absolute.
	BaseURL *url.URL
	// Languages are the interface's languages, the default first, as
	// i18n.Load gives them. Pages are rendered in the language they name.
	Languages []*i18n.Lang
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
	// kind is rendered, and leaves its constant parts unfolded: for a
	// rebuild that renders a few pages with templates already checked by
	// the build before, where folding would cost more than it saves (the
	// pages are the same either way). Otherwise every template is parsed
	// and folded, and its errors returned, by NewRenderer.
	Lazy bool
}

// baseTemplate is the template every page is executed with.
const baseTemplate = "templates/base.html"

// kinds are the page templates a site must have, one file each in
// templates/, besides base.html and the partials in templates/partials/.
var kinds = []string{"home", "404", "states", "state", "district", "product", "groups", "group",
	"products", "gi", "registry", "stories", "story", "page", "search", "shortlist"}

// NewRenderer parses templates/base.html, templates/partials/*.html and
// one templates/<kind>.html per page kind from fsys, once per language.
func NewRenderer(fsys fs.FS, c *catalog.Catalog, opts Options) (*Renderer, error) {
	return newRenderer(fsys, c, opts, true)
}

// newRenderer is NewRenderer; rewrite false leaves the escaped templates
// as html/template made them (no fusing, no folding, no compiling), for
// tests that check the rewrites change nothing.
func newRenderer(fsys fs.FS, c *catalog.Catalog, opts Options, rewrite bool) (*Renderer, error) {
	if len(opts.Languages) == 0 {
		return nil, fmt.Errorf("site: a renderer needs at least one language")
	}
	// The template sources are read, and minified, once for all
	// languages; lazy kinds read them on render goroutines.
	var mu sync.Mutex
	sources := map[string]string{}
	read := func(name string) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		if src, ok := sources[name]; ok {
			return src, nil
		}
		src, err := readTemplate(fsys, name, opts.MinifyTemplate)
		if err != nil {
			return "", err
		}
		sources[name] = src
		return src, nil
	}
	partials, _ := fs.Glob(fsys, "templates/partials/*.html")
	sort.Strings(partials)
	out := &Renderer{byLang: map[*i18n.Lang]*renderer{}}
	var eager []*kindTemplate
	for _, l := range opts.Languages {
		r := newLangRenderer(c, l, opts, nil)
		r.newSets(read, partials, rewrite, rewrite && !opts.Lazy)
		if !opts.Lazy {
			if err := r.sets.parseRoot(); err != nil {
				return nil, err
			}
		}
		out.add(r)
		if !opts.Lazy {
			for _, k := range kinds {
				eager = append(eager, r.kinds[k])
			}
		}
	}
	// Each kind's set is parsed, escaped and folded on its own: on every
	// core, in the kinds' order of errors.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(eager)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(len(eager)); i = next.Add(1) - 1 {
				eager[i].get()
			}
		}()
	}
	wg.Wait()
	for _, kt := range eager {
		if _, err := kt.get(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (rs *Renderer) add(r *renderer) {
	rs.byLang[r.lang] = r
	if rs.first == nil {
		rs.first = r
	}
}

// Rebind returns a lazy Renderer of catalogue c and opts that takes over
// the template sets rs parsed lazily (without folding), escaped and
// compiled: a rebuild after an edit of the data alone renders its few
// pages without parsing the templates again. The templates must be the
// ones rs read, and rs must not be used afterwards: the sets' functions
// now work for the new Renderer. A set rs folded is not taken over (its
// constant parts hold rs's catalogue); it is parsed again when needed,
// as is every set of a language whose strings changed.
func (rs *Renderer) Rebind(c *catalog.Catalog, opts Options) (*Renderer, error) {
	if len(opts.Languages) == 0 {
		return nil, fmt.Errorf("site: a renderer needs at least one language")
	}
	opts.Lazy = true
	out := &Renderer{byLang: map[*i18n.Lang]*renderer{}}
	for _, l := range opts.Languages {
		old := rs.byLang[l]
		if old == nil {
			// A language rs did not have, or whose strings changed: its
			// sets are parsed afresh, from the sources rs read.
			s := rs.first.sets
			r := newLangRenderer(c, l, opts, nil)
			r.newSets(s.read, s.partials, s.rewrite, false)
			out.add(r)
			continue
		}
		r := newLangRenderer(c, l, opts, old)
		r.sets, r.funcMap = old.sets, old.funcMap
		r.sets.bound = r
		for _, k := range kinds {
			if kt := old.kinds[k]; !kt.folded {
				r.kinds[k] = kt // made or not, it is the same for any catalogue
			} else {
				r.kinds[k] = r.sets.kind(k, false, nil)
			}
		}
		out.add(r)
	}
	return out, nil
}

// newLangRenderer makes the renderer of language l, without templates;
// it shares the links old made when old has the same catalogue and base
// (the search page's second rendering has).
func newLangRenderer(c *catalog.Catalog, l *i18n.Lang, opts Options, old *renderer) *renderer {
	base := *opts.BaseURL
	base.Path += l.Prefix
	if base.RawPath != "" {
		base.RawPath += l.Prefix
	}
	r := &renderer{cat: c, lang: l, langs: opts.Languages, root: opts.BaseURL, base: &base, assets: opts.Assets,
		csp: opts.MetaCSP, md: markdown.New(), kinds: map[string]*kindTemplate{}}
	if old != nil && old.cat == c && old.hrefs.base == base.Path {
		r.hrefs = old.hrefs
	} else {
		r.hrefs = newHrefs(base.Path, c)
	}
	r.ldBuffers.New = func() any { b := make([]byte, 0, 4096); return &b }
	if r.absPrefix = URLPrefix(r.base); r.absPrefix != "" {
		r.rootPrefix = r.root.String()
	}
	if old != nil && old.lang == l {
		r.messages = old.messages // the language's alone, never changed
	} else {
		r.makeMessages()
	}
	return r
}

// newSets gives r template sets of its own, their sources read by read,
// each kind's folded when fold is set (see langSets.kind).
func (r *renderer) newSets(read func(string) (string, error), partials []string, rewrite, fold bool) {
	r.sets = &langSets{bound: r, read: read, partials: partials, rewrite: rewrite}
	r.funcMap = r.sets.funcs(r.lang)
	var probe *view
	if fold {
		probe = r.probe()
	}
	for _, k := range kinds {
		r.kinds[k] = r.sets.kind(k, fold, probe)
	}
}

// probe is a view for folding: any page will do, as only its site fields
// are read.
func (r *renderer) probe() *view {
	return &view{Page: &Page{Lang: r.lang}, Site: &r.cat.Site, Cat: r.cat, Lang: r.lang, MetaCSP: r.csp, r: r}
}

// langSets are the template sets of one language and what makes them.
// The sets' functions work for the renderer bound, which Rebind moves to
// the renderer of the next build: they reach it through this struct, so
// the sets, parsed and compiled, serve that build as they are.
type langSets struct {
	bound    *renderer
	read     func(string) (string, error)
	partials []string
	rewrite  bool // false: sets as html/template escapes them, for tests

	// root holds base.html and the partials, which every kind shares:
	// parsed when a first set needs it.
	root     *template.Template
	rootErr  error
	rootOnce sync.Once
}

func (s *langSets) parseRoot() error {
	s.rootOnce.Do(func() {
		root := template.New("base.html").Funcs(s.bound.funcMap)
		for _, f := range append([]string{baseTemplate}, s.partials...) {
			if s.rootErr = parseInto(root, f, s.read); s.rootErr != nil {
				return
			}
		}
		s.root = root
	})
	return s.rootErr
}

// kind is the set of page kind k, made when first needed. A set made with
// fold has its constant parts folded: it is faster, but holds the
// catalogue of the renderer it was made for (probe's). Either way it is
// compiled by tmplexec, unless rewrite is off.
func (s *langSets) kind(k string, fold bool, probe *view) *kindTemplate {
	kt := &kindTemplate{folded: fold}
	kt.make = func() {
		if kt.err = s.parseRoot(); kt.err != nil {
			return
		}
		kt.t, kt.err = kindSet(s.root, k, s.read)
		if kt.err != nil || !s.rewrite {
			return
		}
		if fold {
			kt.err = foldTemplates(kt.t, probe)
		} else {
			kt.err = escapeTemplates(kt.t, s.bound.probe())
		}
		if kt.err == nil {
			kt.compiled = compile(kt.t, s.bound.funcMap)
		}
	}
	return kt
}

// makeMessages gathers the scripts' messages of a language other than the
// default (whose are the scripts' own): what app.js and shortlist.js say
// on every page, and what the search and shortlist pages' scripts add.
func (r *renderer) makeMessages() {
	r.messages = map[string]template.JS{}
	if r.lang.Default {
		return
	}
	common := [][2]string{{"app", "js.app."}, {"shortlist", "js.shortlist."}}
	for _, kind := range []string{"", "search", "shortlist"} {
		groups := common
		switch kind {
		case "search":
			groups = append(groups, [2]string{"search", "js.search."})
		case "shortlist":
			groups = append(groups, [2]string{"shortlistPage", "js.shortlist_page."})
		}
		var b strings.Builder
		b.WriteByte('{')
		for i, g := range groups {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%q:%s", g[0], r.lang.JSON(g[1]))
		}
		b.WriteByte('}')
		// JSON escapes <, > and &, so nothing in it can end the <script>
		// element it goes in.
		r.messages[kind] = template.JS(b.String())
	}
}

// kindTemplate is the template set of one page kind, made when the
// Renderer is or, if it is lazy, when a page of that kind is first
// rendered.
type kindTemplate struct {
	folded bool // made for one catalogue: see langSets.kind
	once   sync.Once
	make   func()
	t      *template.Template
	err    error
	// compiled is t compiled by tmplexec, which writes the same bytes
	// several times faster; nil where it could not be compiled.
	compiled *tmplexec.Set
}

// compile compiles the trees of t, which folding escaped (html/template
// escapes a set when it first runs it). It returns nil when tmplexec
// cannot compile t: t is used then.
func compile(t *template.Template, funcs template.FuncMap) *tmplexec.Set {
	c, err := tmplexec.Compile(t, funcs)
	if err != nil {
		return nil
	}
	return c
}

func (kt *kindTemplate) get() (*template.Template, error) {
	kt.once.Do(kt.make)
	return kt.t, kt.err
}

// kindSet parses templates/<kind>.html into a clone of the shared root.
func kindSet(root *template.Template, kind string, read func(string) (string, error)) (*template.Template, error) {
	t, err := root.Clone()
	if err != nil {
		return nil, err
	}
	if err := parseInto(t, "templates/"+kind+".html", read); err != nil {
		return nil, err
	}
	return t, nil
}

// readTemplate reads a template file, minified when minify is set.
func readTemplate(fsys fs.FS, name string, minify func([]byte) ([]byte, error)) (string, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return "", err
	}
	if minify != nil {
		if src, err = minify(src); err != nil {
			return "", fmt.Errorf("%s: %w", name, err)
		}
	}
	return string(src), nil
}

// parseInto parses a template file into t, as a template named after the
// file, so that errors name it.
func parseInto(t *template.Template, name string, read func(string) (string, error)) error {
	src, err := read(name)
	if err != nil {
		return err
	}
	_, err = t.New(name).Parse(src)
	return err
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
	Lang      *i18n.Lang // the page's language
	Canonical string
	MetaCSP   string
	JSONLD    []template.JS // each object's JSON, escaped for a <script>
	// Hreflang and Languages are the page in every language: <link
	// rel="alternate"> elements for the head, and the language switcher's
	// list items; empty when the site has one language. They are made
	// here rather than by the template: every page has them, and a range
	// in a template costs several reflective calls per item.
	Hreflang  template.HTML
	Languages template.HTML
	r         *renderer
}

// Render writes the page's HTML to w, in the page's language.
func (rs *Renderer) Render(w io.Writer, p *Page) error {
	r := rs.first
	if p.Lang != nil {
		if r = rs.byLang[p.Lang]; r == nil {
			return fmt.Errorf("%s: no templates for language %s", p.File(), p.Lang.Tag)
		}
	}
	return r.render(w, p)
}

func (r *renderer) render(w io.Writer, p *Page) error {
	kt := r.kinds[p.Kind]
	if kt == nil {
		return fmt.Errorf("%s: no template for page kind %q", p.File(), p.Kind)
	}
	t, err := kt.get()
	if err != nil {
		return err
	}
	buf, ok := w.(*bytes.Buffer)
	if !ok && kt.compiled != nil {
		// The compiled templates write a buffer; a page is written to w
		// whole, or not at all if it fails.
		var b bytes.Buffer
		if err := r.render(&b, p); err != nil {
			return err
		}
		_, err := w.Write(b.Bytes())
		return err
	}
	desc, err := p.Describe()
	if err != nil {
		return fmt.Errorf("%s: %w", p.File(), err)
	}
	v := &view{Page: p, Path: p.Path, Kind: p.Kind, Title: p.Title, Description: desc, Crumbs: p.Crumbs,
		Data: p.Data, Site: &r.cat.Site, Cat: r.cat, Lang: r.lang, Canonical: r.abs(p.Path), MetaCSP: r.csp, r: r}
	v.JSONLD = r.jsonLD(p)
	if len(r.langs) > 1 {
		v.Hreflang, v.Languages = r.alternates(p)
	}
	if kt.compiled != nil {
		start := buf.Len()
		if kt.compiled.Execute(buf, baseTemplate, v) == nil {
			return nil
		}
		// html/template says what went wrong, in its words (or, should
		// tmplexec refuse something html/template does, writes the page).
		buf.Truncate(start)
		r.fallbacks.Add(1)
	}
	if err := t.ExecuteTemplate(w, baseTemplate, v); err != nil {
		return fmt.Errorf("%s: %w", p.File(), err)
	}
	return nil
}

func (r *renderer) href(x any) string { return r.hrefs.of(x) }

// alternates writes the hreflang links and the switcher's items of page p.
func (r *renderer) alternates(p *Page) (head, items template.HTML) {
	var h, sw strings.Builder
	// Room for every link at once: a link is some 60 bytes besides its URL.
	size := len(r.langs) * (len(r.rootPrefix) + len(p.Path) + 80)
	h.Grow(size + len(r.rootPrefix) + len(p.Path) + 60)
	sw.Grow(size + len(r.langs)*20)
	for _, l := range r.langs {
		href := template.HTMLEscapeString(r.absIn(l, p.Path))
		tag := template.HTMLEscapeString(l.Tag)
		h.WriteString(`<link rel="alternate" hreflang="` + tag + `" href="` + href + `">`)
		if l.Default {
			h.WriteString(`<link rel="alternate" hreflang="x-default" href="` + href + `">`)
		}
		sw.WriteString(`<li><a href="` + href + `" lang="` + tag + `" hreflang="` + tag + `"`)
		if l == r.lang {
			sw.WriteString(` aria-current="true"`)
		}
		sw.WriteString(`>` + template.HTMLEscapeString(l.Name) + `</a></li>`)
	}
	return template.HTML(h.String()), template.HTML(sw.String())
}

// absIn is the absolute URL of the page at path p in language l.
func (r *renderer) absIn(l *i18n.Lang, p string) string {
	if l == r.lang {
		return r.abs(p)
	}
	if r.absPrefix != "" && isSlugPath(p) {
		return r.rootPrefix + l.Prefix + p
	}
	base := *r.root
	base.Path += l.Prefix
	return absURL(&base, p)
}

// abs is the absolute URL of the page at path p below the base.
func (r *renderer) abs(p string) string { return AbsURL(r.base, r.absPrefix, p) }

// URLPrefix is base as a string, when a path made of slugs can simply be
// appended to it (see AbsURL), or "".
func URLPrefix(base *url.URL) string {
	if base.RawPath == "" && base.RawQuery == "" && base.Fragment == "" && !base.ForceQuery {
		return base.String()
	}
	return ""
}

// AbsURL is the absolute URL of the path p (which may end in a #fragment)
// below base, whose URLPrefix is prefix: what url.URL.String writes,
// without its work for a path made of slugs.
func AbsURL(base *url.URL, prefix, p string) string {
	if prefix != "" && isSlugPath(p) {
		return prefix + p
	}
	return absURL(base, p)
}

// WriteAbsURL writes AbsURL(base, prefix, p) to b.
func WriteAbsURL(b *strings.Builder, base *url.URL, prefix, p string) {
	if prefix != "" && isSlugPath(p) {
		b.WriteString(prefix)
		b.WriteString(p)
		return
	}
	b.WriteString(absURL(base, p))
}

// absURL is the absolute URL of the path p (which may end in a #fragment)
// below base.
func absURL(base *url.URL, p string) string {
	u := *base
	u.Path = base.Path + p
	if i := strings.IndexByte(p, '#'); i >= 0 {
		u.Path = base.Path + p[:i]
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

// funcs are the templates' functions in language l, for the renderer
// bound at the time of the call.
func (s *langSets) funcs(l *i18n.Lang) template.FuncMap {
	r := func() *renderer { return s.bound }
	return template.FuncMap{
		"href":       func(x any) string { return r().href(x) },
		hrefAttrFunc: func(x any) string { return escapeURLAttr(r().href(x)) },
		"path":       PathOf,
		// file links a file that all languages share, such as feed.xml.
		"file": func(name string) string { return r().root.Path + name },
		"asset": func(name string) (string, error) {
			p, ok := r().assets[name]
			if !ok {
				return "", fmt.Errorf("no asset %q in assets/", name)
			}
			return r().root.Path + p, nil
		},
		// assetURL is an asset's absolute URL, for og:image and the like.
		"assetURL": func(name string) (string, error) {
			p, ok := r().assets[name]
			if !ok {
				return "", fmt.Errorf("no asset %q", name)
			}
			u := *r().root
			u.Path += p
			return u.String(), nil
		},
		// t is a message of the page's language, its placeholders filled
		// from name, value pairs; th is t for a message that holds markup
		// of its own (the translation files are part of the site's
		// source, like the templates), its values escaped.
		"t": l.T,
		"th": func(key string, args ...any) (template.HTML, error) {
			for i := 1; i < len(args); i += 2 {
				if h, ok := args[i].(template.HTML); ok {
					args[i] = string(h)
				} else {
					args[i] = template.HTMLEscapeString(fmt.Sprint(args[i]))
				}
			}
			s, err := l.T(key, args...)
			return template.HTML(s), err
		},
		// link is a link to x's page with text, for th.
		"link": func(x any, text string) template.HTML {
			return template.HTML(`<a href="` + template.HTMLEscapeString(r().href(x)) + `">` + template.HTMLEscapeString(text) + `</a>`)
		},
		// n is a message that counts: the form for n, {n} filled.
		"n":               func(key string, n int, args ...any) (string, error) { return l.N(key, n, args...) },
		"siteTitle":       func() string { return SiteTitle(r().cat, l) },
		"siteDescription": func() string { return SiteDescription(r().cat, l) },
		// dataLang is the language of the catalogue's data (its names and
		// descriptions), "" when it is the page's: an element showing data
		// on a page in another language says so with a lang attribute.
		"dataLang": func() string { return r().dataLang("") },
		// name and description are a product's in the page's language,
		// from the data's translation columns, or as the data gives them;
		// nameLang and descriptionLang are the lang attribute they need.
		// They take any, which tmplexec calls without reflection, and
		// fail, as a call with the wrong type would, on anything but a
		// product.
		"name":            func(p any) string { return ProductName(mustProduct(p), l) },
		"description":     func(p any) string { return ProductDescription(mustProduct(p), l) },
		"nameLang":        func(p any) string { return r().dataLang(translation(mustProduct(p).Names, l)) },
		"descriptionLang": func(p any) string { return r().dataLang(translation(mustProduct(p).Descriptions, l)) },
		// messages is the JSON of the scripts' messages for a page kind,
		// "" in the default language.
		"messages": func(kind string) template.JS { return r().messages[messageKind(kind)] },
		"figures":  func(c *catalog.Catalog) (string, error) { return Figures(c, l) },
		"markdown": func(src string) (template.HTML, error) {
			// Content is written in the default language and its links
			// lead to its pages.
			h, err := r().md.Render([]byte(src), r().root.Path)
			// The converter escapes text and drops raw HTML, so its output
			// is safe to mark as HTML.
			return template.HTML(h), err
		},
		"date":     l.Date,
		"num":      l.Num,
		"others":   others,
		"anchor":   GIAnchor,
		"firstN":   firstN,
		"hostname": hostname,
		"join":     strings.Join,
		// credit is a data source's label and its publisher.
		"credit": func(d catalog.DataSource) (string, error) {
			if d.Publisher == "" {
				return DataLabel(l, d), nil
			}
			return l.T("source.publisher", "label", DataLabel(l, d), "publisher", d.Publisher)
		},
		"stateKind": func(kind string) (string, error) {
			if kind == "Union Territory" {
				return l.T("state_kind.ut")
			}
			return l.T("state_kind.state")
		},
		"indiaMap": func() (*MapView, error) { return r().mapView() },
		"add1":     func(i int) int { return i + 1 },
	}
}

// mustProduct is x, a product: a template that passes anything else is
// wrong, and its execution fails with this panic's message.
func mustProduct(x any) *catalog.Product {
	p, ok := x.(*catalog.Product)
	if !ok || p == nil {
		panic(fmt.Sprintf("want a product, not %T", x))
	}
	return p
}

// dataLang is the lang attribute of an element that shows data on a page
// of r's language: the data's language (the default one), or "" when the
// page is in it, or when translated, the data's translation, is shown.
func (r *renderer) dataLang(translated string) string {
	if r.lang.Default || translated != "" {
		return ""
	}
	return r.langs[0].Tag
}

// messageKind is the set of script messages a page kind needs.
func messageKind(kind string) string {
	if kind == "search" || kind == "shortlist" {
		return kind
	}
	return ""
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
