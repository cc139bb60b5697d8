package opendata_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"testing"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/opendata"
	"github.com/odop-india/odop/internal/sitetest"
)

// products and gi are a small site's product file and GI registry.
const products = `state,district,lgd_code,product,category,sector,gi_status,ministry_department,description,photo_url
Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Yes,Ministry of Agriculture,"Grown in the hills, with ""7-9%"" curcumin.",https://drive.google.com/file/d/abc/view
Meghalaya,East Jaintia Hills,657,Turmeric,Primary,Agriculture,No,,,
`

const gi = `row_id,s_no,gi_name,goods_category,states,is_foreign,same_name_as_s_no
1,575,Lakadong Turmeric,Agricultural,Meghalaya,no,
`

const small = "-- data/products/meghalaya.csv --\n" + products + "-- data/gi.csv --\n" + gi

func load(t *testing.T, archive string) *catalog.Catalog {
	t.Helper()
	c, problems := catalog.Load(sitetest.FS(t, archive))
	if problems.Errors() > 0 {
		t.Fatalf("load: %v", problems)
	}
	return c
}

var base, _ = url.Parse("https://example.org/odop/")

// TestCSVReadsBack feeds catalogue.csv to the loader as the only product
// file of a new site: the same products come back, since the first
// columns are the source's own.
func TestCSVReadsBack(t *testing.T) {
	c := load(t, small)
	data, err := opendata.CSV(c, base)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	if !bytes.Contains(data, []byte("\r\n")) {
		t.Error("lines do not end in CRLF (RFC 4180)")
	}
	again := load(t, "-- data/products/all.csv --\n"+string(data)+"-- data/gi.csv --\n"+gi)
	if len(again.Products) != len(c.Products) {
		t.Fatalf("read back %d products of %d", len(again.Products), len(c.Products))
	}
	for i, p := range c.Products {
		q := again.Products[i]
		if p.Name != q.Name || p.District.Name != q.District.Name || p.Description != q.Description ||
			p.GIFlag != q.GIFlag || p.PhotoURL != q.PhotoURL || p.District.LGDCode != q.District.LGDCode ||
			p.Category.Name != q.Category.Name || p.Sector.Name != q.Sector.Name || p.Ministry != q.Ministry {
			t.Errorf("product %d: %+v read back as %+v", i, p, q)
		}
	}
	head := rows[0]
	lakadong := map[string]string{}
	for i, v := range rows[2] {
		lakadong[head[i]] = v
	}
	for col, want := range map[string]string{
		"product":            "Turmeric (Lakadong)",
		"gi_registry_match":  "Lakadong Turmeric",
		"page_url":           "https://example.org/odop/states/meghalaya/west-jaintia-hills/turmeric-lakadong/",
		"source":             c.Site.Data.Name,
		"source_version":     c.Site.Data.Version,
		"source_date":        c.Site.Data.Date,
		"gi_registry_source": c.Site.GIData.Name,
	} {
		if lakadong[col] != want {
			t.Errorf("%s = %q, want %q", col, lakadong[col], want)
		}
	}
}

func TestJSON(t *testing.T) {
	c := load(t, small)
	data, err := opendata.JSON(c, base)
	if err != nil {
		t.Fatal(err)
	}
	var d opendata.Document
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if d.Sources.Products.Version != c.Site.Data.Version || d.Sources.GIRegistry.Name != c.Site.GIData.Name {
		t.Errorf("sources %+v", d.Sources)
	}
	if d.Counts.Products != 2 || d.Counts.Districts != 2 || d.Counts.States != 1 || len(d.Products) != 2 {
		t.Errorf("counts %+v, %d products", d.Counts, len(d.Products))
	}
	if g := d.Products[1].GIRegistry; g == nil || g.Name != "Lakadong Turmeric" || g.SNo != "575" {
		t.Errorf("registry match %+v", g)
	}
	if d.Products[0].GIRegistry != nil {
		t.Errorf("a product without a registry match has %+v", d.Products[0].GIRegistry)
	}
	again, _ := opendata.JSON(c, base)
	if !bytes.Equal(data, again) {
		t.Error("two writes differ")
	}
}

// TestTranslationsTravel: names and descriptions the data gives in other
// languages are in both downloads, and catalogue.csv reads back with them.
func TestTranslationsTravel(t *testing.T) {
	c := load(t, "-- data/products/meghalaya.csv --\n"+
		"state,district,lgd_code,product,category,sector,gi_status,product_hi,description_fr\n"+
		"Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Yes,लाकाडोंग हल्दी,Cultivé dans les collines.\n"+
		"Meghalaya,East Jaintia Hills,657,Turmeric,Primary,Agriculture,No,,\n")
	data, err := opendata.CSV(c, base)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0][len(rows[0])-4:]
	if want := []string{"product_fr", "description_fr", "product_hi", "description_hi"}; !slices.Equal(head, want) {
		t.Errorf("last columns %v, want %v", head, want)
	}
	again := load(t, "-- data/products/all.csv --\n"+string(data))
	for i, p := range again.Products {
		q := c.Products[i]
		if !maps.Equal(p.Names, q.Names) || !maps.Equal(p.Descriptions, q.Descriptions) {
			t.Errorf("%s: read back %v %v, want %v %v", p.Name, p.Names, p.Descriptions, q.Names, q.Descriptions)
		}
	}
	js, err := opendata.JSON(c, base)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Products []opendata.Product `json:"products"`
	}
	if err := json.Unmarshal(js, &d); err != nil {
		t.Fatal(err)
	}
	got := d.Products[1].Translations // products are in catalogue order: East before West
	if got["hi"].Product != "लाकाडोंग हल्दी" || got["fr"].Description != "Cultivé dans les collines." || d.Products[0].Translations != nil {
		t.Errorf("translations in catalogue.json: %+v and %+v", d.Products[0].Translations, got)
	}
}
