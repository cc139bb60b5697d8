// Command hugosite writes the Hugo site that bench/compare-hugo.sh builds
// against odop: what a web developer would write for this catalogue with
// Hugo, in Hugo's best idiom.
//
//	go run ./bench/hugosite -src SITE -out HUGO_SITE
//
// It reads SITE's data/products/*.csv (the real catalogue, or one made by
// bench/gen) and writes one Markdown page per product, with the State/UT,
// sector, category and GI flag as taxonomies (each gets list pages, as
// odop's state, sector, category and GI pages) and the district and the
// other columns as page parameters. A district taxonomy would give Hugo
// district pages too, but makes it several times slower, so the
// comparison uses the faster idiom; odop does build district pages.
// Its templates show the same fields as odop's pages, with JSON-LD, and
// related products (same family or district, as odop lists them) by
// Hugo's own related-content index; Hugo's
// RSS feeds and sitemap are turned off, as odop makes neither here.
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/odop-india/odop/internal/slug"
)

func main() {
	src := flag.String("src", ".", "the odop site `directory` to read")
	out := flag.String("out", "", "the Hugo site `directory` to write")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	n, err := write(*src, *out)
	if err != nil {
		fmt.Fprintf(os.Stderr, "hugosite: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("hugosite: %d product pages in %s\n", n, *out)
}

// frontMatter is one product page's front matter.
type frontMatter struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description,omitempty"`
	States      []string `yaml:"states"`
	Sectors     []string `yaml:"sectors"`
	Categories  []string `yaml:"categories"`
	GI          []string `yaml:"gi,omitempty"`
	District    string   `yaml:"district"`
	Family      string   `yaml:"family"` // the name without a bracketed qualifier, as odop groups products
	LGDCode     string   `yaml:"lgd_code,omitempty"`
	Ministry    string   `yaml:"ministry,omitempty"`
	PhotoURL    string   `yaml:"photo_url,omitempty"`
}

func write(src, out string) (int, error) {
	files, err := filepath.Glob(filepath.Join(src, "data", "products", "*.csv"))
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	contentDir := filepath.Join(out, "content", "products")
	if err := os.MkdirAll(contentDir, 0o755); err != nil {
		return 0, err
	}
	used := map[string]bool{}
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return n, err
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		if err != nil {
			return n, fmt.Errorf("%s: %w", f, err)
		}
		if len(rows) == 0 {
			continue
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[strings.TrimSpace(h)] = i
		}
		get := func(row []string, name string) string {
			if i, ok := col[name]; ok && i < len(row) {
				return strings.Join(strings.Fields(row[i]), " ")
			}
			return ""
		}
		for _, row := range rows[1:] {
			fm := frontMatter{
				Title:       get(row, "product"),
				Description: get(row, "description"),
				States:      []string{get(row, "state")},
				Sectors:     []string{get(row, "sector")},
				Categories:  []string{get(row, "category")},
				District:    get(row, "district"),
				Family:      familyName(get(row, "product")),
				LGDCode:     get(row, "lgd_code"),
				Ministry:    get(row, "ministry_department"),
				PhotoURL:    get(row, "photo_url"),
			}
			if strings.EqualFold(get(row, "gi_status"), "yes") {
				fm.GI = []string{"GI-tagged"}
			}
			name := slug.Make(fm.States[0] + " " + fm.District + " " + fm.Title)
			for base, i := name, 2; used[name]; i++ {
				name = fmt.Sprintf("%s-%d", base, i)
			}
			used[name] = true
			y, err := yaml.Marshal(fm)
			if err != nil {
				return n, err
			}
			page := "---\n" + string(y) + "---\n"
			if err := os.WriteFile(filepath.Join(contentDir, name+".md"), []byte(page), 0o644); err != nil {
				return n, err
			}
			n++
		}
	}
	if err := os.WriteFile(filepath.Join(out, "hugo.toml"), []byte(config), 0o644); err != nil {
		return n, err
	}
	for name, text := range layouts {
		p := filepath.Join(out, "layouts", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return n, err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return n, err
		}
	}
	return n, nil
}

// familyName drops bracketed qualifiers: "Turmeric (Lakadong)" is in the
// family "Turmeric", as odop's product pages group them.
func familyName(name string) string {
	var b strings.Builder
	depth := 0
	for _, r := range name {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	if f := strings.Join(strings.Fields(b.String()), " "); f != "" {
		return f
	}
	return name
}

const config = `baseURL = "https://example.org/"
title = "ODOP India catalogue"
languageCode = "en"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[params]
description = "India's One District One Product catalogue."
data = "National ODOP product list"
[related]
threshold = 80
includeNewer = true
toLower = false
[[related.indices]]
name = "family"
weight = 100
[[related.indices]]
name = "district"
weight = 100
[taxonomies]
state = "states"
sector = "sectors"
category = "categories"
gi = "gi"
`

// layouts are the Hugo templates, by path below layouts/.
var layouts = map[string]string{
	"_default/baseof.html": `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ block "jsonld" . }}{{ end }}
</head>
<body>
<header class="site-header">
<a class="brand" href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Main">
<ul>
<li><a href="{{ "states/" | relURL }}">States and UTs</a></li>
<li><a href="{{ "sectors/" | relURL }}">Sectors</a></li>
<li><a href="{{ "products/" | relURL }}">Products A–Z</a></li>
<li><a href="{{ "gi/" | relURL }}">GI tags</a></li>
</ul>
</nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<p>Data: {{ site.Params.data }}. Product names, descriptions and flags are shown as the list gives them.</p>
<ul class="footer-links">
<li><a href="{{ "categories/" | relURL }}">Categories</a></li>
</ul>
</footer>
</body>
</html>
`,
	"_default/single.html": `{{ define "jsonld" }}<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "Product" "name" .Title "url" .Permalink "category" (index .Params.sectors 0) "description" .Description | jsonify | safeJS }}</script>{{ end }}
{{ define "main" }}<article class="product">
<h1>{{ .Title }}</h1>
<dl class="facts">
<dt>District</dt><dd>{{ .Params.district }}{{ with .Params.lgd_code }} (LGD code {{ . }}){{ end }}</dd>
<dt>State or UT</dt><dd>{{ range .GetTerms "states" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Sector</dt><dd>{{ range .GetTerms "sectors" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Category</dt><dd>{{ range .GetTerms "categories" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>GI status</dt><dd>{{ if .Params.gi }}<span class="tag">GI</span> Yes, as the ODOP list flags it{{ else }}No, as the ODOP list flags it{{ end }}</dd>
{{ with .Params.ministry }}<dt>Line ministry or department</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.photo_url }}<dt>Photo</dt><dd><a href="{{ . }}" rel="noopener">Photo in the source data</a></dd>{{ end }}
</dl>
{{ with .Description }}<h2>About this product</h2>
<p>{{ . }}</p>{{ end }}
<p class="source">Source: {{ site.Params.data }}.</p>
{{ with site.RegularPages.Related . }}<h2>Related products</h2>
<ul class="products">
{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="meta">{{ .Params.district }}, {{ index .Params.states 0 }} · {{ index .Params.sectors 0 }} · {{ index .Params.categories 0 }}{{ if .Params.gi }} · <span class="tag">GI</span>{{ end }}</span></li>
{{ end }}</ul>{{ end }}
</article>{{ end }}
`,
	"_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="products">
{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="meta">{{ .Params.district }}, {{ index .Params.states 0 }}</span></li>
{{ end }}</ul>{{ end }}
`,
	"_default/taxonomy.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }}</span></li>
{{ end }}</ul>{{ end }}
`,
	"_default/term.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<p class="lede">{{ len .Pages }} products</p>
{{ if eq .Data.Plural "states" }}{{ range .Pages.GroupByParam "district" }}<section class="district">
<h2>{{ .Key }}</h2>
<ul class="products">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="meta">{{ index .Params.categories 0 }} · {{ index .Params.sectors 0 }}{{ if .Params.gi }} · <span class="tag">GI</span>{{ end }}</span></li>
{{ end }}</ul>
</section>
{{ end }}{{ else }}<ul class="products">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="meta">{{ .Params.district }}, {{ index .Params.states 0 }} · {{ index .Params.sectors 0 }} · {{ index .Params.categories 0 }}{{ if .Params.gi }} · <span class="tag">GI</span>{{ end }}</span></li>
{{ end }}</ul>{{ end }}{{ end }}
`,
	"index.html": `{{ define "main" }}<h1>{{ site.Title }}</h1>
<p class="stats"><strong>{{ len site.RegularPages }}</strong> products</p>
<h2>Browse by State or Union Territory</h2>
<ul class="columns">
{{ range site.Taxonomies.states.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }}</span></li>
{{ end }}</ul>
<h2>Browse by sector</h2>
<ul class="chips">
{{ range site.Taxonomies.sectors.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} <span class="count">{{ .Count }}</span></a></li>
{{ end }}</ul>{{ end }}
`,
}
