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
			items = append(items, ldObject{{"@type", "ListItem"}, {"position", i + 1}, {"name", c.Name}, {"item", r.abs(c.Path)}})
		}
		out = append(out, ldObject{{"@context", schemaOrg}, {"@type", "BreadcrumbList"}, {"itemListElement", items}})
	}
	switch d := p.Data.(type) {
	case *catalog.Product:
		out = append(out, r.productLD(d))
	case *catalog.District:
		out = append(out, append(r.placeLD(d.State, d), ldMember{"@context", schemaOrg}))
	case *catalog.State:
		out = append(out, append(r.placeLD(d, nil), ldMember{"@context", schemaOrg}))
	case *catalog.Catalog:
		out = append(out, ldObject{{"@context", schemaOrg}, {"@type", "WebSite"}, {"inLanguage", r.lang.Tag},
			{"name", SiteTitle(r.cat, r.lang)}, {"url", r.abs("")}})
	}
	js := make([]template.JS, len(out))
	var buf []byte
	for i, o := range out {
		buf = o.appendTo(buf[:0])
		js[i] = template.JS(buf)
	}
	return js
}

// productLD describes a product. schema.org's Product has no property for a
// region of origin below the country, so the district is given as a Place
// within its state within India, the countryOfOrigin.
func (r *renderer) productLD(p *catalog.Product) ldObject {
	o := ldObject{
		{"@context", schemaOrg},
		{"@type", "Product"},
		{"name", p.Name},
		{"url", r.abs(PathOf(p))},
		{"category", p.Sector.Name},
		{"countryOfOrigin", r.originLD(p)},
	}
	if p.Description != "" {
		o = append(o, ldMember{"description", p.Description})
	}
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
	return append(o, ldMember{"additionalProperty", props})
}

// placeLD is a state or district page's Place, within its state and India.
func (r *renderer) placeLD(s *catalog.State, d *catalog.District) ldObject {
	state := ldObject{{"@type", "AdministrativeArea"}, {"name", s.Name}, {"url", r.abs(PathOf(s))},
		{"containedInPlace", ldObject{{"@type", "Country"}, {"name", "India"}}}}
	if d == nil {
		return state
	}
	return r.districtLD(d, ldObject{{"containedInPlace", state}})
}

// originLD is a product's countryOfOrigin: India, containing the state,
// containing the district as a Place.
func (r *renderer) originLD(p *catalog.Product) ldObject {
	s := p.State()
	state := ldObject{{"@type", "AdministrativeArea"}, {"name", s.Name}, {"url", r.abs(PathOf(s))},
		{"containsPlace", r.districtLD(p.District, nil)}}
	return ldObject{{"@type", "Country"}, {"name", "India"}, {"containsPlace", state}}
}

func (r *renderer) districtLD(d *catalog.District, o ldObject) ldObject {
	o = append(o, ldMember{"@type", "Place"}, ldMember{"name", d.Name + " district"}, ldMember{"url", r.abs(PathOf(d))})
	if d.LGDCode != "" {
		o = append(o, ldMember{"identifier", ldObject{{"@type", "PropertyValue"}, {"propertyID", "LGD district code"}, {"value", d.LGDCode}}})
	}
	return o
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
