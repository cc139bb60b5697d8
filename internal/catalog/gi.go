package catalog

import (
	"slices"
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

// giRegistry is the GI registry as parsed from its file. The cache keeps
// it, and it is never changed after it is made: each load makes its own
// entries from it, to link to its own products.
type giRegistry struct {
	entries []GIEntry // without products
	// byState are, by stateKey, the entries a product of that State/UT
	// may match.
	byState map[string]*giCandidates
	errs    diag.List
}

// giCandidates are the entries that products of one State/UT may match,
// in registry order, with an index of their words: a product is then
// compared only with the entries that share a word with it.
type giCandidates struct {
	list   []giCandidate
	byWord map[string][]int // positions in list
}

// giCandidate is an entry that products may match, by its index in the
// registry, with the words of its name.
type giCandidate struct {
	i      int
	tokens words
}

// add adds c to the end of the list and to the index.
func (cs *giCandidates) add(c giCandidate) {
	for _, t := range c.tokens {
		cs.byWord[t] = append(cs.byWord[t], len(cs.list))
	}
	cs.list = append(cs.list, c)
}

// loadGI reads the GI registry, in the declared encoding enc, or takes it
// from cache. It is optional: a site without data/gi.csv simply has no
// registry matches.
func loadGI(fsys fsReader, enc string, cache *fileCache[giRegistry]) giRegistry {
	data, err := readFile(fsys, giFile)
	if err != nil {
		var reg giRegistry
		if !isNotExist(err) {
			reg.errs.Errorf(diag.Pos{File: giFile}, "%v", err)
		}
		return reg
	}
	if reg, ok := cache.get(giFile, enc, data); ok {
		return reg
	}
	reg := parseGI(enc, data)
	cache.put(giFile, enc, data, reg)
	return reg
}

// parseGI decodes and parses the GI registry.
func parseGI(enc string, data []byte) giRegistry {
	var reg giRegistry
	data, ok := decodeCSV(giFile, enc, data, &reg.errs)
	if !ok {
		return reg
	}
	t := readCSV(giFile, data, giColumns, &reg.errs)
	if t == nil {
		return reg
	}
	var rows []giRow
	if err := t.decode(&rows); err != nil {
		reg.errs.Errorf(diag.Pos{File: giFile}, "%v", err)
		return reg
	}
	reg.byState = map[string]*giCandidates{}
	for i, r := range rows {
		name := collapseSpace(r.Name)
		if name == "" {
			reg.errs.Errorf(t.fieldPos(i, "gi_name"), "empty gi_name")
			continue
		}
		foreign, ok := parseYesNo(r.Foreign)
		if r.Foreign != "" && !ok {
			reg.errs.Errorf(t.fieldPos(i, "is_foreign"), "is_foreign %q: want yes or no", r.Foreign)
			continue
		}
		id := r.ID
		if id == "" {
			id = strconv.Itoa(t.fieldPos(i, "gi_name").Line)
		}
		g := GIEntry{ID: id, SNo: r.SNo, Name: name, Category: r.Category, Foreign: foreign,
			RepeatOf: r.RepeatOf, Pos: t.fieldPos(i, "gi_name")}
		stateNames := map[string]bool{}
		for _, s := range strings.Split(r.States, ";") {
			if s = collapseSpace(s); s != "" {
				g.States = append(g.States, s)
				stateNames[stateKey(s)] = true
			}
		}
		// Loads share the list: one that appended to it must copy it.
		g.States = slices.Clip(g.States)
		// Foreign and repeated rows are never matched (see matchGI).
		if !g.Foreign && g.RepeatOf == "" {
			c := giCandidate{len(reg.entries), nameTokens(g.Name)}
			for s := range stateNames {
				if reg.byState[s] == nil {
					reg.byState[s] = &giCandidates{byWord: map[string][]int{}}
				}
				reg.byState[s].add(c)
			}
		}
		reg.entries = append(reg.entries, g)
	}
	return reg
}

// newEntries makes a load's own registry entries.
func (reg giRegistry) newEntries() []*GIEntry {
	if len(reg.entries) == 0 {
		return nil
	}
	entries := slices.Clone(reg.entries)
	out := make([]*GIEntry, len(entries))
	for i := range entries {
		out[i] = &entries[i]
	}
	return out
}

// giStopWords carry no meaning for matching names.
var giStopWords = map[string]bool{
	"and": true, "of": true, "the": true, "products": true, "product": true,
	"based": true, "items": true, "logo": true, "gi": true, "&": true,
}

// words is a set of words. A name has a few, which a slice holds and
// searches at less cost than a map.
type words []string

func (ws words) has(w string) bool { return slices.Contains(ws, w) }

// nameTokens splits a product or GI name into lowercase words, with simple
// plural endings removed so that "Kani Shawls" meets "Kani Shawl".
func nameTokens(name string) words {
	var toks words
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
		if !toks.has(w) {
			toks = append(toks, w)
		}
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
	// The products of each State/UT, in catalogue order, against the
	// candidates of that State/UT.
	for _, st := range b.cat.States {
		cands := b.gi.byState[stateKey(st.Name)]
		if cands == nil {
			continue
		}
		m := giMatcher{cands: cands, shared: make([]int, len(cands.list))}
		for _, p := range st.Products {
			if !p.GIFlag {
				continue
			}
			if i := m.best(p); i >= 0 {
				g := b.cat.GI[i]
				p.GI = g
				g.Products = append(g.Products, p)
			}
		}
	}
	for _, g := range b.cat.GI {
		if len(g.Products) > 1 {
			slices.SortStableFunc(g.Products, func(a, b *Product) int { return strings.Compare(a.Name, b.Name) })
		}
	}
}

// giMatcher finds the entry that products of one State/UT match.
type giMatcher struct {
	cands  *giCandidates
	shared []int // by position in cands.list: words shared with the product
	seen   []int // positions in cands.list of the entries with a shared word
}

// best returns the registry index of the entry p matches (see matchGI),
// or -1 if none.
func (m *giMatcher) best(p *Product) int {
	pt, place := p.facts.tokens, p.District.facts.place
	m.seen = m.seen[:0]
	for _, t := range pt {
		for _, k := range m.cands.byWord[t] {
			if m.shared[k] == 0 {
				m.seen = append(m.seen, k)
			}
			m.shared[k]++
		}
	}
	// In registry order, so that ties go to the earlier row.
	slices.Sort(m.seen)
	best := -1
	bestShared, bestFrac := 0, 0.0
	for _, k := range m.seen {
		c, shared := m.cands.list[k], m.shared[k]
		m.shared[k] = 0
		if shared == 1 && !(onlyPlaceWords(c.tokens, pt, place) && onlyPlaceWords(pt, c.tokens, place)) {
			continue
		}
		frac := float64(shared) / float64(len(pt)+len(c.tokens)-shared)
		if shared > bestShared || shared == bestShared && (frac > bestFrac || frac == bestFrac && c.i < best) {
			best, bestShared, bestFrac = c.i, shared, frac
		}
	}
	return best
}

// onlyPlaceWords reports whether every word of name a that is not in name
// b is one of the place words (the product's district and state).
func onlyPlaceWords(a, b, place words) bool {
	for _, t := range a {
		if !b.has(t) && !place.has(t) {
			return false
		}
	}
	return true
}
