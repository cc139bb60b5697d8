package catalog

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/odop-india/odop/internal/diag"
	"github.com/odop-india/odop/internal/markdown"
	"github.com/odop-india/odop/internal/slug"
)

// Load reads a site's sources from fsys (rooted at the site directory):
// site.yaml, data/products/*.csv, data/gi.csv, content/stories/*.yaml and
// content/*.md. It returns the linked catalogue and every problem found;
// the catalogue is only fit to publish when problems.Err() is nil.
func Load(fsys fs.FS) (*Catalog, diag.List) { return LoadCached(fsys, nil) }

// A Cache keeps what Load made of sources, the map's shapes and each
// product list as parsed, for the next Load to reuse while a file's bytes
// are the same: odop serve's rebuilds after an edit of one product list.
// A nil *Cache caches nothing.
type Cache struct {
	mu     sync.Mutex
	mapSrc []byte
	shapes mapShapes // never changed: each Load copies the regions
	// products are the product lists as parsed, by file name.
	products map[string]cachedProductFile
}

type cachedProductFile struct {
	enc  string // the encoding site.yaml declared
	src  []byte
	file productFile // never changed: each Load copies the rows
}

// productFile returns the product list name as parsed before, if its
// bytes and declared encoding are the same.
func (c *Cache) productFile(name, enc string, src []byte) (productFile, bool) {
	if c == nil {
		return productFile{}, false
	}
	c.mu.Lock()
	e, ok := c.products[name]
	c.mu.Unlock()
	if !ok || e.enc != enc || !bytes.Equal(e.src, src) {
		return productFile{}, false
	}
	f := e.file
	f.rows = slices.Clone(f.rows) // the rows are tidied as they are added
	return f, true
}

// keepProductFile keeps the product list name as parsed from src.
func (c *Cache) keepProductFile(name, enc string, src []byte, f productFile) {
	if c == nil {
		return
	}
	f.rows = slices.Clone(f.rows)
	c.mu.Lock()
	if c.products == nil {
		c.products = map[string]cachedProductFile{}
	}
	c.products[name] = cachedProductFile{enc, src, f}
	c.mu.Unlock()
}

// keepOnlyProductFiles forgets the product lists not named.
func (c *Cache) keepOnlyProductFiles(names []string) {
	if c == nil {
		return
	}
	keep := make(map[string]bool, len(names))
	for _, name := range names {
		keep[name] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for name := range c.products {
		if !keep[name] {
			delete(c.products, name)
		}
	}
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{} }

// LoadCached is Load, taking from cache what it holds for sources that
// have not changed, and keeping there what it reads.
func LoadCached(fsys fs.FS, cache *Cache) (*Catalog, diag.List) {
	b := &builder{
		cache:        cache,
		md:           markdown.New(),
		statesByName: map[string]*State{},
		stateByKey:   map[string]string{},
		districts:    map[*State]map[string]*District{},
		productByKey: map[*District]map[string]*Product{},
		sectors:      map[string]*Group{},
		categories:   map[string]*Group{},
	}
	for name := range statesAndUTs {
		b.stateByKey[stateKey(name)] = name
	}
	shapes := make(chan mapShapes, 1)
	go func() { shapes <- cache.mapShapes(fsys) }()
	b.cat.Site = b.loadSite(fsys)
	// The GI registry is read while the product lists are, by a builder
	// of its own that knows only the site's settings.
	gi := &builder{cat: Catalog{Site: b.cat.Site}}
	giDone := make(chan struct{})
	go func() {
		defer close(giDone)
		gi.loadGI(fsys)
	}()
	b.loadProducts(fsys)
	<-giDone
	b.cat.GI, b.errs = gi.cat.GI, append(b.errs, gi.errs...)
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
	md    *markdown.Converter

	statesByName map[string]*State
	stateByKey   map[string]string // normalised name -> canonical name
	districts    map[*State]map[string]*District
	productByKey map[*District]map[string]*Product
	// productsByKey lists the products of each name key, in catalogue
	// order, for stories that name a product but not its district; made
	// when the first such story needs it.
	productsByKey map[string][]*Product
	products      []*Product
	allDistricts  []*District // in the order the files first name them
	sectors       map[string]*Group
	categories    map[string]*Group
}

func (b *builder) state(name, kind string) *State {
	if s := b.statesByName[name]; s != nil {
		return s
	}
	s := &State{Name: name, Kind: kind}
	b.statesByName[name] = s
	b.districts[s] = map[string]*District{}
	return s
}

func (b *builder) district(st *State, name string, pos diag.Pos) *District {
	key := normKey(name)
	if d := b.districts[st][key]; d != nil {
		return d
	}
	d := &District{Name: name, State: st, Pos: pos}
	b.districts[st][key] = d
	st.Districts = append(st.Districts, d)
	b.allDistricts = append(b.allDistricts, d)
	return d
}

// group finds or makes the sector or category called name. Spellings that
// differ only in case are one group, named as first seen.
func (b *builder) group(m map[string]*Group, kind, name string) *Group {
	key := slug.Make(name)
	if g := m[key]; g != nil {
		return g
	}
	g := &Group{Kind: kind, Name: name, Slug: key}
	m[key] = g
	return g
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
	sort.Slice(c.States, func(i, j int) bool { return c.States[i].Name < c.States[j].Name })
	var stateSlugs slug.Set
	for _, s := range c.States {
		s.Slug, _ = stateSlugs.Unique(s.Name)
		sort.Slice(s.Districts, func(i, j int) bool { return s.Districts[i].Name < s.Districts[j].Name })
		var districtSlugs slug.Set
		for _, d := range s.Districts {
			var changed bool
			d.Slug, changed = districtSlugs.Unique(d.Name)
			if changed {
				b.errs.Warnf(d.Pos, "district %q has the same slug as another district of %s; its pages use %q", d.Name, s.Name, d.Slug)
			}
			sort.Slice(d.Products, func(i, j int) bool { return d.Products[i].Name < d.Products[j].Name })
			var productSlugs slug.Set
			for _, p := range d.Products {
				p.Slug, changed = productSlugs.Unique(p.Name)
				if changed {
					b.errs.Warnf(p.Pos, "product %q has the same slug as another product of %s; its page uses %q", p.Name, d.Name, p.Slug)
				}
				s.Products = append(s.Products, p)
				c.Products = append(c.Products, p)
			}
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
	bySlug := map[string]*Family{}
	for _, p := range b.cat.Products {
		name := familyName(p.Name)
		key := slug.Make(name)
		f := bySlug[key]
		if f == nil {
			f = &Family{Name: name, Slug: key}
			bySlug[key] = f
			b.cat.Families = append(b.cat.Families, f)
		}
		f.Products = append(f.Products, p)
		p.Family = f
	}
	sort.Slice(b.cat.Families, func(i, j int) bool { return b.cat.Families[i].Slug < b.cat.Families[j].Slug })
}

// fsReader is the file system a site is loaded from.
type fsReader = fs.FS

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
