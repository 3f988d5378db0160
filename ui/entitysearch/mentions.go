package entitysearch

import (
	"fmt"
	"image/color"
	"path"

	"github.com/parallaxworkbench/parallax/ui/uikit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/search"
)

// itemKind is what a line of the mention list shows.
type itemKind int

const (
	outletItem itemKind = iota
	docItem
	mentionItem
)

// item is one line of the mention list: an outlet heading, a document
// heading, or a mention in context.
type item struct {
	kind  itemKind
	label string // headings
	note  string // headings: counts
	row   search.Row
	tint  color.Color
}

// Group is the mentions listed for one outlet, by document, as shown.
type Group struct {
	Outlet    string
	Documents []string
	Mentions  int
}

// group turns rows sorted by outlet and document into list lines.
func (p *Panel) group(rows []search.Row, tint color.Color) []item {
	var out []item
	for _, og := range search.GroupRows(rows) {
		n := 0
		for _, dg := range og.Documents {
			n += len(dg.Rows)
		}
		outlet := og.Outlet
		if outlet == "" {
			outlet = "Unknown outlet"
		}
		out = append(out, item{kind: outletItem, label: outlet,
			note: fmt.Sprintf("%s · %s", uikit.Plural(len(og.Documents), "document"), uikit.Plural(n, "mention"))})
		for _, dg := range og.Documents {
			title := dg.Path
			if d := p.doc(dg.Path); d != nil {
				title = d.Name()
			}
			out = append(out, item{kind: docItem, label: title, note: path.Base(dg.Path), row: search.Row{Path: dg.Path}})
			for _, r := range dg.Rows {
				out = append(out, item{kind: mentionItem, row: r, tint: tint})
			}
		}
	}
	return out
}

// Groups returns the mentions listed, by outlet and document.
func (p *Panel) Groups() []Group {
	var out []Group
	for _, it := range p.items {
		switch it.kind {
		case outletItem:
			out = append(out, Group{Outlet: it.label})
		case docItem:
			g := &out[len(out)-1]
			g.Documents = append(g.Documents, it.row.Path)
		case mentionItem:
			out[len(out)-1].Mentions++
		}
	}
	return out
}

// MentionRows returns the mentions (or phrase hits) listed, in order.
func (p *Panel) MentionRows() []search.Row {
	var out []search.Row
	for _, it := range p.items {
		if it.kind == mentionItem {
			out = append(out, it.row)
		}
	}
	return out
}

// ChooseMention reveals the i-th mention listed (as MentionRows orders
// them), as selecting it in the list does.
func (p *Panel) ChooseMention(i int) {
	n := 0
	for j, it := range p.items {
		if it.kind != mentionItem {
			continue
		}
		if n == i {
			p.mentions.Select(j)
			p.mentions.ScrollTo(j)
			return
		}
		n++
	}
}

func (p *Panel) doc(rel string) *document.Document {
	return p.ctrl.Project().Doc(rel)
}

// itemSelected reveals a mention, or a document's first mention.
func (p *Panel) itemSelected(i widget.ListItemID) {
	p.menSel = true
	if i < 0 || i >= len(p.items) {
		return
	}
	it := p.items[i]
	switch it.kind {
	case outletItem:
		p.mentions.Unselect(i)
	case docItem:
		p.mentions.Unselect(i)
		if i+1 < len(p.items) && p.items[i+1].kind == mentionItem {
			p.mentions.Select(i + 1)
		}
	case mentionItem:
		if d := p.doc(it.row.Path); d != nil {
			p.ctrl.Reveal(d, document.Span{Start: it.row.Start, End: it.row.End})
		}
	}
}

// revealFirst reveals the first mention listed.
func (p *Panel) revealFirst() {
	for i, it := range p.items {
		if it.kind == mentionItem {
			p.mentions.Select(i)
			p.mentions.ScrollTo(i)
			return
		}
	}
}

func (p *Panel) refreshItems() {
	if p.menSel {
		p.mentions.UnselectAll() // refreshes
	} else {
		p.mentions.Refresh()
	}
	if p.mentions.GetScrollOffset() != 0 {
		p.mentions.ScrollToTop()
	}
	uikit.ShowIf(p.menEmpty, len(p.items) == 0 && p.menEmpty.Text != "")
}

func (p *Panel) newItemRow() fyne.CanvasObject {
	outlet := uikit.NewFitLabel(&p.fit, fyne.TextStyle{Bold: true})
	oNote := widget.NewLabel("")
	oNote.Importance = widget.LowImportance
	title := uikit.NewFitLabel(&p.fit, fyne.TextStyle{Italic: true})
	dNote := widget.NewLabel("")
	dNote.Importance = widget.LowImportance
	icon := widget.NewIcon(theme.DocumentIcon())
	return container.NewStack(
		container.NewBorder(nil, nil, nil, oNote, outlet),
		container.NewBorder(nil, nil, container.NewHBox(spacer(theme.Padding()*2), icon), dNote, title),
		newKWIC(&p.fit),
	)
}

func (p *Panel) updateItemRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(p.items) {
		return
	}
	it := p.items[i]
	st := o.(*fyne.Container)
	for j, c := range st.Objects {
		if on := j == int(it.kind); on != c.Visible() {
			uikit.ShowIf(c, on)
		}
	}
	switch it.kind {
	case outletItem:
		b := st.Objects[0].(*fyne.Container)
		b.Objects[0].(*uikit.FitLabel).SetText(it.label)
		if setText(b.Objects[1].(*widget.Label), it.note) {
			b.Refresh() // the label's room changed
		}
	case docItem:
		b := st.Objects[1].(*fyne.Container)
		b.Objects[0].(*uikit.FitLabel).SetText(it.label)
		if setText(b.Objects[2].(*widget.Label), it.note) {
			b.Refresh()
		}
	case mentionItem:
		st.Objects[2].(*kwic).set(it.row.Left, it.row.Text, it.row.Right, tintOf(it.tint))
	}
}

// tintOf returns the translucent background drawn behind a keyword.
func tintOf(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	a := uint8(0x50)
	if fyne.CurrentApp() != nil && fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark {
		a = 0x70
	}
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}

// spacer is an empty object of width w.
func spacer(w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return r
}
