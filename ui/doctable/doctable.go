// Package doctable is the project's document list: a sortable, filterable
// table of title, outlet, date, stance, words and format, where the analyst
// marks two to four documents to compare or opens one.
//
// Mouse: click a row to make it current, click its check box (or
// Ctrl-click the row) to mark it, double-click to open it. Keyboard: arrows,
// Page Up/Down, Home/End move; Space marks; Enter compares the marked
// documents, or opens the current one when fewer than two are marked.
package doctable

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/ui/uikit"
)

// Column identifies a column of the table.
type Column int

// The columns, left to right.
const (
	ColMark Column = iota
	ColTitle
	ColOutlet
	ColDate
	ColStance
	ColWords
	ColFormat
	numCols
)

var colNames = [numCols]string{"", "Title", "Outlet", "Date", "Stance", "Words", "Format"}
var colWidths = [numCols]float32{34, 0, 130, 96, 80, 64, 56}

// dropOrder lists the columns hidden first when the list is narrow.
var dropOrder = []Column{ColFormat, ColStance, ColWords, ColDate, ColOutlet}

// MaxCompare is the most documents compared at once.
const MaxCompare = 4

// doubleClick is the longest gap between the clicks of a double-click.
const doubleClick = 450 * time.Millisecond

// Table is the document list. Create it with New.
type Table struct {
	// OnOpen is called with one document to read it, or two to four to
	// compare them.
	OnOpen func(docs []*document.Document)
	// OnCurrent is called when the current row changes.
	OnCurrent func(*document.Document)
	// OnViewChanged is called after the filter or the sort changed.
	OnViewChanged func()

	docs    []*document.Document
	rows    []*document.Document
	words   map[*document.Document]int
	keys    map[*document.Document]string
	marked  map[*document.Document]bool
	order   []*document.Document // marking order
	current *document.Document
	stance  func(*document.Document) string

	sortCol   Column
	sortDesc  bool
	sorted    []*document.Document // every document in sort order
	sortDirty bool
	visible   []Column   // the columns shown, left to right
	fill      *fillTitle // lays the columns out; knows the title's width
	fit       uikit.Fitter
	filter    string

	lastTapRow  int
	lastTapTime time.Time
	now         func() time.Time // the clock, replaced in tests
	mods        fyne.KeyModifier

	table      *docTable
	filterBox  *widget.Entry
	compareBtn *widget.Button
	status     *widget.Label
	root       fyne.CanvasObject
}

// New returns an empty table.
func New() *Table {
	t := &Table{sortCol: ColTitle, lastTapRow: -1, now: time.Now, marked: map[*document.Document]bool{},
		words: map[*document.Document]int{}, keys: map[*document.Document]string{}}
	t.table = &docTable{owner: t}
	t.visible = allColumns()
	t.table.Length = func() (int, int) { return len(t.rows), len(t.visible) }
	t.table.CreateCell = newCell
	t.table.UpdateCell = t.updateCell
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = t.tapped
	t.table.ExtendBaseWidget(t.table)
	for c, w := range colWidths {
		if w == 0 {
			w = 260 // the title; fillTitle widens it to the space left
		}
		t.table.SetColumnWidth(c, w)
	}

	t.filterBox = widget.NewEntry()
	t.filterBox.SetPlaceHolder("Filter by title, outlet, date, file…")
	t.filterBox.OnChanged = t.SetFilter
	t.filterBox.OnSubmitted = func(string) { t.activate() }
	t.compareBtn = widget.NewButtonWithIcon("Compare", theme.ViewRestoreIcon(), t.compareMarked)
	t.compareBtn.Importance = widget.HighImportance
	t.compareBtn.Disable()
	t.status = widget.NewLabel("")
	t.status.Importance = widget.LowImportance
	t.status.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, t.filterBox)
	bottom := container.NewBorder(nil, nil, nil, t.compareBtn, t.status)
	t.fill = &fillTitle{table: t.table}
	t.fill.ExtendBaseWidget(t.fill)
	t.root = container.NewBorder(top, bottom, nil, nil, t.fill)
	t.updateStatus()
	return t
}

// Object returns the table's widget tree.
func (t *Table) Object() fyne.CanvasObject { return t.root }

// FilterBox returns the filter field, for focusing it from a shortcut.
func (t *Table) FilterBox() *widget.Entry { return t.filterBox }

// Focus gives the keyboard focus to the table.
func (t *Table) Focus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(t.table); c != nil {
		c.Focus(t.table)
	}
}

// SetDocs replaces the documents; stance (may be nil) gives each one's
// stance label.
func (t *Table) SetDocs(docs []*document.Document, stance func(*document.Document) string) {
	t.docs = docs
	t.stance = stance
	t.words = make(map[*document.Document]int, len(docs))
	t.keys = make(map[*document.Document]string, len(docs))
	t.marked = map[*document.Document]bool{}
	t.order = nil
	t.current = nil
	t.sortDirty = true
	t.rebuild()
}

// Index is what the list computes about its documents before showing
// them: the folded filter key of each and their order by title. NewIndex
// builds it on any goroutine, so that a large project's list is prepared
// off the main goroutine; SetIndexed shows it.
type Index struct {
	docs    []*document.Document
	stance  func(*document.Document) string
	keys    map[*document.Document]string
	byTitle []*document.Document
}

// NewIndex prepares docs for SetIndexed; stance (may be nil) gives each
// one's stance label. It touches no widget.
func NewIndex(docs []*document.Document, stance func(*document.Document) string) *Index {
	ix := &Index{docs: docs, stance: stance, keys: make(map[*document.Document]string, len(docs))}
	for _, d := range docs {
		ix.keys[d] = filterKey(d, stance)
	}
	ix.byTitle = sortDocs(docs, fieldLess(docs, (*document.Document).Name), false)
	return ix
}

// SetIndexed replaces the documents with those of ix, as SetDocs does
// but without computing what ix holds. The table keeps ix: use it once.
func (t *Table) SetIndexed(ix *Index) {
	t.docs = ix.docs
	t.stance = ix.stance
	t.words = make(map[*document.Document]int, len(ix.docs))
	t.keys = ix.keys
	t.marked = map[*document.Document]bool{}
	t.order = nil
	t.current = nil
	t.sortDirty = true
	if t.sortCol == ColTitle && !t.sortDesc {
		t.sorted = append(t.sorted[:0], ix.byTitle...)
		t.sortDirty = false
	}
	t.rebuild()
}

// Refresh shows the documents' metadata and stances again after they
// changed (an analyst's edit, a sidecar changed on disk), re-sorting and
// re-filtering but keeping the marks and the current row.
func (t *Table) Refresh() {
	clear(t.keys)
	t.sortDirty = true
	t.rebuild()
}

// Replace shows docs, the same documents as before as a new snapshot (the
// ones whose metadata changed are new values), keeping the marks, the
// marking order, the current row, the filter and the sort.
func (t *Table) Replace(docs []*document.Document, stance func(*document.Document) string) {
	byPath := make(map[string]*document.Document, len(docs))
	for _, d := range docs {
		byPath[d.Path] = d
	}
	marked := make(map[*document.Document]bool, len(t.marked))
	for d, on := range t.marked {
		if nd := byPath[d.Path]; nd != nil && on {
			marked[nd] = true
		}
	}
	var order []*document.Document
	for _, d := range t.order {
		if nd := byPath[d.Path]; nd != nil {
			order = append(order, nd)
		}
	}
	words := make(map[*document.Document]int, len(t.words))
	for d, n := range t.words {
		if nd := byPath[d.Path]; nd != nil && nd.Text == d.Text && slices.Equal(nd.Boilerplate, d.Boilerplate) {
			words[nd] = n
		}
	}
	if t.current != nil {
		t.current = byPath[t.current.Path]
	}
	t.docs, t.stance, t.marked, t.order, t.words = docs, stance, marked, order, words
	t.keys = make(map[*document.Document]string, len(docs))
	t.sortDirty = true
	t.rebuild()
}

// Rows returns the documents shown, in order.
func (t *Table) Rows() []*document.Document { return append([]*document.Document(nil), t.rows...) }

// SetFilter shows only the documents whose title, outlet, date, stance,
// format or path contain every word of q (folded: case, accents and
// look-alike letters do not matter).
func (t *Table) SetFilter(q string) {
	if t.filterBox.Text != q {
		t.filterBox.SetText(q) // calls back into SetFilter
		return
	}
	if q == t.filter {
		return // nothing to redo (a restored workspace sets it again)
	}
	t.filter = q
	t.rebuild()
	if t.OnViewChanged != nil {
		t.OnViewChanged()
	}
}

// Filter returns the filter's text.
func (t *Table) Filter() string { return t.filter }

// SortBy sorts by column c, descending when desc.
func (t *Table) SortBy(c Column, desc bool) {
	if c == t.sortCol && desc == t.sortDesc && !t.sortDirty && c != ColMark && len(t.sorted) == len(t.docs) {
		// Already in that order (a restored workspace asks again): sorting
		// 10,000 documents anew would cost the main goroutine tens of ms.
		return
	}
	t.sortCol, t.sortDesc = c, desc
	t.sortDirty = true
	t.rebuild()
	if t.OnViewChanged != nil {
		t.OnViewChanged()
	}
}

// ColumnName returns the name of column c as saved in workspaces
// ("title", "outlet", "date", "stance", "words", "format"), or "".
func ColumnName(c Column) string {
	if c <= ColMark || c >= numCols {
		return ""
	}
	return strings.ToLower(colNames[c])
}

// ColumnNamed returns the column of a name from ColumnName.
func ColumnNamed(name string) (Column, bool) {
	for c := ColTitle; c < numCols; c++ {
		if strings.EqualFold(colNames[c], name) {
			return c, true
		}
	}
	return 0, false
}

// Sort returns the sort column and direction.
func (t *Table) Sort() (Column, bool) { return t.sortCol, t.sortDesc }

// Current returns the current document, or nil.
func (t *Table) Current() *document.Document { return t.current }

// Marked returns the marked documents in the order they were marked.
func (t *Table) Marked() []*document.Document { return append([]*document.Document(nil), t.order...) }

// SetMarked marks or unmarks d.
func (t *Table) SetMarked(d *document.Document, on bool) {
	if t.marked[d] == on {
		return
	}
	if on {
		t.marked[d] = true
		t.order = append(t.order, d)
	} else {
		delete(t.marked, d)
		for i, o := range t.order {
			if o == d {
				t.order = append(t.order[:i], t.order[i+1:]...)
				break
			}
		}
	}
	t.updateStatus()
	t.table.Refresh()
}

// SetCurrent makes d the current row and scrolls to it.
func (t *Table) SetCurrent(d *document.Document) {
	if d == t.current {
		return
	}
	t.current = d
	if i := t.rowOf(d); i >= 0 {
		t.table.ScrollTo(widget.TableCellID{Row: i, Col: int(ColTitle)})
	}
	t.table.Refresh()
	if t.OnCurrent != nil {
		t.OnCurrent(d)
	}
}

// Compare opens the marked documents side by side when two to four are
// marked, and reports whether it did.
func (t *Table) Compare() bool {
	n := len(t.order)
	if n < 2 || n > MaxCompare || t.OnOpen == nil {
		return false
	}
	t.OnOpen(t.Marked())
	return true
}

func (t *Table) compareMarked() { t.Compare() }

// activate is Enter and double-click: compare the marked documents, or
// open the current one.
func (t *Table) activate() {
	if t.Compare() {
		return
	}
	if t.current != nil && t.OnOpen != nil {
		t.OnOpen([]*document.Document{t.current})
	}
}

func (t *Table) rowOf(d *document.Document) int {
	for i, r := range t.rows {
		if r == d {
			return i
		}
	}
	return -1
}

func (t *Table) searchKey(d *document.Document) string {
	k, ok := t.keys[d]
	if !ok {
		k = filterKey(d, t.stance)
		t.keys[d] = k
	}
	return k
}

// filterKey is the folded text the filter searches in.
func filterKey(d *document.Document, stance func(*document.Document) string) string {
	st := ""
	if stance != nil {
		st = stance(d)
	}
	return textnorm.String(strings.Join([]string{d.Name(), d.Meta.Outlet.Value, d.Meta.Date.Value,
		d.Meta.Author.Value, string(d.Format), d.Path, st}, "\x00"))
}

func (t *Table) wordCount(d *document.Document) int {
	n, ok := t.words[d]
	if !ok {
		n = d.BodyWords()
		t.words[d] = n
	}
	return n
}

func (t *Table) stanceOf(d *document.Document) string {
	if t.stance == nil {
		return ""
	}
	return t.stance(d)
}

// rebuild filters the sorted documents into rows. Sorting happens only
// when the order changed, so typing in the filter box stays cheap on large
// projects: a filtered run of a sorted list is still sorted.
func (t *Table) rebuild() {
	if t.sortDirty || len(t.sorted) != len(t.docs) {
		t.sorted = sortDocs(t.docs, t.lessFunc(), t.sortDesc)
		t.sortDirty = false
	}
	words := strings.Fields(textnorm.String(t.filter))
	t.rows = t.rows[:0]
	for _, d := range t.sorted {
		k := t.searchKey(d)
		ok := true
		for _, w := range words {
			if !strings.Contains(k, w) {
				ok = false
				break
			}
		}
		if ok {
			t.rows = append(t.rows, d)
		}
	}
	t.updateStatus()
	t.table.Refresh()
}

// lessFunc orders two documents by the sort column; text compares folded
// (case, accents and look-alike letters aside) and empty values sort last
// in ascending order.
func (t *Table) lessFunc() func(a, b *document.Document) bool {
	var field func(*document.Document) string
	switch t.sortCol {
	case ColWords:
		return func(a, b *document.Document) bool { return t.wordCount(a) < t.wordCount(b) }
	case ColMark:
		return func(a, b *document.Document) bool { return t.marked[a] && !t.marked[b] }
	case ColOutlet:
		field = func(d *document.Document) string { return d.Meta.Outlet.Value }
	case ColDate:
		field = func(d *document.Document) string { return d.Meta.Date.Value }
	case ColStance:
		field = t.stanceOf
	case ColFormat:
		field = func(d *document.Document) string { return string(d.Format) }
	default:
		field = func(d *document.Document) string { return d.Name() }
	}
	return fieldLess(t.docs, field)
}

// fieldLess orders documents by a text field compared folded, empty
// values last.
func fieldLess(docs []*document.Document, field func(*document.Document) string) func(a, b *document.Document) bool {
	keys := make(map[*document.Document]string, len(docs))
	for _, d := range docs {
		keys[d] = textnorm.String(field(d))
	}
	return func(a, b *document.Document) bool {
		x, y := keys[a], keys[b]
		if (x == "") != (y == "") {
			return y == ""
		}
		return x < y
	}
}

// sortDocs returns docs sorted by less (reversed when desc), ties broken
// by path.
func sortDocs(docs []*document.Document, less func(a, b *document.Document) bool, desc bool) []*document.Document {
	out := slices.Clone(docs)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if desc {
			a, b = b, a
		}
		if less(a, b) {
			return true
		}
		if less(b, a) {
			return false
		}
		return out[i].Path < out[j].Path
	})
	return out
}

func (t *Table) updateStatus() {
	n := len(t.order)
	switch {
	case n >= 2 && n <= MaxCompare:
		t.compareBtn.SetText(fmt.Sprintf("Compare %d", n))
		t.compareBtn.Enable()
	default:
		t.compareBtn.SetText("Compare")
		t.compareBtn.Disable()
	}
	s := fmt.Sprintf("%d documents", len(t.docs))
	if len(t.rows) != len(t.docs) {
		s = fmt.Sprintf("%d of %d documents", len(t.rows), len(t.docs))
	}
	switch {
	case len(t.docs) == 0:
		s = "No documents"
	case n > MaxCompare:
		s += fmt.Sprintf(" · %d marked (at most %d)", n, MaxCompare)
	case n == 1:
		s += " · 1 marked — mark one more"
	case n > 1:
		s += fmt.Sprintf(" · %d marked", n)
	default:
		s += " · mark 2–4 to compare"
	}
	t.status.SetText(s)
}

// CellText returns the text shown in a cell, for tests and copying.
func (t *Table) CellText(row int, c Column) string {
	if row < 0 || row >= len(t.rows) {
		return ""
	}
	d := t.rows[row]
	switch c {
	case ColMark:
		if t.marked[d] {
			return "✓"
		}
		return ""
	case ColTitle:
		return d.Name()
	case ColOutlet:
		return d.Meta.Outlet.Value
	case ColDate:
		if v := d.Meta.Date.Value; len(v) > 10 {
			return v[:10] // the day; the pane header shows the time
		}
		return d.Meta.Date.Value
	case ColStance:
		return t.stanceOf(d)
	case ColWords:
		return strconv.Itoa(t.wordCount(d))
	case ColFormat:
		if garbled(d) {
			return string(d.Format) + " !" // text looks garbled: see Problems
		}
		return string(d.Format)
	}
	return ""
}

// garbled reports whether the document's text looks garbled (it is listed
// in the Problems panel with the reason).
func garbled(d *document.Document) bool {
	for _, w := range d.Warnings {
		if document.IsGarbledWarning(w) {
			return true
		}
	}
	return false
}

// Tap handles a click on a cell as the mouse would, with the modifier keys
// held; tests use it.
func (t *Table) Tap(row int, c Column, mods fyne.KeyModifier) {
	t.mods = mods
	t.tapped(widget.TableCellID{Row: row, Col: int(c)})
}

// tapped handles a click on a cell (through the table's OnSelected).
func (t *Table) tapped(id widget.TableCellID) {
	t.table.UnselectAll() // so that a second click on the same cell is seen
	if id.Row < 0 || id.Row >= len(t.rows) {
		return
	}
	d := t.rows[id.Row]
	now := t.now()
	double := id.Row == t.lastTapRow && now.Sub(t.lastTapTime) < doubleClick
	t.lastTapRow, t.lastTapTime = id.Row, now
	mods := t.mods
	t.mods = 0
	switch {
	case t.column(id.Col) == ColMark || mods&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0:
		t.SetMarked(d, !t.marked[d])
		t.SetCurrent(d)
		t.lastTapRow = -1
	case mods&fyne.KeyModifierShift != 0 && t.current != nil:
		a, b := t.rowOf(t.current), id.Row
		if a > b {
			a, b = b, a
		}
		for i := max(a, 0); i <= b; i++ {
			t.SetMarked(t.rows[i], true)
		}
		t.SetCurrent(d)
	case double:
		t.SetCurrent(d)
		t.lastTapRow = -1
		if t.OnOpen != nil {
			t.OnOpen([]*document.Document{d})
		}
	default:
		t.SetCurrent(d)
	}
	t.Focus()
}

// key handles keyboard navigation; it reports whether it used the key.
func (t *Table) key(k fyne.KeyName) bool {
	if len(t.rows) == 0 {
		return false
	}
	i := t.rowOf(t.current)
	page := 10
	switch k {
	case fyne.KeyDown:
		i++
	case fyne.KeyUp:
		i--
	case fyne.KeyPageDown:
		i += page
	case fyne.KeyPageUp:
		i -= page
	case fyne.KeyHome:
		i = 0
	case fyne.KeyEnd:
		i = len(t.rows) - 1
	case fyne.KeySpace:
		if t.current != nil {
			t.SetMarked(t.current, !t.marked[t.current])
		}
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		t.activate()
		return true
	default:
		return false
	}
	i = max(0, min(i, len(t.rows)-1))
	t.SetCurrent(t.rows[i])
	return true
}

// TypeKey handles a key as if typed into the focused table; tests use it.
func (t *Table) TypeKey(k fyne.KeyName) { t.key(k) }

// VisibleColumns returns the columns shown, left to right; a narrow list
// drops Format, Stance and Words.
func (t *Table) VisibleColumns() []Column { return append([]Column(nil), t.visible...) }

func allColumns() []Column {
	out := make([]Column, numCols)
	for i := range out {
		out[i] = Column(i)
	}
	return out
}

// visibleCell returns the cell of the first row in column c.
func (t *Table) visibleCell(c Column) widget.TableCellID {
	for i, v := range t.visible {
		if v == c {
			return widget.TableCellID{Row: 0, Col: i}
		}
	}
	return widget.TableCellID{Row: 0, Col: -1}
}

func (t *Table) column(col int) Column {
	if col < 0 || col >= len(t.visible) {
		return ColTitle
	}
	return t.visible[col]
}

func (t *Table) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	c := t.column(id.Col)
	b.SetText(colNames[c])
	b.SetIcon(nil)
	if c == t.sortCol && c != ColMark {
		if t.sortDesc {
			b.SetIcon(theme.MenuDropDownIcon())
		} else {
			b.SetIcon(theme.MenuDropUpIcon())
		}
	}
	b.OnTapped = func() {
		if t.sortCol == c {
			t.SortBy(c, !t.sortDesc)
		} else {
			t.SortBy(c, c == ColWords)
		}
	}
}

func newCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(nil)
	icon := widget.NewIcon(nil)
	label := widget.NewLabel("") // cut to its column by updateCell
	return container.NewStack(bg, container.NewCenter(icon), label)
}

// scriptCell returns the cell's line for right-to-left and Arabic-script
// text, adding it on first use.
func (t *Table) scriptCell(c *fyne.Container) *uikit.ScriptLine {
	if len(c.Objects) > 3 {
		return c.Objects[3].(*uikit.ScriptLine)
	}
	l := uikit.NewScriptLine(t.fit.Fonts(), fyne.TextStyle{})
	c.Add(l)
	return l
}

func (t *Table) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	bg := c.Objects[0].(*canvas.Rectangle)
	icon := c.Objects[1].(*fyne.Container).Objects[0].(*widget.Icon)
	label := c.Objects[2].(*widget.Label)
	if id.Row >= len(t.rows) {
		return
	}
	d := t.rows[id.Row]
	switch {
	case d == t.current:
		bg.FillColor = theme.Color(theme.ColorNameSelection)
	case t.marked[d]:
		bg.FillColor = theme.Color(theme.ColorNameHover)
	default:
		bg.FillColor = nil
	}
	bg.Refresh()
	col := t.column(id.Col)
	if col == ColMark {
		label.Hide()
		if len(c.Objects) > 3 {
			c.Objects[3].Hide()
		}
		icon.Show()
		if t.marked[d] {
			icon.SetResource(theme.CheckButtonCheckedIcon())
		} else {
			icon.SetResource(theme.CheckButtonIcon())
		}
		return
	}
	icon.Hide()
	label.Show()
	importance, align := widget.MediumImportance, fyne.TextAlignLeading
	text := t.CellText(id.Row, col)
	switch col {
	case ColWords:
		align = fyne.TextAlignTrailing
	case ColOutlet, ColDate, ColStance:
		if text == "" {
			text = "—"
			importance = widget.LowImportance
		}
	case ColFormat:
		importance = widget.LowImportance
		if garbled(d) {
			importance = widget.WarningImportance
		}
	}
	// Shaping text is the costly part of a refresh (at every keystroke in
	// the filter): the text is cut to the column by summing cached rune
	// widths, not by the label's truncation, which shapes it whole each
	// time; the date and the word count always fit. Unchanged cells are
	// skipped.
	if col != ColDate && col != ColWords {
		text = t.fit.FitEnd(text, t.width(col)-2*theme.InnerPadding(), theme.TextSize(), label.TextStyle)
	}
	// A title or outlet in Arabic script or reading right to left is drawn
	// by a script line: in reading order, with the embedded Arabic face,
	// aligned to the right; the label stays for everything else.
	if col != ColWords && t.fit.NeedsScript(text) {
		l := t.scriptCell(c)
		color := theme.ColorNameForeground
		if importance == widget.LowImportance {
			color = theme.ColorNamePlaceHolder
		}
		l.SetColor(color)
		l.SetText(text)
		l.Show()
		label.Hide()
		return
	}
	if len(c.Objects) > 3 {
		c.Objects[3].Hide()
	}
	if label.Text == text && label.Importance == importance && label.Alignment == align {
		return
	}
	label.Importance, label.Alignment = importance, align
	label.SetText(text)
}

// width returns the width of column c as laid out.
func (t *Table) width(c Column) float32 {
	if c == ColTitle && t.fill.title > 0 {
		return t.fill.title
	}
	return colWidths[c]
}

// docTable is a widget.Table with the list's own clicks and keys.
type docTable struct {
	widget.Table
	owner *Table
}

var _ desktop.Mouseable = (*docTable)(nil)

func (d *docTable) MouseDown(e *desktop.MouseEvent) {
	d.owner.mods = e.Modifier
	d.Table.MouseDown(e)
}

func (d *docTable) TypedKey(e *fyne.KeyEvent) {
	if !d.owner.key(e.Name) {
		d.Table.TypedKey(e)
	}
}

// fillTitle lays the table out so that the title column takes the width
// the other columns leave.
type fillTitle struct {
	widget.BaseWidget
	table *docTable
	title float32
}

func (f *fillTitle) CreateRenderer() fyne.WidgetRenderer {
	return &fillRenderer{f: f}
}

type fillRenderer struct{ f *fillTitle }

func (r *fillRenderer) Destroy()                     {}
func (r *fillRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.f.table} }
func (r *fillRenderer) MinSize() fyne.Size           { return fyne.NewSize(220, 120) }
func (r *fillRenderer) Refresh()                     { r.f.table.Refresh() }
func (r *fillRenderer) Layout(s fyne.Size) {
	const minTitle = 140
	t := r.f.table.owner
	shown := map[Column]bool{}
	for _, c := range allColumns() {
		shown[c] = true
	}
	others := func() (sum float32) {
		for c, w := range colWidths {
			if Column(c) != ColTitle && shown[Column(c)] {
				sum += w + theme.Padding()
			}
		}
		return sum + theme.Padding()*4
	}
	// Drop the least important columns rather than scroll sideways.
	for _, c := range dropOrder {
		if s.Width-others() >= minTitle {
			break
		}
		shown[c] = false
	}
	var visible []Column
	for _, c := range allColumns() {
		if shown[c] {
			visible = append(visible, c)
		}
	}
	title := max(s.Width-others(), minTitle)
	if !slices.Equal(visible, t.visible) || title != r.f.title {
		t.visible = visible
		r.f.title = title
		for i, c := range visible {
			w := colWidths[c]
			if c == ColTitle {
				w = title
			}
			r.f.table.SetColumnWidth(i, w)
		}
		r.f.table.Refresh()
	}
	r.f.table.Resize(s)
}
