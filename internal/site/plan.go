// Package site plans every page of the site (its URL path, template,
// title and data) from a catalogue, and renders pages with the templates
// in a site's templates/ directory.
package site

import (
	"fmt"
	"sort"
	"strings"

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
}

// URLPath is the page's path below the site's base, in its language's
// directory: "hi/states/goa/".
func (p *Page) URLPath() string {
	if p.Lang == nil {
		return p.Path
	}
	return p.Lang.Prefix + p.Path
}

// File is where the page is written below the output directory.
func (p *Page) File() string {
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

// Plan lists every page of the site in each of langs (the default
// first), sorted by URL path. With no languages it plans the default
// language only, from built-in English.
func Plan(c *catalog.Catalog, langs []*i18n.Lang) ([]*Page, error) {
	var pages []*Page
	for _, l := range langs {
		ps, err := planLang(c, l)
		if err != nil {
			return nil, err
		}
		pages = append(pages, ps...)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].URLPath() < pages[j].URLPath() })
	return pages, nil
}

// planLang lists the pages of one language.
func planLang(c *catalog.Catalog, l *i18n.Lang) ([]*Page, error) {
	var firstErr error
	t := func(key string, args ...any) string {
		s, err := l.T(key, args...)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return s
	}
	n := func(key string, count int) string {
		s, err := l.N(key, count)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return s
	}
	siteTitle, siteDesc := c.Site.Title, c.Site.Description
	if !l.Default {
		siteTitle, siteDesc = t("site.title"), t("site.description")
	}
	home := Crumb{t("nav.home"), ""}
	statesCrumb := Crumb{t("nav.states"), "states/"}
	var pages []*Page
	add := func(p *Page) { p.Lang = l; pages = append(pages, p) }

	add(&Page{Path: "", Kind: "home", Title: siteTitle, Description: siteDesc, Data: c})
	add(&Page{Path: "404.html", Kind: "404", Title: t("page.not_found.title"),
		Description: t("page.not_found.description"), Crumbs: []Crumb{home}})

	add(&Page{Path: "states/", Kind: "states", Title: t("page.states.title"),
		Description: t("page.states.description", "n", l.Num(len(c.States))),
		Crumbs:      []Crumb{home}, Data: c.States})
	for _, s := range c.States {
		add(&Page{Path: PathOf(s), Kind: "state", Title: s.Name,
			Description: t("page.state_description", "state", s.Name,
				"products", n("count.products", len(s.Products)), "districts", n("count.districts", len(s.Districts))),
			Crumbs: []Crumb{home, statesCrumb}, Data: s})
		for _, d := range s.Districts {
			stateCrumb := Crumb{s.Name, PathOf(s)}
			add(&Page{Path: PathOf(d), Kind: "district", Title: t("page.district_title", "district", d.Name, "state", s.Name),
				Description: t("page.district_description", "district", d.Name, "state", s.Name, "products", productNames(d.Products)),
				Crumbs:      []Crumb{home, statesCrumb, stateCrumb}, Data: d})
			for _, p := range d.Products {
				name := ProductName(p, l)
				desc := t("page.product_description", "product", name, "district", p.District.Name, "state", s.Name,
					"sector", p.Sector.Name, "category", p.Category.Name)
				if d := ProductDescription(p, l); d != "" {
					desc += " " + d
				}
				add(&Page{Path: PathOf(p), Kind: "product", Title: name, Description: truncate(desc, 200),
					Crumbs: []Crumb{home, statesCrumb, stateCrumb, {d.Name, PathOf(d)}}, Data: p})
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
		add(&Page{Path: g.path, Kind: "groups", Title: title, Description: t("page." + g.key + ".description"),
			Crumbs: []Crumb{home}, Data: GroupIndex{Kind: g.kind, Groups: g.groups}})
		for _, gr := range g.groups {
			add(&Page{Path: PathOf(gr), Kind: "group", Title: gr.Name,
				Description: t("page.group_description", "count", n("count.products", len(gr.Products)), "name", gr.Name,
					"kind", t("group_kind."+g.kind)),
				Crumbs: []Crumb{home, {title, g.path}}, Data: gr})
		}
	}

	add(&Page{Path: "products/", Kind: "products", Title: t("page.products.title"),
		Description: t("page.products.description", "n", l.Num(len(c.Products))),
		Crumbs:      []Crumb{home}, Data: c.Families})

	gi := giByState(c)
	nGI := 0
	for _, s := range gi {
		nGI += len(s.Products)
	}
	giTitle := t("page.gi.title")
	add(&Page{Path: "gi/", Kind: "gi", Title: giTitle,
		Description: t("page.gi.description", "n", l.Num(nGI)),
		Crumbs:      []Crumb{home}, Data: gi})
	reg := registryByState(c)
	nReg := 0
	for _, s := range reg {
		nReg += len(s.Entries)
	}
	add(&Page{Path: "gi/registry/", Kind: "registry", Title: t("page.registry.title"),
		Description: t("page.registry.description", "n", l.Num(nReg)),
		Crumbs:      []Crumb{home, {giTitle, "gi/"}}, Data: reg})

	add(&Page{Path: "search/", Kind: "search", Title: t("page.search.title"),
		Description: t("page.search.description", "n", l.Num(len(c.Products))),
		Crumbs:      []Crumb{home}})
	add(&Page{Path: "shortlist/", Kind: "shortlist", Title: t("page.shortlist.title"),
		Description: t("page.shortlist.description"),
		Crumbs:      []Crumb{home}, NoIndex: true})

	storiesTitle := t("page.stories.title")
	add(&Page{Path: "stories/", Kind: "stories", Title: storiesTitle,
		Description: t("page.stories.description"),
		Crumbs:      []Crumb{home}, Data: c.Stories})
	for _, s := range c.Stories {
		add(&Page{Path: PathOf(s), Kind: "story", Title: s.Title, Description: s.Summary,
			Crumbs: []Crumb{home, {storiesTitle, "stories/"}}, Data: s})
	}
	for _, pg := range c.Pages {
		add(&Page{Path: PathOf(pg), Kind: "page", Title: pg.Title, Description: pg.Description,
			Crumbs: []Crumb{home}, Data: pg})
	}
	return pages, firstErr
}

// ProductName is p's name in language l: from the data's product_<lang>
// column when it has one, else as the data gives it.
func ProductName(p *catalog.Product, l *i18n.Lang) string {
	if l != nil && !l.Default {
		if n := p.Names[strings.ToLower(l.Tag)]; n != "" {
			return n
		}
	}
	return p.Name
}

// ProductDescription is p's description in language l, as ProductName.
func ProductDescription(p *catalog.Product, l *i18n.Lang) string {
	if l != nil && !l.Default {
		if d := p.Descriptions[strings.ToLower(l.Tag)]; d != "" {
			return d
		}
	}
	return p.Description
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

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
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
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n-40 && r[cut] != ' ' {
		cut--
	}
	return string(r[:cut]) + "…"
}
