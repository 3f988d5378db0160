package report

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/internal/textshape"
	"github.com/parallaxworkbench/parallax/resources"
)

// laneNames draws the timeline's lane names left of the plot area in the
// report's fonts, shaped and ordered like the PDF's text: the chart
// library's own labels have one font per axis and no shaping, so Arabic and
// Persian outlet names came out blank. The axis keeps blank labels of the
// same width to make room.
type laneNames struct {
	lines [][]textshape.Piece // in the axis's order: line i at y = i
	faces [2]font.Face
}

const laneNameSize = 7.0

// newLaneNames lays out names (in the axis's order) and the blank tick labels
// that reserve their width on an axis whose tick labels use tick.
func newLaneNames(names []string, tick draw.TextStyle) (*laneNames, []string, error) {
	sh, err := textshape.New()
	if err != nil {
		return nil, nil, err
	}
	l := &laneNames{}
	for _, fam := range []textshape.Family{textshape.Latin, textshape.Arabic} {
		file, _ := fam.Files()
		data, err := resources.Fonts.ReadFile(file)
		if err != nil {
			return nil, nil, fmt.Errorf("read font %s: %w", file, err)
		}
		otf, err := opentype.Parse(data)
		if err != nil {
			return nil, nil, fmt.Errorf("parse font %s: %w", file, err)
		}
		l.faces[fam] = font.Face{Font: font.Font{Typeface: font.Typeface(familyName(fam)), Size: vg.Points(laneNameSize)}, Face: otf}
	}
	space := tick.Width(" ")
	blanks := make([]string, len(names))
	for i, n := range names {
		clean := sh.Clean(strings.ReplaceAll(n, "\n", " "))
		ps := sh.Line(clean, textdir.IsRTL(clean))
		l.lines = append(l.lines, ps)
		blanks[i] = strings.Repeat(" ", int(math.Ceil(float64(l.width(ps)/space))))
	}
	return l, blanks, nil
}

func (l *laneNames) width(ps []textshape.Piece) vg.Length {
	var w vg.Length
	for _, pc := range ps {
		w += l.faces[pc.Family].Width(pc.Draw)
	}
	return w
}

// Plot draws each name right-aligned where the axis's tick labels end.
func (l *laneNames) Plot(c draw.Canvas, plt *plot.Plot) {
	_, trY := plt.Transforms(&c)
	gap := plt.Y.Padding + plt.Y.Label.TextStyle.Width(" ")
	c.SetColor(color.Gray{Y: 20})
	for i, ps := range l.lines {
		ext := l.faces[textshape.Latin].Extents()
		y := trY(float64(i)) - (ext.Ascent-ext.Descent)/2
		x := c.Min.X - gap - l.width(ps)
		for _, pc := range ps {
			f := l.faces[pc.Family]
			if strings.TrimSpace(pc.Draw) != "" {
				c.FillString(f, vg.Point{X: x, Y: y}, pc.Draw)
			}
			x += f.Width(pc.Draw)
		}
	}
}
