package sourcepanel

import (
	"fmt"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/ui/uikit"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/framing"
)

// The most entities, descriptors and sources shown.
const (
	maxEntities    = 6
	maxDescriptors = 5
	maxSources     = 12
)

// showFraming fills the lower part: naming, loaded terms and sources of
// the focused document.
func (p *Panel) showFraming() {
	p.framing.RemoveAll()
	a := p.ctrl.Analysis()
	if a == nil || a.Framing() == nil {
		p.framing.Add(heading("Framing"))
		p.framing.Add(lowLabel("Analysing…"))
		return
	}
	df := a.DocumentFraming(p.doc.Path)
	if df == nil {
		p.framing.Add(heading("Framing"))
		p.framing.Add(lowLabel("This document was not part of the analysis."))
		return
	}
	p.addNaming(a.Framing(), df)
	p.addTerms(df)
	p.addSources(a, df)
}

// addNaming shows how the document names its main entities, and what the
// other outlets call them.
func (p *Panel) addNaming(fa *framing.Analysis, df *framing.DocumentFraming) {
	p.framing.Add(heading("Naming"))
	ents := append([]framing.DocEntity(nil), df.Entities...)
	sort.SliceStable(ents, func(i, j int) bool { return ents[i].Mentions > ents[j].Mentions })
	if len(ents) == 0 {
		p.framing.Add(lowLabel("No entities found in this document."))
		return
	}
	byID := map[string]*framing.EntityNaming{}
	for i := range fa.Entities {
		byID[fa.Entities[i].ID] = &fa.Entities[i]
	}
	if len(ents) > maxEntities {
		ents = ents[:maxEntities]
	}
	for _, e := range ents {
		p.framing.Add(p.boldText(fmt.Sprintf("%s  ·  %s", e.Name, uikit.Plural(e.Mentions, "mention"))))
		lines := container.New(&tightVBox{})
		lines.Add(p.line("Here: ", forms(e.Forms), false))
		if d := descriptors(e.Descriptors); d != "" {
			lines.Add(p.line("Described as ", d, false))
		}
		if en := byID[e.ID]; en != nil {
			for _, o := range en.Outlets {
				if o.Outlet == p.doc.Meta.Outlet.Value && o.Outlet != "" {
					continue
				}
				name := o.Outlet
				if name == "" {
					name = "Unknown outlet"
				}
				text := forms(o.Forms)
				if d := descriptors(o.Descriptors); d != "" {
					text += "  —  " + d
				}
				lines.Add(p.line(name+": ", text, true))
			}
		}
		p.framing.Add(lines)
	}
}

// addTerms shows the document's loaded terms by category, with counts and
// rates per 1,000 words.
func (p *Panel) addTerms(df *framing.DocumentFraming) {
	p.framing.Add(heading("Loaded terms"))
	if !df.TermsCovered {
		// not measured: a zero here would read as "uses none"
		p.framing.Add(lowLabel(capitalise(framing.NotCovered(df.Language)) + ": the lexicon has no terms in this language."))
		return
	}
	terms := append([]framing.CategoryCount(nil), df.Terms...)
	sort.SliceStable(terms, func(i, j int) bool { return terms[i].Count > terms[j].Count })
	rows := container.New(&tightVBox{})
	n := 0
	for _, c := range terms {
		if c.Count == 0 {
			continue
		}
		n++
		var parts []string
		for _, t := range c.Terms {
			parts = append(parts, fmt.Sprintf("%s %d", termText(t.Term), t.Count))
		}
		rows.Add(p.line(c.Category+": ", fmt.Sprintf("%d, %.1f per 1,000 words", c.Count, c.Rate), false))
		rows.Add(p.line("", strings.Join(parts, " · "), true))
	}
	if n == 0 {
		p.framing.Add(lowLabel("None of the lexicon's terms."))
		return
	}
	p.framing.Add(lowLabel(fmt.Sprintf("%d words in the body", df.Words)))
	p.framing.Add(rows)
}

// addSources shows whom the document quotes or cites: the engine counts
// them (engine.Analysis.DocumentVoices, as it counts each outlet's), the
// panel only adds the first description the document gives each.
func (p *Panel) addSources(a *engine.Analysis, df *framing.DocumentFraming) {
	p.framing.Add(heading("Quoted and cited"))
	if !df.SourcesCovered {
		p.framing.Add(lowLabel(capitalise(framing.NotCovered(df.Language)) + ": no attribution rules for this language."))
		return
	}
	vs := a.DocumentVoices(df.Path)
	if len(vs) == 0 {
		p.framing.Add(lowLabel("Nobody is quoted or cited."))
		return
	}
	desc := map[string]string{}
	for _, s := range df.Sources {
		if w := strings.TrimSpace(s.Who()); desc[w] == "" {
			desc[w] = s.Description
		}
	}
	rows := container.New(&tightVBox{})
	for i, v := range vs {
		if i == maxSources {
			p.framing.Add(rows)
			p.framing.Add(lowLabel(fmt.Sprintf("and %d more", len(vs)-maxSources)))
			return
		}
		text := ""
		if d := desc[v.Speaker]; d != "" {
			text = d + " "
		}
		switch {
		case v.Direct == v.Count:
			text += fmt.Sprintf("×%d, quoted", v.Count)
		case v.Direct > 0:
			text += fmt.Sprintf("×%d, %d quoted", v.Count, v.Direct)
		default:
			text += fmt.Sprintf("×%d", v.Count)
		}
		rows.Add(p.line(v.Speaker+"  ", text, false))
	}
	p.framing.Add(rows)
}

// line is a wrapped line with a bold lead-in; dim lines are for other
// outlets' values. A line with right-to-left or Arabic-script text (forms,
// outlet names, quoted people) is a script paragraph, in reading order with
// the embedded Arabic face (its lead-in is then not bold).
func (p *Panel) line(lead, text string, dim bool) fyne.CanvasObject {
	col := theme.ColorNameForeground
	if dim {
		col = theme.ColorNamePlaceHolder
	}
	if p.fit.NeedsScript(lead + text) {
		t := uikit.NewScriptText(p.fit.Fonts(), lead+text, fyne.TextStyle{})
		t.SetColor(col)
		return t
	}
	var segs []widget.RichTextSegment
	if lead != "" {
		segs = append(segs, &widget.TextSegment{Text: lead, Style: widget.RichTextStyle{
			Inline: true, ColorName: col, TextStyle: fyne.TextStyle{Bold: true}}})
	}
	segs = append(segs, &widget.TextSegment{Text: text, Style: widget.RichTextStyle{Inline: true, ColorName: col}})
	r := widget.NewRichText(segs...)
	r.Wrapping = fyne.TextWrapWord
	return r
}

// forms lists surface forms with their counts.
func forms(fs []framing.FormCount) string {
	parts := make([]string, 0, len(fs))
	for _, f := range fs {
		if f.Count > 1 {
			parts = append(parts, fmt.Sprintf("%s ×%d", f.Form, f.Count))
		} else {
			parts = append(parts, f.Form)
		}
	}
	return strings.Join(parts, " · ")
}

// descriptors lists the first descriptors, quoted.
func descriptors(ds []framing.Descriptor) string {
	sorted := append([]framing.Descriptor(nil), ds...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Count > sorted[j].Count })
	var parts []string
	for i, d := range sorted {
		if i == maxDescriptors {
			parts = append(parts, fmt.Sprintf("+%d", len(sorted)-maxDescriptors))
			break
		}
		parts = append(parts, "“"+d.Text+"”")
	}
	return strings.Join(parts, ", ")
}

// termText shows a lexicon term as a reader would write it: "=said" is
// "said", "liberat*" is "liberat…".
func termText(t string) string {
	t = strings.TrimPrefix(t, "=")
	if strings.HasSuffix(t, "*") {
		t = strings.TrimSuffix(t, "*") + "…"
	}
	return t
}

// heading of an entity: a bold wrapped label, or a script paragraph for
// right-to-left or Arabic-script names.
func (p *Panel) boldText(s string) fyne.CanvasObject {
	if p.fit.NeedsScript(s) {
		return uikit.NewScriptText(p.fit.Fonts(), s, fyne.TextStyle{Bold: true})
	}
	return boldLabel(s)
}

func boldLabel(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// formLayout is a two-column form: keys on the left in a column as wide as
// the widest key (at most a third of the width), values filling the rest,
// rows as tall as their tallest cell at that width.
type formLayout struct{}

func (f *formLayout) keyWidth(objs []fyne.CanvasObject, width float32) float32 {
	kw := float32(0)
	for i := 0; i < len(objs); i += 2 {
		kw = max(kw, natural(objs[i]))
	}
	return min(kw, width/3)
}

// natural is the width an object takes untruncated: a label's full text.
func natural(o fyne.CanvasObject) float32 {
	if l, ok := o.(*widget.Label); ok {
		return fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
	}
	return o.MinSize().Width
}

func (f *formLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	kw := f.keyWidth(objs, s.Width)
	pad := theme.Padding()
	y := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		k, v := objs[i], objs[i+1]
		vw := s.Width - kw - pad
		v.Resize(fyne.NewSize(vw, v.MinSize().Height))
		h := max(k.MinSize().Height, v.MinSize().Height) // measured at its new width
		k.Move(fyne.NewPos(0, y))
		k.Resize(fyne.NewSize(kw, k.MinSize().Height))
		v.Move(fyne.NewPos(kw+pad, y))
		v.Resize(fyne.NewSize(vw, h))
		y += h
	}
}

func (f *formLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	kw := float32(0)
	for i := 0; i+1 < len(objs); i += 2 {
		k, v := objs[i], objs[i+1]
		kw = max(kw, natural(k))
		vm := v.MinSize()
		w = max(w, vm.Width)
		h += max(k.MinSize().Height, vm.Height)
	}
	return fyne.NewSize(min(kw, 120)+theme.Padding()+w, h)
}

// tightVBox stacks objects vertically without the padding between them.
type tightVBox struct{}

func (t *tightVBox) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(s.Width, h))
		y += h
	}
}

func (t *tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w = max(w, m.Width)
		h += m.Height
	}
	return fyne.NewSize(w, h)
}

// capitalise upper-cases the first letter of an ASCII sentence.
func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
