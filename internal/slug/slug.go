// Package slug turns names into URL path segments: lowercase ASCII letters
// and digits joined by single hyphens, the same for the same name on every
// build.
package slug

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"
)

// foldLatin maps common Latin letters with diacritics to their base letter,
// so "Pārvatī" becomes "parvati" rather than "p-rvat".
var foldLatin = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ḍ': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i",
	'ñ': "n", 'ń': "n", 'ň': "n", 'ṇ': "n", 'ṅ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'ŕ': "r", 'ř': "r", 'ṛ': "r", 'ś': "s", 'š': "s", 'ṣ': "s", 'ß': "ss",
	'ť': "t", 'ṭ': "t", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z", 'æ': "ae", 'œ': "oe", 'ḥ': "h", 'ṃ': "m", 'ṁ': "m",
}

// Make returns the slug of name. "&" reads as "and", so "Daman & Diu" gives
// "daman-and-diu". A name with no Latin letters or digits at all (for
// example one written only in Devanagari) gets "x-" and a hash of the name,
// which is stable and distinct.
func Make(name string) string {
	var b strings.Builder
	hyphen := false
	emit := func(s string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(s)
	}
	for _, r := range strings.ToLower(name) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			emit(string(r))
		case r == '&':
			hyphen = true
			emit("and")
			hyphen = true
		case r == '\'' || r == '’' || r == '.':
			// "Farmers' Welfare", "Dr. B. R." read better without a break.
		default:
			if f, ok := foldLatin[r]; ok {
				emit(f)
			} else {
				hyphen = true
			}
		}
	}
	if b.Len() == 0 {
		h := fnv.New32a()
		h.Write([]byte(name))
		return fmt.Sprintf("x-%08x", h.Sum32())
	}
	return b.String()
}

// Set hands out slugs that are unique within one scope (the districts of a
// state, the products of a district). A name whose slug is taken gets the
// slug with "-2", "-3", ... appended, so callers must offer names in a fixed
// order to get the same slugs on every build.
type Set struct {
	used map[string]bool
}

// Unique returns the slug for name, distinct from every slug the set handed
// out before, and whether it had to be changed to be distinct.
func (s *Set) Unique(name string) (string, bool) {
	return s.UniqueSlug(Make(name))
}

// UniqueSlug is Unique for a slug made already.
func (s *Set) UniqueSlug(base string) (string, bool) {
	if s.used == nil {
		s.used = map[string]bool{}
	}
	sl := base
	for i := 2; s.used[sl]; i++ {
		sl = fmt.Sprintf("%s-%d", base, i)
	}
	s.used[sl] = true
	return sl, sl != base
}

// Reserve marks slugs as taken, for names the site uses itself.
func (s *Set) Reserve(slugs ...string) {
	if s.used == nil {
		s.used = map[string]bool{}
	}
	for _, sl := range slugs {
		s.used[sl] = true
	}
}
