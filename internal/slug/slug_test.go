package slug

import "testing"

func TestMake(t *testing.T) {
	for in, want := range map[string]string{
		"Turmeric (Lakadong)":                  "turmeric-lakadong",
		"Dadra & Nagar Haveli and Daman & Diu": "dadra-and-nagar-haveli-and-daman-and-diu",
		"Dr. B. R. Ambedkar Konaseema":         "dr-b-r-ambedkar-konaseema",
		"Ministry of Farmers' Welfare":         "ministry-of-farmers-welfare",
		"  Pārvatī  Valley  ":                  "parvati-valley",
		"<img src=x onerror=alert(1)>":         "img-src-x-onerror-alert-1",
		"हल्दी":                                "x-8d4e3b0e",
	} {
		if got := Make(in); got != want && !(want[:2] == "x-" && got[:2] == "x-" && len(got) == 10) {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
	if Make("हल्दी") == Make("मिर्च") {
		t.Error("two Devanagari names got one slug")
	}
}

func TestSetIsStable(t *testing.T) {
	var s Set
	s.Reserve("states")
	for _, tc := range []struct{ name, want string }{
		{"States", "states-2"}, {"Goa", "goa"}, {"GOA", "goa-2"}, {"goa", "goa-3"},
	} {
		if got, _ := s.Unique(tc.name); got != tc.want {
			t.Errorf("Unique(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}
