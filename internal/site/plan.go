// Package site plans every page of the site (its URL path, template,
// title and data) from a catalogue, and renders pages with the templates
// in a site's templates/ directory.
package site

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/i18n"
)

// Page is one page of the site.
type Page struct {
	// Path is the page's URL path below the site's base, "" for the home
	// page, ending in "/" for a directory page, or a file name such as
	// "404.html".
	Path        string
	Kind        string // the template that renders it
	Title       string
	Description string
	Crumbs      []Crumb // from Home to the page's parent
	Data        any
	// NoIndex keeps the page out of search engines and the sitemap: it
	// has no content of its own, such as the visitor's shortlist.
	NoIndex bool
	// Lang is the language of the page's interface. Path and the crumbs'
	// paths are the same in every language; the language's Prefix puts
	// the page in its directory. Nil means the only, default, language.
	Lang *i18n.Lang

	urlPath, file string // made by Plan, for pages asked for them often
	// described says that Description is made when the page is
	// rendered, from its data: for the pages that are many and whose
	// descriptions are made of data, so that a rebuild that renders a
	// few pages does not write them all.
	described bool
}

// Describe is the page's meta description.
func (p *Page) Describe() (string, error) {
	if !p.described {
		return p.Description, nil
	}
	l := p.Lang
	switch d := p.Data.(type) {
	case *catalog.State:
		products, err1 := l.N("count.products", len(d.Products))
		districts, err2 := l.N("count.districts", len(d.Districts))
		if err := errors.Join(err1, err2); err != nil {
			return "", err
		}
		return l.T("page.state_description", "state", d.Name, "products", products, "districts", districts)
	case *catalog.District:
		return l.T("page.district_description", "district", d.Name, "state", d.State.Name, "products", productNames(d.Products))
	case *catalog.Product:
		return productDescription(d, l)
	case *catalog.Group:
		count, err := l.N("count.products", len(d.Products))
		if err != nil {
			return "", err
		}
		kind, err := l.T("group_kind." + d.Kind)
		if err != nil {
			return "", err
		}
		return l.T("page.group_description", "count", count, "name", d.Name, "kind", kind)
	}
	return "", fmt.Errorf("%s: no description for %T", p.Path, p.Data)
}

// URLPath is the page's path below the site's base, in its language's
// directory: "hi/states/goa/".
func (p *Page) URLPath() string {
	if p.urlPath != "" {
		return p.urlPath
	}
	if p.Lang == nil {
		return p.Path
	}
	return p.Lang.Prefix + p.Path
}

// File is where the page is written below the output directory.
func (p *Page) File() string {
	if p.file != "" {
		return p.file
	}
	u := p.URLPath()
	if u == "" || u[len(u)-1] == '/' {
		return u + "index.html"
	}
	return u
}

// Crumb is one step of a breadcrumb trail. Its Path is below the base of
// the page's language, as Page.Path is.
type Crumb struct {
	Name string
	Path string
}

// GroupIndex is the data of the sectors and categories index pages.
type GroupIndex struct {
	Kind   string // "sector" or "category"
	Groups []*catalog.Group
}

// StateGI is a state's products flagged GI, for the GI page.
type StateGI struct {
	State    *catalog.State
	Products []*catalog.Product
}

// StateRegistry is a state's registered GIs, for the registry page.
type StateRegistry struct {
	State   string
	Entries []*catalog.GIEntry
}

// PathOf is the URL path of a catalogue value's page, below the base.
func PathOf(x any) string {
	switch x := x.(type) {
	case *catalog.State:
		return "states/" + x.Slug + "/"
	case *catalog.District:
		return PathOf(x.State) + x.Slug + "/"
	case *catalog.Product:
		return PathOf(x.District) + x.Slug + "/"
	case *catalog.Group:
		if x.Kind == "sector" {
			return "sectors/" + x.Slug + "/"
		}
		return "categories/" + x.Slug + "/"
	case *catalog.Family:
		return "products/#" + x.Slug
	case *catalog.GIEntry:
		return "gi/registry/#" + GIAnchor(x)
	case *catalog.Story:
		return "stories/" + x.Slug + "/"
	case *catalog.Page:
		return x.Slug + "/"
	case string:
		return x
	}
	panic(fmt.Sprintf("site.PathOf: no page for %T", x))
}

// GIAnchor is the id of a registry entry on the registry page.
func GIAnchor(g *catalog.GIEntry) string {
	return "gi-" + g.ID
}

// Plan lists every page of the site in each of langs: the languages in
// their order, each language's pages sorted by path.
func Plan(c *catalog.Catalog, langs []*i18n.Lang) ([]*Page, error) {
	if len(langs) == 0 {
		return nil, nil
	}
	paths := &planPaths{}
	paths.start(true)
	first, order, err := planSorted(c, langs[0], paths, nil, nil)
	if err != nil {
		return nil, err
	}
	// The other languages are planned on every core: each reads the
	// paths and the order the first made, and changes nothing shared.
	byLang := make([][]*Page, len(langs))
	errs := make([]error, len(langs))
	byLang[0] = first
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	next.Store(1)
	for range min(runtime.GOMAXPROCS(0), len(langs)-1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < len(langs); i = int(next.Add(1)) - 1 {
				pp := &planPaths{paths: paths.paths}
				pp.start(false)
				byLang[i], _, errs[i] = planSorted(c, langs[i], pp, order, first)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	pages := make([]*Page, 0, len(first)*len(langs))
	for _, ps := range byLang {
		pages = append(pages, ps...)
	}
	return pages, nil
}

// planSorted plans the pages of language l, sorted by path, and returns
// the order in which it planned them (see permute). Every language plans
// the same pages in the same order: given the order and the sorted pages
// of another language, it sorts its own in that order, unless a path
// differs.
func planSorted(c *catalog.Catalog, l *i18n.Lang, paths *planPaths, order []int, sorted []*Page) ([]*Page, []int, error) {
	planned, err := planLang(c, l, paths)
	if err != nil {
		return nil, nil, err
	}
	ps, ok := permute(planned, order, sorted)
	if !ok {
		order = make([]int, len(planned))
		for i := range order {
			order[i] = i
		}
		// Pages of the same path (an error the build reports) stay in
		// the order planned.
		slices.SortFunc(order, func(a, b int) int {
			if c := strings.Compare(planned[a].Path, planned[b].Path); c != 0 {
				return c
			}
			return a - b
		})
		ps, _ = permute(planned, order, nil)
	}
	prefix := ""
	if l != nil {
		prefix = l.Prefix
	}
	for _, p := range ps {
		// One string for both: the URL path is the file's less its
		// index.html.
		if p.Path == "" || strings.HasSuffix(p.Path, "/") {
			p.file = prefix + p.Path + "index.html"
			p.urlPath = p.file[:len(p.file)-len("index.html")]
		} else {
			p.file = prefix + p.Path
			p.urlPath = p.file
		}
	}
	return ps, order, nil
}

// permute returns the pages of ps in order (the ith is &ps[order[i]]),
// and whether their paths are those of want, in the same order; a nil
// want is not compared.
func permute(ps []Page, order []int, want []*Page) ([]*Page, bool) {
	if len(order) != len(ps) || want != nil && len(want) != len(ps) {
		return nil, false
	}
	out := make([]*Page, len(ps))
	for i, j := range order {
		out[i] = &ps[j]
		if want != nil && out[i].Path != want[i].Path {
			return nil, false
		}
	}
	return out, true
}

// planPaths are the paths of the pages that are many (states, districts,
// products), made once for every language: the first language's planning
// makes them, in the order it asks for them, and the others', which ask
// in the same order, are handed them.
type planPaths struct {
	paths []string
	next  int // the next to hand out; -1 while the first language plans
}

// start begins a language's planning.
func (pp *planPaths) start(first bool) {
	pp.next = 0
	if first {
		pp.next = -1
	}
}

// join is parent followed by slug and a slash.
func (pp *planPaths) join(parent, slug string) string {
	if pp.next < 0 {
		p := parent + slug + "/"
		pp.paths = append(pp.paths, p)
		return p
	}
	p := pp.paths[pp.next]
	pp.next++
	return p
}

// planLang lists the pages of one language.
func planLang(c *catalog.Catalog, l *i18n.Lang, paths *planPaths) ([]Page, error) {
	var firstErr error
	t := func(key string, args ...any) string {
		s, err := l.T(key, args...)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return s
	}
	home := Crumb{t("nav.home"), ""}
	statesCrumb := Crumb{t("nav.states"), "states/"}
	// Pages are values in one slice, rather than each allocated: Plan
	// points into the sorted slice.
	pages := make([]Page, 0, len(c.Products)+len(c.Districts)+len(c.States)+len(c.Sectors)+len(c.Categories)+len(c.Stories)+len(c.Pages)+16)
	add := func(p Page) { p.Lang = l; pages = append(pages, p) }

	add(Page{Path: "", Kind: "home", Title: SiteTitle(c, l), Description: SiteDescription(c, l), Data: c})
	add(Page{Path: "404.html", Kind: "404", Title: t("page.not_found.title"),
		Description: t("page.not_found.description"), Crumbs: []Crumb{home}})

	add(Page{Path: "states/", Kind: "states", Title: t("page.states.title"),
		Description: t("page.states.description", "n", l.Num(len(c.States))),
		Crumbs:      []Crumb{home}, Data: c.States})
	// Pages under the same parent share their crumbs: nothing changes
	// them.
	statesCrumbs := []Crumb{home, statesCrumb}
	for _, s := range c.States {
		sp := paths.join("states/", s.Slug)
		add(Page{Path: sp, Kind: "state", Title: s.Name, described: true, Crumbs: statesCrumbs, Data: s})
		stateCrumbs := []Crumb{home, statesCrumb, {s.Name, sp}}
		for _, d := range s.Districts {
			dp := paths.join(sp, d.Slug)
			add(Page{Path: dp, Kind: "district", Title: t("page.district_title", "district", d.Name, "state", s.Name),
				described: true, Crumbs: stateCrumbs, Data: d})
			districtCrumbs := []Crumb{home, statesCrumb, {s.Name, sp}, {d.Name, dp}}
			for _, p := range d.Products {
				add(Page{Path: paths.join(dp, p.Slug), Kind: "product", Title: ProductName(p, l),
					described: true, Crumbs: districtCrumbs, Data: p})
			}
		}
	}

	for _, g := range []struct {
		kind, path, key string
		groups          []*catalog.Group
	}{
		{"sector", "sectors/", "sectors", c.Sectors},
		{"category", "categories/", "categories", c.Categories},
	} {
		title := t("page." + g.key + ".title")
		add(Page{Path: g.path, Kind: "groups", Title: title, Description: t("page." + g.key + ".description"),
			Crumbs: []Crumb{home}, Data: GroupIndex{Kind: g.kind, Groups: g.groups}})
		t("group_kind." + g.kind) // checked here, used by Describe
		groupCrumbs := []Crumb{home, {title, g.path}}
		for _, gr := range g.groups {
			add(Page{Path: PathOf(gr), Kind: "group", Title: gr.Name, described: true, Crumbs: groupCrumbs, Data: gr})
		}
	}

	add(Page{Path: "products/", Kind: "products", Title: t("page.products.title"),
		Description: t("page.products.description", "n", l.Num(len(c.Products))),
		Crumbs:      []Crumb{home}, Data: c.Families})

	gi := giByState(c)
	nGI := 0
	for _, s := range gi {
		nGI += len(s.Products)
	}
	giTitle := t("page.gi.title")
	add(Page{Path: "gi/", Kind: "gi", Title: giTitle,
		Description: t("page.gi.description", "n", l.Num(nGI)),
		Crumbs:      []Crumb{home}, Data: gi})
	reg := registryByState(c)
	nReg := 0
	for _, s := range reg {
		nReg += len(s.Entries)
	}
	add(Page{Path: "gi/registry/", Kind: "registry", Title: t("page.registry.title"),
		Description: t("page.registry.description", "n", l.Num(nReg)),
		Crumbs:      []Crumb{home, {giTitle, "gi/"}}, Data: reg})

	add(Page{Path: "search/", Kind: "search", Title: t("page.search.title"),
		Description: t("page.search.description", "n", l.Num(len(c.Products))),
		Crumbs:      []Crumb{home}})
	add(Page{Path: "shortlist/", Kind: "shortlist", Title: t("page.shortlist.title"),
		Description: t("page.shortlist.description"),
		Crumbs:      []Crumb{home}, NoIndex: true})

	storiesTitle := t("page.stories.title")
	add(Page{Path: "stories/", Kind: "stories", Title: storiesTitle,
		Description: t("page.stories.description"),
		Crumbs:      []Crumb{home}, Data: c.Stories})
	for _, s := range c.Stories {
		add(Page{Path: PathOf(s), Kind: "story", Title: s.Title, Description: s.Summary,
			Crumbs: []Crumb{home, {storiesTitle, "stories/"}}, Data: s})
	}
	for _, pg := range c.Pages {
		add(Page{Path: PathOf(pg), Kind: "page", Title: pg.Title, Description: pg.Description,
			Crumbs: []Crumb{home}, Data: pg})
	}
	return pages, firstErr
}

// productDescription is the meta description of a product page: where it
// comes from, then as much of the data's description as fits.
func productDescription(p *catalog.Product, l *i18n.Lang) (string, error) {
	desc, err := l.T("page.product_description", "product", ProductName(p, l), "district", p.District.Name,
		"state", p.State().Name, "sector", p.Sector.Name, "category", p.Category.Name)
	if d := ProductDescription(p, l); d != "" {
		desc += " " + d
	}
	return truncate(desc, 200), err
}

// SiteTitle is the site's title in language l: site.yaml's in the
// default language, the translation file's in the others (i18n.Load made
// sure each has one).
func SiteTitle(c *catalog.Catalog, l *i18n.Lang) string {
	if l == nil || l.Default {
		return c.Site.Title
	}
	s, _ := l.T("site.title")
	return s
}

// SiteDescription is the site's description in language l, as SiteTitle.
func SiteDescription(c *catalog.Catalog, l *i18n.Lang) string {
	if l == nil || l.Default {
		return c.Site.Description
	}
	s, _ := l.T("site.description")
	return s
}

// ProductName is p's name in language l: from the data's product_<lang>
// column when it has one, else as the data gives it.
func ProductName(p *catalog.Product, l *i18n.Lang) string {
	if n := translation(p.Names, l); n != "" {
		return n
	}
	return p.Name
}

// ProductDescription is p's description in language l, as ProductName.
func ProductDescription(p *catalog.Product, l *i18n.Lang) string {
	if d := translation(p.Descriptions, l); d != "" {
		return d
	}
	return p.Description
}

// translation is what a product's translation columns (m, by lower-case
// tag) give in language l; "" in the default language or when they give
// nothing. The language's directory is its lower-case tag: no need to
// lower-case the tag on every call.
func translation(m map[string]string, l *i18n.Lang) string {
	if len(m) == 0 || l == nil || l.Default {
		return ""
	}
	return m[strings.TrimSuffix(l.Prefix, "/")]
}

func giByState(c *catalog.Catalog) []StateGI {
	var out []StateGI
	for _, s := range c.States {
		var ps []*catalog.Product
		for _, p := range s.Products {
			if p.GIFlag {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 {
			out = append(out, StateGI{s, ps})
		}
	}
	return out
}

// registryByState groups the Indian registry entries (not repeats) by
// their first state, states in name order, entries in registry order.
func registryByState(c *catalog.Catalog) []StateRegistry {
	idx := map[string]int{}
	var out []StateRegistry
	for _, g := range c.GI {
		if g.Foreign || g.RepeatOf != "" || len(g.States) == 0 {
			continue
		}
		s := g.States[0]
		i, ok := idx[s]
		if !ok {
			i = len(out)
			idx[s] = i
			out = append(out, StateRegistry{State: s})
		}
		out[i].Entries = append(out[i].Entries, g)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].State < out[j].State })
	return out
}

func productNames(ps []*catalog.Product) string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += ", "
		}
		s += p.Name
	}
	return s
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s // fewer bytes than n, so fewer runes
	}
	// Walk n runes without making a []rune: end is the byte offset after
	// them, floor that of rune n-40, lastSpace that of the last space
	// among runes n-39 to n.
	end, runes, floor, lastSpace := 0, 0, 0, -1
	for end < len(s) && runes < n {
		if runes == n-40 {
			floor = end
		}
		if s[end] == ' ' && runes > n-40 {
			lastSpace = end
		}
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
		runes++
	}
	if end == len(s) {
		return s
	}
	switch {
	case s[end] == ' ':
		return s[:end] + "…"
	case lastSpace >= 0:
		return s[:lastSpace] + "…"
	}
	return s[:floor] + "…"
}
