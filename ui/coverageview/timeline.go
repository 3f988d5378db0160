package coverageview

import (
	"fmt"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/ui/uikit"
)

// The timeline's geometry.
const (
	laneLabelWidth = 170
	axisHeight     = 28
	laneHeight     = 34
	pointRadius    = 6
	sidePad        = 24
)

// Point is one dated document on the timeline.
type Point struct {
	Doc  *document.Document
	Time time.Time
	lane int
	// index is the point's place in its lane.
	index int
	dy    float32 // nudge of documents of the same moment
}

// Lane is one outlet's row of the timeline.
type Lane struct {
	Outlet string // "" for documents of unknown outlet
	Points []Point
}

// Timeline draws the dated documents on a time axis, one lane per outlet.
// Hovering a point describes it through OnHover; tapping it calls OnTap.
type Timeline struct {
	widget.BaseWidget

	OnHover func(string)
	OnTap   func(*document.Document)

	lanes       []Lane
	first, last time.Time
	hover       *Point
	rend        *timeRenderer
}

// NewTimeline returns an empty timeline.
func NewTimeline() *Timeline {
	t := &Timeline{}
	t.ExtendBaseWidget(t)
	return t
}

// Set shows the lanes of tl; byPath finds a document by its path.
func (t *Timeline) Set(tl coverage.Timeline, byPath func(string) *document.Document) {
	lanes, first, last := lanesOf(tl, byPath)
	t.show(lanes, first, last)
}

// show draws lanes, whose dates go from first to last.
func (t *Timeline) show(lanes []Lane, first, last time.Time) {
	t.lanes = lanes
	t.first, t.last = first, last
	t.hover = nil
	t.Refresh()
}

// lanesOf returns the lanes of tl with their points, and the first and
// last dates; byPath finds a document by its path. It touches no widget.
func lanesOf(tl coverage.Timeline, byPath func(string) *document.Document) (lanes []Lane, first, last time.Time) {
	for _, l := range tl.Lanes {
		lane := Lane{Outlet: l.Outlet}
		for _, d := range l.Docs {
			when, ok := coverage.ParseDate(d.Date)
			doc := byPath(d.Path)
			if !ok || doc == nil {
				continue
			}
			lane.Points = append(lane.Points, Point{Doc: doc, Time: when, lane: len(lanes), index: len(lane.Points)})
			if first.IsZero() || when.Before(first) {
				first = when
			}
			if when.After(last) {
				last = when
			}
		}
		if len(lane.Points) > 0 {
			lanes = append(lanes, lane)
		}
	}
	return lanes, first, last
}

// Lanes returns the lanes drawn.
func (t *Timeline) Lanes() []Lane { return t.lanes }

// span returns the times at the axis's ends: the first and last dates with
// a margin, and at least a day apart.
func (t *Timeline) span() (time.Time, time.Time) {
	a, b := t.first, t.last
	d := b.Sub(a)
	if d < 24*time.Hour {
		return a.Add(-36 * time.Hour), b.Add(36 * time.Hour)
	}
	m := d / 20
	return a.Add(-m), b.Add(m)
}

// x returns where time tm is drawn, for a timeline width w.
func (t *Timeline) x(tm time.Time, w float32) float32 {
	a, b := t.span()
	left := float32(laneLabelWidth + sidePad)
	right := max(w-sidePad, left+1)
	f := float64(tm.Sub(a)) / float64(b.Sub(a))
	return left + float32(f)*(right-left)
}

// PointPosition returns the centre of point i of lane l, for tests.
func (t *Timeline) PointPosition(l, i int) fyne.Position {
	p := t.lanes[l].Points[i]
	return fyne.NewPos(t.x(p.Time, t.Size().Width), axisHeight+float32(l)*laneHeight+laneHeight/2+p.dy)
}

// pointAt returns the point under pos, or nil.
func (t *Timeline) pointAt(pos fyne.Position) *Point {
	var best *Point
	bestD := float32(pointRadius + 3)
	for l := range t.lanes {
		for i := range t.lanes[l].Points {
			c := t.PointPosition(l, i)
			d := float32(math.Hypot(float64(c.X-pos.X), float64(c.Y-pos.Y)))
			if d <= bestD {
				best, bestD = &t.lanes[l].Points[i], d
			}
		}
	}
	return best
}

// Describe tells what a point stands for.
func Describe(p Point) string {
	outlet := p.Doc.Meta.Outlet.Value
	if outlet == "" {
		outlet = "unknown outlet"
	}
	return fmt.Sprintf("%s · %s · “%s”", p.Doc.Meta.Date.Value, outlet, p.Doc.Name())
}

// Tapped calls OnTap with the document of the point under the pointer.
func (t *Timeline) Tapped(e *fyne.PointEvent) {
	if p := t.pointAt(e.Position); p != nil && t.OnTap != nil {
		t.OnTap(p.Doc)
	}
}

// MouseIn starts tracking the pointer.
func (t *Timeline) MouseIn(e *desktop.MouseEvent) { t.MouseMoved(e) }

// MouseMoved marks the point under the pointer.
func (t *Timeline) MouseMoved(e *desktop.MouseEvent) {
	p := t.pointAt(e.Position)
	if p == t.hover {
		return
	}
	old := t.hover
	t.hover = p
	if t.OnHover != nil {
		if p == nil {
			t.OnHover("")
		} else {
			t.OnHover(Describe(*p))
		}
	}
	if t.rend != nil {
		t.rend.placeDots(old, p)
	}
}

// MouseOut stops marking a point.
func (t *Timeline) MouseOut() {
	old := t.hover
	t.hover = nil
	if t.OnHover != nil {
		t.OnHover("")
	}
	if t.rend != nil {
		t.rend.placeDots(old)
	}
}

// Cursor shows a pointing hand.
func (t *Timeline) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MinSize fits the lanes.
func (t *Timeline) MinSize() fyne.Size {
	return fyne.NewSize(laneLabelWidth+2*sidePad+140, axisHeight+float32(len(t.lanes))*laneHeight+theme.Padding())
}

// CreateRenderer draws the axis, the lanes and the points.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	r := &timeRenderer{t: t, stale: true}
	t.rend = r
	return r
}

// timeRenderer draws the timeline. It builds its objects when they are
// asked for (to be drawn) after a change, not at the change: a timeline
// in a hidden tab costs nothing when a 10k-document project arrives.
type timeRenderer struct {
	t     *Timeline
	fit   uikit.Fitter
	objs  []fyne.CanvasObject
	dots  []*canvas.Circle
	stale bool // objs do not show the current lanes and size
	// laneStart[i] is the index in dots of lane i's first point.
	laneStart []int
	size      fyne.Size
}

func (r *timeRenderer) Destroy()           {}
func (r *timeRenderer) MinSize() fyne.Size { return r.t.MinSize() }

// Objects builds the drawing first when something changed since.
func (r *timeRenderer) Objects() []fyne.CanvasObject {
	if r.stale {
		r.build()
	}
	return r.objs
}

func (r *timeRenderer) Layout(s fyne.Size) {
	if s != r.size {
		r.size = s
		r.Refresh()
	}
}

// Refresh marks the drawing out of date; it is rebuilt when drawn next.
func (r *timeRenderer) Refresh() {
	r.stale = true
	canvas.Refresh(r.t)
}

// build makes the drawing for the current lanes and size.
func (r *timeRenderer) build() {
	r.stale = false
	t := r.t
	w := r.size.Width
	fg := theme.Color(theme.ColorNameForeground)
	dim := theme.Color(theme.ColorNamePlaceHolder)
	grid := theme.Color(theme.ColorNameSeparator)
	r.objs, r.dots, r.laneStart = nil, nil, nil
	if len(t.lanes) == 0 || w <= 0 {
		return
	}
	left := float32(laneLabelWidth)
	height := axisHeight + float32(len(t.lanes))*laneHeight
	// Lanes: a faint band every other lane, the outlet's name, a base line.
	for i, l := range t.lanes {
		y := axisHeight + float32(i)*laneHeight
		if i%2 == 0 {
			band := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
			band.Move(fyne.NewPos(0, y))
			band.Resize(fyne.NewSize(w, laneHeight))
			r.objs = append(r.objs, band)
		}
		name := l.Outlet
		c := fg
		if name == "" {
			name, c = "Unknown outlet", dim
		}
		cut := r.fit.FitEnd(name, laneLabelWidth-2*theme.Padding(), theme.TextSize(), fyne.TextStyle{})
		pos := fyne.NewPos(theme.Padding(), y+(laneHeight-r.fit.Height(theme.TextSize(), fyne.TextStyle{}))/2)
		// Arabic-script and right-to-left outlets in reading order, with
		// the embedded Arabic face.
		if ps := uikit.ScriptPieces(&r.fit, cut, pos, laneLabelWidth-2*theme.Padding(), theme.TextSize(), fyne.TextStyle{}, c); ps != nil {
			r.objs = append(r.objs, ps...)
		} else {
			txt := canvas.NewText(cut, c)
			txt.Move(pos)
			r.objs = append(r.objs, txt)
		}
		base := canvas.NewLine(grid)
		base.Position1 = fyne.NewPos(left, y+laneHeight/2)
		base.Position2 = fyne.NewPos(w-sidePad/2, y+laneHeight/2)
		r.objs = append(r.objs, base)
	}
	// Axis ticks and labels.
	// Every tick gets a line; labels go on every k-th tick, k as small as
	// lets them stand apart, with the year where it changes.
	a, b := t.span()
	var shown []tick
	for _, tk := range ticks(a, b) {
		x := t.x(tk.at, w)
		if x < left+sidePad/2 || x > w-sidePad/2 {
			continue
		}
		line := canvas.NewLine(grid)
		line.Position1 = fyne.NewPos(x, axisHeight-4)
		line.Position2 = fyne.NewPos(x, height)
		r.objs = append(r.objs, line)
		shown = append(shown, tk)
	}
	for _, lbl := range r.tickLabels(shown, w) {
		lbl.Color = dim
		r.objs = append(r.objs, lbl)
	}
	// Points; documents at the same place in a lane are nudged apart.
	for li := range t.lanes {
		r.laneStart = append(r.laneStart, len(r.dots))
		seen := map[int]int{}
		for pi := range t.lanes[li].Points {
			p := &t.lanes[li].Points[pi]
			bucket := int(t.x(p.Time, w) / (pointRadius * 1.5))
			k := seen[bucket]
			seen[bucket] = k + 1
			p.dy = float32([]int{0, -7, 7, -12, 12}[k%5])
			dot := canvas.NewCircle(theme.Color(theme.ColorNamePrimary))
			dot.StrokeColor = theme.Color(theme.ColorNameBackground)
			dot.StrokeWidth = 1.5
			r.objs = append(r.objs, dot)
			r.dots = append(r.dots, dot)
			r.placeDot(dot, p)
		}
	}
}

// placeDots positions again the dots of points ps (nil ones skipped) after
// the hovered point changed.
func (r *timeRenderer) placeDots(ps ...*Point) {
	if r.stale {
		return // build places every dot
	}
	for _, p := range ps {
		if p == nil || p.lane >= len(r.laneStart) {
			continue
		}
		if i := r.laneStart[p.lane] + p.index; i < len(r.dots) {
			r.placeDot(r.dots[i], p)
			r.dots[i].Refresh()
		}
	}
}

// placeDot positions the dot of point p, larger when it is hovered.
func (r *timeRenderer) placeDot(dot *canvas.Circle, p *Point) {
	c := r.t.PointPosition(p.lane, p.index)
	rad := float32(pointRadius)
	dot.StrokeColor = theme.Color(theme.ColorNameBackground)
	if p == r.t.hover {
		rad += 2
		dot.StrokeColor = theme.Color(theme.ColorNameForeground)
	}
	dot.Move(fyne.NewPos(c.X-rad, c.Y-rad))
	dot.Resize(fyne.NewSize(2*rad, 2*rad))
}

// tickLabels places the labels of the ticks: on every k-th one, for the
// smallest k at which they do not touch.
func (r *timeRenderer) tickLabels(ts []tick, w float32) []*canvas.Text {
	for k := 1; k <= len(ts); k++ {
		var out []*canvas.Text
		lastEnd := float32(-1e9)
		year := -1
		fits := true
		for i := 0; i < len(ts); i += k {
			tk := ts[i]
			lbl := canvas.NewText(tk.label(tk.at.Year() != year), theme.Color(theme.ColorNamePlaceHolder))
			year = tk.at.Year()
			lbl.TextSize = theme.CaptionTextSize()
			ls := lbl.MinSize()
			x := r.t.x(tk.at, w)
			if x-ls.Width/2 < lastEnd+2*theme.Padding() {
				fits = false
				break
			}
			lastEnd = x + ls.Width/2
			lbl.Move(fyne.NewPos(x-ls.Width/2, (axisHeight-4-ls.Height)/2))
			out = append(out, lbl)
		}
		if fits {
			return out
		}
	}
	return nil
}

// tick is one mark of the time axis.
type tick struct {
	at   time.Time
	unit int // unitYear, unitMonth or unitDay
}

const (
	unitYear = iota
	unitMonth
	unitDay
)

// label names the tick, with its year when withYear.
func (tk tick) label(withYear bool) string {
	switch tk.unit {
	case unitYear:
		return fmt.Sprint(tk.at.Year())
	case unitMonth:
		if withYear {
			return tk.at.Format("Jan 2006")
		}
		return tk.at.Format("Jan")
	}
	if withYear {
		return tk.at.Format("2 Jan 2006")
	}
	return tk.at.Format("2 Jan")
}

// ticks returns the marks of the axis from a to b: years, quarters, months
// or days, whichever gives a handful.
func ticks(a, b time.Time) []tick {
	days := b.Sub(a).Hours() / 24
	var out []tick
	switch {
	case days > 3*365:
		step := int(math.Ceil(days / 365 / 8))
		for y := a.Year(); y <= b.Year()+1; y += step {
			out = append(out, tick{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), unitYear})
		}
	case days > 75:
		step := max(1, int(math.Ceil(days/30/8)))
		if step > 1 && step < 3 {
			step = 3
		}
		m := time.Date(a.Year(), a.Month(), 1, 0, 0, 0, 0, time.UTC)
		for ; !m.After(b); m = m.AddDate(0, step, 0) {
			out = append(out, tick{m, unitMonth})
		}
	default:
		step := max(1, int(math.Ceil(days/8)))
		d := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
		for ; !d.After(b); d = d.AddDate(0, 0, step) {
			out = append(out, tick{d, unitDay})
		}
	}
	return out
}
