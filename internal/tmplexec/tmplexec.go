// Package tmplexec compiles the escaped parse trees of an html/template
// set into Go closures.
//
// html/template executes a template with text/template's evaluator, which
// walks the parse tree and looks up every field, method and function by
// name through reflection on every execution. A Set does that work once:
// Compile turns each tree into closures that hold the functions, the
// variables' slots and, for each field or method name, an inline cache of
// how to reach it in the types it has met. The semantics are
// text/template's, and html/template's escapers (which html/template keeps
// private) are ported from Go's source, so a Set writes the same bytes as
// html/template and fails where it fails.
//
// What Compile does not support it refuses with an error, and the caller
// keeps using html/template:
//
//   - a function that is neither in the FuncMap given, nor a text/template
//     builtin, nor one of html/template's escapers;
//   - a {{template}} call of a name that is not in the set (such as the
//     templates html/template derives to call a template in a context
//     other than HTML text, "name$htmltemplate_state...", which it keeps
//     out of the html/template set);
//   - a node kind text/template's evaluator does not know;
//   - a variable declared inside a parenthesized pipeline that is an
//     argument of and, or, or a method (which text/template may leave
//     unevaluated, and its variable stack unlike a compiled one).
//
// A Set assumes the default missingkey option.
//
// Execute refuses, with ErrNotEscaped, a template whose tree does not look
// escaped: one that holds no html/template escaper and prints something,
// or prints nothing itself but calls a template that does not look
// escaped. html/template escapes a
// template, and those it calls, only when it is first executed, and a tree
// compiled before that would print unescaped text; html/template must run
// such a template.
package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"
)

// ErrNotEscaped is returned (wrapped) by Execute for a template whose tree
// does not look escaped by html/template yet. html/template will escape
// it when it executes it; compile the set again afterwards.
var ErrNotEscaped = errors.New("template not escaped by html/template")

// A Set is the compiled templates of an html/template set. It is safe for
// concurrent use: after Compile only its inline caches change, atomically.
type Set struct {
	tmpls  map[string]*tmpl
	states sync.Pool // of *execState, reused across executions
}

// tmpl is a compiled template.
type tmpl struct {
	name    string
	body    stmt // nil for an incomplete or empty template
	nslots  int  // variable slots of one execution of the template, $ included
	escaped bool // whether the tree looks escaped by html/template
}

// ctrl says how a statement ended: normally, or at a {{break}} or a
// {{continue}} that the enclosing {{range}} handles.
type ctrl uint8

const (
	ctrlNone ctrl = iota
	ctrlBreak
	ctrlContinue
)

// stmt executes a node of a template's list.
type stmt func(st *execState, dot reflect.Value) ctrl

// execState is the state of one execution.
type execState struct {
	buf *bytes.Buffer
	// vars holds the variables of the templates being executed: each
	// template call has a frame of its template's nslots slots from base.
	vars  []reflect.Value
	base  int
	depth int
	// scratch holds the arguments of the calls being made, as a stack.
	scratch []reflect.Value
}

// execError is an error of execution, carried by a panic up to Execute,
// as text/template does.
type execError struct{ err error }

// fail stops the execution with an error.
func fail(format string, args ...any) {
	panic(execError{fmt.Errorf(format, args...)})
}

// Compile compiles every template of t (an html/template set that has
// already been escaped, i.e. executed at least once, and whose trees may
// since have been rewritten) with funcs, the FuncMap t was given.
// It returns an error (never panics) when a tree uses something it cannot
// compile: an unknown function or escaper, a node kind it does not know,
// a call of a template not in the set. The caller then keeps using t.
func Compile(t *template.Template, funcs template.FuncMap) (set *Set, err error) {
	defer func() {
		// Compilation reports what it cannot handle with errors; a panic
		// would be a bug here, and the caller can still use t.
		if r := recover(); r != nil {
			set, err = nil, fmt.Errorf("tmplexec: compiling: %v", r)
		}
	}()
	set = &Set{tmpls: map[string]*tmpl{}}
	userFuncs := make(map[string]reflect.Value, len(funcs))
	for name, fn := range funcs {
		v := reflect.ValueOf(fn)
		if v.Kind() != reflect.Func {
			return nil, fmt.Errorf("tmplexec: value for %s is not a function", name)
		}
		if err := goodFunc(name, v.Type()); err != nil {
			return nil, fmt.Errorf("tmplexec: %v", err)
		}
		userFuncs[name] = v
	}
	all := t.Templates()
	trees := make(map[string]*parse.Tree, len(all))
	for _, tt := range all {
		name := tt.Name()
		set.tmpls[name] = &tmpl{name: name}
		if tt.Tree != nil && tt.Tree.Root != nil {
			trees[name] = tt.Tree
		}
	}
	for name, tree := range trees {
		tm := set.tmpls[name]
		c := &compiler{set: set, funcs: userFuncs, tmpl: tm, scope: []string{"$"}, nslots: 1}
		body, err := c.list(tree.Root)
		if err != nil {
			return nil, fmt.Errorf("tmplexec: template %q: %w", name, err)
		}
		tm.body = body
		tm.nslots = c.nslots
	}
	markEscaped(set, trees)
	return set, nil
}

// Execute applies the template named name to data, writing to w. It is
// safe for concurrent use. On error the output may be partial; the caller
// re-runs html/template to get its error message, so the error text need
// not match text/template's, but any case where text/template would fail
// fails here too.
func (s *Set) Execute(w io.Writer, name string, data any) (err error) {
	t := s.tmpls[name]
	if t == nil {
		return fmt.Errorf("tmplexec: no template %q", name)
	}
	if !t.escaped {
		return fmt.Errorf("tmplexec: template %q: %w", name, ErrNotEscaped)
	}
	buf, direct := w.(*bytes.Buffer)
	if !direct {
		buf = new(bytes.Buffer)
	}
	st, _ := s.states.Get().(*execState)
	if st == nil {
		st = &execState{}
	}
	st.buf = buf
	defer func() {
		if r := recover(); r != nil {
			err = panicError(name, r)
		}
		st.release()
		s.states.Put(st)
		if !direct {
			if _, werr := w.Write(buf.Bytes()); werr != nil && err == nil {
				err = werr
			}
		}
	}()
	dot, ok := data.(reflect.Value)
	if !ok {
		dot = reflect.ValueOf(data)
	}
	if t.body == nil {
		fail("%q is an incomplete or empty template", name)
	}
	st.vars = growVars(st.vars, t.nslots)
	st.vars[0] = dot
	if c := t.body(st, dot); c != ctrlNone {
		// A {{break}} or {{continue}} outside any range: text/template's
		// parser refuses them, and its evaluator would panic.
		fail("break or continue outside range")
	}
	return nil
}

// panicError turns what stopped an execution into its error.
func panicError(name string, r any) error {
	switch r := r.(type) {
	case execError:
		return fmt.Errorf("tmplexec: template %q: %w", name, r.err)
	case error:
		// A function that panicked (text/template recovers the panic and
		// fails) or an error of this package.
		return fmt.Errorf("tmplexec: template %q: panic: %w", name, r)
	default:
		return fmt.Errorf("tmplexec: template %q: panic: %v", name, r)
	}
}

// growVars returns vars with at least n elements.
func growVars(vars []reflect.Value, n int) []reflect.Value {
	if len(vars) >= n {
		return vars
	}
	if cap(vars) >= n {
		return vars[:n]
	}
	return append(vars[:cap(vars)], make([]reflect.Value, n-cap(vars))...)
}

// release readies st for reuse, dropping what it holds of the data.
func (st *execState) release() {
	st.vars = reuse(st.vars)
	st.scratch = reuse(st.scratch)
	st.buf, st.base, st.depth = nil, 0, 0
}

// reuse empties s for the next execution; one grown large by a deep
// recursion is dropped rather than cleared every time.
func reuse(s []reflect.Value) []reflect.Value {
	if cap(s) > 1024 {
		return nil
	}
	clear(s[:cap(s)])
	return s[:0]
}

// call executes template t with dot in a frame above the caller's frame
// of callerSlots slots.
func (st *execState) call(t *tmpl, callerSlots int, dot reflect.Value) ctrl {
	if st.depth == maxExecDepth {
		fail("exceeded maximum template depth (%v)", maxExecDepth)
	}
	if t.body == nil {
		fail("%q is an incomplete or empty template", t.name)
	}
	base := st.base
	st.base += callerSlots
	st.vars = growVars(st.vars, st.base+t.nslots)
	st.vars[st.base] = dot
	st.depth++
	c := t.body(st, dot)
	st.depth--
	st.base = base
	return c
}

// markEscaped sets the escaped flag of the templates of set whose trees
// look escaped by html/template, which escapes the templates a template
// calls along with it: a tree that has an escaper, or prints nothing and
// calls only such trees. (A tree without templates is incomplete, and
// executing it fails whether or not it is escaped.)
func markEscaped(set *Set, trees map[string]*parse.Tree) {
	facts := map[string]treeFacts{}
	for name, tree := range trees {
		facts[name] = factsOf(tree.Root)
	}
	const (
		unknown = iota
		visiting
		yes
		no
	)
	mark := map[string]int{}
	var escaped func(name string) bool
	escaped = func(name string) bool {
		switch mark[name] {
		case visiting:
			return true // a cycle: decided by the rest of it
		case yes:
			return true
		case no:
			return false
		}
		f, ok := facts[name]
		if !ok {
			mark[name] = yes
			return true
		}
		mark[name] = visiting
		ok = f.escaper || !f.prints
		if ok && !f.escaper {
			for _, callee := range f.calls {
				if !escaped(callee) {
					ok = false
					break
				}
			}
		}
		mark[name] = no
		if ok {
			mark[name] = yes
		}
		return ok
	}
	for name, t := range set.tmpls {
		t.escaped = escaped(name)
	}
}

// treeFacts are what markEscaped needs to know of a tree.
type treeFacts struct {
	escaper bool     // a command calls one of html/template's escapers
	prints  bool     // an action prints
	calls   []string // the templates called
}

func factsOf(root *parse.ListNode) treeFacts {
	var f treeFacts
	var pipe func(p *parse.PipeNode)
	var node func(n parse.Node)
	pipe = func(p *parse.PipeNode) {
		if p == nil {
			return
		}
		for _, c := range p.Cmds {
			for _, a := range c.Args {
				node(a)
			}
		}
	}
	node = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, n := range n.Nodes {
					node(n)
				}
			}
		case *parse.ActionNode:
			if len(n.Pipe.Decl) == 0 {
				f.prints = true
			}
			pipe(n.Pipe)
		case *parse.IfNode:
			pipe(n.Pipe)
			node(n.List)
			node(n.ElseList)
		case *parse.WithNode:
			pipe(n.Pipe)
			node(n.List)
			node(n.ElseList)
		case *parse.RangeNode:
			pipe(n.Pipe)
			node(n.List)
			node(n.ElseList)
		case *parse.TemplateNode:
			f.calls = append(f.calls, n.Name)
			pipe(n.Pipe)
		case *parse.PipeNode:
			pipe(n)
		case *parse.ChainNode:
			node(n.Node)
		case *parse.IdentifierNode:
			if strings.HasPrefix(n.Ident, "_html_template_") || n.Ident == "_eval_args_" {
				f.escaper = true
			}
		}
	}
	node(root)
	return f
}
