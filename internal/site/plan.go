// Package site plans every page of the site (its URL path, template,
// title and data) from a catalogue, and renders pages with the templates
// in a site's templates/ directory.
package site

import (
	"fmt"
	"sort"

	"github.com/odop-india/odop/internal/catalog"
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
}

// File is where the page is written below the output directory.
func (p *Page) File() string {
	if p.Path == "" || p.Path[len(p.Path)-1] == '/' {
		return p.Path + "index.html"
	}
	return p.Path
}

// Crumb is one step of a breadcrumb trail.
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

// Plan lists every page of the site, sorted by path.
func Plan(c *catalog.Catalog) []*Page {
	home := Crumb{"Home", ""}
	statesCrumb := Crumb{"States and UTs", "states/"}
	var pages []*Page
	add := func(p *Page) { pages = append(pages, p) }

	add(&Page{Path: "", Kind: "home", Title: c.Site.Title, Description: c.Site.Description, Data: c})
	add(&Page{Path: "404.html", Kind: "404", Title: "Page not found",
		Description: "The page you asked for is not in the catalogue.", Crumbs: []Crumb{home}})

	add(&Page{Path: "states/", Kind: "states", Title: "States and Union Territories",
		Description: fmt.Sprintf("ODOP products of all %d States and Union Territories of India, with their districts.", len(c.States)),
		Crumbs:      []Crumb{home}, Data: c.States})
	for _, s := range c.States {
		add(&Page{Path: PathOf(s), Kind: "state", Title: s.Name,
			Description: fmt.Sprintf("%s: %s in %s identified under One District One Product.",
				s.Name, count(len(s.Products), "product"), count(len(s.Districts), "district")),
			Crumbs: []Crumb{home, statesCrumb}, Data: s})
		for _, d := range s.Districts {
			stateCrumb := Crumb{s.Name, PathOf(s)}
			add(&Page{Path: PathOf(d), Kind: "district", Title: d.Name + ", " + s.Name,
				Description: fmt.Sprintf("ODOP products of %s district, %s: %s.", d.Name, s.Name, productNames(d.Products)),
				Crumbs:      []Crumb{home, statesCrumb, stateCrumb}, Data: d})
			for _, p := range d.Products {
				add(&Page{Path: PathOf(p), Kind: "product", Title: p.Name,
					Description: productDescription(p),
					Crumbs:      []Crumb{home, statesCrumb, stateCrumb, {d.Name, PathOf(d)}}, Data: p})
			}
		}
	}

	for _, g := range []struct {
		kind, path, title, desc string
		groups                  []*catalog.Group
	}{
		{"sector", "sectors/", "Sectors", "ODOP products by sector: agriculture, handicraft, handloom, textile, food processing and more.", c.Sectors},
		{"category", "categories/", "Categories", "ODOP products by category: each district's primary product and its secondary and tertiary ones.", c.Categories},
	} {
		add(&Page{Path: g.path, Kind: "groups", Title: g.title, Description: g.desc,
			Crumbs: []Crumb{home}, Data: GroupIndex{Kind: g.kind, Groups: g.groups}})
		for _, gr := range g.groups {
			add(&Page{Path: PathOf(gr), Kind: "group", Title: gr.Name,
				Description: fmt.Sprintf("%s in the %s %s of the ODOP list.", count(len(gr.Products), "product"), gr.Name, g.kind),
				Crumbs:      []Crumb{home, {g.title, g.path}}, Data: gr})
		}
	}

	add(&Page{Path: "products/", Kind: "products", Title: "All products A to Z",
		Description: fmt.Sprintf("All %d ODOP products of India from A to Z, with the districts that list each.", len(c.Products)),
		Crumbs:      []Crumb{home}, Data: c.Families})

	gi := giByState(c)
	nGI := 0
	for _, s := range gi {
		nGI += len(s.Products)
	}
	add(&Page{Path: "gi/", Kind: "gi", Title: "GI-tagged products",
		Description: fmt.Sprintf("%d ODOP products flagged as GI-related, with the registered Geographical Indication each matches.", nGI),
		Crumbs:      []Crumb{home}, Data: gi})
	reg := registryByState(c)
	nReg := 0
	for _, s := range reg {
		nReg += len(s.Entries)
	}
	add(&Page{Path: "gi/registry/", Kind: "registry", Title: "Registered Geographical Indications of India",
		Description: fmt.Sprintf("All %d registered Indian Geographical Indications, by State and UT.", nReg),
		Crumbs:      []Crumb{home, {"GI-tagged products", "gi/"}}, Data: reg})

	add(&Page{Path: "search/", Kind: "search", Title: "Search the catalogue",
		Description: fmt.Sprintf("Search all %d ODOP products by name, district, State/UT, sector, category, GI and description.", len(c.Products)),
		Crumbs:      []Crumb{home}})
	add(&Page{Path: "shortlist/", Kind: "shortlist", Title: "Your shortlist",
		Description: "The products you shortlisted in this browser, by State/UT: add notes, print, download as CSV or share as a link.",
		Crumbs:      []Crumb{home}, NoIndex: true})

	add(&Page{Path: "stories/", Kind: "stories", Title: "Success stories",
		Description: "How ODOP products reached buyers: consignments, exports and awards, each with its sources.",
		Crumbs:      []Crumb{home}, Data: c.Stories})
	for _, s := range c.Stories {
		add(&Page{Path: PathOf(s), Kind: "story", Title: s.Title, Description: s.Summary,
			Crumbs: []Crumb{home, {"Success stories", "stories/"}}, Data: s})
	}
	for _, pg := range c.Pages {
		add(&Page{Path: PathOf(pg), Kind: "page", Title: pg.Title, Description: pg.Description,
			Crumbs: []Crumb{home}, Data: pg})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Path < pages[j].Path })
	return pages
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

// productDescription is the meta description of a product page: where it
// comes from, then as much of the data's description as fits.
func productDescription(p *catalog.Product) string {
	s := fmt.Sprintf("%s from %s, %s (%s, %s product).", p.Name, p.District.Name, p.State().Name, p.Sector.Name, p.Category.Name)
	if p.Description != "" {
		s += " " + p.Description
	}
	return truncate(s, 200)
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
