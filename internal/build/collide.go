package build

import (
	"slices"
	"sort"
	"strings"

	"github.com/odop-india/odop/internal/site"
)

// collisions lists the files that two pages, or a page and one of the
// assets named, would both be written to: a file once for every page
// written to it after an asset or another page.
//
// A map of every file would say, but costs some 300 ns a page. The plan
// is made of one run of pages per language, each sorted by path and
// written below its language's directory, so the usual check is cheaper:
// equal paths are neighbours, and pages of two languages, or a page and
// an asset, can only meet where a path names another language's
// directory or an asset's name. Where the pages are not as the plan makes
// them, or a path could meet another's file in another way (a page path
// ending in index.html), the map decides.
func collisions(pages []*site.Page, assets []string) []string {
	runs, ok := languageRuns(pages)
	if !ok {
		return collisionsByMap(pages, assets)
	}
	var out []string
	for _, run := range runs {
		for i, p := range run {
			if i > 0 && p.Path == run[i-1].Path {
				out = append(out, p.File())
			}
		}
	}
	// Each asset is looked for among the pages of every language whose
	// directory holds it.
	assets = slices.Compact(slices.Sorted(slices.Values(assets)))
	for _, name := range assets {
		for _, run := range runs {
			prefix := langPrefix(run[0])
			if !strings.HasPrefix(name, prefix) {
				continue
			}
			rest := name[len(prefix):]
			dir, isIndex := strings.CutSuffix(rest, "index.html")
			if found(run, rest) || isIndex && (dir == "" || strings.HasSuffix(dir, "/")) && found(run, dir) {
				out = append(out, name)
			}
		}
	}
	return out
}

// languageRuns splits pages into runs of one language each, and reports
// whether the usual check holds for them: every run sorted by path, the
// languages' directories distinct, and no path that could be another
// page's file in another way than its own.
func languageRuns(pages []*site.Page) ([][]*site.Page, bool) {
	var runs [][]*site.Page
	start := 0
	for i := 1; i <= len(pages); i++ {
		if i == len(pages) || pages[i].Lang != pages[start].Lang {
			runs = append(runs, pages[start:i])
			start = i
		}
	}
	prefixes := map[string]bool{}
	for _, run := range runs {
		prefix := langPrefix(run[0])
		if prefixes[prefix] || prefix != "" && (!strings.HasSuffix(prefix, "/") || strings.Count(prefix, "/") != 1) {
			return nil, false
		}
		prefixes[prefix] = true
	}
	for _, run := range runs {
		for i, p := range run {
			if i > 0 && p.Path < run[i-1].Path {
				return nil, false
			}
			if p.Path == "index.html" || strings.HasSuffix(p.Path, "/index.html") {
				return nil, false
			}
			// A page in another language's directory.
			if dir, _, ok := strings.Cut(p.Path, "/"); ok && prefixes[dir+"/"] {
				return nil, false
			}
		}
	}
	return runs, true
}

// found reports whether the run, sorted by path, has a page at path.
func found(run []*site.Page, path string) bool {
	i := sort.Search(len(run), func(i int) bool { return run[i].Path >= path })
	return i < len(run) && run[i].Path == path
}

func langPrefix(p *site.Page) string {
	if p.Lang == nil {
		return ""
	}
	return p.Lang.Prefix
}

// collisionsByMap is collisions by a map of every file.
func collisionsByMap(pages []*site.Page, assets []string) []string {
	var out []string
	seen := make(map[string]struct{}, len(assets)+len(pages))
	for _, name := range assets {
		seen[name] = struct{}{}
	}
	for _, p := range pages {
		if _, dup := seen[p.File()]; dup {
			out = append(out, p.File())
		}
		seen[p.File()] = struct{}{}
	}
	return out
}
