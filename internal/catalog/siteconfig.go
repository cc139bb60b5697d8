package catalog

import (
	"maps"
	"net/url"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/odop-india/odop/internal/diag"
)

const siteFile = "site.yaml"

// loadSite reads site.yaml: the site's title, description, base URL,
// language, and where its data came from.
func (b *builder) loadSite(fsys fsReader) Site {
	src, err := readFile(fsys, siteFile)
	if err != nil {
		b.errs.Errorf(diag.Pos{File: siteFile}, "%v", err)
		return Site{Languages: []string{"en"}}
	}
	cache := b.cache.siteFiles()
	c, ok := cache.get(siteFile, "", src)
	if !ok {
		c.site = parseSite(src, &c.errs)
		cache.put(siteFile, "", src, c)
	}
	b.errs = append(b.errs, c.errs...)
	s := c.site
	// The cache keeps c: the load gets lists of its own.
	s.Languages, s.Encodings = slices.Clone(s.Languages), maps.Clone(s.Encodings)
	return s
}

// siteConfig is site.yaml as parsed; the cache keeps it.
type siteConfig struct {
	site Site
	errs diag.List
}

// parseSite parses site.yaml's src, reporting to errs.
func parseSite(src []byte, errs *diag.List) Site {
	s := Site{Languages: []string{"en"}}
	m := parseYAMLMapping(siteFile, src, 0, errs)
	if m == nil {
		return s
	}
	text := func(dst *string, name string) func(*yaml.Node) {
		return func(v *yaml.Node) { *dst = strings.TrimSpace(str(siteFile, v, 0, name, errs)) }
	}
	source := func(dst *DataSource, name string) func(*yaml.Node) {
		return func(v *yaml.Node) {
			if v.Kind != yaml.MappingNode {
				errs.Errorf(nodePos(siteFile, v, 0), "%s: want a mapping, found a %s", name, kindName(v))
				return
			}
			fields(siteFile, v, 0, map[string]func(*yaml.Node){
				"name":      text(&dst.Name, "name"),
				"version":   text(&dst.Version, "version"),
				"date":      text(&dst.Date, "date"),
				"publisher": text(&dst.Publisher, "publisher"),
				"url": func(v *yaml.Node) {
					dst.URL = str(siteFile, v, 0, "url", errs)
					if msg := checkWebURL(dst.URL); dst.URL != "" && msg != "" {
						errs.Errorf(nodePos(siteFile, v, 0), "url: %s", msg)
					}
				},
				"licence": text(&dst.Licence, "licence"),
			}, errs)
		}
	}
	fields(siteFile, m, 0, map[string]func(*yaml.Node){
		"title":       text(&s.Title, "title"),
		"description": text(&s.Description, "description"),
		"languages":   func(v *yaml.Node) { s.Languages = parseLanguages(v, errs) },
		// language: xx, the setting of a site of one language, still
		// reads as languages: [xx].
		"language": func(v *yaml.Node) {
			tag := strings.TrimSpace(str(siteFile, v, 0, "language", errs))
			if !isLanguageTag(tag) {
				errs.Errorf(nodePos(siteFile, v, 0), "language: %q is not a language tag such as en", tag)
				return
			}
			s.Languages = []string{tag}
		},
		"base_url": func(v *yaml.Node) {
			s.BaseURL = str(siteFile, v, 0, "base_url", errs)
			if _, err := ParseBaseURL(s.BaseURL); err != nil {
				errs.Errorf(nodePos(siteFile, v, 0), "base_url: %v", err)
			}
		},
		"data":      source(&s.Data, "data"),
		"gi_data":   source(&s.GIData, "gi_data"),
		"encodings": func(v *yaml.Node) { s.Encodings = parseEncodings(v, errs) },
	}, errs)
	if s.Title == "" {
		errs.Errorf(diag.Pos{File: siteFile, Line: 1, Col: 1}, "site has no title")
	}
	return s
}

// ParseBaseURL checks a site's base URL: absolute http(s), no query or
// fragment. The result always ends in "/".
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errBaseURL("want an absolute http or https URL such as https://example.org/odop/, not " + quote(s))
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, errBaseURL("want no query or fragment in " + quote(s))
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}

type errBaseURL string

func (e errBaseURL) Error() string { return string(e) }

// parseLanguages reads site.yaml's languages: a list of BCP 47 tags such
// as en, hi or zh-Hans, the default first.
func parseLanguages(v *yaml.Node, errs *diag.List) []string {
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		errs.Errorf(nodePos(siteFile, v, 0), "languages: want a list of language tags such as [en, hi], found a %s", kindName(v))
		return []string{"en"}
	}
	var out []string
	for _, e := range v.Content {
		tag := strings.TrimSpace(str(siteFile, e, 0, "languages", errs))
		if !isLanguageTag(tag) {
			errs.Errorf(nodePos(siteFile, e, 0), "languages: %q is not a language tag such as hi or zh-Hans", tag)
			continue
		}
		out = append(out, tag)
	}
	if len(out) == 0 {
		return []string{"en"}
	}
	return out
}

// isLanguageTag accepts the tags a site may use: a 2 or 3 letter
// language, then optional subtags of letters and digits. The tag names a
// file and a URL directory, so nothing else may pass.
func isLanguageTag(s string) bool {
	parts := strings.Split(s, "-")
	if n := len(parts[0]); n < 2 || n > 3 {
		return false
	}
	for i, p := range parts {
		if p == "" || len(p) > 8 {
			return false
		}
		for _, c := range p {
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}
