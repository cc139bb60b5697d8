package markdown

import (
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	c := New()
	src := "See [states](/states/) and [x](https://example.org/).\n\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n\"Quoted\"\n"
	got, err := c.Render([]byte(src), "/odop/")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="/odop/states/">states</a>`, `<a href="https://example.org/">x</a>`, "<table>", "&ldquo;Quoted&rdquo;"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script>") {
		t.Errorf("raw HTML rendered:\n%s", got)
	}
}

func TestCheck(t *testing.T) {
	probs := New().Check([]byte("ok [a](https://x.org)\n\nbad [b](javascript:alert(1)) and ![c](data:image/png;base64,AAAA)\n\n<b>raw</b>\n"))
	var errs, warns int
	for _, p := range probs {
		if p.Warning {
			warns++
		} else {
			errs++
			if p.Line != 3 {
				t.Errorf("problem on line %d, want 3: %s", p.Line, p.Msg)
			}
		}
	}
	if errs != 2 || warns != 2 {
		t.Errorf("%d errors and %d warnings, want 2 and 2: %+v", errs, warns, probs)
	}
}
