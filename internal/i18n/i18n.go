// Package i18n holds the interface strings of the site in each of its
// languages: one YAML file per language in templates/i18n/, named by its
// BCP 47 tag (en.yaml, hi.yaml, zh-Hans.yaml). The first language of
// site.yaml is the default: its file is the reference every other file
// must match key for key, and its pages are at the site's root; the others
// are below a directory named by the lower-cased tag (/hi/, /zh-hans/).
//
// A file is a YAML mapping, nested as the author likes; a key's name is
// its path joined by dots ("nav.states"). A value is a string, a list of
// strings, or a mapping of CLDR plural categories (zero, one, two, few,
// many, other; other required) for a message that counts something.
// Strings hold placeholders in braces: "{n} products in {state}".
//
// Keys under "js." are the scripts' messages: a page carries the groups
// its scripts need as JSON, and the scripts fall back to their own English
// for anything missing.
package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/odop-india/odop/internal/diag"
)

// Dir is where the translation files are, in a site's sources.
const Dir = "templates/i18n"

// pluralCategories are CLDR's, in its order.
var pluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// Lang is one language of the interface.
type Lang struct {
	Tag     string // as site.yaml gives it: "zh-Hans"
	Default bool   // the site's first language, at its root
	Prefix  string // the directory of its pages below the site's root: "" or "zh-hans/"
	Name    string // its name in itself, for the language switcher: "中文（简体）"
	Dir     string // "ltr" or "rtl"

	msgs   map[string]*message
	plural func(n int) string
	group  string   // the thousands separator
	months []string // January to December
	date   string   // a full date: "{d} {month} {y}"
	month  string   // a month of a year: "{month} {y}"
}

// message is one key's value: text, a list, or plural forms.
type message struct {
	text  string
	list  []string
	forms map[string]string
	pos   diag.Pos
}

func (m *message) kind() string {
	switch {
	case m.list != nil:
		return "list"
	case m.forms != nil:
		return "plural forms"
	}
	return "text"
}

// PathPrefix is the directory of a language's pages: "" for the default
// language, else its tag in lower case followed by "/".
func PathPrefix(tag string, isDefault bool) string {
	if isDefault {
		return ""
	}
	return strings.ToLower(tag) + "/"
}

// Load reads the file of each language in tags (the first is the default
// and the reference) and checks them against each other. The problems
// name file, line and column; with any error the languages are nil.
func Load(fsys fs.FS, tags []string) ([]*Lang, diag.List) {
	var errs diag.List
	if len(tags) == 0 {
		tags = []string{"en"}
	}
	var langs []*Lang
	seen := map[string]bool{}
	for i, tag := range tags {
		if seen[strings.ToLower(tag)] {
			errs.Errorf(diag.Pos{File: "site.yaml"}, "languages: %s is listed twice", tag)
			continue
		}
		seen[strings.ToLower(tag)] = true
		file := path.Join(Dir, tag+".yaml")
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			errs.Errorf(diag.Pos{File: file}, "language %s has no translation file: %v", tag, err)
			continue
		}
		l := &Lang{Tag: tag, Default: i == 0, Prefix: PathPrefix(tag, i == 0), msgs: map[string]*message{}}
		if !parseFile(file, src, l, &errs) {
			continue
		}
		langs = append(langs, l)
	}
	if len(langs) > 0 && langs[0].Default {
		ref := langs[0]
		for _, l := range langs {
			l.setup(&errs)
			if l != ref {
				compare(ref, l, &errs)
			}
		}
	}
	errs.Sort()
	if errs.Errors() > 0 {
		return nil, errs
	}
	return langs, errs
}

func parseFile(file string, src []byte, l *Lang, errs *diag.List) bool {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		pos := yamlErrPos(file, err)
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.TrimPrefix(msg, fmt.Sprintf("line %d: ", pos.Line))
		errs.Errorf(pos, "%s", msg)
		return false
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		errs.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "want a mapping of keys to strings")
		return false
	}
	walk(file, "", doc.Content[0], l.msgs, errs)
	return true
}

// yamlErrPos finds the line in a yaml.v3 error ("yaml: line 3: ...").
func yamlErrPos(file string, err error) diag.Pos {
	s := err.Error()
	if i := strings.Index(s, "line "); i >= 0 {
		j := i + 5
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if n, e := strconv.Atoi(s[i+5 : j]); e == nil {
			return diag.Pos{File: file, Line: n}
		}
	}
	return diag.Pos{File: file}
}

func pos(file string, n *yaml.Node) diag.Pos {
	return diag.Pos{File: file, Line: n.Line, Col: n.Column}
}

func isPluralMap(n *yaml.Node) bool {
	hasOther := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if !isCategory(k) || n.Content[i+1].Kind != yaml.ScalarNode {
			return false
		}
		hasOther = hasOther || k == "other"
	}
	return hasOther
}

func isCategory(k string) bool {
	for _, c := range pluralCategories {
		if c == k {
			return true
		}
	}
	return false
}

func walk(file, prefix string, n *yaml.Node, out map[string]*message, errs *diag.List) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		if _, dup := out[key]; dup {
			errs.Errorf(pos(file, k), "key %s appears twice", key)
			continue
		}
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag != "!!null":
			out[key] = &message{text: v.Value, pos: pos(file, v)}
		case v.Kind == yaml.SequenceNode:
			m := &message{list: []string{}, pos: pos(file, v)}
			for _, e := range v.Content {
				if e.Kind != yaml.ScalarNode {
					errs.Errorf(pos(file, e), "%s: want a list of strings", key)
					continue
				}
				m.list = append(m.list, e.Value)
			}
			out[key] = m
		case v.Kind == yaml.MappingNode && isPluralMap(v):
			m := &message{forms: map[string]string{}, pos: pos(file, v)}
			for j := 0; j+1 < len(v.Content); j += 2 {
				m.forms[v.Content[j].Value] = v.Content[j+1].Value
			}
			out[key] = m
		case v.Kind == yaml.MappingNode:
			walk(file, key+".", v, out, errs)
		default:
			errs.Errorf(pos(file, v), "%s: want a string, a list or a mapping, found nothing", key)
		}
	}
}

// setup reads the language's own settings from its messages.
func (l *Lang) setup(errs *diag.List) {
	get := func(key string) string {
		if m := l.msgs[key]; m != nil && m.list == nil && m.forms == nil {
			return m.text
		}
		return ""
	}
	l.Name = get("language.name")
	l.Dir = get("language.dir")
	if l.Dir != "ltr" && l.Dir != "rtl" {
		p := diag.Pos{File: path.Join(Dir, l.Tag+".yaml")}
		if m := l.msgs["language.dir"]; m != nil {
			p = m.pos
		}
		errs.Errorf(p, "language.dir: want ltr or rtl, not %q", l.Dir)
	}
	l.group = get("format.group")
	l.date = get("format.date")
	l.month = get("format.month_year")
	if m := l.msgs["format.months"]; m != nil && len(m.list) == 12 {
		l.months = m.list
	} else {
		p := diag.Pos{File: path.Join(Dir, l.Tag+".yaml")}
		if m != nil {
			p = m.pos
		}
		errs.Errorf(p, "format.months: want a list of the 12 months' names")
	}
	l.plural = pluralRule(l.Tag)
}

// compare reports every key of ref missing from l, every key of l unknown
// to ref, values of another kind, and placeholders that do not match.
func compare(ref, l *Lang, errs *diag.List) {
	file := path.Join(Dir, l.Tag+".yaml")
	for _, key := range sortedKeys(ref.msgs) {
		r := ref.msgs[key]
		m, ok := l.msgs[key]
		if !ok {
			errs.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "missing key %s (%s has it at line %d)", key, path.Base(r.pos.File), r.pos.Line)
			continue
		}
		// Text and plural forms may stand for each other (a language may
		// count where English need not), but a list is a list.
		if (r.list == nil) != (m.list == nil) {
			errs.Errorf(m.pos, "%s: want a %s, as in %s", key, r.kind(), path.Base(r.pos.File))
			continue
		}
		if r.list != nil && key != "format.months" && len(r.list) != len(m.list) {
			errs.Errorf(m.pos, "%s: want %d items, as in %s, found %d", key, len(r.list), path.Base(r.pos.File), len(m.list))
		}
		want, got := placeholders(r), placeholders(m)
		if strings.HasPrefix(key, "format.") {
			// A date's parts are the language's to choose.
			for p := range got {
				if p != "d" && p != "m" && p != "month" && p != "y" {
					errs.Errorf(m.pos, "%s: placeholder {%s} is not one of {d}, {m}, {month}, {y}", key, p)
				}
			}
			continue
		}
		for p := range got {
			if !want[p] {
				errs.Errorf(m.pos, "%s: placeholder {%s} is not in %s's text", key, p, path.Base(r.pos.File))
			}
		}
		for p := range want {
			if !got[p] && p != "n" {
				errs.Errorf(m.pos, "%s: placeholder {%s} is missing (the text would lose what it stands for)", key, p)
			}
		}
		if m.forms != nil {
			for c := range m.forms {
				if !l.hasCategory(c) {
					errs.Warnf(m.pos, "%s: plural form %q is never used in %s", key, c, l.Tag)
				}
			}
		}
	}
	// The site's title and description are site.yaml's in the default
	// language, and each other language gives its own.
	for _, key := range []string{"site.title", "site.description"} {
		if m := l.msgs[key]; m == nil || m.text == "" {
			errs.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "missing key %s (the site's %s in %s)", key, strings.TrimPrefix(key, "site."), l.Tag)
		}
	}
	for _, key := range sortedKeys(l.msgs) {
		if _, ok := ref.msgs[key]; !ok && !strings.HasPrefix(key, "site.") {
			errs.Warnf(l.msgs[key].pos, "unknown key %s (not in %s.yaml) is ignored", key, ref.Tag)
		}
	}
}

// hasCategory reports whether the language's plural rule ever gives c.
func (l *Lang) hasCategory(c string) bool {
	for n := 0; n < 200; n++ {
		if l.plural(n) == c {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]*message) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// placeholders are the names in braces in a message's texts.
func placeholders(m *message) map[string]bool {
	out := map[string]bool{}
	add := func(s string) {
		for {
			_, name, rest, ok := nextPlaceholder(s)
			if !ok {
				return
			}
			if isName(name) {
				out[name] = true
			}
			s = rest
		}
	}
	add(m.text)
	for _, s := range m.list {
		add(s)
	}
	for _, s := range m.forms {
		add(s)
	}
	return out
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c == '_') {
			return false
		}
	}
	return true
}

// T is the text of key with its placeholders filled from args, given as
// name, value pairs. A missing key is an error, so a template that names
// a key no file has fails the build rather than showing the key.
func (l *Lang) T(key string, args ...any) (string, error) {
	m := l.msgs[key]
	if m == nil || m.list != nil {
		return "", fmt.Errorf("no message %q in %s", key, path.Join(Dir, l.Tag+".yaml"))
	}
	s := m.text
	if m.forms != nil {
		s = m.forms["other"]
	}
	return fill(s, args, l.Dir == "rtl")
}

// N is the form of key for the count n, with {n} filled by n written as
// the language writes numbers, and other placeholders from args.
func (l *Lang) N(key string, n int, args ...any) (string, error) {
	m := l.msgs[key]
	if m == nil || m.list != nil {
		return "", fmt.Errorf("no message %q in %s", key, path.Join(Dir, l.Tag+".yaml"))
	}
	s := m.text
	if m.forms != nil {
		var ok bool
		if s, ok = m.forms[l.plural(n)]; !ok {
			s = m.forms["other"]
		}
	}
	return fill(s, append([]any{"n", l.Num(n)}, args...), l.Dir == "rtl")
}

// List is a list-valued message.
func (l *Lang) List(key string) ([]string, error) {
	m := l.msgs[key]
	if m == nil || m.list == nil {
		return nil, fmt.Errorf("no list %q in %s", key, path.Join(Dir, l.Tag+".yaml"))
	}
	return m.list, nil
}

// fill puts args into the placeholders of s. isolate wraps each value in
// Unicode's first-strong isolate and pop directional isolate marks
// (U+2068, U+2069), as a right-to-left language needs: a value in another
// script, such as an English place name ending in a full stop or a
// bracket, is then laid out on its own and does not reorder the sentence
// around it.
func fill(s string, args []any, isolate bool) (string, error) {
	if len(args)%2 != 0 {
		return "", fmt.Errorf("message %q: want name, value pairs, got %d arguments", s, len(args))
	}
	if strings.IndexByte(s, '{') < 0 {
		return s, nil
	}
	msg := s
	var b strings.Builder
	b.Grow(len(s) + 32)
	for {
		before, name, rest, ok := nextPlaceholder(s)
		if !ok {
			break
		}
		b.WriteString(before)
		found := false
		for k := 0; k+1 < len(args); k += 2 {
			if str(args[k]) == name {
				if isolate {
					b.WriteString("\u2068" + str(args[k+1]) + "\u2069")
				} else {
					b.WriteString(str(args[k+1]))
				}
				found = true
				break
			}
		}
		if !found {
			if isName(name) {
				return "", fmt.Errorf("message %q: no value for {%s}", msg, name)
			}
			b.WriteString("{" + name + "}")
		}
		s = rest
	}
	b.WriteString(s)
	return b.String(), nil
}

// nextPlaceholder splits s at its first pair of braces: the text before
// them, what they hold, and the text after; ok is false when s has none.
func nextPlaceholder(s string) (before, name, rest string, ok bool) {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return s, "", "", false
	}
	j := strings.IndexByte(s[i:], '}')
	if j < 0 {
		return s, "", "", false
	}
	return s[:i], s[i+1 : i+j], s[i+j+1:], true
}

// str writes a placeholder's name or value: mostly strings, which need
// no fmt.
func str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	}
	return fmt.Sprint(v)
}

// Num writes n with the language's thousands separator.
func (l *Lang) Num(n int) string {
	if n < 0 {
		return "-" + l.Num(-n)
	}
	s := strconv.Itoa(n)
	if l.group == "" || len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(l.group)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Date writes "2021-09-26" or "2022-02" as the language writes dates;
// anything else is returned as it is.
func (l *Lang) Date(s string) string {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		f, _ := fill(l.date, []any{"d", t.Day(), "m", int(t.Month()), "month", l.months[t.Month()-1], "y", t.Year()}, false)
		return f
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		f, _ := fill(l.month, []any{"m", int(t.Month()), "month", l.months[t.Month()-1], "y", t.Year()}, false)
		return f
	}
	return s
}

// JSON is the messages below prefix ("js.search.") as one JSON object,
// keys without the prefix: for the scripts.
func (l *Lang) JSON(prefix string) []byte {
	out := map[string]any{}
	for k, m := range l.msgs {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		switch {
		case m.list != nil:
			out[k[len(prefix):]] = m.list
		case m.forms != nil:
			out[k[len(prefix):]] = m.forms
		default:
			out[k[len(prefix):]] = m.text
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(out) // maps of strings always encode; keys come out sorted
	return bytes.TrimSpace(b.Bytes())
}

// pluralRule is CLDR's cardinal plural rule for integers in the language.
func pluralRule(tag string) func(int) string {
	lang := strings.ToLower(tag)
	if i := strings.IndexByte(lang, '-'); i >= 0 {
		lang = lang[:i]
	}
	switch lang {
	case "ja", "zh", "ko":
		return func(int) string { return "other" }
	case "fr", "hi":
		return func(n int) string {
			if n == 0 || n == 1 {
				return "one"
			}
			return "other"
		}
	case "ar":
		return func(n int) string {
			switch m := n % 100; {
			case n == 0:
				return "zero"
			case n == 1:
				return "one"
			case n == 2:
				return "two"
			case m >= 3 && m <= 10:
				return "few"
			case m >= 11 && m <= 99:
				return "many"
			}
			return "other"
		}
	}
	return func(n int) string {
		if n == 1 {
			return "one"
		}
		return "other"
	}
}
