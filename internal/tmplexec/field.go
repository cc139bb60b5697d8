package tmplexec

import (
	"fmt"
	"reflect"
	"sync/atomic"
)

// fieldStep is one name of a field chain, .Name: a method, a struct
// field or a map key of its receiver, as text/template's evalField finds
// them. What the name is in a receiver's type is worked out the first
// time the step meets the type, and kept in an inline cache of plans.
type fieldStep struct {
	name string
	// args are the arguments of a method call (the command's other
	// words); hasArgs says there are some or a final value, which a
	// field or a map key cannot take.
	args     []argSrc
	hasArgs  bool
	hasFinal bool
	// plans is the inline cache: an immutable list of the plans for the
	// types met, replaced as a whole when a type is added.
	plans atomic.Pointer[[]*fieldPlan]
}

// maxPlans bounds a step's inline cache: a step that meets more types
// works out the plan of the others each time.
const maxPlans = 64

// fieldPlan is how a fieldStep evaluates on receivers of type typ, the
// type left once pointers and interfaces are gone through (a pointer type
// when the pointer is nil).
type fieldPlan struct {
	typ reflect.Type
	// method is the method of typ, ptrMethod the method of *typ, which an
	// addressable receiver has.
	method, ptrMethod *methodCall
	// Otherwise the step reads a field of a struct, or a map's key.
	access access
	index  []int         // the field's index
	key    reflect.Value // the map's key
	err    error         // the error of any other access
}

type access uint8

const (
	accessNone access = iota
	accessField
	accessMap
)

// eval evaluates the step on receiver (evalField).
func (f *fieldStep) eval(st *execState, dot, final, receiver reflect.Value) reflect.Value {
	if !receiver.IsValid() {
		// missingkey=default: a missing map key yields no value, and the
		// chain goes on with it.
		return reflect.Value{}
	}
	receiver, isNil := indirectValue(receiver)
	if isNil && receiver.Kind() == reflect.Interface {
		// Calling a method on a nil interface can't work.
		fail("nil pointer evaluating %s.%s", receiver.Type(), f.name)
	}
	p := f.plan(receiver.Type())
	if isNil {
		// A nil pointer: its methods can be called.
		if p.method != nil {
			return p.method.call(st, dot, final, receiver)
		}
		panic(execError{p.err})
	}
	// Unless it's an interface, need to get to a value of type *T to
	// guarantee we see all methods of T and *T.
	if receiver.CanAddr() {
		if p.ptrMethod != nil {
			return p.ptrMethod.call(st, dot, final, receiver.Addr())
		}
	} else if p.method != nil {
		return p.method.call(st, dot, final, receiver)
	}
	switch p.access {
	case accessField:
		if f.hasArgs {
			fail("%s has arguments but cannot be invoked as function", f.name)
		}
		if len(p.index) == 1 {
			return receiver.Field(p.index[0])
		}
		field, err := receiver.FieldByIndexErr(p.index)
		if err != nil {
			fail("%v", err)
		}
		return field
	case accessMap:
		if f.hasArgs {
			fail("%s is not a method but has arguments", f.name)
		}
		return receiver.MapIndex(p.key)
	}
	panic(execError{p.err})
}

// plan returns the step's plan for typ.
func (f *fieldStep) plan(typ reflect.Type) *fieldPlan {
	if plans := f.plans.Load(); plans != nil {
		for _, p := range *plans {
			if p.typ == typ {
				return p
			}
		}
	}
	p := f.newPlan(typ)
	for {
		old := f.plans.Load()
		var plans []*fieldPlan
		if old != nil {
			if len(*old) >= maxPlans {
				return p
			}
			plans = append(plans, *old...)
		}
		plans = append(plans, p)
		// Another goroutine may have added a plan meanwhile: try again
		// with its list.
		if f.plans.CompareAndSwap(old, &plans) {
			return p
		}
	}
}

// newPlan works out what the step's name is in typ, as evalField does on
// each evaluation.
func (f *fieldStep) newPlan(typ reflect.Type) *fieldPlan {
	p := &fieldPlan{typ: typ}
	if typ.Kind() == reflect.Pointer {
		// A nil pointer.
		if m, ok := typ.MethodByName(f.name); ok {
			p.method = f.methodCall(m)
			return p
		}
		if etyp := typ.Elem(); etyp.Kind() == reflect.Struct {
			if _, ok := etyp.FieldByName(f.name); !ok {
				// If there's no such field, say "can't evaluate"
				// instead of "nil pointer evaluating".
				p.err = fmt.Errorf("can't evaluate field %s in type %s", f.name, typ)
				return p
			}
		}
		p.err = fmt.Errorf("nil pointer evaluating %s.%s", typ, f.name)
		return p
	}
	if m, ok := typ.MethodByName(f.name); ok {
		p.method = f.methodCall(m)
	}
	if m, ok := reflect.PointerTo(typ).MethodByName(f.name); ok {
		p.ptrMethod = f.methodCall(m)
	}
	// It's not a method; must be a field of a struct or an element of a map.
	switch typ.Kind() {
	case reflect.Struct:
		if tField, ok := typ.FieldByName(f.name); ok {
			if !tField.IsExported() {
				p.err = fmt.Errorf("%s is an unexported field of struct type %s", f.name, typ)
				return p
			}
			p.access, p.index = accessField, tField.Index
			return p
		}
	case reflect.Map:
		// If it's a map, attempt to use the field name as a key.
		nameVal := reflect.ValueOf(f.name)
		if nameVal.Type().AssignableTo(typ.Key()) {
			p.access, p.key = accessMap, nameVal
			return p
		}
	}
	p.err = fmt.Errorf("can't evaluate field %s in type %s", f.name, typ)
	return p
}

// methodCall is a call of a method with a step's arguments.
type methodCall struct {
	name  string
	fn    reflect.Value // the method's func, the receiver its first argument
	args  []expr
	final reflect.Type // the type of the final argument, when there is one
	// err is raised by the call: text/template checks a method's
	// arguments and results when it calls it.
	err error
}

// methodCall prepares calls of m with the step's arguments (evalCall).
func (f *fieldStep) methodCall(m reflect.Method) *methodCall {
	mc := &methodCall{name: f.name, fn: m.Func}
	typ := m.Type
	numParams := typ.NumIn() - 1 // the receiver is In(0)
	in := func(i int) reflect.Type { return typ.In(1 + i) }
	numIn := len(f.args)
	if f.hasFinal {
		numIn++
	}
	numFixed := len(f.args)
	if typ.IsVariadic() {
		numFixed = numParams - 1 // last arg is the variadic one.
		if numIn < numFixed {
			mc.err = fmt.Errorf("wrong number of args for %s: want at least %d got %d", f.name, numParams-1, len(f.args))
			return mc
		}
	} else if numIn != numParams {
		mc.err = fmt.Errorf("wrong number of args for %s: want %d got %d", f.name, numParams, numIn)
		return mc
	}
	if err := goodFunc(f.name, typ); err != nil {
		mc.err = err
		return mc
	}
	i := 0
	for ; i < numFixed && i < len(f.args); i++ {
		mc.args = append(mc.args, typedArg(f.args[i], in(i), false))
	}
	if typ.IsVariadic() {
		argType := in(numParams - 1).Elem() // Argument is a slice.
		for ; i < len(f.args); i++ {
			mc.args = append(mc.args, typedArg(f.args[i], argType, false))
		}
	}
	if f.hasFinal {
		t := in(numParams - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				// The added final argument corresponds to a fixed parameter of the function.
				// Validate against the type of the actual parameter.
				t = in(numIn - 1)
			} else {
				// The added final argument corresponds to the variadic part.
				// Validate against the type of the elements of the variadic slice.
				t = t.Elem()
			}
		}
		mc.final = t
	}
	return mc
}

// call calls the method on receiver.
func (mc *methodCall) call(st *execState, dot, final, receiver reflect.Value) reflect.Value {
	if mc.err != nil {
		panic(execError{mc.err})
	}
	top := len(st.scratch)
	st.scratch = append(st.scratch, receiver)
	for _, a := range mc.args {
		v := a(st, dot)
		st.scratch = append(st.scratch, v)
	}
	if mc.final != nil {
		st.scratch = append(st.scratch, validateType(final, mc.final))
	}
	v := callReflect(mc.name, mc.fn, st.scratch[top:])
	st.scratch = st.scratch[:top]
	return v
}

// callReflect calls fn with args through reflection, as text/template
// does (safeCall and the end of evalCall): a non-nil error result stops
// the execution, and a reflect.Value result is unwrapped. A panic goes up
// to Execute, which returns it as an error.
func callReflect(name string, fn reflect.Value, args []reflect.Value) reflect.Value {
	ret := fn.Call(args)
	if len(ret) == 2 && !ret[1].IsNil() {
		fail("error calling %s: %w", name, ret[1].Interface().(error))
	}
	v := ret[0]
	if v.Type() == reflectValueType {
		v = v.Interface().(reflect.Value)
	}
	return v
}
