package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strings"
	"sync"
	"testing"
	"text/template/parse"
)

// TestConcurrent executes one set from many goroutines on data whose
// interface fields hold different types, so that the inline caches fill
// while they are read. Run it with -race.
func TestConcurrent(t *testing.T) {
	const src = `{{define "item"}}<li title="{{.Name}}">{{.Title}} {{.Price}}</li>{{end}}` +
		`<h1>{{.Title}}</h1>{{with .Any}}{{.Name}}|{{.Title}}{{end}}{{range .Items}}{{template "item" .}}{{end}}` +
		`{{range $k, $v := .Map}}{{$k}}={{$v}};{{end}}<script>var d = {{.Data}};</script>`
	tm := template.Must(template.New("root").Funcs(testFuncs).Parse(src))
	var data []any
	for i := range 4 {
		data = append(data, samplePage(i))
	}
	want := make([]string, len(data))
	for i, d := range data {
		var b bytes.Buffer
		if err := tm.Execute(&b, d); err != nil {
			t.Fatal(err)
		}
		want[i] = b.String()
	}
	set, err := Compile(tm, testFuncs)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Go(func() {
			var b bytes.Buffer
			for i := range 200 {
				k := (g + i) % len(data)
				b.Reset()
				if err := set.Execute(&b, "root", data[k]); err != nil {
					errs <- err
					return
				}
				if b.String() != want[k] {
					errs <- fmt.Errorf("data %d: got %q, want %q", k, b.String(), want[k])
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Types for a field step that meets more types than its cache holds.
type (
	n0 struct{ Name string }
	n1 struct{ Name string }
	n2 struct{ Name string }
	n3 struct{ Name string }
	n4 struct{ Name string }
	n5 struct{ Name string }
	n6 struct{ Name string }
	n7 struct{ Name string }
	n8 struct{ Name string }
	n9 struct{ Name string }
)

func (n4) Title() string { return "n4" }

func TestManyTypes(t *testing.T) {
	tm := template.Must(template.New("root").Parse(`{{range .}}{{.Name}},{{end}}`))
	data := []any{n0{"a"}, &n1{"b"}, n2{"c"}, n3{"d"}, n4{"e"}, n5{"f"}, n6{"g"}, n7{"h"}, n8{"i"}, n9{"j"},
		map[string]string{"Name": "k"}, map[string]any{"Name": 1}, &n0{"l"}, (*n3)(nil)}
	tm.Execute(&bytes.Buffer{}, nil)
	set, err := Compile(tm, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		runBoth(t, tm, set, data)
		runBoth(t, tm, set, data[:len(data)-1])
	}
}

func TestCompileErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		rewrite   func(tree *parse.Tree)
	}{
		// html/template derives "x$htmltemplate_stateAttr..." to call x in
		// an attribute, and keeps it out of its set.
		{name: "derived template", src: `{{define "x"}}{{.}}{{end}}<p title="{{template "x" .}}">`},
		{name: "decl in and", src: `{{and 1 ($x := 2)}}`},
		{name: "decl in method arg", src: `{{.Greet ($x := "a")}}`},
		{name: "unknown function", src: `{{.}}`, rewrite: func(tree *parse.Tree) {
			a := tree.Root.Nodes[0].(*parse.ActionNode)
			a.Pipe.Cmds[len(a.Pipe.Cmds)-1].Args[0] = parse.NewIdentifier("nosuchfunc")
		}},
		{name: "unknown escaper", src: `{{.}}`, rewrite: func(tree *parse.Tree) {
			a := tree.Root.Nodes[0].(*parse.ActionNode)
			a.Pipe.Cmds[len(a.Pipe.Cmds)-1].Args[0] = parse.NewIdentifier("_html_template_newescaper")
		}},
		{name: "unknown template", src: `{{define "y"}}{{end}}{{template "y"}}`, rewrite: func(tree *parse.Tree) {
			tree.Root.Nodes[0].(*parse.TemplateNode).Name = "z"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tm := template.Must(template.New("root").Funcs(testFuncs).Parse(tc.src))
			tm.Execute(&bytes.Buffer{}, sampleItem("x", 1))
			if tc.rewrite != nil {
				tc.rewrite(tm.Lookup("root").Tree)
			}
			if _, err := Compile(tm, testFuncs); !errors.Is(err, errUnsupported) {
				t.Errorf("Compile: got error %v, want one of unsupported", err)
			}
		})
	}
}

func TestNotEscaped(t *testing.T) {
	tm := template.Must(template.New("root").Parse(`{{define "other"}}<p>{{.}}</p>{{end}}{{define "quiet"}}<p>text</p>{{end}}` +
		`{{define "caller"}}<p>{{template "other" .}}</p>{{end}}<b>{{.}}</b>{{template "quiet"}}`))
	tm.Execute(&bytes.Buffer{}, "x")
	set, err := Compile(tm, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"other", "caller"} {
		if err := set.Execute(&bytes.Buffer{}, name, "<x>"); !errors.Is(err, ErrNotEscaped) {
			t.Errorf("executing %s, never escaped: got %v, want ErrNotEscaped", name, err)
		}
	}
	for _, name := range []string{"root", "quiet"} {
		if err := set.Execute(&bytes.Buffer{}, name, "<x>"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := set.Execute(&bytes.Buffer{}, "nosuch", nil); err == nil {
		t.Error("executing a template not in the set: no error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("write failed") }

func TestWriters(t *testing.T) {
	tm := template.Must(template.New("root").Parse(`<p>{{.}}</p>`))
	tm.Execute(&bytes.Buffer{}, "x")
	set, err := Compile(tm, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	if err := set.Execute(&sb, "root", "a&b"); err != nil || sb.String() != "<p>a&amp;b</p>" {
		t.Errorf("to a strings.Builder: %q, %v", sb.String(), err)
	}
	if err := set.Execute(failWriter{}, "root", "a"); err == nil {
		t.Error("to a failing writer: no error")
	}
}

func TestDepthLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("deep recursion")
	}
	tm := template.Must(template.New("root").Parse(`{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}`))
	werr := tm.Execute(&bytes.Buffer{}, nil)
	set, err := Compile(tm, nil)
	if err != nil {
		t.Fatal(err)
	}
	gerr := set.Execute(&bytes.Buffer{}, "root", nil)
	if werr == nil || gerr == nil {
		t.Errorf("infinite recursion: errors %v and %v", werr, gerr)
	}
}
