package site

import "github.com/odop-india/odop/internal/catalog"

// Shown is what a page shows of the product rows, so that the dev server
// can re-render, after an edit of some rows, only the pages that show
// what changed. A row has two parts: what lists show of it (its names,
// place, sector, category, GI flag and match, the stories that name it)
// and its details (description, ministry, photo, HS code and its
// district's LGD code), which only its own page and its district's show.
//
// What a page shows is what its template reaches from its Data; Shows must
// follow the templates. It may list more than a page shows, never less:
// internal/build's tests edit rows of the real catalogue in every way and
// compare the incremental rebuild with a whole build, page by page.
//
// Every page also shows what base.html shows: the site's figures (counts
// of products, districts and States/UTs) and the assets' names. The caller
// re-renders every page when those change.
type Shown struct {
	Rows    []*catalog.Product // rows the page lists or names
	Details []*catalog.Product // rows whose details it shows
	// AllRows is true for a page that lists, names or counts every row:
	// the home page, the indexes, the A–Z list, the GI pages.
	AllRows bool
	// AllDetails is true for a page that depends on every field of every
	// row: the search page, which names the index by its content hash.
	AllDetails bool
}

// Shows says which rows the page shows. A page that shows no row (a
// Markdown page, the 404 and shortlist pages) returns the zero Shown.
func (p *Page) Shows() Shown {
	switch d := p.Data.(type) {
	case *catalog.Product:
		// Its facts, its district's other products, the same product in
		// other districts.
		rows := d.District.Products
		if d.Family != nil {
			rows = append(rows[:len(rows):len(rows)], d.Family.Products...)
		}
		return Shown{Rows: rows, Details: []*catalog.Product{d}}
	case *catalog.District:
		// Details for the LGD code, which comes from the rows.
		return Shown{Rows: d.Products, Details: d.Products}
	case *catalog.State:
		return Shown{Rows: d.Products}
	case *catalog.Group:
		return Shown{Rows: d.Products}
	case *catalog.Story:
		return Shown{Rows: d.Products()}
	case []*catalog.Story:
		// The stories index shows each story's place, not its products;
		// but which row a story points to can change with the rows.
		var rows []*catalog.Product
		for _, s := range d {
			rows = append(rows, s.Products()...)
		}
		return Shown{Rows: rows}
	case *catalog.Page:
		return Shown{}
	}
	switch p.Kind {
	case "404", "shortlist":
		return Shown{}
	case "search":
		return Shown{AllRows: true, AllDetails: true}
	}
	return Shown{AllRows: true}
}
