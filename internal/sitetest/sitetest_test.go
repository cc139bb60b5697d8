package sitetest

import "testing"

// TestEnglishOnly: test sites are cut to English however site.yaml lists
// its languages.
func TestEnglishOnly(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"title: T\nlanguages: [en, hi]\ndata:\n  name: x\n", "title: T\nlanguages: [en]\ndata:\n  name: x\n"},
		{"title: T\nlanguages:\n  - en\n  - hi\ndata:\n  - y\n", "title: T\nlanguages: [en]\ndata:\n  - y\n"},
		{"title: T\n", "title: T\n"},
	} {
		if got := string(englishOnly([]byte(c.in))); got != c.want {
			t.Errorf("englishOnly(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
