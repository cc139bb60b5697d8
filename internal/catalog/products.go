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
	// The files are read and parsed in parallel, each into its own list
	// of problems; their rows are then added in name order, as one file
	// after another would be.
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
	b.cache.keepOnlyProductFiles(names)
	for _, f := range files {
		b.errs = append(b.errs, f.errs...)
		for i := range f.rows {
			b.addProduct(f.t, i, &f.rows[i])
		}
	}
	b.checkDistrictStates()
}

// productFile is one product list, parsed.
type productFile struct {
	t    *csvTable
	rows []productRow
	errs diag.List
}

// parseProductFile reads, decodes and parses one product list. It reads
// b's settings only, so that files can be parsed in parallel.
func (b *builder) parseProductFile(fsys fs.FS, name string) productFile {
	var f productFile
	data, err := readFile(fsys, name)
	if err != nil {
		f.errs.Errorf(diag.Pos{File: name}, "%v", err)
		return f
	}
	enc, src := b.cat.Site.Encodings[name], data
	if cached, ok := b.cache.productFile(name, enc, src); ok {
		return cached
	}
	defer func() { b.cache.keepProductFile(name, enc, src, f) }()
	data, ok := b.decodeCSV(name, data, &f.errs)
	if !ok {
		return f
	}
	t := readCSV(name, data, productColumns, &f.errs)
	if t == nil {
		return f
	}
	if err := t.decode(&f.rows); err != nil {
		f.errs.Errorf(diag.Pos{File: name}, "%v", err)
		f.rows = nil
		return f
	}
	f.t = t
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
		key := normKey(d.Name)
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

func (b *builder) addProduct(t *csvTable, i int, r *productRow) {
	bad := false
	required := func(col, val string) {
		if val == "" {
			b.errs.Errorf(t.fieldPos(i, col), "empty %s", col)
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
		if canon := b.stateByKey[stateKey(r.State)]; canon != "" {
			b.errs.Errorf(t.fieldPos(i, "state"), "state %q: want %q", r.State, canon)
		} else if near := nearestState(r.State); near != "" {
			b.errs.Errorf(t.fieldPos(i, "state"), "state %q is not one of the 36 States and Union Territories; did you mean %q?", r.State, near)
		} else {
			b.errs.Errorf(t.fieldPos(i, "state"), "state %q is not one of the 36 States and Union Territories", r.State)
		}
		bad = true
	}
	if r.Category != "" {
		if _, ok := categoryOrder[strings.ToLower(r.Category)]; !ok {
			b.errs.Errorf(t.fieldPos(i, "category"), "category %q: want Primary, Secondary, Tertiary or Others", r.Category)
			bad = true
		}
	}
	gi, giOK := parseYesNo(r.GIStatus)
	if !giOK {
		b.errs.Errorf(t.fieldPos(i, "gi_status"), "gi_status %q: want Yes or No", r.GIStatus)
		bad = true
	}
	if r.LGDCode != "" && !lgdCode.MatchString(r.LGDCode) {
		b.errs.Errorf(t.fieldPos(i, "lgd_code"), "lgd_code %q: want the district's LGD code, 1 to 6 digits", r.LGDCode)
		bad = true
	}
	if r.HSCode != "" && !hsCode.MatchString(r.HSCode) {
		b.errs.Errorf(t.fieldPos(i, "hs_code"), "hs_code %q: want 2 to 10 digits, as in 0910 or 0910.30", r.HSCode)
		bad = true
	}
	if r.PhotoURL != "" {
		if msg := checkWebURL(r.PhotoURL); msg != "" {
			b.errs.Errorf(t.fieldPos(i, "photo_url"), "photo_url: %s", msg)
			bad = true
		}
	}
	if bad {
		return
	}

	pos := t.fieldPos(i, "product")
	st := b.state(r.State, kind)
	d := b.district(st, r.District, t.fieldPos(i, "district"))
	if d.LGDCode == "" {
		d.LGDCode = r.LGDCode
	} else if r.LGDCode != "" && r.LGDCode != d.LGDCode {
		b.errs.Warnf(t.fieldPos(i, "lgd_code"), "lgd_code %s for %s, %s: an earlier row (%s) gives %s; the district's pages show %[5]s",
			r.LGDCode, d.Name, st.Name, d.Pos, d.LGDCode)
	}
	key := normKey(r.Product)
	if prev := b.productByKey[d][key]; prev != nil {
		b.errs.Errorf(pos, "product %q is listed twice for %s, %s (first at %s)", r.Product, d.Name, st.Name, prev.Pos)
		return
	}
	p := &Product{
		Name:         r.Product,
		District:     d,
		Category:     b.group(b.categories, "category", r.Category),
		Sector:       b.group(b.sectors, "sector", r.Sector),
		GIFlag:       gi,
		Ministry:     collapseSpace(r.Ministry),
		Description:  collapseSpace(r.Description),
		PhotoURL:     r.PhotoURL,
		HSCode:       r.HSCode,
		Pos:          pos,
		Names:        t.translations(i, "product"),
		Descriptions: t.translations(i, "description"),
	}
	if b.productByKey[d] == nil {
		b.productByKey[d] = map[string]*Product{}
	}
	b.productByKey[d][key] = p
	d.Products = append(d.Products, p)
	b.products = append(b.products, p)
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
