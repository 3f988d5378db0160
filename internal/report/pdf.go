package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/parallaxworkbench/parallax/internal/reuse"
	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/internal/textshape"
)

// Page layout, in millimetres and points.
const (
	marginX      = 18.0
	marginTop    = 20.0
	marginBottom = 18.0
	bodySize     = 9.0
	smallSize    = 7.0
	ptToMM       = 25.4 / 72
)

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	black     = rgb{20, 20, 20}
	grey      = rgb{110, 110, 110}
	lightGrey = rgb{225, 225, 225}
	headFill  = rgb{232, 237, 243}
	accent    = rgb{25, 70, 125}
	// Diff marks: changed words, words only on the left, only on the right.
	markChanged  = rgb{255, 226, 130}
	markDeleted  = rgb{255, 196, 196}
	markInserted = rgb{190, 235, 190}
)

// tocEntry is a line of the table of contents.
type tocEntry struct {
	title string
	level int
	page  int
	link  int
}

// pdfWriter lays out one rendering of the report.
type pdfWriter struct {
	r       *Report
	f       *fpdf.Fpdf
	pageW   float64
	pageH   float64
	width   float64 // text width between the margins
	section string  // the running header's section
	toc     []tocEntry
	known   []tocEntry // page numbers from the first pass
	tocLink []int
	sh      *textshape.Shaper
	style   string  // the current font style, "" or "B"
	size    float64 // the current font size in points
	// uncovered are characters drawn from a font without them (a bug).
	uncovered map[rune]bool
}

// WritePDF renders the report as a PDF: title page, table of contents,
// the sections, with a running header and page numbers. It lays the report
// out twice so that the table of contents has the right page numbers.
func (r *Report) WritePDF(w io.Writer) (err error) {
	// The PDF library panics on some input; none may escape this package.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("write pdf: internal error: %v", p)
		}
	}()
	// One shaper for both passes: its cache of laid-out lines carries over.
	sh, err := textshape.New()
	if err != nil {
		return fmt.Errorf("report fonts: %w", err)
	}
	first, err := r.layoutPDF(sh, nil)
	if err != nil {
		return err
	}
	// The second pass sizes the contents for the entries the first pass
	// made; when that takes another number of pages, everything after the
	// contents moves by the difference.
	shift := tocPageCount(len(first.toc)) - len(first.tocLink)
	known := make([]tocEntry, len(first.toc))
	for i, e := range first.toc {
		e.page += shift
		known[i] = e
	}
	second, err := r.layoutPDF(sh, known)
	if err != nil {
		return err
	}
	if err := second.f.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

func (r *Report) layoutPDF(sh *textshape.Shaper, known []tocEntry) (*pdfWriter, error) {
	size := "A4"
	if r.Paper == PaperLetter {
		size = "Letter"
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", SizeStr: size, OrientationStr: "P"})
	f.SetMargins(marginX, marginTop, marginX)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetCellMargin(0)
	if err := addFonts(f); err != nil {
		return nil, err
	}
	f.SetTitle(sh.Clean(r.Title), true)
	f.SetSubject(sh.Clean("Parallax comparison report of "+r.Project), true)
	f.SetCreator("Parallax", true)
	f.SetCreationDate(r.Generated)
	f.SetModificationDate(r.Generated)
	f.AliasNbPages("{nb}")
	pw, ph := f.GetPageSize()
	p := &pdfWriter{r: r, f: f, pageW: pw, pageH: ph, width: pw - 2*marginX, known: known, sh: sh}
	f.SetHeaderFunc(p.header)
	f.SetFooterFunc(p.footer)

	p.titlePage()
	p.tocPages()
	for _, s := range r.Sections {
		switch s {
		case SectionSources:
			p.sources()
		case SectionTimeline:
			p.timeline()
		case SectionCoverage:
			p.heatmap()
		case SectionNaming:
			p.naming()
		case SectionTerms:
			p.terms()
		case SectionVoices:
			p.voices()
		case SectionGroups:
			p.groups() // groups.go
		case SectionPassages:
			p.passages()
		case SectionAnnotations:
			p.annotations()
		case SectionAppendix:
			p.appendix()
		}
		if err := f.Error(); err != nil {
			return nil, fmt.Errorf("lay out %s: %w", s, err)
		}
	}
	p.fillTOC()
	if err := p.coverageError(); err != nil {
		return nil, err
	}
	return p, f.Error()
}

// --- page furniture ---

func (p *pdfWriter) header() {
	if p.f.PageNo() == 1 {
		return
	}
	f := p.f
	p.font("", smallSize, grey)
	f.SetXY(marginX, 9)
	right := p.section
	titleW := p.width - p.sw(right) - 6
	p.lineAt(marginX, 9, titleW, 4, p.fit(p.r.Title, titleW), "L")
	p.lineAt(marginX+p.width-p.sw(right), 9, p.sw(right), 4, right, "R")
	f.SetDrawColor(lightGrey.r, lightGrey.g, lightGrey.b)
	f.SetLineWidth(0.2)
	f.Line(marginX, 14, marginX+p.width, 14)
	f.SetXY(marginX, marginTop)
}

func (p *pdfWriter) footer() {
	f := p.f
	p.font("", smallSize, grey)
	f.SetXY(marginX, p.pageH-11)
	left := "Parallax · " + p.r.Project
	if p.r.Workspace != "" {
		left += " · " + p.r.Workspace
	}
	p.lineAt(marginX, p.pageH-11, p.width/2, 4, p.fit(left, p.width/2), "L")
	// The page-count alias is replaced in the output: measure it as fpdf
	// would and draw it in the Latin font.
	num := fmt.Sprintf("Page %d of {nb}", f.PageNo())
	f.SetXY(marginX+p.width/2, p.pageH-11)
	f.CellFormat(p.width/2, 4, num, "", 0, "R", false, 0, "")
}

// font sets the font style ("", "B", "I", "BI"), size in points and colour.
func (p *pdfWriter) font(style string, size float64, c rgb) {
	p.style, p.size = upright(style), size
	p.f.SetFont(fontFamily, p.style, size)
	p.f.SetTextColor(c.r, c.g, c.b)
}

func lineH(size float64) float64 { return size * ptToMM * 1.3 }

func (p *pdfWriter) bottom() float64 { return p.pageH - marginBottom }

// fit shortens s with "…" to fit w in the current font.
func (p *pdfWriter) fit(s string, w float64) string {
	s = p.clean(s)
	if p.sw(s) <= w {
		return s
	}
	ell := p.sw("…")
	n := p.fitPrefix(s, w-ell)
	if n == 0 {
		_, n = utf8.DecodeRuneInString(s)
	}
	return s[:n] + "…"
}

// need starts a new page unless h millimetres fit below the cursor.
func (p *pdfWriter) need(h float64) {
	if p.f.GetY()+h > p.bottom() {
		p.f.AddPage()
	}
}

// startSection begins a section on a new page, records it in the table of
// contents and the PDF outline, and draws its heading.
func (p *pdfWriter) startSection(s Section) {
	p.section = s.Heading()
	p.f.AddPage()
	p.heading(s.Heading(), 0)
}

func (p *pdfWriter) heading(title string, level int) {
	f := p.f
	size := 15.0
	if level > 0 {
		size = 11
		p.need(20)
		f.Ln(2)
	}
	link := f.AddLink()
	f.SetLink(link, f.GetY(), f.PageNo())
	f.Bookmark(p.clean(title), level, -1)
	p.toc = append(p.toc, tocEntry{title: title, level: level, page: f.PageNo(), link: link})
	p.font("B", size, accent)
	f.SetX(marginX)
	p.multi(p.width, lineH(size), title, "L")
	if level == 0 {
		f.SetDrawColor(accent.r, accent.g, accent.b)
		f.SetLineWidth(0.4)
		f.Line(marginX, f.GetY()+1, marginX+p.width, f.GetY()+1)
		f.Ln(4)
	} else {
		f.Ln(1.5)
	}
}

// para writes wrapped text at the cursor.
func (p *pdfWriter) para(text, style string, size float64, c rgb) {
	p.font(style, size, c)
	p.f.SetX(marginX)
	p.multi(p.width, lineH(size), text, "L")
}

func (p *pdfWriter) gap(h float64) { p.f.Ln(h) }

// --- title page and contents ---

func (p *pdfWriter) titlePage() {
	f, r := p.f, p.r
	f.AddPage()
	f.SetY(45)
	p.font("", 10, grey)
	p.multi(p.width, 5, "PARALLAX · COMPARISON REPORT", "L")
	f.Ln(3)
	p.font("B", 22, accent)
	p.multi(p.width, lineH(22), r.Title, "L")
	f.Ln(6)
	ws := r.Workspace
	if ws == "" {
		ws = "— (the whole project)"
	}
	dates := "no dated documents"
	if r.FirstDate != "" {
		dates = showDate(r.FirstDate) + " to " + showDate(r.LastDate)
		if r.FirstDate == r.LastDate {
			dates = showDate(r.FirstDate)
		}
	}
	rows := [][2]string{
		{"Project", r.Project},
		{"Folder", r.Dir},
		{"Workspace", ws},
		{"Date", r.Generated.Format("2 January 2006, 15:04 MST")},
		{"Documents", fmt.Sprintf("%d from %d known outlets", len(r.Documents), len(r.Outlets))},
		{"Dates covered", dates},
		{"Shared passages", fmt.Sprintf("%d", r.PassagesTotal)},
	}
	for _, kv := range rows {
		p.font("B", 10, grey)
		f.SetX(marginX)
		y := f.GetY()
		p.lineAt(marginX, y, 32, 5.5, kv[0], "L")
		p.font("", 10, black)
		f.SetXY(marginX+32, y)
		p.multi(p.width-32, 5.5, kv[1], "L")
	}
	f.Ln(8)
	p.font("B", 12, accent)
	f.SetX(marginX)
	p.multi(p.width, 6, "Analyst's notes", "L")
	f.Ln(1)
	notes := r.Notes
	if notes == "" {
		notes = "No notes were written in this workspace."
		if r.Workspace == "" {
			notes = "This report covers the whole project; notes are kept in workspaces."
		}
		p.para(notes, "I", 10, grey)
	} else {
		p.para(notes, "", 10, black)
	}
}

// tocLines is how many entries fit on a contents page.
const tocLines = 40

func tocPageCount(entries int) int { return max(1, (entries+tocLines-1)/tocLines) }

func (p *pdfWriter) tocPages() {
	n := len(p.known)
	if p.known == nil {
		n = len(p.r.Sections) + p.subheadingCount()
	}
	pages := tocPageCount(n)
	p.section = "Contents"
	for i := 0; i < pages; i++ {
		p.f.AddPage()
		p.tocLink = append(p.tocLink, p.f.PageNo())
	}
}

// subheadingCount predicts the level-1 headings the sections will make, so
// that the contents take the same pages in both passes.
func (p *pdfWriter) subheadingCount() int {
	n := 0
	if p.r.Has(SectionNaming) {
		n += len(p.r.Naming)
	}
	if p.r.Has(SectionAppendix) {
		n += 2
	}
	if p.r.Has(SectionTerms) {
		n++
	}
	if p.r.Has(SectionTimeline) {
		n += 2 // at most: dated and undated documents
	}
	if p.r.Has(SectionCoverage) {
		n++
	}
	n += p.groupsSubheadings() // groups.go
	return n
}

func (p *pdfWriter) fillTOC() {
	f := p.f
	last := f.PageNo()
	defer f.SetPage(last)
	entries := p.known
	if entries == nil {
		entries = p.toc // first pass: the numbers are provisional
	}
	for i, page := range p.tocLink {
		f.SetPage(page)
		f.SetY(marginTop)
		if i == 0 {
			p.font("B", 15, accent)
			f.SetX(marginX)
			p.multi(p.width, lineH(15), "Contents", "L")
			f.Ln(4)
		}
		end := min(len(entries), (i+1)*tocLines)
		for k := i * tocLines; k < end; k++ {
			e := entries[k]
			// The links of this pass point at this pass's places.
			link := 0
			if k < len(p.toc) {
				link = p.toc[k].link
			}
			indent := 0.0
			size := 10.0
			style := "B"
			if e.level > 0 {
				indent, size, style = 6, 9, ""
			}
			p.font(style, size, black)
			num := fmt.Sprintf("%d", e.page)
			numW := f.GetStringWidth(num)
			titleW := p.width - indent - numW - 4
			title := p.fit(e.title, titleW)
			y := f.GetY()
			f.SetXY(marginX+indent, y)
			p.lineAt(marginX+indent, y, p.sw(title), 6, title, "L")
			if link != 0 {
				f.Link(marginX+indent, y, p.sw(title), 6, link)
			}
			// dot leader
			x0 := marginX + indent + p.sw(title) + 2
			x1 := marginX + p.width - numW - 2
			f.SetDrawColor(180, 180, 180)
			f.SetLineWidth(0.2)
			f.SetDashPattern([]float64{0.4, 1.2}, 0)
			if x1 > x0 {
				f.Line(x0, y+4.3, x1, y+4.3)
			}
			f.SetDashPattern(nil, 0)
			f.SetXY(marginX+p.width-numW, y)
			f.CellFormat(numW, 6, num, "", 1, "R", false, link, "")
		}
	}
}

// --- tables ---

// para in a cell: text with a style.
type cellPara struct {
	text  string
	style string
	size  float64
	color rgb
}

type wline struct {
	text string
	cellPara
	rtl bool // the line's paragraph is right-to-left: right-aligned
}

type column struct {
	title string
	width float64 // share of the text width, 0..1
	align string
}

type cell []cellPara

func txt(s string) cellPara { return cellPara{text: s, size: 8, color: black} }
func note(s string) cellPara {
	return cellPara{text: s, size: 6.5, color: grey}
}
func bold(s string) cellPara { return cellPara{text: s, style: "B", size: 8, color: black} }

const cellPad = 1.2

// wrap breaks a cell's paragraphs into lines for width w.
func (p *pdfWriter) wrap(c cell, w float64) []wline {
	var out []wline
	for _, cp := range c {
		if cp.text == "" {
			continue
		}
		p.font(cp.style, cp.size, cp.color)
		// Cleaned first, so that lines break between characters that
		// are drawn (a replaced emoji is one word, "[U+1F600]").
		for _, para := range strings.Split(p.clean(cp.text), "\n") {
			if strings.TrimSpace(para) == "" {
				out = append(out, wline{text: "", cellPara: cp})
				continue
			}
			rtl := textdir.IsRTL(para)
			for _, l := range p.splitWords(para, w) {
				out = append(out, wline{text: l, cellPara: cp, rtl: rtl})
			}
		}
	}
	return out
}

// splitWords wraps s at spaces for width w in the current font; a word
// wider than w is broken between characters.
func (p *pdfWriter) splitWords(s string, w float64) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for _, word := range words {
		cand := word
		if cur != "" {
			cand = cur + " " + word
		}
		if p.sw(cand) <= w {
			cur = cand
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
		for p.sw(word) > w {
			n := p.breakAt(word, w)
			lines = append(lines, word[:n])
			word = word[n:]
		}
		cur = word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// breakAt is where to break a word wider than w: after the last hyphen,
// slash, colon, underscore or dot that fits, else after the last character
// that fits (always at least one character).
func (p *pdfWriter) breakAt(word string, w float64) int {
	fit := p.fitPrefix(word, w)
	if fit == 0 {
		_, n := utf8.DecodeRuneInString(word)
		return n
	}
	soft := 0
	for i, r := range word[:fit] {
		if end := i + utf8.RuneLen(r); strings.ContainsRune("-/:_.", r) && end < len(word) {
			soft = end
		}
	}
	if soft > 0 {
		return soft
	}
	return fit
}

// fitPrefix is the byte length of the longest prefix of word, ending
// between characters, that fits w (0 when not even one character does).
// Widths grow with the prefix, so it searches by halves: shaping every
// prefix of a long Arabic word one by one was quadratic.
func (p *pdfWriter) fitPrefix(word string, w float64) int {
	var ends []int
	for i, r := range word {
		ends = append(ends, i+utf8.RuneLen(r))
	}
	k := sort.Search(len(ends), func(k int) bool { return p.sw(word[:ends[k]]) > w })
	if k == 0 {
		return 0
	}
	return ends[k-1]
}

// table draws a table whose header repeats on every page it spans. A row
// taller than the rest of the page is split between lines.
func (p *pdfWriter) table2(cols []column, rows [][]cell, zebra bool) {
	f := p.f
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.width * p.width
	}
	drawHeader := func() {
		p.font("B", 7.5, black)
		hl := make([][]wline, len(cols))
		hh := 0.0
		for i, c := range cols {
			// A heading word wider than its column gets a smaller size
			// rather than a break inside the word.
			size := 7.5
			for _, word := range strings.Fields(c.title) {
				for size > 5.5 && p.sw(word)*size/7.5 > widths[i]-2*cellPad {
					size -= 0.25
				}
			}
			hl[i] = p.wrap(cell{{text: c.title, style: "B", size: size, color: black}}, widths[i]-2*cellPad)
			h := 0.0
			for _, l := range hl[i] {
				h += lineH(l.size)
			}
			hh = math.Max(hh, h)
		}
		hh += 2 * cellPad
		y := f.GetY()
		f.SetFillColor(headFill.r, headFill.g, headFill.b)
		f.Rect(marginX, y, p.width, hh, "F")
		x := marginX
		for i := range cols {
			p.drawLines(hl[i], x+cellPad, y+cellPad, widths[i]-2*cellPad, cols[i].align)
			x += widths[i]
		}
		f.SetY(y + hh)
	}
	headerH := 2*cellPad + 2*lineH(7.5)
	p.need(headerH + 8)
	drawHeader()
	for ri, row := range rows {
		lines := make([][]wline, len(cols))
		for i := range cols {
			var c cell
			if i < len(row) {
				c = row[i]
			}
			lines[i] = p.wrap(c, widths[i]-2*cellPad)
		}
		start := make([]int, len(cols))
		for {
			// Lines of each cell that fit on this page.
			y := f.GetY()
			avail := p.bottom() - y - 2*cellPad
			end := make([]int, len(cols))
			rowH, done := 0.0, true
			for i := range cols {
				h := 0.0
				k := start[i]
				for ; k < len(lines[i]); k++ {
					lh := lineH(lines[i][k].size)
					if h+lh > avail {
						break
					}
					h += lh
				}
				end[i] = k
				if k < len(lines[i]) {
					done = false
				}
				rowH = math.Max(rowH, h)
			}
			// Keep short rows whole: move them to the next page.
			if !done && f.GetY() > marginTop+headerH+1 && p.rowHeight(lines) < p.bottom()-marginTop-headerH-10 {
				f.AddPage()
				drawHeader()
				continue
			}
			rowH += 2 * cellPad
			if zebra && ri%2 == 1 {
				f.SetFillColor(247, 247, 247)
				f.Rect(marginX, y, p.width, rowH, "F")
			}
			x := marginX
			for i := range cols {
				p.drawLines(lines[i][start[i]:end[i]], x+cellPad, y+cellPad, widths[i]-2*cellPad, cols[i].align)
				x += widths[i]
			}
			f.SetDrawColor(lightGrey.r, lightGrey.g, lightGrey.b)
			f.SetLineWidth(0.15)
			f.Line(marginX, y+rowH, marginX+p.width, y+rowH)
			f.SetY(y + rowH)
			if done {
				break
			}
			copy(start, end)
			f.AddPage()
			drawHeader()
		}
	}
	f.Ln(3)
}

// tableHeight is the height table2 takes for rows on one page.
func (p *pdfWriter) tableHeight(cols []column, rows [][]cell) float64 {
	h := 2*cellPad + 2*lineH(7.5) + 3
	for _, row := range rows {
		lines := make([][]wline, len(cols))
		for i, c := range cols {
			if i < len(row) {
				lines[i] = p.wrap(row[i], c.width*p.width-2*cellPad)
			}
		}
		h += p.rowHeight(lines)
	}
	return h
}

func (p *pdfWriter) linesHeight(ls []wline) float64 {
	h := 0.0
	for _, l := range ls {
		h += lineH(l.size)
	}
	return h
}

func (p *pdfWriter) rowHeight(lines [][]wline) float64 {
	h := 0.0
	for _, ls := range lines {
		c := 0.0
		for _, l := range ls {
			c += lineH(l.size)
		}
		h = math.Max(h, c)
	}
	return h + 2*cellPad
}

func (p *pdfWriter) drawLines(lines []wline, x, y, w float64, align string) {
	for _, l := range lines {
		lh := lineH(l.size)
		p.font(l.style, l.size, l.color)
		tx := x
		if align == "R" || l.rtl {
			tx = x + w - p.sw(l.text)
		}
		if l.text != "" {
			p.text(tx, y+lh*0.78, l.text, l.rtl)
		}
		y += lh
	}
}

// --- sections ---

func orDash(v string) string {
	if strings.TrimSpace(v) == "" {
		return "—"
	}
	return v
}

func valueCell(v Value) cell {
	if v.Text == "" {
		return cell{{text: "—", size: 8, color: grey}, note("not found")}
	}
	return cell{txt(v.Text), note(v.Provenance())}
}

// showDate writes "2021-06-30T18:47" as "2021-06-30 18:47".
func showDate(s string) string { return strings.Replace(s, "T", " ", 1) }

func (p *pdfWriter) sources() {
	r := p.r
	p.startSection(SectionSources)
	p.para("Each value is shown with where it came from (grey): the article text (a byline, date line or footer rule), "+
		"the file's metadata, a sidecar table, or the analyst. Stance is the analyst's judgement, set per outlet or per document; "+
		"word counts leave out page chrome and footers.", "", 8.5, grey)
	p.gap(3)
	cols := []column{
		{"#", 0.05, "L"}, {"Title and file", 0.27, "L"}, {"Outlet", 0.15, "L"}, {"Author", 0.13, "L"},
		{"Date", 0.12, "L"}, {"Stance", 0.11, "L"}, {"Words", 0.08, "R"}, {"Format", 0.09, "L"},
	}
	var rows [][]cell
	for _, d := range r.Documents {
		title := d.Title
		if title == "" {
			title = "(untitled)"
		}
		rows = append(rows, []cell{
			{bold(d.Label())},
			{txt(title), note(d.Path)},
			valueCell(d.Outlet),
			valueCell(d.Author),
			valueCell(Value{Text: showDate(d.Date.Text), Source: d.Date.Source, Rule: d.Date.Rule}),
			valueCell(d.Stance),
			{txt(fmt.Sprintf("%d", d.Words))},
			{txt(d.Format), note(d.Encoding)},
		})
	}
	p.table2(cols, rows, true)
}

func (p *pdfWriter) timeline() {
	r := p.r
	p.startSection(SectionTimeline)
	p.para("Each dot is a document placed at its date, in its outlet's lane; the labels are the document numbers of the sources table.", "", 8.5, grey)
	p.gap(3)
	if c := r.charts; c != nil && c.timeline != nil {
		p.image("timeline", c.timeline)
	} else {
		p.para("No document of this report has a usable date, so there is nothing to place on a timeline.", "I", 9, grey)
		p.gap(2)
	}
	var dated [][]cell
	for _, lane := range r.Timeline.Lanes {
		for _, d := range lane.Docs {
			row := p.rowOf(d.Path)
			dated = append(dated, []cell{{txt(showDate(d.Date))}, {bold(row.Label())}, {txt(outletName(lane.Outlet))}, {txt(orDash(row.Title)), note(row.Path)}})
		}
	}
	if len(dated) > maxDatedList {
		p.para(fmt.Sprintf("The dates of all %d dated documents are in the sources table.", len(dated)), "I", 8.5, grey)
	} else if len(dated) > 0 {
		p.heading("Dated documents", 1)
		p.table2([]column{{"Date", 0.16, "L"}, {"#", 0.07, "L"}, {"Outlet", 0.22, "L"}, {"Title and file", 0.55, "L"}}, dated, true)
	}
	if len(r.Timeline.Undated) > 0 {
		var rows [][]cell
		for _, d := range r.Timeline.Undated {
			row := p.rowOf(d.Path)
			rows = append(rows, []cell{{bold(row.Label())}, {txt(row.OutletName())}, {txt(orDash(row.Title)), note(row.Path)}})
		}
		p.heading("Undated documents", 1)
		p.table2([]column{{"#", 0.07, "L"}, {"Outlet", 0.25, "L"}, {"Title and file", 0.68, "L"}}, rows, true)
	}
}

// maxDatedList is the most dated documents listed under the timeline; more
// would repeat the sources table at length.
const maxDatedList = 40

func (p *pdfWriter) rowOf(path string) DocRow {
	for _, d := range p.r.Documents {
		if d.Path == path {
			return d
		}
	}
	return DocRow{Path: path}
}

// image places a chart at the cursor, on a new page when it does not fit.
func (p *pdfWriter) image(name string, c *chart) {
	f := p.f
	w, h := c.W, c.H
	if w > p.width {
		h = h * p.width / w
		w = p.width
	}
	p.need(h + 2)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	f.RegisterImageOptionsReader(name, opt, bytes.NewReader(c.PNG))
	f.ImageOptions(name, marginX+(p.width-w)/2, f.GetY(), w, h, false, opt, 0, "")
	f.SetY(f.GetY() + h + 3)
}

func (p *pdfWriter) heatmap() {
	r, f := p.r, p.f
	h := r.Heat
	p.startSection(SectionCoverage)
	what := "document"
	if h.ByOutlet {
		what = "outlet"
	}
	p.para(fmt.Sprintf("Mentions of the most mentioned entities in each %s: the darker the cell, the more mentions. "+
		"An empty cell means the %s never names the entity.", what, what), "", 8.5, grey)
	p.gap(3)
	if len(h.Rows) == 0 || len(h.Columns) == 0 {
		p.para("No entity was found in these documents.", "I", 9, grey)
		return
	}
	labelW := 46.0
	cw := math.Min(11, (p.width-labelW-12)/float64(len(h.Columns)))
	// Column labels, rotated.
	p.font("", 6.5, black)
	maxLabel := 0.0 // widths below are of cleaned, shaped text
	labels := make([]string, len(h.Columns))
	for i, c := range h.Columns {
		labels[i] = c.Label
		if h.ByOutlet {
			labels[i] = p.fit(c.Label, 34)
		}
		maxLabel = math.Max(maxLabel, p.sw(labels[i]))
	}
	headH := maxLabel + 3
	cellH := 5.0
	drawHead := func() {
		y := f.GetY()
		p.font("", 6.5, black)
		for i, l := range labels {
			x := marginX + labelW + float64(i)*cw + cw/2 + 1
			if h.ByOutlet || len(l) > 3 {
				f.TransformBegin()
				f.TransformRotate(90, x, y+headH)
				p.text(x, y+headH, l, false)
				f.TransformEnd()
			} else {
				p.text(x-1-p.sw(l)/2, y+headH-1, l, false)
			}
		}
		p.font("B", 6.5, black)
		f.Text(marginX+labelW+float64(len(labels))*cw+1.5, y+headH-1, "total")
		f.SetY(y + headH + 1)
	}
	p.need(headH + 3*cellH)
	drawHead()
	for _, row := range h.Rows {
		if f.GetY()+cellH > p.bottom() {
			f.AddPage()
			drawHead()
		}
		y := f.GetY()
		// A long name takes two lines at a smaller size; only a name
		// longer than that is shortened.
		p.font("", 7, black)
		if p.sw(row.Name) <= labelW-2 {
			p.text(marginX, y+cellH*0.72, row.Name, textdir.IsRTL(row.Name))
		} else {
			p.font("", 5.5, black)
			lines := p.splitWords(row.Name, labelW-2)
			if len(lines) > 2 {
				lines = []string{lines[0], p.fit(strings.Join(lines[1:], " "), labelW-2)}
			}
			for k, l := range lines {
				p.text(marginX, y+cellH*0.72-float64(len(lines)-1)*1.1+float64(k)*2.2, l, textdir.IsRTL(l))
			}
		}
		for i, n := range row.Counts {
			x := marginX + labelW + float64(i)*cw
			if n > 0 {
				t := math.Sqrt(float64(n) / float64(max(h.Max, 1)))
				c := heatColour(t)
				f.SetFillColor(c.r, c.g, c.b)
				f.Rect(x, y, cw-0.4, cellH-0.4, "F")
				tc := black
				if t > 0.55 {
					tc = rgb{255, 255, 255}
				}
				p.font("", 6, tc)
				s := fmt.Sprintf("%d", n)
				f.Text(x+(cw-0.4-f.GetStringWidth(s))/2, y+cellH*0.68, s)
			} else {
				f.SetFillColor(246, 246, 246)
				f.Rect(x, y, cw-0.4, cellH-0.4, "F")
			}
		}
		p.font("B", 6.5, black)
		f.Text(marginX+labelW+float64(len(h.Columns))*cw+1.5, y+cellH*0.7, fmt.Sprintf("%d", row.Total))
		f.SetY(y + cellH)
	}
	f.Ln(3)
	var notes []string
	if h.OmittedRows > 0 {
		notes = append(notes, fmt.Sprintf("%d less mentioned entities are left out.", h.OmittedRows))
	}
	if h.OmittedColumns > 0 {
		notes = append(notes, fmt.Sprintf("%d outlets with fewer documents are left out.", h.OmittedColumns))
	}
	if len(notes) > 0 {
		p.para(strings.Join(notes, " "), "I", 8, grey)
	}
	if !h.ByOutlet {
		var rows [][]cell
		for _, d := range r.Documents {
			rows = append(rows, []cell{{bold(d.Label())}, {txt(d.OutletName())}, {txt(orDash(d.Title)), note(d.Path)}})
		}
		p.heading("Columns", 1)
		p.table2([]column{{"#", 0.07, "L"}, {"Outlet", 0.25, "L"}, {"Title and file", 0.68, "L"}}, rows, true)
	}
}

// legend draws a colour key for the chart's series, wrapping as needed.
func (p *pdfWriter) legend(names []string) {
	f := p.f
	p.font("", 7.5, black)
	x, y := marginX+8, f.GetY()
	for i, n := range names {
		w := 4 + p.sw(n) + 6
		if x+w > marginX+p.width {
			x, y = marginX+8, y+4.5
		}
		c := palette[i%len(palette)]
		f.SetFillColor(int(c.R), int(c.G), int(c.B))
		f.Rect(x, y+0.6, 3, 3, "F")
		p.text(x+4, y+3.2, n, textdir.IsRTL(n))
		x += w
	}
	f.SetY(y + 7)
}

// heatColour goes from a pale to a deep blue as t goes from 0 to 1.
func heatColour(t float64) rgb {
	t = math.Max(0, math.Min(1, t))
	lerp := func(a, b int) int { return int(float64(a) + (float64(b)-float64(a))*t) }
	return rgb{lerp(222, 8), lerp(235, 48), lerp(247, 107)}
}

func (p *pdfWriter) naming() {
	r := p.r
	p.startSection(SectionNaming)
	p.para("For each entity that several outlets name: the forms each outlet writes (with how often) and the descriptors it attaches "+
		"(adjectives, appositions and designations around the name). Descriptors come from rules over the text, not from a parser: read them as cues.", "", 8.5, grey)
	if len(r.Naming) == 0 {
		p.gap(2)
		p.para("No entity is named in these documents.", "I", 9, grey)
		return
	}
	for _, e := range r.Naming {
		title := e.Name
		if e.Kind != "" {
			title += " (" + e.Kind + ")"
		}
		var rows [][]cell
		for _, o := range e.Outlets {
			var forms, descs []string
			for _, fc := range o.Forms {
				forms = append(forms, fmt.Sprintf("%s (%d)", fc.Form, fc.Count))
			}
			for _, d := range o.Descriptors {
				if d.Count > 1 {
					descs = append(descs, fmt.Sprintf("“%s” (%d)", d.Form, d.Count))
				} else {
					descs = append(descs, fmt.Sprintf("“%s”", d.Form))
				}
			}
			dc := cell{txt(strings.Join(descs, "; "))}
			if len(descs) == 0 {
				dc = cell{{text: "none found", size: 8, color: grey}}
			}
			rows = append(rows, []cell{
				{bold(o.Outlet), note(plural(o.Documents, "doc") + ", " + plural(o.Mentions, "mention"))},
				{txt(strings.Join(forms, ", "))},
				dc,
			})
		}
		cols := []column{{"Outlet", 0.24, "L"}, {"Forms used", 0.30, "L"}, {"Descriptors", 0.46, "L"}}
		// Keep an entity's table on one page with its heading when it fits.
		if h := p.tableHeight(cols, rows) + 12; h < p.bottom()-marginTop {
			p.need(h)
		}
		p.heading(title, 1)
		p.table2(cols, rows, true)
	}
}

func (p *pdfWriter) terms() {
	r := p.r
	p.startSection(SectionTerms)
	p.para("Loaded and framing terms of the lexicon, by category, per 1,000 words of each outlet's article bodies. "+
		"The lexicon is editable (shipped list plus the project's .parallax/lexicon.tsv).", "", 8.5, grey)
	p.gap(3)
	if len(r.Terms) == 0 || len(r.Categories) == 0 {
		p.para("No lexicon terms: the lexicon is empty or no document has a body.", "I", 9, grey)
		return
	}
	if c := r.charts; c != nil && c.terms != nil {
		p.image("terms", c.terms)
		p.legend(c.termOutlets)
		if len(c.termOutlets) < len(r.Terms) {
			p.para(fmt.Sprintf("The chart shows the %d outlets with the most words; the table lists all %d.", len(c.termOutlets), len(r.Terms)), "I", 8, grey)
		}
	}
	// Rates table: outlet, words, then one column per category.
	cols := []column{{"Outlet", 0.20, "L"}, {"Words", 0.08, "R"}}
	share := 0.72 / float64(len(r.Categories))
	for _, c := range r.Categories {
		cols = append(cols, column{c, share, "R"})
	}
	var rows [][]cell
	for _, o := range r.Terms {
		row := []cell{{bold(o.Outlet), note(plural(o.Documents, "doc"))}, {txt(fmt.Sprintf("%d", o.Words))}}
		for i := range r.Categories {
			if o.Measured == 0 && o.NotCovered != "" { // not measured: no zeros
				row = append(row, cell{{text: "–", size: 8, color: grey}})
				continue
			}
			row = append(row, cell{txt(fmt.Sprintf("%.1f", o.Rates[i])), note(plural(o.Counts[i], "term"))})
		}
		if o.NotCovered != "" {
			row[0] = append(row[0], note(o.NotCovered))
		}
		rows = append(rows, row)
	}
	p.gap(2)
	p.table2(cols, rows, true)
	// Most frequent terms.
	p.heading("Most frequent terms per outlet", 1)
	rows = nil
	for _, o := range r.Terms {
		var parts []string
		for _, ct := range o.TopTerms(r.Categories) {
			parts = append(parts, ct.Category+": "+ct.Terms)
		}
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		rows = append(rows, []cell{{bold(o.Outlet)}, {txt(strings.Join(parts, "\n"))}})
	}
	p.table2([]column{{"Outlet", 0.22, "L"}, {"Terms by category (count)", 0.78, "L"}}, rows, true)
}

func (p *pdfWriter) voices() {
	r := p.r
	p.startSection(SectionVoices)
	p.para("Who each outlet quotes or cites (“said”, “according to”, “told Reuters”), with pronouns resolved to the nearest speaker. "+
		"“Direct” counts quotations in quotation marks.", "", 8.5, grey)
	p.gap(3)
	var rows [][]cell
	for _, o := range r.Voices {
		if len(o.Voices) == 0 {
			msg := "no quoted or cited source found"
			if o.NotCovered != "" {
				msg = o.NotCovered
			}
			rows = append(rows, []cell{{bold(o.Outlet)}, {{text: msg, size: 8, color: grey}}, nil, nil, nil})
			continue
		}
		for i, v := range o.Voices {
			oc := cell{}
			if i == 0 {
				oc = cell{bold(o.Outlet)}
			}
			rows = append(rows, []cell{oc, {txt(v.Speaker)}, {txt(fmt.Sprintf("%d", v.Count))}, {txt(fmt.Sprintf("%d", v.Direct))}, {txt(fmt.Sprintf("%d", v.Documents))}})
		}
		if o.More > 0 {
			rows = append(rows, []cell{nil, {{text: fmt.Sprintf("… and %d more", o.More), size: 8, color: grey}}, nil, nil, nil})
		}
	}
	if len(rows) == 0 {
		p.para("No document in this report.", "I", 9, grey)
		return
	}
	p.table2([]column{{"Outlet", 0.24, "L"}, {"Source quoted or cited", 0.49, "L"}, {"Times", 0.09, "R"}, {"Direct", 0.09, "R"}, {"Docs", 0.09, "R"}}, rows, false)
}

// --- shared passages ---

// token is a word of a passage side with its trailing space and mark.
type token struct {
	text string
	op   reuse.Op
	diff bool
}

type segment struct {
	text string
	op   reuse.Op
	diff bool
	w    float64
}

type richLine []segment

func (p *pdfWriter) layoutRuns(runs []Run, w float64, size float64) []richLine {
	p.font("", size, black)
	var toks []token
	for _, run := range runs {
		fields := splitKeepSpace(p.clean(run.Text))
		for _, t := range fields {
			toks = append(toks, token{text: t, op: run.Op, diff: run.Diff})
		}
	}
	var lines []richLine
	var cur richLine
	x := 0.0
	space := p.sw(" ")
	for _, t := range toks {
		word := strings.TrimRight(t.text, " ")
		trailing := len(word) < len(t.text)
		ww := p.sw(word)
		if x > 0 && x+ww > w {
			lines = append(lines, cur)
			cur, x = nil, 0
		}
		for ww > w { // a word longer than the column
			n := p.fitPrefix(word, w)
			if n == 0 {
				_, n = utf8.DecodeRuneInString(word)
			}
			lines = append(lines, richLine{{text: word[:n], op: t.op, diff: t.diff, w: p.sw(word[:n])}})
			word = word[n:]
			ww = p.sw(word)
		}
		seg := segment{text: word, op: t.op, diff: t.diff, w: ww}
		// Words join the segment before them when marked alike and of the
		// same direction, so that a right-to-left line can order its
		// left-to-right stretches (drawRichLine).
		if n := len(cur); n > 0 && cur[n-1].diff == seg.diff && cur[n-1].op == seg.op && ltrSegment(cur[n-1]) == ltrSegment(seg) {
			cur[n-1].text += seg.text
			cur[n-1].w += seg.w
		} else {
			cur = append(cur, seg)
		}
		x += ww
		if trailing {
			cur[len(cur)-1].text += " "
			cur[len(cur)-1].w += space
			x += space
		}
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// splitKeepSpace splits s into words, each with the spaces after it (runs
// of white space become one space).
func splitKeepSpace(s string) []string {
	var out []string
	fields := strings.Fields(s)
	for i, w := range fields {
		_ = i
		out = append(out, w+" ")
	}
	if len(out) > 0 && !endsWithSpace(s) {
		last := len(out) - 1
		out[last] = strings.TrimRight(out[last], " ")
	}
	if len(out) > 0 && startsWithSpace(s) {
		// A leading space belongs to the previous run: keep it as a
		// separate space so that words do not run together.
		out = append([]string{" "}, out...)
	}
	return out
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0'
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\u00a0'
}

// runsRTL reports whether a passage side reads right to left.
func runsRTL(runs []Run) bool {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
		if b.Len() > 400 {
			break
		}
	}
	return textdir.IsRTL(b.String())
}

func markColour(op reuse.Op) rgb {
	switch op {
	case reuse.Deleted:
		return markDeleted
	case reuse.Inserted:
		return markInserted
	}
	return markChanged
}

// drawRichLine draws a line of a passage side in a column from x of width
// w. A right-to-left side runs from the column's right edge leftwards, each
// segment's trailing space on its left, except that consecutive
// left-to-right segments (a Latin name or a number split by diff marks)
// keep their own order inside the place they take together (bidi rule L2
// at the level of segments).
func (p *pdfWriter) drawRichLine(l richLine, x, w, y, size float64, rtl bool) {
	if !rtl {
		for _, s := range l {
			p.drawSegment(s, x, y, size, false)
			x += s.w
		}
		return
	}
	right := x + w
	for i := 0; i < len(l); {
		j := i + 1
		if ltrSegment(l[i]) {
			for j < len(l) && ltrSegment(l[j]) {
				j++
			}
		}
		if j-i == 1 {
			s := l[i]
			p.drawSegment(s, right-p.sw(strings.TrimRight(s.text, " ")), y, size, true)
			right -= s.w
			i = j
			continue
		}
		gw := 0.0
		for _, s := range l[i:j] {
			gw += s.w
		}
		last := l[j-1]
		gx := right - gw + (last.w - p.sw(strings.TrimRight(last.text, " ")))
		for _, s := range l[i:j] {
			p.drawSegment(s, gx, y, size, true)
			gx += s.w
		}
		right -= gw
		i = j
	}
}

// ltrSegment is a segment without right-to-left letters that has a Latin
// letter or a digit: inside right-to-left text it reads left to right.
func ltrSegment(s segment) bool {
	if textdir.NeedsBidi(s.text) {
		return false
	}
	return strings.IndexFunc(s.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// drawSegment draws a segment's text (without its trailing space) from tx,
// with its diff mark.
func (p *pdfWriter) drawSegment(s segment, tx, y, size float64, rtl bool) {
	f := p.f
	lh := lineH(size)
	vis := strings.TrimRight(s.text, " ")
	vw := p.sw(vis)
	if s.diff {
		c := markColour(s.op)
		f.SetFillColor(c.r, c.g, c.b)
		f.Rect(tx-0.3, y+0.15, vw+0.6, lh-0.1, "F")
		f.SetDrawColor(120, 90, 0)
		f.SetLineWidth(0.2)
		f.Line(tx, y+lh*0.86, tx+vw, y+lh*0.86)
	}
	if strings.TrimSpace(vis) != "" {
		p.text(tx, y+lh*0.76, vis, rtl)
	}
}

func (p *pdfWriter) passages() {
	r, f := p.r, p.f
	p.startSection(SectionPassages)
	p.para(fmt.Sprintf("%d passages shared by two or more documents, longest first, side by side. "+
		"Words that differ are marked: changed (yellow), only on the left (red), only on the right (green), all underlined. "+
		"Case, punctuation, quotation marks and look-alike letters from other scripts are not counted as differences.", r.PassagesTotal), "", 8.5, grey)
	if len(r.Passages) < r.PassagesTotal {
		p.para(fmt.Sprintf("The %d longest are shown.", len(r.Passages)), "I", 8.5, grey)
	}
	p.gap(3)
	if len(r.Passages) == 0 {
		p.para("No passage is shared between the documents of this report.", "I", 9, grey)
		return
	}
	const size = 8.5
	lh := lineH(size)
	gutter := 6.0
	colW := (p.width - gutter) / 2
	for i, pv := range r.Passages {
		kind := "unattributed copy"
		if pv.Quoted {
			kind = "shared quotation"
		}
		for k, pair := range pv.Pairs {
			left := p.layoutRuns(pair.Left.Runs, colW, size)
			right := p.layoutRuns(pair.Right.Runs, colW, size)
			leftRTL, rightRTL := runsRTL(pair.Left.Runs), runsRTL(pair.Right.Runs)
			p.need(20 + 3*lh)
			title := fmt.Sprintf("Passage %d: %d words, similarity %.0f%%, %s", i+1, pv.Words, pv.Similarity*100, kind)
			if len(pv.Pairs) > 1 {
				title += fmt.Sprintf(" (pair %d of %d)", k+1, len(pv.Pairs))
			}
			p.font("B", 9, accent)
			f.SetX(marginX)
			p.multi(p.width, lineH(9), title, "L")
			drawHeads := func(cont bool) {
				y := f.GetY()
				suffix := ""
				if cont {
					suffix = " (continued)"
				}
				side := func(sv SideView) []wline {
					return p.wrap(cell{{text: sv.Doc + suffix, style: "B", size: 7.5, color: black},
						note(fmt.Sprintf("%s, bytes %d–%d", sv.Path, sv.Start, sv.End))}, colW-2)
				}
				ll, rl := side(pair.Left), side(pair.Right)
				hh := math.Max(p.linesHeight(ll), p.linesHeight(rl)) + 2
				f.SetFillColor(headFill.r, headFill.g, headFill.b)
				f.Rect(marginX, y, colW, hh, "F")
				f.Rect(marginX+colW+gutter, y, colW, hh, "F")
				p.drawLines(ll, marginX+1, y+1, colW-2, "L")
				p.drawLines(rl, marginX+colW+gutter+1, y+1, colW-2, "L")
				f.SetY(y + hh + 1.5)
			}
			drawHeads(false)
			n := max(len(left), len(right))
			p.font("", size, black)
			for j := 0; j < n; j++ {
				if f.GetY()+lh > p.bottom() {
					f.AddPage()
					drawHeads(true)
					p.font("", size, black)
				}
				y := f.GetY()
				if j < len(left) {
					p.drawRichLine(left[j], marginX+0.5, colW-1, y, size, leftRTL)
				}
				if j < len(right) {
					p.drawRichLine(right[j], marginX+colW+gutter+0.5, colW-1, y, size, rightRTL)
				}
				f.SetY(y + lh)
			}
			f.SetDrawColor(lightGrey.r, lightGrey.g, lightGrey.b)
			f.SetLineWidth(0.2)
			f.Line(marginX, f.GetY()+2, marginX+p.width, f.GetY()+2)
			f.Ln(5)
		}
	}
}

// --- annotations and appendix ---

func (p *pdfWriter) annotations() {
	r := p.r
	p.startSection(SectionAnnotations)
	if len(r.Annotations) == 0 {
		msg := "No annotations: this report covers the whole project, and annotations live in workspaces."
		if r.Workspace != "" {
			msg = "The workspace has no annotations on these documents."
		}
		p.para(msg, "I", 9, grey)
		return
	}
	p.para("The analyst's notes on passages of the documents, with the quoted text (in context, grey). "+
		"An orphaned annotation's passage is no longer in its document; it is kept as it was.", "", 8.5, grey)
	p.gap(3)
	var rows [][]cell
	for _, a := range r.Annotations {
		dc := cell{bold(a.Doc), note(a.Path)}
		if a.Orphaned {
			dc = append(dc, cellPara{text: "orphaned", style: "B", size: 7, color: rgb{170, 40, 40}})
		}
		quote := cell{}
		if b := squashSpace(a.Before); b != "" {
			quote = append(quote, cellPara{text: "…" + b, style: "I", size: 7, color: grey})
		}
		quote = append(quote, cellPara{text: "“" + strings.TrimSpace(a.Quote) + "”", style: "", size: 8.5, color: black})
		if af := squashSpace(a.After); af != "" {
			quote = append(quote, cellPara{text: af + "…", style: "I", size: 7, color: grey})
		}
		nc := cell{txt(orDash(a.Note))}
		if len(a.Tags) > 0 {
			nc = append(nc, note("tags: "+strings.Join(a.Tags, ", ")))
		}
		if !a.Modified.IsZero() {
			nc = append(nc, note(a.Modified.Format("2006-01-02 15:04")))
		}
		rows = append(rows, []cell{dc, quote, nc})
	}
	p.table2([]column{{"Document", 0.2, "L"}, {"Quoted text", 0.47, "L"}, {"Note", 0.33, "L"}}, rows, true)
}

func (p *pdfWriter) appendix() {
	r := p.r
	p.startSection(SectionAppendix)
	p.heading("Documents", 1)
	var rows [][]cell
	for _, d := range r.Documents {
		rows = append(rows, []cell{{bold(d.Label())}, {txt(d.Path)}, {txt(orDash(d.Title))},
			{txt(d.Format), note(d.Encoding)}, {txt(fmt.Sprintf("%d", d.Words))}, {txt(humanSize(d.Size))}})
	}
	p.table2([]column{{"#", 0.06, "L"}, {"File", 0.28, "L"}, {"Title", 0.38, "L"}, {"Format", 0.1, "L"}, {"Words", 0.08, "R"}, {"Size", 0.1, "R"}}, rows, true)
	p.heading("Problems", 1)
	if len(r.Problems) == 0 {
		p.para("None: every file of the project was read, and the analysis and workspace reported nothing.", "I", 9, grey)
		return
	}
	rows = nil
	for _, pr := range r.Problems {
		rows = append(rows, []cell{{txt(orDash(pr.Path))}, {txt(pr.Kind)}, {txt(pr.Detail)}})
	}
	p.table2([]column{{"File", 0.3, "L"}, {"Kind", 0.12, "L"}, {"Detail", 0.58, "L"}}, rows, true)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// squashSpace joins the words of s with single spaces.
func squashSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
