package report

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"math"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/safetext"
	"github.com/parallaxworkbench/parallax/internal/textdir"
)

// htmlCSS styles the HTML report on screen and on paper. Nothing is fetched:
// fonts are the reader's (Noto first, the fonts the PDF embeds, then common
// fonts with Arabic and Cyrillic), charts are inline images. Cells and
// blocks align to their start, which is the right for right-to-left text
// (every element holding document text has dir="auto").
const htmlCSS = `
:root { --accent: #19467d; --grey: #6e6e6e; --line: #e1e1e1; --head: #e8edf3; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", "Liberation Sans", Arial,
  "Segoe UI", Tahoma, "Geeza Pro", "Helvetica Neue", Helvetica, sans-serif; color: #141414;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; font-size: 10.5pt; line-height: 1.4; }
h1 { color: var(--accent); font-size: 1.9rem; margin: .2rem 0 1rem; }
h2 { color: var(--accent); font-size: 1.35rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { color: var(--accent); font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
.kicker { color: var(--grey); letter-spacing: .05em; font-size: .85rem; }
.lead, .note { color: var(--grey); font-size: .9em; }
.prov { display: block; color: var(--grey); font-size: .78em; unicode-bidi: plaintext; text-align: match-parent; }
.none { color: var(--grey); font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .88em; }
th { background: var(--head); text-align: start; padding: .3rem .4rem; vertical-align: bottom; }
td { border-bottom: 1px solid var(--line); padding: .3rem .4rem; vertical-align: top; overflow-wrap: anywhere; }
td.num, th.num { text-align: right; }
tbody tr:nth-child(even) td { background: #f7f7f7; }
dl.facts { display: grid; grid-template-columns: 9rem 1fr; gap: .2rem 1rem; }
dl.facts dt { color: var(--grey); font-weight: bold; }
dl.facts dd { margin: 0; }
.notes { white-space: pre-wrap; }
nav.toc ol { padding-left: 1.2rem; }
figure { margin: .5rem 0 1rem; text-align: center; }
figure img { max-width: 100%; height: auto; }
.legend span { display: inline-block; margin-right: 1rem; font-size: .85em; }
.legend i { display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: -.05em; }
table.heat td { text-align: center; padding: .15rem; border: 1px solid #fff; font-size: .85em; min-width: 1.8rem; }
table.heat td.name { text-align: start; white-space: nowrap; }
table.heat th { text-align: center; font-weight: normal; font-size: .8em; }
table.pair { table-layout: fixed; }
table.pair td { width: 50%; line-height: 1.55; }
table.pair tbody tr:nth-child(even) td { background: none; }
mark { text-decoration: underline; text-decoration-color: #785a00; padding: 0 .1em; }
mark.changed { background: #ffe282; }
mark.deleted { background: #ffc4c4; }
mark.inserted { background: #beebbe; }
blockquote { margin: 0; }
.ctx { color: var(--grey); font-style: italic; font-size: .85em; }
.orphan { color: #aa2828; font-weight: bold; font-size: .8em; }
footer { margin-top: 3rem; color: var(--grey); font-size: .8em; border-top: 1px solid var(--line); padding-top: .5rem; }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  h2 { break-before: page; }
  section.title h1 { margin-top: 3cm; }
  h2, h3 { break-after: avoid; }
  tr, figure, .passage { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  nav.toc { break-after: page; }
}
`

// WriteHTML renders the report as one self-contained HTML page: inline CSS
// with print rules, charts as inline PNG images, no external requests.
func (r *Report) WriteHTML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	h := &htmlWriter{w: bw, r: r}
	h.document()
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

type htmlWriter struct {
	w *bufio.Writer
	r *Report
}

// esc escapes text from outside for the page, without its control
// characters and bidi overrides (safetext.HTML).
func esc(s string) string { return html.EscapeString(safetext.HTML(s)) }

// dirAttr is the attributes of an element holding document text: its
// direction from its first strong letter, and its language when known.
func dirAttr(lang string) string {
	if !validLang(lang) {
		return ` dir="auto"`
	}
	return ` dir="auto" lang="` + lang + `"`
}

// validLang accepts a BCP 47-shaped tag ("fa", "ar-EG", "zh-Hant"); any
// other text from a sidecar is left out rather than escaped into markup.
func validLang(tag string) bool {
	if tag == "" || len(tag) > 35 {
		return false
	}
	for i, part := range strings.Split(tag, "-") {
		if part == "" || len(part) > 8 || i == 0 && len(part) < 2 {
			return false
		}
		for _, c := range part {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && i > 0) {
				return false
			}
		}
	}
	return true
}

// auto wraps document text that sits inside other text (a form in a list,
// a tag) in an isolate of its own direction.
func auto(s, lang string) string { return "<bdi" + dirAttr(lang) + ">" + esc(s) + "</bdi>" }

// cellDir is the direction attribute of a cell led by the document text s:
// "rtl" when s reads right to left, else "auto". Browsers resolve "auto"
// from the first strong letter outside isolates and elements with their own
// dir, so a cell whose text is in an isolate would fall back to the
// provenance line under it; the direction is therefore decided here.
func cellDir(s string) string {
	if textdir.IsRTL(s) {
		return ` dir="rtl"`
	}
	return ` dir="auto"`
}

// langText is document text with its language, without an isolate, so that
// the enclosing cell's direction follows it.
func langText(s, lang string) string {
	if !validLang(lang) {
		return esc(s)
	}
	return `<span lang="` + lang + `">` + esc(s) + "</span>"
}

// lang is the language of the document at path, "" when unknown.
func (r *Report) lang(path string) string { return r.row(path).Language }

func (h *htmlWriter) p(format string, args ...any) { fmt.Fprintf(h.w, format, args...) }

func (h *htmlWriter) s(parts ...string) {
	for _, x := range parts {
		h.w.WriteString(x)
	}
}

func sectionID(s Section) string { return "sec-" + string(s) }

func (h *htmlWriter) document() {
	r := h.r
	css := htmlCSS
	if r.Paper == PaperLetter {
		css = strings.Replace(css, "size: A4;", "size: letter;", 1)
	}
	h.s("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
		"<meta name=\"generator\" content=\"Parallax\">\n",
		"<title>", esc(r.Title), "</title>\n<style>", css, "</style>\n</head>\n<body>\n")
	h.title()
	h.s("<nav class=\"toc\"><h2 style=\"break-before:auto\">Contents</h2><ol>\n")
	for _, s := range r.Sections {
		h.p("<li><a href=\"#%s\">%s</a></li>\n", sectionID(s), esc(s.Heading()))
	}
	h.s("</ol></nav>\n")
	for _, s := range r.Sections {
		h.p("<section id=\"%s\">\n<h2>%s</h2>\n", sectionID(s), esc(s.Heading()))
		switch s {
		case SectionSources:
			h.sources()
		case SectionTimeline:
			h.timeline()
		case SectionCoverage:
			h.heat()
		case SectionNaming:
			h.naming()
		case SectionTerms:
			h.terms()
		case SectionVoices:
			h.voices()
		case SectionGroups:
			h.groups() // groups.go
		case SectionPassages:
			h.passages()
		case SectionAnnotations:
			h.annotations()
		case SectionAppendix:
			h.appendix()
		}
		h.s("</section>\n")
	}
	h.p("<footer>Made by Parallax on %s from %s.</footer>\n</body>\n</html>\n",
		esc(r.Generated.Format("2 January 2006, 15:04 MST")), esc(r.Dir))
}

func (h *htmlWriter) title() {
	r := h.r
	ws := r.Workspace
	if ws == "" {
		ws = "— (the whole project)"
	}
	dates := "no dated documents"
	if r.FirstDate != "" {
		dates = showDate(r.FirstDate) + " to " + showDate(r.LastDate)
	}
	h.s("<section class=\"title\">\n<div class=\"kicker\">PARALLAX · COMPARISON REPORT</div>\n<h1 dir=\"auto\">", esc(r.Title), "</h1>\n<dl class=\"facts\">\n")
	for _, kv := range [][2]string{
		{"Project", r.Project}, {"Folder", r.Dir}, {"Workspace", ws},
		{"Date", r.Generated.Format("2 January 2006, 15:04 MST")},
		{"Documents", fmt.Sprintf("%d from %d known outlets", len(r.Documents), len(r.Outlets))},
		{"Dates covered", dates},
		{"Shared passages", fmt.Sprintf("%d", r.PassagesTotal)},
	} {
		h.s("<dt>", esc(kv[0]), "</dt><dd dir=\"auto\">", esc(kv[1]), "</dd>\n")
	}
	h.s("</dl>\n<h3>Analyst's notes</h3>\n")
	if r.Notes == "" {
		msg := "No notes were written in this workspace."
		if r.Workspace == "" {
			msg = "This report covers the whole project; notes are kept in workspaces."
		}
		h.s("<p class=\"none\">", esc(msg), "</p>\n")
	} else {
		h.s("<div class=\"notes\" dir=\"auto\">", esc(r.Notes), "</div>\n")
	}
	h.s("</section>\n")
}

func valueHTML(v Value, lang string) string {
	if v.Text == "" {
		return "<span class=\"none\">—</span><span class=\"prov\">not found</span>"
	}
	return langText(v.Text, lang) + "<span class=\"prov\">" + esc(v.Provenance()) + "</span>"
}

func (h *htmlWriter) sources() {
	h.s("<p class=\"lead\">Each value is shown with where it came from (grey). Stance is the analyst's judgement; word counts leave out page chrome and footers.</p>\n")
	h.s("<table><thead><tr><th>#</th><th>Title and file</th><th>Outlet</th><th>Author</th><th>Date</th><th>Stance</th><th class=\"num\">Words</th><th>Format</th></tr></thead><tbody>\n")
	for _, d := range h.r.Documents {
		title := d.Title
		if title == "" {
			title = "(untitled)"
		}
		date := d.Date
		date.Text = showDate(date.Text)
		h.s("<tr><td><b>", d.Label(), "</b></td><td", cellDir(title), ">", langText(title, d.Language), "<span class=\"prov\">", esc(d.Path), "</span></td><td", cellDir(d.Outlet.Text), ">",
			valueHTML(d.Outlet, d.Language), "</td><td", cellDir(d.Author.Text), ">", valueHTML(d.Author, d.Language), "</td><td>", valueHTML(date, ""), "</td><td dir=\"auto\">", valueHTML(d.Stance, ""),
			"</td><td class=\"num\">", fmt.Sprint(d.Words), "</td><td>", esc(d.Format), "<span class=\"prov\">", esc(d.Encoding), "</span></td></tr>\n")
	}
	h.s("</tbody></table>\n")
}

func (h *htmlWriter) img(c *chart, alt string) {
	h.s("<figure><img alt=\"", esc(alt), "\" src=\"data:image/png;base64,", base64.StdEncoding.EncodeToString(c.PNG), "\"></figure>\n")
}

func (h *htmlWriter) docList(paths []string, withDate map[string]string) {
	h.s("<table><thead><tr>")
	if withDate != nil {
		h.s("<th>Date</th>")
	}
	h.s("<th>#</th><th>Outlet</th><th>Title and file</th></tr></thead><tbody>\n")
	for _, path := range paths {
		d := h.r.row(path)
		h.s("<tr>")
		if withDate != nil {
			h.s("<td>", esc(showDate(withDate[path])), "</td>")
		}
		h.s("<td><b>", d.Label(), "</b></td><td", cellDir(d.OutletName()), ">", langText(d.OutletName(), d.Language), "</td><td", cellDir(d.Title), ">",
			langText(orDash(d.Title), d.Language), "<span class=\"prov\">", esc(d.Path), "</span></td></tr>\n")
	}
	h.s("</tbody></table>\n")
}

func (r *Report) row(path string) DocRow {
	for _, d := range r.Documents {
		if d.Path == path {
			return d
		}
	}
	return DocRow{Path: path}
}

func (h *htmlWriter) timeline() {
	r := h.r
	h.s("<p class=\"lead\">Each dot is a document placed at its date, in its outlet's lane; the labels are the document numbers of the sources table.</p>\n")
	if r.charts != nil && r.charts.timeline != nil {
		h.img(r.charts.timeline, "documents on a timeline by outlet")
	} else {
		h.s("<p class=\"none\">No document of this report has a usable date, so there is nothing to place on a timeline.</p>\n")
	}
	var dated []string
	dates := map[string]string{}
	for _, lane := range r.Timeline.Lanes {
		for _, d := range lane.Docs {
			dated = append(dated, d.Path)
			dates[d.Path] = d.Date
		}
	}
	if len(dated) > maxDatedList {
		h.p("<p class=\"note\">The dates of all %d dated documents are in the sources table.</p>\n", len(dated))
	} else if len(dated) > 0 {
		h.s("<h3>Dated documents</h3>\n")
		h.docList(dated, dates)
	}
	if len(r.Timeline.Undated) > 0 {
		var paths []string
		for _, d := range r.Timeline.Undated {
			paths = append(paths, d.Path)
		}
		h.s("<h3>Undated documents</h3>\n")
		h.docList(paths, nil)
	}
}

func (h *htmlWriter) heat() {
	r := h.r
	hm := r.Heat
	what := "document"
	if hm.ByOutlet {
		what = "outlet"
	}
	h.p("<p class=\"lead\">Mentions of the most mentioned entities in each %s: the darker the cell, the more mentions. An empty cell means the %s never names the entity.</p>\n", what, what)
	if len(hm.Rows) == 0 || len(hm.Columns) == 0 {
		h.s("<p class=\"none\">No entity was found in these documents.</p>\n")
		return
	}
	h.s("<table class=\"heat\"><thead><tr><th></th>")
	for _, c := range hm.Columns {
		h.s("<th dir=\"auto\" title=\"", esc(c.Title), "\">", esc(c.Label), "</th>")
	}
	h.s("<th>total</th></tr></thead><tbody>\n")
	for _, row := range hm.Rows {
		h.s("<tr><td class=\"name\" dir=\"auto\">", esc(row.Name), "</td>")
		for _, n := range row.Counts {
			if n == 0 {
				h.s("<td style=\"background:#f6f6f6\"></td>")
				continue
			}
			t := math.Sqrt(float64(n) / float64(max(hm.Max, 1)))
			c := heatColour(t)
			fg := "#141414"
			if t > 0.55 {
				fg = "#fff"
			}
			h.p("<td style=\"background:rgb(%d,%d,%d);color:%s\">%d</td>", c.r, c.g, c.b, fg, n)
		}
		h.p("<td><b>%d</b></td></tr>\n", row.Total)
	}
	h.s("</tbody></table>\n")
	if hm.OmittedRows > 0 {
		h.p("<p class=\"note\">%d less mentioned entities are left out.</p>\n", hm.OmittedRows)
	}
	if hm.OmittedColumns > 0 {
		h.p("<p class=\"note\">%d outlets with fewer documents are left out.</p>\n", hm.OmittedColumns)
	}
	if !hm.ByOutlet {
		var paths []string
		for _, d := range r.Documents {
			paths = append(paths, d.Path)
		}
		h.s("<h3>Columns</h3>\n")
		h.docList(paths, nil)
	}
}

func (h *htmlWriter) naming() {
	r := h.r
	h.s("<p class=\"lead\">For each entity that several outlets name: the forms each outlet writes (with how often) and the descriptors it attaches. Descriptors come from rules over the text, not from a parser: read them as cues.</p>\n")
	if len(r.Naming) == 0 {
		h.s("<p class=\"none\">No entity is named in these documents.</p>\n")
		return
	}
	for _, e := range r.Naming {
		title := e.Name
		if e.Kind != "" {
			title += " (" + e.Kind + ")"
		}
		h.s("<h3 dir=\"auto\">", esc(title), "</h3>\n<table><thead><tr><th style=\"width:24%\">Outlet</th><th style=\"width:30%\">Forms used</th><th>Descriptors</th></tr></thead><tbody>\n")
		for _, o := range e.Outlets {
			var forms, descs []string
			for _, fc := range o.Forms {
				forms = append(forms, fmt.Sprintf("%s (%d)", auto(fc.Form, ""), fc.Count))
			}
			for _, d := range o.Descriptors {
				if d.Count > 1 {
					descs = append(descs, fmt.Sprintf("“%s” (%d)", auto(d.Form, ""), d.Count))
				} else {
					descs = append(descs, "“"+auto(d.Form, "")+"”")
				}
			}
			dc := strings.Join(descs, "; ")
			if dc == "" {
				dc = "<span class=\"none\">none found</span>"
			}
			firstForm, firstDesc := "", ""
			if len(o.Forms) > 0 {
				firstForm = o.Forms[0].Form
			}
			if len(o.Descriptors) > 0 {
				firstDesc = o.Descriptors[0].Form
			}
			h.s("<tr><td", cellDir(o.Outlet), "><b>", esc(o.Outlet), "</b><span class=\"prov\">", plural(o.Documents, "doc"), ", ", plural(o.Mentions, "mention"),
				"</span></td><td", cellDir(firstForm), ">", strings.Join(forms, ", "), "</td><td", cellDir(firstDesc), ">", dc, "</td></tr>\n")
		}
		h.s("</tbody></table>\n")
	}
}

func (h *htmlWriter) terms() {
	r := h.r
	h.s("<p class=\"lead\">Loaded and framing terms of the lexicon, by category, per 1,000 words of each outlet's article bodies.</p>\n")
	if len(r.Terms) == 0 || len(r.Categories) == 0 {
		h.s("<p class=\"none\">No lexicon terms: the lexicon is empty or no document has a body.</p>\n")
		return
	}
	if c := r.charts; c != nil && c.terms != nil {
		h.img(c.terms, "loaded terms per 1,000 words by category and outlet")
		h.s("<div class=\"legend\">")
		for i, o := range c.termOutlets {
			col := palette[i%len(palette)]
			h.p("<span><i style=\"background:rgb(%d,%d,%d)\"></i>%s</span>", col.R, col.G, col.B, auto(o, ""))
		}
		h.s("</div>\n")
	}
	h.s("<table><thead><tr><th>Outlet</th><th class=\"num\">Words</th>")
	for _, c := range r.Categories {
		h.s("<th class=\"num\">", esc(c), "</th>")
	}
	h.s("</tr></thead><tbody>\n")
	for _, o := range r.Terms {
		h.s("<tr><td", cellDir(o.Outlet), "><b>", esc(o.Outlet), "</b><span class=\"prov\">", plural(o.Documents, "doc"), "</span></td><td class=\"num\">", fmt.Sprint(o.Words), "</td>")
		if o.Measured == 0 && o.NotCovered != "" { // not measured: no zeros
			h.p("<td colspan=\"%d\" class=\"none\">%s</td></tr>\n", len(r.Categories), esc(o.NotCovered))
			continue
		}
		for i := range r.Categories {
			h.p("<td class=\"num\">%.1f<span class=\"prov\">%s</span></td>", o.Rates[i], plural(o.Counts[i], "term"))
		}
		h.s("</tr>\n")
	}
	h.s("</tbody></table>\n<h3>Most frequent terms per outlet</h3>\n<table><thead><tr><th style=\"width:22%\">Outlet</th><th>Terms by category (count)</th></tr></thead><tbody>\n")
	for _, o := range r.Terms {
		var parts []string
		for _, ct := range o.TopTerms(r.Categories) {
			parts = append(parts, "<i>"+esc(ct.Category)+"</i>: "+auto(ct.Terms, ""))
		}
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		h.s("<tr><td", cellDir(o.Outlet), "><b>", esc(o.Outlet), "</b></td><td>", strings.Join(parts, "<br>"), "</td></tr>\n")
	}
	h.s("</tbody></table>\n")
}

func (h *htmlWriter) voices() {
	h.s("<p class=\"lead\">Who each outlet quotes or cites, with pronouns resolved to the nearest speaker. “Direct” counts quotations in quotation marks.</p>\n")
	h.s("<table><thead><tr><th>Outlet</th><th>Source quoted or cited</th><th class=\"num\">Times</th><th class=\"num\">Direct</th><th class=\"num\">Docs</th></tr></thead><tbody>\n")
	for _, o := range h.r.Voices {
		if len(o.Voices) == 0 {
			msg := "no quoted or cited source found"
			if o.NotCovered != "" {
				msg = o.NotCovered
			}
			h.s("<tr><td", cellDir(o.Outlet), "><b>", esc(o.Outlet), "</b></td><td colspan=\"4\" class=\"none\">", esc(msg), "</td></tr>\n")
			continue
		}
		for i, v := range o.Voices {
			name := ""
			if i == 0 {
				name = "<b>" + esc(o.Outlet) + "</b>"
			}
			h.p("<tr><td%s>%s</td><td%s>%s</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n", cellDir(o.Outlet), name, cellDir(v.Speaker), esc(v.Speaker), v.Count, v.Direct, v.Documents)
		}
		if o.More > 0 {
			h.p("<tr><td></td><td colspan=\"4\" class=\"none\">… and %d more</td></tr>\n", o.More)
		}
	}
	h.s("</tbody></table>\n")
}

func runsHTML(runs []Run) string {
	var b strings.Builder
	for _, r := range runs {
		if r.Diff {
			b.WriteString("<mark class=\"" + markClass(r) + "\">" + esc(r.Text) + "</mark>")
		} else {
			b.WriteString(esc(r.Text))
		}
	}
	return b.String()
}

func markClass(r Run) string {
	switch string(r.Op) {
	case "deleted":
		return "deleted"
	case "inserted":
		return "inserted"
	}
	return "changed"
}

func (h *htmlWriter) passages() {
	r := h.r
	h.p("<p class=\"lead\">%d passages shared by two or more documents, longest first, side by side. Words that differ are marked: "+
		"<mark class=\"changed\">changed</mark>, <mark class=\"deleted\">only on the left</mark>, <mark class=\"inserted\">only on the right</mark>. "+
		"Case, punctuation, quotation marks and look-alike letters from other scripts are not counted as differences.</p>\n", r.PassagesTotal)
	if len(r.Passages) < r.PassagesTotal {
		h.p("<p class=\"note\">The %d longest are shown.</p>\n", len(r.Passages))
	}
	if len(r.Passages) == 0 {
		h.s("<p class=\"none\">No passage is shared between the documents of this report.</p>\n")
		return
	}
	for i, pv := range r.Passages {
		kind := "unattributed copy"
		if pv.Quoted {
			kind = "shared quotation"
		}
		for k, pair := range pv.Pairs {
			title := fmt.Sprintf("Passage %d: %d words, similarity %.0f%%, %s", i+1, pv.Words, pv.Similarity*100, kind)
			if len(pv.Pairs) > 1 {
				title += fmt.Sprintf(" (pair %d of %d)", k+1, len(pv.Pairs))
			}
			h.s("<div class=\"passage\"><h3>", esc(title), "</h3>\n<table class=\"pair\"><thead><tr>")
			for _, side := range []SideView{pair.Left, pair.Right} {
				h.p("<th dir=\"auto\">%s<span class=\"prov\">%s, bytes %d–%d</span></th>", auto(side.Doc, ""), esc(side.Path), side.Start, side.End)
			}
			h.s("</tr></thead><tbody><tr><td", dirAttr(r.lang(pair.Left.Path)), ">", runsHTML(pair.Left.Runs), "</td><td", dirAttr(r.lang(pair.Right.Path)), ">",
				runsHTML(pair.Right.Runs), "</td></tr></tbody></table></div>\n")
		}
	}
}

func (h *htmlWriter) annotations() {
	r := h.r
	if len(r.Annotations) == 0 {
		msg := "No annotations: this report covers the whole project, and annotations live in workspaces."
		if r.Workspace != "" {
			msg = "The workspace has no annotations on these documents."
		}
		h.s("<p class=\"none\">", esc(msg), "</p>\n")
		return
	}
	h.s("<p class=\"lead\">The analyst's notes on passages of the documents, with the quoted text in context. An orphaned annotation's passage is no longer in its document; it is kept as it was.</p>\n")
	h.s("<table><thead><tr><th style=\"width:20%\">Document</th><th style=\"width:47%\">Quoted text</th><th>Note</th></tr></thead><tbody>\n")
	for _, a := range r.Annotations {
		lang := r.lang(a.Path)
		h.s("<tr><td dir=\"auto\"><b>", auto(a.Doc, ""), "</b><span class=\"prov\">", esc(a.Path), "</span>")
		if a.Orphaned {
			h.s("<span class=\"orphan\">orphaned</span>")
		}
		h.s("</td><td dir=\"auto\"><blockquote", dirAttr(lang), ">")
		if b := squashSpace(a.Before); b != "" {
			h.s("<span class=\"ctx\">…", esc(b), " </span>")
		}
		h.s("“", esc(strings.TrimSpace(a.Quote)), "”")
		if af := squashSpace(a.After); af != "" {
			h.s("<span class=\"ctx\"> ", esc(af), "…</span>")
		}
		h.s("</blockquote></td><td dir=\"auto\">", esc(orDash(a.Note)))
		if len(a.Tags) > 0 {
			h.s("<span class=\"prov\">tags: ", auto(strings.Join(a.Tags, ", "), ""), "</span>")
		}
		if !a.Modified.IsZero() {
			h.s("<span class=\"prov\">", a.Modified.Format("2006-01-02 15:04"), "</span>")
		}
		h.s("</td></tr>\n")
	}
	h.s("</tbody></table>\n")
}

func (h *htmlWriter) appendix() {
	r := h.r
	h.s("<h3>Documents</h3>\n<table><thead><tr><th>#</th><th>File</th><th>Title</th><th>Format</th><th class=\"num\">Words</th><th class=\"num\">Size</th></tr></thead><tbody>\n")
	for _, d := range r.Documents {
		h.s("<tr><td><b>", d.Label(), "</b></td><td dir=\"auto\">", esc(d.Path), "</td><td", dirAttr(d.Language), ">", esc(orDash(d.Title)), "</td><td>", esc(d.Format),
			"<span class=\"prov\">", esc(d.Encoding), "</span></td><td class=\"num\">", fmt.Sprint(d.Words), "</td><td class=\"num\">", humanSize(d.Size), "</td></tr>\n")
	}
	h.s("</tbody></table>\n<h3>Problems</h3>\n")
	if len(r.Problems) == 0 {
		h.s("<p class=\"none\">None: every file of the project was read, and the analysis and workspace reported nothing.</p>\n")
		return
	}
	h.s("<table><thead><tr><th>File</th><th>Kind</th><th>Detail</th></tr></thead><tbody>\n")
	for _, pr := range r.Problems {
		h.s("<tr><td dir=\"auto\">", esc(orDash(pr.Path)), "</td><td>", esc(pr.Kind), "</td><td dir=\"auto\">", esc(pr.Detail), "</td></tr>\n")
	}
	h.s("</tbody></table>\n")
}
