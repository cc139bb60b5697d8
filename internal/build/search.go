package build

import "github.com/odop-india/odop/internal/search"

// searchIndex is the Generator of the search index; internal/search does
// the work. Every file is hashed: the manifest is reached from the search
// page with {{asset "search/index.json"}}, the shards from the manifest.
func searchIndex(in *Input) ([]File, error) {
	files, err := search.BuildCached(in.Cat, in.cache.searchWords()).Files()
	if err != nil {
		return nil, err
	}
	out := make([]File, len(files))
	for i, f := range files {
		out[i] = File{Name: f.Name, Data: f.Data, Hashed: true}
	}
	return out, nil
}
