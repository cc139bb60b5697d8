// Package markdown converts the site's Markdown (pages, story bodies) to
// HTML with one fixed, safe configuration: GitHub tables, strikethrough and
// autolinks, typographic quotes, raw HTML never rendered, and links only to
// http, https and mailto URLs or to paths within the site.
package markdown

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Converter is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New returns a Converter. Raw HTML is left off (goldmark's default), so
// "<script>" in a Markdown file is shown as an omitted-HTML comment, never run.
func New() *Converter {
	return &Converter{md: goldmark.New(goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.Linkify,
		extension.Typographer,
	))}
}

// Problem is a defect in Markdown source, at a 1-based line and byte column
// counted from the start of the source given.
type Problem struct {
	Line, Col int
	Msg       string
	// Warning marks a problem that does not make the page unsafe or
	// wrong, such as raw HTML, which is left out.
	Warning bool
}

// Check reports every link or image whose destination is not allowed, and
// every piece of raw HTML (which would be dropped from the page).
func (c *Converter) Check(src []byte) []Problem {
	doc := c.md.Parser().Parse(text.NewReader(src))
	var probs []Problem
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		switch n := n.(type) {
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.Image:
			dest = string(n.Destination)
		case *ast.AutoLink:
			dest = string(n.URL(src))
		case *ast.RawHTML, *ast.HTMLBlock:
			line, col := position(src, offset(n))
			probs = append(probs, Problem{line, col, "raw HTML in Markdown is left out of the page; use Markdown syntax", true})
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		if msg := CheckURL(dest); msg != "" {
			line, col := position(src, offset(n))
			probs = append(probs, Problem{Line: line, Col: col, Msg: msg})
		}
		return ast.WalkContinue, nil
	})
	return probs
}

// CheckURL says what is wrong with a link destination, or "" if it is
// allowed: http, https and mailto URLs, and paths and fragments without a
// scheme.
func CheckURL(dest string) string {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return fmt.Sprintf("link %q is not a valid URL", dest)
	}
	switch strings.ToLower(u.Scheme) {
	case "":
		if u.Host != "" {
			return fmt.Sprintf("link %q: want an http or https URL, not a scheme-relative one", dest)
		}
		return ""
	case "http", "https":
		if u.Host == "" {
			return fmt.Sprintf("link %q has no host", dest)
		}
		return ""
	case "mailto":
		return ""
	}
	return fmt.Sprintf("link %q: scheme %q not allowed; want http, https or mailto", dest, u.Scheme)
}

// Render converts src to HTML. Links and images whose destination starts
// with "/" are site paths and get basePath ("/" or "/sub/dir/") in front, so
// the site works under a sub-path.
func (c *Converter) Render(src []byte, basePath string) (string, error) {
	doc := c.md.Parser().Parse(text.NewReader(src))
	if basePath != "/" {
		ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *ast.Link:
				n.Destination = rebase(n.Destination, basePath)
			case *ast.Image:
				n.Destination = rebase(n.Destination, basePath)
			}
			return ast.WalkContinue, nil
		})
	}
	var buf bytes.Buffer
	if err := c.md.Renderer().Render(&buf, src, doc); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func rebase(dest []byte, basePath string) []byte {
	if len(dest) > 0 && dest[0] == '/' && (len(dest) == 1 || dest[1] != '/') {
		return append([]byte(basePath), dest[1:]...)
	}
	return dest
}

// offset finds a byte offset in the source for n: its own lines for a
// block, else the first text segment beneath it, else its parent's.
func offset(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if n.Type() == ast.TypeBlock {
			if l := n.Lines(); l != nil && l.Len() > 0 {
				return l.At(0).Start
			}
		}
		if t, ok := n.(*ast.Text); ok {
			return t.Segment.Start
		}
		if r, ok := n.(*ast.RawHTML); ok && r.Segments.Len() > 0 {
			return r.Segments.At(0).Start
		}
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			if t, ok := ch.(*ast.Text); ok {
				return t.Segment.Start
			}
		}
	}
	return 0
}

func position(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	col = off - bytes.LastIndexByte(src[:off], '\n')
	return line, col
}
