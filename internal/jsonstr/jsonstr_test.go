package jsonstr

import (
	"encoding/json"
	"testing"
)

// TestAppend checks Append against encoding/json for every byte alone and
// inside text, and for strings that try every escape.
func TestAppend(t *testing.T) {
	cases := []string{
		"", "plain", `</script><script>alert(1)</script>`, `"quoted" & 'single' + plus`,
		"\x00\x01\x1f\x7f", "\xff\xfe bad utf-8", "line\u2028sep\u2029", "ünïcödé € 𝄞",
		"a\tb\nc\rd\be\ff", `back\slash`, "\xe2\x80", "<!-- -->",
	}
	for c := 0; c < 256; c++ {
		cases = append(cases, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	for _, s := range cases {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := Append([]byte("x"), s); string(got) != "x"+string(want) {
			t.Errorf("%q:\n got %s\nwant x%s", s, got, want)
		}
	}
}

func FuzzAppend(f *testing.F) {
	f.Add("</script>\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := Append(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}
