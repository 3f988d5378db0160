// Package textview is a scrolling, read-only view of a long document text
// with highlights drawn behind the text: entity mentions (one colour per
// entity), shared passages, find hits, the mouse selection and a brief
// flash on the target of a jump.
//
// The text is wrapped into lines of the view's width and only the lines in
// view are drawn, so a 20,000-word document opens and scrolls as fast as a
// short one. All offsets are byte offsets into the text given to SetText.
//
// Paragraphs that read right to left (Arabic, Persian: found from their
// first strong character, or forced with SetDirection) are aligned to the
// right, and each wrapped line shows its runs in bidi visual order; every
// offset stays logical, so highlights, find and selection mark the glyphs
// of their characters in either direction.
package textview

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textdir"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/ui/scriptfont"
)

// Layer names used by the view itself; callers pick their own for theirs
// (for example "entities" and "passages").
const (
	LayerFind      = "find"
	LayerFlash     = "flash"
	LayerSelection = "selection"
	layerDefault   = ""
)

// line is one wrapped line: the byte span [start,end) of the text it shows.
type line struct{ start, end int }

// View shows a document text. Create it with New; all methods must be
// called on the Fyne main goroutine.
type View struct {
	widget.BaseWidget

	// OnHighlightTapped is called when the user clicks a passage or entity
	// highlight that has an ID.
	OnHighlightTapped func(Highlight)
	// OnFocused is called when the user clicks into the view or it gains
	// keyboard focus.
	OnFocused func()

	text        string
	boiler      []document.Span
	hideBoiler  bool
	layers      map[string][]Highlight
	merged      []Highlight
	flashLevel  float32
	flashAnim   *fyne.Animation
	lastFlash   document.Span
	folded      *textnorm.Folded
	findHits    []Highlight
	findCurrent int

	lines      []line
	dir        textdir.Dir
	fonts      *scriptfont.Fonts // loaded with the first text that may need them
	levels     []uint8           // the bidi level of every byte; nil when all are 0
	paras      []para            // with levels: the paragraphs and their levels
	wrapWidth  float32
	wrapSize   float32
	lineHeight float32
	runeWidth  map[rune]float32

	dragFrom int
	dragging bool

	// pendingTop and pendingFrac hold a reading position asked for before
	// the text was laid out; the first wrap applies it (-1: none).
	pendingTop  int
	pendingFrac float64

	// ContextMenu, when set, returns the menu shown on a right-click.
	ContextMenu func() *fyne.Menu

	scroll *container.Scroll
	body   *body
}

// New returns an empty view.
func New() *View {
	v := &View{layers: map[string][]Highlight{}, runeWidth: map[rune]float32{}, findCurrent: -1, pendingTop: -1, pendingFrac: -1}
	v.body = &body{v: v}
	v.body.ExtendBaseWidget(v.body)
	v.scroll = container.NewVScroll(v.body)
	v.scroll.OnScrolled = func(fyne.Position) { v.body.Refresh() }
	v.ExtendBaseWidget(v)
	return v
}

// CreateRenderer implements fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.scroll)
}

// MinSize keeps the view usable when space is short.
func (v *View) MinSize() fyne.Size {
	return fyne.NewSize(120, 80)
}

// SetText replaces the text and its boilerplate spans (sorted, not
// overlapping), clears find, selection and flash, and scrolls to the top.
// Highlight layers are kept: set them again for a new document.
func (v *View) SetText(text string, boilerplate []document.Span) {
	v.text = text
	v.boiler = boilerplate
	v.folded = nil
	if v.fonts == nil && scriptfont.MayNeedArabic(text) {
		fonts, err := scriptfont.Load()
		if err != nil {
			fyne.LogError("text view: Arabic and Persian fall back to system fonts", err)
		}
		v.fonts = fonts
		v.runeWidth = map[rune]float32{}
	}
	v.computeBidi()
	v.findHits, v.findCurrent = nil, -1
	delete(v.layers, LayerFind)
	delete(v.layers, LayerSelection)
	delete(v.layers, LayerFlash)
	v.mergeLayers()
	v.wrapWidth = 0
	v.pendingTop, v.pendingFrac = -1, -1
	v.scroll.Offset = fyne.Position{}
	v.rewrap()
}

// Text returns the text shown.
func (v *View) Text() string { return v.text }

// SetBoilerplateHidden hides or shows (dimmed) the boilerplate spans.
func (v *View) SetBoilerplateHidden(hidden bool) {
	if hidden == v.hideBoiler {
		return
	}
	top := v.TopOffset()
	v.hideBoiler = hidden
	v.wrapWidth = 0
	v.rewrap()
	v.scrollLineToTop(v.lineIndex(top))
}

// BoilerplateHidden reports whether boilerplate is hidden.
func (v *View) BoilerplateHidden() bool { return v.hideBoiler }

// SetHighlights replaces the default highlight layer.
func (v *View) SetHighlights(hs []Highlight) { v.SetLayer(layerDefault, hs) }

// SetLayer replaces the highlights of one named layer; nil removes it.
// Layers let independent sources (entities, passages, find) mark the same
// text without knowing of each other.
func (v *View) SetLayer(name string, hs []Highlight) {
	if len(hs) == 0 {
		delete(v.layers, name)
	} else {
		cp := make([]Highlight, 0, len(hs))
		for _, h := range hs {
			if h.End > len(v.text) {
				h.End = len(v.text)
			}
			if h.Start < 0 {
				h.Start = 0
			}
			if h.End > h.Start {
				cp = append(cp, h)
			}
		}
		v.layers[name] = cp
	}
	v.mergeLayers()
	v.body.Refresh()
}

// Layer returns the highlights of a named layer.
func (v *View) Layer(name string) []Highlight { return v.layers[name] }

// Highlights returns every highlight of every layer, sorted by start.
func (v *View) Highlights() []Highlight { return append([]Highlight(nil), v.merged...) }

func (v *View) mergeLayers() {
	v.merged = v.merged[:0]
	for _, hs := range v.layers {
		v.merged = append(v.merged, hs...)
	}
	sortHighlights(v.merged)
}

// HighlightAt returns the strongest clickable highlight (a passage before
// an entity) at byte offset i.
func (v *View) HighlightAt(i int) (Highlight, bool) {
	var best Highlight
	found := false
	for _, h := range v.merged {
		if h.Start > i {
			break
		}
		if !h.Contains(i) || h.ID == "" || (h.Kind != Passage && h.Kind != Entity) {
			continue
		}
		if !found || h.Kind > best.Kind {
			best, found = h, true
		}
	}
	return best, found
}

// ScrollToOffset scrolls so that the line holding byte offset i is in view,
// a third of the way down.
func (v *View) ScrollToOffset(i int) {
	idx := v.lineIndex(i)
	if idx < 0 {
		return
	}
	y := v.lineY(idx) - v.scroll.Size().Height/3
	v.scrollTo(y)
}

// Reveal scrolls to span s and flashes it.
func (v *View) Reveal(s document.Span) {
	v.ScrollToOffset(s.Start)
	v.Flash(s)
}

// Flash marks span s for a moment.
func (v *View) Flash(s document.Span) {
	if v.flashAnim != nil {
		v.flashAnim.Stop()
	}
	v.lastFlash = s
	v.SetLayer(LayerFlash, []Highlight{{Start: s.Start, End: s.End, Kind: Flash}})
	v.flashLevel = 1
	v.flashAnim = fyne.NewAnimation(1400*time.Millisecond, func(f float32) {
		// Hold the mark, then fade it out.
		if f < 0.4 {
			v.flashLevel = 1
		} else {
			v.flashLevel = 1 - (f-0.4)/0.6
		}
		if f >= 1 {
			v.flashLevel = 0
			v.SetLayer(LayerFlash, nil)
			return
		}
		v.body.Refresh()
	})
	v.flashAnim.Start()
}

// LastFlash returns the span most recently flashed.
func (v *View) LastFlash() document.Span { return v.lastFlash }

// TopOffset returns the byte offset of the first line in view (the
// position asked for with SetTopOffset while the view is not laid out yet).
func (v *View) TopOffset() int {
	if v.pendingTop >= 0 {
		return v.pendingTop
	}
	if len(v.lines) == 0 {
		return 0
	}
	idx := int((v.scroll.Offset.Y - v.padTop()) / v.lineHeight)
	idx = max(0, min(idx, len(v.lines)-1))
	return v.lines[idx].start
}

// SetTopOffset scrolls so that the line holding byte offset i is the first
// in view; TopOffset then returns that line's start. Asked before the view
// is laid out, it is applied at the first layout.
func (v *View) SetTopOffset(i int) {
	i = max(0, min(i, len(v.text)))
	v.pendingFrac = -1
	if len(v.lines) == 0 {
		v.pendingTop = i
		return
	}
	v.pendingTop = -1
	v.scrollLineToTop(v.lineIndex(i))
}

// ScrollFraction returns how far the text is scrolled, from 0 (top) to 1
// (bottom).
func (v *View) ScrollFraction() float64 {
	if v.pendingFrac >= 0 {
		return v.pendingFrac
	}
	span := v.contentHeight() - v.scroll.Size().Height
	if len(v.lines) == 0 || span <= 0 {
		return 0
	}
	return float64(max(0, min(1, v.scroll.Offset.Y/span)))
}

// SetScrollFraction scrolls to fraction f (0 top, 1 bottom) of the text,
// at the first layout when the view is not laid out yet.
func (v *View) SetScrollFraction(f float64) {
	f = max(0, min(1, f))
	v.pendingTop = -1
	if len(v.lines) == 0 || v.scroll.Size().Height <= 0 {
		v.pendingFrac = f
		return
	}
	v.pendingFrac = -1
	v.scrollTo(float32(f) * (v.contentHeight() - v.scroll.Size().Height))
}

// applyPending applies a reading position asked for before layout.
func (v *View) applyPending() {
	switch {
	case len(v.lines) == 0:
	case v.pendingTop >= 0:
		i := v.pendingTop
		v.pendingTop = -1
		v.scrollLineToTop(v.lineIndex(i))
	case v.pendingFrac >= 0 && v.scroll.Size().Height > 0:
		f := v.pendingFrac
		v.pendingFrac = -1
		v.scrollTo(float32(f) * (v.contentHeight() - v.scroll.Size().Height))
	}
}

// Selection returns the byte span selected with the mouse (or Select).
func (v *View) Selection() (document.Span, bool) {
	sel := v.layers[LayerSelection]
	if len(sel) == 0 || sel[0].End <= sel[0].Start {
		return document.Span{}, false
	}
	return document.Span{Start: sel[0].Start, End: sel[0].End}, true
}

// OffsetVisible reports whether byte offset i is on a line in view.
func (v *View) OffsetVisible(i int) bool {
	idx := v.lineIndex(i)
	if idx < 0 {
		return false
	}
	first, last := v.visibleLines()
	return idx >= first && idx <= last
}

// LineCount returns the number of wrapped lines.
func (v *View) LineCount() int { return len(v.lines) }

// SelectedText returns the text selected with the mouse, or "".
func (v *View) SelectedText() string {
	sel := v.layers[LayerSelection]
	if len(sel) == 0 {
		return ""
	}
	return v.text[sel[0].Start:sel[0].End]
}

// Select selects the byte span [start,end).
func (v *View) Select(start, end int) {
	if start > end {
		start, end = end, start
	}
	v.SetLayer(LayerSelection, []Highlight{{Start: start, End: end, Kind: Selection}})
}

// Find marks every match of query (matched on folded text, so case,
// diacritics and look-alike letters from other scripts do not matter),
// makes the first match at or after the top of the view current and
// returns the number of matches.
func (v *View) Find(query string) int {
	v.findHits, v.findCurrent = nil, -1
	q := textnorm.String(strings.TrimSpace(query))
	if q == "" {
		v.SetLayer(LayerFind, nil)
		return 0
	}
	if v.folded == nil {
		f := textnorm.Fold(v.text)
		v.folded = &f
	}
	ft := v.folded.Text
	for i := 0; ; {
		j := strings.Index(ft[i:], q)
		if j < 0 {
			break
		}
		s, e := v.folded.Original(i+j, i+j+len(q))
		if !(v.hideBoiler && inSpans(v.boiler, s)) {
			v.findHits = append(v.findHits, Highlight{Start: s, End: e, Kind: FindHit})
		}
		i += j + len(q)
	}
	if len(v.findHits) > 0 {
		top := v.TopOffset()
		v.findCurrent = sort.Search(len(v.findHits), func(k int) bool { return v.findHits[k].Start >= top })
		if v.findCurrent == len(v.findHits) {
			v.findCurrent = 0
		}
		v.showFindCurrent()
	} else {
		v.SetLayer(LayerFind, nil)
	}
	return len(v.findHits)
}

// FindNext moves to the next match, wrapping around, and returns its span.
func (v *View) FindNext() (document.Span, bool) { return v.stepFind(1) }

// FindPrevious moves to the previous match, wrapping around.
func (v *View) FindPrevious() (document.Span, bool) { return v.stepFind(-1) }

// FindState returns the index of the current match (from 0, or -1) and the
// number of matches.
func (v *View) FindState() (current, total int) { return v.findCurrent, len(v.findHits) }

// ClearFind removes the find marks.
func (v *View) ClearFind() {
	v.findHits, v.findCurrent = nil, -1
	v.SetLayer(LayerFind, nil)
}

func (v *View) stepFind(d int) (document.Span, bool) {
	n := len(v.findHits)
	if n == 0 {
		return document.Span{}, false
	}
	v.findCurrent = ((v.findCurrent+d)%n + n) % n
	v.showFindCurrent()
	h := v.findHits[v.findCurrent]
	return document.Span{Start: h.Start, End: h.End}, true
}

func (v *View) showFindCurrent() {
	hs := make([]Highlight, len(v.findHits))
	copy(hs, v.findHits)
	cur := hs[v.findCurrent]
	hs[v.findCurrent].Kind = FindCurrent
	v.SetLayer(LayerFind, hs)
	if !v.OffsetVisible(cur.Start) {
		v.ScrollToOffset(cur.Start)
	}
}

func inSpans(spans []document.Span, i int) bool {
	k := sort.Search(len(spans), func(k int) bool { return spans[k].End > i })
	return k < len(spans) && spans[k].Contains(i)
}

// --- wrapping ---

func (v *View) textSize() float32 { return theme.TextSize() }

func (v *View) padTop() float32  { return theme.Padding() * 2 }
func (v *View) padLeft() float32 { return theme.Padding() * 3 }

func (v *View) lineY(idx int) float32 { return v.padTop() + float32(idx)*v.lineHeight }

func (v *View) contentHeight() float32 {
	return v.padTop()*2 + float32(len(v.lines))*v.lineHeight
}

func (v *View) measureRune(r rune) float32 {
	if w, ok := v.runeWidth[r]; ok {
		return w
	}
	w := v.fonts.Measure(string(r), v.wrapSize, fyne.TextStyle{})
	v.runeWidth[r] = w
	return w
}

// measure returns the drawn width of s (shaped as a whole, or in pieces by
// font when it holds Arabic).
func (v *View) measure(s string) float32 {
	if s == "" {
		return 0
	}
	return v.fonts.Measure(displayText(s), v.wrapSize, fyne.TextStyle{})
}

// rewrap wraps the text to the body's current width.
func (v *View) rewrap() {
	width := v.body.Size().Width
	size := v.textSize()
	if size != v.wrapSize {
		v.runeWidth = map[rune]float32{}
		v.wrapSize = size
	}
	v.lineHeight = float32(int(size*1.55 + 0.5))
	v.wrapWidth = width
	v.lines = v.lines[:0]
	if width <= 0 {
		return // not laid out yet: wrap on the first Resize
	}
	avail := max(width-2*v.padLeft(), 40)
	blank := true
	for _, p := range v.pieces() {
		if p.start == p.end || strings.TrimSpace(v.text[p.start:p.end]) == "" {
			if !blank {
				v.lines = append(v.lines, line{p.start, p.start})
			}
			blank = true
			continue
		}
		v.wrapPiece(p.start, p.end, avail)
		blank = false
	}
	v.body.Refresh()
	v.scroll.Refresh()
	v.applyPending()
}

// pieces splits the text into paragraphs at line breaks, without the
// boilerplate when it is hidden.
func (v *View) pieces() []line {
	var out []line
	t := v.text
	for start := 0; start <= len(t); {
		end := strings.IndexByte(t[start:], '\n')
		if end < 0 {
			end = len(t)
		} else {
			end += start
		}
		e := end
		if e > start && t[e-1] == '\r' {
			e--
		}
		if !v.hideBoiler {
			out = append(out, line{start, e})
		} else {
			out = append(out, v.visibleParts(start, e)...)
		}
		start = end + 1
	}
	return out
}

// visibleParts returns [s,e) without the boilerplate spans; a paragraph that
// is all boilerplate disappears.
func (v *View) visibleParts(s, e int) []line {
	var out []line
	pos := s
	hadBoiler := false
	for _, b := range v.boiler {
		if b.End <= pos || b.Start >= e {
			continue
		}
		hadBoiler = true
		if b.Start > pos {
			out = append(out, line{pos, b.Start})
		}
		pos = max(pos, b.End)
	}
	if pos < e {
		out = append(out, line{pos, e})
	}
	if !hadBoiler && len(out) == 0 {
		out = append(out, line{s, e}) // a blank paragraph
	}
	return out
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' }

// wrapPiece breaks text[s:e] into lines no wider than avail.
func (v *View) wrapPiece(s, e int, avail float32) {
	t := v.text
	space := v.measureRune(' ')
	lineStart, x := s, float32(0)
	i := s
	for i < e {
		// a word and the spaces after it
		ws := i
		for i < e && !isSpace(t[i]) {
			i++
		}
		we := i
		for i < e && isSpace(t[i]) {
			i++
		}
		var w float32
		for _, r := range t[ws:we] {
			w += v.measureRune(r)
		}
		if x > 0 && x+w > avail {
			v.lines = append(v.lines, line{lineStart, ws})
			lineStart, x = ws, 0
		}
		if w > avail {
			// A word longer than the line (a URL): break it by characters.
			for k := ws; k < we; {
				r, size := utf8.DecodeRuneInString(t[k:])
				rw := v.measureRune(r)
				if x > 0 && x+rw > avail {
					v.lines = append(v.lines, line{lineStart, k})
					lineStart, x = k, 0
				}
				x += rw
				k += size
			}
		} else {
			x += w
		}
		x += float32(i-we) * space
	}
	v.lines = append(v.lines, line{lineStart, e})
}

// lineIndex returns the index of the line holding byte offset i (or the
// next line after it when i is hidden), or -1 when there are no lines.
func (v *View) lineIndex(i int) int {
	n := len(v.lines)
	if n == 0 {
		return -1
	}
	k := sort.Search(n, func(k int) bool { return v.lines[k].start > i })
	if k == 0 {
		return 0
	}
	k--
	if i > v.lines[k].end && k+1 < n {
		return k + 1
	}
	return k
}

func (v *View) visibleLines() (first, last int) {
	if len(v.lines) == 0 || v.lineHeight == 0 {
		return 0, -1
	}
	top := v.scroll.Offset.Y - v.padTop()
	first = max(0, int(top/v.lineHeight))
	last = min(len(v.lines)-1, int((top+v.scroll.Size().Height)/v.lineHeight))
	return first, last
}

func (v *View) scrollTo(y float32) {
	maxY := v.contentHeight() - v.scroll.Size().Height
	y = min(y, maxY)
	y = max(y, 0)
	v.scroll.ScrollToOffset(fyne.NewPos(0, y))
	v.body.Refresh()
}

// scrollLineToTop scrolls line idx to the top of the view (the first line
// keeps the top padding), so that TopOffset gives that line back.
func (v *View) scrollLineToTop(idx int) {
	if idx < 0 {
		return
	}
	y := v.lineY(idx)
	if idx == 0 {
		y = 0
	}
	v.scrollTo(y)
}

// offsetAt returns the byte offset of the character at position p of the
// body.
func (v *View) offsetAt(p fyne.Position) int {
	if len(v.lines) == 0 {
		return 0
	}
	idx := int((p.Y - v.padTop()) / v.lineHeight)
	idx = max(0, min(idx, len(v.lines)-1))
	return v.offsetInLine(v.lines[idx], p.X)
}

// displayText turns the characters canvas.Text cannot draw into spaces.
func displayText(s string) string {
	if strings.ContainsAny(s, "\t\r") {
		s = strings.NewReplacer("\t", " ", "\r", " ").Replace(s)
	}
	return s
}

// Focusable returns the part of the view that takes keyboard focus (for
// scrolling with the keys and copying the selection).
func (v *View) Focusable() fyne.Focusable { return v.body }
