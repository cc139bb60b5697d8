package catalog

import (
	"bytes"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/odop-india/odop/internal/diag"
	"github.com/odop-india/odop/internal/markdown"
	"github.com/odop-india/odop/internal/slug"
)

// ReservedSlugs are top-level paths the site itself uses; a Markdown page
// may not take one.
var ReservedSlugs = []string{"states", "sectors", "categories", "gi", "stories", "products", "search", "assets", "404"}

// loadPages reads content/*.md: YAML front matter between "---" lines
// (title and description required), then a Markdown body.
func (b *builder) loadPages(fsys fs.FS) {
	names, _ := fs.Glob(fsys, "content/*.md")
	sort.Strings(names)
	b.cache.pageFiles().keepOnly(names)
	var slugs slug.Set
	slugs.Reserve(ReservedSlugs...)
	for _, name := range names {
		src, err := readFile(fsys, name)
		if err != nil {
			b.errs.Errorf(diag.Pos{File: name}, "%v", err)
			continue
		}
		f := b.pageFile(name, src)
		b.errs = append(b.errs, f.errs...)
		if f.page == nil {
			continue
		}
		p := new(Page)
		*p = *f.page
		var changed bool
		p.Slug, changed = slugs.Unique(strings.TrimSuffix(path.Base(name), ".md"))
		if changed {
			b.errs.Errorf(diag.Pos{File: name}, "page name %q is taken by the site or another page; rename the file", strings.TrimSuffix(path.Base(name), ".md"))
			continue
		}
		b.cat.Pages = append(b.cat.Pages, p)
	}
	sort.SliceStable(b.cat.Pages, func(i, j int) bool {
		a, c := b.cat.Pages[i], b.cat.Pages[j]
		if a.Order != c.Order {
			return a.Order < c.Order
		}
		return a.Title < c.Title
	})
}

// pageFile is a page as parsed from its file. The cache keeps it, and it
// is never changed after it is made: each load copies its page.
type pageFile struct {
	page *Page // nil when the file has an error
	errs diag.List
}

// pageFile parses the page file name, or takes it from the cache.
func (b *builder) pageFile(name string, src []byte) pageFile {
	cache := b.cache.pageFiles()
	if f, ok := cache.get(name, "", src); ok {
		return f
	}
	var f pageFile
	f.page = parsePage(name, src, b.markdown(), &f.errs)
	cache.put(name, "", src, f)
	return f
}

// parsePage reads a page's front matter and checks its Markdown,
// reporting to errs; it returns nil if the page has an error.
func parsePage(file string, src []byte, md *markdown.Converter, errs *diag.List) *Page {
	before := errs.Errors()
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	p := &Page{Pos: diag.Pos{File: file, Line: 1, Col: 1}}
	front, body, bodyLine, ok := splitFrontMatter(src)
	if !ok {
		errs.Errorf(p.Pos, "page has no title: want front matter at the top, between two lines of ---, with at least \"title:\"")
		return nil
	}
	if m := parseYAMLMapping(file, front, 1, errs); m != nil {
		fields(file, m, 1, map[string]func(*yaml.Node){
			"title":       func(v *yaml.Node) { p.Title = strings.TrimSpace(str(file, v, 1, "title", errs)) },
			"description": func(v *yaml.Node) { p.Description = strings.TrimSpace(str(file, v, 1, "description", errs)) },
			"menu":        func(v *yaml.Node) { p.Menu = strings.TrimSpace(str(file, v, 1, "menu", errs)) },
			"order": func(v *yaml.Node) {
				n, err := strconv.Atoi(str(file, v, 1, "order", errs))
				if err != nil {
					errs.Errorf(nodePos(file, v, 1), "order %q: want a whole number", v.Value)
				}
				p.Order = n
			},
		}, errs)
	}
	if p.Title == "" {
		errs.Errorf(p.Pos, "page has no title: add \"title: ...\" to its front matter")
	}
	if p.Description == "" {
		errs.Errorf(p.Pos, "page has no description: add \"description: ...\" (one sentence, for search engines) to its front matter")
	}
	p.Body = string(body)
	checkMarkdown(md, file, src, bodyLine, body, errs)
	if errs.Errors() > before {
		return nil
	}
	return p
}

// splitFrontMatter splits "---\nYAML\n---\nbody" into its parts, and gives
// the line the body starts on.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, ok bool) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, src, 1, false
	}
	rest := src[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(rest, []byte("\n---")) {
			end = len(rest) - 4
		} else {
			return nil, src, 1, false
		}
	}
	front = rest[:end+1]
	body = rest[min(len(rest), end+5):]
	bodyLine = 3 + bytes.Count(front, []byte("\n"))
	return front, body, bodyLine, true
}
