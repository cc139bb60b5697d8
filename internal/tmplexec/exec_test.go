package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"iter"
	"reflect"
	"strings"
	"testing"
	"text/template/parse"
)

// The differential test: each template is executed by html/template and
// by its compiled Set, on the same data, and the two must write the same
// bytes, or both fail.

type Item struct {
	Name    string
	Price   float64
	Count   int
	Tags    []string
	URL     string
	HTML    template.HTML
	JS      template.JS
	Link    template.URL
	Ptr     *Item
	Any     any
	Str     fmt.Stringer
	M       map[string]int
	Money   Money
	PS      PtrStringer
	Err     error
	Nums    [3]int
	Fn      func(int) int
	private int
	Embedded
	*PtrEmbedded
}

type Embedded struct{ Inner string }

type PtrEmbedded struct{ Deep string }

func (i Item) Title() string                 { return "T:" + i.Name }
func (i *Item) PtrTitle() string             { return "P:" + i.Name }
func (i Item) Greet(s string) string         { return "hello " + s + " from " + i.Name }
func (i Item) Sum(a, b int) int              { return a + b }
func (i Item) Var(f string, a ...any) string { return fmt.Sprintf(f, a...) }
func (i Item) Fail() (string, error)         { return "", errors.New("method failed") }
func (i Item) OK() (string, error)           { return "fine", nil }
func (i Item) Self() Item                    { return i }
func (i Item) Nothing()                      {}
func (i Item) Pair() (int, int)              { return 1, 2 }
func (i *Item) NilSafe() string {
	if i == nil {
		return "nil item"
	}
	return "item " + i.Name
}

type Money int

func (m Money) String() string { return fmt.Sprintf("₹%d.%02d", int(m)/100, int(m)%100) }

type PtrStringer struct{ N int }

func (p *PtrStringer) String() string { return fmt.Sprintf("ps<%d>", p.N) }

type Slug string

type Kind int

type errT struct{ msg string }

func (e errT) Error() string { return "err: " + e.msg }

type Page struct {
	Title string
	Items []*Item
	Map   map[string]any
	IntM  map[int]string
	Any   any
	Nil   *Item
	Flag  bool
	N     int
	U     uint8
	F     float64
	S     []string
	Empty []int
	Data  any
	Slug  Slug
	Kind  Kind
	Ch    chan int
	Fn    func(string) string
	RV    reflect.Value
}

func (p *Page) Upper(s string) string { return strings.ToUpper(s) }

var testFuncs = template.FuncMap{
	"upper":   strings.ToUpper,
	"join":    strings.Join,
	"add1":    func(i int) int { return i + 1 },
	"addi":    func(a, b int) int { return a + b },
	"boom":    func() (string, error) { return "", errors.New("boom") },
	"okerr":   func(s string) (string, error) { return "ok:" + s, nil },
	"panicky": func() string { panic("oops") },
	"panicE":  func() string { panic(errors.New("oops error")) },
	"safe":    func(s string) template.HTML { return template.HTML(s) },
	"safeJS":  func(s string) template.JS { return template.JS(s) },
	"safeURL": func(s string) template.URL { return template.URL(s) },
	"t": func(key string, args ...any) (string, error) {
		if key == "" {
			return "", errors.New("no key")
		}
		return key + fmt.Sprint(args...), nil
	},
	"th": func(key string, args ...any) (template.HTML, error) {
		return template.HTML("<b>" + key + "</b>" + fmt.Sprint(args...)), nil
	},
	"n":    func(key string, n int, args ...any) (string, error) { return fmt.Sprint(key, n, args), nil },
	"href": func(x any) string { return fmt.Sprintf("/p/%v/", x) },
	"_odop_href_attr": func(x any) string {
		return strings.ReplaceAll(fmt.Sprintf("/p/%v/", x), "&", "&amp;")
	},
	"link": func(x any, text string) template.HTML { return template.HTML("<a>" + text + "</a>") },
	"seq": func(n int) iter.Seq[int] {
		return func(y func(int) bool) {
			for i := range n {
				if !y(i * 10) {
					return
				}
			}
		}
	},
	"pairs": func() iter.Seq2[string, int] {
		return func(y func(string, int) bool) { _ = y("a", 1) && y("b", 2) && y("c", 3) }
	},
	"mkch": func(n int) chan int {
		c := make(chan int, n)
		for i := range n {
			c <- i
		}
		close(c)
		return c
	},
	"nilany":   func() any { return nil },
	"id":       func(x any) any { return x },
	"refl":     func(v reflect.Value) reflect.Value { return v },
	"isodd":    func(x any) bool { i, _ := x.(int); return i%2 == 1 },
	"hasS":     func(s string) bool { return strings.Contains(s, "s") },
	"noargs":   func() string { return "no-args" },
	"two":      func(a string, b string) string { return a + "+" + b },
	"anyerr":   func(x any) (string, error) { return fmt.Sprint(x), nil },
	"list":     func(args ...any) []any { return args },
	"variadS":  func(args ...any) string { return fmt.Sprint(len(args), args) },
	"ptr":      func(i int) *int { return &i },
	"mkmap":    func() map[string]any { return map[string]any{"a": 1, "b": "two", "c": nil} },
	"kind":     func(k Kind) string { return fmt.Sprint("kind", int(k)) },
	"slugf":    func(s Slug) string { return "slug:" + string(s) },
	"itemN":    func(it *Item) string { return it.Name },
	"u8":       func(u uint8) uint8 { return u + 1 },
	"f32":      func(f float32) float32 { return f * 2 },
	"cplx":     func(c complex128) complex128 { return c * 2 },
	"flip":     func(b bool) bool { return !b },
	"i8":       func(i int8) int8 { return i },
	"stringer": func(s fmt.Stringer) string { return s.String() },
	"mixmap": func() map[any]string {
		return map[any]string{1: "one", "b": "bee", 2.5: "float", true: "yes", 0: "zero", "a": "ay", false: "no"}
	},
	"structmap": func() map[[2]int]string { return map[[2]int]string{{2, 1}: "c", {1, 2}: "b", {1, 1}: "a"} },
	"ptrmap":    func() map[*int]int { return nil },
	"mmap":      func() MyMap { return MyMap{"a": 1, "b": 2} },
}

type MyMap map[string]int

func (m MyMap) Total() int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func sampleItem(name string, i int) *Item {
	return &Item{
		Name: name, Price: float64(i) * 1.5, Count: i, Tags: []string{"t1", name + "<tag>"},
		URL: "/items/" + name + "?a=1&b=2", HTML: template.HTML("<i>" + name + "</i>"),
		JS: template.JS("{a: 1}"), Link: template.URL("javascript:alert(1)"),
		Any: i, Str: Money(i * 150), M: map[string]int{"x": i, "y": i * 2}, Money: Money(i * 99),
		PS: PtrStringer{i}, Nums: [3]int{i, i + 1, i + 2}, Fn: func(x int) int { return x * i },
		Embedded: Embedded{"inner-" + name},
	}
}

func samplePage(variant int) *Page {
	items := []*Item{sampleItem("alpha", 1), sampleItem("b&o's \"x\"", 2), sampleItem("<script>", 3)}
	items[1].Ptr = items[0]
	items[2].PtrEmbedded = &PtrEmbedded{"deep"}
	items[0].Err = errT{"bad"}
	p := &Page{
		Title: "A <title> & 'more'", Items: items,
		Map:  map[string]any{"k": "v<", "n": 3, "nested": map[string]any{"x": []int{1, 2}}, "nil": nil, "html": template.HTML("<b>h</b>")},
		IntM: map[int]string{3: "c", 1: "a", 2: "b", -5: "neg"},
		Flag: true, N: 7, U: 200, F: 2.5, S: []string{"x", "y&z"}, Slug: "my-slug", Kind: 4,
		Fn: strings.ToUpper, RV: reflect.ValueOf("in a reflect.Value"),
	}
	switch variant {
	case 0:
		p.Any, p.Data = items[0], "string data"
	case 1:
		p.Any, p.Data = map[string]any{"Name": "map-name", "Title": "map-title"}, 42
	case 2:
		p.Any, p.Data = *items[1], template.HTML("<em>html</em>")
	case 3:
		p.Any, p.Data = nil, nil
		p.Items = nil
		p.Flag = false
		p.N = 0
	}
	return p
}

type diffCase struct {
	name string
	src  string
	// data to run it on; samplePage(0..3) when nil.
	data []any
	// rewrite, if set, rewrites the escaped trees before compiling, as
	// the site's fuse and fold do.
	rewrite func(t *template.Template)
}

var diffCases = []diffCase{
	{name: "text", src: `plain text only`},
	{name: "fields", src: `<h1>{{.Title}}</h1>{{with index .Items 0}}{{.Name}} {{.Price}} {{.Count}} {{.Tags}} {{.URL}} {{.HTML}} {{.Money}} {{.Inner}}{{end}}`},
	{name: "nested fields", src: `{{with index .Items 1}}{{.Ptr.Name}} {{.Ptr.Ptr}}{{.Ptr.Money}}{{end}}`},
	{name: "nil pointer in chain", src: `{{with index .Items 0}}{{.Ptr.Name}}{{end}}`},
	{name: "nil pointer in with", src: `{{with .Nil}}{{.Name}}{{else}}none{{end}} {{.Nil.NilSafe}}`},
	{name: "nil field", src: `{{.Nil.Name}}`},
	{name: "nil embedded", src: `{{range .Items}}{{.Deep}}{{end}}`},
	{name: "methods", src: `{{range .Items}}{{.Title}}|{{.PtrTitle}}|{{.Greet "you"}}|{{.Sum 2 3}}|{{.Var "%d-%s" 4 "x"}}|{{.OK}}|{{.Self.Name}}|{{.Self.Title}}{{end}}`},
	{name: "method on value receiver non-addressable", src: `{{with index .Items 0}}{{with .Self}}{{.Title}}{{.PtrTitle}}{{end}}{{end}}`},
	{name: "method on map value", src: `{{$x := index .Items 0}}{{$x.PtrTitle}}`},
	{name: "method error", src: `a{{range .Items}}{{.Fail}}{{end}}`},
	{name: "method no result", src: `{{with index .Items 0}}{{.Nothing}}{{end}}`},
	{name: "method two results", src: `{{with index .Items 0}}{{.Pair}}{{end}}`},
	{name: "method wrong args", src: `{{with index .Items 0}}{{.Greet}}{{end}}`},
	{name: "method arg types", src: `{{with index .Items 0}}{{.Sum 1 "x"}}{{end}}`},
	{name: "method final arg", src: `{{with index .Items 0}}{{"pipe" | .Greet}} {{3 | .Sum 4}}{{end}}`},
	{name: "field with args", src: `{{with index .Items 0}}{{.Name "x"}}{{end}}`},
	{name: "unexported", src: `{{with index .Items 0}}{{.private}}{{end}}`},
	{name: "missing field", src: `{{.Nope}}`},
	{name: "map keys", src: `{{.Map.k}} {{.Map.n}} {{.Map.missing}} {{.Map.nested.x}} {{.Map.nil}} {{.Map.html}} {{.Map.missing.deeper}}`},
	{name: "map key with args", src: `{{.Map.k 1}}`},
	{name: "interface field dynamic", src: `{{.Any}}|{{.Data}}|{{with .Any}}{{.Name}}{{end}}`},
	{name: "interface method dynamic", src: `{{with .Any}}{{.Title}}{{end}}`},
	{name: "stringers", src: `{{range .Items}}{{.Str}} {{.Money}} {{.PS}} {{.Err}} {{end}}{{with index .Items 0}}{{.Self.PS}}{{end}}`},
	{name: "pointer stringer addressable", src: `{{range .Items}}<a title="{{.PS}}">{{.PS}}</a>{{end}}`},
	{name: "variables", src: `{{$x := .Title}}{{$y := 3}}{{$x}}{{$y}}{{$x = "changed"}}{{$x}}{{with $z := .N}}{{$z}}{{$x}}{{end}}{{$}}`, data: []any{map[string]int{"a": 1}}},
	{name: "variable shadow", src: `{{$x := 1}}{{range .S}}{{$x := .}}{{$x}}{{end}}{{$x}}{{if true}}{{$x := 2}}{{$x}}{{$x = 3}}{{$x}}{{end}}{{$x}}`},
	{name: "else sees no body variable", src: `{{if .Flag}}{{$v := 1}}{{$v}}{{else}}{{$v}}{{end}}`},
	{name: "else sees outer variable", src: `{{$v := 0}}{{if .Flag}}{{$v := 1}}{{$v}}{{else}}{{$v}}{{end}}{{with $w := .N}}{{else}}{{$w}}{{end}}`},
	{name: "variable assign in range", src: `{{$last := ""}}{{range .S}}{{$last = .}}{{end}}{{$last}}`},
	{name: "root var", src: `{{range .Items}}{{$.Title}}:{{.Name}};{{end}}`},
	{name: "if else", src: `{{if .Flag}}yes{{else}}no{{end}}{{if .N}}n{{else if .Flag}}f{{else}}none{{end}}{{if .Empty}}e{{end}}{{if .Map}}m{{end}}`},
	{name: "with else with", src: `{{with .Nil}}a{{else with .Items}}{{len .}}{{else}}c{{end}}`},
	{name: "if on func", src: `{{if .Fn}}fn{{end}}`},
	{name: "if decl", src: `{{if $v := .N}}{{$v}}{{end}}`},
	{name: "range slice", src: `{{range $i, $e := .S}}{{$i}}={{$e}},{{else}}empty{{end}}`},
	{name: "range empty", src: `{{range .Empty}}x{{else}}empty{{end}}{{range .Nil}}{{end}}`},
	{name: "range array", src: `{{with index .Items 0}}{{range $i, $n := .Nums}}{{$i}}:{{$n}} {{end}}{{end}}`},
	{name: "range map", src: `{{range $k, $v := .IntM}}{{$k}}={{$v}};{{end}}{{range $k, $v := .Map}}{{$k}}{{end}}{{range .IntM}}{{.}}{{end}}`},
	{name: "range int", src: `{{range 5}}{{.}}{{end}}{{range $i := .N}}[{{$i}}]{{end}}{{range .U}}{{break}}{{end}}{{range 0}}x{{else}}none{{end}}`},
	{name: "range int two vars", src: `{{range $i, $e := 3}}{{end}}`},
	{name: "range chan", src: `{{range mkch 3}}{{.}}{{end}}{{range $i, $e := mkch 2}}{{$i}}{{$e}}{{end}}{{range mkch 0}}{{else}}closed{{end}}`},
	{name: "range iter", src: `{{range seq 4}}{{.}},{{end}}{{range $k, $v := pairs}}{{$k}}{{$v}}{{end}}{{range $k := pairs}}{{$k}}{{end}}{{range seq 5}}{{if eq . 20}}{{break}}{{end}}{{.}}{{end}}`},
	{name: "range iter two vars", src: `{{range $a, $b := seq 2}}{{end}}`},
	{name: "range break continue", src: `{{range $i, $e := .S}}{{if eq $i 0}}{{continue}}{{end}}{{$e}}{{break}}{{end}}{{range .Items}}{{range .Tags}}{{if eq . "t1"}}{{continue}}{{end}}{{.}}{{end}}{{break}}{{end}}`},
	{name: "break in else of inner range", src: `{{range .S}}a{{range $.Empty}}{{else}}{{break}}{{end}}b{{end}}`},
	{name: "range over string", src: `{{range .Title}}{{.}}{{end}}`},
	{name: "range over struct", src: `{{range index .Items 0}}{{end}}`},
	{name: "range else vars", src: `{{range $i, $e := .Empty}}{{else}}{{$e}}|{{$i}}{{end}}`},
	{name: "range assign", src: `{{$x := 0}}{{range $x = .S}}{{$x}}{{end}}{{$x}}`},
	{name: "range assign two", src: `{{$i := 0}}{{$e := ""}}{{range $i, $e = .S}}{{end}}{{$i}}{{$e}}`},
	{name: "templates", src: `{{define "item"}}<li>{{.Name}}</li>{{end}}{{define "list"}}<ul>{{range .}}{{template "item" .}}{{end}}</ul>{{end}}{{template "list" .Items}}{{template "item"}}`},
	{name: "template no var inheritance", src: `{{define "v"}}{{$}}{{end}}{{$x := 1}}{{template "v" .N}}`},
	{name: "block", src: `{{block "b" .Title}}[{{.}}]{{end}}`},
	{name: "template recursion", src: `{{define "r"}}{{if .}}{{len .}}{{template "r" slice . 1}}{{end}}{{end}}{{template "r" .S}}`},
	{name: "template in attr", src: `{{define "x"}}{{.}}{{end}}<p>{{template "x" .Title}}</p>`},
	{name: "template decl persists", src: `{{define "t"}}{{.}}{{end}}{{template "t" $x := .N}}{{$x}}`},
	{name: "builtins and or", src: `{{and 1 0 "x"}}|{{and 1 2}}|{{or 0 "" "z"}}|{{or 0 ""}}|{{and .Nil .Nil.Name}}|{{or .Title .Nil.Name}}|{{.N | and 1}}|{{0 | or ""}}`},
	{name: "builtins not len", src: `{{not .Flag}}{{not 0}}{{len .S}}{{len .Map}}{{len .Title}}{{len .Nil}}`},
	{name: "len of int", src: `{{len 3}}`},
	{name: "index", src: `{{index .S 1}}{{index .IntM 3}}{{index .IntM 99}}{{index .Map "nested" "x" 1}}{{index .Title 0}}`},
	{name: "index out of range", src: `{{index .S 5}}`},
	{name: "index nil", src: `{{index nil 1}}`},
	{name: "slice", src: `{{slice .S 1}}{{slice .Title 2 5}}{{slice .S 0 1 2}}{{slice .S}}`},
	{name: "slice bad", src: `{{slice .S 2 1}}`},
	{name: "eq ne", src: `{{eq .N 7}}{{eq .N 1 2 7}}{{eq .Title "x"}}{{ne .N 3}}{{eq .U 200}}{{eq .Kind 4}}{{eq .Nil nil}}{{eq .Map.nil nil}}{{eq .Slug "my-slug"}}`},
	{name: "eq incompatible", src: `{{eq .N "7"}}`},
	{name: "eq no args", src: `{{eq .N}}`},
	{name: "lt le gt ge", src: `{{lt 1 2}}{{le 2 2}}{{gt .F 1.5}}{{ge .U 201}}{{lt "a" "b"}}{{lt -1 .U}}{{gt .N .U}}`},
	{name: "lt bool", src: `{{lt true false}}`},
	{name: "print", src: `{{print 1 2 "a" "b" 3.5 nil .Flag}}|{{printf "%d-%q-%v-%5.2f" .N .Title .S .F}}|{{println "x" 1}}|{{printf "%T %T %T %T" 1 1.0 'a' 1i}}`},
	{name: "printf wrong format type", src: `{{printf 3}}`},
	{name: "html js urlquery builtins", src: `{{html .Title}}|{{js .Title}}|{{urlquery .Title "&x"}}|{{.Title | html}}|{{.Title | urlquery}}|<a href="/x?q={{.Title | urlquery}}">`},
	{name: "html builtin values", src: `{{html 3}}{{html .Map.missing}}{{.Map.missing | html}}{{html .Money}}`},
	{name: "call", src: `{{call .Fn "abc"}}{{with index .Items 0}}{{call .Fn 6}}{{end}}`},
	{name: "call errors", src: `{{call .Title}}`},
	{name: "call nil", src: `{{call .Nil}}`},
	{name: "numbers", src: `{{1}} {{1.5}} {{0x1F}} {{'a'}} {{1e3}} {{-7}} {{0b101}} {{0o17}} {{1_000}} {{2i}} {{0x1p4}}`},
	{name: "number overflow", src: `{{18446744073709551615}}`},
	{name: "typed literals", src: `{{add1 41}} {{addi 1 2}} {{printf "%v" 1.0}} {{kind 3}} {{slugf "s"}}`},
	{name: "literal type mismatch", src: `{{add1 "x"}}`},
	{name: "literal float to int", src: `{{add1 1.5}}`},
	{name: "nil args", src: `{{id nil}}|{{list nil 1}}|{{printf "%v" nil}}`},
	{name: "nil to string", src: `{{upper nil}}`},
	{name: "nil command", src: `{{nil}}`},
	{name: "bool literal", src: `{{true}}{{false}}{{not true}}`},
	{name: "string literal", src: `{{"a<b"}}{{"x" | upper}}{{` + "`raw`" + `}}`},
	{name: "funcs", src: `{{upper .Title}}|{{join .S ", "}}|{{add1 .N}}|{{okerr "x"}}|{{safe "<b>ok</b>"}}|{{t "k" 1 2}}|{{th "k" 1}}|{{n "k" 3 "x"}}|{{href .Title}}|{{link 1 "t"}}|{{noargs}}|{{two "a" "b"}}|{{variadS}}|{{variadS 1 "a"}}|{{anyerr .Any}}`},
	{name: "func error", src: `a{{boom}}b`},
	{name: "func error pipeline", src: `a{{t ""}}b`},
	{name: "func panic", src: `a{{panicky}}b`},
	{name: "func panic error", src: `a{{panicE}}b`},
	{name: "func wrong arg count", src: `{{upper}}`},
	{name: "func wrong arg count variadic", src: `{{n "k"}}`},
	{name: "func arg conversions", src: `{{upper .Slug}}{{kind .Kind}}{{slugf .Slug}}{{itemN (index .Items 0)}}`},
	{name: "func arg wrong type", src: `{{upper .N}}`},
	{name: "func deref arg", src: `{{add1 (ptr 3)}}`},
	{name: "func addr arg", src: `{{with index .Items 0}}{{itemN .Self}}{{end}}`},
	{name: "func interface arg", src: `{{upper .Map.k}}{{add1 .Map.n}}`},
	{name: "func nil pointer deref arg", src: `{{upper .Map.missing}}`},
	{name: "reflect value funcs", src: `{{refl .Title}}{{refl 3}}{{refl nil}}{{.RV}}{{upper .RV}}`},
	{name: "nilany", src: `{{nilany}}|{{if nilany}}x{{else}}y{{end}}|{{with nilany}}{{else}}none{{end}}`},
	{name: "nil any chain", src: `{{(nilany).Name}}`},
	{name: "chain", src: `{{(index .Items 1).Ptr.Name}}|{{(mkmap).a}}|{{(id .).Title}}|{{(index .Items 0).Greet "c"}}`},
	{name: "pipeline final", src: `{{.Title | upper | printf "%s!"}}|{{3 | add1 | add1}}|{{"a" | two "b"}}`},
	{name: "parenthesized", src: `{{(upper "x")}}{{print (add1 1) (len .S)}}{{(.N)}}`},
	{name: "paren decl", src: `{{print ($x := 5) $x}}`},
	{name: "not a function", src: `{{$x := 1}}{{.Title | $x}}`},
	{name: "dot", src: `{{.}}`, data: []any{"just <a> string", 42, nil, []int{1, 2}, map[string]string{"a": "b"}, template.HTML("<b>")}},
	{name: "nil data", src: `{{.}}|{{.Foo}}|{{.Foo.Bar}}|{{with .Foo}}x{{end}}`, data: []any{nil}},
	{name: "printing odd values", src: `{{.S}} {{.IntM}} {{.Map.nested}} {{.F}} {{.U}} {{.Kind}} {{.Slug}}`},
	{name: "print chan", src: `{{.Ch}}`},
	{name: "typed literal params", src: `{{u8 3}} {{f32 1}} {{f32 1.5}} {{cplx 1i}} {{cplx 2}} {{flip true}} {{i8 300}}`},
	{name: "uint literal negative", src: `{{u8 -1}}`},
	{name: "bool literal for int", src: `{{add1 true}}`},
	{name: "string literal for interface with methods", src: `{{stringer "x"}}`},
	{name: "stringer param", src: `{{range .Items}}{{stringer .Money}}{{stringer .Str}}{{end}}`},
	{name: "map sorting", src: `{{range $k, $v := mixmap}}{{$k}}={{$v}};{{end}}|{{range $k, $v := structmap}}{{$k}}={{$v}};{{end}}|{{range ptrmap}}x{{else}}nil map{{end}}`},
	{name: "map type with method", src: `{{mmap.Total}} {{(mmap).a}} {{with mmap}}{{.b}}{{.Total}}{{end}}`},
	{name: "builtin arity", src: `{{and}}`},
	{name: "builtin arity not", src: `{{not 1 2}}`},
	{name: "html no args", src: `{{html}}|{{print}}|{{println}}`},
	{name: "len pipeline", src: `{{.Items | len}} {{.S | len | add1}} {{len (mkch 3)}}`},
	{name: "index conversions", src: `{{index .IntM 3}}{{index .S .U}}`},
	{name: "comment", src: `a{{/* comment */}}b{{- /* trim */ -}} c`},
	{name: "trim", src: `a  {{- .N -}}  b`},

	// Escapers in their contexts.
	{name: "attr quoted", src: `{{range .Items}}<a title="{{.Name}}" class='{{.HTML}}' data-x="{{.Count}} {{.Price}}">x</a>{{end}}`},
	{name: "attr unquoted", src: `{{range .Items}}<a title={{.Name}} class={{.HTML}} id={{.Map.missing}}>{{end}}<b title={{""}}>`},
	{name: "attr html content", src: `<a title="{{.Map.html}}" alt="{{safe "<b title='x'>A &amp; B</b><script>no</script>"}}">`},
	{name: "href", src: `{{range .Items}}<a href="{{.URL}}">{{.Name}}</a><a href="{{.Link}}"></a><a href="/search?q={{.Name}}&x={{.Tags}}">s</a><a href='{{href .Name}}'></a>{{end}}<a href="javascript:{{.Title}}">j</a><a href="{{"javascript:alert(1)"}}">`},
	{name: "href unquoted", src: `<a href={{.Title}}>x</a><img src={{"/a b.png"}}>`},
	{name: "src srcset", src: `<img src="{{.Title}}" srcset="{{.Title}} 1x, /b.png 2x"><img srcset="{{"/a.png 1x, javascript:x 2x"}}">`},
	{name: "title textarea", src: `<title>{{.Title}} {{.Map.html}}</title><textarea>{{.Title}}{{safe "<b>x</b>"}}</textarea>`},
	{name: "script values", src: `<script>var a = {{.Title}}, b = {{.N}}, c = {{.F}}, d = {{.Map}}, e = {{index .Items 0 | id}}, f = {{.JSData}}, g = {{.Nil}}, h = {{.S}}, i = {{.Slug}}, j = {{.Flag}};</script>`},
	{name: "script typed", src: `<script>var a = {{safeJS "x + 1"}}, b = {{safe "<b>"}}, c = {{safeURL "/u"}}, d = {{.Map.missing}}, e = {{nilany}}, f = {{.Any}};</script>`},
	{name: "script json", src: `<script type="application/json">{{.Map}}</script><script type="application/ld+json">{"name": {{.Title}}, "n": {{.N}}}</script>`},
	{name: "script strings", src: `<script>var s = "{{.Title}}", t = '{{.Slug}}', r = /{{.Title}}/;</script>`},
	{name: "onclick", src: `<button onclick="f({{.Title}}, '{{.Title}}')">b</button>`},
	{name: "style", src: `<style>p { color: {{"red"}}; font-family: "{{.Title}}"; background: url({{.Title}}); }</style><p style="width: {{.N}}px; color: {{"expression(x)"}}">`},
	{name: "attr name", src: `<input {{"checked"}} {{.Title}}="x">`},
	{name: "comment context", src: `<!-- {{.Title}} -->x`},
	{name: "eval args", src: `{{html .Title .N}}|{{urlquery .Title 1}}|<a href="/?q={{urlquery .Title .N}}">`},
	{name: "escaper of method", src: `{{range .Items}}<p title="{{.Title}}">{{.Greet .Name}}{{.Money}}</p>{{end}}`},
	{name: "escaper of func string types", src: `<p title="{{safe "<b>x</b>"}}">{{safe "<b>x</b>"}}{{th "k" "<>"}}</p><a href="{{safeURL "javascript:x()"}}">`},
	{name: "mixed content types", src: `{{range .Items}}{{.HTML}}<a href="{{.HTML}}" title="{{.JS}}">{{.Link}}</a>{{end}}`},
	{name: "reflect value data", src: `{{.}}`, data: []any{reflect.ValueOf("a<b"), reflect.ValueOf(3)}},

	// Trees rewritten after escaping.
	{name: "fused href", src: `{{range .Items}}<a href="{{href .Name}}">{{.Name}}</a>{{end}}`, rewrite: fuseHrefs},
	{name: "folded text", src: `<p>{{.Title}}</p>{{range .S}}<i>{{.}}</i>{{end}}`, rewrite: foldFirstAction},
}

// JSData is a value for the script context: a struct, marshaled to JSON.
func (p *Page) JSData() any {
	return struct {
		A string
		B []int
		C map[string]bool
	}{"x</script>", []int{1, 2}, map[string]bool{"t": true}}
}

// fuseHrefs rewrites {{href X | urlfilter | urlnormalizer | attrescaper}}
// into {{_odop_href_attr X}}, as the site does.
func fuseHrefs(t *template.Template) {
	esc := []string{"_html_template_urlfilter", "_html_template_urlnormalizer", "_html_template_attrescaper"}
	var walk func(tree *parse.Tree, l *parse.ListNode)
	walk = func(tree *parse.Tree, l *parse.ListNode) {
		if l == nil {
			return
		}
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *parse.ActionNode:
				p := n.Pipe
				if len(p.Cmds) != 4 {
					continue
				}
				id, ok := p.Cmds[0].Args[0].(*parse.IdentifierNode)
				if !ok || id.Ident != "href" {
					continue
				}
				match := true
				for i, e := range esc {
					id, ok := p.Cmds[1+i].Args[0].(*parse.IdentifierNode)
					match = match && ok && id.Ident == e
				}
				if match {
					p.Cmds[0].Args[0] = parse.NewIdentifier("_odop_href_attr").SetTree(tree).SetPos(id.Position())
					p.Cmds = p.Cmds[:1]
				}
			case *parse.RangeNode:
				walk(tree, n.List)
				walk(tree, n.ElseList)
			case *parse.IfNode:
				walk(tree, n.List)
				walk(tree, n.ElseList)
			case *parse.WithNode:
				walk(tree, n.List)
				walk(tree, n.ElseList)
			}
		}
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			walk(tt.Tree, tt.Tree.Root)
		}
	}
}

// foldFirstAction replaces the root template's first action by the text
// "[folded]".
func foldFirstAction(t *template.Template) {
	root := t.Lookup("root").Tree
	for i, n := range root.Root.Nodes {
		if _, ok := n.(*parse.ActionNode); ok {
			root.Root.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: n.Position(), Text: []byte("[folded]")}
			return
		}
	}
}

// runBoth executes the root template of tm with html/template and with
// set on data, and reports a difference.
func runBoth(t *testing.T, tm *template.Template, set *Set, data any) {
	t.Helper()
	var want, got bytes.Buffer
	werr := tm.ExecuteTemplate(&want, "root", data)
	gerr := set.Execute(&got, "root", data)
	switch {
	case werr != nil && gerr == nil:
		t.Errorf("html/template fails, compiled set does not:\nerror: %v\noutput: %q", werr, got.String())
	case werr == nil && gerr != nil:
		t.Errorf("compiled set fails, html/template does not:\nerror: %v\nwant: %q", gerr, want.String())
	case werr == nil && got.String() != want.String():
		t.Errorf("outputs differ:\n got: %q\nwant: %q", got.String(), want.String())
	}
}

func TestDifferential(t *testing.T) {
	for _, tc := range diffCases {
		t.Run(tc.name, func(t *testing.T) {
			tm, err := template.New("root").Funcs(testFuncs).Parse(tc.src)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			data := tc.data
			if data == nil {
				data = []any{samplePage(0), samplePage(1), samplePage(2), samplePage(3)}
			}
			// Executing escapes the set.
			tm.ExecuteTemplate(&bytes.Buffer{}, "root", data[0])
			if tc.rewrite != nil {
				tc.rewrite(tm)
			}
			set, err := Compile(tm, testFuncs)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			// Twice: the second run goes through the warm inline caches.
			for range 2 {
				for _, d := range data {
					runBoth(t, tm, set, d)
				}
			}
		})
	}
}
