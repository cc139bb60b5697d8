package site

import (
	"github.com/odop-india/odop/internal/catalog"
)

// obj is a JSON-LD object. encoding/json sorts map keys, so the output is
// the same on every build.
type obj = map[string]any

const schemaOrg = "https://schema.org"

// jsonLD is the structured data of a page: a BreadcrumbList wherever there
// are breadcrumbs, and a Product, Place or WebSite by the page's kind.
func (r *Renderer) jsonLD(p *Page) []any {
	var out []any
	if len(p.Crumbs) > 0 {
		items := make([]any, 0, len(p.Crumbs)+1)
		for i, c := range append(p.Crumbs, Crumb{p.Title, p.Path}) {
			items = append(items, obj{"@type": "ListItem", "position": i + 1, "name": c.Name, "item": r.abs(c.Path)})
		}
		out = append(out, obj{"@context": schemaOrg, "@type": "BreadcrumbList", "itemListElement": items})
	}
	switch d := p.Data.(type) {
	case *catalog.Product:
		out = append(out, r.productLD(d))
	case *catalog.District:
		pl := r.placeLD(d.State, d)
		pl["@context"] = schemaOrg
		out = append(out, pl)
	case *catalog.State:
		pl := r.placeLD(d, nil)
		pl["@context"] = schemaOrg
		out = append(out, pl)
	case *catalog.Catalog:
		out = append(out, obj{"@context": schemaOrg, "@type": "WebSite", "name": d.Site.Title, "url": r.abs("")})
	}
	return out
}

// productLD describes a product. schema.org's Product has no property for a
// region of origin below the country, so the district is given as a Place
// within its state within India, the countryOfOrigin.
func (r *Renderer) productLD(p *catalog.Product) obj {
	o := obj{
		"@context":        schemaOrg,
		"@type":           "Product",
		"name":            p.Name,
		"url":             r.abs(PathOf(p)),
		"category":        p.Sector.Name,
		"countryOfOrigin": r.originLD(p),
	}
	if p.Description != "" {
		o["description"] = p.Description
	}
	props := []any{
		obj{"@type": "PropertyValue", "name": "ODOP category", "value": p.Category.Name},
		obj{"@type": "PropertyValue", "name": "GI status (ODOP list)", "value": yesNo(p.GIFlag)},
	}
	if p.GI != nil {
		props = append(props, obj{"@type": "PropertyValue", "name": "Registered Geographical Indication", "value": p.GI.Name})
	}
	if p.HSCode != "" {
		props = append(props, obj{"@type": "PropertyValue", "name": "HS code", "value": p.HSCode})
	}
	o["additionalProperty"] = props
	return o
}

// placeLD is a state or district page's Place, within its state and India.
func (r *Renderer) placeLD(s *catalog.State, d *catalog.District) obj {
	state := obj{"@type": "AdministrativeArea", "name": s.Name, "url": r.abs(PathOf(s)),
		"containedInPlace": obj{"@type": "Country", "name": "India"}}
	if d == nil {
		return state
	}
	return r.districtLD(d, obj{"containedInPlace": state})
}

// originLD is a product's countryOfOrigin: India, containing the state,
// containing the district as a Place.
func (r *Renderer) originLD(p *catalog.Product) obj {
	s := p.State()
	state := obj{"@type": "AdministrativeArea", "name": s.Name, "url": r.abs(PathOf(s)),
		"containsPlace": r.districtLD(p.District, obj{})}
	return obj{"@type": "Country", "name": "India", "containsPlace": state}
}

func (r *Renderer) districtLD(d *catalog.District, o obj) obj {
	o["@type"] = "Place"
	o["name"] = d.Name + " district"
	o["url"] = r.abs(PathOf(d))
	if d.LGDCode != "" {
		o["identifier"] = obj{"@type": "PropertyValue", "propertyID": "LGD district code", "value": d.LGDCode}
	}
	return o
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}
