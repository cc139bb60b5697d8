// Package search builds the site's search index from the catalogue at build
// time: a table of every product with its facets, and an inverted index of
// every word of every product's searchable fields, split into shards by the
// word's first letter so that a browser fetches only the shards a query
// needs. assets/search.js reads the files; the README explains the query
// syntax and the ranking.
//
// The files, all below "search/" and named by content hash:
//
//	index.json      the manifest: field weights, stop words, shard names,
//	                facet tables, and the product table (name, slug,
//	                district, sector, category, GI flag)
//	terms-<k>.json  the words that start with k (a to z, "0" for digits,
//	                "_" for other scripts) and where each occurs
//
// A shard is {"t": [words, sorted], "p": [postings, one per word]}. A
// word's postings list each product it occurs in, in product order, as
// two things: the distance from the previous product's number (the first
// from 0) as a little-endian base-32 varint, and a bit mask of the fields
// it occurs in, as one character. Both use the 64 characters of
// alphabet; a varint character at 32 or above says another follows.
package search

import (
	"slices"
	"strings"

	"github.com/odop-india/odop/internal/catalog"
)

// Field is a searchable field of a product.
type Field uint8

// The fields, from the heaviest. The order is the bit order of a
// posting's field mask.
const (
	Name        Field = iota // the product's name
	GIName                   // the name of the GI registry entry it matches
	District                 // its district's name
	State                    // its State/UT's name
	Group                    // its sector and category
	Description              // the ODOP list's description
	numFields
)

// Weight is the field's weight in the ranking. A word found in several
// fields of a product scores the sum of their weights, so a product
// named after the word, registered as a GI under it and described with it
// ranks above one that only mentions it.
func (f Field) Weight() int {
	switch f {
	case Name:
		return 10
	case GIName:
		return 6
	case District:
		return 5
	case State:
		return 4
	case Group:
		return 3
	case Description:
		return 1
	}
	return 0
}

// Index is the search index of a catalogue, ready to write.
type Index struct {
	cat    *catalog.Catalog
	terms  []string    // sorted
	posts  []*postings // by term
	nPosts int
}

// postings are a word's postings, encoded as the shards give them (see the
// package comment) as the products are added, in order: some 3 bytes a
// posting rather than a struct of 16. While a product is added, its
// posting is the last, and its field mask the last byte.
type postings struct {
	enc  []byte
	last int   // the last posting's product
	mask uint8 // the last posting's fields
	n    int
}

// add adds field f of product doc.
func (ps *postings) add(doc int, f Field) {
	if ps.n > 0 && ps.last == doc {
		ps.mask |= 1 << f
		ps.enc[len(ps.enc)-1] = alphabet[ps.mask]
		return
	}
	v := doc - ps.last // the first from 0
	for v >= 32 {
		ps.enc = append(ps.enc, alphabet[32+v&31])
		v >>= 5
	}
	ps.mask = 1 << f
	ps.enc = append(ps.enc, alphabet[v], alphabet[ps.mask])
	ps.last = doc
	ps.n++
}

// Build indexes every product of c.
func Build(c *catalog.Catalog) *Index { return BuildCached(c, nil) }

// A WordCache keeps the words of the texts one build indexed for the
// next, so that a rebuild after an edit of a few rows (odop serve's)
// splits only their texts into words. A nil *WordCache caches nothing.
// It holds the words of one build: those the next build does not use are
// dropped. It is not safe for concurrent use.
type WordCache struct {
	names, descs wordMap // names keep every word, descriptions drop some
}

// wordMap holds the words of texts by text: those of the build under way
// and those of the build before.
type wordMap struct{ prev, cur map[string][]string }

// NewWordCache returns an empty WordCache.
func NewWordCache() *WordCache { return &WordCache{} }

// words returns make(s), cached in m. The result is shared: callers must
// not change it, nor append to it.
func (m *wordMap) words(s string, make func(string) []string) []string {
	if ws, ok := m.cur[s]; ok {
		return ws
	}
	ws, ok := m.prev[s]
	if !ok {
		ws = slices.Clip(make(s))
	}
	m.cur[s] = ws
	return ws
}

// next starts a build: the words it does not use are dropped after it.
func (m *wordMap) next() { m.prev, m.cur = m.cur, make(map[string][]string, len(m.cur)) }

// BuildCached is Build, taking the words of texts it has seen from wc.
func BuildCached(c *catalog.Catalog, wc *WordCache) *Index {
	if wc != nil {
		wc.names.next()
		wc.descs.next()
	}
	ix := &Index{cat: c}
	byTerm := map[string]*postings{}
	stop := map[string]bool{}
	for _, w := range stopWords() {
		stop[w] = true
	}
	descWords := func(s string) []string {
		return slices.DeleteFunc(Words(s), func(w string) bool {
			return stop[w] || len([]rune(w)) < 2
		})
	}
	// Names and descriptions are cached apart: a description drops stop
	// words and one-letter words. Without a cache, each name is split
	// once all the same: a district's, state's, sector's and category's
	// comes with every product of it.
	var name, desc func(string) []string
	if wc != nil {
		name = func(s string) []string { return wc.names.words(s, Words) }
		desc = func(s string) []string { return wc.descs.words(s, descWords) }
	} else {
		seen := wordMap{cur: map[string][]string{}}
		name = func(s string) []string { return seen.words(s, Words) }
		desc = descWords
	}
	// add puts one product's words into the postings, in product order.
	add := func(doc int, fields *[numFields][]string) {
		for f, words := range fields {
			for _, w := range words {
				ps := byTerm[w]
				if ps == nil {
					ps = &postings{}
					// A word is part of the text it was split from:
					// a copy lets the text go.
					byTerm[strings.Clone(w)] = ps
				}
				ps.add(doc, Field(f))
			}
		}
	}
	// Splitting texts into words is most of the work, and needs nothing
	// but the text: a goroutine does it a chunk of products ahead of the
	// postings being added, in order. It alone uses wc.
	const chunk = 512
	chunks := make(chan [][numFields][]string, 4)
	go func() {
		defer close(chunks)
		for start := 0; start < len(c.Products); start += chunk {
			ps := c.Products[start:min(start+chunk, len(c.Products))]
			out := make([][numFields][]string, len(ps))
			for i, p := range ps {
				productWords(p, &out[i], name, desc)
			}
			chunks <- out
		}
	}()
	doc := 0
	for out := range chunks {
		for i := range out {
			add(doc, &out[i])
			doc++
		}
	}
	ix.terms = make([]string, 0, len(byTerm))
	for t := range byTerm {
		ix.terms = append(ix.terms, t)
	}
	slices.Sort(ix.terms)
	ix.posts = make([]*postings, len(ix.terms))
	for i, t := range ix.terms {
		ix.posts[i] = byTerm[t]
		ix.nPosts += byTerm[t].n
	}
	return ix
}

// productWords sets fields to p's words in each field, name and desc
// splitting a name and a description.
func productWords(p *catalog.Product, fields *[numFields][]string, name, desc func(string) []string) {
	fields[Name] = name(p.Name)
	// A name or description the data gives in another language
	// (product_hi, description_fr) is found as the English one is.
	for _, tag := range sortedKeys(p.Names) {
		fields[Name] = append(slices.Clip(fields[Name]), name(p.Names[tag])...)
	}
	fields[GIName] = nil
	if p.GI != nil {
		fields[GIName] = name(p.GI.Name)
	}
	fields[District] = name(p.District.Name)
	fields[State] = name(p.State().Name)
	fields[Group] = append(slices.Clip(name(p.Sector.Name)), name(p.Category.Name)...)
	fields[Description] = desc(p.Description)
	for _, tag := range sortedKeys(p.Descriptions) {
		fields[Description] = append(slices.Clip(fields[Description]), desc(p.Descriptions[tag])...)
	}
}

// Terms is the number of distinct words in the index.
func (ix *Index) Terms() int { return len(ix.terms) }

// Postings is the number of (word, product) pairs in the index.
func (ix *Index) Postings() int { return ix.nPosts }

// Lookup returns the products in which a folded word occurs, with the
// fields it occurs in as a bit mask by Field, in product order.
func (ix *Index) Lookup(term string) (docs []int, masks []uint8) {
	i, ok := slices.BinarySearch(ix.terms, term)
	if !ok {
		return nil, nil
	}
	enc, doc := ix.posts[i].enc, 0
	for j := 0; j < len(enc); j++ {
		v := 0
		for shift := 0; ; shift += 5 {
			d := strings.IndexByte(alphabet, enc[j])
			v |= d & 31 << shift
			if d < 32 {
				break
			}
			j++
		}
		j++
		doc += v
		docs = append(docs, doc)
		masks = append(masks, uint8(strings.IndexByte(alphabet, enc[j])))
	}
	return docs, masks
}

// alphabet encodes postings: 64 characters that need no escaping in JSON.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

// sortedKeys are m's keys in order, so that the index is the same on
// every build.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
