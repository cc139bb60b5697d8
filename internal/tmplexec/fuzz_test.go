package tmplexec

import (
	"bytes"
	"html/template"
	"testing"
)

// escaperContexts put an action in each context where html/template
// inserts one of its escapers (named after the escapers it inserts).
var escaperContexts = []string{
	`<p>{{.}}</p>`,                                   // htmlescaper
	`<p title="{{.}}" class='{{.}}'>`,                // attrescaper
	`<p title={{.}}>`,                                // nospaceescaper
	`<a href="{{.}}">`,                               // urlfilter, urlnormalizer, attrescaper
	`<a href="/search?q={{.}}&amp;x=1#{{.}}">`,       // urlescaper, attrescaper
	`<a href={{.}}>`,                                 // urlfilter, urlnormalizer, nospaceescaper
	`<title>{{.}}</title><textarea>{{.}}</textarea>`, // rcdataescaper
	`<script>var x = {{.}};</script>`,                // jsvalescaper
	`<script type="application/ld+json">{{.}}</script>`,
	`<script>var s = "{{.}}", t = '{{.}}';</script>`, // jsstrescaper
	`<script>var r = /{{.}}/;</script>`,              // jsregexpescaper
	`<a onclick="f({{.}}, '{{.}}')">`,                // jsvalescaper, jsstrescaper, attrescaper
	`<style>p { color: {{.}} }</style>`,              // cssvaluefilter
	`<style>p { font-family: "{{.}}" }</style>`,      // cssescaper
	`<style>p { background: url("/{{.}}") }</style>`, // urlnormalizer in CSS
	`<p style="width: {{.}}">`,                       // cssvaluefilter, attrescaper
	`<img srcset="{{.}}">`,                           // srcsetescaper, attrescaper
	`<p {{.}}="x">`,                                  // htmlnamefilter
	`<!-- {{.}} -->x`,                                // commentescaper
	`<p>{{. | html}}</p><p>{{. | urlquery}}</p><p>{{js .}}</p><p>{{html . 1}}</p>`,
	`<a href="/x?q={{. | urlquery}}">`,
	`<meta http-equiv="refresh" content="0; url={{.}}">`,
}

// fuzzValue makes the value of kind k from s: s as a string or one of
// html/template's typed strings.
func fuzzValue(s string, k uint8) any {
	switch k % 10 {
	case 1:
		return template.HTML(s)
	case 2:
		return template.URL(s)
	case 3:
		return template.JS(s)
	case 4:
		return template.JSStr(s)
	case 5:
		return template.CSS(s)
	case 6:
		return template.HTMLAttr(s)
	case 7:
		return template.Srcset(s)
	case 8:
		return Slug(s)
	case 9:
		return []string{s, s}
	}
	return s
}

func FuzzEscapers(f *testing.F) {
	type pair struct {
		tm  *template.Template
		set *Set
	}
	var pairs []pair
	for _, src := range escaperContexts {
		tm := template.Must(template.New("root").Parse(src))
		if err := tm.Execute(&bytes.Buffer{}, "x"); err != nil {
			f.Fatalf("%s: %v", src, err)
		}
		set, err := Compile(tm, nil)
		if err != nil {
			f.Fatalf("%s: %v", src, err)
		}
		pairs = append(pairs, pair{tm, set})
	}
	for _, s := range []string{
		"", "plain", `<b>bold</b> & "quotes" 'apos' +plus`, "javascript:alert(1)", "JavaScript:x", "http://a.b/c?d=e&f=g#h",
		"mailto:x@y", "/path with spaces/%41%zz%", "a,b 1x, c 2x", "\x00\x01\x1f\x7f", "\u2028\u2029", "\ufdd0\ufffe\U0001F600",
		"\xff\xfe invalid utf8", "</script><script>", "<!-- x -->", "expression(x)", "red", "10px", "a=b", "`${x}`",
		`<a title="1>2">x</a> I <3 ponies`, "<script>x</script>y<style>z</style>", "<textarea><b></textarea>", "\\", "</title>",
	} {
		for k := range uint8(10) {
			f.Add(s, k)
		}
	}
	f.Fuzz(func(t *testing.T, s string, k uint8) {
		data := fuzzValue(s, k)
		for i, p := range pairs {
			var want, got bytes.Buffer
			werr := p.tm.Execute(&want, data)
			gerr := p.set.Execute(&got, "root", data)
			if (werr != nil) != (gerr != nil) {
				t.Fatalf("%s with %#v: errors differ: %v, %v", escaperContexts[i], data, werr, gerr)
			}
			if werr == nil && got.String() != want.String() {
				t.Fatalf("%s with %#v:\n got: %q\nwant: %q", escaperContexts[i], data, got.String(), want.String())
			}
		}
	})
}
