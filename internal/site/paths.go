package site

import "github.com/odop-india/odop/internal/catalog"

// hrefs holds the link (base path and page path) of every state,
// district and product, made once: links to them fill most pages, and
// making each link anew costs two or three string concatenations. Other
// values are linked by PathOf as they come.
type hrefs struct {
	base      string
	states    map[*catalog.State]string
	districts map[*catalog.District]string
	products  map[*catalog.Product]string
}

func newHrefs(base string, c *catalog.Catalog) *hrefs {
	h := &hrefs{
		base:      base,
		states:    make(map[*catalog.State]string, len(c.States)),
		districts: make(map[*catalog.District]string, len(c.Districts)),
		products:  make(map[*catalog.Product]string, len(c.Products)),
	}
	for _, s := range c.States {
		sp := base + PathOf(s)
		h.states[s] = sp
		for _, d := range s.Districts {
			dp := sp + d.Slug + "/"
			h.districts[d] = dp
			for _, p := range d.Products {
				h.products[p] = dp + p.Slug + "/"
			}
		}
	}
	return h
}

// of is the link to x's page: the base path followed by PathOf(x).
func (h *hrefs) of(x any) string {
	var s string
	var ok bool
	switch x := x.(type) {
	case *catalog.Product:
		s, ok = h.products[x]
	case *catalog.District:
		s, ok = h.districts[x]
	case *catalog.State:
		s, ok = h.states[x]
	}
	if ok {
		return s
	}
	return h.base + PathOf(x)
}
