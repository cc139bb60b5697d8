package build

import (
	"fmt"
	"net/url"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/publish"
	"github.com/odop-india/odop/internal/site"
)

// Input is what a Generator sees: the loaded catalogue and the page plan.
type Input struct {
	Cat     *catalog.Catalog
	Pages   []*site.Page
	BaseURL *url.URL // absolute, ends in "/"
	// Assets maps the name of each asset ("app.css") and of each hashed
	// file made by an earlier generator to its output path. Generators run
	// in order, so a later one (such as _headers) sees what earlier ones
	// made.
	Assets map[string]string
	// Files lists the output paths of the files earlier generators made,
	// hashed or not, in the order made.
	Files []string

	cache *Cache // for generators whose output is costly and seldom changes
}

// A File is one file a Generator makes.
type File struct {
	Name string // slash-separated output path, such as "sitemap.xml"
	Data []byte // written as it is: a generator minifies its own output
	// Hashed files get a content hash in their name, as assets do, and
	// templates reach them with {{asset Name}}.
	Hashed bool
}

// A Generator makes files from the catalogue rather than from templates:
// the search index, the sitemap, feeds, open-data downloads, _headers.
type Generator func(in *Input) ([]File, error)

// generators are run in this order on every build and check. Keep
// headersFile last: it sets the caching of every file made before it.
func generators() []Generator {
	return []Generator{
		indiaMap,
		searchIndex,
		socialImage,
		sitemapFiles,
		atomFeed,
		openData,
		headersFile,
	}
}

// indiaMap writes the shapes of the home page's map, when the site has one.
func indiaMap(in *Input) ([]File, error) {
	if in.Cat.Map == nil {
		return nil, nil
	}
	return []File{{Name: site.MapFile, Data: site.MapSVG(in.Cat.Map), Hashed: true}}, nil
}

// generate runs the generators and returns their files ready to write,
// adding hashed ones to in.Assets.
func generate(in *Input) ([]asset, error) {
	var out []asset
	for _, g := range generators() {
		files, err := g(in)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			name := f.Name
			if f.Hashed {
				name = publish.Fingerprint(f.Name, f.Data)
				if _, dup := in.Assets[f.Name]; dup {
					return nil, fmt.Errorf("generated file %s clashes with an asset", f.Name)
				}
				in.Assets[f.Name] = name
			}
			out = append(out, asset{name, f.Data})
			in.Files = append(in.Files, name)
		}
	}
	return out, nil
}
