package catalog

import (
	"bytes"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/odop-india/odop/internal/diag"
	"github.com/odop-india/odop/internal/markdown"
	"github.com/odop-india/odop/internal/slug"
)

const storiesDir = "content/stories"

var storyDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$`)

// productRef is a (state, district, product) triple as a story names it,
// with the keys of the district's and the product's names.
type productRef struct {
	state, district, product string
	districtKey, productKey  string
	pos                      diag.Pos
}

// loadStories reads content/stories/*.yaml. It runs after the products
// are linked, because a story must name places and products that exist.
func (b *builder) loadStories(fsys fs.FS) {
	names, _ := fs.Glob(fsys, storiesDir+"/*.yaml")
	more, _ := fs.Glob(fsys, storiesDir+"/*.yml")
	names = append(names, more...)
	sort.Strings(names)
	b.cache.storyFiles().keepOnly(names)
	var slugs slug.Set
	for _, name := range names {
		src, err := readFile(fsys, name)
		if err != nil {
			b.errs.Errorf(diag.Pos{File: name}, "%v", err)
			continue
		}
		if s := b.linkStory(b.storyFile(name, src)); s != nil {
			base := strings.TrimSuffix(strings.TrimSuffix(path.Base(name), ".yaml"), ".yml")
			s.Slug, _ = slugs.Unique(base)
			b.cat.Stories = append(b.cat.Stories, s)
		}
	}
	sort.SliceStable(b.cat.Stories, func(i, j int) bool {
		a, c := b.cat.Stories[i], b.cat.Stories[j]
		if a.Date != c.Date {
			return a.Date > c.Date
		}
		return a.Slug < c.Slug
	})
	for _, s := range b.cat.Stories {
		for _, p := range s.Products() {
			p.Stories = append(p.Stories, s)
		}
		if s.District != nil {
			s.District.Stories = append(s.District.Stories, s)
		}
	}
}

// storyFile is a story as parsed from its file, before it is linked to
// the catalogue. The cache keeps it, and it is never changed after it is
// made: each load links a copy of its story.
type storyFile struct {
	story                             *Story // nil when the file is not a mapping of fields
	state, district                   string
	districtKey, productKey           string
	statePos, districtPos, productPos diag.Pos
	mentions                          []productRef
	errs                              diag.List
}

// storyFile parses the story file name, or takes it from the cache.
func (b *builder) storyFile(name string, src []byte) storyFile {
	cache := b.cache.storyFiles()
	if f, ok := cache.get(name, "", src); ok {
		return f
	}
	f := parseStory(name, src, b.markdown())
	cache.put(name, "", src, f)
	return f
}

// parseStory reads a story's fields and checks those that need nothing
// but the file: required fields, the date, the links of its body and its
// sources.
func parseStory(file string, src []byte, md *markdown.Converter) storyFile {
	var problems diag.List
	errs := &problems
	m := parseYAMLMapping(file, src, 0, errs)
	if m == nil {
		return storyFile{errs: problems}
	}
	s := &Story{Pos: diag.Pos{File: file, Line: 1, Col: 1}}
	var stateName, districtName string
	var statePos, districtPos, productPos diag.Pos
	var mentions []productRef
	text := func(dst *string, name string) func(*yaml.Node) {
		return func(v *yaml.Node) { *dst = strings.TrimSpace(str(file, v, 0, name, errs)) }
	}
	fields(file, m, 0, map[string]func(*yaml.Node){
		"title":   text(&s.Title, "title"),
		"summary": text(&s.Summary, "summary"),
		"note":    text(&s.Note, "note"),
		"date": func(v *yaml.Node) {
			s.Date = str(file, v, 0, "date", errs)
			if s.Date != "" && !validDate(s.Date) {
				errs.Errorf(nodePos(file, v, 0), "date %q: want YYYY-MM-DD (or YYYY-MM), a real date", s.Date)
			}
		},
		"state":    func(v *yaml.Node) { stateName, statePos = str(file, v, 0, "state", errs), nodePos(file, v, 0) },
		"district": func(v *yaml.Node) { districtName, districtPos = str(file, v, 0, "district", errs), nodePos(file, v, 0) },
		"product":  func(v *yaml.Node) { s.ProductName, productPos = str(file, v, 0, "product", errs), nodePos(file, v, 0) },
		"figures":  func(v *yaml.Node) { s.Figures, _ = strs(file, v, 0, "figures", errs) },
		"body": func(v *yaml.Node) {
			s.Body = str(file, v, 0, "body", errs)
			line := v.Line
			if v.Style == yaml.LiteralStyle || v.Style == yaml.FoldedStyle {
				line++ // the text starts below the "|" or ">"
			}
			checkMarkdown(md, file, src, line, []byte(s.Body), errs)
		},
		"sources": func(v *yaml.Node) {
			var pos []diag.Pos
			s.Sources, pos = strs(file, v, 0, "sources", errs)
			for i, u := range s.Sources {
				if msg := checkWebURL(u); msg != "" {
					errs.Errorf(pos[i], "source: %s", msg)
				}
			}
		},
		"mentions": func(v *yaml.Node) {
			if v.Kind != yaml.SequenceNode {
				errs.Errorf(nodePos(file, v, 0), "mentions: want a list of {state, district, product}, found a %s", kindName(v))
				return
			}
			for _, e := range v.Content {
				if e.Kind != yaml.MappingNode {
					errs.Errorf(nodePos(file, e, 0), "mentions: want {state, district, product}, found a %s", kindName(e))
					continue
				}
				r := productRef{pos: nodePos(file, e, 0)}
				fields(file, e, 0, map[string]func(*yaml.Node){
					"state":    func(v *yaml.Node) { r.state = str(file, v, 0, "state", errs) },
					"district": func(v *yaml.Node) { r.district = str(file, v, 0, "district", errs) },
					"product":  func(v *yaml.Node) { r.product = str(file, v, 0, "product", errs) },
				}, errs)
				r.districtKey, r.productKey = normKey(r.district), normKey(r.product)
				mentions = append(mentions, r)
			}
		},
	}, errs)

	top := diag.Pos{File: file, Line: 1, Col: 1}
	for _, req := range []struct{ name, val string }{
		{"title", s.Title}, {"date", s.Date}, {"summary", s.Summary}, {"body", s.Body},
	} {
		if req.val == "" {
			errs.Errorf(top, "story has no %s", req.name)
		}
	}
	if len(s.Sources) == 0 {
		errs.Errorf(top, "story has no sources; want a list of the URLs its facts come from")
	}
	// Loads share the lists: one that appended to them must copy them.
	s.Figures, s.Sources = slices.Clip(s.Figures), slices.Clip(s.Sources)
	return storyFile{
		story: s, state: stateName, district: districtName,
		districtKey: normKey(districtName), productKey: normKey(s.ProductName),
		statePos: statePos, districtPos: districtPos, productPos: productPos,
		mentions: mentions, errs: problems,
	}
}

// linkStory makes a load's own story from f, linked to the State/UT,
// district and products it names. A story with an error is left out.
func (b *builder) linkStory(f storyFile) *Story {
	before := b.errs.Errors()
	b.errs = append(b.errs, f.errs...)
	if f.story == nil {
		return nil
	}
	s := new(Story)
	*s = *f.story
	if f.state != "" {
		s.State = b.statesByName[f.state]
		if s.State == nil {
			b.errs.Errorf(f.statePos, "state %q has no products in the catalogue", f.state)
		}
	}
	if f.district != "" {
		switch {
		case f.state == "":
			b.errs.Errorf(f.districtPos, "district %q given without its state", f.district)
		case s.State != nil:
			s.District = b.districts[districtID{s.State, f.districtKey}]
			if s.District == nil {
				b.errs.Errorf(f.districtPos, "district %q is not in the catalogue for %s", f.district, f.state)
			}
		}
	}
	if s.ProductName != "" {
		b.resolveStoryProduct(s, f.productKey, f.productPos)
	}
	for _, r := range f.mentions {
		if p := b.findProduct(r); p != nil {
			s.Mentions = append(s.Mentions, p)
		}
	}
	if b.errs.Errors() > before {
		return nil
	}
	return s
}

// resolveStoryProduct finds the story's product, whose name's key is key,
// in its district; failing that, the rows that list the product elsewhere
// (in the story's state if any, else anywhere), which the story page then
// names. A product the catalogue does not list at all is an error: a
// story never invents a row.
func (b *builder) resolveStoryProduct(s *Story, key string, pos diag.Pos) {
	if s.District != nil {
		if p := b.productByKey[productID{s.District, key}]; p != nil {
			s.Product = p
			return
		}
	}
	// Few stories come here: a look through the products costs less than
	// an index of them.
	var anywhere, inState []*Product
	for _, p := range b.cat.Products {
		if p.facts.key == key {
			anywhere = append(anywhere, p)
		}
	}
	for _, p := range anywhere {
		if p.State() == s.State {
			inState = append(inState, p)
		}
	}
	switch {
	case len(inState) > 0:
		s.ListedIn = inState
	case len(anywhere) > 0:
		s.ListedIn = anywhere
	default:
		b.errs.Errorf(pos, "product %q is not in the catalogue; name a product as the product lists give it", s.ProductName)
	}
}

func (b *builder) findProduct(r productRef) *Product {
	st := b.statesByName[r.state]
	if st == nil {
		b.errs.Errorf(r.pos, "mentions: state %q has no products in the catalogue", r.state)
		return nil
	}
	d := b.districts[districtID{st, r.districtKey}]
	if d == nil {
		b.errs.Errorf(r.pos, "mentions: district %q is not in the catalogue for %s", r.district, r.state)
		return nil
	}
	p := b.productByKey[productID{d, r.productKey}]
	if p == nil {
		b.errs.Errorf(r.pos, "mentions: product %q is not listed for %s, %s", r.product, r.district, r.state)
	}
	return p
}

func validDate(s string) bool {
	if !storyDate.MatchString(s) {
		return false
	}
	layout := "2006-01-02"
	if len(s) == 7 {
		layout = "2006-01"
	}
	_, err := time.Parse(layout, s)
	return err == nil
}

// checkMarkdown reports to errs bad links and raw HTML in Markdown that
// starts on line startLine of file.
func checkMarkdown(conv *markdown.Converter, file string, src []byte, startLine int, md []byte, errs *diag.List) {
	indent := 0
	if lines := bytes.Split(src, []byte("\n")); startLine >= 1 && startLine <= len(lines) {
		l := lines[startLine-1]
		indent = len(l) - len(bytes.TrimLeft(l, " "))
	}
	for _, p := range conv.Check(md) {
		pos := diag.Pos{File: file, Line: startLine + p.Line - 1, Col: indent + p.Col}
		if p.Warning {
			errs.Warnf(pos, "%s", p.Msg)
		} else {
			errs.Errorf(pos, "%s", p.Msg)
		}
	}
}
