// Package catalog holds the catalogue as plain Go values (States, Districts,
// Products, GI registry entries, Stories, Pages) and loads and validates it
// from a site's source files. It knows nothing of HTML or URLs beyond slugs.
package catalog

import (
	"github.com/odop-india/odop/internal/diag"
)

// Catalog is everything the site shows, linked and sorted. Every slice is
// in a fixed order so that whatever is built from it is deterministic.
type Catalog struct {
	Site       Site
	States     []*State    // by name
	Districts  []*District // by state, then name
	Products   []*Product  // by state, district, then name
	Families   []*Family   // by name: products that share a base name
	Sectors    []*Group    // by name
	Categories []*Group    // in the data's order of importance
	GI         []*GIEntry  // the registry, in its own order
	Stories    []*Story    // newest first
	Pages      []*Page     // by order, then title
	Map        *IndiaMap   // nil when the site has no data/map/india.svg
}

// Site is the site's own settings, from site.yaml.
type Site struct {
	Title       string
	Description string
	BaseURL     string
	// Languages are the interface's languages as BCP 47 tags, the
	// default first; its pages are at the root, the others' below a
	// directory of their own (see internal/i18n).
	Languages []string
	Data      DataSource // the ODOP list
	GIData    DataSource // the GI registry list
	// Encodings maps CSV files (by path, "data/products/goa.csv") that are
	// not UTF-8 to their declared encoding.
	Encodings map[string]string
}

// DataSource says where a data set came from, for the footer and the
// about page.
type DataSource struct {
	Name      string
	Version   string
	Date      string
	Publisher string
	URL       string
	Licence   string
}

// State is a State or Union Territory.
type State struct {
	Name      string
	Slug      string
	Kind      string // "State" or "Union Territory"
	Districts []*District
	Products  []*Product
	Index     int // in Catalog.States
}

// District is a district of a state; its name is unique within the state.
type District struct {
	Name     string
	Slug     string
	LGDCode  string
	State    *State
	Products []*Product
	Stories  []*Story
	Pos      diag.Pos
	Index    int       // in Catalog.Districts
	facts    *rowFacts // of the row that named it first
}

// Product is one row of the ODOP list: a product identified for a district.
type Product struct {
	Name        string
	Slug        string // unique within its district
	District    *District
	Category    *Group
	Sector      *Group
	GIFlag      bool     // gi_status as the ODOP team gives it
	GI          *GIEntry // the registry entry matched by name, if any
	Ministry    string
	Description string
	// Translations of the name and the description, from columns such as
	// product_hi and description_hi, by lower-case language tag ("hi").
	Names        map[string]string
	Descriptions map[string]string
	PhotoURL     string
	HSCode       string
	Family       *Family
	Stories      []*Story
	Pos          diag.Pos
	Index        int // in Catalog.Products
	facts        *rowFacts
}

// State is a shortcut for p.District.State.
func (p *Product) State() *State { return p.District.State }

// Family is the products that share a base name ("Turmeric" and "Turmeric
// (Lakadong)"), so a product page can show the same product elsewhere.
type Family struct {
	Name     string
	Slug     string
	Products []*Product
}

// Group is a sector or a category with its products.
type Group struct {
	Kind     string // "sector" or "category"
	Name     string
	Slug     string
	Products []*Product
}

// GIEntry is one row of the Geographical Indications registry.
type GIEntry struct {
	ID       string // row_id: unique, unlike the serial number
	SNo      string
	Name     string
	Category string
	States   []string
	Foreign  bool
	RepeatOf string // the s_no of an earlier row with the same name
	Products []*Product
	Pos      diag.Pos
}

// Story is a success story from content/stories/*.yaml.
type Story struct {
	Slug     string
	Title    string
	Date     string // YYYY-MM-DD or YYYY-MM
	State    *State
	District *District
	// ProductName is the product as the story names it; Product is the row
	// of the story's district with that name, or nil when the catalogue
	// lists that product only elsewhere (see ListedIn).
	ProductName string
	Product     *Product
	ListedIn    []*Product
	Mentions    []*Product
	Figures     []string
	Summary     string
	Body        string // Markdown
	Sources     []string
	Note        string
	Pos         diag.Pos
}

// Products is every catalogue product the story points to, without repeats.
func (s *Story) Products() []*Product {
	var out []*Product
	seen := map[*Product]bool{}
	add := func(p *Product) {
		if p != nil && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	add(s.Product)
	for _, p := range s.ListedIn {
		add(p)
	}
	for _, p := range s.Mentions {
		add(p)
	}
	return out
}

// Page is a Markdown page from content/*.md.
type Page struct {
	Slug        string
	Title       string
	Description string
	Menu        string // a short label for the site's main navigation, if any
	Order       int
	Body        string // Markdown
	Pos         diag.Pos
}
