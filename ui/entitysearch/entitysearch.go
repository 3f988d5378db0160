// Package entitysearch is the entity search panel: a search field whose
// results (entities with their kind, spellings and mention count) follow
// every keystroke, the chosen entity's mentions in context grouped by outlet
// and document, phrase hits when no entity fits, and the "entities"
// highlight layer of the compare view, one colour per entity, toggled per
// entity or all at once.
package entitysearch

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"sync/atomic"
	"time"

	"github.com/parallaxworkbench/parallax/ui/bridge"
	"github.com/parallaxworkbench/parallax/ui/uikit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/search"
	"github.com/parallaxworkbench/parallax/ui/safego"
	"github.com/parallaxworkbench/parallax/ui/state"
	"github.com/parallaxworkbench/parallax/ui/textview"
)

// ID is the panel's ID.
const ID = "entities"

// maxHits is the most entities listed for a query.
const maxHits = 60

// Panel is the entity search panel. Create it with New.
type Panel struct {
	// fit cuts the rows' names and titles to their width (uikit.FitLabel).
	fit      uikit.Fitter
	ctrl     *state.Controller
	analysis *engine.Analysis
	searcher *search.Searcher

	query  string
	hits   []search.Hit
	chosen string // the entity whose mentions are listed, or ""
	phrase bool   // the mentions are phrase hits
	items  []item

	marks *marks
	layer state.HighlightFunc
	top   []search.Hit // the results of the empty query
	// listed keeps entities' mention lists (see keep) until the
	// analysis or the documents' metadata change.
	listed map[string]*listed
	// listing lists the mentions of a much-mentioned entity in the
	// background (asyncFrom mentions or more). Tests set beforeList (run
	// in the background first) and afterList (after the list is shown).
	listing    *bridge.Task
	listingID  string           // the entity listing lists
	listingOf  *engine.Analysis // in this analysis
	asyncFrom  int
	beforeList func()
	afterList  func()
	// ready is the data prepared off the main goroutine for the analysis
	// about to be announced (see prepareAnalysis), until setAnalysis takes
	// it. epoch counts the projects and analyses announced: a preparation
	// started under an older epoch is stale and stops early.
	ready *prepared
	epoch atomic.Uint64

	entry    *SearchEntry
	header   *widget.Entry
	allMarks *widget.Check
	results  *widget.List
	resSel   widget.ListItemID // the selected result, or -1
	menSel   bool              // a line of the mention list is selected
	resEmpty *widget.Label
	caption  *widget.Label
	mentions *widget.List
	menEmpty *widget.Label
	root     fyne.CanvasObject
}

// New returns the panel, following ctrl: it searches the current analysis
// and asks ctrl to reveal the mentions chosen.
func New(ctrl *state.Controller) *Panel {
	p := &Panel{ctrl: ctrl, marks: newMarks(), asyncFrom: asyncFrom}
	p.layer = func(d *document.Document) []textview.Highlight { return p.marks.highlights(d) }

	p.entry = newSearchEntry(p)
	p.entry.SetPlaceHolder("Search entities or phrases  (Ctrl+K)")
	p.entry.OnChanged = p.SetQuery
	p.entry.OnSubmitted = func(string) { p.revealFirst() }
	p.allMarks = widget.NewCheck("Highlight entities in the text", func(on bool) {
		p.marks.all = on
		p.ctrl.RefreshHighlights()
	})
	p.allMarks.SetChecked(true)

	p.results = widget.NewList(func() int { return len(p.hits) }, p.newHitRow, p.updateHitRow)
	p.resSel = -1
	p.results.OnSelected = func(i widget.ListItemID) {
		p.resSel = i
		if i >= 0 && i < len(p.hits) {
			p.choose(p.hits[i].ID)
		}
	}
	p.results.OnUnselected = func(widget.ListItemID) { p.resSel = -1 }
	p.resEmpty = uikit.EmptyLabel("")
	p.caption = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.caption.Truncation = fyne.TextTruncateEllipsis
	p.mentions = widget.NewList(func() int { return len(p.items) }, p.newItemRow, p.updateItemRow)
	p.mentions.OnSelected = p.itemSelected
	p.mentions.OnUnselected = func(widget.ListItemID) { p.menSel = false }
	p.menEmpty = uikit.EmptyLabel("Choose an entity to list its mentions.")

	top := container.NewVBox(container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), nil, p.entry), p.allMarks)
	upper := container.NewStack(p.results, container.NewCenter(p.resEmpty))
	lower := container.NewBorder(container.NewVBox(widget.NewSeparator(), p.caption), nil, nil, nil,
		container.NewStack(p.mentions, container.NewCenter(p.menEmpty)))
	split := container.NewVSplit(upper, lower)
	split.Offset = 0.42
	p.root = container.NewBorder(top, nil, nil, nil, split)

	ctrl.OnAnalysisPrepare(p.prepare)
	ctrl.OnAnalysisChanged(p.setAnalysis)
	ctrl.OnProjectChanged(func(*state.Project) { p.setAnalysis(nil) })
	ctrl.OnHighlightsChanged(p.keepLayer)
	ctrl.OnMetadataChanged(func() { p.listed = nil }) // outlets and titles may have changed
	p.setAnalysis(ctrl.Analysis())
	return p
}

// Panel returns the panel's description for the window: a sidebar tab whose
// Ctrl+K shortcut focuses the search field.
func (p *Panel) Panel() state.Panel {
	return state.Panel{
		ID: ID, Title: "Entities", Icon: theme.SearchIcon(), Slot: state.SlotSidebar,
		Content:    p.root,
		Shortcut:   &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault},
		OnShortcut: p.Focus,
	}
}

// Object returns the panel's widget tree.
func (p *Panel) Object() fyne.CanvasObject { return p.root }

// Entry returns the search field.
func (p *Panel) Entry() *SearchEntry { return p.entry }

// Focus gives the keyboard focus to the search field and selects its text.
// Right after the panel's tab was brought to the front the field is not on
// a canvas yet: then it tries again once the window has drawn it.
func (p *Panel) Focus() {
	if p.focusNow() {
		return
	}
	safego.Go("focus the search field", func() {
		for range 10 {
			time.Sleep(30 * time.Millisecond)
			done := make(chan bool, 1)
			bridge.Do(func() { done <- p.focusNow() })
			if <-done {
				return
			}
		}
	}, nil)
}

func (p *Panel) focusNow() bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(p.entry)
	if c == nil || !p.entry.Visible() {
		return false
	}
	c.Focus(p.entry)
	p.entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	return true
}

// HeaderField returns a compact search field for the window's header bar,
// always visible: what is typed there goes to the panel's field and brings
// the panel to the front; Enter reveals the first mention.
func (p *Panel) HeaderField() fyne.CanvasObject {
	if p.header == nil {
		e := widget.NewEntry()
		e.SetPlaceHolder("Search entities  (Ctrl+K)")
		e.ActionItem = widget.NewIcon(theme.SearchIcon())
		e.OnChanged = func(s string) {
			if s != p.entry.Text {
				p.ctrl.ShowPanel(ID)
				p.entry.SetText(s)
			}
		}
		e.OnSubmitted = func(string) {
			p.ctrl.ShowPanel(ID)
			p.revealFirst()
		}
		p.header = e
	}
	return container.New(&fixedWidth{280}, p.header)
}

// prepare runs off the main goroutine with an analysis about to be
// announced: it derives the panel's data from it and returns the function
// that hands the data to setAnalysis, or nil when a newer project or
// analysis was announced meanwhile.
func (p *Panel) prepare(a *engine.Analysis) (apply func()) {
	epoch := p.epoch.Load()
	pr := prepareAnalysis(a, preparedMentions, func() bool { return p.epoch.Load() != epoch })
	if pr == nil {
		return nil
	}
	return func() {
		if p.epoch.Load() == epoch {
			p.ready = pr
		}
	}
}

// setAnalysis starts over with a new analysis (nil while analysing), with
// the data prepared for it in the background when there is some. The same
// analysis announced again (after an edit of documents' metadata) keeps
// the toggles and colours as they are.
// sameGrouping reports whether b is a or a successor of a with the same
// entities and search index (a stance edit makes a new analysis that shares
// them): the prepared lists still hold.
func sameGrouping(a, b *engine.Analysis) bool {
	return a == b || a != nil && b != nil && a.Entities() == b.Entities() && a.Search() == b.Search()
}

func (p *Panel) setAnalysis(a *engine.Analysis) {
	pr := p.ready
	p.ready = nil
	p.epoch.Add(1)
	if a == nil || !sameGrouping(a, p.analysis) {
		if pr == nil || pr.a != a {
			pr = prepareAnalysis(a, 0, nil) // announced without preparation
		}
		p.analysis = a
		p.searcher = pr.searcher
		p.top = pr.top
		p.listed = map[string]*listed{}
		for id, rows := range pr.rows {
			p.listed[id] = &listed{rows: rows}
		}
		p.marks.install(pr)
	} else {
		p.analysis = a
		p.listed = nil // the documents' outlets or titles may have changed
	}
	if a != nil {
		p.ctrl.SetHighlightLayer(LayerEntities, p.layer)
	}
	keep := p.chosen
	p.chosen = ""
	p.search()
	if keep != "" && strings.TrimSpace(p.query) == "" && p.entity(keep) != nil {
		p.choose(keep)
	}
}

// keepLayer puts the panel's layer back when the window replaced it with
// its default one (it does so right after every analysis).
func (p *Panel) keepLayer() {
	if p.analysis == nil {
		return
	}
	if cur := p.ctrl.HighlightLayers()[LayerEntities]; cur != nil && !sameFunc(cur, p.layer) {
		p.ctrl.SetHighlightLayer(LayerEntities, p.layer)
	}
}

// SetQuery searches for q, as typing in the field does.
func (p *Panel) SetQuery(q string) {
	if p.entry.Text != q {
		p.entry.SetText(q) // calls back here through OnChanged
		return
	}
	p.query = q
	if p.header != nil && p.header.Text != q {
		p.header.SetText(q)
	}
	p.search()
}

// search lists the entities that fit the query (the most mentioned ones
// when it is empty) and the mentions of the best one when it fits well, or
// the phrase's hits when no entity does.
func (p *Panel) search() {
	p.hits, p.items, p.phrase = nil, nil, false
	q := strings.TrimSpace(p.query)
	switch {
	case p.analysis == nil || p.searcher == nil:
		p.resEmpty.SetText(uikit.NoAnalysisYet(p.ctrl.Project() != nil))
	case q == "":
		p.hits = p.top
		p.resEmpty.SetText("No entities found in this project.")
	default:
		p.hits = p.searcher.Entities(q, maxHits)
		p.resEmpty.SetText(fmt.Sprintf("No entity is named like “%s”.", q))
	}
	uikit.ShowIf(p.resEmpty, len(p.hits) == 0)
	// Each refresh of the list measures its rows' text again: one per
	// keystroke is enough.
	good := q != "" && len(p.hits) > 0 && p.hits[0].Good
	switch {
	case good && p.resSel == 0:
		p.results.Refresh()
		p.results.ScrollToTop()
		p.choose(p.hits[0].ID)
		return
	case good:
		p.results.Select(0) // refreshes, scrolls, and lists its mentions
		return
	case p.resSel >= 0:
		p.results.UnselectAll()
	default:
		p.results.Refresh()
	}
	if p.results.GetScrollOffset() != 0 {
		p.results.ScrollToTop()
	}
	if q != "" && p.searcher != nil {
		p.showPhrase(q)
		return
	}
	p.chosen = ""
	p.caption.SetText("")
	p.menEmpty.SetText("Choose an entity to list its mentions.")
	if p.analysis == nil {
		p.menEmpty.SetText("")
	}
	p.refreshItems()
}

// topEntities returns the most mentioned entities as hits.
func topEntities(res *alias.Result, n int) []search.Hit {
	if res == nil {
		return nil
	}
	out := make([]search.Hit, 0, min(n, len(res.Entities)))
	for _, e := range res.Entities {
		out = append(out, search.Hit{ID: e.ID, Name: e.Name, Kind: e.Kind.String(), Mentions: len(e.Mentions), Form: e.Name, Entity: e})
	}
	// res.Entities come most mentioned first; keep that order but make
	// sure of it.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Mentions > out[j-1].Mentions; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Hits returns the entities listed, best first.
func (p *Panel) Hits() []search.Hit { return append([]search.Hit(nil), p.hits...) }

// Choose lists the mentions of the entity listed at i.
func (p *Panel) Choose(i int) {
	if i >= 0 && i < len(p.hits) {
		p.results.Select(i)
	}
}

// Chosen returns the ID of the entity whose mentions are listed, or "".
func (p *Panel) Chosen() string { return p.chosen }

// ChooseEntity lists the mentions of the entity with this ID, whether or
// not the current query lists it; false when the analysis has no such
// entity.
func (p *Panel) ChooseEntity(id string) bool {
	if p.entity(id) == nil {
		return false
	}
	p.choose(id)
	return true
}

// HighlightState returns the master switch of the entity highlights and
// the toggles the analyst set (or the entities they chose), for saving in a
// workspace; the others keep their defaults.
func (p *Panel) HighlightState() (all bool, entities map[string]bool) {
	entities = make(map[string]bool, len(p.marks.touched))
	for id := range p.marks.touched {
		entities[id] = p.marks.on[id]
	}
	return p.marks.all, entities
}

// SetHighlightState restores what HighlightState returned: the master
// switch and the toggles of the entities that still exist; entities the
// map does not name keep their toggles.
func (p *Panel) SetHighlightState(all bool, entities map[string]bool) {
	for id, on := range entities {
		if p.entity(id) != nil {
			p.marks.set(id, on)
			p.marks.touched[id] = true
		}
	}
	p.allMarks.SetChecked(all) // refreshes the panes when it changes
	p.ctrl.RefreshHighlights()
	p.results.Refresh()
}

func (p *Panel) entity(id string) *alias.Entity {
	if p.analysis == nil || p.analysis.Entities() == nil {
		return nil
	}
	return p.analysis.Entities().Entity(id)
}

// choose lists every mention of entity id in context, grouped by outlet and
// document, and makes sure its mentions are highlighted.
func (p *Panel) choose(id string) {
	e := p.entity(id)
	if e == nil {
		return
	}
	p.chosen, p.phrase = id, false
	p.marks.touched[id] = true
	if !p.marks.on[id] {
		p.marks.set(id, true)
		p.ctrl.RefreshHighlights()
		p.results.Refresh()
	}
	l := p.listed[id]
	if l == nil && len(e.Mentions) >= p.asyncFrom {
		p.listLater(id, e)
		return
	}
	p.stopListing()
	if l == nil {
		l = &listed{rows: p.analysis.Search().Mentions(id)}
		p.keep(id, l)
	}
	if l.items == nil {
		l.items = p.group(l.rows, textview.PaletteColor(p.marks.color(id)))
	}
	rows := l.rows
	p.items = l.items
	p.caption.SetText(fmt.Sprintf("%s · %s · %s in %s", e.Name, e.Kind, uikit.Plural(len(rows), "mention"), uikit.Plural(len(e.Documents), "document")))
	p.menEmpty.SetText("")
	p.refreshItems()
}

// maxListed is the most entities whose mention lists the panel keeps.
const maxListed = 16

// listed is an entity's mentions in context, sorted by outlet and
// document, and the lines listing them (nil until shown).
type listed struct {
	rows  []search.Row
	items []item
}

// keep keeps the mention list of entity id (forgetting them all when
// maxListed are kept): lists are prepared with the analysis for the most
// mentioned entities, and kept for the others once made (typing a name on
// chooses the same entity at every key).
func (p *Panel) keep(id string, l *listed) {
	if p.listed == nil || len(p.listed) >= maxListed {
		p.listed = map[string]*listed{}
	}
	p.listed[id] = l
}

// stopListing cancels the mention list under way, if any.
func (p *Panel) stopListing() {
	if p.listing != nil {
		p.listing.Cancel()
		p.listing = nil
	}
}

// asyncFrom is, by default, how many mentions an entity has for its list
// to be made in the background: the window stays free while tens of
// thousands of mentions of a name are gathered and sorted.
const asyncFrom = 2000

// listLater shows entity id as chosen with its mentions on the way, and
// gathers them in the background (unless that is under way already: typing
// on in a name chooses it again); the list is shown when it is ready and
// the entity is still the one chosen in the same analysis.
func (p *Panel) listLater(id string, e *alias.Entity) {
	p.items = nil
	p.caption.SetText(fmt.Sprintf("%s · %s · listing %s…", e.Name, e.Kind, uikit.Plural(len(e.Mentions), "mention")))
	p.menEmpty.SetText("")
	p.refreshItems()
	if p.listing != nil && p.listingID == id && p.listingOf == p.analysis {
		return
	}
	p.stopListing()
	a, t, before := p.analysis, bridge.NewTask(), p.beforeList
	p.listing, p.listingID, p.listingOf = t, id, a
	bridge.StartTask(t, func(ctx context.Context, _ func(state.Progress)) (*listed, error) {
		if before != nil {
			before()
		}
		return &listed{rows: a.Search().Mentions(id)}, ctx.Err()
	}, nil, func(l *listed, err error) {
		if p.listing != t {
			return // cancelled: another entity, query or analysis came
		}
		p.listing = nil
		if err != nil || p.analysis != a || p.chosen != id {
			return
		}
		p.keep(id, l)
		p.choose(id)
		if p.afterList != nil {
			p.afterList()
		}
	})
}

// showPhrase lists the places where the query is written in the
// documents.
func (p *Panel) showPhrase(q string) {
	rows := p.analysis.Search().Phrase(q, 500)
	p.chosen, p.phrase = "", true
	p.items = p.group(rows, phraseTint)
	if len(rows) == 0 {
		p.caption.SetText(fmt.Sprintf("“%s” is not written in any document", q))
		p.menEmpty.SetText("Nothing found. Try fewer letters or another spelling.")
	} else {
		p.caption.SetText(fmt.Sprintf("“%s” in the text · %s", q, uikit.Plural(len(rows), "place")))
		p.menEmpty.SetText("")
	}
	p.refreshItems()
}

// Phrase reports whether the mentions listed are phrase hits.
func (p *Panel) Phrase() bool { return p.phrase }

var phraseTint = color.NRGBA{0xfd, 0xe0, 0x47, 0x90}

// fixedWidth lays out one object at a fixed minimum width.
type fixedWidth struct{ w float32 }

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(s)
	}
}

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}

// SearchEntry is the search field: Up and Down move through the results,
// Enter reveals the first mention, Escape clears the query.
type SearchEntry struct {
	widget.Entry
	p *Panel
}

func newSearchEntry(p *Panel) *SearchEntry {
	e := &SearchEntry{p: p}
	e.ExtendBaseWidget(e)
	return e
}

func (e *SearchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		e.p.step(1)
	case fyne.KeyUp:
		e.p.step(-1)
	case fyne.KeyEscape:
		e.SetText("")
	default:
		e.Entry.TypedKey(k)
	}
}

// step moves the chosen result by d.
func (p *Panel) step(d int) {
	if len(p.hits) == 0 {
		return
	}
	i := -1
	for j, h := range p.hits {
		if h.ID == p.chosen {
			i = j
		}
	}
	i = min(max(i+d, 0), len(p.hits)-1)
	p.results.Select(i)
	p.results.ScrollTo(i)
}

// --- the result rows ---

func (p *Panel) newHitRow() fyne.CanvasObject {
	check := widget.NewCheck("", nil)
	swatch := canvas.NewRectangle(color.Transparent)
	swatch.SetMinSize(fyne.NewSize(10, 10))
	swatch.CornerRadius = 2
	name := uikit.NewFitLabel(&p.fit, fyne.TextStyle{Bold: true})
	kind := widget.NewLabel("")
	kind.Importance = widget.LowImportance
	count := widget.NewLabel("")
	count.Importance = widget.LowImportance
	forms := uikit.NewFitLabel(&p.fit, fyne.TextStyle{})
	forms.Label().Importance = widget.LowImportance
	line1 := container.NewBorder(nil, nil, nil, container.NewHBox(kind, count), name)
	text := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), line1, forms)
	left := container.NewHBox(check, container.NewCenter(swatch))
	return container.NewBorder(nil, nil, left, nil, text)
}

func (p *Panel) updateHitRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.hits) {
		return
	}
	h := p.hits[i]
	row := o.(*fyne.Container)
	text := row.Objects[0].(*fyne.Container)
	left := row.Objects[1].(*fyne.Container)
	check := left.Objects[0].(*widget.Check)
	swatch := left.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
	line1 := text.Objects[0].(*fyne.Container)
	right := line1.Objects[1].(*fyne.Container)
	line1.Objects[0].(*uikit.FitLabel).SetText(h.Name)
	changed := setText(right.Objects[0].(*widget.Label), h.Kind)
	changed = setText(right.Objects[1].(*widget.Label), uikit.Plural(h.Mentions, "mention")) || changed
	text.Objects[1].(*uikit.FitLabel).SetText(formsLine(h))
	if changed { // the name's room changed
		line1.Refresh()
	}

	id := h.ID
	on := p.marks.on[id]
	check.OnChanged = nil
	if check.Checked != on {
		check.SetChecked(on)
	}
	check.OnChanged = func(b bool) { p.SetHighlighted(id, b) }
	fill, stroke := color.Color(color.Transparent), float32(1)
	if on {
		fill, stroke = textview.PaletteColor(p.marks.colors[id]), 0
	}
	if swatch.FillColor != fill || swatch.StrokeWidth != stroke {
		swatch.FillColor, swatch.StrokeWidth = fill, stroke
		swatch.StrokeColor = theme.Color(theme.ColorNameDisabled)
		swatch.Refresh()
	}
}

// setText sets a label's text when it differs, and reports whether it did:
// list rows are refilled on every keystroke, and measuring text is what
// costs.
func setText(l *widget.Label, s string) bool {
	if l.Text == s {
		return false
	}
	l.SetText(s)
	return true
}

// formsLine lists the spellings of a hit's entity, the one that matched
// first, with counts.
func formsLine(h search.Hit) string {
	if h.Entity == nil {
		return h.Form
	}
	var parts []string
	seen := map[string]bool{}
	add := func(s string, n int) {
		if seen[s] {
			return
		}
		seen[s] = true
		if n > 1 {
			parts = append(parts, fmt.Sprintf("%s ×%d", s, n))
		} else {
			parts = append(parts, s)
		}
	}
	for _, f := range h.Entity.Forms {
		if f.Text == h.Form {
			add(f.Text, f.Count)
		}
	}
	for _, f := range h.Entity.Forms {
		add(f.Text, f.Count)
	}
	return strings.Join(parts, " · ")
}

// SetHighlighted turns the highlighting of one entity on or off.
func (p *Panel) SetHighlighted(id string, on bool) {
	p.marks.set(id, on)
	p.marks.touched[id] = true
	p.results.Refresh()
	p.ctrl.RefreshHighlights()
}

// Highlighted reports whether the entity's mentions are highlighted.
func (p *Panel) Highlighted(id string) bool { return p.marks.all && p.marks.on[id] }

// SetAllHighlighted turns the entity highlights on or off as a whole.
func (p *Panel) SetAllHighlighted(on bool) { p.allMarks.SetChecked(on) }
