package site

import (
	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/i18n"
)

// Figures is the catalogue's size in words, in language l, as every
// page's preview text and the social preview image give it:
// "1,241 products · 773 districts · 36 States and UTs".
func Figures(c *catalog.Catalog, l *i18n.Lang) (string, error) {
	return l.T("head.figures", "products", l.Num(len(c.Products)), "districts", l.Num(len(c.Districts)),
		"states", l.Num(len(c.States)))
}

// DataLabel names a data source with its version and date in language l,
// as the footer and the product pages cite it: "National ODOP product
// list, version 31 (7 July 2025)".
func DataLabel(l *i18n.Lang, d catalog.DataSource) string {
	var s string
	switch {
	case d.Version != "" && d.Date != "":
		s, _ = l.T("source.label", "name", d.Name, "version", d.Version, "date", l.Date(d.Date))
	case d.Version != "":
		s, _ = l.T("source.label_no_date", "name", d.Name, "version", d.Version)
	default:
		s = d.Name
	}
	return s
}
