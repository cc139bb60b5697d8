package site

import "github.com/odop-india/odop/internal/catalog"

// hrefs holds the link (base path and page path) of every state,
// district and product, made once: links to them fill most pages, and
// making each link anew costs two or three string concatenations. They
// are found by the values' indexes in the catalogue's lists, which a map
// would cost more to fill. Other values, and any not in the catalogue's
// lists where their indexes say, are linked by PathOf as they come.
type hrefs struct {
	base      string
	cat       *catalog.Catalog
	states    []string // by catalog.State.Index
	districts []string
	products  []string
}

func newHrefs(base string, c *catalog.Catalog) *hrefs {
	h := &hrefs{base: base, cat: c, states: make([]string, len(c.States)),
		districts: make([]string, len(c.Districts)), products: make([]string, len(c.Products))}
	// Every link is a part of one string, rather than a string of its
	// own: one allocation, not thousands, for every language.
	size := 0
	for _, s := range c.States {
		size += len(base) + len("states/") + len(s.Slug) + 1
	}
	for _, d := range c.Districts {
		size += len(base) + len("states/") + len(d.State.Slug) + len(d.Slug) + 2
	}
	for _, p := range c.Products {
		size += len(base) + len("states/") + len(p.District.State.Slug) + len(p.District.Slug) + len(p.Slug) + 3
	}
	b := make([]byte, 0, size)
	type span struct{ start, end int }
	spans := make([]span, 0, len(c.States)+len(c.Districts)+len(c.Products))
	for _, s := range c.States {
		start := len(b)
		b = append(append(append(append(b, base...), "states/"...), s.Slug...), '/')
		spans = append(spans, span{start, len(b)})
	}
	for _, d := range c.Districts {
		start := len(b)
		b = append(append(append(append(append(append(b, base...), "states/"...), d.State.Slug...), '/'), d.Slug...), '/')
		spans = append(spans, span{start, len(b)})
	}
	for _, p := range c.Products {
		d := p.District
		start := len(b)
		b = append(append(append(append(append(append(b, base...), "states/"...), d.State.Slug...), '/'), d.Slug...), '/')
		b = append(append(b, p.Slug...), '/')
		spans = append(spans, span{start, len(b)})
	}
	all := string(b)
	for i, sp := range spans {
		link := all[sp.start:sp.end]
		switch {
		case i < len(c.States):
			h.states[i] = link
		case i < len(c.States)+len(c.Districts):
			h.districts[i-len(c.States)] = link
		default:
			h.products[i-len(c.States)-len(c.Districts)] = link
		}
	}
	return h
}

// of is the link to x's page: the base path followed by PathOf(x).
func (h *hrefs) of(x any) string {
	switch x := x.(type) {
	case *catalog.Product:
		if i := x.Index; uint(i) < uint(len(h.products)) && h.cat.Products[i] == x {
			return h.products[i]
		}
	case *catalog.District:
		if i := x.Index; uint(i) < uint(len(h.districts)) && h.cat.Districts[i] == x {
			return h.districts[i]
		}
	case *catalog.State:
		if i := x.Index; uint(i) < uint(len(h.states)) && h.cat.States[i] == x {
			return h.states[i]
		}
	}
	return h.base + PathOf(x)
}
