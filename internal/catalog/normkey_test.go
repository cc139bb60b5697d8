package catalog

import (
	"os"
	"testing"
)

// TestNormKey: the one-pass key of ASCII names is the key of any text.
func TestNormKey(t *testing.T) {
	names := []string{"", " ", "&", "A & B", "a&b", "&x", "x&", "Arts & Crafts (Handloom)", "  Moradabad   Metal-Craft. ",
		"Lakadong Turmeric", "J&K", "a/b,c", "tab\there", "((x))", "Ä & Ö", "Kani Shawl & Pashmina/ कानी", "ABC-xyz..", "a\r\nb"}
	c, _ := Load(os.DirFS("../.."))
	if len(c.Products) == 0 {
		t.Fatal("the real catalogue did not load")
	}
	for _, p := range c.Products {
		names = append(names, p.Name, p.District.Name, p.Sector.Name, p.Category.Name, p.Description)
	}
	for _, s := range names {
		if got, want := normKey(s), normKeyText(s); got != want {
			t.Errorf("normKey(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormKey(f *testing.F) {
	for _, s := range []string{"A & B", "Arts & Crafts (Handloom)", " x-y. ", "Ä&ö"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normKey(s), normKeyText(s); got != want {
			t.Errorf("normKey(%q) = %q, want %q", s, got, want)
		}
	})
}
