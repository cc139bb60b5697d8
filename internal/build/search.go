package build

import (
	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/search"
)

// searchIndex is the Generator of the search index; internal/search does
// the work. Every file is hashed: the manifest is reached from the search
// page with {{asset "search/index.json"}}, the shards from the manifest.
func searchIndex(in *Input) ([]File, error) {
	made := in.searchFiles
	if made == nil {
		made = startSearchIndex(in.Cat, in.cache)
	}
	files, err := made()
	if err != nil {
		return nil, err
	}
	out := make([]File, len(files))
	for i, f := range files {
		out[i] = File{Name: f.Name, Data: f.Data, Hashed: true}
	}
	return out, nil
}

// startSearchIndex starts making c's search index, which needs nothing but
// the catalogue, as soon as it is loaded, and returns a function that
// waits for its files: the index is the slowest of the files made while
// the pages render, and would otherwise start only once they were planned.
func startSearchIndex(c *catalog.Catalog, cache *Cache) func() ([]search.File, error) {
	var (
		files []search.File
		err   error
		done  = make(chan struct{})
	)
	go func() {
		defer close(done)
		files, err = search.BuildCached(c, cache.searchWords()).Files()
	}()
	return func() ([]search.File, error) {
		<-done
		return files, err
	}
}
