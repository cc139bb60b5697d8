package tmplexec

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"
)

// A realistic page: a base layout of some forty actions in the contexts
// the site's templates use, and a main template ranging over twenty
// products of six fields each.

const benchBase = `<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}} · {{siteTitle}}</title>
<meta name="description" content="{{.Description}}">
<link rel="canonical" href="{{.Canonical}}">
<link rel="stylesheet" href="{{asset "app.css"}}">
<meta property="og:title" content="{{.Title}}">
<meta property="og:url" content="{{.Canonical}}">
<meta property="og:image" content="{{asset "og.png"}}">
<script type="application/ld+json">{"@type": "WebPage", "name": {{.Title}}, "url": {{.Canonical}}}</script>
</head>
<body class="{{.Kind}}">
<header>
<a class="brand" href="{{href "/"}}">{{siteTitle}}</a>
<nav>{{range .Nav}}<a href="{{href .Path}}"{{if .Current}} aria-current="page"{{end}}>{{.Label}}</a>{{end}}</nav>
<form action="{{href "/search/"}}"><input name="q" placeholder="{{t "search.placeholder"}}" value="{{.Query}}"></form>
</header>
<main>
<h1>{{.Title}}</h1>
{{if .Lead}}<p class="lead">{{.Lead}}</p>{{end}}
{{template "main" .}}
</main>
<footer>
<p>{{t "footer.updated" "date" .Updated}}</p>
<p>{{t "footer.count" "n" (len .Products)}}</p>
<p><a href="{{href "/about/"}}">{{t "nav.about"}}</a> · <a href="{{href "/feed.xml"}}">{{t "nav.feed"}}</a></p>
<p>{{.License}} · <a href="{{.Source}}">{{t "footer.source"}}</a></p>
</footer>
<script src="{{asset "app.js"}}" defer></script>
<script>window.ODOP = {lang: {{.Lang}}, kind: {{.Kind}}, count: {{len .Products}}};</script>
</body>
</html>`

const benchMain = `{{define "main"}}<ul class="products">
{{range $i, $p := .Products}}<li id="p{{$i}}" class="product{{if .GI}} gi{{end}}">
<a href="{{href .}}"><img src="{{.Image}}" alt="{{.Name}}" loading="lazy"></a>
<h2><a href="{{href .}}">{{.Name}}</a></h2>
<p class="where">{{.District}}, {{.State}}</p>
<p class="what">{{.Category}}</p>
{{with .Price}}<p class="price">{{.}}</p>{{end}}
</li>
{{end}}</ul>{{end}}`

type benchProduct struct {
	Slug, Name, District, State, Category, Image string
	GI                                           bool
	Price                                        string
}

type benchNav struct {
	Path, Label string
	Current     bool
}

type benchPage struct {
	Lang, Title, Description, Canonical, Kind, Query, Lead, Updated, License, Source string
	Nav                                                                              []benchNav
	Products                                                                         []*benchProduct
}

var benchFuncs = template.FuncMap{
	"href": func(x any) string {
		switch x := x.(type) {
		case *benchProduct:
			return "/products/" + x.Slug + "/"
		case string:
			return x
		}
		return "/"
	},
	"asset":     func(name string) (string, error) { return "/assets/" + name, nil },
	"siteTitle": func() string { return "One District One Product" },
	"t": func(key string, args ...any) (string, error) {
		if len(args) == 0 {
			return key, nil
		}
		return key + ": " + fmt.Sprint(args...), nil
	},
}

func benchData() *benchPage {
	p := &benchPage{
		Lang: "en", Title: "Handicrafts of Uttar Pradesh", Description: "Products & crafts, district by district",
		Canonical: "https://example.org/states/uttar-pradesh/", Kind: "state", Lead: "Seventy-five districts, each with its product.",
		Updated: "2025-01-31", License: "CC BY 4.0", Source: "https://example.org/source",
		Nav: []benchNav{{"/", "Home", false}, {"/states/", "States", true}, {"/products/", "Products", false}, {"/gi/", "GI", false}, {"/stories/", "Stories", false}},
	}
	for i := range 20 {
		p.Products = append(p.Products, &benchProduct{
			Slug: fmt.Sprintf("product-%d", i), Name: fmt.Sprintf("Chikankari embroidery nº%d", i),
			District: "Lucknow", State: "Uttar Pradesh", Category: "Textiles & handloom",
			Image: fmt.Sprintf("/img/p%d.webp", i), GI: i%3 == 0, Price: map[bool]string{true: "₹1,200", false: ""}[i%2 == 0],
		})
	}
	return p
}

func benchTemplates(tb testing.TB) (*template.Template, *Set, *benchPage) {
	tm := template.Must(template.New("base").Funcs(benchFuncs).Parse(benchBase))
	template.Must(tm.Parse(benchMain))
	data := benchData()
	var want bytes.Buffer
	if err := tm.Execute(&want, data); err != nil {
		tb.Fatal(err)
	}
	set, err := Compile(tm, benchFuncs)
	if err != nil {
		tb.Fatal(err)
	}
	var got bytes.Buffer
	if err := set.Execute(&got, "base", data); err != nil {
		tb.Fatal(err)
	}
	if got.String() != want.String() {
		tb.Fatalf("outputs differ:\n got: %s\nwant: %s", got.String(), want.String())
	}
	if n := strings.Count(benchBase, "{{"); n < 40 {
		tb.Fatalf("the base layout has %d actions", n)
	}
	return tm, set, data
}

func TestBenchPage(t *testing.T) { benchTemplates(t) }

func BenchmarkPage(b *testing.B) {
	tm, set, data := benchTemplates(b)
	b.Run("html-template", func(b *testing.B) {
		var buf bytes.Buffer
		b.ReportAllocs()
		for b.Loop() {
			buf.Reset()
			if err := tm.Execute(&buf, data); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(int64(buf.Len()))
	})
	b.Run("tmplexec", func(b *testing.B) {
		var buf bytes.Buffer
		b.ReportAllocs()
		for b.Loop() {
			buf.Reset()
			if err := set.Execute(&buf, "base", data); err != nil {
				b.Fatal(err)
			}
		}
		b.SetBytes(int64(buf.Len()))
	})
}
