package search

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/odop-india/odop/internal/catalog"
	"github.com/odop-india/odop/internal/publish"
	"github.com/odop-india/odop/internal/site"
	"github.com/odop-india/odop/internal/sitetest"
)

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Turmeric (Lakadong)", []string{"turmeric", "lakadong"}},
		{"Kharif Maíz", []string{"kharif", "maiz"}},                                         // diacritic folded
		{"ČERVENÝ Ždár", []string{"cerveny", "zdar"}},                                       // case and diacritics
		{"the region’s Farmers' Welfare", []string{"the", "regions", "farmers", "welfare"}}, // apostrophes join
		{"Cane & Bamboo, sun-kissed", []string{"cane", "bamboo", "sun", "kissed"}},
		{"हल्दी (Haldi) की खेती", []string{"हल्दी", "haldi", "की", "खेती"}}, // Devanagari kept whole, marks too
		{"ﬁne ＡＢＣ 7-9%", []string{"fine", "abc", "7", "9"}},                 // compatibility forms
		{"", nil},
	} {
		if got := Words(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestShardKey(t *testing.T) {
	for in, want := range map[string]string{"turmeric": "t", "7": "0", "हल्दी": "_", "zari": "z"} {
		if got := shardKey(in); got != want {
			t.Errorf("shardKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestURLSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Dadra & Nagar Haveli and Daman & Diu":       "dadra-and-nagar-haveli-and-daman-and-diu",
		"Ministry of Agriculture & Farmers' Welfare": "ministry-of-agriculture-and-farmers-welfare",
		"Dr. B. R. Ambedkar Konaseema":               "dr-b-r-ambedkar-konaseema",
		"  Food Processing ":                         "food-processing",
		"Handloom":                                   "handloom",
		"Kharif Maíz (Agro)":                         "kharif-maiz-agro",
		"हल्दी":                                      "",
	} {
		if got := URLSlug(in); got != want {
			t.Errorf("URLSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

// small is a catalogue with a GI match, a description full of stop words,
// a Devanagari name and two products whose slugs clash.
const small = `
-- data/products/meghalaya.csv --
state,district,lgd_code,product,category,sector,gi_status,description
Meghalaya,West Jaintia Hills,275,Turmeric (Lakadong),Primary,Agriculture,Yes,"The turmeric of the hills, with 7-9% curcumin."
Meghalaya,West Jaintia Hills,275,हल्दी,Secondary,Agriculture,No,Haldi in Hindi.
Meghalaya,East Jaintia Hills,657,Turmeric,Primary,Agriculture,No,
Meghalaya,East Jaintia Hills,657,Turmeric!,Others,Agriculture,No,
-- data/gi.csv --
row_id,s_no,gi_name,goods_category,states,is_foreign,same_name_as_s_no
1,575,Lakadong Turmeric,Agricultural,Meghalaya,no,
`

func loadSmall(t *testing.T) *catalog.Catalog {
	t.Helper()
	c, problems := catalog.Load(sitetest.FS(t, small))
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	return c
}

// realCatalog loads the catalogue shipped in the repository.
func realCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, problems := catalog.Load(os.DirFS(sitetest.RepoRoot(t)))
	if problems.Errors() > 0 {
		t.Fatal(problems)
	}
	return c
}

func productByName(t *testing.T, c *catalog.Catalog, district, name string) int {
	t.Helper()
	for i, p := range c.Products {
		if p.Name == name && p.District.Name == district {
			return i
		}
	}
	t.Fatalf("no product %q in %s", name, district)
	return -1
}

func TestIndexFields(t *testing.T) {
	c := loadSmall(t)
	ix := Build(c)
	lakadong := productByName(t, c, "West Jaintia Hills", "Turmeric (Lakadong)")
	docs, masks := ix.Lookup("turmeric")
	if len(docs) != 3 {
		t.Fatalf("turmeric is in products %v, want 3 of them", docs)
	}
	for i, d := range docs {
		want := uint8(1 << Name)
		if d == lakadong {
			want |= 1<<GIName | 1<<Description
		}
		if masks[i] != want {
			t.Errorf("turmeric in %s: fields %06b, want %06b", c.Products[d].Name, masks[i], want)
		}
	}
	if docs, _ := ix.Lookup("the"); len(docs) != 0 {
		t.Errorf("the stop word %q is indexed from a description: %v", "the", docs)
	}
	if docs, masks := ix.Lookup("hills"); len(docs) != 4 || masks[0] != 1<<District {
		t.Errorf("hills: %v %v, want every product, in the district field", docs, masks)
	}
	if docs, _ := ix.Lookup("हल्दी"); len(docs) != 1 {
		t.Errorf("the Devanagari name is not indexed: %v", docs)
	}
	for _, w := range []string{"meghalaya", "agriculture", "primary", "curcumin", "haldi"} {
		if docs, _ := ix.Lookup(w); len(docs) == 0 {
			t.Errorf("%q is not indexed", w)
		}
	}
}

// TestIndexTranslations: a name or description that the data gives in
// another language is searched as the English one is.
func TestIndexTranslations(t *testing.T) {
	c := loadSmall(t)
	p := productByName(t, c, "East Jaintia Hills", "Turmeric")
	c.Products[p].Names = map[string]string{"hi": "पीली जड़", "fr": "Curcuma de Jaintia"}
	c.Products[p].Descriptions = map[string]string{"fr": "Récolté à la main."}
	ix := Build(c)
	for w, field := range map[string]Field{"पीली": Name, "curcuma": Name, "recolte": Description} {
		docs, masks := ix.Lookup(w)
		if len(docs) != 1 || docs[0] != p || masks[0]&(1<<field) == 0 {
			t.Errorf("%s: products %v fields %v, want East Jaintia Hills' Turmeric by its field %d", w, docs, masks, field)
		}
	}
}

// manifest is index.json as the client reads it.
type clientManifest struct {
	Weights []int             `json:"weights"`
	Stop    []string          `json:"stop"`
	Shards  map[string]string `json:"shards"`
	Facets  []struct {
		Key    string  `json:"key"`
		Values [][]any `json:"values"`
	} `json:"facets"`
	States    [][2]string `json:"states"`
	Districts [][]any     `json:"districts"`
	Products  [][]any     `json:"products"`
}

func readFiles(t *testing.T, c *catalog.Catalog) (clientManifest, map[string][]byte) {
	t.Helper()
	files, err := Build(c).Files()
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string][]byte{}
	for _, f := range files {
		if !strings.HasPrefix(f.Name, Dir) {
			t.Errorf("%s is not below %s", f.Name, Dir)
		}
		byName[path.Base(publish.Fingerprint(f.Name, f.Data))] = f.Data
	}
	if files[len(files)-1].Name != ManifestName {
		t.Fatalf("the last file is %s, want the manifest", files[len(files)-1].Name)
	}
	var m clientManifest
	if err := json.Unmarshal(files[len(files)-1].Data, &m); err != nil {
		t.Fatal(err)
	}
	return m, byName
}

// decode reads a shard's postings as assets/search.js does.
func decode(t *testing.T, s string) (docs []int, masks []uint8) {
	t.Helper()
	doc := 0
	for i := 0; i < len(s); {
		v, shift := 0, 0
		for {
			d := strings.IndexByte(alphabet, s[i])
			i++
			v += d & 31 << shift
			shift += 5
			if d < 32 {
				break
			}
		}
		doc += v
		docs = append(docs, doc)
		masks = append(masks, uint8(strings.IndexByte(alphabet, s[i])))
		i++
	}
	return docs, masks
}

// TestFilesRoundTrip reads every shard the manifest names back into
// postings and compares them with the index.
func TestFilesRoundTrip(t *testing.T) {
	c := realCatalog(t)
	ix := Build(c)
	m, files := readFiles(t, c)
	seen := 0
	keys := make([]string, 0, len(m.Shards))
	for k := range m.Shards {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		data, ok := files[m.Shards[key]]
		if !ok {
			t.Fatalf("the manifest names %s, which is not among the files", m.Shards[key])
		}
		var sh struct{ T, P []string }
		if err := json.Unmarshal(data, &sh); err != nil {
			t.Fatal(err)
		}
		if len(sh.T) != len(sh.P) || !slices.IsSorted(sh.T) {
			t.Fatalf("shard %s: %d words, %d postings, sorted %v", key, len(sh.T), len(sh.P), slices.IsSorted(sh.T))
		}
		for i, term := range sh.T {
			if shardKey(term) != key {
				t.Errorf("%q is in shard %s", term, key)
			}
			docs, masks := decode(t, sh.P[i])
			wantDocs, wantMasks := ix.Lookup(term)
			if !slices.Equal(docs, wantDocs) || !slices.Equal(masks, wantMasks) {
				t.Fatalf("%q decodes as %v %v, want %v %v", term, docs, masks, wantDocs, wantMasks)
			}
		}
		seen += len(sh.T)
	}
	if seen != ix.Terms() {
		t.Errorf("the shards hold %d words, the index %d", seen, ix.Terms())
	}
	if len(m.Products) != len(c.Products) || len(m.Districts) != len(c.Districts) || len(m.States) != len(c.States) {
		t.Errorf("manifest: %d products, %d districts, %d states", len(m.Products), len(m.Districts), len(m.States))
	}
}

// TestClientPaths makes each product's path as assets/search.js does and
// compares it with the path of the product's page.
func TestClientPaths(t *testing.T) {
	for _, c := range []*catalog.Catalog{loadSmall(t), realCatalog(t)} {
		m, _ := readFiles(t, c)
		slugOf := func(row []any, n int) string {
			if len(row) > n {
				return row[n].(string)
			}
			return URLSlug(row[0].(string))
		}
		spelled := 0
		for i, p := range m.Products {
			if len(p) > 5 {
				spelled++
			}
			d := m.Districts[int(p[1].(float64))]
			got := "states/" + m.States[int(d[1].(float64))][1] + "/" + slugOf(d, 2) + "/" + slugOf(p, 5) + "/"
			if want := site.PathOf(c.Products[i]); got != want {
				t.Errorf("product %d: the client would link %s, want %s", i, got, want)
			}
		}
		t.Logf("%d of %d product slugs spelled out in the manifest", spelled, len(m.Products))
	}
}

func TestFacets(t *testing.T) {
	c := loadSmall(t)
	fs := Facets(c)
	var keys []string
	for _, f := range fs {
		keys = append(keys, f.Key)
		sum := 0
		for _, v := range f.Values {
			sum += v.Count
		}
		if sum != len(c.Products) {
			t.Errorf("facet %s counts %d products, want %d", f.Key, sum, len(c.Products))
		}
	}
	// assets/search.js relies on this order.
	if want := []string{"state", "sector", "category", "gi"}; !slices.Equal(keys, want) {
		t.Errorf("facets %v, want %v", keys, want)
	}
	if gi := fs[3].Values; gi[0].Slug != "yes" || gi[0].Count != 1 || gi[1].Slug != "no" || gi[1].Count != 3 {
		t.Errorf("GI facet %+v", gi)
	}
}

func TestFilesAreDeterministic(t *testing.T) {
	a, err := Build(loadSmall(t)).Files()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(loadSmall(t)).Files()
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Name != b[i].Name || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s differs between two builds", a[i].Name)
		}
	}
}

// BenchmarkIndex builds the search index of the real catalogue and
// encodes its files: what the index adds to a build.
func BenchmarkIndex(b *testing.B) {
	c := realCatalog(b)
	var size int
	for b.Loop() {
		files, err := Build(c).Files()
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range files {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/build")
	b.ReportMetric(float64(size), "bytes")
}
