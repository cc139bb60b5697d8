package catalog_test

import (
	"os"
	"strings"
	"testing"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/sitetest"
)

const header = "state,district,lgd_code,product,category,sector,gi_status\n"

func load(t *testing.T, archive string) (*catalog.Catalog, string) {
	t.Helper()
	c, probs := catalog.Load(sitetest.FS(t, archive))
	var b strings.Builder
	for _, p := range probs {
		b.WriteString(p.String() + "\n")
	}
	return c, b.String()
}

// TestDefects feeds purpose-made bad files to the loader and expects each
// defect reported at its position.
func TestDefects(t *testing.T) {
	for _, tc := range []struct {
		name, archive string
		want          []string
	}{
		{"missing and unknown columns", "-- data/products/a.csv --\nstate,district,product,category,colour\nGoa,North Goa,Feni,Primary,red\n",
			[]string{`a.csv:1:1: missing required column "sector"`, `a.csv:1:1: missing required column "gi_status"`, `a.csv:1:33: warning: unknown column "colour" is ignored`}},
		{"wrong field count", "-- data/products/a.csv --\n" + header + "Goa,North Goa,1,Feni,Primary,Agriculture\n",
			[]string{`a.csv:2:30: row has 6 fields; the header has 7`}},
		{"unterminated quote", "-- data/products/a.csv --\n" + header + "Goa,North Goa,1,\"Feni,Primary,Agriculture,Yes\n",
			[]string{`a.csv:2:17: unterminated quoted field: the " opened here never closes`}},
		{"bare quote", "-- data/products/a.csv --\n" + header + "Goa,North Goa,1,Fe\"ni,Primary,Agriculture,Yes\n",
			[]string{`a.csv:2:19: bare " in an unquoted field`}},
		{"invalid UTF-8", "-- data/products/a.csv --\n" + header + "Goa,North Goa,1,Caf\xe9,Primary,Agriculture,Yes\n",
			[]string{`a.csv:2:20: invalid UTF-8: byte 0xE9`}},
		{"duplicate product", "-- data/products/a.csv --\n" + header + "Goa,North Goa,1,Feni,Primary,Agriculture,Yes\nGoa,North Goa,1,FENI,Secondary,Agriculture,No\n",
			[]string{`a.csv:3:17: product "FENI" is listed twice for North Goa, Goa (first at data/products/a.csv:2:17)`}},
		{"bad URL", "-- data/products/a.csv --\nstate,district,product,category,sector,gi_status,photo_url\nGoa,North Goa,Feni,Primary,Agriculture,Yes,javascript:alert(1)\n",
			[]string{`a.csv:2:44: photo_url: link "javascript:alert(1)": scheme "javascript" not allowed`}},
		{"bad HS code", "-- data/products/a.csv --\nstate,district,product,category,sector,gi_status,hs_code\nGoa,North Goa,Feni,Primary,Agriculture,Yes,22x08\n",
			[]string{`hs_code "22x08": want 2 to 10 digits`}},
		{"story: YAML syntax", "-- content/stories/s.yaml --\ntitle: A\n\tdate: 2021\n",
			[]string{`s.yaml:2: YAML syntax error: found a tab character`}},
		{"story: unknown field, bad date, unknown place and product", `-- content/stories/s.yaml --
title: A story
date: 2021-02-30
state: Goa
district: Atlantis
product: Unobtainium
colour: red
summary: S.
body: B.
sources: [https://example.org/]
`, []string{
			`s.yaml:2:7: date "2021-02-30": want YYYY-MM-DD (or YYYY-MM), a real date`,
			`s.yaml:4:11: district "Atlantis" is not in the catalogue for Goa`,
			`s.yaml:5:10: product "Unobtainium" is not in the catalogue`,
			`s.yaml:6:1: unknown field "colour"`,
		}},
		{"story: missing fields and a javascript link", `-- content/stories/s.yaml --
title: A story
body: |
  Click [here](javascript:alert(1)).
`, []string{
			`s.yaml:1:1: story has no date`,
			`s.yaml:1:1: story has no sources`,
			`s.yaml:3:10: link "javascript:alert(1)": scheme "javascript" not allowed`,
		}},
		{"empty state, district and product", "-- data/products/a.csv --\n" + header + ",North Goa,1,Feni,Primary,Agriculture,Yes\nGoa,,1,Feni,Primary,Agriculture,Yes\nGoa,North Goa,1, ,Primary,Agriculture,Yes\n",
			[]string{`a.csv:2:1: empty state`, `a.csv:3:5: empty district`, `a.csv:4:17: empty product`}},
		{"state not among the 36", "-- data/products/a.csv --\n" + header + "Meghalya,West Jaintia Hills,275,Turmeric,Primary,Agriculture,Yes\nAtlantis,X,1,Y,Primary,Agriculture,Yes\ngoa,North Goa,1,Feni,Primary,Agriculture,Yes\n",
			[]string{`a.csv:2:1: state "Meghalya" is not one of the 36 States and Union Territories; did you mean "Meghalaya"?`,
				`a.csv:3:1: state "Atlantis" is not one of the 36 States and Union Territories`,
				`a.csv:4:1: state "goa": want "Goa"`}},
		{"gi_status", "-- data/products/a.csv --\n" + header + "Goa,North Goa,1,Feni,Primary,Agriculture,Maybe\nGoa,North Goa,1,Cashew,Primary,Agriculture, YES \n",
			[]string{`a.csv:2:42: gi_status "Maybe": want Yes or No`}},
		{"unknown category", "-- data/products/a.csv --\n" + header + "Goa,North Goa,1,Feni,Quaternary,Agriculture,Yes\nGoa,North Goa,1,Cashew,primary,Agriculture,Yes\n",
			[]string{`a.csv:2:22: category "Quaternary": want Primary, Secondary, Tertiary or Others`}},
		{"malformed LGD code", "-- data/products/a.csv --\n" + header + "Goa,North Goa,12a,Feni,Primary,Agriculture,Yes\n",
			[]string{`a.csv:2:15: lgd_code "12a": want the district's LGD code, 1 to 6 digits`}},
		{"district under two states", "-- data/products/a.csv --\n" + header + "Goa,North Goa,,Feni,Primary,Agriculture,Yes\n-- data/products/b.csv --\n" + header + "Maharashtra,North Goa,,Cashew,Primary,Agriculture,No\n",
			[]string{`b.csv:2:13: district "North Goa" is listed under Maharashtra here and under Goa at data/products/a.csv:2:5; a district belongs to one State/UT (if these are two districts of the same name, give both their lgd_code)`}},
		{"district under two states with one LGD code", "-- data/products/a.csv --\n" + header + "Bihar,Aurangabad,189,Carpet,Primary,Handicraft,No\nMaharashtra,Aurangabad,189,Paithani,Primary,Handloom,Yes\n",
			[]string{`a.csv:3:13: district "Aurangabad" (LGD 189) is listed under Maharashtra here and under Bihar at data/products/a.csv:2:7`}},
		{"languages that are not tags", "-- site.yaml --\ntitle: T\nlanguages: [en, \"h i\", ../x]\n",
			[]string{`site.yaml:2:17: languages: "h i" is not a language tag such as hi or zh-Hans`,
				`site.yaml:2:24: languages: "../x" is not a language tag such as hi or zh-Hans`}},
		{"languages not a list", "-- site.yaml --\ntitle: T\nlanguages: en\n",
			[]string{`site.yaml:2:12: languages: want a list of language tags such as [en, hi], found a value "en"`}},
		{"undeclared Windows-1252", "-- data/products/a.csv --\n" + header + "Goa,North Goa,1,Caf\xe9,Primary,Agriculture,Yes\n",
			[]string{`a.csv:2:20: invalid UTF-8: byte 0xE9; save the file as UTF-8 (in a spreadsheet: CSV UTF-8), or, if it is Windows-1252, declare it in site.yaml under encodings`}},
		{"declared Windows-1252 that is not", "-- site.yaml --\ntitle: T\nencodings:\n  data/products/a.csv: windows-1252\n  data/products/b.csv: latin-9\n  data/products/c.csv: cp1252\n" +
			"-- data/products/a.csv --\n" + header + "Goa,North Goa,1,Caf\x81,Primary,Agriculture,Yes\n",
			[]string{`a.csv:2:20: byte 0x81 is not a Windows-1252 character`,
				`site.yaml:4:24: encodings: data/products/b.csv: encoding "latin-9": want utf-8 or windows-1252`,
				`site.yaml: warning: encodings: data/products/c.csv: no such file`}},
		{"declared Windows-1252 with a UTF-8 byte order mark", "-- site.yaml --\ntitle: T\nencodings: {data/products/a.csv: windows-1252}\n" +
			"-- data/products/a.csv --\n\xef\xbb\xbf" + header + "Goa,North Goa,1,Feni,Primary,Agriculture,Yes\n",
			[]string{`a.csv:1:1: file starts with a UTF-8 byte order mark but site.yaml declares it windows-1252`}},
		{"data: and vbscript: links", `-- content/stories/s.yaml --
title: A story
date: 2021-02-03
summary: S.
body: |
  See [this](data:text/html,<script>alert(1)</script>) and [that](VBScript:x).
sources: [https://example.org/, "data:text/html,x"]
`, []string{
			`s.yaml:5:8: link "data:text/html,<script>alert(1)</script>": scheme "data" not allowed`,
			`s.yaml:5:61: link "VBScript:x": scheme "vbscript" not allowed`,
			`s.yaml:6:33: source: link "data:text/html,x": scheme "data" not allowed`,
		}},
		{"page without title", "-- content/x.md --\n# Hello\n", []string{`content/x.md:1:1: page has no title`}},
		{"page with reserved name", "-- content/states.md --\n---\ntitle: S\ndescription: D.\n---\nBody\n", []string{`page name "states" is taken`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			archive := tc.archive
			if !strings.Contains(archive, "data/products/") {
				archive += "-- data/products/goa.csv --\n" + header + "Goa,North Goa,1,Feni,Primary,Food Processing,Yes\n"
			}
			_, got := load(t, archive)
			if tc.name == "missing and unknown columns" && strings.Contains(got, "empty sector") {
				t.Errorf("rows checked against a missing column:\n%s", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("want %q in:\n%s", w, got)
				}
			}
		})
	}
}

// TestDeclaredWindows1252 loads a spreadsheet's plain "CSV" export, declared
// in site.yaml, and gets the names right.
func TestDeclaredWindows1252(t *testing.T) {
	c, probs := load(t, "-- site.yaml --\ntitle: T\nencodings:\n  data/products/a.csv: Windows-1252\n-- data/products/a.csv --\n"+
		strings.ReplaceAll(header, "\n", "\r\n")+"Goa,North Goa,1,Caf\xe9 \x93Feni\x94 \x96 \x80,Primary,Food Processing,Yes\r\n")
	if probs != "" {
		t.Fatalf("problems: %s", probs)
	}
	if len(c.Products) != 1 || c.Products[0].Name != "Café “Feni” – €" {
		t.Errorf("products = %+v", c.Products)
	}
}

// TestSameNameDistricts: two real districts share a name in different
// states; their different LGD codes tell them apart.
func TestSameNameDistricts(t *testing.T) {
	c, probs := load(t, "-- data/products/a.csv --\n"+header+"Bihar,Aurangabad,189,Carpet,Primary,Handicraft,No\nMaharashtra,Aurangabad,377,Paithani,Primary,Handloom,Yes\n")
	if probs != "" {
		t.Fatalf("problems: %s", probs)
	}
	if len(c.Districts) != 2 {
		t.Errorf("%d districts, want 2", len(c.Districts))
	}
}

func TestBOMAndCRLF(t *testing.T) {
	c, probs := load(t, "-- data/products/a.csv --\n\xef\xbb\xbf"+strings.ReplaceAll(header, "\n", "\r\n")+"Goa,North Goa,1,Feni ,Primary,Food Processing,yes\r\n")
	if probs != "" {
		t.Fatalf("problems: %s", probs)
	}
	if len(c.Products) != 1 || c.Products[0].Name != "Feni" || !c.Products[0].GIFlag {
		t.Errorf("products = %+v", c.Products)
	}
}

// TestLoadReal checks the shipped data: no errors, and the counts of the
// national list.
func TestLoadReal(t *testing.T) {
	c, probs := catalog.Load(os.DirFS(sitetest.RepoRoot(t)))
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	if len(c.States) != 36 || len(c.Districts) != 773 || len(c.Products) != 1241 {
		t.Errorf("%d states, %d districts, %d products", len(c.States), len(c.Districts), len(c.Products))
	}
	gi, matched := 0, 0
	var budgam *catalog.Story
	for _, p := range c.Products {
		if p.GIFlag {
			gi++
			if p.GI != nil {
				matched++
			}
		}
	}
	for _, s := range c.Stories {
		if s.District != nil && s.District.Name == "Budgam" {
			budgam = s
		}
	}
	if gi != 256 {
		t.Errorf("%d products flagged GI, want 256", gi)
	}
	if matched < 100 {
		t.Errorf("only %d flagged products matched to the registry", matched)
	}
	if budgam == nil || budgam.Product != nil || len(budgam.ListedIn) != 2 {
		t.Errorf("the Budgam walnut story should name Walnut as listed only in Kupwara and Rajouri: %+v", budgam)
	}
}

func TestGIMatching(t *testing.T) {
	c, probs := load(t, `-- data/products/a.csv --
`+header+`Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Yes
Maharashtra,Sangli,1,Turmeric,Primary,Agriculture,Yes
Maharashtra,Pune,2,Turmeric,Primary,Agriculture,Yes
Jammu and Kashmir,Budgam,2,Kani Shawls,Primary,Handloom,Yes
Bihar,Madhubani,3,Sikki Painting,Secondary,Handicraft,Yes
-- data/gi.csv --
row_id,s_no,gi_name,goods_category,states,is_foreign,same_name_as_s_no
1,575,Lakadong Turmeric,Agricultural,Meghalaya,no,
2,600,Sangli Turmeric,Agricultural,Maharashtra,no,
3,12,Kani Shawl,Handicraft,Jammu & Kashmir,no,
4,13,Kani Shawl,Handicraft,Jammu & Kashmir,no,12
5,14,Madhubani Paintings,Handicraft,Bihar,no,
`)
	if probs != "" {
		t.Fatal(probs)
	}
	want := map[string]string{
		"Turmeric (Lakadong)/West Jaintia Hills": "Lakadong Turmeric #1",
		"Turmeric/Sangli":                        "Sangli Turmeric #2",
		"Turmeric/Pune":                          "", // "Sangli" is not Pune: no match
		"Kani Shawls/Budgam":                     "Kani Shawl #3",
		"Sikki Painting/Madhubani":               "", // only "painting" in common
	}
	for _, p := range c.Products {
		got := ""
		if p.GI != nil {
			got = p.GI.Name + " #" + p.GI.ID
		}
		key := p.Name + "/" + p.District.Name
		if got != want[key] {
			t.Errorf("%s: matched %q, want %q", key, got, want[key])
		}
	}
}

// TestHostileSizes: a billion-laughs YAML story and a 50 MB CSV field are
// refused with a clear error, quickly and without running out of memory.
func TestHostileSizes(t *testing.T) {
	bomb := "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	for i, prev := 0, "a"; i < 9; i++ {
		name := string(rune('b' + i))
		bomb += name + ": &" + name + " [*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + ",*" + prev + "]\n"
		prev = name
	}
	_, got := load(t, "-- content/stories/bomb.yaml --\n"+bomb+"-- data/products/goa.csv --\n"+header+"Goa,North Goa,1,Feni,Primary,Food Processing,Yes\n")
	if !strings.Contains(got, "content/stories/bomb.yaml:1:4: YAML anchors and aliases (&name, *name) are not allowed") {
		t.Errorf("billion laughs not refused:\n%s", got)
	}

	big := header + "Goa,North Goa,1,Feni,Primary,Food Processing,Yes\nGoa,South Goa,2,Cashew,Primary,Agriculture,\"" + strings.Repeat("x", 50<<20) + "\"\n"
	_, got = load(t, "-- data/products/goa.csv --\n"+big)
	if !strings.Contains(got, "data/products/goa.csv:3:") || !strings.Contains(got, "the limit is 65536") {
		t.Errorf("50 MB field not refused:\n%.500s", got)
	}
}
