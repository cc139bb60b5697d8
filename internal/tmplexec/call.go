package tmplexec

import (
	"fmt"
	"html/template"
	"reflect"
	"text/template/parse"
)

// impl is how a function a template names is called, once its arguments
// are evaluated and checked against its parameters.
type impl struct {
	name string
	// typ is the function's signature, which types its arguments and
	// checks their number as text/template does.
	typ reflect.Type
	// raw: reflect.Value parameters get values as they are (rawValue).
	raw bool
	// val calls the function with its arguments, args[i] for the ith
	// (the variadic ones each on their own, as text/template passes
	// them to reflect.Value.Call).
	val func(args []reflect.Value) reflect.Value
	// str, when set, calls the function for its result as a string of
	// type strType, a string kind without methods.
	str     func(args []reflect.Value) string
	strType reflect.Type
	// esc is set for an escaper.
	esc *escaper
	// special is "and", "or" or "call" for those builtins, which
	// text/template evaluates specially.
	special string
}

// function compiles a call of the function id names (evalFunction,
// evalCall). args are the command's words, the function's name first, or
// nil when the call is an argument (and so has no arguments).
func (c *compiler) function(id *parse.IdentifierNode, args []parse.Node, hasFinal bool) (command, error) {
	name := id.Ident
	fn, err := c.impl(name)
	if err != nil {
		return command{}, err
	}
	var argNodes []parse.Node
	if args != nil {
		argNodes = args[1:] // Zeroth arg is function name/node; not passed to function.
	}
	// An escaper of the previous value alone, as html/template writes
	// them, is called directly by the pipeline.
	if fn.esc != nil && len(argNodes) == 0 && hasFinal {
		e := fn.esc
		return command{
			val: func(_ *execState, _, final reflect.Value) reflect.Value {
				return reflect.ValueOf(e.value(final))
			},
			str:     func(_ *execState, _, final reflect.Value) string { return e.value(final) },
			strType: stringType,
			esc:     e,
		}, nil
	}
	// The arguments are compiled in order: they may declare variables.
	lazy := fn.special == "and" || fn.special == "or"
	if lazy {
		c.lazy++
	}
	srcs := make([]argSrc, len(argNodes))
	for i, a := range argNodes {
		if srcs[i], err = c.argSrc(a); err != nil {
			return command{}, err
		}
	}
	if lazy {
		c.lazy--
	}
	typ := fn.typ
	numIn := len(argNodes)
	if hasFinal {
		numIn++
	}
	numFixed := len(argNodes)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1 // last arg is the variadic one.
		if numIn < numFixed {
			return failCommand("wrong number of args for %s: want at least %d got %d", name, typ.NumIn()-1, len(argNodes)), nil
		}
	} else if numIn != typ.NumIn() {
		return failCommand("wrong number of args for %s: want %d got %d", name, typ.NumIn(), numIn), nil
	}
	if err := goodFunc(name, typ); err != nil {
		return failCommand("%v", err), nil
	}
	if fn.special == "and" || fn.special == "or" {
		return andOr(fn.special == "or", srcs, hasFinal), nil
	}
	// Args must be evaluated. Fixed args first.
	argv := make([]expr, 0, len(srcs))
	i := 0
	for ; i < numFixed && i < len(srcs); i++ {
		argv = append(argv, typedArg(srcs[i], typ.In(i), fn.raw))
	}
	// Now the ... args.
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem() // Argument is a slice.
		for ; i < len(srcs); i++ {
			argv = append(argv, typedArg(srcs[i], argType, fn.raw))
		}
	}
	// Add final value if necessary.
	var finalType reflect.Type
	if hasFinal {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				// The added final argument corresponds to a fixed parameter of the function.
				// Validate against the type of the actual parameter.
				t = typ.In(numIn - 1)
			} else {
				// The added final argument corresponds to the variadic part.
				// Validate against the type of the elements of the variadic slice.
				t = t.Elem()
			}
		}
		finalType = t
	}
	rawFinal := fn.raw && finalType == reflectValueType
	if fn.special == "call" {
		// Special case for the "call" builtin: the callee's name is for
		// error messages.
		calleeName := "the final value"
		if len(argNodes) > 0 {
			calleeName = argNodes[0].String()
		}
		fn = &impl{name: name, val: func(args []reflect.Value) reflect.Value {
			v, err := call(calleeName, args[0], args[1:]...)
			if err != nil {
				fail("error calling %s: %w", name, err)
			}
			return v
		}}
	}
	// pushArgs evaluates the arguments onto the scratch stack from top.
	pushArgs := func(st *execState, dot, final reflect.Value) (top int) {
		top = len(st.scratch)
		for _, a := range argv {
			v := a(st, dot)
			st.scratch = append(st.scratch, v)
		}
		if finalType != nil {
			if rawFinal {
				st.scratch = append(st.scratch, rawValue(final))
			} else {
				st.scratch = append(st.scratch, validateType(final, finalType))
			}
		}
		return top
	}
	out := command{}
	val := fn.val
	if len(argv) == 0 && finalType == nil {
		out.val = func(*execState, reflect.Value, reflect.Value) reflect.Value { return val(nil) }
	} else {
		out.val = func(st *execState, dot, final reflect.Value) reflect.Value {
			top := pushArgs(st, dot, final)
			v := val(st.scratch[top:])
			st.scratch = st.scratch[:top]
			return v
		}
	}
	if str := fn.str; str != nil {
		out.strType = fn.strType
		if len(argv) == 0 && finalType == nil {
			out.str = func(*execState, reflect.Value, reflect.Value) string { return str(nil) }
		} else {
			out.str = func(st *execState, dot, final reflect.Value) string {
				top := pushArgs(st, dot, final)
				s := str(st.scratch[top:])
				st.scratch = st.scratch[:top]
				return s
			}
		}
	}
	return out, nil
}

// andOr compiles the builtins and and or, which evaluate their arguments
// only until one decides (evalCall's special case).
func andOr(or bool, srcs []argSrc, hasFinal bool) command {
	args := make([]expr, len(srcs))
	for i, src := range srcs {
		args[i] = typedArg(src, reflectValueType, true)
	}
	return command{val: func(st *execState, dot, final reflect.Value) reflect.Value {
		var v reflect.Value
		for _, a := range args {
			v = a(st, dot)
			if truth(v) == or {
				return v
			}
		}
		if hasFinal {
			// The last argument to and/or is coming from the pipeline.
			v = rawValue(final)
		}
		return v
	}}
}

// impl finds the function a template names, as text/template does once
// html/template has added its escapers: they come first, then the
// functions of the FuncMap, then the builtins.
func (c *compiler) impl(name string) (*impl, error) {
	if e := htmlEscapers[name]; e != nil {
		return e.impl(name), nil
	}
	if fn, ok := c.funcs[name]; ok {
		if n := fastFunc(name, fn.Interface()); n != nil {
			n.name, n.typ = name, fn.Type()
			return n, nil
		}
		return &impl{name: name, typ: fn.Type(), val: func(args []reflect.Value) reflect.Value {
			return callReflect(name, fn, args)
		}}, nil
	}
	if b := builtins[name]; b != nil {
		return b, nil
	}
	if len(name) > 15 && name[:15] == "_html_template_" {
		return nil, fmt.Errorf("%w: escaper %s", errUnsupported, name)
	}
	return nil, fmt.Errorf("%w: function %q not defined", errUnsupported, name)
}

// impl is an escaper's implementation as a function of any arguments.
func (e *escaper) impl(name string) *impl {
	f := e.args
	call := func(args []reflect.Value) string { return f(anys(args)...) }
	return &impl{
		name:    name,
		typ:     escaperType,
		val:     func(args []reflect.Value) reflect.Value { return reflect.ValueOf(call(args)) },
		str:     func(args []reflect.Value) string { return call(args) },
		strType: stringType,
		esc:     e,
	}
}

var escaperType = reflect.TypeFor[func(...any) string]()

// builtins are text/template's builtin functions. typ is the signature
// text/template gives them; they are called directly.
var builtins = map[string]*impl{
	"and":  {name: "and", typ: reflect.TypeFor[func(reflect.Value, ...reflect.Value) reflect.Value](), raw: true, special: "and"},
	"or":   {name: "or", typ: reflect.TypeFor[func(reflect.Value, ...reflect.Value) reflect.Value](), raw: true, special: "or"},
	"call": {name: "call", typ: reflect.TypeFor[func(reflect.Value, ...reflect.Value) reflect.Value](), raw: true, special: "call"},
	"not": {name: "not", typ: reflect.TypeFor[func(reflect.Value) bool](), raw: true,
		val: func(args []reflect.Value) reflect.Value { return reflect.ValueOf(not(args[0])) }},
	"len": {name: "len", typ: reflect.TypeFor[func(reflect.Value) (int, error)](), raw: true,
		val: func(args []reflect.Value) reflect.Value {
			n, err := length(args[0])
			if err != nil {
				fail("error calling len: %w", err)
			}
			return reflect.ValueOf(n)
		}},
	"index": {name: "index", typ: reflect.TypeFor[func(reflect.Value, ...reflect.Value) (reflect.Value, error)](), raw: true,
		val: func(args []reflect.Value) reflect.Value {
			v, err := index(args[0], args[1:]...)
			if err != nil {
				fail("error calling index: %w", err)
			}
			return v
		}},
	"slice": {name: "slice", typ: reflect.TypeFor[func(reflect.Value, ...reflect.Value) (reflect.Value, error)](), raw: true,
		val: func(args []reflect.Value) reflect.Value {
			v, err := slice(args[0], args[1:]...)
			if err != nil {
				fail("error calling slice: %w", err)
			}
			return v
		}},
	"eq": {name: "eq", typ: reflect.TypeFor[func(reflect.Value, ...reflect.Value) (bool, error)](), raw: true,
		val: func(args []reflect.Value) reflect.Value {
			return boolResult("eq")(eq(args[0], args[1:]...))
		}},
	"ne": compareBuiltin("ne", ne),
	"lt": compareBuiltin("lt", lt),
	"le": compareBuiltin("le", le),
	"gt": compareBuiltin("gt", gt),
	"ge": compareBuiltin("ge", ge),
	"print": stringBuiltin("print", reflect.TypeFor[func(...any) string](), func(args []reflect.Value) string {
		return fmt.Sprint(anys(args)...)
	}),
	"printf": stringBuiltin("printf", reflect.TypeFor[func(string, ...any) string](), func(args []reflect.Value) string {
		return fmt.Sprintf(argString(args[0]), anys(args[1:])...)
	}),
	"println": stringBuiltin("println", reflect.TypeFor[func(...any) string](), func(args []reflect.Value) string {
		return fmt.Sprintln(anys(args)...)
	}),
	"html":     textEscapers["html"].impl("html"),
	"js":       textEscapers["js"].impl("js"),
	"urlquery": textEscapers["urlquery"].impl("urlquery"),
}

func boolResult(name string) func(bool, error) reflect.Value {
	return func(b bool, err error) reflect.Value {
		if err != nil {
			fail("error calling %s: %w", name, err)
		}
		return reflect.ValueOf(b)
	}
}

func compareBuiltin(name string, f func(a, b reflect.Value) (bool, error)) *impl {
	result := boolResult(name)
	return &impl{name: name, typ: reflect.TypeFor[func(reflect.Value, reflect.Value) (bool, error)](), raw: true,
		val: func(args []reflect.Value) reflect.Value { return result(f(args[0], args[1])) }}
}

func stringBuiltin(name string, typ reflect.Type, f func(args []reflect.Value) string) *impl {
	return &impl{name: name, typ: typ,
		val:     func(args []reflect.Value) reflect.Value { return reflect.ValueOf(f(args)) },
		str:     func(args []reflect.Value) string { return f(args) },
		strType: stringType,
	}
}

// Arguments of the functions called directly. Each is a value checked
// against its parameter's type by typedArg, as reflect.Value.Call would
// take it.

// mustExport refuses what reflect.Value.Call refuses: a value read from
// an unexported field.
func mustExport(v reflect.Value) {
	if !v.CanInterface() {
		fail("using value obtained using unexported field")
	}
}

// argString is the argument of a string parameter.
func argString(v reflect.Value) string {
	mustExport(v)
	return v.String()
}

// argInt is the argument of an int parameter.
func argInt(v reflect.Value) int {
	mustExport(v)
	return int(v.Int())
}

// toAny is the argument of an interface{} parameter (invalid only for a
// pipeline's value that none has: typedArg gives the parameters a nil).
func toAny(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// anys are the arguments of a ...any parameter: a new slice, which the
// function may keep.
func anys(args []reflect.Value) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = toAny(a)
	}
	return out
}

// fastFunc returns the implementation of fn, a function of the FuncMap,
// called without reflection, when its signature is a common one, or nil.
// name and typ are left for the caller to set.
func fastFunc(name string, fn any) *impl {
	switch f := fn.(type) {
	case func(int) int:
		return &impl{val: func(a []reflect.Value) reflect.Value { return reflect.ValueOf(f(argInt(a[0]))) }}
	case func(int, int) int:
		return &impl{val: func(a []reflect.Value) reflect.Value {
			return reflect.ValueOf(f(argInt(a[0]), argInt(a[1])))
		}}
	case func(any) bool:
		return &impl{val: func(a []reflect.Value) reflect.Value { return reflect.ValueOf(f(toAny(a[0]))) }}
	case func(string) bool:
		return &impl{val: func(a []reflect.Value) reflect.Value { return reflect.ValueOf(f(argString(a[0]))) }}
	}
	if n := fastStringFunc[string](name, fn); n != nil {
		return n
	}
	if n := fastStringFunc[template.HTML](name, fn); n != nil {
		return n
	}
	if n := fastStringFunc[template.JS](name, fn); n != nil {
		return n
	}
	if n := fastStringFunc[template.URL](name, fn); n != nil {
		return n
	}
	if n := fastStringFunc[template.HTMLAttr](name, fn); n != nil {
		return n
	}
	if n := fastStringFunc[template.CSS](name, fn); n != nil {
		return n
	}
	return nil
}

// fastStringFunc is fastFunc for the signatures with a result of string
// type R, which has no methods.
func fastStringFunc[R ~string](name string, fn any) *impl {
	var f func(a []reflect.Value) R
	var fe func(a []reflect.Value) (R, error)
	switch fn := fn.(type) {
	case func() R:
		f = func([]reflect.Value) R { return fn() }
	case func() (R, error):
		fe = func([]reflect.Value) (R, error) { return fn() }
	case func(string) R:
		f = func(a []reflect.Value) R { return fn(argString(a[0])) }
	case func(string) (R, error):
		fe = func(a []reflect.Value) (R, error) { return fn(argString(a[0])) }
	case func(string, string) R:
		f = func(a []reflect.Value) R { return fn(argString(a[0]), argString(a[1])) }
	case func(any) R:
		f = func(a []reflect.Value) R { return fn(toAny(a[0])) }
	case func(any) (R, error):
		fe = func(a []reflect.Value) (R, error) { return fn(toAny(a[0])) }
	case func(any, string) R:
		f = func(a []reflect.Value) R { return fn(toAny(a[0]), argString(a[1])) }
	case func(...any) R:
		f = func(a []reflect.Value) R { return fn(anys(a)...) }
	case func(string, ...any) R:
		f = func(a []reflect.Value) R { return fn(argString(a[0]), anys(a[1:])...) }
	case func(string, ...any) (R, error):
		fe = func(a []reflect.Value) (R, error) { return fn(argString(a[0]), anys(a[1:])...) }
	case func(string, int, ...any) (R, error):
		fe = func(a []reflect.Value) (R, error) { return fn(argString(a[0]), argInt(a[1]), anys(a[2:])...) }
	default:
		return nil
	}
	if fe != nil {
		f = func(a []reflect.Value) R {
			r, err := fe(a)
			if err != nil {
				fail("error calling %s: %w", name, err)
			}
			return r
		}
	}
	return &impl{
		val:     func(a []reflect.Value) reflect.Value { return reflect.ValueOf(f(a)) },
		str:     func(a []reflect.Value) string { return string(f(a)) },
		strType: reflect.TypeFor[R](),
	}
}
