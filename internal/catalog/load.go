package catalog

import (
	"errors"
	"io/fs"
	"slices"
	"sort"
	"strings"

	"github.com/odop-india/odop/internal/diag"
	"github.com/odop-india/odop/internal/markdown"
	"github.com/odop-india/odop/internal/slug"
)

// Load reads a site's sources from fsys (rooted at the site directory):
// site.yaml, data/products/*.csv, data/gi.csv, content/stories/*.yaml and
// content/*.md. It returns the linked catalogue and every problem found;
// the catalogue is only fit to publish when problems.Err() is nil.
func Load(fsys fs.FS) (*Catalog, diag.List) { return LoadCached(fsys, nil) }

// LoadCached is Load, taking from cache what it holds for sources that
// have not changed, and keeping there what it reads.
func LoadCached(fsys fs.FS, cache *Cache) (*Catalog, diag.List) {
	b := &builder{
		cache:        cache,
		statesByName: make(map[string]*State, len(statesAndUTs)),
		sectors:      map[string]*Group{},
		categories:   map[string]*Group{},
	}
	shapes := make(chan mapShapes, 1)
	go func() { shapes <- cache.mapShapes(fsys) }()
	b.cat.Site = b.loadSite(fsys)
	// The GI registry is read while the product lists are: it needs
	// nothing of them.
	gi := make(chan giRegistry, 1)
	giEnc := b.cat.Site.Encodings[giFile]
	go func() { gi <- loadGI(fsys, giEnc, cache.giFiles()) }()
	b.loadProducts(fsys)
	b.gi = <-gi
	b.cat.GI, b.errs = b.gi.newEntries(), append(b.errs, b.gi.errs...)
	b.loadMap(fsys, <-shapes)
	b.checkEncodings(func(name string) bool { _, err := fs.Stat(fsys, name); return err == nil })
	b.link()
	b.loadStories(fsys)
	b.loadPages(fsys)
	b.errs.Sort()
	return &b.cat, b.errs
}

// builder carries the state of one Load. It is not shared between loads.
type builder struct {
	cache *Cache // nil: nothing cached
	cat   Catalog
	errs  diag.List
	md    *markdown.Converter // made when the first file needs it
	gi    giRegistry          // as parsed: cat.GI are made from it

	statesByName map[string]*State
	districts    map[districtID]*District
	productByKey map[productID]*Product
	allDistricts []*District // in the order the files first name them
	sectors      map[string]*Group
	categories   map[string]*Group
}

// districtID is a district by its State/UT and the normKey of its name.
type districtID struct {
	state *State
	key   string
}

// productID is a product by its district and the normKey of its name.
type productID struct {
	district *District
	key      string
}

func (b *builder) state(name, kind string) *State {
	if s := b.statesByName[name]; s != nil {
		return s
	}
	s := &State{Name: name, Kind: kind}
	b.statesByName[name] = s
	return s
}

// district finds or makes the district of row r in st. Names that differ
// only in case and punctuation are one district, named as first seen.
func (b *builder) district(st *State, r *checkedRow) *District {
	id := districtID{st, r.facts.districtKey}
	if d := b.districts[id]; d != nil {
		return d
	}
	d := &District{Name: r.district, State: st, Pos: r.districtPos, facts: r.facts}
	b.districts[id] = d
	st.Districts = append(st.Districts, d)
	b.allDistricts = append(b.allDistricts, d)
	return d
}

// group finds or makes the sector or category called name, whose slug is
// key. Spellings that differ only in case are one group, named as first
// seen.
func (b *builder) group(m map[string]*Group, kind, name, key string) *Group {
	if g := m[key]; g != nil {
		return g
	}
	g := &Group{Kind: kind, Name: name, Slug: key}
	m[key] = g
	return g
}

// markdown is the load's Markdown converter, made on first use: a load
// that takes every story and page from the cache needs none.
func (b *builder) markdown() *markdown.Converter {
	if b.md == nil {
		b.md = markdown.New()
	}
	return b.md
}

// categoryOrder puts the ODOP list's categories in their order of weight;
// any other category follows, by name.
var categoryOrder = map[string]int{"primary": 1, "secondary": 2, "tertiary": 3, "others": 4}

// link sorts everything, hands out slugs, and builds the cross references
// between products, districts, states, families and the GI registry.
func (b *builder) link() {
	c := &b.cat
	for _, s := range b.statesByName {
		c.States = append(c.States, s)
	}
	// Names are unique where they are sorted (states; districts in a
	// state and products in a district, by their keys), so any sort
	// gives the one order.
	slices.SortFunc(c.States, func(a, b *State) int { return strings.Compare(a.Name, b.Name) })
	var stateSlugs slug.Set
	for i, s := range c.States {
		s.Index = i
		s.Slug, _ = stateSlugs.Unique(s.Name)
		slices.SortFunc(s.Districts, func(a, b *District) int { return strings.Compare(a.Name, b.Name) })
		var districtSlugs slugSet
		for _, d := range s.Districts {
			var changed bool
			d.Slug, changed = districtSlugs.uniqueSlug(d.facts.districtSlug)
			if changed {
				b.errs.Warnf(d.Pos, "district %q has the same slug as another district of %s; its pages use %q", d.Name, s.Name, d.Slug)
			}
			slices.SortFunc(d.Products, func(a, b *Product) int { return strings.Compare(a.Name, b.Name) })
			var productSlugs slugSet
			for _, p := range d.Products {
				p.Slug, changed = productSlugs.uniqueSlug(p.facts.slug)
				if changed {
					b.errs.Warnf(p.Pos, "product %q has the same slug as another product of %s; its page uses %q", p.Name, d.Name, p.Slug)
				}
				s.Products = append(s.Products, p)
				p.Index = len(c.Products)
				c.Products = append(c.Products, p)
			}
			d.Index = len(c.Districts)
			c.Districts = append(c.Districts, d)
		}
	}
	c.Sectors = sortedGroups(b.sectors, nil)
	c.Categories = sortedGroups(b.categories, categoryOrder)
	for _, p := range c.Products {
		p.Sector.Products = append(p.Sector.Products, p)
		p.Category.Products = append(p.Category.Products, p)
	}
	b.linkFamilies()
	b.matchGI()
}

// slugSet is a slug.Set that makes its map only for a second slug: most
// districts have one product, whose slug is its base.
type slugSet struct {
	n     int
	first string
	set   slug.Set
}

func (s *slugSet) uniqueSlug(base string) (string, bool) {
	s.n++
	switch s.n {
	case 1:
		s.first = base
		return base, false
	case 2:
		s.set.Reserve(s.first)
	}
	return s.set.UniqueSlug(base)
}

func sortedGroups(m map[string]*Group, order map[string]int) []*Group {
	var gs []*Group
	for _, g := range m {
		gs = append(gs, g)
	}
	rank := func(g *Group) int {
		if r, ok := order[g.Slug]; ok {
			return r
		}
		return len(order) + 1
	}
	sort.Slice(gs, func(i, j int) bool {
		if ri, rj := rank(gs[i]), rank(gs[j]); ri != rj {
			return ri < rj
		}
		return gs[i].Slug < gs[j].Slug
	})
	return gs
}

// familyName is a product's name without parenthesised qualifiers:
// "Turmeric (Lakadong)" belongs with "Turmeric".
func familyName(name string) string {
	var b strings.Builder
	depth := 0
	for _, r := range name {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	if f := collapseSpace(b.String()); f != "" {
		return f
	}
	return name
}

func (b *builder) linkFamilies() {
	bySlug := make(map[string]*Family, len(b.cat.Products))
	for _, p := range b.cat.Products {
		key := p.facts.familySlug
		f := bySlug[key]
		if f == nil {
			f = &Family{Name: p.facts.family, Slug: key}
			bySlug[key] = f
			b.cat.Families = append(b.cat.Families, f)
		}
		f.Products = append(f.Products, p)
		p.Family = f
	}
	slices.SortFunc(b.cat.Families, func(a, b *Family) int { return strings.Compare(a.Slug, b.Slug) })
}

// fsReader is the file system a site is loaded from.
type fsReader = fs.FS

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
