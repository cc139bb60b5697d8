package site

import (
	"html/template"

	"github.com/odop-india/odop/internal/catalog"
)

const schemaOrg = "https://schema.org"

// jsonLD is the structured data of a page: a BreadcrumbList wherever there
// are breadcrumbs, and a Product, Place or WebSite by the page's kind.
// Each object is written as JSON here, escaped for a <script> element (see
// jsonstr.Append), so that the template does not marshal it with
// reflection on every page. Members are written in key order, as
// encoding/json writes a map's, which TestJSONLDIsCanonical checks on
// every page of the real catalogue.
func (r *renderer) jsonLD(p *Page) []template.JS {
	buf := r.ldBuffers.Get().(*[]byte)
	defer r.ldBuffers.Put(buf)
	w := ldWriter{b: (*buf)[:0]}
	var out []template.JS
	done := func() {
		out = append(out, template.JS(w.b))
		w.b = w.b[:0]
	}
	if len(p.Crumbs) > 0 {
		w.open()
		w.str("@context", schemaOrg)
		w.str("@type", "BreadcrumbList")
		w.array("itemListElement")
		item := func(i int, c Crumb) {
			w.elem()
			w.str("@type", "ListItem")
			w.str("item", r.abs(c.Path))
			w.str("name", c.Name)
			w.int("position", i+1)
			w.close()
		}
		for i, c := range p.Crumbs {
			item(i, c)
		}
		item(len(p.Crumbs), Crumb{p.Title, p.Path})
		w.endArray()
		w.close()
		done()
	}
	switch d := p.Data.(type) {
	case *catalog.Product:
		r.productLD(&w, d)
		done()
	case *catalog.District:
		w.open()
		w.str("@context", schemaOrg)
		r.districtMembers(&w, d, func() { r.stateLD(&w, d.State) })
		w.close()
		done()
	case *catalog.State:
		w.open()
		w.str("@context", schemaOrg)
		r.stateMembers(&w, d)
		w.close()
		done()
	case *catalog.Catalog:
		w.open()
		w.str("@context", schemaOrg)
		w.str("@type", "WebSite")
		w.str("inLanguage", r.lang.Tag)
		w.str("name", SiteTitle(r.cat, r.lang))
		w.str("url", r.abs(""))
		w.close()
		done()
	}
	*buf = w.b
	return out
}

// productLD describes a product. schema.org's Product has no property for a
// region of origin below the country, so the district is given as a Place
// within its state within India, the countryOfOrigin.
func (r *renderer) productLD(w *ldWriter, p *catalog.Product) {
	w.open()
	w.str("@context", schemaOrg)
	w.str("@type", "Product")
	w.array("additionalProperty")
	prop := func(name, value string) {
		w.elem()
		w.str("@type", "PropertyValue")
		w.str("name", name)
		w.str("value", value)
		w.close()
	}
	prop("ODOP category", p.Category.Name)
	prop("GI status (ODOP list)", yesNo(p.GIFlag))
	if p.GI != nil {
		prop("Registered Geographical Indication", p.GI.Name)
	}
	if p.HSCode != "" {
		prop("HS code", p.HSCode)
	}
	w.endArray()
	w.str("category", p.Sector.Name)
	w.raw("countryOfOrigin", r.originJSON(p.District))
	if p.Description != "" {
		w.str("description", p.Description)
	}
	w.str("name", p.Name)
	w.str("url", r.abs(PathOf(p)))
	w.close()
}

// stateLD writes a state as an AdministrativeArea within India.
func (r *renderer) stateLD(w *ldWriter, s *catalog.State) {
	w.open()
	r.stateMembers(w, s)
	w.close()
}

// stateMembers writes the members of a state's AdministrativeArea within
// India.
func (r *renderer) stateMembers(w *ldWriter, s *catalog.State) {
	w.str("@type", "AdministrativeArea")
	w.object("containedInPlace")
	w.str("@type", "Country")
	w.str("name", "India")
	w.close()
	w.str("name", s.Name)
	w.str("url", r.abs(PathOf(s)))
}

// originJSON is the countryOfOrigin of a product of district d: India,
// containing the state, containing the district as a Place. It is the
// same for every product of d: written once.
func (r *renderer) originJSON(d *catalog.District) []byte {
	if js, ok := r.origins.Load(d); ok {
		return js.([]byte)
	}
	s := d.State
	w := ldWriter{}
	w.open()
	w.str("@type", "Country")
	w.object("containsPlace")
	w.str("@type", "AdministrativeArea")
	w.object("containsPlace")
	r.districtMembers(&w, d, nil)
	w.close()
	w.str("name", s.Name)
	w.str("url", r.abs(PathOf(s)))
	w.close()
	w.str("name", "India")
	w.close()
	r.origins.Store(d, w.b)
	return w.b
}

// districtMembers writes the members of district d's Place, with
// containedInPlace written by state when it is not nil.
func (r *renderer) districtMembers(w *ldWriter, d *catalog.District, state func()) {
	w.str("@type", "Place")
	if state != nil {
		w.key("containedInPlace")
		state()
	}
	if d.LGDCode != "" {
		w.object("identifier")
		w.str("@type", "PropertyValue")
		w.str("propertyID", "LGD district code")
		w.str("value", d.LGDCode)
		w.close()
	}
	w.str("name", d.Name+" district")
	w.str("url", r.abs(PathOf(d)))
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
