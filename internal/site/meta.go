package site

import (
	"fmt"

	"github.com/odop-india/odop/internal/catalog"
)

// Figures is the catalogue's size in words, with sep between the parts,
// as the social preview image and its text alternative give it.
func Figures(c *catalog.Catalog, sep string) string {
	return fmt.Sprintf("%s products%s%s districts%s%d States and UTs",
		formatInt(len(c.Products)), sep, formatInt(len(c.Districts)), sep, len(c.States))
}

// DataLabel names a data source with its version and date, as the footer
// does: "National ODOP product list, version 31 (7 July 2025)".
func DataLabel(d catalog.DataSource) string { return dataLabel(d) }
