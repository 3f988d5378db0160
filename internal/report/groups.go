package report

// The comparison by stance: what each stance's documents say that the
// others do not (distinctive terms, blind spots) and how each names the
// main actors. Built here; pdf.go and html.go each call one function.

import (
	"context"
	"fmt"
	"html"
	"image/color"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/parallaxworkbench/parallax/internal/distinctive"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/groups"
)

// SectionGroups compares the documents grouped by stance.
const SectionGroups Section = "groups"

// groupsHeading is SectionGroups' heading.
const groupsHeading = "Comparison by stance"

// How much of each group the section shows.
const (
	groupTopTerms    = 12
	groupChartTerms  = 10
	groupBlindSpots  = 12
	groupOnlyTerms   = 12
	groupActors      = 8
	groupMaxInTables = 6 // groups side by side in the naming table
)

// GroupsView is the comparison by stance.
type GroupsView struct {
	By string
	// Note explains an empty or partial comparison.
	Note      string
	Groups    []GroupView
	Naming    []groups.ActorNaming
	Ungrouped int
}

// GroupView is one stance's documents.
type GroupView struct {
	Name        string
	Documents   int
	Outlets     []string
	Distinctive []distinctive.Term
	// Blind are entities only this group mentions (BlindTotal all of them).
	Blind      []groups.Entity
	BlindTotal int
	OnlyTerms  []groups.Term
	Passages   int
	chart      *chart
}

// buildGroups fills r.Groups from the whole project's analysis (a report
// of open documents only still compares the whole project's stances: the
// method needs every group's text, and the note says so).
func (r *Report) buildGroups(ctx context.Context, a *engine.Analysis, openOnly bool) error {
	v := &GroupsView{By: engine.ByStance}
	r.Groups = v
	cmp, err := a.CompareGroups(ctx, engine.ByStance, groups.Options{MaxEntities: groupBlindSpots, Actors: groupActors})
	if err != nil {
		return fmt.Errorf("compare stances: %w", err)
	}
	v.Ungrouped = cmp.Ungrouped
	if len(cmp.Groups) < 2 {
		v.Note = fmt.Sprintf("%d stance(s) among the documents: a comparison needs two or more. Set stances in the source panel, with `parallax-cli stance`, or with a stance, bias or leaning column in the sources table.", len(cmp.Groups))
		return nil
	}
	dist, err := a.Distinctive(ctx, engine.ByStance, distinctive.Options{Top: groupTopTerms, MaxOccurrences: 1})
	if err != nil {
		return fmt.Errorf("distinctive terms by stance: %w", err)
	}
	byName := map[string]distinctive.Group{}
	for _, g := range dist.Groups {
		byName[g.Group] = g
	}
	for i, g := range cmp.Groups {
		gv := GroupView{Name: g.Group, Documents: g.Documents, Outlets: g.Outlets, Distinctive: byName[g.Group].Terms,
			Blind: g.Entities, BlindTotal: g.EntitiesTotal, OnlyTerms: g.Terms, Passages: len(g.Passages)}
		if len(gv.OnlyTerms) > groupOnlyTerms {
			gv.OnlyTerms = gv.OnlyTerms[:groupOnlyTerms]
		}
		if len(gv.Distinctive) > 0 {
			c, err := groupTermsChart(gv.Distinctive, palette[i%len(palette)])
			if err != nil {
				return fmt.Errorf("chart of %s's terms: %w", g.Group, err)
			}
			gv.chart = c
		}
		v.Groups = append(v.Groups, gv)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	v.Naming = cmp.Naming
	if openOnly {
		v.Note = "Computed over every document of the project, not only the workspace's open ones: each stance is compared with all the others."
	}
	return nil
}

// groupTermsChart draws a group's most distinctive terms as horizontal
// bars of their z-scores, the highest on top.
func groupTermsChart(terms []distinctive.Term, col color.RGBA) (*chart, error) {
	if len(terms) > groupChartTerms {
		terms = terms[:groupChartTerms]
	}
	vals := make(plotter.Values, len(terms))
	labels := make([]string, len(terms))
	for i, t := range terms {
		// bottom to top: the first term on top
		j := len(terms) - 1 - i
		vals[j] = t.Z
		labels[j] = clip(t.Term, 28)
	}
	p := plot.New()
	styleAxes(p)
	p.X.Label.Text = "z-score (distinctiveness against the other stances)"
	p.X.Min = 0
	bars, err := plotter.NewBarChart(vals, vg.Points(9))
	if err != nil {
		return nil, err
	}
	bars.Horizontal = true
	bars.Color = col
	bars.LineStyle.Width = 0
	p.Add(bars)
	p.NominalY(labels...)
	p.X.Tick.Marker = niceTicks{}
	h := 14 + 6.5*float64(len(terms))
	return renderPNG(p, 120, h)
}

// groupNote is the method's one-line explanation.
const groupNote = "Terms are words and two- or three-word phrases (stop words and boilerplate left out) ranked by the weighted log-odds ratio " +
	"with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) of one stance against all the others; z above 2 is unlikely " +
	"by chance alone. Blind spots are entities that only this stance's documents mention."

// --- PDF ---

// groupsSubheadings counts the section's subheadings, for the table of
// contents' size.
func (p *pdfWriter) groupsSubheadings() int {
	if !p.r.Has(SectionGroups) || p.r.Groups == nil {
		return 0
	}
	return len(p.r.Groups.Groups) + 1
}

func (p *pdfWriter) groups() {
	r := p.r
	v := r.Groups
	p.startSection(SectionGroups)
	p.para(groupNote, "", 8.5, grey)
	p.gap(3)
	if v == nil || len(v.Groups) == 0 {
		msg := "No comparison."
		if v != nil && v.Note != "" {
			msg = v.Note
		}
		p.para(msg, "I", 9, grey)
		return
	}
	if v.Note != "" {
		p.para(v.Note, "I", 8, grey)
	}
	if v.Ungrouped > 0 {
		p.para(fmt.Sprintf("%s without a stance are left out.", plural(v.Ungrouped, "document")), "I", 8, grey)
	}
	for i, g := range v.Groups {
		p.heading(fmt.Sprintf("%s: %s, %s", g.Name, plural(g.Documents, "document"), orDash(strings.Join(g.Outlets, ", "))), 1)
		if g.chart != nil {
			p.image(fmt.Sprintf("groupterms%d", i), g.chart)
		}
		var rows [][]cell
		for _, t := range g.Distinctive {
			rows = append(rows, []cell{{bold(t.Term)}, {txt(fmt.Sprintf("%.2f", t.Z))}, {txt(fmt.Sprint(t.Count))}, {txt(fmt.Sprint(t.Rest))},
				{txt(fmt.Sprint(t.Documents))}, {txt(orDash(strings.Join(t.Categories, ", ")))}})
		}
		if len(rows) > 0 {
			p.table2([]column{{"Distinctive term", 0.34, "L"}, {"z", 0.1, "R"}, {"Here", 0.1, "R"}, {"Elsewhere", 0.12, "R"},
				{"Docs", 0.1, "R"}, {"Lexicon", 0.24, "L"}}, rows, true)
		} else {
			p.para("No term is used more here than in the other stances.", "I", 8, grey)
		}
		p.gap(2)
		p.para(blindLine(g, false), "", 8.5, black)
		if len(g.OnlyTerms) > 0 {
			p.para(onlyTermsLine(g), "", 8.5, black)
		}
	}
	if len(v.Naming) > 0 {
		p.heading("How each stance names the main actors", 1)
		shown := v.Groups
		if len(shown) > groupMaxInTables {
			shown = shown[:groupMaxInTables]
		}
		cols := []column{{"Entity", 0.2, "L"}}
		for _, g := range shown {
			cols = append(cols, column{g.Name, 0.8 / float64(len(shown)), "L"})
		}
		var rows [][]cell
		for _, an := range v.Naming {
			row := []cell{{bold(an.Name)}}
			for k := range shown {
				row = append(row, cell{txt(namingText(an.Groups[k], false))})
			}
			rows = append(rows, row)
		}
		p.table2(cols, rows, true)
	}
}

func blindLine(g GroupView, isHTML bool) string {
	if g.BlindTotal == 0 {
		return "Blind spots of the others: no entity is mentioned by this stance only."
	}
	var names []string
	for _, e := range g.Blind {
		names = append(names, fmt.Sprintf("%s (%d)", e.Name, e.Mentions))
	}
	s := strings.Join(names, ", ")
	if isHTML {
		s = html.EscapeString(s)
	}
	more := ""
	if g.BlindTotal > len(g.Blind) {
		more = fmt.Sprintf(" … and %d more", g.BlindTotal-len(g.Blind))
	}
	return fmt.Sprintf("Only this stance mentions %s: %s%s.", plural(g.BlindTotal, "entity"), s, more)
}

func onlyTermsLine(g GroupView) string {
	var ts []string
	for _, t := range g.OnlyTerms {
		ts = append(ts, fmt.Sprintf("%s (%d)", t.Term, t.Count))
	}
	return "Terms no other stance uses: " + strings.Join(ts, ", ") + "."
}

func namingText(gn groups.GroupNaming, isHTML bool) string {
	var parts []string
	for _, f := range gn.Forms {
		parts = append(parts, fmt.Sprintf("%s (%d)", f.Form, f.Count))
	}
	for _, d := range gn.Descriptors {
		parts = append(parts, fmt.Sprintf("“%s”", d.Form))
	}
	if len(parts) == 0 {
		return "not mentioned"
	}
	s := strings.Join(parts, ", ")
	if isHTML {
		s = html.EscapeString(s)
	}
	return s
}

// --- HTML ---

func (h *htmlWriter) groups() {
	v := h.r.Groups
	h.s("<p class=\"lead\">", esc(groupNote), "</p>\n")
	if v == nil || len(v.Groups) == 0 {
		msg := "No comparison."
		if v != nil && v.Note != "" {
			msg = v.Note
		}
		h.s("<p class=\"none\">", esc(msg), "</p>\n")
		return
	}
	if v.Note != "" {
		h.s("<p class=\"none\">", esc(v.Note), "</p>\n")
	}
	if v.Ungrouped > 0 {
		h.p("<p class=\"none\">%s without a stance are left out.</p>\n", plural(v.Ungrouped, "document"))
	}
	for _, g := range v.Groups {
		h.s("<h3>", esc(g.Name), ": ", plural(g.Documents, "document"), ", ", esc(orDash(strings.Join(g.Outlets, ", "))), "</h3>\n")
		if g.chart != nil {
			h.img(g.chart, "the most distinctive terms of "+g.Name+" by z-score")
		}
		if len(g.Distinctive) > 0 {
			h.s("<table><thead><tr><th>Distinctive term</th><th class=\"num\">z</th><th class=\"num\">Here</th><th class=\"num\">Elsewhere</th><th class=\"num\">Docs</th><th>Lexicon</th></tr></thead><tbody>\n")
			for _, t := range g.Distinctive {
				h.p("<tr><td><b>%s</b></td><td class=\"num\">%.2f</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td>%s</td></tr>\n",
					esc(t.Term), t.Z, t.Count, t.Rest, t.Documents, esc(orDash(strings.Join(t.Categories, ", "))))
			}
			h.s("</tbody></table>\n")
		} else {
			h.s("<p class=\"none\">No term is used more here than in the other stances.</p>\n")
		}
		h.s("<p>", blindLine(g, true), "</p>\n")
		if len(g.OnlyTerms) > 0 {
			h.s("<p>", esc(onlyTermsLine(g)), "</p>\n")
		}
	}
	if len(v.Naming) > 0 {
		h.s("<h3>How each stance names the main actors</h3>\n<table><thead><tr><th>Entity</th>")
		for _, g := range v.Groups {
			h.s("<th>", esc(g.Name), "</th>")
		}
		h.s("</tr></thead><tbody>\n")
		for _, an := range v.Naming {
			h.s("<tr><td><b>", esc(an.Name), "</b></td>")
			for _, gn := range an.Groups {
				h.s("<td>", namingText(gn, true), "</td>")
			}
			h.s("</tr>\n")
		}
		h.s("</tbody></table>\n")
	}
}
