// Command gen draws Parallax's application icon: two offset, overlapping
// document panes, the left one cool and the right one warm, with lines of
// text in each and the overlap blended — two views of one event.
//
// Run it with `go generate ./resources/...`; it writes parallax.png.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

// pane is a rounded rectangle with its fill colour and text lines.
type pane struct {
	x0, y0, x1, y1, r float64
	fill, lines       color.NRGBA
}

func (p pane) inside(x, y float64) bool {
	if x < p.x0 || x > p.x1 || y < p.y0 || y > p.y1 {
		return false
	}
	cx := math.Min(math.Max(x, p.x0+p.r), p.x1-p.r)
	cy := math.Min(math.Max(y, p.y0+p.r), p.y1-p.r)
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy <= p.r*p.r
}

// onLine reports whether (x,y) lies on one of the pane's text lines.
func (p pane) onLine(x, y float64) bool {
	pad := 44.0
	top := p.y0 + 70
	for i := 0; i < 6; i++ {
		ly := top + float64(i)*38
		w := p.x1 - p.x0 - 2*pad
		if i%3 == 2 {
			w *= 0.6
		}
		if y >= ly && y <= ly+14 && x >= p.x0+pad && x <= p.x0+pad+w {
			return true
		}
	}
	return false
}

func over(dst, src color.NRGBA) color.NRGBA {
	a := float64(src.A) / 255
	mix := func(d, s uint8) uint8 { return uint8(float64(s)*a + float64(d)*(1-a) + 0.5) }
	outA := a + float64(dst.A)/255*(1-a)
	return color.NRGBA{mix(dst.R, src.R), mix(dst.G, src.G), mix(dst.B, src.B), uint8(math.Min(255, outA*255+0.5))}
}

// sample returns the colour of the icon at the point (x,y).
func sample(x, y float64, panes []pane) color.NRGBA {
	c := color.NRGBA{}
	for _, p := range panes {
		if !p.inside(x, y) {
			continue
		}
		if c.A == 0 {
			c = p.fill
		} else {
			c = over(c, p.fill)
		}
		if p.onLine(x, y) {
			c = over(c, p.lines)
		}
	}
	return c
}

func draw(size int) *image.NRGBA {
	s := float64(size) / 512
	panes := []pane{
		{56 * s, 72 * s, 328 * s, 420 * s, 36 * s, color.NRGBA{0x2f, 0x6f, 0xb5, 0xff}, color.NRGBA{0xff, 0xff, 0xff, 0xc0}},
		{184 * s, 112 * s, 456 * s, 460 * s, 36 * s, color.NRGBA{0xe8, 0x9a, 0x2c, 0xd8}, color.NRGBA{0xff, 0xff, 0xff, 0xb0}},
	}
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const ss = 4 // supersampling per axis
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					c := sample(float64(px)+(float64(sx)+0.5)/ss, float64(py)+(float64(sy)+0.5)/ss, panes)
					fa := float64(c.A) / 255
					r += float64(c.R) * fa
					g += float64(c.G) * fa
					b += float64(c.B) * fa
					a += fa
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{uint8(r/a + 0.5), uint8(g/a + 0.5), uint8(b/a + 0.5), uint8(a/(ss*ss)*255 + 0.5)})
		}
	}
	return img
}

func main() {
	out := flag.String("out", "parallax.png", "output PNG file")
	size := flag.Int("size", 512, "width and height in pixels")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := png.Encode(f, draw(*size)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
