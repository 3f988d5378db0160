package doctable

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/ui/uikit"
)

func doc(path, title, outlet, date string, words int, format document.Format) *document.Document {
	d := &document.Document{Path: path, Format: format, Text: strings.TrimSpace(strings.Repeat("word ", words))}
	d.Meta.Title.Value = title
	d.Meta.Outlet.Value = outlet
	d.Meta.Date.Value = date
	return d
}

func fixture() []*document.Document {
	return []*document.Document{
		doc("c.txt", "Crossing reopens at dawn", "North Wire", "2024-03-01", 30, document.FormatText),
		doc("a.html", "Guards return to the border", "South Ledger", "2024-03-02T09:15", 120, document.FormatHTML),
		doc("b.pdf", "Árva határ: a weekly review", "", "", 75, document.FormatPDF),
		doc("d.md", "", "North Wire", "2023-12-30", 10, document.FormatMarkdown),
	}
}

func newTable(t *testing.T) (*Table, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	tb := New()
	w := test.NewTempWindow(t, tb.Object())
	w.Resize(fyne.NewSize(900, 500))
	tb.SetDocs(fixture(), func(d *document.Document) string {
		if d.Path == "a.html" {
			return "critical"
		}
		return ""
	})
	return tb, w
}

func TestRowsShowEveryColumn(t *testing.T) {
	tb, _ := newTable(t)
	if n := len(tb.Rows()); n != 4 {
		t.Fatalf("%d rows, want 4", n)
	}
	// Sorted by title; a document without a title shows its path and
	// sorts by it.
	want := [][]string{
		{"Árva határ: a weekly review", "", "", "", "75", "pdf"},
		{"Crossing reopens at dawn", "North Wire", "2024-03-01", "", "30", "txt"},
		{"d.md", "North Wire", "2023-12-30", "", "10", "md"},
		{"Guards return to the border", "South Ledger", "2024-03-02", "critical", "120", "html"},
	}
	for i, row := range want {
		for j, c := range []Column{ColTitle, ColOutlet, ColDate, ColStance, ColWords, ColFormat} {
			if got := tb.CellText(i, c); got != row[j] {
				t.Errorf("row %d %s = %q, want %q", i, colNames[c], got, row[j])
			}
		}
	}
	if got := tb.status.Text; !strings.HasPrefix(got, "4 documents") {
		t.Errorf("status = %q", got)
	}
}

func TestSortByColumns(t *testing.T) {
	tb, _ := newTable(t)
	tests := []struct {
		col  Column
		desc bool
		want string // paths in order
	}{
		{ColDate, false, "d.md,c.txt,a.html,b.pdf"}, // empty dates last
		{ColDate, true, "b.pdf,a.html,c.txt,d.md"},
		{ColWords, true, "a.html,b.pdf,c.txt,d.md"},
		{ColWords, false, "d.md,c.txt,b.pdf,a.html"},
		{ColOutlet, false, "c.txt,d.md,a.html,b.pdf"},
		{ColFormat, false, "a.html,d.md,b.pdf,c.txt"},
		{ColStance, false, "a.html,b.pdf,c.txt,d.md"},
	}
	for _, tc := range tests {
		tb.SortBy(tc.col, tc.desc)
		var got []string
		for _, d := range tb.Rows() {
			got = append(got, d.Path)
		}
		if strings.Join(got, ",") != tc.want {
			t.Errorf("sort by %s desc=%v: %v, want %s", colNames[tc.col], tc.desc, got, tc.want)
		}
	}
}

func TestHeaderTapSortsAndToggles(t *testing.T) {
	tb, _ := newTable(t)
	hdr := tb.table.CreateHeader()
	tb.updateHeader(tb.visibleCell(ColWords), hdr)
	test.Tap(hdr.(fyne.Tappable))
	if c, desc := tb.Sort(); c != ColWords || !desc {
		t.Errorf("first tap on Words: sort %v desc=%v, want words descending", c, desc)
	}
	tb.updateHeader(tb.visibleCell(ColWords), hdr)
	test.Tap(hdr.(fyne.Tappable))
	if _, desc := tb.Sort(); desc {
		t.Error("second tap did not reverse the order")
	}
}

func TestFilter(t *testing.T) {
	tb, _ := newTable(t)
	tests := []struct {
		q    string
		want int
	}{
		{"", 4},
		{"north", 2},
		{"NORTH dawn", 1}, // every word must match
		{"arva hatar", 1}, // accents folded
		{"2024-03", 2},    // dates
		{"pdf", 1},        // format
		{"critical", 1},   // stance
		{"nothing-like-this", 0},
	}
	for _, tc := range tests {
		tb.SetFilter(tc.q)
		if n := len(tb.Rows()); n != tc.want {
			t.Errorf("filter %q: %d rows, want %d", tc.q, n, tc.want)
		}
	}
	tb.SetFilter("north")
	if got := tb.status.Text; !strings.HasPrefix(got, "2 of 4 documents") {
		t.Errorf("status while filtered = %q", got)
	}
	// Typing in the box filters too.
	tb.SetFilter("")
	test.Type(tb.FilterBox(), "ledger")
	if n := len(tb.Rows()); n != 1 {
		t.Errorf("typing 'ledger' left %d rows", n)
	}
}

func TestMarkTwoAndCompare(t *testing.T) {
	tb, _ := newTable(t)
	var opened [][]*document.Document
	tb.OnOpen = func(d []*document.Document) { opened = append(opened, d) }
	if tb.Compare() {
		t.Error("Compare with nothing marked opened something")
	}
	if !tb.compareBtn.Disabled() {
		t.Error("Compare button enabled with nothing marked")
	}
	tb.Tap(1, ColMark, 0)
	tb.Tap(3, ColTitle, fyne.KeyModifierControl) // Ctrl-click marks too
	if n := len(tb.Marked()); n != 2 {
		t.Fatalf("%d marked, want 2", n)
	}
	if tb.compareBtn.Disabled() || tb.compareBtn.Text != "Compare 2" {
		t.Errorf("button = %q disabled=%v", tb.compareBtn.Text, tb.compareBtn.Disabled())
	}
	test.Tap(tb.compareBtn)
	if len(opened) != 1 || len(opened[0]) != 2 || opened[0][0].Path != "c.txt" || opened[0][1].Path != "a.html" {
		t.Fatalf("opened %v", opened)
	}
	// Enter compares as well.
	tb.TypeKey(fyne.KeyReturn)
	if len(opened) != 2 {
		t.Errorf("Enter did not compare")
	}
	// Unmark one: Enter opens the current document alone.
	tb.Tap(1, ColMark, 0)
	tb.TypeKey(fyne.KeyReturn)
	if len(opened) != 3 || len(opened[2]) != 1 || opened[2][0] != tb.Current() {
		t.Errorf("Enter with one marked: %v", opened)
	}
	// Five marked is too many.
	for i := range tb.Rows() {
		tb.SetMarked(tb.Rows()[i], true)
	}
	tb.SetMarked(doc("x", "", "", "", 1, document.FormatText), true)
	if tb.Compare() {
		t.Error("compared five documents")
	}
}

func TestKeyboardMovesAndMarks(t *testing.T) {
	tb, _ := newTable(t)
	var current []string
	tb.OnCurrent = func(d *document.Document) { current = append(current, d.Path) }
	tb.TypeKey(fyne.KeyDown) // from nothing to the first row
	tb.TypeKey(fyne.KeyDown)
	tb.TypeKey(fyne.KeySpace)
	tb.TypeKey(fyne.KeyEnd)
	tb.TypeKey(fyne.KeySpace)
	tb.TypeKey(fyne.KeyUp)
	if got := strings.Join(current, ","); got != "b.pdf,c.txt,a.html,d.md" {
		t.Errorf("current rows = %s", got)
	}
	var marked []string
	for _, d := range tb.Marked() {
		marked = append(marked, d.Path)
	}
	if strings.Join(marked, ",") != "c.txt,a.html" {
		t.Errorf("marked = %v", marked)
	}
}

func TestDoubleClickOpens(t *testing.T) {
	tb, _ := newTable(t)
	clock := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tb.now = func() time.Time { clock = clock.Add(200 * time.Millisecond); return clock }
	var opened []*document.Document
	tb.OnOpen = func(d []*document.Document) { opened = append(opened, d...) }
	tb.Tap(2, ColTitle, 0)
	if len(opened) != 0 {
		t.Fatal("a single click opened the document")
	}
	tb.Tap(2, ColOutlet, 0)
	if len(opened) != 1 || opened[0] != tb.Rows()[2] {
		t.Errorf("double-click opened %v", opened)
	}
	// Clicks on two different rows are not a double-click.
	tb.Tap(0, ColTitle, 0)
	tb.Tap(1, ColTitle, 0)
	if len(opened) != 1 {
		t.Errorf("clicks on different rows opened %d", len(opened))
	}
	// Two slow clicks on one row are not a double-click either.
	tb.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	tb.Tap(3, ColTitle, 0)
	tb.Tap(3, ColTitle, 0)
	if len(opened) != 1 {
		t.Errorf("slow clicks opened %d", len(opened))
	}
}

func TestNarrowListDropsColumns(t *testing.T) {
	tb, w := newTable(t)
	if n := len(tb.VisibleColumns()); n != int(numCols) {
		t.Fatalf("wide list shows %d columns", n)
	}
	w.Resize(fyne.NewSize(420, 500))
	got := tb.VisibleColumns()
	for _, c := range got {
		if c == ColFormat || c == ColStance {
			t.Errorf("narrow list still shows %s: %v", colNames[c], got)
		}
	}
	if got[0] != ColMark || got[1] != ColTitle {
		t.Errorf("narrow list columns %v", got)
	}
	// Cells follow the visible columns.
	cell := newCell()
	tb.updateCell(tb.visibleCell(ColDate), cell)
	if l := cell.(*fyne.Container).Objects[2]; !l.Visible() {
		t.Error("date cell not shown")
	}
	// In a sidebar squeezed by four panes the title keeps its room and
	// nothing is left to scroll sideways to.
	w.Resize(fyne.NewSize(240, 500))
	if got := tb.VisibleColumns(); !slices.Equal(got, []Column{ColMark, ColTitle}) {
		t.Errorf("very narrow list columns %v", got)
	}
}

func BenchmarkFilter10k(b *testing.B) {
	test.NewTempApp(b)
	tb := New()
	w := test.NewTempWindow(b, tb.Object())
	w.Resize(fyne.NewSize(900, 500))
	docs := make([]*document.Document, 10000)
	outlets := []string{"North Wire", "South Ledger", "Harbor Daily", "Valley Voice"}
	for i := range docs {
		docs[i] = doc(fmt.Sprintf("%05d.txt", i), fmt.Sprintf("Report %d on the river crossing talks", i),
			outlets[i%len(outlets)], fmt.Sprintf("2024-%02d-%02d", i%12+1, i%28+1), 50+i%700, document.FormatText)
	}
	tb.SetDocs(docs, nil)
	queries := []string{"n", "no", "nor", "nort", "north", "north 2024-03"}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		tb.SetFilter(queries[i%len(queries)])
	}
	keystroke := time.Since(start)
	b.StopTimer()
	// The baseline, in the same run: matching the same queries against the
	// 10,000 folded keys alone, the work no list can skip. The ratio is
	// what the rest of a keystroke (the visible cells) costs on top.
	keys := make([]string, len(docs))
	for i, d := range docs {
		keys[i] = tb.searchKey(d)
	}
	matched := 0
	start = time.Now()
	for i := 0; i < b.N; i++ {
		words := strings.Fields(textnorm.String(queries[i%len(queries)]))
		for _, k := range keys {
			if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(k, w) }) {
				matched++
			}
		}
	}
	match := time.Since(start)
	if matched == 0 {
		b.Fatal("the baseline matched nothing")
	}
	b.ReportMetric(float64(keystroke)/float64(match), "x-match-alone")
}

func TestViewChangedAndColumnNames(t *testing.T) {
	tb, _ := newTable(t)
	n := 0
	tb.OnViewChanged = func() { n++ }
	tb.SetFilter("wire")
	tb.SortBy(ColDate, true)
	if n != 2 {
		t.Errorf("OnViewChanged called %d times, want 2", n)
	}
	if tb.Filter() != "wire" {
		t.Errorf("Filter() = %q", tb.Filter())
	}
	for c := ColTitle; c < numCols; c++ {
		name := ColumnName(c)
		back, ok := ColumnNamed(name)
		if name == "" || !ok || back != c {
			t.Errorf("column %d: name %q back %d %v", c, name, back, ok)
		}
	}
	if ColumnName(ColMark) != "" {
		t.Error("the mark column has no name")
	}
	if _, ok := ColumnNamed("nope"); ok {
		t.Error("unknown column name accepted")
	}
}

// Asking again for the sort and filter shown (a restored workspace does,
// on 10,000 documents) re-sorts and re-filters nothing; a real change
// still does, and so does the same sort after the metadata changed.
func TestSameSortAndFilterAreNoOps(t *testing.T) {
	tb, _ := newTable(t)
	n := 0
	tb.OnViewChanged = func() { n++ }
	tb.SortBy(ColOutlet, false)
	tb.SetFilter("wire")
	if n != 2 {
		t.Fatalf("OnViewChanged called %d times for two changes, want 2", n)
	}
	sorted := &tb.sorted[0]
	tb.SortBy(ColOutlet, false)
	tb.SetFilter("wire")
	if n != 2 {
		t.Errorf("OnViewChanged called %d times after asking again for the same view, want 2", n)
	}
	if &tb.sorted[0] != sorted {
		t.Error("the same sort sorted the documents again")
	}
	// An outlet edited, then Refresh: the same sort orders by the new value.
	for _, d := range tb.docs {
		if d.Path == "d.md" {
			d.Meta.Outlet.Value = "Aardvark Post"
		}
	}
	tb.Refresh()
	tb.SetFilter("")
	tb.SortBy(ColOutlet, false)
	if got := tb.Rows(); len(got) == 0 || got[0].Path != "d.md" {
		t.Errorf("after the edit the first row is %v, want d.md", got)
	}
}

// A title longer than its column is cut with an ellipsis to the column's
// width (and shown whole when the list widens); copying still gives it whole.
func TestLongTitleCutToColumn(t *testing.T) {
	tb, w := newTable(t)
	long := strings.TrimSpace(strings.Repeat("Talks on the river crossing resume after a week ", 4))
	docs := fixture()
	docs[0].Meta.Title.Value = long
	tb.SetDocs(docs, nil)
	row := slices.Index(tb.Rows(), docs[0])
	cellLabel := func() *widget.Label {
		cell := newCell()
		tb.updateCell(widget.TableCellID{Row: row, Col: tb.visibleCell(ColTitle).Col}, cell)
		return cell.(*fyne.Container).Objects[2].(*widget.Label)
	}
	l := cellLabel()
	avail := tb.width(ColTitle) - 2*theme.InnerPadding()
	if !strings.HasSuffix(l.Text, "…") || fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width > avail {
		t.Errorf("title cell %q does not fit %v", l.Text, avail)
	}
	if got := tb.CellText(row, ColTitle); got != long {
		t.Errorf("CellText = %q", got)
	}
	w.Resize(fyne.NewSize(4000, 500))
	if l := cellLabel(); l.Text != long {
		t.Errorf("wide list cuts the title: %q", l.Text)
	}
}

// An Arabic title and outlet are drawn by a script line aligned to the
// right, cut at their logical end; a Latin title in the same cell later is
// the label again.
func TestArabicTitleCellReadsRightToLeft(t *testing.T) {
	tb, _ := newTable(t)
	docs := fixture()
	long := strings.TrimSpace(strings.Repeat("وكالة الأنباء تنشر تقريرا عن الاجتماع في العاصمة ", 4))
	docs[0].Meta.Title.Value = long
	docs[0].Meta.Outlet.Value = "خبرگزاری ایرنا"
	tb.SetDocs(docs, nil)
	row := slices.Index(tb.Rows(), docs[0])
	cell := newCell().(*fyne.Container)
	tb.updateCell(widget.TableCellID{Row: row, Col: tb.visibleCell(ColTitle).Col}, cell)
	if len(cell.Objects) < 4 {
		t.Fatal("no script line in the cell of an Arabic title")
	}
	line := cell.Objects[3].(*uikit.ScriptLine)
	if line.Hidden || !cell.Objects[2].(*widget.Label).Hidden {
		t.Fatal("the Arabic title is not shown by the script line")
	}
	if !line.RTL() || !strings.HasSuffix(line.Text(), "…") || !strings.HasPrefix(long, strings.TrimSuffix(line.Text(), "…")) {
		t.Errorf("title shown as %q: want its start, cut with an ellipsis at its logical end", line.Text())
	}
	docs[0].Meta.Title.Value = "Crossing reopens"
	tb.SetDocs(docs, nil)
	tb.updateCell(widget.TableCellID{Row: slices.Index(tb.Rows(), docs[0]), Col: tb.visibleCell(ColTitle).Col}, cell)
	if !line.Hidden || cell.Objects[2].(*widget.Label).Text != "Crossing reopens" {
		t.Error("a Latin title after an Arabic one is not shown by the label")
	}
}

// TestGarbledMarked: a document whose text looks garbled shows it in the
// format column (the reason is in the Problems panel).
func TestGarbledMarked(t *testing.T) {
	tb, _ := newTable(t)
	docs := fixture()
	docs[2].Warnings = []string{document.GarbledWarning(2, "the font has no usable Unicode map"), "rebuilt the cross-reference table"}
	tb.SetDocs(docs, nil)
	for i, d := range tb.Rows() {
		want := string(d.Format)
		if d.Path == "b.pdf" {
			want = "pdf !"
		}
		if got := tb.CellText(i, ColFormat); got != want {
			t.Errorf("%s: format cell %q, want %q", d.Path, got, want)
		}
	}
}

// A new snapshot of the same documents (one with a new outlet) keeps the
// marks, their order, the current row, the filter and the sort, on the
// new values.
func TestReplaceKeepsStateOnNewValues(t *testing.T) {
	tb, _ := newTable(t)
	old := slices.Clone(tb.docs)
	byPath := map[string]*document.Document{}
	for _, d := range old {
		byPath[d.Path] = d
	}
	tb.SortBy(ColOutlet, false)
	tb.SetMarked(byPath["d.md"], true)
	tb.SetMarked(byPath["c.txt"], true)
	tb.SetCurrent(byPath["c.txt"])
	tb.SetFilter("wire")

	next := slices.Clone(old)
	for i, d := range next {
		if d.Path == "c.txt" {
			nd := *d
			nd.Meta.Outlet.Value = "East Wire"
			next[i] = &nd
		}
	}
	tb.Replace(next, nil)
	newC := next[slices.IndexFunc(next, func(d *document.Document) bool { return d.Path == "c.txt" })]
	if tb.Current() != newC {
		t.Errorf("current row %v, want the new value of c.txt", tb.Current())
	}
	if m := tb.Marked(); len(m) != 2 || m[0] != byPath["d.md"] || m[1] != newC {
		t.Errorf("marked %v", m)
	}
	var paths []string
	for _, d := range tb.Rows() {
		paths = append(paths, d.Path+" "+d.Meta.Outlet.Value)
	}
	if got := strings.Join(paths, ", "); got != "c.txt East Wire, d.md North Wire" {
		t.Errorf("rows %q, want the filter and the outlet sort kept on the new values", got)
	}
	if byPath["c.txt"].Meta.Outlet.Value != "North Wire" {
		t.Error("the old value changed")
	}
}
