package site

import (
	"html/template"
	"strings"
	"text/template/parse"
)

// Fusing href's escapers: in a link, {{href .}} is escaped by html/template
// as {{href . | _html_template_urlfilter | _html_template_urlnormalizer |
// _html_template_attrescaper}}, four reflective calls for every link of
// every page. fuseHrefs rewrites that exact pipeline, once the templates
// are escaped, into one call of hrefAttrFunc, which does the same work in
// plain Go (escapeURLAttr; a test checks it against html/template byte for
// byte). Other contexts keep html/template's escapers.

// hrefAttrFunc is the template function the fused pipeline calls; the
// name cannot clash with a function a template author would write.
const hrefAttrFunc = "_odop_href_attr"

// hrefEscapers are the escapers html/template puts after a URL at the
// start of a quoted attribute value, in order.
var hrefEscapers = []string{"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"}

// fuseHrefs rewrites the escaped href pipelines of every template in t.
func fuseHrefs(t *template.Template) {
	for _, tt := range t.Templates() {
		if tt.Tree != nil && tt.Tree.Root != nil {
			fuseList(tt.Tree, tt.Tree.Root)
		}
	}
}

func fuseList(tree *parse.Tree, l *parse.ListNode) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.ActionNode:
			fusePipe(tree, n.Pipe)
		case *parse.IfNode:
			fusePipe(tree, n.Pipe)
			fuseList(tree, n.List)
			fuseList(tree, n.ElseList)
		case *parse.WithNode:
			fusePipe(tree, n.Pipe)
			fuseList(tree, n.List)
			fuseList(tree, n.ElseList)
		case *parse.RangeNode:
			fusePipe(tree, n.Pipe)
			fuseList(tree, n.List)
			fuseList(tree, n.ElseList)
		}
	}
}

func fusePipe(tree *parse.Tree, p *parse.PipeNode) {
	if p == nil || len(p.Cmds) != 1+len(hrefEscapers) {
		return
	}
	first := p.Cmds[0]
	if len(first.Args) == 0 || !isIdent(first.Args[0], "href") {
		return
	}
	for i, esc := range hrefEscapers {
		c := p.Cmds[1+i]
		if len(c.Args) != 1 || !isIdent(c.Args[0], esc) {
			return
		}
	}
	first.Args[0] = parse.NewIdentifier(hrefAttrFunc).SetTree(tree).SetPos(first.Args[0].Position())
	p.Cmds = p.Cmds[:1]
}

func isIdent(n parse.Node, name string) bool {
	id, ok := n.(*parse.IdentifierNode)
	return ok && id.Ident == name
}

// escapeURLAttr is html/template's urlfilter, urlnormalizer and
// attrescaper applied in turn to a string.
func escapeURLAttr(s string) string {
	if !isSafeURL(s) {
		s = "#ZgotmplZ"
	}
	clean := true
	for i := 0; i < len(s); i++ {
		if !urlAttrByte(s[i]) {
			clean = false
			break
		}
	}
	if clean {
		return s // the usual case: a path made of slugs
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			// An escape already; html/template's test, quirk and all (an
			// escape ending the string is encoded again).
			b.WriteByte(c)
		case c == '&':
			b.WriteString("&amp;")
		case c == '+':
			b.WriteString("&#43;")
		case urlAttrByte(c):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xF])
		}
	}
	return b.String()
}

// urlAttrByte reports whether c passes the URL normalizer and the
// attribute escaper unchanged.
func urlAttrByte(c byte) bool {
	switch c {
	case '!', '#', '$', '*', ',', '/', ':', ';', '=', '?', '@', '[', ']', '-', '.', '_', '~':
		return true
	}
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isSafeURL is html/template's test: a relative URL, or one whose scheme
// is http, https or mailto.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

// hexDigits are lower case, as html/template percent-encodes.
const hexDigits = "0123456789abcdef"
