package catalog

import (
	"net/url"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/odop-india/odop/internal/diag"
)

const siteFile = "site.yaml"

// loadSite reads site.yaml: the site's title, description, base URL,
// language, and where its data came from.
func (b *builder) loadSite(fsys fsReader) Site {
	errs := &b.errs
	s := Site{Language: "en"}
	src, err := readFile(fsys, siteFile)
	if err != nil {
		errs.Errorf(diag.Pos{File: siteFile}, "%v", err)
		return s
	}
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
		"language":    text(&s.Language, "language"),
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
