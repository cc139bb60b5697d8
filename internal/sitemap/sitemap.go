// Package sitemap writes the files search engines read to find a site's
// pages: sitemap.xml in the sitemaps.org format, and robots.txt pointing to
// it.
package sitemap

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
)

// MaxURLs is the most URLs the sitemaps.org protocol allows in one sitemap
// file. More are split over several files, listed by a sitemap index.
const MaxURLs = 50000

// A File is one file to write below the site's root.
type File struct {
	Name string
	Data []byte
}

// Files returns the sitemap of a site published at base (absolute, ending
// in "/") whose pages have the given absolute URLs, in the order given.
// When there are more than limit URLs (MaxURLs, but tests may pass less),
// sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml and so on, each
// holding at most limit URLs; otherwise sitemap.xml holds them all.
func Files(base *url.URL, urls []string, limit int) ([]File, error) {
	if limit <= 0 || limit > MaxURLs {
		return nil, fmt.Errorf("sitemap: limit %d: want 1 to %d URLs a file", limit, MaxURLs)
	}
	if len(urls) <= limit {
		return []File{{"sitemap.xml", urlset(urls)}}, nil
	}
	var files []File
	var parts []string
	for i := 0; i < len(urls); i += limit {
		name := fmt.Sprintf("sitemap-%d.xml", len(files)+1)
		files = append(files, File{name, urlset(urls[i:min(i+limit, len(urls))])})
		parts = append(parts, base.JoinPath(name).String())
	}
	return append([]File{{"sitemap.xml", index(parts)}}, files...), nil
}

// urlset is a sitemap listing urls. There is no <lastmod>: the build has
// no honest date for when a page last changed, and search engines ignore
// dates that are not.
func urlset(urls []string) []byte { return list("urlset", "url", urls) }

// index is a sitemap index listing the sitemaps at urls.
func index(urls []string) []byte { return list("sitemapindex", "sitemap", urls) }

// list writes a sitemaps.org document: a root element holding one item
// element with a <loc> for each URL.
func list(root, item string, urls []string) []byte {
	var b bytes.Buffer
	open, close := "<"+item+"><loc>", "</loc></"+item+">\n"
	size := 200
	for _, u := range urls {
		size += len(open) + len(u) + len(close)
	}
	b.Grow(size)
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString("<" + root + ` xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		b.WriteString(open)
		if plain(u) {
			b.WriteString(u)
		} else {
			xml.EscapeText(&b, []byte(u))
		}
		b.WriteString(close)
	}
	b.WriteString("</" + root + ">\n")
	return b.Bytes()
}

// Robots is a robots.txt that lets every crawler in and names the sitemap
// (its absolute URL, as the format requires). Crawlers read robots.txt
// only at the root of a host, so it takes effect only for a site
// published at its host's root.
func Robots(sitemapURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + sitemapURL + "\n")
}

// plain reports whether xml.EscapeText would write s as it is: printable
// ASCII with nothing to escape, as most URLs are.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' {
			return false
		}
	}
	return true
}
