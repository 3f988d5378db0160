package coverageview

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/coverage"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/ui/uikit"
)

// The heat map's geometry.
const (
	rowLabelWidth = 180
	headerHeight  = 30
	cellWidth     = 34 // the narrowest cell with its count; cells widen to fill the width
	// compactWidth is the narrowest cell of a map of more than
	// compactFrom columns, drawn without counts for an overview.
	compactWidth = 12
	compactFrom  = 40
	maxCellWidth = 120
	cellHeight   = 22
	cellGap      = 1
	groupGap     = 6
	// maxCounts is the most cells that show their count as text.
	maxCounts = 2000
)

// Column is one document of the heat map.
type Column struct {
	Doc    *document.Document
	Outlet string // "" when unknown
	// Index is the document's column in the coverage matrix.
	Index int
	x     float32
}

// HeatMap draws the entity × document matrix: a row per entity, a column
// per document grouped by outlet, each cell shaded by its number of
// mentions. Hovering a cell tells its count through OnHover; tapping it
// calls OnTap.
type HeatMap struct {
	widget.BaseWidget

	// OnHover is called with a description of the cell under the pointer,
	// or "" when it leaves the cells.
	OnHover func(string)
	// OnTap is called with the entity and the document of a tapped cell.
	OnTap func(row coverage.Row, doc *document.Document)

	rows  []coverage.Row
	cols  []Column
	max   int
	width float32 // the narrowest width that fits every cell
	cellW float32 // the cells' width at the current size
	hover struct{ r, c int }
	rend  *heatRenderer
}

// NewHeatMap returns an empty heat map.
func NewHeatMap() *HeatMap {
	h := &HeatMap{}
	h.hover.r, h.hover.c = -1, -1
	h.ExtendBaseWidget(h)
	return h
}

// Set shows rows (entities, with counts indexed by the columns' Index) over
// the columns, which it orders by outlet (unknown last), then date, then
// path.
func (h *HeatMap) Set(rows []coverage.Row, cols []Column) {
	h.rows = rows
	h.cols = append([]Column(nil), cols...)
	sort.SliceStable(h.cols, func(i, j int) bool {
		a, b := h.cols[i], h.cols[j]
		if (a.Outlet == "") != (b.Outlet == "") {
			return b.Outlet == ""
		}
		if a.Outlet != b.Outlet {
			return a.Outlet < b.Outlet
		}
		if a.Doc.Meta.Date.Value != b.Doc.Meta.Date.Value {
			return a.Doc.Meta.Date.Value < b.Doc.Meta.Date.Value
		}
		return a.Doc.Path < b.Doc.Path
	})
	h.placeColumns(h.minCell())
	h.width = rowLabelWidth
	if n := len(h.cols); n > 0 {
		h.width = h.cols[n-1].x + h.minCell()
	}
	h.placeColumns(h.fitCellWidth(h.Size().Width))
	h.max = 0
	for _, r := range rows {
		for _, c := range h.cols {
			if c.Index < len(r.Counts) {
				h.max = max(h.max, r.Counts[c.Index])
			}
		}
	}
	h.hover.r, h.hover.c = -1, -1
	h.Refresh()
}

// placeColumns sets the columns' positions for cells w wide.
func (h *HeatMap) placeColumns(w float32) {
	h.cellW = w
	x := float32(rowLabelWidth)
	for i := range h.cols {
		if i > 0 && h.cols[i].Outlet != h.cols[i-1].Outlet {
			x += groupGap
		}
		h.cols[i].x = x
		x += w
	}
}

// fitCellWidth returns the cell width that fills width, within bounds.
func (h *HeatMap) fitCellWidth(width float32) float32 {
	if len(h.cols) == 0 || width <= 0 {
		return h.minCell()
	}
	gaps := h.width - rowLabelWidth - float32(len(h.cols))*h.minCell()
	w := (width - theme.Padding() - rowLabelWidth - gaps) / float32(len(h.cols))
	return min(max(w, h.minCell()), maxCellWidth)
}

// minCell is the narrowest cell for the number of columns.
func (h *HeatMap) minCell() float32 {
	if len(h.cols) > compactFrom {
		return compactWidth
	}
	return cellWidth
}

// Resize widens the cells to the new width.
func (h *HeatMap) Resize(s fyne.Size) {
	if w := h.fitCellWidth(s.Width); w != h.cellW {
		h.placeColumns(w)
		h.BaseWidget.Resize(s)
		h.Refresh()
		return
	}
	h.BaseWidget.Resize(s)
}

// Columns returns the columns in the order drawn.
func (h *HeatMap) Columns() []Column { return append([]Column(nil), h.cols...) }

// Rows returns the entities drawn, top to bottom.
func (h *HeatMap) Rows() []coverage.Row { return append([]coverage.Row(nil), h.rows...) }

// CellPosition returns the centre of cell (r, c), for tests and tools.
func (h *HeatMap) CellPosition(r, c int) fyne.Position {
	return fyne.NewPos(h.cols[c].x+h.cellW/2, headerHeight+float32(r)*cellHeight+cellHeight/2)
}

// count returns the mentions of row r in column c.
func (h *HeatMap) count(r, c int) int {
	idx := h.cols[c].Index
	if idx < len(h.rows[r].Counts) {
		return h.rows[r].Counts[idx]
	}
	return 0
}

// cellAt returns the cell under p, or -1, -1.
func (h *HeatMap) cellAt(p fyne.Position) (int, int) {
	if p.Y < headerHeight || p.X < rowLabelWidth {
		return -1, -1
	}
	r := int((p.Y - headerHeight) / cellHeight)
	if r >= len(h.rows) {
		return -1, -1
	}
	for c, col := range h.cols {
		if p.X >= col.x && p.X < col.x+h.cellW {
			return r, c
		}
	}
	return -1, -1
}

// Describe tells what cell (r, c) stands for.
func (h *HeatMap) Describe(r, c int) string {
	col := h.cols[c]
	outlet := col.Outlet
	if outlet == "" {
		outlet = "unknown outlet"
	}
	n := h.count(r, c)
	what := "no mentions"
	switch {
	case n == 1:
		what = "1 mention"
	case n > 1:
		what = fmt.Sprintf("%d mentions", n)
	}
	date := ""
	if d := col.Doc.Meta.Date.Value; d != "" {
		date = ", " + d
	}
	return fmt.Sprintf("%s in “%s” (%s%s): %s", h.rows[r].Name, col.Doc.Name(), outlet, date, what)
}

// Tapped calls OnTap for the cell under the pointer.
func (h *HeatMap) Tapped(e *fyne.PointEvent) {
	r, c := h.cellAt(e.Position)
	if r < 0 || h.OnTap == nil {
		return
	}
	h.OnTap(h.rows[r], h.cols[c].Doc)
}

// MouseIn starts tracking the pointer.
func (h *HeatMap) MouseIn(e *desktop.MouseEvent) { h.MouseMoved(e) }

// MouseMoved shows the cell under the pointer.
func (h *HeatMap) MouseMoved(e *desktop.MouseEvent) {
	r, c := h.cellAt(e.Position)
	if r == h.hover.r && c == h.hover.c {
		return
	}
	h.hover.r, h.hover.c = r, c
	if h.OnHover != nil {
		if r < 0 {
			h.OnHover("")
		} else {
			h.OnHover(h.Describe(r, c))
		}
	}
	h.moveOutline()
}

// MouseOut stops showing a cell.
func (h *HeatMap) MouseOut() {
	h.hover.r, h.hover.c = -1, -1
	if h.OnHover != nil {
		h.OnHover("")
	}
	h.moveOutline()
}

// Cursor shows a pointing hand over the cells.
func (h *HeatMap) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MinSize fits every cell.
func (h *HeatMap) MinSize() fyne.Size {
	return fyne.NewSize(max(h.width, rowLabelWidth+h.minCell()), headerHeight+float32(len(h.rows))*cellHeight+theme.Padding())
}

// CreateRenderer draws the cells in one raster and the labels as text.
func (h *HeatMap) CreateRenderer() fyne.WidgetRenderer {
	r := &heatRenderer{h: h}
	r.raster = canvas.NewRaster(r.draw)
	r.outline = canvas.NewRectangle(color.Transparent)
	r.outline.StrokeWidth = 2
	h.rend = r
	r.Refresh()
	return r
}

// moveOutline shows the hovered cell without rebuilding the labels.
func (h *HeatMap) moveOutline() {
	if h.rend != nil {
		h.rend.place()
		canvas.Refresh(h.rend.outline)
	}
}

type heatRenderer struct {
	h       *HeatMap
	fit     uikit.Fitter
	raster  *canvas.Raster
	outline *canvas.Rectangle
	texts   []fyne.CanvasObject
	size    fyne.Size
}

func (r *heatRenderer) Destroy()           {}
func (r *heatRenderer) MinSize() fyne.Size { return r.h.MinSize() }
func (r *heatRenderer) Layout(s fyne.Size) { r.size = s; r.place() }
func (r *heatRenderer) Objects() []fyne.CanvasObject {
	return append([]fyne.CanvasObject{r.raster, r.outline}, r.texts...)
}

// Refresh rebuilds the labels and repaints the cells.
func (r *heatRenderer) Refresh() {
	h := r.h
	fg := theme.Color(theme.ColorNameForeground)
	dim := theme.Color(theme.ColorNamePlaceHolder)
	size := theme.CaptionTextSize()
	r.texts = r.texts[:0]
	// Row labels: entity names.
	for i, row := range h.rows {
		name := r.fit.FitEnd(row.Name, rowLabelWidth-2*theme.Padding(), theme.TextSize(), fyne.TextStyle{})
		pos := fyne.NewPos(theme.Padding(), headerHeight+float32(i)*cellHeight+(cellHeight-r.fit.Height(theme.TextSize(), fyne.TextStyle{}))/2)
		// Arabic-script and right-to-left names in reading order, with
		// the embedded Arabic face.
		if ps := uikit.ScriptPieces(&r.fit, name, pos, rowLabelWidth-2*theme.Padding(), theme.TextSize(), fyne.TextStyle{}, fg); ps != nil {
			r.texts = append(r.texts, ps...)
			continue
		}
		t := canvas.NewText(name, fg)
		t.Move(pos)
		r.texts = append(r.texts, t)
	}
	// Column groups: the outlet over its documents.
	for i := 0; i < len(h.cols); {
		j := i
		for j < len(h.cols) && h.cols[j].Outlet == h.cols[i].Outlet {
			j++
		}
		name := h.cols[i].Outlet
		if name == "" {
			name = "Unknown"
		}
		w := h.cols[j-1].x + h.cellW - h.cols[i].x
		bold := fyne.TextStyle{Bold: true}
		cut := r.fit.FitEnd(name, w, size, bold)
		pos := fyne.NewPos(h.cols[i].x, headerHeight-r.fit.Height(size, bold)-4)
		if ps := uikit.ScriptPieces(&r.fit, cut, pos, w, size, bold, dim); ps != nil {
			r.texts = append(r.texts, ps...)
		} else {
			t := canvas.NewText(cut, dim)
			t.TextSize = size
			t.TextStyle = bold
			t.Move(pos)
			r.texts = append(r.texts, t)
		}
		line := canvas.NewRectangle(dim)
		line.Move(fyne.NewPos(h.cols[i].x, headerHeight-3))
		line.Resize(fyne.NewSize(w, 1))
		r.texts = append(r.texts, line)
		i = j
	}
	// Counts in the cells, while there are not too many.
	if len(h.rows)*len(h.cols) <= maxCounts && h.cellW >= cellWidth-1 {
		for ri := range h.rows {
			for ci := range h.cols {
				n := h.count(ri, ci)
				if n == 0 {
					continue
				}
				c := fg
				if h.shade(n) > 0.55 {
					c = theme.Color(theme.ColorNameForegroundOnPrimary)
				}
				t := canvas.NewText(fmt.Sprint(n), c)
				t.TextSize = size
				ts := t.MinSize()
				t.Move(fyne.NewPos(h.cols[ci].x+(h.cellW-ts.Width)/2, headerHeight+float32(ri)*cellHeight+(cellHeight-ts.Height)/2))
				r.texts = append(r.texts, t)
			}
		}
	}
	r.place()
	r.raster.Refresh()
	canvas.Refresh(h)
}

// place sizes the raster and the hover outline.
func (r *heatRenderer) place() {
	r.raster.Move(fyne.NewPos(0, 0))
	r.raster.Resize(r.size)
	h := r.h
	if h.hover.r < 0 || h.hover.c >= len(h.cols) {
		r.outline.Hide()
		return
	}
	r.outline.StrokeColor = theme.Color(theme.ColorNameForeground)
	r.outline.Move(fyne.NewPos(h.cols[h.hover.c].x-1, headerHeight+float32(h.hover.r)*cellHeight-1))
	r.outline.Resize(fyne.NewSize(h.cellW-cellGap+2, cellHeight-cellGap+2))
	r.outline.Show()
	r.outline.Refresh()
}

// shade maps a count to 0…1: logarithmic, so that one dominant entity does
// not wash out the rest.
func (h *HeatMap) shade(n int) float64 {
	if n <= 0 || h.max <= 0 {
		return 0
	}
	return 0.18 + 0.82*math.Log1p(float64(n))/math.Log1p(float64(h.max))
}

// draw paints the cells at pixel size w × h.
// It draws premultiplied RGBA, the form the GL painter uploads as it is;
// any other it converts pixel by pixel on the main goroutine (≈ 50 ms for
// a full-width map).
func (r *heatRenderer) draw(w, hpx int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, hpx))
	h := r.h
	if r.size.Width <= 0 || len(h.rows) == 0 {
		return img
	}
	scale := float32(w) / r.size.Width
	empty := toRGBA(theme.Color(theme.ColorNameInputBackground))
	full := toRGBA(theme.Color(theme.ColorNamePrimary))
	base := toRGBA(theme.Color(theme.ColorNameBackground))
	for ri := range h.rows {
		y0 := int((headerHeight + float32(ri)*cellHeight) * scale)
		y1 := int((headerHeight + float32(ri+1)*cellHeight - cellGap) * scale)
		for ci, col := range h.cols {
			x0 := int(col.x * scale)
			x1 := int((col.x + h.cellW - cellGap) * scale)
			c := empty
			if t := h.shade(h.count(ri, ci)); t > 0 {
				c = mix(base, full, t)
			}
			for y := max(y0, 0); y < min(y1, hpx); y++ {
				off := y*img.Stride + max(x0, 0)*4
				for x := max(x0, 0); x < min(x1, w); x++ {
					img.Pix[off], img.Pix[off+1], img.Pix[off+2], img.Pix[off+3] = c.R, c.G, c.B, c.A
					off += 4
				}
			}
		}
	}
	return img
}

func toRGBA(c color.Color) color.RGBA {
	return color.RGBAModel.Convert(c).(color.RGBA)
}

// mix blends a towards b by t (0…1), both premultiplied.
func mix(a, b color.RGBA, t float64) color.RGBA {
	l := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + 0.5) }
	return color.RGBA{l(a.R, b.R), l(a.G, b.G), l(a.B, b.B), l(a.A, b.A)}
}
