package site

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/odop-india/odop/internal/catalog"
)

// MapFile is the name of the map's shapes among the site's assets; the
// home page draws each region with <use> from this one cached file, so the
// page itself stays small.
const MapFile = "assets/india-map.svg"

// MapSVG is the map's shapes as a standalone SVG file: one path per region,
// with the region's id and no fill of its own, so that the page's CSS
// shades each use of it.
func MapSVG(m *catalog.IndiaMap) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="%s">`, template.HTMLEscapeString(m.ViewBox))
	for _, r := range m.Regions {
		fmt.Fprintf(&b, `<path id="%s" d="%s"/>`, template.HTMLEscapeString(r.ID), template.HTMLEscapeString(r.Path))
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// MapView is what the home page's map template sees.
type MapView struct {
	ViewBox string
	File    string // URL of MapFile
	Regions []MapRegionView
	Bins    []MapBin
}

// MapRegionView is one region: a link to its State/UT, or, for a region
// that stands for two (the map's Jammu and Kashmir, which includes Ladakh),
// a shape without a link and one labelled link per State/UT.
type MapRegionView struct {
	ID     string
	Name   string // the State/UT, or the names of those it stands for
	Href   string // "" for a shared region
	Count  int    // products in the State/UTs it stands for
	Shade  int    // 1 to len(Bins); 0 for a shared region
	Labels []MapLabel
}

// MapLabel is a State/UT's link on a shared region.
type MapLabel struct {
	Name  string
	Href  string
	Count int
	Shade int
	X, Y  float64
}

// MapBin is one shade of the legend: regions with Min to Max products
// (Max 0: no upper bound).
type MapBin struct{ Min, Max int }

// mapBins are fixed, round limits, so that a shade means the same thing
// from one version of the data to the next.
var mapBins = []MapBin{{1, 9}, {10, 24}, {25, 49}, {50, 74}, {75, 0}}

func shadeOf(n int) int {
	for i := len(mapBins) - 1; i >= 0; i-- {
		if n >= mapBins[i].Min {
			return i + 1
		}
	}
	return 0
}

// mapView prepares the map for the home page, or returns nil when the site
// has none.
func (r *renderer) mapView() (*MapView, error) {
	m := r.cat.Map
	if m == nil {
		return nil, nil
	}
	file, ok := r.assets[MapFile]
	if !ok {
		return nil, fmt.Errorf("the map's shapes are not among the assets (%s)", MapFile)
	}
	v := &MapView{ViewBox: m.ViewBox, File: r.root.Path + file, Bins: mapBins}
	for _, reg := range m.Regions {
		rv := MapRegionView{ID: reg.ID, Name: reg.Name}
		switch len(reg.States) {
		case 0:
		case 1:
			s := reg.States[0]
			rv.Name, rv.Href, rv.Count = s.Name, r.href(s), len(s.Products)
			rv.Shade = shadeOf(rv.Count)
		default:
			// Labels spread along the box's diagonal, from its lower left,
			// in the order of regions.csv: places to click, not borders.
			rv.Name = ""
			for i, s := range reg.States {
				if i == 0 {
					rv.Name = s.Name
				} else {
					name, err := r.lang.T("map.and", "a", rv.Name, "b", s.Name)
					if err != nil {
						return nil, err
					}
					rv.Name = name
				}
				f := (float64(i) + 0.5) / float64(len(reg.States))
				rv.Labels = append(rv.Labels, MapLabel{
					Name: s.Name, Href: r.href(s), Count: len(s.Products), Shade: shadeOf(len(s.Products)),
					X: reg.Box[0] + reg.Box[2]*(0.2+0.5*f),
					Y: reg.Box[1] + reg.Box[3]*(0.85-0.6*f),
				})
				rv.Count += len(s.Products)
			}
		}
		v.Regions = append(v.Regions, rv)
	}
	return v, nil
}
