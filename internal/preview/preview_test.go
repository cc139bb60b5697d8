package preview

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"testing"
)

var text = Text{
	Title:   "ODOP India catalogue",
	Figures: "1,241 products · 773 districts · 36 States and UTs",
	Source:  "National ODOP product list, version 31 (7 July 2025)",
	Address: "odop-india.github.io/odop",
}

func TestPNG(t *testing.T) {
	a, err := PNG(text)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
		t.Errorf("size %v, want %dx%d", b, Width, Height)
	}
	// The picture is the one drawn: the background, and the icon's
	// accent colour at its centre.
	for _, p := range []struct {
		x, y int
		c    color.RGBA
	}{{0, 0, brand}, {Width - 1, Height - 1, brand}, {margin + 60, 170, accent}} {
		if got := color.RGBAModel.Convert(img.At(p.x, p.y)); got != p.c {
			t.Errorf("pixel (%d, %d) is %v, want %v", p.x, p.y, got, p.c)
		}
	}
	b, err := PNG(text)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two drawings of the same text differ")
	}
	if out := os.Getenv("PREVIEW_OUT"); out != "" {
		os.WriteFile(out, a, 0o644)
	}
}

func TestLongTitleShrinks(t *testing.T) {
	long := text
	long.Title = "A very long site title that would run far past the right-hand edge of the image"
	if _, err := PNG(long); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkPNG(b *testing.B) {
	for b.Loop() {
		if _, err := PNG(text); err != nil {
			b.Fatal(err)
		}
	}
}
