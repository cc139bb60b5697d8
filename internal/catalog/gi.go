package catalog

import (
	"sort"
	"strconv"
	"strings"

	"github.com/odop-india/odop/internal/diag"
)

const giFile = "data/gi.csv"

var giColumns = []column{
	{"gi_name", true}, {"goods_category", true}, {"states", true},
	{"s_no", false}, {"row_id", false}, {"goods_category_raw", false}, {"state_primary", false},
	{"n_states", false}, {"is_foreign", false}, {"is_logo", false}, {"same_name_as_s_no", false},
}

type giRow struct {
	ID       string `csv:"row_id"`
	SNo      string `csv:"s_no"`
	Name     string `csv:"gi_name"`
	Category string `csv:"goods_category"`
	States   string `csv:"states"`
	Foreign  string `csv:"is_foreign"`
	RepeatOf string `csv:"same_name_as_s_no"`
}

// loadGI reads the GI registry. It is optional: a site without data/gi.csv
// simply has no registry matches.
func (b *builder) loadGI(fsys fsReader) {
	data, err := readFile(fsys, giFile)
	if err != nil {
		if isNotExist(err) {
			return
		}
		b.errs.Errorf(diag.Pos{File: giFile}, "%v", err)
		return
	}
	data, ok := b.decodeCSV(giFile, data, &b.errs)
	if !ok {
		return
	}
	t := readCSV(giFile, data, giColumns, &b.errs)
	if t == nil {
		return
	}
	var rows []giRow
	if err := t.decode(&rows); err != nil {
		b.errs.Errorf(diag.Pos{File: giFile}, "%v", err)
		return
	}
	for i, r := range rows {
		name := collapseSpace(r.Name)
		if name == "" {
			b.errs.Errorf(t.fieldPos(i, "gi_name"), "empty gi_name")
			continue
		}
		foreign, ok := parseYesNo(r.Foreign)
		if r.Foreign != "" && !ok {
			b.errs.Errorf(t.fieldPos(i, "is_foreign"), "is_foreign %q: want yes or no", r.Foreign)
			continue
		}
		id := r.ID
		if id == "" {
			id = strconv.Itoa(t.fieldPos(i, "gi_name").Line)
		}
		g := &GIEntry{ID: id, SNo: r.SNo, Name: name, Category: r.Category, Foreign: foreign,
			RepeatOf: r.RepeatOf, Pos: t.fieldPos(i, "gi_name"), stateNames: map[string]bool{}}
		for _, s := range strings.Split(r.States, ";") {
			if s = collapseSpace(s); s != "" {
				g.States = append(g.States, s)
				g.stateNames[stateKey(s)] = true
			}
		}
		b.cat.GI = append(b.cat.GI, g)
	}
}

// giStopWords carry no meaning for matching names.
var giStopWords = map[string]bool{
	"and": true, "of": true, "the": true, "products": true, "product": true,
	"based": true, "items": true, "logo": true, "gi": true, "&": true,
}

// nameTokens splits a product or GI name into lowercase words, with simple
// plural endings removed so that "Kani Shawls" meets "Kani Shawl".
func nameTokens(name string) map[string]bool {
	toks := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		if giStopWords[w] {
			continue
		}
		switch {
		case len(w) > 4 && strings.HasSuffix(w, "ies"):
			w = w[:len(w)-3] + "i"
		case len(w) > 4 && strings.HasSuffix(w, "oes"):
			w = w[:len(w)-2]
		case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
			w = w[:len(w)-1]
		}
		toks[w] = true
	}
	return toks
}

// matchGI links each product flagged GI to the registry entry of its state
// whose name shares the most words with the product's name. A match needs
// two shared words ("Turmeric (Lakadong)" and "Lakadong Turmeric"), or one
// when neither name has anything else but the name of the product's
// district or state ("Saffron" and "Kashmir Saffron", "Feni" and "Feni";
// not "Sikki Painting" and "Madhubani Paintings").
// So "Turmeric" in Sangli is not taken for "Waigaon Turmeric": a missing
// link is better than a false claim of a GI. Ties go to the higher share of
// shared words, then to the earlier row. Repeated registry rows (probable
// logo registrations) are never matched.
func (b *builder) matchGI() {
	type cand struct {
		g      *GIEntry
		toks   map[string]bool
		sNoOrd int
	}
	byState := map[string][]cand{}
	for i, g := range b.cat.GI {
		if g.Foreign || g.RepeatOf != "" {
			continue
		}
		c := cand{g, nameTokens(g.Name), i}
		for s := range g.stateNames {
			byState[s] = append(byState[s], c)
		}
	}
	for _, p := range b.cat.Products {
		if !p.GIFlag {
			continue
		}
		pt := nameTokens(p.Name)
		place := nameTokens(p.District.Name + " " + p.State().Name)
		var best *GIEntry
		bestShared, bestFrac, bestOrd := 0, 0.0, 0
		for _, c := range byState[stateKey(p.State().Name)] {
			shared := 0
			for t := range pt {
				if c.toks[t] {
					shared++
				}
			}
			if shared == 0 || shared == 1 && !(onlyPlaceWords(c.toks, pt, place) && onlyPlaceWords(pt, c.toks, place)) {
				continue
			}
			frac := float64(shared) / float64(len(pt)+len(c.toks)-shared)
			if shared > bestShared || shared == bestShared && (frac > bestFrac || frac == bestFrac && c.sNoOrd < bestOrd) {
				best, bestShared, bestFrac, bestOrd = c.g, shared, frac, c.sNoOrd
			}
		}
		if best != nil {
			p.GI = best
			best.Products = append(best.Products, p)
		}
	}
	for _, g := range b.cat.GI {
		sort.SliceStable(g.Products, func(i, j int) bool { return g.Products[i].Name < g.Products[j].Name })
	}
}

// onlyPlaceWords reports whether every word of name a that is not in name
// b is one of the place words (the product's district and state).
func onlyPlaceWords(a, b, place map[string]bool) bool {
	for t := range a {
		if !b[t] && !place[t] {
			return false
		}
	}
	return true
}
