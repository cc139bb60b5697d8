package site

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"text/template/parse"
)

// Folding constants: most of what base.html writes (the head's asset
// links, the navigation, the footer) depends only on the site, not on
// the page, yet html/template would evaluate it again on every page, with
// a reflective call for each function and each escaper. After the
// templates are escaped, fold replaces every action, if, with and range
// whose value depends only on the site by the text it produces, once.
// The escapers are already in the tree then, so the text is escaped
// exactly as it would have been on each page.
//
// What counts as "depends only on the site" is deliberately narrow:
// fields reached from the view's Site, Cat, Lang and MetaCSP (the same for every page of a language),
// literals, variables set inside the folded node, and the functions in
// pureFuncs. Anything else, including {{template}} calls, is left alone,
// so a template line added later is at worst not folded, never wrong.

// siteRoots are the fields of view that are the same for every page.
var siteRoots = map[string]bool{"Site": true, "Cat": true, "Lang": true, "MetaCSP": true}

// pureFuncs are the template functions whose result depends only on their
// arguments: text/template's builtins but call, and the Renderer's own.
// html/template's escapers (named "_html_template_...") are pure too.
var pureFuncs = map[string]bool{
	"and": true, "or": true, "not": true, "len": true, "index": true, "slice": true,
	"eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"print": true, "printf": true, "println": true, "html": true, "js": true, "urlquery": true,
	"href": true, "asset": true, "assetURL": true, "markdown": true, "date": true, "num": true, "file": true,
	"t": true, "th": true, "n": true, "siteTitle": true, "siteDescription": true, "dataLang": true, "messages": true, "figures": true, "stateKind": true, "credit": true, "link": true,
	hrefAttrFunc: true, "others": true, "anchor": true, "firstN": true, "hostname": true, "join": true,
}

func isPure(name string) bool {
	return pureFuncs[name] || len(name) > 15 && name[:15] == "_html_template_"
}

// dotKind says what "." is where a node is evaluated.
type dotKind int

const (
	dotView    dotKind = iota // the page's view: only its site fields are constant
	dotConst                  // a value derived from the site alone
	dotUnknown                // page data
)

// scope is what is known where a node stands: what dot is and which
// variables hold values derived from the site alone.
type scope struct {
	dot    dotKind
	consts map[string]bool
}

func (s scope) with(dot dotKind, decl []*parse.VariableNode) scope {
	c := make(map[string]bool, len(s.consts)+len(decl))
	for k, v := range s.consts {
		c[k] = v
	}
	for _, d := range decl {
		c[d.Ident[0]] = true
	}
	return scope{dot: dot, consts: c}
}

// folder folds the constant parts of the templates reachable from one page
// kind's base.html.
type folder struct {
	t     *template.Template // the kind's template set, escaped
	probe any                // a view of any page: constant parts read only its site fields
}

// foldTemplates folds the trees of base.html and of "main", the two
// templates executed with the view as dot. It must run before the set is
// used concurrently.
func foldTemplates(t *template.Template, probe any) error {
	if err := escapeTemplates(t, probe); err != nil {
		return err
	}
	fuseHrefs(t)
	f := &folder{t: t, probe: probe}
	base := t.Lookup(baseTemplate)
	if base == nil || base.Tree == nil {
		return nil
	}
	names := []string{baseTemplate}
	if callsWithView(base.Tree.Root, "main") {
		names = append(names, "main")
	}
	for _, name := range names {
		if tt := t.Lookup(name); tt != nil && tt.Tree != nil {
			f.list(tt.Tree, tt.Tree.Root, scope{dot: dotView})
		}
	}
	return nil
}

// escapeTemplates has html/template escape every template reachable from
// base.html, which it does when it first executes them: tmplexec compiles
// escaped trees. Errors of the execution itself (the probe has no page
// data) do not matter; escaping errors do.
func escapeTemplates(t *template.Template, probe any) error {
	err := t.ExecuteTemplate(io.Discard, baseTemplate, probe)
	var escErr *template.Error
	if errors.As(err, &escErr) {
		return err
	}
	return nil
}

// callsWithView reports whether every call of the template name in l
// passes the view: {{template "main" .}} where dot is the view, that is,
// outside any with or range. Only then is "main" folded as if its dot and
// $ were the view.
func callsWithView(l *parse.ListNode, name string) bool {
	if l == nil {
		return true
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TemplateNode:
			if n.Name != name {
				continue
			}
			if n.Pipe == nil || len(n.Pipe.Decl) > 0 || len(n.Pipe.Cmds) != 1 || len(n.Pipe.Cmds[0].Args) != 1 {
				return false
			}
			if _, dot := n.Pipe.Cmds[0].Args[0].(*parse.DotNode); !dot {
				return false
			}
		case *parse.IfNode:
			if !callsWithView(n.List, name) || !callsWithView(n.ElseList, name) {
				return false
			}
		case *parse.WithNode:
			if mentions(n.List, name) || !callsWithView(n.ElseList, name) {
				return false
			}
		case *parse.RangeNode:
			if mentions(n.List, name) || !callsWithView(n.ElseList, name) {
				return false
			}
		}
	}
	return true
}

// mentions reports whether l calls the template name anywhere.
func mentions(l *parse.ListNode, name string) bool {
	return l != nil && bytes.Contains([]byte(l.String()), []byte(`{{template "`+name+`"`))
}

// list folds the constant nodes of l in place, and looks inside the
// others for constant parts.
func (f *folder) list(tree *parse.Tree, l *parse.ListNode, s scope) {
	if l == nil {
		return
	}
	out := l.Nodes[:0]
	for _, n := range l.Nodes {
		if _, isText := n.(*parse.TextNode); !isText && constNode(n, s) {
			if text, ok := f.eval(tree, n); ok {
				n = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Position(), Text: text}
			}
		} else {
			f.inside(tree, n, s)
		}
		// Adjacent text becomes one node: one write instead of several.
		if t, ok := n.(*parse.TextNode); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*parse.TextNode); ok {
				merged := append(append([]byte{}, prev.Text...), t.Text...)
				out[len(out)-1] = &parse.TextNode{NodeType: parse.NodeText, Pos: prev.Pos, Text: merged}
				continue
			}
		}
		out = append(out, n)
	}
	l.Nodes = out
}

// inside folds within a node that is not constant as a whole.
func (f *folder) inside(tree *parse.Tree, n parse.Node, s scope) {
	switch n := n.(type) {
	case *parse.IfNode:
		f.list(tree, n.List, s)
		f.list(tree, n.ElseList, s)
	case *parse.WithNode:
		f.list(tree, n.List, scope{dot: dotUnknown, consts: s.consts})
		f.list(tree, n.ElseList, s)
	case *parse.RangeNode:
		// Variables the range declares hold page data.
		f.list(tree, n.List, scope{dot: dotUnknown, consts: without(s.consts, n.Pipe.Decl)})
		f.list(tree, n.ElseList, s)
	}
}

func without(c map[string]bool, decl []*parse.VariableNode) map[string]bool {
	if len(decl) == 0 {
		return c
	}
	out := make(map[string]bool, len(c))
	for k, v := range c {
		out[k] = v
	}
	for _, d := range decl {
		out[d.Ident[0]] = false
	}
	return out
}

// eval executes one node alone, by making it for a moment the whole of its
// tree, and returns what it wrote.
func (f *folder) eval(tree *parse.Tree, n parse.Node) ([]byte, bool) {
	root := tree.Root
	tree.Root = &parse.ListNode{NodeType: parse.NodeList, Pos: n.Position(), Nodes: []parse.Node{n}}
	defer func() { tree.Root = root }()
	var b bytes.Buffer
	if err := f.t.ExecuteTemplate(&b, tree.Name, f.probe); err != nil {
		// Left as it is, the node fails the same way on every page, and
		// that error names the page.
		return nil, false
	}
	return b.Bytes(), true
}

// constNode reports whether n writes the same text on every page.
func constNode(n parse.Node, s scope) bool {
	switch n := n.(type) {
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		return true
	case *parse.ActionNode:
		// {{$x := ...}} declares a variable for what follows: keep it.
		return len(n.Pipe.Decl) == 0 && constPipe(n.Pipe, s)
	case *parse.IfNode:
		return constPipe(n.Pipe, s) && constList(n.List, s.with(s.dot, n.Pipe.Decl)) && constList(n.ElseList, s)
	case *parse.WithNode:
		return constPipe(n.Pipe, s) && constList(n.List, s.with(dotConst, n.Pipe.Decl)) && constList(n.ElseList, s)
	case *parse.RangeNode:
		return constPipe(n.Pipe, s) && constList(n.List, s.with(dotConst, n.Pipe.Decl)) && constList(n.ElseList, s)
	}
	return false // {{template}}, {{block}} and anything new
}

func constList(l *parse.ListNode, s scope) bool {
	if l == nil {
		return true
	}
	for _, n := range l.Nodes {
		if !constNode(n, s) {
			return false
		}
	}
	return true
}

func constPipe(p *parse.PipeNode, s scope) bool {
	if p == nil {
		return true
	}
	if p.IsAssign {
		return false // assigns a variable declared outside
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			if !constArg(a, s) {
				return false
			}
		}
	}
	return true
}

func constArg(n parse.Node, s scope) bool {
	switch n := n.(type) {
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return true
	case *parse.IdentifierNode:
		return isPure(n.Ident)
	case *parse.DotNode:
		return s.dot == dotConst
	case *parse.FieldNode:
		return s.dot == dotConst || s.dot == dotView && siteRoots[n.Ident[0]]
	case *parse.VariableNode:
		if n.Ident[0] == "$" {
			// $ is the view in the two templates folded.
			return len(n.Ident) > 1 && siteRoots[n.Ident[1]]
		}
		return s.consts[n.Ident[0]]
	case *parse.ChainNode:
		return constArg(n.Node, s)
	case *parse.PipeNode:
		return len(n.Decl) == 0 && constPipe(n, s)
	}
	return false
}
