package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold is the form in which text is indexed and queried: compatibility
// decomposition (NFKD), Latin combining accents (U+0300 to U+036F)
// removed, lower case, and apostrophes dropped so that "region’s" and
// "Farmers'" read as one word. Other marks are kept, because in Devanagari
// and the other Indic scripts they are part of the letter: stripping them
// would turn हल्दी into a different word.
//
// The client (assets/search.js) folds queries with the same steps:
// normalize("NFKD"), the same ranges removed, toLowerCase().
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii { // ASCII is its own NFKD; most of the catalogue is ASCII
		s = norm.NFKD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteByte(byte(r) + 'a' - 'A')
		case r < utf8.RuneSelf && r != '\'':
			b.WriteByte(byte(r))
		case r >= 0x300 && r <= 0x36f:
		case isApostrophe(r):
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// Tokens splits folded text into words: maximal runs of letters, digits
// and marks, in any script. Everything else separates words.
func Tokens(folded string) []string {
	var words []string
	start := -1
	for i, r := range folded {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			words = append(words, folded[start:i])
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, folded[start:])
	}
	return words
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// Words folds and tokenises s.
func Words(s string) []string { return Tokens(Fold(s)) }

// stopWords are left out of the description field only: they occur in
// nearly every description, so they would make the index larger without
// telling products apart. Names keep every word ("Art of Bidri"). The
// client drops them from a query too, unless the query has nothing else.
func stopWords() []string {
	return []string{
		"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
		"it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "which", "with",
	}
}

// shardKey names the term shard that holds a word: its first letter for
// a to z, "0" for any digit, "_" for every other script. A query word is
// looked up in its own first letter's shard only, so a typo in a word's
// first letter is not forgiven (see the README's ranking section).
func shardKey(term string) string {
	c := term[0]
	switch {
	case c >= 'a' && c <= 'z':
		return string(c)
	case c >= '0' && c <= '9':
		return "0"
	}
	return "_"
}

// URLSlug is the slug that assets/search.js makes from a name, with the
// same steps: fold, "&" read as "and", full stops dropped, every run of
// other characters than a to z and 0 to 9 made one hyphen, hyphens
// trimmed. It equals slug.Make for most names; the manifest spells out
// the slugs where it does not. The client also reads facet values in a
// URL with it, so ?sector=Handloom and ?sector=handloom are one.
func URLSlug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ReplaceAll(Fold(name), "&", " and ") {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case r == '.':
		default:
			hyphen = true
		}
	}
	return b.String()
}
