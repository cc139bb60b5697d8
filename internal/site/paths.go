package site

import (
	"strings"

	"github.com/odop-india/odop/internal/catalog"
)

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
	// Every link is a part of one string, rather than a string of its
	// own: one allocation, not thousands, for every language.
	var b strings.Builder
	size := 0
	for _, s := range c.States {
		size += len(base) + len("states/") + len(s.Slug) + 1
		for _, d := range s.Districts {
			size += len(base) + len("states/") + len(s.Slug) + len(d.Slug) + 2
			for _, p := range d.Products {
				size += len(base) + len("states/") + len(s.Slug) + len(d.Slug) + len(p.Slug) + 3
			}
		}
	}
	b.Grow(size)
	type span struct{ start, end int }
	add := func(parts ...string) span {
		start := b.Len()
		for _, p := range parts {
			b.WriteString(p)
		}
		return span{start, b.Len()}
	}
	states := make([]span, 0, len(c.States))
	districts := make([]span, 0, len(c.Districts))
	products := make([]span, 0, len(c.Products))
	for _, s := range c.States {
		states = append(states, add(base, "states/", s.Slug, "/"))
		for _, d := range s.Districts {
			districts = append(districts, add(base, "states/", s.Slug, "/", d.Slug, "/"))
			for _, p := range d.Products {
				products = append(products, add(base, "states/", s.Slug, "/", d.Slug, "/", p.Slug, "/"))
			}
		}
	}
	all := b.String()
	i, j, k := 0, 0, 0
	for _, s := range c.States {
		h.states[s] = all[states[i].start:states[i].end]
		i++
		for _, d := range s.Districts {
			h.districts[d] = all[districts[j].start:districts[j].end]
			j++
			for _, p := range d.Products {
				h.products[p] = all[products[k].start:products[k].end]
				k++
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
