package build

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/i18n"
	"github.com/odop-india/odop/internal/publish"
	"github.com/odop-india/odop/internal/search"
	"github.com/odop-india/odop/internal/site"
)

// Input is what a Generator sees: the loaded catalogue and the page plan.
type Input struct {
	Cat     *catalog.Catalog
	Lang    *i18n.Lang // the default language, of the files all languages share
	Pages   []*site.Page
	BaseURL *url.URL // absolute, ends in "/"
	// Assets maps the name of each asset ("app.css") to its output path;
	// for the last generator (_headers), each hashed file the others made
	// too. The others run at the same time and must only read it.
	Assets map[string]string
	// Files lists, for the last generator, the output paths of the files
	// the others made, hashed or not, in the generators' order.
	Files []string

	cache *Cache // for generators whose output is costly and seldom changes
	// pagesSum, when not nil, is pagesDigest made once for every
	// generator that asks.
	pagesSum func() [32]byte
	// searchFiles, when not nil, waits for the search index's files, made
	// since the catalogue was loaded.
	searchFiles func() ([]search.File, error)
}

// pagesDigest is a digest of what the files that list every page (the
// sitemap, _headers) depend on of the pages: each page's file and URL
// path, and whether it is the 404 page or kept out of search engines.
func (in *Input) pagesDigest() [32]byte {
	if in.pagesSum != nil {
		return in.pagesSum()
	}
	return digestPages(in.Pages)
}

func digestPages(pages []*site.Page) [32]byte {
	h := sha256.New()
	buf := make([]byte, 0, 32<<10)
	for _, p := range pages {
		buf = binary.AppendUvarint(buf, uint64(len(p.File())))
		buf = append(buf, p.File()...)
		buf = binary.AppendUvarint(buf, uint64(len(p.URLPath())))
		flags := byte(0)
		if p.Kind == "404" {
			flags |= 1
		}
		if p.NoIndex {
			flags |= 2
		}
		buf = append(buf, flags)
		if len(buf) > 30<<10 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	h.Write(buf)
	return [32]byte(h.Sum(nil))
}

// A File is one file a Generator makes.
type File struct {
	Name string // slash-separated output path, such as "sitemap.xml"
	Data []byte // written as it is: a generator minifies its own output
	// Stream, for a file too large to hold whole, writes it instead of
	// Data, when the pages are written. A streamed file cannot be hashed.
	Stream func(io.Writer) error
	// Hashed files get a content hash in their name, as assets do, and
	// templates reach them with {{asset Name}}.
	Hashed bool
}

// A Generator makes files from the catalogue rather than from templates:
// the search index, the sitemap, feeds, open-data downloads, _headers.
type Generator func(in *Input) ([]File, error)

// firstGenerators make files that every page or many pages name by their
// hashed names ({{asset "assets/social.png"}}): they run, at the same
// time, before the pages render.
func firstGenerators() []Generator {
	return []Generator{
		indiaMap,
		socialImage,
	}
}

// laterGenerators make the rest: they run, at the same time, while the
// pages render. headersFile runs after them. Pages that name one of their
// hashed files (named in namedLater) are rendered with a stand-in for its
// name, and again once it is made.
func laterGenerators() []Generator {
	return []Generator{
		searchIndex,
		sitemapFiles,
		atomFeed,
		openData,
	}
}

// namedLater are the hashed files of laterGenerators that pages name: the
// search page names the search index's manifest.
func namedLater() []string { return []string{search.ManifestName} }

// pendingMark is in the stand-in name of a file still being made, so a
// page that names one shows it, however the name was escaped: it is made
// of letters alone.
const pendingMark = "odopPendingFile"

// standIn is the name pages are rendered with for name, a hashed file
// made while they render.
func standIn(name string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + pendingMark + ext
}

// indiaMap writes the shapes of the home page's map, when the site has one.
func indiaMap(in *Input) ([]File, error) {
	if in.Cat.Map == nil {
		return nil, nil
	}
	return []File{{Name: site.MapFile, Data: site.MapSVG(in.Cat.Map), Hashed: true}}, nil
}

// generate runs gens at the same time, as none reads what another makes,
// then after, if not nil, which sees every file made before it. It
// returns their files ready to write, adding every name to in.Files and
// the hashed ones to in.Assets. The files are taken in the generators'
// order, so the result does not depend on which finished first.
// stream, when not nil, is given each file to be streamed as soon as its
// generator returns, so that it can be written while the others run.
func generate(in *Input, gens []Generator, after Generator, stream func(asset)) ([]asset, error) {
	results := make([][]File, len(gens))
	errs := make([]error, len(gens))
	var wg sync.WaitGroup
	for i, g := range gens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = g(in)
			if stream != nil && errs[i] == nil {
				for _, f := range results[i] {
					if f.Stream != nil && !f.Hashed {
						stream(asset{name: f.Name, stream: f.Stream})
					}
				}
			}
		}()
	}
	wg.Wait()
	var out []asset
	add := func(files []File) error {
		for _, f := range files {
			name := f.Name
			if f.Hashed && f.Stream != nil {
				return fmt.Errorf("generated file %s: a streamed file cannot be hashed", f.Name)
			}
			if f.Hashed {
				name = publish.Fingerprint(f.Name, f.Data)
				if _, dup := in.Assets[f.Name]; dup {
					return fmt.Errorf("generated file %s clashes with an asset", f.Name)
				}
				in.Assets[f.Name] = name
			}
			out = append(out, asset{name: name, data: f.Data, stream: f.Stream})
			in.Files = append(in.Files, name)
		}
		return nil
	}
	for i := range gens {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if err := add(results[i]); err != nil {
			return nil, err
		}
	}
	if after != nil {
		files, err := after(in)
		if err == nil {
			err = add(files)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
