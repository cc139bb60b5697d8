// Package opendata writes the whole catalogue as downloads for buyers and
// anyone who wants the data rather than the pages: catalogue.csv for
// spreadsheets and catalogue.json for programs. Both say which version of
// which source the rows come from.
package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/site"
)

// File names in the output.
const (
	CSVName  = "catalogue.csv"
	JSONName = "catalogue.json"
)

// columns are catalogue.csv's header. The first eleven are the columns of
// the source files in data/products/, with the same names, so that the
// file can be read back by odop or joined with the source; the rest are
// added. Translation columns (product_hi, description_hi), when the data
// has any, come last.
func columns() []string {
	return []string{
		"state", "district", "lgd_code", "product", "category", "sector", "gi_status",
		"ministry_department", "description", "photo_url", "hs_code",
		"gi_registry_match", "page_url", "source", "source_version", "source_date", "gi_registry_source",
	}
}

// CSV is the catalogue as CSV (RFC 4180: UTF-8, CRLF line ends, a header
// row), one row a product in the catalogue's order. A CSV file has no
// place for a title, so every row names the list it comes from, with its
// version and date; a row whose product matches a registered GI names the
// registry list too.
func CSV(c *catalog.Catalog, base *url.URL) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(CSVSize(c, base)) // no growing, which would hold the file twice
	err := WriteCSV(&b, c, base)
	return b.Bytes(), err
}

// WriteCSV writes catalogue.csv to out a row at a time, so that the file
// need not be held whole: for a catalogue of 100,000 products it is some
// 70 MB.
func WriteCSV(out io.Writer, c *catalog.Catalog, base *url.URL) error {
	w := csv.NewWriter(out)
	w.UseCRLF = true
	tags := translationTags(c)
	header := columns()
	for _, tag := range tags {
		header = append(header, "product_"+tag, "description_"+tag)
	}
	if err := w.Write(header); err != nil {
		return err
	}
	for _, p := range c.Products {
		r := row(p, base)
		giSource := ""
		if p.GI != nil {
			giSource = c.Site.GIData.Name
		}
		rec := []string{r.State, r.District, r.LGDCode, r.Product, r.Category, r.Sector, r.GIStatus,
			r.Ministry, r.Description, r.PhotoURL, r.HSCode,
			registryName(r.GIRegistry), r.PageURL, c.Site.Data.Name, c.Site.Data.Version, c.Site.Data.Date, giSource}
		for _, tag := range tags {
			rec = append(rec, p.Names[tag], p.Descriptions[tag])
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// CSVSize is a close upper bound of catalogue.csv's size (within 3 %
// for the real catalogue), so that its buffer is made once: every field's
// length, its comma, and quotes around the fields that may need them.
func CSVSize(c *catalog.Catalog, base *url.URL) int {
	n := 1024 + len(strings.Join(columns(), ",")) + 2
	source := c.Site.Data
	perRow := len(columns()) + 2 + len(source.Name) + len(source.Version) + len(source.Date) +
		len(base.String()) + len("states////") + len("Yes") + 6*2
	for _, p := range c.Products {
		n += perRow + len(p.State().Name) + len(p.District.Name) + len(p.Name) + len(p.Category.Name) +
			len(p.Sector.Name) + len(p.Ministry) + len(p.Description) + len(p.PhotoURL) + len(p.HSCode) +
			len(p.District.LGDCode) + len(p.State().Slug) + len(p.District.Slug) + len(p.Slug)
		n += strings.Count(p.Description, `"`) + strings.Count(p.Name, `"`) + strings.Count(p.Ministry, `"`) +
			strings.Count(p.District.Name, `"`)
		if p.GI != nil {
			n += len(p.GI.Name) + len(p.GI.SNo) + len(p.GI.Category) + len(c.Site.GIData.Name) + 8 + strings.Count(p.GI.Name, `"`)
		}
		for _, m := range []map[string]string{p.Names, p.Descriptions} {
			for _, v := range m {
				n += len(v) + 3 + strings.Count(v, `"`)
			}
		}
	}
	return n
}

// JSONSize is an upper bound of catalogue.json's size, as CSVSize is of
// catalogue.csv's: a product's JSON is its CSV row and its field names,
// some 250 bytes more.
func JSONSize(c *catalog.Catalog, base *url.URL) int {
	return CSVSize(c, base) + 260*len(c.Products)
}

// Product is one product in catalogue.json. Field names follow the CSV's.
type Product struct {
	State       string      `json:"state"`
	District    string      `json:"district"`
	LGDCode     string      `json:"lgd_code"`
	Product     string      `json:"product"`
	Category    string      `json:"category"`
	Sector      string      `json:"sector"`
	GIStatus    string      `json:"gi_status"` // the ODOP list's flag, "Yes" or "No"
	Ministry    string      `json:"ministry_department"`
	Description string      `json:"description"`
	PhotoURL    string      `json:"photo_url"`
	HSCode      string      `json:"hs_code"`
	GIRegistry  *GIRegistry `json:"gi_registry_match"` // null when no registry entry matches
	PageURL     string      `json:"page_url"`
	// Translations are the name and description in other languages, by
	// language tag, where the data gives them (product_hi, ...).
	Translations map[string]Translation `json:"translations,omitempty"`
}

// Translation is a product's name and description in one language.
type Translation struct {
	Product     string `json:"product,omitempty"`
	Description string `json:"description,omitempty"`
}

// translationTags are the languages of the data's translation columns,
// sorted: the CSV's extra columns.
func translationTags(c *catalog.Catalog) []string {
	seen := map[string]bool{}
	for _, p := range c.Products {
		for tag := range p.Names {
			seen[tag] = true
		}
		for tag := range p.Descriptions {
			seen[tag] = true
		}
	}
	tags := make([]string, 0, len(seen))
	for tag := range seen {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	return tags
}

// GIRegistry is the registry entry odop matched to a product by name (see
// the README: a lead, not a certificate).
type GIRegistry struct {
	Name     string `json:"name"`
	SNo      string `json:"s_no"`
	Category string `json:"goods_category"`
}

// Source describes a data set, as site.yaml does.
type Source struct {
	Name      string `json:"name"`
	Version   string `json:"version,omitempty"`
	Date      string `json:"date,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	URL       string `json:"url,omitempty"`
	Licence   string `json:"licence,omitempty"`
}

// Document is catalogue.json.
type Document struct {
	Title   string `json:"title"`
	URL     string `json:"url"`
	Sources struct {
		Products   Source `json:"products"`
		GIRegistry Source `json:"gi_registry"`
	} `json:"sources"`
	Counts struct {
		States    int `json:"states"`
		Districts int `json:"districts"`
		Products  int `json:"products"`
	} `json:"counts"`
	Products []Product `json:"products"`
}

// JSON is the catalogue as one JSON document: where it comes from, its
// counts, and every product in the catalogue's order.
func JSON(c *catalog.Catalog, base *url.URL) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(JSONSize(c, base)) // no growing, which would hold the file twice
	err := WriteJSON(&b, c, base)
	return b.Bytes(), err
}

// WriteJSON writes catalogue.json to out a product at a time.
func WriteJSON(out io.Writer, c *catalog.Catalog, base *url.URL) error {
	var d Document
	d.Title = c.Site.Title
	d.URL = base.String()
	d.Sources.Products = source(c.Site.Data)
	d.Sources.GIRegistry = source(c.Site.GIData)
	d.Counts.States, d.Counts.Districts, d.Counts.Products = len(c.States), len(c.Districts), len(c.Products)
	d.Products = []Product{}
	// The document is written as encoding/json would write it whole, but
	// a product at a time: for a catalogue of 100,000 products the file is
	// some 90 MB, and encoding it whole holds it twice over, in the
	// encoder's buffer and in the output.
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	// The file is read by programs, never put into HTML: "&" need not
	// be written "\u0026".
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return err
	}
	const end = "]}\n" // of the document with no products
	head := one.Bytes()
	if !bytes.HasSuffix(head, []byte(end)) {
		return fmt.Errorf("opendata: catalogue.json does not end in %q", end)
	}
	if _, err := out.Write(head[:len(head)-len(end)]); err != nil {
		return err
	}
	for i, p := range c.Products {
		one.Reset()
		if i > 0 {
			one.WriteByte(',')
		}
		if err := enc.Encode(row(p, base)); err != nil {
			return err
		}
		if _, err := out.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n"))); err != nil {
			return err
		}
	}
	_, err := io.WriteString(out, end)
	return err
}

func row(p *catalog.Product, base *url.URL) Product {
	r := Product{
		State: p.State().Name, District: p.District.Name, LGDCode: p.District.LGDCode, Product: p.Name,
		Category: p.Category.Name, Sector: p.Sector.Name, GIStatus: "No", Ministry: p.Ministry,
		Description: p.Description, PhotoURL: p.PhotoURL, HSCode: p.HSCode,
		PageURL: pageURL(base, site.PathOf(p)),
	}
	if p.GIFlag {
		r.GIStatus = "Yes"
	}
	if p.GI != nil {
		r.GIRegistry = &GIRegistry{Name: p.GI.Name, SNo: p.GI.SNo, Category: p.GI.Category}
	}
	for _, m := range []map[string]string{p.Names, p.Descriptions} {
		for tag := range m {
			if r.Translations == nil {
				r.Translations = map[string]Translation{}
			}
			r.Translations[tag] = Translation{Product: p.Names[tag], Description: p.Descriptions[tag]}
		}
	}
	return r
}

// pageURL is the absolute URL of a page, as its canonical link gives it.
func pageURL(base *url.URL, p string) string {
	u := *base
	u.Path = base.Path + p
	return u.String()
}

func registryName(g *GIRegistry) string {
	if g == nil {
		return ""
	}
	return g.Name
}

func source(d catalog.DataSource) Source {
	return Source{Name: d.Name, Version: d.Version, Date: d.Date, Publisher: d.Publisher, URL: d.URL, Licence: d.Licence}
}
