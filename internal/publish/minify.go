// Package publish writes a built site to disk: every file minified by its
// media type, assets fingerprinted, all of it into a staging directory that
// replaces the output directory in one step only when the build succeeded.
package publish

import (
	"bytes"
	"errors"
	"mime"
	"path"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies HTML, CSS, JS, JSON, SVG and XML, dispatching by media
// type; other files pass through unchanged. It is safe for concurrent use.
type Minifier struct {
	m         *minify.M
	templates *minify.M // HTML with Go template actions left as they are
}

// NewMinifier returns a Minifier. HTML keeps its document tags and end
// tags, which costs a few bytes but keeps pages valid for strict checkers
// and readable in "view source".
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	t := minify.New()
	t.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true,
		TemplateDelims: [2]string{"{{", "}}"}})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &Minifier{m: m, templates: t}
}

// MinifyTemplate minifies an HTML template's source once, before it is
// parsed, so that the pages it renders need no minifying: whitespace
// between tags goes, {{actions}} stay as they are, and script or style
// elements holding actions are left alone.
func (mf *Minifier) MinifyTemplate(src []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(src))
	if err := mf.templates.Minify("text/html", &out, bytes.NewReader(src)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// mediaTypes are the types by file extension that the minifier knows.
var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
	".webmanifest": "application/manifest+json",
}

// MediaType is the media type of a file name, by extension.
func MediaType(name string) string {
	ext := path.Ext(name)
	if t, ok := mediaTypes[ext]; ok {
		return t
	}
	return mime.TypeByExtension(ext)
}

// Minify returns data minified as the given media type, or data itself if
// the type has no minifier.
func (mf *Minifier) Minify(mediaType string, data []byte) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(len(data))
	err := mf.m.Minify(mediaType, &out, bytes.NewReader(data))
	if errors.Is(err, minify.ErrNotExist) {
		return data, nil
	}
	if err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
