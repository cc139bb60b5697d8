package site

import (
	"html/template"

	"github.com/odop-india/odop/internal/catalog"
)

const schemaOrg = "https://schema.org"

// jsonLD is the structured data of a page: a BreadcrumbList wherever there
// are breadcrumbs, and a Product, Place or WebSite by the page's kind.
// Each object is written as JSON here, escaped for a <script> element (see
// ldObject.appendTo), so that the template does not marshal it with
// reflection on every page.
func (r *renderer) jsonLD(p *Page) []template.JS {
	var out []ldObject
	if len(p.Crumbs) > 0 {
		items := make([]ldObject, 0, len(p.Crumbs)+1)
		for i, c := range append(p.Crumbs, Crumb{p.Title, p.Path}) {
			items = append(items, ldObject{{"@type", "ListItem"}, {"item", r.abs(c.Path)}, {"name", c.Name}, {"position", i + 1}})
		}
		out = append(out, ldObject{{"@context", schemaOrg}, {"@type", "BreadcrumbList"}, {"itemListElement", items}})
	}
	switch d := p.Data.(type) {
	case *catalog.Product:
		out = append(out, r.productLD(d))
	case *catalog.District:
		out = append(out, append(ldObject{{"@context", schemaOrg}}, r.placeLD(d.State, d)...))
	case *catalog.State:
		out = append(out, append(ldObject{{"@context", schemaOrg}}, r.placeLD(d, nil)...))
	case *catalog.Catalog:
		out = append(out, ldObject{{"@context", schemaOrg}, {"@type", "WebSite"}, {"inLanguage", r.lang.Tag},
			{"name", SiteTitle(r.cat, r.lang)}, {"url", r.abs("")}})
	}
	js := make([]template.JS, len(out))
	buf := r.ldBuffers.Get().(*[]byte)
	for i, o := range out {
		*buf = o.appendTo((*buf)[:0])
		js[i] = template.JS(*buf)
	}
	r.ldBuffers.Put(buf)
	return js
}

// productLD describes a product. schema.org's Product has no property for a
// region of origin below the country, so the district is given as a Place
// within its state within India, the countryOfOrigin.
func (r *renderer) productLD(p *catalog.Product) ldObject {
	props := []ldObject{
		{{"@type", "PropertyValue"}, {"name", "ODOP category"}, {"value", p.Category.Name}},
		{{"@type", "PropertyValue"}, {"name", "GI status (ODOP list)"}, {"value", yesNo(p.GIFlag)}},
	}
	if p.GI != nil {
		props = append(props, ldObject{{"@type", "PropertyValue"}, {"name", "Registered Geographical Indication"}, {"value", p.GI.Name}})
	}
	if p.HSCode != "" {
		props = append(props, ldObject{{"@type", "PropertyValue"}, {"name", "HS code"}, {"value", p.HSCode}})
	}
	// Members in key order, as they are written (appendTo sorts them
	// otherwise).
	o := ldObject{
		{"@context", schemaOrg},
		{"@type", "Product"},
		{"additionalProperty", props},
		{"category", p.Sector.Name},
		{"countryOfOrigin", r.originJSON(p.District)},
	}
	if p.Description != "" {
		o = append(o, ldMember{"description", p.Description})
	}
	return append(o, ldMember{"name", p.Name}, ldMember{"url", r.abs(PathOf(p))})
}

// placeLD is a state or district page's Place, within its state and India.
func (r *renderer) placeLD(s *catalog.State, d *catalog.District) ldObject {
	state := ldObject{{"@type", "AdministrativeArea"}, {"containedInPlace", ldObject{{"@type", "Country"}, {"name", "India"}}},
		{"name", s.Name}, {"url", r.abs(PathOf(s))}}
	if d == nil {
		return state
	}
	return r.districtLD(d, state)
}

// originJSON is the countryOfOrigin of a product of district d: India,
// containing the state, containing the district as a Place. It is the
// same for every product of d: written once.
func (r *renderer) originJSON(d *catalog.District) ldJSON {
	if js, ok := r.origins.Load(d); ok {
		return js.(ldJSON)
	}
	s := d.State
	state := ldObject{{"@type", "AdministrativeArea"}, {"containsPlace", r.districtLD(d, nil)}, {"name", s.Name}, {"url", r.abs(PathOf(s))}}
	js := ldJSON(ldObject{{"@type", "Country"}, {"containsPlace", state}, {"name", "India"}}.appendTo(nil))
	r.origins.Store(d, js)
	return js
}

// districtLD is district d as a Place, in state, when not nil.
func (r *renderer) districtLD(d *catalog.District, state ldObject) ldObject {
	o := ldObject{{"@type", "Place"}}
	if state != nil {
		o = append(o, ldMember{"containedInPlace", state})
	}
	if d.LGDCode != "" {
		o = append(o, ldMember{"identifier", ldObject{{"@type", "PropertyValue"}, {"propertyID", "LGD district code"}, {"value", d.LGDCode}}})
	}
	return append(o, ldMember{"name", d.Name + " district"}, ldMember{"url", r.abs(PathOf(d))})
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
