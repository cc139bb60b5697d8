package i18n

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"
)

// TestSiteTranslationsAreComplete loads the repository's own translation
// files, every language of site.yaml, and wants not one error or warning:
// a key missing in any language fails here.
func TestSiteTranslationsAreComplete(t *testing.T) {
	root := filepath.Join("..", "..")
	var site struct {
		Languages []string `yaml:"languages"`
	}
	data, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &site); err != nil {
		t.Fatal(err)
	}
	if len(site.Languages) < 8 {
		t.Fatalf("site.yaml has %d languages, want at least the 8 of the catalogue", len(site.Languages))
	}
	langs, problems := Load(os.DirFS(root), site.Languages)
	for _, p := range problems {
		t.Error(p)
	}
	if len(langs) != len(site.Languages) {
		t.Fatalf("loaded %d languages of %d", len(langs), len(site.Languages))
	}
	// Every file has every key of the reference, and no other.
	ref := langs[0]
	for _, l := range langs[1:] {
		for key := range ref.msgs {
			if _, ok := l.msgs[key]; !ok {
				t.Errorf("%s.yaml lacks %s", l.Tag, key)
			}
		}
		if l.Name == "" || l.Name == ref.Name {
			t.Errorf("%s: language.name %q should be the language's own name", l.Tag, l.Name)
		}
	}
	dirs := map[string]string{}
	for _, l := range langs {
		dirs[l.Tag] = l.Dir
	}
	if dirs["ar"] != "rtl" || dirs["en"] != "ltr" || dirs["hi"] != "ltr" {
		t.Errorf("directions: %v, want Arabic rtl, the rest ltr", dirs)
	}
}

const refFile = `language:
  name: English
  dir: ltr
format:
  group: ","
  date: "{d} {month} {y}"
  month_year: "{month} {y}"
  months: [January, February, March, April, May, June, July, August, September, October, November, December]
greeting: "Hello, {name}"
count:
  one: "{n} product"
  other: "{n} products"
links: [a, b]
`

// load reads the reference file and one translation, fr.
func load(t *testing.T, fr string) ([]*Lang, []string) {
	t.Helper()
	fsys := fstest.MapFS{
		"templates/i18n/en.yaml": {Data: []byte(refFile)},
		"templates/i18n/fr.yaml": {Data: []byte(fr)},
	}
	langs, problems := Load(fsys, []string{"en", "fr"})
	var out []string
	for _, p := range problems {
		out = append(out, p.String())
	}
	return langs, out
}

const goodFR = `language:
  name: Français
  dir: ltr
format:
  group: "\u202f"
  date: "{d} {month} {y}"
  month_year: "{month} {y}"
  months: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]
greeting: "Bonjour, {name}"
count:
  one: "{n} produit"
  other: "{n} produits"
links: [a, b]
site:
  title: Catalogue
  description: Le catalogue.
`

func TestLoadGood(t *testing.T) {
	langs, problems := load(t, goodFR)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	en, fr := langs[0], langs[1]
	if !en.Default || en.Prefix != "" || fr.Default || fr.Prefix != "fr/" {
		t.Errorf("defaults and prefixes: en %v %q, fr %v %q", en.Default, en.Prefix, fr.Default, fr.Prefix)
	}
	for _, c := range []struct {
		l    *Lang
		n    int
		want string
	}{
		{en, 0, "0 products"}, {en, 1, "1 product"}, {en, 1241, "1,241 products"},
		{fr, 0, "0 produit"}, {fr, 1, "1 produit"}, {fr, 2, "2 produits"}, {fr, 12400, "12\u202f400 produits"},
	} {
		if got, err := c.l.N("count", c.n); err != nil || got != c.want {
			t.Errorf("%s N(count, %d) = %q, %v; want %q", c.l.Tag, c.n, got, err, c.want)
		}
	}
	if got, _ := fr.T("greeting", "name", "Asha"); got != "Bonjour, Asha" {
		t.Errorf("T(greeting) = %q", got)
	}
	if got := fr.Date("2025-07-07"); got != "7 juillet 2025" {
		t.Errorf("Date = %q", got)
	}
	if got := en.Date("2022-02"); got != "February 2022" {
		t.Errorf("Date = %q", got)
	}
	if _, err := fr.T("no.such.key"); err == nil || !strings.Contains(err.Error(), "templates/i18n/fr.yaml") {
		t.Errorf("a missing key: %v, want an error naming the file", err)
	}
	if got := string(en.JSON("count")); got != `{"":{"one":"{n} product","other":"{n} products"}}` {
		t.Errorf("JSON = %s", got)
	}
}

// TestLoadDefects: each defect of a translation file is reported with its
// file, line and column, all in one run.
func TestLoadDefects(t *testing.T) {
	for _, c := range []struct {
		name, fr string
		want     []string
	}{
		{"a missing key", strings.Replace(goodFR, "greeting: \"Bonjour, {name}\"\n", "", 1),
			[]string{"templates/i18n/fr.yaml:1:1: missing key greeting (en.yaml has it at line 9)"}},
		{"a lost placeholder", strings.Replace(goodFR, "Bonjour, {name}", "Bonjour", 1),
			[]string{"templates/i18n/fr.yaml:9:11: greeting: placeholder {name} is missing"}},
		{"a placeholder of its own", strings.Replace(goodFR, "Bonjour, {name}", "Bonjour, {nom}", 1),
			[]string{"templates/i18n/fr.yaml:9:11: greeting: placeholder {nom} is not in en.yaml's text",
				"templates/i18n/fr.yaml:9:11: greeting: placeholder {name} is missing"}},
		{"a list that is too short", strings.Replace(goodFR, "links: [a, b]", "links: [a]", 1),
			[]string{"templates/i18n/fr.yaml:13:8: links: want 2 items, as in en.yaml, found 1"}},
		{"text for a list", strings.Replace(goodFR, "links: [a, b]", "links: a", 1),
			[]string{"templates/i18n/fr.yaml:13:8: links: want a list, as in en.yaml"}},
		{"an unknown key", goodFR + "extra: x\n", []string{"templates/i18n/fr.yaml:17:8: warning: unknown key extra (not in en.yaml) is ignored"}},
		{"a bad direction", strings.Replace(goodFR, "dir: ltr", "dir: sideways", 1),
			[]string{`templates/i18n/fr.yaml:3:8: language.dir: want ltr or rtl, not "sideways"`}},
		{"no title of its own", strings.Replace(goodFR, "  title: Catalogue\n", "", 1),
			[]string{"templates/i18n/fr.yaml:1:1: missing key site.title"}},
		{"a YAML syntax error", strings.Replace(goodFR, "greeting: \"Bonjour, {name}\"", "greeting: \"Bonjour", 1),
			[]string{"templates/i18n/fr.yaml:10: did not find expected key"}},
		{"a plural form the language never uses", strings.Replace(goodFR, "  one: \"{n} produit\"", "  one: \"{n} produit\"\n  two: \"{n} produits\"", 1),
			[]string{`templates/i18n/fr.yaml:11:3: warning: count: plural form "two" is never used in fr`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, problems := load(t, c.fr)
			all := strings.Join(problems, "\n")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("problems:\n%s\nwant one containing %q", all, w)
				}
			}
		})
	}
}

// TestPluralRules checks CLDR's integer rules for the site's languages.
func TestPluralRules(t *testing.T) {
	for _, c := range []struct {
		tag  string
		want map[int]string
	}{
		{"en", map[int]string{0: "other", 1: "one", 2: "other", 21: "other"}},
		{"fr", map[int]string{0: "one", 1: "one", 2: "other"}},
		{"hi", map[int]string{0: "one", 1: "one", 2: "other"}},
		{"ja", map[int]string{0: "other", 1: "other"}},
		{"zh-Hans", map[int]string{1: "other", 5: "other"}},
		{"ar", map[int]string{0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many", 100: "other", 102: "other", 103: "few", 111: "many"}},
	} {
		rule := pluralRule(c.tag)
		for n, want := range c.want {
			if got := rule(n); got != want {
				t.Errorf("%s: %d is %q, want %q", c.tag, n, got, want)
			}
		}
	}
}
