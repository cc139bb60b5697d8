package search

import (
	"bytes"
	"encoding/json"
	"path"
	"slices"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/publish"
)

// Dir is the output directory of the search files, below the site root.
const Dir = "search/"

// ManifestName is the manifest's name before its content hash; templates
// reach it as {{asset "search/index.json"}}.
const ManifestName = Dir + "index.json"

// File is one file of the index. Every file is to be published under a
// content-hashed name, publish.Fingerprint(Name, Data), the name the
// manifest gives the shards by.
type File struct {
	Name string
	Data []byte
}

// Facet is one facet of the search page: a product property with a fixed
// list of values, each shown as a checkbox with its count.
type Facet struct {
	Key    string  `json:"key"`   // the URL parameter: state, sector, category or gi
	Label  string  `json:"label"` // the legend of its checkboxes
	Values []Value `json:"values"`
}

// Value is a facet's value. Its slug is what the page's URL holds
// (?state=meghalaya), the same slug as the value's own page has.
type Value struct {
	Name  string
	Slug  string
	Count int // products with this value in the whole catalogue
}

// MarshalJSON writes a value as [name, slug, count], to keep the
// manifest small.
func (v Value) MarshalJSON() ([]byte, error) { return marshal([]any{v.Name, v.Slug, v.Count}) }

// manifest is index.json. Products and districts are arrays rather than
// objects, to keep the file small; the order of their elements is in the
// field comments.
type manifest struct {
	Version int               `json:"version"`
	Weights []int             `json:"weights"` // by Field
	Stop    []string          `json:"stop"`
	Shards  map[string]string `json:"shards"` // shard key to file name, relative to the manifest
	Facets  []Facet           `json:"facets"`
	// States are [name, slug]; districts [name, state]; products
	// [name, district, sector, category, gi (0 or 1)], the numbers indexes
	// into the lists above and the facets' values. A district or product
	// whose slug is not URLSlug(name) (a "-2" for a clash, a letter
	// outside a to z) has its slug as one more element.
	States    [][2]string `json:"states"`
	Districts [][]any     `json:"districts"`
	Products  [][]any     `json:"products"`
}

// Facets lists the catalogue's facets with the count of each value, in the
// order the search page shows them.
func Facets(c *catalog.Catalog) []Facet {
	states := Facet{Key: "state", Label: "State or UT"}
	for _, s := range c.States {
		states.Values = append(states.Values, Value{s.Name, s.Slug, len(s.Products)})
	}
	groups := func(key, label string, gs []*catalog.Group) Facet {
		f := Facet{Key: key, Label: label}
		for _, g := range gs {
			f.Values = append(f.Values, Value{g.Name, g.Slug, len(g.Products)})
		}
		return f
	}
	gi := 0
	for _, p := range c.Products {
		if p.GIFlag {
			gi++
		}
	}
	return []Facet{
		states,
		groups("sector", "Sector", c.Sectors),
		groups("category", "Category", c.Categories),
		{Key: "gi", Label: "GI tag", Values: []Value{
			{"Flagged GI", "yes", gi}, {"Not flagged", "no", len(c.Products) - gi}}},
	}
}

// Files returns the index's files: the term shards in key order, then
// the manifest, which names them.
func (ix *Index) Files() ([]File, error) {
	c := ix.cat
	m := manifest{Version: 1, Stop: stopWords(), Shards: map[string]string{}, Facets: Facets(c)}
	for f := range numFields {
		m.Weights = append(m.Weights, f.Weight())
	}

	var files []File
	for lo := 0; lo < len(ix.terms); {
		key := shardKey(ix.terms[lo])
		hi := lo + 1
		for hi < len(ix.terms) && shardKey(ix.terms[hi]) == key {
			hi++
		}
		data, err := ix.shard(lo, hi)
		if err != nil {
			return nil, err
		}
		name := Dir + "terms-" + key + ".json"
		m.Shards[key] = path.Base(publish.Fingerprint(name, data))
		files = append(files, File{name, data})
		lo = hi
	}

	stateIdx := map[*catalog.State]int{}
	for i, s := range c.States {
		stateIdx[s] = i
		m.States = append(m.States, [2]string{s.Name, s.Slug})
	}
	districtIdx := map[*catalog.District]int{}
	for i, d := range c.Districts {
		districtIdx[d] = i
		m.Districts = append(m.Districts, withSlug([]any{d.Name, stateIdx[d.State]}, d.Name, d.Slug))
	}
	sectorIdx, categoryIdx := groupIndex(c.Sectors), groupIndex(c.Categories)
	for _, p := range c.Products {
		gi := 0
		if p.GIFlag {
			gi = 1
		}
		m.Products = append(m.Products, withSlug([]any{p.Name, districtIdx[p.District],
			sectorIdx[p.Sector], categoryIdx[p.Category], gi}, p.Name, p.Slug))
	}
	data, err := marshal(m)
	if err != nil {
		return nil, err
	}
	return append(files, File{ManifestName, data}), nil
}

// withSlug appends slug to row unless the client can make it from the
// name, as most slugs are: that saves a third of the manifest.
func withSlug(row []any, name, slug string) []any {
	if URLSlug(name) == slug {
		return row
	}
	return append(row, slug)
}

func groupIndex(gs []*catalog.Group) map[*catalog.Group]int {
	m := make(map[*catalog.Group]int, len(gs))
	for i, g := range gs {
		m[g] = i
	}
	return m
}

// shard encodes the terms lo to hi.
func (ix *Index) shard(lo, hi int) ([]byte, error) {
	posts := make([]string, 0, hi-lo)
	for _, ps := range ix.posts[lo:hi] {
		posts = append(posts, string(ps.enc))
	}
	return marshal(struct {
		T []string `json:"t"`
		P []string `json:"p"`
	}{slices.Clip(ix.terms[lo:hi]), posts})
}

// marshal is json.Marshal without HTML escaping: the files are served as
// JSON and read with JSON.parse, so "&" need not cost six bytes.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
