package report

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"math"
	"sort"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/parallaxworkbench/parallax/internal/coverage"
)

// chart is a rendered chart: PNG bytes and its size on the page in
// millimetres.
type chart struct {
	PNG  []byte
	W, H float64 // mm
}

type chartSet struct {
	timeline *chart // nil when no document is dated
	terms    *chart // nil when there are no terms
	// termOutlets are the outlets drawn in the terms chart.
	termOutlets []string
}

const chartDPI = 150

// palette holds distinguishable colours for series (Okabe–Ito).
var palette = []color.RGBA{
	{0, 114, 178, 255}, {230, 159, 0, 255}, {0, 158, 115, 255}, {204, 121, 167, 255},
	{86, 180, 233, 255}, {213, 94, 0, 255}, {240, 228, 66, 255}, {0, 0, 0, 255},
}

func makeCharts(ctx context.Context, r *Report) (*chartSet, error) {
	cs := &chartSet{}
	if r.Has(SectionTimeline) && r.FirstDate != "" {
		c, err := timelineChart(r.Timeline, r.Documents)
		if err != nil {
			return nil, fmt.Errorf("timeline chart: %w", err)
		}
		cs.timeline = c
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if r.Has(SectionTerms) && len(r.Categories) > 0 && len(r.Terms) > 0 {
		c, outlets, err := termsChart(r.Terms, r.Categories)
		if err != nil {
			return nil, fmt.Errorf("terms chart: %w", err)
		}
		cs.terms, cs.termOutlets = c, outlets
	}
	return cs, ctx.Err()
}

func renderPNG(p *plot.Plot, wmm, hmm float64) (*chart, error) {
	w, h := vg.Length(wmm)*vg.Millimeter, vg.Length(hmm)*vg.Millimeter
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(chartDPI))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, err
	}
	return &chart{PNG: buf.Bytes(), W: wmm, H: hmm}, nil
}

// sans is the font of the charts' own labels (dates, numbers, categories):
// Liberation Sans. Outlet names go through laneNames, in the report's fonts.
func sans(size float64) font.Font {
	return font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(size)}
}

func styleAxes(p *plot.Plot) {
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Label.Font = sans(7)
		a.Label.TextStyle.Font = sans(8)
		a.Color = color.Gray{Y: 90}
		a.Tick.Color = color.Gray{Y: 90}
	}
	p.Legend.TextStyle.Font = sans(7)
	p.Title.TextStyle.Font = sans(9)
}

// niceTicks labels round values (1, 2 or 5 times a power of ten) with about
// five major ticks.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if hi <= lo {
		return []plot.Tick{{Value: lo, Label: fmt.Sprintf("%g", lo)}}
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: fmt.Sprintf("%g", math.Round(v*1000)/1000)})
	}
	return ticks
}

// The timeline chart draws at most maxLanes lanes, and labels the points
// when there are at most maxLabels of them.
const (
	maxLanes  = 16
	maxLabels = 40
)

// timelineChart draws each dated document as a point in its outlet's lane.
func timelineChart(tl coverage.Timeline, docs []DocRow) (*chart, error) {
	label := map[string]string{}
	for _, d := range docs {
		label[d.Path] = d.Label()
	}
	p := plot.New()
	styleAxes(p)
	p.X.Label.Text = "date"
	lanes := tl.Lanes
	dated := 0
	for _, l := range lanes {
		dated += len(l.Docs)
	}
	if len(lanes) > maxLanes {
		// The outlets with most documents get a lane each; the others
		// share the last one.
		idx := make([]int, len(lanes))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return len(lanes[idx[a]].Docs) > len(lanes[idx[b]].Docs) })
		keep := append([]int(nil), idx[:maxLanes-1]...)
		sort.Ints(keep)
		var kept []coverage.Lane
		for _, i := range keep {
			kept = append(kept, lanes[i])
		}
		other := coverage.Lane{Outlet: fmt.Sprintf("%d other outlets", len(lanes)-len(keep))}
		for _, i := range idx[maxLanes-1:] {
			other.Docs = append(other.Docs, lanes[i].Docs...)
		}
		lanes = append(kept, other)
	}
	names := make([]string, len(lanes))
	lo, hi := math.Inf(1), math.Inf(-1)
	total := 0
	for i, lane := range lanes {
		names[i] = clip(outletName(lane.Outlet), 28)
		var xys plotter.XYs
		var labels []string
		for _, d := range lane.Docs {
			t, ok := coverage.ParseDate(d.Date)
			if !ok {
				continue
			}
			x := float64(t.Unix())
			lo, hi = math.Min(lo, x), math.Max(hi, x)
			// The first lane at the top.
			xys = append(xys, plotter.XY{X: x, Y: float64(len(lanes) - 1 - i)})
			labels = append(labels, label[d.Path])
		}
		total += len(xys)
		if len(xys) == 0 {
			continue
		}
		s, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, err
		}
		s.GlyphStyle.Color = palette[i%len(palette)]
		s.GlyphStyle.Radius = vg.Points(3.5)
		s.GlyphStyle.Shape = draw.CircleGlyph{}
		p.Add(s)
		if dated <= maxLabels {
			l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
			if err != nil {
				return nil, err
			}
			for j := range l.TextStyle {
				l.TextStyle[j].Font = sans(6.5)
				l.TextStyle[j].Color = color.Gray{Y: 60}
			}
			l.Offset = vg.Point{X: vg.Points(5), Y: vg.Points(3)}
			p.Add(l)
		}
	}
	if total == 0 {
		return nil, nil
	}
	span := hi - lo
	pad := math.Max(span*0.08, 86400*2)
	p.X.Min, p.X.Max = lo-pad, hi+pad
	format := "2006-01-02"
	p.X.Tick.Marker = plot.TimeTicks{Format: format, Ticker: dateTicker{}}
	p.Y.Min, p.Y.Max = -0.7, float64(len(names))-0.3
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
	}
	ln, blanks, err := newLaneNames(names, p.Y.Tick.Label)
	if err != nil {
		return nil, err
	}
	p.NominalY(blanks...)
	p.Add(ln)
	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	p.Add(grid)
	h := 22 + 9*float64(len(names))
	return renderPNG(p, 170, math.Min(h, 220))
}

// dateTicker puts a few ticks on whole days, months or years.
type dateTicker struct{}

func (dateTicker) Ticks(lov, hiv float64) []plot.Tick {
	lo, hi := time.Unix(int64(lov), 0).UTC(), time.Unix(int64(hiv), 0).UTC()
	days := hi.Sub(lo).Hours() / 24
	var step func(time.Time) time.Time
	var start time.Time
	switch {
	case days <= 14:
		start = time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC)
		n := int(math.Ceil(days / 6))
		step = func(t time.Time) time.Time { return t.AddDate(0, 0, max(n, 1)) }
	case days <= 400:
		start = time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
		n := int(math.Ceil(days / 30 / 6))
		step = func(t time.Time) time.Time { return t.AddDate(0, max(n, 1), 0) }
	default:
		start = time.Date(lo.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		months := int(math.Ceil(days / 30 / 6))
		switch {
		case months <= 3:
			months = 3
		case months <= 6:
			months = 6
		default:
			months = 12 * int(math.Ceil(float64(months)/12))
		}
		step = func(t time.Time) time.Time { return t.AddDate(0, months, 0) }
	}
	var ticks []plot.Tick
	for t := start; !t.After(hi); t = step(t) {
		if t.Before(lo) {
			continue
		}
		ticks = append(ticks, plot.Tick{Value: float64(t.Unix()), Label: t.Format("2006-01-02")})
	}
	return ticks
}

// termsChart draws the rate per 1,000 words of each category as grouped bars,
// one colour per outlet, for the outlets with the most words.
func termsChart(terms []OutletTerms, cats []string) (*chart, []string, error) {
	const maxOutlets = 6
	idx := make([]int, 0, len(terms))
	for i := range terms {
		if terms[i].Measured > 0 || terms[i].NotCovered == "" { // unmeasured outlets have no bars
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return terms[idx[a]].Words > terms[idx[b]].Words })
	if len(idx) > maxOutlets {
		idx = idx[:maxOutlets]
	}
	sort.Ints(idx)
	p := plot.New()
	styleAxes(p)
	p.Y.Label.Text = "per 1,000 words"
	p.Y.Tick.Marker = niceTicks{}
	p.Y.Min = 0
	width := vg.Points(math.Min(10, 300/float64(len(cats)*len(idx))))
	var outlets []string
	for k, i := range idx {
		ot := terms[i]
		vals := make(plotter.Values, len(cats))
		copy(vals, ot.Rates)
		b, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return nil, nil, err
		}
		b.Color = palette[k%len(palette)]
		b.LineStyle.Width = 0
		b.Offset = vg.Length(float64(k)-float64(len(idx)-1)/2) * width
		p.Add(b)
		outlets = append(outlets, ot.Outlet)
	}
	p.NominalX(cats...)
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	p.Add(grid)
	c, err := renderPNG(p, 170, 85)
	return c, outlets, err
}
