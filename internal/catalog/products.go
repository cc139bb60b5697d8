package catalog

import (
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"sync"
	"unicode/utf8"

	"regexp"
	"sort"
	"strings"

	"github.com/odop-india/odop/internal/diag"
	"github.com/odop-india/odop/internal/markdown"
	"github.com/odop-india/odop/internal/slug"
)

// productColumns are the columns of data/products/*.csv.
var productColumns = []column{
	{"state", true}, {"district", true}, {"product", true},
	{"category", true}, {"sector", true}, {"gi_status", true},
	{"lgd_code", false}, {"ministry_department", false}, {"description", false},
	{"photo_url", false}, {"hs_code", false},
}

type productRow struct {
	State       string `csv:"state"`
	District    string `csv:"district"`
	Product     string `csv:"product"`
	Category    string `csv:"category"`
	Sector      string `csv:"sector"`
	GIStatus    string `csv:"gi_status"`
	LGDCode     string `csv:"lgd_code"`
	Ministry    string `csv:"ministry_department"`
	Description string `csv:"description"`
	PhotoURL    string `csv:"photo_url"`
	HSCode      string `csv:"hs_code"`
}

var (
	lgdCode = regexp.MustCompile(`^[0-9]{1,6}$`)
	// An HS code is 2 to 10 digits, optionally grouped with dots or spaces
	// as in "0910.30".
	hsCode = regexp.MustCompile(`^[0-9]{2}(?:[. ]?[0-9]{2}){0,4}$`)
)

// productsDir is where product lists live; every *.csv in it is loaded.
const productsDir = "data/products"

// loadProducts reads every CSV file in data/products, in name order, and
// adds its rows to b.
func (b *builder) loadProducts(fsys fs.FS) {
	names, err := fs.Glob(fsys, productsDir+"/*.csv")
	if err != nil || len(names) == 0 {
		b.errs.Errorf(diag.Pos{File: productsDir}, "no product lists: want one or more %s/*.csv files", productsDir)
		return
	}
	sort.Strings(names)
	// The files are read, parsed and their rows checked in parallel, each
	// into its own list of problems; their rows are then added in name
	// order, as one file after another would be.
	files := make([]productFile, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			files[i] = b.parseProductFile(fsys, name)
		}()
	}
	wg.Wait()
	b.cache.productFiles().keepOnly(names)
	n := 0
	for _, f := range files {
		n += len(f.rows)
	}
	b.districts = make(map[districtID]*District, n)
	b.productByKey = make(map[productID]*Product, n)
	// One allocation for every product of the load, rather than one each.
	products := make([]Product, n)
	for _, f := range files {
		b.errs = append(b.errs, f.errs...)
		for i := range f.rows {
			if b.addProduct(&f.rows[i], &products[0]) {
				products = products[1:]
			}
		}
	}
	b.checkDistrictStates()
}

// productFile is one product list, parsed, with the checks of each row
// that need nothing but the row done. The cache keeps it, and it is never
// changed after it is made: a load only links its rows.
type productFile struct {
	rows []checkedRow // the rows without a problem of their own
	errs diag.List    // the problems of the file and of its rows
}

// parseProductFile reads one product list, and parses and checks it or
// takes it from the cache. It reads b's settings only, so that files can
// be parsed in parallel.
func (b *builder) parseProductFile(fsys fs.FS, name string) productFile {
	data, err := readFile(fsys, name)
	if err != nil {
		var f productFile
		f.errs.Errorf(diag.Pos{File: name}, "%v", err)
		return f
	}
	enc := b.cat.Site.Encodings[name]
	cache := b.cache.productFiles()
	if f, ok := cache.get(name, enc, data); ok {
		return f
	}
	f := parseProducts(name, enc, data)
	cache.put(name, enc, data, f)
	return f
}

// parseProducts decodes, parses and checks the product list name, in the
// declared encoding enc.
func parseProducts(name, enc string, data []byte) productFile {
	var f productFile
	data, ok := decodeCSV(name, enc, data, &f.errs)
	if !ok {
		return f
	}
	t := readCSV(name, data, productColumns, &f.errs)
	if t == nil {
		return f
	}
	var rows []productRow
	if err := t.decode(&rows); err != nil {
		f.errs.Errorf(diag.Pos{File: name}, "%v", err)
		return f
	}
	f.rows = make([]checkedRow, 0, len(rows))
	for i := range rows {
		if r, ok := checkRow(t, i, &rows[i], &f.errs); ok {
			f.rows = append(f.rows, r)
		}
	}
	return f
}

// checkDistrictStates reports a district listed under two States/UTs, as
// when a row is copied from one state's file to another's and its state is
// changed but not its district. Some names are shared by two real
// districts (Aurangabad in Bihar and in Maharashtra); their different LGD
// codes tell them apart, so the same name is allowed only when both carry
// LGD codes and the codes differ.
func (b *builder) checkDistrictStates() {
	first := map[string]*District{}
	for _, d := range b.allDistricts {
		key := d.facts.districtKey
		prev := first[key]
		if prev == nil {
			first[key] = d
			continue
		}
		if likelyMisplaced(prev, d) {
			// Report the row that is most likely out of place: it is the
			// one to fix.
			prev, d = d, prev
		}
		switch {
		case prev.LGDCode != "" && d.LGDCode != "" && prev.LGDCode != d.LGDCode:
			// Two districts of the same name.
		case prev.LGDCode != "" && prev.LGDCode == d.LGDCode:
			b.errs.Errorf(d.Pos, "district %q (LGD %s) is listed under %s here and under %s at %s; a district belongs to one State/UT",
				d.Name, d.LGDCode, d.State.Name, prev.State.Name, prev.Pos)
		default:
			b.errs.Errorf(d.Pos, "district %q is listed under %s here and under %s at %s; a district belongs to one State/UT (if these are two districts of the same name, give both their lgd_code)",
				d.Name, d.State.Name, prev.State.Name, prev.Pos)
		}
	}
}

// checkedRow is a product row that passed the checks of its own fields,
// tidied, with what linking needs of it worked out in advance.
type checkedRow struct {
	// product has the row's own fields; linking sets the rest.
	product          Product
	state, kind      string
	district         string
	lgdCode          string
	category, sector string
	districtPos      diag.Pos
	lgdPos           diag.Pos
	facts            *rowFacts
}

// rowFacts are what linking needs of a row's names, worked out once when
// its file is parsed.
type rowFacts struct {
	key, districtKey         string // normKey of the product's and the district's names
	slug, districtSlug       string
	categorySlug, sectorSlug string
	family, familySlug       string
	// tokens are the words of the product's name; place, those of its
	// district and state (see matchGI).
	tokens, place words
}

// checkRow checks body row i of t (decoded as r) on its own: its
// required fields, its State/UT, category, gi_status, codes and photo
// URL, reporting every defect to errs. Only a row without one is kept.
func checkRow(t *csvTable, i int, r *productRow, errs *diag.List) (checkedRow, bool) {
	bad := false
	required := func(col, val string) {
		if val == "" {
			errs.Errorf(t.fieldPos(i, col), "empty %s", col)
			bad = true
		}
	}
	required("state", r.State)
	required("district", r.District)
	required("product", r.Product)
	required("category", r.Category)
	required("sector", r.Sector)

	r.State = collapseSpace(r.State)
	r.District = collapseSpace(r.District)
	r.Product = collapseSpace(r.Product)

	kind, known := statesAndUTs[r.State]
	if r.State != "" && !known {
		if canon := stateByKey[stateKey(r.State)]; canon != "" {
			errs.Errorf(t.fieldPos(i, "state"), "state %q: want %q", r.State, canon)
		} else if near := nearestState(r.State); near != "" {
			errs.Errorf(t.fieldPos(i, "state"), "state %q is not one of the 36 States and Union Territories; did you mean %q?", r.State, near)
		} else {
			errs.Errorf(t.fieldPos(i, "state"), "state %q is not one of the 36 States and Union Territories", r.State)
		}
		bad = true
	}
	if r.Category != "" {
		if _, ok := categoryOrder[strings.ToLower(r.Category)]; !ok {
			errs.Errorf(t.fieldPos(i, "category"), "category %q: want Primary, Secondary, Tertiary or Others", r.Category)
			bad = true
		}
	}
	gi, giOK := parseYesNo(r.GIStatus)
	if !giOK {
		errs.Errorf(t.fieldPos(i, "gi_status"), "gi_status %q: want Yes or No", r.GIStatus)
		bad = true
	}
	if r.LGDCode != "" && !lgdCode.MatchString(r.LGDCode) {
		errs.Errorf(t.fieldPos(i, "lgd_code"), "lgd_code %q: want the district's LGD code, 1 to 6 digits", r.LGDCode)
		bad = true
	}
	if r.HSCode != "" && !hsCode.MatchString(r.HSCode) {
		errs.Errorf(t.fieldPos(i, "hs_code"), "hs_code %q: want 2 to 10 digits, as in 0910 or 0910.30", r.HSCode)
		bad = true
	}
	if r.PhotoURL != "" {
		if msg := checkWebURL(r.PhotoURL); msg != "" {
			errs.Errorf(t.fieldPos(i, "photo_url"), "photo_url: %s", msg)
			bad = true
		}
	}
	if bad {
		return checkedRow{}, false
	}
	return checkedRow{
		product: Product{
			Name:         r.Product,
			GIFlag:       gi,
			Ministry:     collapseSpace(r.Ministry),
			Description:  collapseSpace(r.Description),
			PhotoURL:     r.PhotoURL,
			HSCode:       r.HSCode,
			Pos:          t.fieldPos(i, "product"),
			Names:        t.translations(i, "product"),
			Descriptions: t.translations(i, "description"),
		},
		state: r.State, kind: kind, district: r.District, lgdCode: r.LGDCode,
		category: r.Category, sector: r.Sector,
		districtPos: t.fieldPos(i, "district"), lgdPos: t.fieldPos(i, "lgd_code"),
		facts: newRowFacts(r),
	}, true
}

// newRowFacts works out what linking needs of a checked, tidied row.
func newRowFacts(r *productRow) *rowFacts {
	family := familyName(r.Product)
	return &rowFacts{
		key:          normKey(r.Product),
		districtKey:  normKey(r.District),
		slug:         slug.Make(r.Product),
		districtSlug: slug.Make(r.District),
		categorySlug: slug.Make(r.Category),
		sectorSlug:   slug.Make(r.Sector),
		family:       family,
		familySlug:   slug.Make(family),
		tokens:       nameTokens(r.Product),
		place:        nameTokens(r.District + " " + r.State),
	}
}

// addProduct links a checked row to its State/UT, district and groups,
// reporting what only other rows can show: a product listed twice for a
// district, or LGD codes of a district that disagree. It makes the row's
// product in p, unless the product is a repeat, and reports whether it
// did.
func (b *builder) addProduct(r *checkedRow, p *Product) bool {
	st := b.state(r.state, r.kind)
	d := b.district(st, r)
	if d.LGDCode == "" {
		d.LGDCode = r.lgdCode
	} else if r.lgdCode != "" && r.lgdCode != d.LGDCode {
		b.errs.Warnf(r.lgdPos, "lgd_code %s for %s, %s: an earlier row (%s) gives %s; the district's pages show %[5]s",
			r.lgdCode, d.Name, st.Name, d.Pos, d.LGDCode)
	}
	id := productID{d, r.facts.key}
	if prev := b.productByKey[id]; prev != nil {
		b.errs.Errorf(r.product.Pos, "product %q is listed twice for %s, %s (first at %s)", r.product.Name, d.Name, st.Name, prev.Pos)
		return false
	}
	*p = r.product
	p.District, p.facts = d, r.facts
	p.Category = b.group(b.categories, "category", r.category, r.facts.categorySlug)
	p.Sector = b.group(b.sectors, "sector", r.sector, r.facts.sectorSlug)
	b.productByKey[id] = p
	d.Products = append(d.Products, p)
	return true
}

// likelyMisplaced reports whether a, rather than b, is the entry of a
// district under the wrong State/UT: the one outside its state's file,
// else the one without an LGD code, else the one with fewer products.
func likelyMisplaced(a, b *District) bool {
	inOwnFile := func(d *District) bool { return path.Base(d.Pos.File) == slug.Make(d.State.Name)+".csv" }
	if inOwnFile(a) != inOwnFile(b) {
		return inOwnFile(b)
	}
	if (a.LGDCode == "") != (b.LGDCode == "") {
		return a.LGDCode == ""
	}
	return len(a.Products) < len(b.Products)
}

func parseYesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes":
		return true, true
	case "no":
		return false, true
	}
	return false, false
}

// checkWebURL allows absolute http and https URLs only: a photo or source
// link is shown to visitors, so a javascript: or data: URL must never pass.
func checkWebURL(s string) string {
	if msg := markdown.CheckURL(s); msg != "" {
		return msg
	}
	l := strings.ToLower(s)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		return "want an absolute http or https URL, not " + quote(s)
	}
	return ""
}

// collapseSpace trims s and makes every run of white space one space.
func collapseSpace(s string) string {
	// Most fields need nothing done: say so without allocating.
	space := true // at the start, a space would be leading
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' ' && space {
			return strings.Join(strings.Fields(s), " ")
		}
		space = c == ' '
	}
	if space && s != "" {
		return strings.Join(strings.Fields(s), " ") // a trailing space
	}
	return s
}

// normKey folds case, "&" and runs of punctuation and space, so that names
// that differ only in those match. It is normKeyText in one pass for
// ASCII names, the most of them: every row's names are keyed.
func normKey(s string) string {
	b := make([]byte, 0, len(s)+4)
	pending := false // a separator since the last byte written
	emit := func(c byte) {
		if pending && len(b) > 0 {
			b = append(b, ' ')
		}
		pending = false
		b = append(b, c)
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			return normKeyText(s)
		case isKeySeparator(rune(c)):
			pending = true
		case c == '&':
			pending = true
			emit('a')
			b = append(b, 'n', 'd')
			pending = true
		case 'A' <= c && c <= 'Z':
			emit(c + 'a' - 'A')
		default:
			emit(c)
		}
	}
	return string(b)
}

// normKeyText is normKey for any text.
func normKeyText(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "&", " and "))
	return strings.Join(strings.FieldsFunc(s, isKeySeparator), " ")
}

func isKeySeparator(r rune) bool {
	return r == ' ' || r == '.' || r == ',' || r == '-' || r == '(' || r == ')' || r == '/' || r == '\t'
}

func quote(s string) string { return `"` + s + `"` }

func readFile(fsys fs.FS, name string) ([]byte, error) {
	if st, err := fs.Stat(fsys, name); err == nil && st.Size() > maxFileBytes {
		return nil, fmt.Errorf("file is larger than %d bytes", maxFileBytes)
	}
	return fs.ReadFile(fsys, name)
}
