package catalog

import (
	"bytes"
	"sync"
)

// A Cache keeps what Load made of each source file, for the next Load to
// reuse while the file's bytes are the same: odop serve's rebuilds after
// an edit of one product list then only link what the other files gave.
// A Cache keeps only what is a pure function of a file's bytes and of the
// settings the file is read with; nothing kept is ever changed, so loads
// may share it. A Cache is safe for concurrent use; a nil *Cache caches
// nothing.
type Cache struct {
	mu     sync.Mutex // guards mapSrc and shapes
	mapSrc []byte
	shapes mapShapes // never changed: each Load copies the regions

	// Each kind of file, by name, as parsed.
	site     fileCache[siteConfig]
	gi       fileCache[giRegistry]
	products fileCache[productFile]
	stories  fileCache[storyFile]
	pages    fileCache[pageFile]
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{} }

// The caches of each kind of file; nil when c is nil.

func (c *Cache) siteFiles() *fileCache[siteConfig] {
	if c == nil {
		return nil
	}
	return &c.site
}

func (c *Cache) giFiles() *fileCache[giRegistry] {
	if c == nil {
		return nil
	}
	return &c.gi
}

func (c *Cache) productFiles() *fileCache[productFile] {
	if c == nil {
		return nil
	}
	return &c.products
}

func (c *Cache) storyFiles() *fileCache[storyFile] {
	if c == nil {
		return nil
	}
	return &c.stories
}

func (c *Cache) pageFiles() *fileCache[pageFile] {
	if c == nil {
		return nil
	}
	return &c.pages
}

// fileCache keeps what was made of files of one kind, by file name. It is
// safe for concurrent use; a nil *fileCache keeps nothing.
type fileCache[T any] struct {
	mu    sync.Mutex
	files map[string]cachedFile[T]
}

type cachedFile[T any] struct {
	// settings are what else the file was read with, such as the
	// encoding site.yaml declares for it.
	settings string
	src      []byte
	made     T
}

// get returns what was made of file name, if its bytes and settings are
// the same as then.
func (fc *fileCache[T]) get(name, settings string, src []byte) (T, bool) {
	var none T
	if fc == nil {
		return none, false
	}
	fc.mu.Lock()
	e, ok := fc.files[name]
	fc.mu.Unlock()
	if !ok || e.settings != settings || !bytes.Equal(e.src, src) {
		return none, false
	}
	return e.made, true
}

// put keeps what was made of file name from src. Neither src nor made may
// be changed afterwards.
func (fc *fileCache[T]) put(name, settings string, src []byte, made T) {
	if fc == nil {
		return
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if fc.files == nil {
		fc.files = map[string]cachedFile[T]{}
	}
	fc.files[name] = cachedFile[T]{settings, src, made}
}

// keepOnly forgets the files not named: those deleted since.
func (fc *fileCache[T]) keepOnly(names []string) {
	if fc == nil {
		return
	}
	keep := make(map[string]bool, len(names))
	for _, name := range names {
		keep[name] = true
	}
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for name := range fc.files {
		if !keep[name] {
			delete(fc.files, name)
		}
	}
}
