package build

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"html"
	"io"
	"maps"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/odop-india/odop/internal/feed"
	"github.com/odop-india/odop/internal/headers"
	"github.com/odop-india/odop/internal/markdown"
	"github.com/odop-india/odop/internal/opendata"
	"github.com/odop-india/odop/internal/preview"
	"github.com/odop-india/odop/internal/site"
	"github.com/odop-india/odop/internal/sitemap"
)

// The generators of this file make what a CDN, a search engine, a link
// preview and a reuser of the data read besides the pages. Each only
// adapts the build's Input to a package that does the one job.

// Names of generated files, as templates/base.html refers to them.
const (
	SocialImage = "assets/social.png" // hashed: {{asset "assets/social.png"}}
	FeedName    = "feed.xml"
)

// absURL is the absolute URL of a path below the site's base, as the
// pages' canonical links give it ("" is the home page, with its slash).
func absURL(base *url.URL, p string) string {
	u := *base
	u.Path = base.Path + p
	return u.String()
}

// socialImage draws the shared preview image that og:image names.
func socialImage(in *Input) ([]File, error) {
	c := in.Cat
	figures, err := site.Figures(c, in.Lang)
	if err != nil {
		return nil, err
	}
	text := preview.Text{
		Title:   c.Site.Title,
		Figures: figures,
		Source:  site.DataLabel(in.Lang, c.Site.Data),
		Address: strings.TrimSuffix(in.BaseURL.Host+in.BaseURL.Path, "/"),
	}
	// The image shows only these texts; an edit of a row seldom changes them.
	data, err := in.cache.do(fmt.Sprintf("social\x00%q", text), func() ([]byte, error) { return preview.PNG(text) })
	if err != nil {
		return nil, err
	}
	return []File{{Name: SocialImage, Data: data, Hashed: true}}, nil
}

// sitemapFiles lists every page but the 404 page, and robots.txt points
// to the list.
func sitemapFiles(in *Input) ([]File, error) {
	robots := File{Name: "robots.txt", Data: sitemap.Robots(absURL(in.BaseURL, "sitemap.xml"))}
	indexed := 0
	for _, p := range in.Pages {
		if p.Kind != "404" && !p.NoIndex {
			indexed++
		}
	}
	if indexed > sitemap.MaxURLs || in.cache == nil {
		files, err := sitemapXML(in)
		return append(files, robots), err
	}
	// A sitemap of one file depends on the pages' paths alone, which an
	// edit of a row seldom changes: odop serve's rebuilds find it in the
	// cache.
	sum := in.pagesDigest()
	data, err := in.cache.do("sitemap\x00"+in.BaseURL.String()+"\x00"+string(sum[:]), func() ([]byte, error) {
		files, err := sitemapXML(in)
		if err != nil {
			return nil, err
		}
		if len(files) != 1 {
			return nil, fmt.Errorf("sitemap: %d files for %d URLs", len(files), indexed)
		}
		return files[0].Data, nil
	})
	return []File{{Name: "sitemap.xml", Data: data}, robots}, err
}

// sitemapXML makes the sitemap's files.
func sitemapXML(in *Input) ([]File, error) {
	// The URLs are parts of one string: one allocation, not one a page.
	prefix := site.URLPrefix(in.BaseURL)
	var all strings.Builder
	size := 0
	for _, p := range in.Pages {
		size += len(prefix) + len(p.URLPath())
	}
	all.Grow(size)
	ends := make([]int, 0, len(in.Pages))
	for _, p := range in.Pages {
		if p.Kind != "404" && !p.NoIndex {
			site.WriteAbsURL(&all, in.BaseURL, prefix, p.URLPath())
			ends = append(ends, all.Len())
		}
	}
	urls := make([]string, len(ends))
	s, start := all.String(), 0
	for i, end := range ends {
		urls[i], start = s[start:end], end
	}
	files, err := sitemap.Files(in.BaseURL, urls, sitemap.MaxURLs)
	if err != nil {
		return nil, err
	}
	var out []File
	for _, f := range files {
		out = append(out, File{Name: f.Name, Data: f.Data})
	}
	return out, nil
}

// atomFeed is the feed of success stories, newest first, each with its
// whole text and its sources.
func atomFeed(in *Input) ([]File, error) {
	c := in.Cat
	f := feed.Feed{
		Title:    c.Site.Title + ": success stories",
		Subtitle: "How ODOP products reached buyers: consignments, exports and awards, each with its sources.",
		Lang:     c.Site.Languages[0],
		SiteURL:  in.BaseURL.String(),
		FeedURL:  absURL(in.BaseURL, FeedName),
		Author:   c.Site.Title,
		Updated:  c.Site.Data.Date,
	}
	md := markdown.New()
	for _, s := range c.Stories {
		body, err := md.Render([]byte(s.Body), in.BaseURL.Path)
		if err != nil {
			return nil, err
		}
		if s.Note != "" {
			body += "<p><em>Note:</em> " + html.EscapeString(s.Note) + "</p>\n"
		}
		f.Entries = append(f.Entries, feed.Entry{
			Title: s.Title, URL: absURL(in.BaseURL, site.PathOf(s)), Date: s.Date,
			Summary: s.Summary, Content: body, Sources: s.Sources,
		})
	}
	data, err := feed.Atom(f)
	if err != nil {
		return nil, err
	}
	return []File{{Name: FeedName, Data: data}}, nil
}

// openData is the whole catalogue as CSV and JSON downloads, streamed:
// they are the largest files of a big catalogue.
func openData(in *Input) ([]File, error) {
	c, base := in.Cat, in.BaseURL
	return []File{
		{Name: opendata.CSVName, Stream: func(w io.Writer) error { return opendata.WriteCSV(w, c, base) }},
		{Name: opendata.JSONName, Stream: func(w io.Writer) error { return opendata.WriteJSON(w, c, base) }},
	}, nil
}

// headersFile sets the caching of every file made so far, and the
// security headers of the site. It must run after every other generator.
func headersFile(in *Input) ([]File, error) {
	hashedNames := slices.Sorted(maps.Values(in.Assets))
	plan := func() ([]byte, error) {
		hashed := map[string]bool{}
		seen := map[string]bool{}
		var files []string
		add := func(name string) {
			if !seen[name] {
				seen[name] = true
				files = append(files, name)
			}
		}
		for _, name := range hashedNames {
			hashed[name] = true
			add(name)
		}
		for _, name := range in.Files {
			add(name)
		}
		for _, p := range in.Pages {
			add(p.File())
		}
		sort.Strings(files)
		rules, err := headers.Plan(in.BaseURL.Path, files, func(name string) bool { return hashed[name] })
		if err != nil {
			return nil, err
		}
		return rules.Format(), nil
	}
	if in.cache == nil {
		data, err := plan()
		if err != nil {
			return nil, err
		}
		return []File{{Name: "_headers", Data: data}}, nil
	}
	// The rules depend on the names alone, which an edit of a row seldom
	// changes: odop serve's rebuilds find them in the cache, by a digest
	// of the names as the build lists them (which of them are hashed
	// follows from the assets' names), rather than plan them again for
	// every file. Each name and list is preceded by its length; the
	// pages are in by their digest.
	key := make([]byte, 0, 64*(len(in.Files)+len(hashedNames))+64)
	str := func(s string) { key = append(binary.AppendUvarint(key, uint64(len(s))), s...) }
	str(in.BaseURL.Path)
	for _, list := range [][]string{hashedNames, in.Files} {
		key = binary.AppendUvarint(key, uint64(len(list)))
		for _, name := range list {
			str(name)
		}
	}
	pages := in.pagesDigest()
	key = append(key, pages[:]...)
	sum := sha256.Sum256(key)
	data, err := in.cache.do("headers\x00"+string(sum[:]), plan)
	if err != nil {
		return nil, err
	}
	return []File{{Name: "_headers", Data: data}}, nil
}
