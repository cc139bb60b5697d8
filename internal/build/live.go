package build

import (
	"maps"
	"path"
	"strings"
	"time"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/publish"
	"github.com/odop-india/odop/internal/site"
)

// A Live site is built into memory and built again after each edit of its
// sources: odop serve's. After an edit of product CSVs alone it re-renders
// only the pages that show the rows that changed, and keeps the others'
// bytes from the build before.
//
// How the pages to re-render are found: every product row is compared
// with the build before's row of the same state, district and product
// slugs in two parts, what lists show of it (its names, place, sector,
// category, GI flag and match, family, stories: sameListing) and its
// details (description, ministry, photo, HS code, its district's LGD
// code, translations: sameDetails). A row of which a part differs, or
// that came or went, has changed. Each page
// says which rows it lists and whose details it shows (site.Page.Shows),
// or that it shows them all (the home page, the indexes, search). A page
// is re-rendered when it is new or when it shows a changed part of a
// row, in the old build or in the new one (so that a product moved out of
// a list leaves it, and one moved in appears). Every page is re-rendered
// when what every page shows changed: the site's figures or an asset's
// name. The generated files (search index, sitemap, feed, open data,
// _headers) are made again every time; they are cheap or cached. A test
// edits rows of the real catalogue in many ways and compares each
// incremental rebuild with a whole build, file by file.
//
// A rebuild after such an edit takes over the build before's template
// sets, parsed, escaped and compiled (site.Renderer.Rebind): the
// templates and translations are the same, and parsing them again for
// every language would cost more than rendering the few pages.
type Live struct {
	Files *publish.Memory
	Stats Stats // Stats.Rendered tells how many pages the build rendered

	opts Options // with a Cache
	p    *prepared
	rows map[rowKey]*catalog.Product
	// pageData are the bytes of p.pages, in order.
	pageData [][]byte
}

// BuildLive builds the site into memory. opts.Out is not used.
func BuildLive(opts Options) (*Live, error) {
	if opts.Cache == nil {
		opts.Cache = NewCache()
	}
	start := time.Now()
	p, err := prepare(opts, publish.NewMinifier())
	if err != nil {
		return nil, err
	}
	mem := publish.NewMemory()
	if err := write(opts.context(), mem, p, opts.Workers); err != nil {
		return nil, err
	}
	opts.Cache.sweep()
	return &Live{Files: mem, opts: opts, p: p, rows: rowIndex(p.cat), pageData: pageData(mem, p.pages, nil),
		Stats: Stats{Pages: len(p.pages), Rendered: len(p.pages), Files: p.files.Load(), Bytes: p.bytes.Load(),
			Problems: p.problems, Duration: time.Since(start)}}, nil
}

// Rebuild builds the site again after the files named in changed (slash
// paths relative to the sources) changed, and returns the new site; l
// stays as it was, so on error the caller can keep serving it.
func (l *Live) Rebuild(changed []string) (*Live, error) {
	if !onlyRows(changed) {
		return BuildLive(l.opts)
	}
	start := time.Now()
	opts := l.opts
	opts.lazyTemplates = true // only product CSVs changed: the templates are as l checked them
	opts.templatesFrom = l.p.renderer
	// Which pages to render is worked out while the generators run; it
	// is thrown away if what every page shows changed.
	var (
		rows   map[rowKey]*catalog.Product
		render []*site.Page
		data   [][]byte // of the pages, nil for those to render
		mem    *publish.Memory
	)
	opts.alongside = func(c *catalog.Catalog, pages []*site.Page) {
		rows = rowIndex(c)
		render, data, mem = l.toRender(pages, rows)
	}
	p, err := prepare(opts, publish.NewMinifier())
	if err != nil {
		return nil, err
	}
	if !sameFrame(l.p, p) {
		// Every page: worth templates parsed and folded up front.
		render, mem, data = p.pages, publish.NewMemory(), nil
		so := p.renderOpts
		so.Lazy = false
		if p.renderer, err = site.NewRenderer(opts.Src, p.cat, so); err != nil {
			p.settle()
			return nil, err
		}
	}
	// Assets are made afresh or shared from the cache, never changed after:
	// the site can hold them without a copy.
	put := func(a asset) error {
		p.wrote(a.name)
		if a.stream != nil {
			_, err := mem.Stream(a.name, a.stream)
			return err
		}
		return mem.Adopt(a.name, a.data)
	}
	for _, a := range p.assets {
		if err := put(a); err != nil {
			p.settle()
			return nil, err
		}
	}
	if err := p.renderWithLater(l.opts.context(), mem, render, l.opts.Workers, put); err != nil {
		return nil, err
	}
	l.opts.Cache.sweep()
	files, bytes := mem.Size()
	return &Live{Files: mem, opts: l.opts, p: p, rows: rows, pageData: pageData(mem, p.pages, data),
		Stats: Stats{Pages: len(p.pages), Rendered: len(render), Files: int64(files), Bytes: bytes,
			Problems: p.problems, Duration: time.Since(start)}}, nil
}

// pageData lists the bytes of pages in mem, in order; those known are in
// known, when it is not nil.
func pageData(mem *publish.Memory, pages []*site.Page, known [][]byte) [][]byte {
	out := make([][]byte, len(pages))
	for i, pg := range pages {
		if known != nil && known[i] != nil {
			out[i] = known[i]
		} else {
			out[i], _ = mem.File(pg.File())
		}
	}
	return out
}

// onlyRows reports whether every changed file is a product CSV: the one
// kind of edit a rebuild can confine to the pages it touches.
func onlyRows(changed []string) bool {
	for _, f := range changed {
		if path.Dir(f) != "data/products" || path.Ext(f) != ".csv" {
			return false
		}
	}
	return len(changed) > 0
}

// sameFrame reports whether what every page shows is the same in both
// builds: the figures in every page's head and the assets' names. The
// search index's files change with any row, but only the search page
// names one, and that page is re-rendered after any edit.
func sameFrame(a, b *prepared) bool {
	ac, bc := a.cat, b.cat
	if len(ac.Products) != len(bc.Products) || len(ac.Districts) != len(bc.Districts) || len(ac.States) != len(bc.States) ||
		len(a.assetPaths) != len(b.assetPaths) {
		return false
	}
	for k, v := range a.assetPaths {
		if w, ok := b.assetPaths[k]; !ok || (v != w && !strings.HasPrefix(k, "search/")) {
			return false
		}
	}
	return true
}

// toRender lists the pages to render, and puts the bytes of every other
// page into mem from l.
func (l *Live) toRender(pages []*site.Page, rows map[rowKey]*catalog.Product) (render []*site.Page, data [][]byte, mem *publish.Memory) {
	// The changed rows, as the old catalogue's products and the new's.
	type changes struct{ rows, details map[*catalog.Product]bool }
	was := changes{map[*catalog.Product]bool{}, map[*catalog.Product]bool{}}
	is := changes{map[*catalog.Product]bool{}, map[*catalog.Product]bool{}}
	for k, r := range rows {
		o, ok := l.rows[k]
		if !ok || !sameListing(o, r) {
			is.rows[r] = true
			if ok {
				was.rows[o] = true
			}
		}
		if !ok || !sameDetails(o, r) {
			is.details[r] = true
			if ok {
				was.details[o] = true
			}
		}
	}
	for k, o := range l.rows {
		if _, ok := rows[k]; !ok {
			was.rows[o] = true
			was.details[o] = true
		}
	}
	anyRow := len(is.rows)+len(was.rows) > 0
	anyDetail := len(is.details)+len(was.details) > 0
	touched := func(pg *site.Page, c changes) bool {
		s := pg.Shows()
		if s.AllRows && anyRow || s.AllDetails && anyDetail {
			return true
		}
		for _, x := range s.Rows {
			if c.rows[x] {
				return true
			}
		}
		for _, x := range s.Details {
			if c.details[x] {
				return true
			}
		}
		return false
	}
	changed := func(o, pg *site.Page) bool { return touched(pg, is) || touched(o, was) }
	oldPages := l.p.pages
	data = make([][]byte, len(pages))
	if !samePages(oldPages, pages) {
		mem = publish.NewMemorySized(len(pages) + len(l.p.others) + 64)
		return l.toRenderByPath(pages, mem, changed, data), data, mem
	}
	// The usual case: the same pages in the same order. A page shows the
	// same rows in every language, so which paths changed is worked out
	// for the first language and looked up by position for the others.
	perLang := len(pages)
	for i, pg := range pages {
		if pg.Lang != pages[0].Lang {
			perLang = i
			break
		}
	}
	memo := make([]int8, perLang) // 0 not known, 1 changed, 2 not
	for i, pg := range pages {
		var m *int8
		if k := i % perLang; pages[k].Path == pg.Path {
			m = &memo[k]
		}
		if m == nil || *m == 0 {
			v := int8(2)
			if changed(oldPages[i], pg) {
				v = 1
			}
			if m == nil {
				m = &v
			}
			*m = v
		}
		if *m == 2 {
			data[i] = l.pageData[i]
			continue
		}
		render = append(render, pg)
	}
	// The site before, less what is made again: the pages to render and
	// every file that is not a page. A copy of the map costs a fraction
	// of adding each page kept to a new one.
	mem = l.Files.Clone()
	for _, name := range l.p.others {
		mem.Delete(name)
	}
	for _, pg := range render {
		mem.Delete(pg.File())
	}
	return render, data, mem
}

// samePages reports whether a and b list the same pages (paths and
// languages) in the same order.
func samePages(a, b []*site.Page) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Lang != b[i].Lang || a[i].Path != b[i].Path {
			return false
		}
	}
	return true
}

// toRenderByPath is toRender when pages came or went: each new page is
// paired with the old page of its language and path, if any.
func (l *Live) toRenderByPath(pages []*site.Page, mem *publish.Memory, changed func(o, pg *site.Page) bool, data [][]byte) []*site.Page {
	// Both builds list their pages language by language, in site.yaml's
	// order, each language's by path: the old page of a new one is found
	// by walking the two lists together.
	langIndex := map[string]int{}
	for i, lang := range l.p.langs {
		langIndex[lang.Tag] = i
	}
	key := func(pg *site.Page) (int, string) {
		if pg.Lang == nil {
			return 0, pg.Path
		}
		i, ok := langIndex[pg.Lang.Tag]
		if !ok {
			i = len(langIndex) // a language the build before did not have
		}
		return i, pg.Path
	}
	oldPages := l.p.pages
	var render []*site.Page
	j := 0
	for i, pg := range pages {
		li, path := key(pg)
		oi := -1
		for j < len(oldPages) {
			ol, opath := key(oldPages[j])
			if ol > li || ol == li && opath > path {
				break
			}
			j++
			if ol == li && opath == path {
				oi = j - 1
				break
			}
		}
		if oi >= 0 && !changed(oldPages[oi], pg) && mem.Adopt(pg.File(), l.pageData[oi]) == nil {
			data[i] = l.pageData[oi]
			continue
		}
		render = append(render, pg)
	}
	return render
}

// rowKey names a product row across builds: by where its page is.
type rowKey struct{ state, district, product string }

// rowIndex maps each product's row key to the product.
func rowIndex(c *catalog.Catalog) map[rowKey]*catalog.Product {
	out := make(map[rowKey]*catalog.Product, len(c.Products))
	for _, p := range c.Products {
		out[rowKey{p.District.State.Slug, p.District.Slug, p.Slug}] = p
	}
	return out
}

// sameListing reports whether lists show rows a and b, of two builds, the
// same: their names, place, sector, category, GI flag and match, family
// and stories (see site.Shown).
func sameListing(a, b *catalog.Product) bool {
	da, db := a.District, b.District
	sa, sb := da.State, db.State
	if a.Name != b.Name || a.Slug != b.Slug || da.Name != db.Name || da.Slug != db.Slug ||
		sa.Name != sb.Name || sa.Slug != sb.Slug || sa.Kind != sb.Kind ||
		a.Category.Name != b.Category.Name || a.Category.Slug != b.Category.Slug ||
		a.Sector.Name != b.Sector.Name || a.Sector.Slug != b.Sector.Slug || a.GIFlag != b.GIFlag ||
		(a.GI == nil) != (b.GI == nil) || a.GI != nil && a.GI.ID != b.GI.ID ||
		(a.Family == nil) != (b.Family == nil) || a.Family != nil && a.Family.Slug != b.Family.Slug ||
		len(a.Stories) != len(b.Stories) {
		return false
	}
	for i := range a.Stories {
		if a.Stories[i].Slug != b.Stories[i].Slug {
			return false
		}
	}
	return true
}

// sameDetails reports whether a product page shows rows a and b, of two
// builds, the same beyond their listing: description, ministry, photo, HS
// code, district's LGD code and translations.
func sameDetails(a, b *catalog.Product) bool {
	return a.Description == b.Description && a.Ministry == b.Ministry && a.PhotoURL == b.PhotoURL &&
		a.HSCode == b.HSCode && a.District.LGDCode == b.District.LGDCode &&
		maps.Equal(a.Names, b.Names) && maps.Equal(a.Descriptions, b.Descriptions)
}
