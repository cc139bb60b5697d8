package catalog

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/odop-india/odop/internal/diag"
)

// The map of India's States/UTs on the home page: the regions of
// data/map/india.svg (from the npm package @svg-maps/india, CC BY 4.0),
// each tied to States/UTs of the data by data/map/regions.csv. The map
// predates 2019 and 2020: its Jammu and Kashmir includes Ladakh, and it has
// Dadra and Nagar Haveli apart from Daman and Diu. regions.csv says so
// explicitly (a region may stand for two States/UTs, and two regions for
// one) rather than odop guessing from names.
const (
	mapFile     = "data/map/india.svg"
	regionsFile = "data/map/regions.csv"
)

// IndiaMap is the home page's map.
type IndiaMap struct {
	ViewBox string
	Regions []*MapRegion
}

// MapRegion is one shape of the map.
type MapRegion struct {
	ID     string // the map's id, such as "ml"
	Name   string // the map's name for it
	Path   string // SVG path data, rounded to a tenth of a unit
	States []*State
	// Box is the region's bounding box: x, y, width, height.
	Box [4]float64
}

var regionColumns = []column{{"region", true}, {"state", true}}

type regionRow struct {
	Region string `csv:"region"`
	State  string `csv:"state"`
}

// mapShapes is the map's shapes, read from its SVG apart from the rest of
// the catalogue: they need nothing else, so Load parses them while it
// reads the products.
type mapShapes struct {
	m    *IndiaMap // nil when there is no map or it cannot be read
	byID map[string]*MapRegion
	errs diag.List
}

// mapShapes reads data/map/india.svg, or takes its shapes from c if the
// file is as c last saw it; a site without it has no map.
func (c *Cache) mapShapes(fsys fsReader) mapShapes {
	src, err := readFile(fsys, mapFile)
	if err != nil {
		var out mapShapes
		if !isNotExist(err) {
			out.errs.Errorf(diag.Pos{File: mapFile}, "%v", err)
		}
		return out
	}
	if c == nil {
		return parseMapShapes(src)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.mapSrc == nil || !bytes.Equal(c.mapSrc, src) {
		c.mapSrc, c.shapes = src, parseMapShapes(src)
	}
	return c.shapes.copy()
}

// copy returns shapes whose regions can be tied to States/UTs without
// changing s's.
func (s mapShapes) copy() mapShapes {
	if s.m == nil {
		return s
	}
	out := mapShapes{m: &IndiaMap{ViewBox: s.m.ViewBox}, byID: make(map[string]*MapRegion, len(s.byID)), errs: s.errs}
	for _, r := range s.m.Regions {
		c := *r
		c.States = nil
		out.m.Regions = append(out.m.Regions, &c)
		out.byID[c.ID] = &c
	}
	return out
}

// parseMapShapes reads the shapes of the map's SVG source.
func parseMapShapes(src []byte) (out mapShapes) {
	var doc struct {
		ViewBox string `xml:"viewBox,attr"`
		Paths   []struct {
			ID   string `xml:"id,attr"`
			Name string `xml:"aria-label,attr"`
			D    string `xml:"d,attr"`
		} `xml:"path"`
	}
	if err := xml.Unmarshal(src, &doc); err != nil {
		out.errs.Errorf(diag.Pos{File: mapFile}, "%v", err)
		return out
	}
	m := &IndiaMap{ViewBox: doc.ViewBox}
	byID := map[string]*MapRegion{}
	for _, p := range doc.Paths {
		d, box, err := roundPath(p.D)
		if err != nil {
			out.errs.Errorf(diag.Pos{File: mapFile}, "region %q: %v", p.ID, err)
			continue
		}
		r := &MapRegion{ID: p.ID, Name: p.Name, Path: d, Box: box}
		m.Regions = append(m.Regions, r)
		byID[p.ID] = r
	}
	out.m, out.byID = m, byID
	return out
}

// loadMap ties the map's shapes to the States/UTs by its region table.
// Call it after the products are loaded.
func (b *builder) loadMap(fsys fsReader, shapes mapShapes) {
	b.errs = append(b.errs, shapes.errs...)
	m, byID := shapes.m, shapes.byID
	if m == nil {
		return
	}
	data, err := readFile(fsys, regionsFile)
	if err != nil {
		b.errs.Errorf(diag.Pos{File: regionsFile}, "%v; it ties the regions of %s to States/UTs", err, mapFile)
		return
	}
	t := readCSV(regionsFile, data, regionColumns, &b.errs)
	if t == nil {
		return
	}
	var rows []regionRow
	if err := t.decode(&rows); err != nil {
		b.errs.Errorf(diag.Pos{File: regionsFile}, "%v", err)
		return
	}
	onMap := map[*State]bool{}
	for i, row := range rows {
		r := byID[row.Region]
		if r == nil {
			b.errs.Errorf(t.fieldPos(i, "region"), "region %q is not in %s", row.Region, mapFile)
			continue
		}
		st := b.statesByName[row.State]
		if st == nil {
			if _, known := statesAndUTs[row.State]; !known {
				b.errs.Errorf(t.fieldPos(i, "state"), "state %q is not one of the 36 States and Union Territories", row.State)
			}
			continue // a State/UT with no products has no page to link
		}
		r.States = append(r.States, st)
		onMap[st] = true
	}
	for _, r := range m.Regions {
		if len(r.States) == 0 {
			b.errs.Warnf(diag.Pos{File: regionsFile}, "map region %q (%s) stands for no State/UT with products; it is drawn without a link", r.ID, r.Name)
		}
	}
	for name, st := range b.statesByName {
		if !onMap[st] {
			b.errs.Errorf(diag.Pos{File: regionsFile}, "%s has products but no region on the map; add a row for it", name)
		}
	}
	b.cat.Map = m
}

// roundPath rewrites SVG path data made of m, l, L and z commands with
// every point rounded to a tenth of a unit, as relative moves between the
// rounded points, so that rounding errors do not add up along a border.
// The map's source has five decimals: a tenth of a unit is 1/6000 of its
// width, far below a pixel, and the paths shrink by half. It also returns
// the path's bounding box.
func roundPath(d string) (string, [4]float64, error) {
	var (
		// The rounded path is about half as long as the source.
		out                = make([]byte, 0, len(d)/2)
		cmd                byte
		x, y               float64 // the current point, exact
		px, py             int     // the last written point, in tenths
		startX, startY     float64
		minX, minY         = math.Inf(1), math.Inf(1)
		maxX, maxY         = math.Inf(-1), math.Inf(-1)
		first              = true
		nums               [2]float64
		n                  int // numbers in nums
		lastCmd            byte
		pendingCommandText bool
	)
	emit := func(c byte) {
		tx, ty := int(math.Round(x*10)), int(math.Round(y*10))
		if !first && c == 'l' && tx == px && ty == py {
			return // a point that rounds onto the last one
		}
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
		justWroteCmd := false
		if c != lastCmd || pendingCommandText {
			out = append(out, c)
			lastCmd = c
			pendingCommandText = false
			justWroteCmd = true
		}
		dx, dy := tx-px, ty-py
		if first {
			dx, dy = tx, ty
			first = false
		}
		if c == lastCmd && !justWroteCmd && dx >= 0 {
			out = append(out, ' ') // a minus sign separates numbers by itself
		}
		out = appendTenths(out, dx)
		if dy >= 0 {
			out = append(out, ' ')
		}
		out = appendTenths(out, dy)
		px, py = tx, ty
	}
	// Tokens are separated by spaces and commas; scanning them in place
	// spares a slice of strings per path (the map has 36 long ones).
	for i := 0; i < len(d); {
		if isPathSpace(d[i]) {
			i++
			continue
		}
		j := i
		for j < len(d) && !isPathSpace(d[j]) {
			j++
		}
		tok := d[i:j]
		i = j
		if len(tok) == 1 && strings.IndexByte("mlLzZ", tok[0]) >= 0 {
			cmd = tok[0]
			n = 0
			if cmd == 'z' || cmd == 'Z' {
				out = append(out, 'z')
				lastCmd = 'z'
				x, y = startX, startY
				px, py = int(math.Round(x*10)), int(math.Round(y*10))
			}
			continue
		}
		v, err := strconv.ParseFloat(tok, 64)
		if err != nil {
			return "", [4]float64{}, fmt.Errorf("path data: %q is not a number or one of the commands m, l, L, z", tok)
		}
		nums[n] = v
		if n++; n < 2 {
			continue
		}
		switch cmd {
		case 'm':
			x, y = x+nums[0], y+nums[1]
			startX, startY = x, y
			emit('m')
			cmd = 'l' // later pairs of an m are line-tos
			pendingCommandText = true
		case 'l':
			x, y = x+nums[0], y+nums[1]
			emit('l')
		case 'L':
			x, y = nums[0], nums[1]
			emit('l')
		default:
			return "", [4]float64{}, fmt.Errorf("path data: numbers before a command")
		}
		n = 0
	}
	return string(out), [4]float64{minX, minY, maxX - minX, maxY - minY}, nil
}

func isPathSpace(c byte) bool { return c == ' ' || c == ',' || c == '\n' || c == '\t' || c == '\r' }

// appendTenths appends n tenths as a short decimal: 12 as "1.2", -5 as
// "-.5".
func appendTenths(b []byte, n int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	if whole := n / 10; whole != 0 || n%10 == 0 {
		b = strconv.AppendInt(b, int64(whole), 10)
	}
	if n%10 != 0 {
		b = append(b, '.', byte('0'+n%10))
	}
	return b
}
