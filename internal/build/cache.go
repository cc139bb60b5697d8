package build

import (
	"fmt"
	"path"
	"strings"
	"sync"
	"testing/fstest"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/diag"
	"github.com/odop-india/odop/internal/i18n"
	"github.com/odop-india/odop/internal/search"
)

// A Cache keeps the results of a build's costly pure steps (minifying an
// asset or a template, drawing the preview image) by their whole input,
// so that the next build reuses what did not change. odop serve keeps one
// between rebuilds; a one-off build needs none. After each build the
// entries that build did not use are dropped, so a Cache holds about one
// build's worth, however long the server runs.
//
// A nil *Cache is valid and caches nothing.
type Cache struct {
	mu   sync.Mutex
	used map[string][]byte // used by the build under way
	prev map[string][]byte // used by the build before it
	// words are the search index's words of each text, kept the same way.
	words *search.WordCache
	// catalog keeps what loading made of the sources that seldom change.
	catalog *catalog.Cache
	// langs are the languages loaded from the translation files whose
	// tags and contents make langsKey: they do not change when data does.
	// Files with errors are loaded again each time (langs is nil).
	langsKey string
	langs    []*i18n.Lang
	langsErr diag.List
}

// languages returns the languages of the translation files in files (by
// tag), loading them only when they differ from the last build's.
func (c *Cache) languages(tags []string, files fstest.MapFS) ([]*i18n.Lang, diag.List) {
	if c == nil {
		return i18n.Load(files, tags)
	}
	var key strings.Builder
	for _, tag := range tags {
		f := files[path.Join(i18n.Dir, tag+".yaml")]
		fmt.Fprintf(&key, "%s\x00%d\x00", tag, len(f.Data))
		key.Write(f.Data)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.langs == nil || c.langsKey != key.String() {
		c.langs, c.langsErr = i18n.Load(files, tags)
		c.langsKey = key.String()
	}
	return c.langs, c.langsErr
}

// NewCache returns an empty Cache.
func NewCache() *Cache {
	return &Cache{used: map[string][]byte{}, prev: map[string][]byte{}, words: search.NewWordCache(), catalog: catalog.NewCache()}
}

// catalogCache is the catalogue's cache; nil, which caches nothing, for a
// nil Cache.
func (c *Cache) catalogCache() *catalog.Cache {
	if c == nil {
		return nil
	}
	return c.catalog
}

// searchWords is the cache of the search index's words; nil, which
// caches nothing, for a nil Cache.
func (c *Cache) searchWords() *search.WordCache {
	if c == nil {
		return nil
	}
	return c.words
}

// do returns the result cached for key, or makes, caches and returns it.
// key must hold everything the result depends on. The result is shared:
// callers must not change it.
func (c *Cache) do(key string, make func() ([]byte, error)) ([]byte, error) {
	if c == nil {
		return make()
	}
	c.mu.Lock()
	v, ok := c.used[key]
	if !ok {
		if v, ok = c.prev[key]; ok {
			c.used[key] = v
		}
	}
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := make()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.used[key] = v
	c.mu.Unlock()
	return v, nil
}

// sweep ends a build: what it did not use is forgotten.
func (c *Cache) sweep() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.prev, c.used = c.used, map[string][]byte{}
	c.mu.Unlock()
}
