// Package preview draws the site's social preview image: the PNG that link
// previews (Open Graph, Twitter cards) show when a page of the site is
// shared. Platforms want a raster image for og:image (several do not
// render SVG there), 1200×630 pixels being the size they all crop well.
//
// The image is drawn from the catalogue on every build, so its figures can
// never go stale; it uses the Go fonts, which ship inside the binary, so
// the output is the same on every machine.
package preview

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Width and Height are the image's size in pixels.
const (
	Width  = 1200
	Height = 630
)

// The site's colours, as in assets/app.css and assets/icon.svg.
var (
	brand  = color.RGBA{0x0b, 0x55, 0x63, 0xff}
	accent = color.RGBA{0xf6, 0xc4, 0x45, 0xff}
	white  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	pale   = color.RGBA{0xd8, 0xe6, 0xe8, 0xff}
)

// Text is what the image says, top to bottom. Empty lines are left out.
type Text struct {
	Title   string // the site's name, large
	Figures string // such as "1,241 products · 773 districts · 36 States and UTs"
	Source  string // the data set and its version
	Address string // where the site lives, such as "odop-india.github.io/odop"
}

const margin = 96

// PNG draws the image and encodes it as PNG.
func PNG(t Text) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(brand), image.Point{}, draw.Src)
	drawMark(img, margin+60, 170, 6)

	bold, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	regular, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, err
	}
	lines := []struct {
		text  string
		font  *opentype.Font
		size  float64
		color color.Color
		y     int // baseline
	}{
		{t.Title, bold, 76, white, 350},
		{t.Figures, bold, 40, accent, 430},
		{t.Source, regular, 30, pale, 486},
		{t.Address, regular, 28, pale, Height - margin + 20},
	}
	for _, l := range lines {
		if l.text == "" {
			continue
		}
		if err := drawText(img, l.text, l.font, l.size, l.color, l.y); err != nil {
			return nil, err
		}
	}
	return encodePNG(img)
}

// encodePNG encodes an opaque image as an 8-bit RGB PNG, its rows
// unfiltered and compressed fast. The image is mostly flat colour, which
// deflate takes as well without filters: image/png, which tries every
// filter on every row, takes twice as long for a file of the same size,
// and a build waits for this image before it renders pages.
func encodePNG(img *image.RGBA) ([]byte, error) {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		out.Write(binary.BigEndian.AppendUint32(nil, uint32(len(data))))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		out.WriteString(typ)
		out.Write(data)
		out.Write(binary.BigEndian.AppendUint32(nil, crc.Sum32()))
	}
	b := img.Bounds()
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(b.Dx()))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(b.Dy()))
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8 bits, RGB, deflate, filters, no interlace
	chunk("IHDR", ihdr)
	var idat bytes.Buffer
	zw, err := zlib.NewWriterLevel(&idat, 2) // as fast as 1, a little smaller
	if err != nil {
		return nil, err
	}
	row := make([]byte, 1+3*b.Dx()) // filter type 0, then the pixels
	for y := b.Min.Y; y < b.Max.Y; y++ {
		pix := img.Pix[img.PixOffset(b.Min.X, y):]
		for x := 0; x < b.Dx(); x++ {
			copy(row[1+3*x:4+3*x], pix[4*x:4*x+3])
		}
		if _, err := zw.Write(row); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out.Bytes(), nil
}

// drawText draws s on one line from the left margin, shrinking the font
// until the line fits between the margins.
func drawText(img draw.Image, s string, f *opentype.Font, size float64, c color.Color, y int) error {
	maxWidth := fixed.I(Width - 2*margin)
	for {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return err
		}
		d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face}
		if d.MeasureString(s) <= maxWidth || size <= 12 {
			d.Dot = fixed.P(margin, y)
			d.DrawString(s)
			return face.Close()
		}
		face.Close()
		size *= 0.9
	}
}

// drawMark draws the site's icon, a ring round a dot (assets/icon.svg,
// whose 32-unit square is scaled by scale), centred on (cx, cy).
func drawMark(img *image.RGBA, cx, cy int, scale float64) {
	ring, stroke, dot := 9*scale, 3*scale, 3*scale
	reach := int(math.Ceil(ring + stroke))
	for y := cy - reach; y <= cy+reach; y++ {
		for x := cx - reach; x <= cx+reach; x++ {
			d := math.Hypot(float64(x-cx)+0.5, float64(y-cy)+0.5)
			// Coverage of a pixel by a shape edge at distance e from its
			// centre: a one-pixel linear ramp, enough for smooth edges.
			cover := math.Max(clamp(stroke/2-math.Abs(d-ring)+0.5), clamp(dot-d+0.5))
			if cover > 0 {
				blend(img, x, y, accent, cover)
			}
		}
	}
}

func clamp(v float64) float64 { return math.Min(1, math.Max(0, v)) }

// blend paints c over the pixel at (x, y) with the given coverage.
func blend(img *image.RGBA, x, y int, c color.RGBA, cover float64) {
	old := img.RGBAAt(x, y)
	mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a)*(1-cover) + float64(b)*cover)) }
	img.SetRGBA(x, y, color.RGBA{mix(old.R, c.R), mix(old.G, c.G), mix(old.B, c.B), 0xff})
}
