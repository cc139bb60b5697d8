package tmplexec

import (
	"errors"
	"fmt"
	"reflect"
	"text/template/parse"
)

// The compiler turns a parse tree into closures that do what
// text/template's evaluator (text/template/exec.go) does when it walks the
// tree. The comments name the evaluator's functions each piece follows.
//
// Variables: text/template keeps a stack of (name, value) pairs and looks
// a variable up by name, from the top, on every use. The stack's shape at
// any node is fixed by the tree (declarations push, the end of an if,
// with or range pops, and each range iteration pops what its body
// pushed), so the compiler replays it: a variable is a slot, its index in
// the stack, and each use reads the slot of the latest declaration of the
// name in scope there.

// compiler compiles one template.
type compiler struct {
	set   *Set
	funcs map[string]reflect.Value
	tmpl  *tmpl
	// scope is the names on text/template's variable stack at the node
	// being compiled, by slot; nslots is its greatest length.
	scope  []string
	nslots int
	// lazy counts the enclosing arguments that text/template may not
	// evaluate (those of and/or, and of methods), where a declaration
	// would make its stack unlike the compiled one.
	lazy int
}

// expr evaluates a node to a value.
type expr func(st *execState, dot reflect.Value) reflect.Value

// command is a compiled command of a pipeline.
type command struct {
	// val evaluates the command; final is the previous command's value,
	// when the command is not the pipeline's first.
	val func(st *execState, dot, final reflect.Value) reflect.Value
	// str, when set, evaluates the command to a string of type strType,
	// a string kind without methods, without boxing it in a reflect.Value.
	str     func(st *execState, dot, final reflect.Value) string
	strType reflect.Type
	// esc is set when the command is an escaper applied to the previous
	// command's value alone, as html/template writes them.
	esc *escaper
}

// pipeline is a compiled pipeline.
type pipeline struct {
	val expr
	// str and strType are as for command.
	str     func(st *execState, dot reflect.Value) string
	strType reflect.Type
	// print writes the pipeline's value as an action prints it.
	print func(st *execState, dot reflect.Value)
}

var stringType = reflect.TypeFor[string]()

// errUnsupported marks what this package does not compile.
var errUnsupported = errors.New("not supported")

func (c *compiler) push(name string) int {
	c.scope = append(c.scope, name)
	if len(c.scope) > c.nslots {
		c.nslots = len(c.scope)
	}
	return len(c.scope) - 1
}

func (c *compiler) lookup(name string) (int, bool) {
	for i := len(c.scope) - 1; i >= 0; i-- {
		if c.scope[i] == name {
			return i, true
		}
	}
	return 0, false
}

func noop(*execState, reflect.Value) ctrl { return ctrlNone }

// list compiles a list of nodes (walk's ListNode case).
func (c *compiler) list(l *parse.ListNode) (stmt, error) {
	if l == nil {
		return noop, nil
	}
	var stmts []stmt
	// Adjacent text, which a rewritten tree has often, is written at once.
	var text []byte
	flush := func() {
		if text != nil {
			t := text
			stmts = append(stmts, func(st *execState, _ reflect.Value) ctrl {
				st.buf.Write(t)
				return ctrlNone
			})
			text = nil
		}
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			text = append(text, n.Text...)
			continue
		case *parse.CommentNode:
			continue
		}
		flush()
		s, err := c.node(n)
		if err != nil {
			return nil, err
		}
		stmts = append(stmts, s)
	}
	flush()
	switch len(stmts) {
	case 0:
		return noop, nil
	case 1:
		return stmts[0], nil
	}
	return func(st *execState, dot reflect.Value) ctrl {
		for _, s := range stmts {
			if c := s(st, dot); c != ctrlNone {
				return c
			}
		}
		return ctrlNone
	}, nil
}

// node compiles a node of a list (walk).
func (c *compiler) node(n parse.Node) (stmt, error) {
	switch n := n.(type) {
	case *parse.ActionNode:
		return c.action(n)
	case *parse.BreakNode:
		return func(*execState, reflect.Value) ctrl { return ctrlBreak }, nil
	case *parse.ContinueNode:
		return func(*execState, reflect.Value) ctrl { return ctrlContinue }, nil
	case *parse.IfNode:
		return c.ifOrWith(false, n.Pipe, n.List, n.ElseList)
	case *parse.WithNode:
		return c.ifOrWith(true, n.Pipe, n.List, n.ElseList)
	case *parse.ListNode:
		return c.list(n)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.templateNode(n)
	case *parse.TextNode, *parse.CommentNode:
		return c.list(&parse.ListNode{Nodes: []parse.Node{n}})
	}
	return nil, fmt.Errorf("%w: node %s of type %T", errUnsupported, n, n)
}

// action compiles an action (walk's ActionNode case): a pipeline printed,
// unless it declares variables.
func (c *compiler) action(n *parse.ActionNode) (stmt, error) {
	p, _, err := c.pipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	if len(n.Pipe.Decl) > 0 {
		val := p.val
		return func(st *execState, dot reflect.Value) ctrl {
			val(st, dot)
			return ctrlNone
		}, nil
	}
	print := p.print
	return func(st *execState, dot reflect.Value) ctrl {
		print(st, dot)
		return ctrlNone
	}, nil
}

// ifOrWith compiles an if or a with (walkIfOrWith).
func (c *compiler) ifOrWith(with bool, pipe *parse.PipeNode, list, elseList *parse.ListNode) (stmt, error) {
	mark := len(c.scope)
	p, _, err := c.pipe(pipe)
	if err != nil {
		return nil, err
	}
	afterPipe := len(c.scope)
	body, err := c.list(list)
	if err != nil {
		return nil, err
	}
	// The else branch runs without what the body declared, which
	// text/template pops only at the end; its parser lets the branch name
	// them all the same.
	c.scope = c.scope[:afterPipe]
	var els stmt
	if elseList != nil {
		if els, err = c.list(elseList); err != nil {
			return nil, err
		}
	}
	c.scope = c.scope[:mark]
	val := p.val
	return func(st *execState, dot reflect.Value) ctrl {
		v := val(st, dot)
		truth, ok := isTrue(indirectInterface(v))
		if !ok {
			fail("if/with can't use %v", v)
		}
		if truth {
			if with {
				return body(st, v)
			}
			return body(st, dot)
		}
		if els != nil {
			return els(st, dot)
		}
		return ctrlNone
	}, nil
}

// rangeNode compiles a range (walkRange).
func (c *compiler) rangeNode(r *parse.RangeNode) (stmt, error) {
	mark := len(c.scope)
	p, slots, err := c.pipe(r.Pipe)
	if err != nil {
		return nil, err
	}
	if len(slots) > 2 {
		return nil, fmt.Errorf("%w: range with %d variables", errUnsupported, len(slots))
	}
	bodyMark := len(c.scope)
	body, err := c.list(r.List)
	if err != nil {
		return nil, err
	}
	c.scope = c.scope[:bodyMark]
	var els stmt
	if r.ElseList != nil {
		if els, err = c.list(r.ElseList); err != nil {
			return nil, err
		}
	}
	c.scope = c.scope[:mark]
	val := p.val
	nvars := len(slots)
	// iteration is oneIteration: with one variable it is set to the
	// element, with two to the index and the element. (text/template
	// has more cases, for declarations and assignments, which come to
	// this.) It reports whether the loop goes on.
	iteration := func(st *execState, index, elem reflect.Value) bool {
		switch nvars {
		case 1:
			st.vars[st.base+slots[0]] = elem
		case 2:
			st.vars[st.base+slots[0]] = index
			st.vars[st.base+slots[1]] = elem
		}
		return body(st, elem) != ctrlBreak
	}
	// seq ranges over the values of an integer or an iterator function,
	// each the element; it reports whether there was one.
	seq := func(st *execState, v reflect.Value) bool {
		if nvars > 1 {
			fail("can't use %v to iterate over more than one variable", v)
		}
		ran := false
		for e := range v.Seq() {
			ran = true
			// Pass element as second value, as we do for channels.
			if !iteration(st, reflect.Value{}, e) {
				break
			}
		}
		return ran
	}
	return func(st *execState, dot reflect.Value) ctrl {
		v, _ := indirectValue(val(st, dot))
		switch v.Kind() {
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			if seq(st, v) {
				return ctrlNone
			}
		case reflect.Array, reflect.Slice:
			if v.Len() == 0 {
				break
			}
			for i := 0; i < v.Len(); i++ {
				var index reflect.Value
				if nvars > 1 {
					index = reflect.ValueOf(i)
				}
				if !iteration(st, index, v.Index(i)) {
					break
				}
			}
			return ctrlNone
		case reflect.Map:
			if v.Len() == 0 {
				break
			}
			for _, kv := range sortMap(v) {
				if !iteration(st, kv.Key, kv.Value) {
					break
				}
			}
			return ctrlNone
		case reflect.Chan:
			if v.IsNil() {
				break
			}
			if v.Type().ChanDir() == reflect.SendDir {
				fail("range over send-only channel %v", v)
			}
			ran := false
			for i := 0; ; i++ {
				e, ok := v.Recv()
				if !ok {
					break
				}
				ran = true
				if !iteration(st, reflect.ValueOf(i), e) {
					break
				}
			}
			if ran {
				return ctrlNone
			}
		case reflect.Invalid:
			// An invalid value is likely a nil map, etc. and acts like an empty map.
		case reflect.Func:
			switch {
			case v.Type().CanSeq():
				if seq(st, v) {
					return ctrlNone
				}
			case v.Type().CanSeq2():
				ran := false
				for i, e := range v.Seq2() {
					ran = true
					var goOn bool
					if nvars > 1 {
						goOn = iteration(st, i, e)
					} else {
						// With one range variable, the element is the
						// iterator's first value.
						goOn = iteration(st, reflect.Value{}, i)
					}
					if !goOn {
						break
					}
				}
				if ran {
					return ctrlNone
				}
			default:
				fail("range can't iterate over %v", v)
			}
		default:
			fail("range can't iterate over %v", v)
		}
		if els != nil {
			// A {{break}} in the else branch (of a range in a range) ends
			// this range only: text/template's walkRange recovers it.
			if c := els(st, dot); c != ctrlBreak {
				return c
			}
		}
		return ctrlNone
	}, nil
}

// templateNode compiles a {{template}} call (walkTemplate).
func (c *compiler) templateNode(n *parse.TemplateNode) (stmt, error) {
	target := c.set.tmpls[n.Name]
	if target == nil {
		return nil, fmt.Errorf("%w: call of template %q, not in the set", errUnsupported, n.Name)
	}
	// Variables declared by the pipeline persist.
	p, _, err := c.pipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	val, caller := p.val, c.tmpl
	return func(st *execState, dot reflect.Value) ctrl {
		// No dynamic scoping: template invocations inherit no variables.
		return st.call(target, caller.nslots, val(st, dot))
	}, nil
}

// dig is evalPipeline's step after each command: if the value has type
// interface{}, dig down one level to the thing inside.
func dig(v reflect.Value) reflect.Value {
	if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
		return v.Elem()
	}
	return v
}

// pipe compiles a pipeline (evalPipeline) and returns it with the slots of
// the variables it declares or assigns.
func (c *compiler) pipe(p *parse.PipeNode) (*pipeline, []int, error) {
	if p == nil {
		return &pipeline{
			val:   func(*execState, reflect.Value) reflect.Value { return reflect.Value{} },
			print: func(st *execState, _ reflect.Value) { printValue(st, reflect.Value{}) },
		}, nil, nil
	}
	if len(p.Cmds) == 0 {
		return nil, nil, fmt.Errorf("%w: empty pipeline", errUnsupported)
	}
	if len(p.Decl) > 0 && !p.IsAssign && c.lazy > 0 {
		return nil, nil, fmt.Errorf("%w: declaration in an argument of and, or or a method", errUnsupported)
	}
	cmds := make([]command, len(p.Cmds))
	for i, cmd := range p.Cmds {
		var err error
		if cmds[i], err = c.command(cmd, i > 0); err != nil {
			return nil, nil, err
		}
	}
	out := buildPipeline(cmds)
	if len(p.Decl) == 0 {
		return out, nil, nil
	}
	// The variables are pushed, or set, once the commands have run.
	slots := make([]int, len(p.Decl))
	for i, v := range p.Decl {
		name := v.Ident[0]
		if !p.IsAssign {
			slots[i] = c.push(name)
			continue
		}
		slot, ok := c.lookup(name)
		if !ok {
			out.val = failExpr("undefined variable: %s", name)
			return out, nil, nil
		}
		slots[i] = slot
	}
	val := out.val
	out.val = func(st *execState, dot reflect.Value) reflect.Value {
		v := val(st, dot)
		for _, slot := range slots {
			st.vars[st.base+slot] = v
		}
		return v
	}
	return out, slots, nil
}

// buildPipeline composes a pipeline's commands. An escaper after the
// first command, applied to the previous value alone, is called directly
// on it, and the last one writes to the output buffer.
func buildPipeline(cmds []command) *pipeline {
	k := len(cmds) // cmds[k:] are escapers
	for k > 1 && cmds[k-1].esc != nil {
		k--
	}
	prefix := seq(cmds[:k-1])
	last := cmds[k-1]
	var lastVal expr
	var lastStr func(*execState, reflect.Value) string
	if prefix == nil {
		f := last.val
		lastVal = func(st *execState, dot reflect.Value) reflect.Value {
			return dig(f(st, dot, reflect.Value{}))
		}
		if f := last.str; f != nil {
			lastStr = func(st *execState, dot reflect.Value) string { return f(st, dot, reflect.Value{}) }
		}
	} else {
		f := last.val
		lastVal = func(st *execState, dot reflect.Value) reflect.Value {
			return dig(f(st, dot, prefix(st, dot)))
		}
		if f := last.str; f != nil {
			lastStr = func(st *execState, dot reflect.Value) string { return f(st, dot, prefix(st, dot)) }
		}
	}
	escs := cmds[k:]
	if len(escs) == 0 {
		p := &pipeline{val: lastVal, str: lastStr, strType: last.strType}
		if lastStr != nil {
			p.print = func(st *execState, dot reflect.Value) { st.buf.WriteString(lastStr(st, dot)) }
		} else {
			p.print = func(st *execState, dot reflect.Value) { printValue(st, lastVal(st, dot)) }
		}
		return p
	}
	str := escapeChain(lastStr, lastVal, last.strType, escs)
	p := &pipeline{
		val:     func(st *execState, dot reflect.Value) reflect.Value { return reflect.ValueOf(str(st, dot)) },
		str:     str,
		strType: stringType, // the escapers return strings
	}
	// Printing: the last escaper writes to the buffer itself.
	end := escs[len(escs)-1].esc
	switch {
	case len(escs) > 1:
		prev := escapeChain(lastStr, lastVal, last.strType, escs[:len(escs)-1])
		p.print = func(st *execState, dot reflect.Value) { end.write(st.buf, prev(st, dot), contentTypePlain) }
	case lastStr != nil:
		ct := contentTypeOf(last.strType)
		p.print = func(st *execState, dot reflect.Value) { end.write(st.buf, lastStr(st, dot), ct) }
	default:
		p.print = func(st *execState, dot reflect.Value) { end.writeValue(st.buf, lastVal(st, dot)) }
	}
	return p
}

// escapeChain applies escs, in turn, to the last command's string (of a
// content type known now) or value.
func escapeChain(lastStr func(*execState, reflect.Value) string, lastVal expr, strType reflect.Type, escs []command) func(*execState, reflect.Value) string {
	first := escs[0].esc
	var str func(st *execState, dot reflect.Value) string
	if lastStr != nil {
		ct := contentTypeOf(strType)
		str = func(st *execState, dot reflect.Value) string { return first.str(lastStr(st, dot), ct) }
	} else {
		str = func(st *execState, dot reflect.Value) string { return first.value(lastVal(st, dot)) }
	}
	for _, e := range escs[1:] {
		prev, e := str, e.esc
		str = func(st *execState, dot reflect.Value) string { return e.str(prev(st, dot), contentTypePlain) }
	}
	return str
}

// seq evaluates commands in turn, each value the final argument of the
// next; nil for no commands.
func seq(cmds []command) expr {
	switch len(cmds) {
	case 0:
		return nil
	case 1:
		f := cmds[0].val
		return func(st *execState, dot reflect.Value) reflect.Value {
			return dig(f(st, dot, reflect.Value{}))
		}
	}
	return func(st *execState, dot reflect.Value) reflect.Value {
		var v reflect.Value
		for _, c := range cmds {
			v = dig(c.val(st, dot, v))
		}
		return v
	}
}

// printValue writes the textual representation of the value to the output
// (text/template's printValue).
func printValue(st *execState, v reflect.Value) {
	if v.Kind() == reflect.String {
		// A string without methods, on the value or (when it could be
		// reached) on its pointer, prints as itself.
		if t := v.Type(); t.NumMethod() == 0 && (!v.CanAddr() || reflect.PointerTo(t).NumMethod() == 0) && v.CanInterface() {
			st.buf.WriteString(v.String())
			return
		}
	}
	iface, ok := printableValue(v)
	if !ok {
		fail("can't print value of type %s", v.Type())
	}
	fmt.Fprint(st.buf, iface)
}

// failCommand is a command that fails when evaluated: text/template raises
// the error only if it executes the node.
func failCommand(format string, args ...any) command {
	err := fmt.Errorf(format, args...)
	return command{val: func(*execState, reflect.Value, reflect.Value) reflect.Value {
		panic(execError{err})
	}}
}

func failExpr(format string, args ...any) expr {
	err := fmt.Errorf(format, args...)
	return func(*execState, reflect.Value) reflect.Value { panic(execError{err}) }
}

func constCommand(v reflect.Value) command {
	return command{val: func(*execState, reflect.Value, reflect.Value) reflect.Value { return v }}
}

// command compiles a command (evalCommand).
func (c *compiler) command(cmd *parse.CommandNode, hasFinal bool) (command, error) {
	if len(cmd.Args) == 0 {
		return command{}, fmt.Errorf("%w: empty command", errUnsupported)
	}
	firstWord := cmd.Args[0]
	switch n := firstWord.(type) {
	case *parse.FieldNode:
		return c.chain(nil, n.Ident, cmd.Args, hasFinal)
	case *parse.ChainNode:
		return c.chainNode(n, cmd.Args, hasFinal)
	case *parse.IdentifierNode:
		// Must be a function.
		return c.function(n, cmd.Args, hasFinal)
	case *parse.PipeNode:
		// Parenthesized pipeline. The arguments are all inside the pipeline; final must be absent.
		if len(cmd.Args) > 1 || hasFinal {
			return failCommand("can't give argument to non-function %s", cmd.Args[0]), nil
		}
		p, _, err := c.pipe(n)
		if err != nil {
			return command{}, err
		}
		out := command{val: func(st *execState, dot, _ reflect.Value) reflect.Value { return p.val(st, dot) }}
		if p.str != nil {
			out.str = func(st *execState, dot, _ reflect.Value) string { return p.str(st, dot) }
			out.strType = p.strType
		}
		return out, nil
	case *parse.VariableNode:
		return c.variable(n, cmd.Args, hasFinal)
	}
	if len(cmd.Args) > 1 || hasFinal {
		return failCommand("can't give argument to non-function %s", cmd.Args[0]), nil
	}
	switch word := firstWord.(type) {
	case *parse.BoolNode:
		return constCommand(reflect.ValueOf(word.True)), nil
	case *parse.DotNode:
		return command{val: func(_ *execState, dot, _ reflect.Value) reflect.Value { return dot }}, nil
	case *parse.NilNode:
		return failCommand("nil is not a command"), nil
	case *parse.NumberNode:
		v, err := idealConstant(word)
		if err != nil {
			return failCommand("%v", err), nil
		}
		return constCommand(v), nil
	case *parse.StringNode:
		out := constCommand(reflect.ValueOf(word.Text))
		text := word.Text
		out.str = func(*execState, reflect.Value, reflect.Value) string { return text }
		out.strType = stringType
		return out, nil
	}
	return command{}, fmt.Errorf("%w: command %q", errUnsupported, firstWord)
}

// variable compiles a variable, possibly followed by fields
// (evalVariableNode). args is nil for an argument.
func (c *compiler) variable(n *parse.VariableNode, args []parse.Node, hasFinal bool) (command, error) {
	name := n.Ident[0]
	slot, ok := c.lookup(name)
	if !ok {
		return failCommand("undefined variable: %s", name), nil
	}
	value := func(st *execState, _ reflect.Value) reflect.Value { return st.vars[st.base+slot] }
	if len(n.Ident) == 1 {
		if len(args) > 1 || hasFinal {
			return failCommand("can't give argument to non-function %s", args[0]), nil
		}
		return command{val: func(st *execState, _, _ reflect.Value) reflect.Value { return st.vars[st.base+slot] }}, nil
	}
	return c.chain(value, n.Ident[1:], args, hasFinal)
}

// chainNode compiles (pipe).Field1.Field2 (evalChainNode).
func (c *compiler) chainNode(n *parse.ChainNode, args []parse.Node, hasFinal bool) (command, error) {
	if len(n.Field) == 0 {
		return failCommand("internal error: no fields in evalChainNode"), nil
	}
	if n.Node.Type() == parse.NodeNil {
		return failCommand("indirection through explicit nil in %s", n), nil
	}
	// The pipe is evaluated as an argument of no type (evalArg(dot, nil, node)).
	src, err := c.argSrc(n.Node)
	if err != nil {
		return command{}, err
	}
	recv := src.eval
	if recv == nil {
		// A literal: text/template's parser refuses it.
		recv = failExpr("can't evaluate %s", n.Node)
	}
	return c.chain(recv, n.Field, args, hasFinal)
}

// chain compiles the field chain .X.Y.Z on recv (on dot when recv is nil),
// the last possibly a method with the arguments args[1:] (evalFieldChain).
// args is nil when the chain is an argument.
func (c *compiler) chain(recv expr, idents []string, args []parse.Node, hasFinal bool) (command, error) {
	steps := make([]*fieldStep, len(idents))
	for i, name := range idents {
		steps[i] = &fieldStep{name: name}
	}
	last := steps[len(steps)-1]
	last.hasFinal = hasFinal
	last.hasArgs = len(args) > 1 || hasFinal
	if len(args) > 1 {
		c.lazy++
		for _, a := range args[1:] {
			src, err := c.argSrc(a)
			if err != nil {
				c.lazy--
				return command{}, err
			}
			last.args = append(last.args, src)
		}
		c.lazy--
	}
	if recv == nil && len(steps) == 1 {
		return command{val: func(st *execState, dot, final reflect.Value) reflect.Value {
			return last.eval(st, dot, final, dot)
		}}, nil
	}
	inner := steps[:len(steps)-1]
	return command{val: func(st *execState, dot, final reflect.Value) reflect.Value {
		r := dot
		if recv != nil {
			r = recv(st, dot)
		}
		for _, s := range inner {
			r = s.eval(st, dot, reflect.Value{}, r)
		}
		return last.eval(st, dot, final, r)
	}}, nil
}

// argSrc is a compiled argument before its type is known: a literal
// is typed by the parameter it is passed to (evalArg).
type argSrc struct {
	node parse.Node
	eval expr // nil for a literal
}

// argSrc compiles an argument (the first switch of evalArg).
func (c *compiler) argSrc(n parse.Node) (argSrc, error) {
	src := argSrc{node: n}
	var cmd command
	var err error
	switch n := n.(type) {
	case *parse.DotNode:
		src.eval = func(_ *execState, dot reflect.Value) reflect.Value { return dot }
		return src, nil
	case *parse.FieldNode:
		cmd, err = c.chain(nil, n.Ident, []parse.Node{n}, false)
	case *parse.VariableNode:
		cmd, err = c.variable(n, nil, false)
	case *parse.PipeNode:
		p, _, err := c.pipe(n)
		if err != nil {
			return src, err
		}
		src.eval = p.val
		return src, nil
	case *parse.IdentifierNode:
		cmd, err = c.function(n, nil, false)
	case *parse.ChainNode:
		cmd, err = c.chainNode(n, nil, false)
	default:
		return src, nil
	}
	if err != nil {
		return src, err
	}
	f := cmd.val
	src.eval = func(st *execState, dot reflect.Value) reflect.Value { return f(st, dot, reflect.Value{}) }
	return src, nil
}

// typedArg evaluates an argument for a parameter of type typ (evalArg).
// With raw, a reflect.Value parameter gets the value itself, which is what
// a builtin taking a reflect.Value receives from text/template's
// reflective call; this package calls the builtins directly.
func typedArg(src argSrc, typ reflect.Type, raw bool) expr {
	if src.eval != nil {
		ev := src.eval
		switch {
		case raw && typ == reflectValueType:
			return func(st *execState, dot reflect.Value) reflect.Value { return rawValue(ev(st, dot)) }
		case typ.Kind() == reflect.Interface && typ.NumMethod() == 0:
			// Everything is assignable to an empty interface.
			zero := reflect.Zero(typ)
			return func(st *execState, dot reflect.Value) reflect.Value {
				if v := ev(st, dot); v.IsValid() {
					return v
				}
				return zero
			}
		}
		return func(st *execState, dot reflect.Value) reflect.Value {
			v := ev(st, dot)
			if v.IsValid() && v.Type() == typ {
				return v
			}
			return validateType(v, typ)
		}
	}
	v, err := literalArg(src.node, typ, raw)
	if err != nil {
		return func(*execState, reflect.Value) reflect.Value { panic(execError{err}) }
	}
	return func(*execState, reflect.Value) reflect.Value { return v }
}

// rawValue is the value a builtin's reflect.Value parameter gets.
func rawValue(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Type() == reflectValueType {
		return v.Interface().(reflect.Value)
	}
	return v
}

// literalArg is the value of a literal argument for a parameter of type
// typ (evalArg and the functions it calls).
func literalArg(n parse.Node, typ reflect.Type, raw bool) (reflect.Value, error) {
	if _, ok := n.(*parse.NilNode); ok {
		if canBeNil(typ) {
			if raw && typ == reflectValueType {
				return reflect.Value{}, nil
			}
			return reflect.Zero(typ), nil
		}
		return reflect.Value{}, fmt.Errorf("cannot assign nil to %s", typ)
	}
	num, _ := n.(*parse.NumberNode)
	switch typ.Kind() {
	case reflect.Bool:
		if b, ok := n.(*parse.BoolNode); ok {
			value := reflect.New(typ).Elem()
			value.SetBool(b.True)
			return value, nil
		}
		return reflect.Value{}, fmt.Errorf("expected bool; found %s", n)
	case reflect.Complex64, reflect.Complex128:
		if num != nil && num.IsComplex {
			value := reflect.New(typ).Elem()
			value.SetComplex(num.Complex128)
			return value, nil
		}
		return reflect.Value{}, fmt.Errorf("expected complex; found %s", n)
	case reflect.Float32, reflect.Float64:
		if num != nil && num.IsFloat {
			value := reflect.New(typ).Elem()
			value.SetFloat(num.Float64)
			return value, nil
		}
		return reflect.Value{}, fmt.Errorf("expected float; found %s", n)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if num != nil && num.IsInt {
			value := reflect.New(typ).Elem()
			value.SetInt(num.Int64)
			return value, nil
		}
		return reflect.Value{}, fmt.Errorf("expected integer; found %s", n)
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return emptyInterfaceLiteral(n)
		}
	case reflect.Struct:
		if typ == reflectValueType {
			v, err := emptyInterfaceLiteral(n)
			if err != nil || raw {
				return v, err
			}
			return reflect.ValueOf(v), nil
		}
	case reflect.String:
		if s, ok := n.(*parse.StringNode); ok {
			value := reflect.New(typ).Elem()
			value.SetString(s.Text)
			return value, nil
		}
		return reflect.Value{}, fmt.Errorf("expected string; found %s", n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if num != nil && num.IsUint {
			value := reflect.New(typ).Elem()
			value.SetUint(num.Uint64)
			return value, nil
		}
		return reflect.Value{}, fmt.Errorf("expected unsigned integer; found %s", n)
	}
	return reflect.Value{}, fmt.Errorf("can't handle %s for arg of type %s", n, typ)
}

// emptyInterfaceLiteral is a literal's value for an interface{} parameter
// (evalEmptyInterface).
func emptyInterfaceLiteral(n parse.Node) (reflect.Value, error) {
	switch n := n.(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(n.True), nil
	case *parse.NumberNode:
		return idealConstant(n)
	case *parse.StringNode:
		return reflect.ValueOf(n.Text), nil
	}
	return reflect.Value{}, fmt.Errorf("can't handle assignment of %s to empty interface argument", n)
}
