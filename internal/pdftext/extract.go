package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// Limits of the in-process extraction.
const (
	maxPages      = 100000
	maxTreeNodes  = 200000
	maxTreeDepth  = 64
	maxFormDepth  = 8
	maxFormCalls  = 2000 // per page
	maxWarnings   = 50
	maxStreamSize = 64 << 20
)

// extractor holds the state of one extraction.
type extractor struct {
	r          *pdf.Reader
	stop       *stopFlag
	fonts      map[string]*fontInfo // by font dictionary
	glyphCache map[string]string
	warnings   []string
	view       []byte // the bytes the library reads (raw streams come from it)
	budget     int64  // decoded stream bytes left
	textBudget int    // extracted text bytes left

	// Glyphs drawn on the current page, those without Unicode text, and
	// the font that drew most of those.
	glyphs, unmapped int
	unmappedFonts    map[string]int

	collections map[string]*cidCollection // Adobe CID tables loaded, by ordering
	cmaps       map[string]*predefCMap    // predefined CMaps, once loaded
}

func (x *extractor) warnf(format string, args ...any) {
	if len(x.warnings) < maxWarnings {
		x.warnings = append(x.warnings, fmt.Sprintf(format, args...))
	} else if len(x.warnings) == maxWarnings {
		x.warnings = append(x.warnings, "more warnings omitted")
	}
}

// errBudget reports that the decoded data exceeded the file's budget.
type errBudget struct{ what string }

func (e errBudget) Error() string { return e.what }

// streamBytes decodes a stream (or an array of streams), bounded by the
// budget. A stream that fails half-way yields what was decoded and an error.
func (x *extractor) streamBytes(v pdf.Value) (data []byte, err error) {
	if v.Kind() == pdf.Array {
		var all []byte
		var firstErr error
		for i := 0; i < v.Len() && i < 10000; i++ {
			b, err := x.streamBytes(v.Index(i))
			all = append(all, b...)
			all = append(all, '\n')
			if err != nil && firstErr == nil {
				firstErr = err
			}
		}
		return all, firstErr
	}
	if v.Kind() != pdf.Stream {
		return nil, nil
	}
	limit := x.budget
	if limit > maxStreamSize {
		limit = maxStreamSize
	}
	if limit <= 0 {
		panic(errBudget{"decoded data exceeds the limit"})
	}
	defer func() {
		if p := recover(); p != nil {
			switch p.(type) {
			case stopped, errBudget:
				panic(p)
			}
			// A filter the library lacks: decode the raw bytes here.
			if raw := x.rawStream(v); raw != nil {
				if d, derr := decodeFilters(raw, v, limit); derr == nil {
					x.budget -= int64(len(d))
					data, err = d, nil
					return
				}
			}
			data, err = nil, fmt.Errorf("%v", p)
		}
	}()
	rd := v.Reader()
	defer rd.Close()
	data, err = io.ReadAll(io.LimitReader(rd, limit+1))
	if int64(len(data)) > limit {
		panic(errBudget{fmt.Sprintf("a stream decodes to more than %d bytes", limit)})
	}
	x.budget -= int64(len(data))
	if err == io.ErrUnexpectedEOF && len(data) > 0 {
		err = nil // truncated compressed data: keep what there is
	}
	return data, err
}

// pageRef is a page dictionary with its inherited resources.
type pageRef struct {
	v   pdf.Value
	res pdf.Value
}

// pages walks the page tree once, depth-first, passing inherited
// resources down. Cycles and absurd trees are cut off.
func (x *extractor) pages() []pageRef {
	root := x.r.Trailer().Key("Root").Key("Pages")
	var out []pageRef
	seen := map[string]bool{}
	nodes := 0
	var walk func(n pdf.Value, res pdf.Value, depth int)
	walk = func(n pdf.Value, res pdf.Value, depth int) {
		x.stop.check()
		nodes++
		if nodes > maxTreeNodes || len(out) >= maxPages || depth > maxTreeDepth {
			return
		}
		if r := n.Key("Resources"); r.Kind() == pdf.Dict {
			res = r
		}
		kids := n.Key("Kids")
		if n.Key("Type").Name() == "Pages" || kids.Kind() == pdf.Array && n.Key("Type").Name() != "Page" {
			key := n.String()
			if seen[key] {
				x.warnf("page tree has a loop")
				return
			}
			seen[key] = true
			for i := 0; i < kids.Len(); i++ {
				k := x.safeValue(func() pdf.Value { return kids.Index(i) })
				if k.Kind() == pdf.Dict {
					walk(k, res, depth+1)
				}
			}
			return
		}
		if t := n.Key("Type").Name(); t == "Page" || t == "" && !n.Key("Contents").IsNull() {
			out = append(out, pageRef{n, res})
		}
	}
	if root.Kind() == pdf.Dict {
		walk(root, pdf.Value{}, 0)
	}
	if len(out) == 0 {
		// A file read through a rebuilt cross-reference table lists the
		// page objects it found, for when the page tree is lost.
		found := x.r.Trailer().Key("ParallaxPages")
		for i := 0; i < found.Len() && i < maxPages; i++ {
			if p := x.safeValue(func() pdf.Value { return found.Index(i) }); p.Kind() == pdf.Dict {
				out = append(out, pageRef{p, p.Key("Resources")})
			}
		}
	}
	return out
}

// safeValue evaluates a library accessor, turning a panic into a null.
func (x *extractor) safeValue(f func() pdf.Value) (v pdf.Value) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(stopped); ok {
				panic(p)
			}
			x.warnf("unreadable object: %v", p)
			v = pdf.Value{}
		}
	}()
	return f()
}

// extract is the in-process extraction; it may panic (callers recover).
func extract(data []byte, opts Options, stop *stopFlag) (Result, error) {
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return extractPDF(data, opts, stop)
	}
	// Like poppler, read a file without a header in its first 1024 bytes
	// when it has the body of a PDF (objects and pages); a file that then
	// fails to read is not a PDF.
	notPDF := errorf(ErrMalformed, "not a PDF (no %%PDF header)")
	if !bytes.Contains(data, []byte(" obj")) || !typePage.Match(data) {
		return Result{}, notPDF
	}
	res, err := extractPDF(data, opts, stop)
	if errors.Is(err, ErrMalformed) {
		return Result{}, notPDF
	}
	res.Warnings = append(res.Warnings, "no %PDF header: read as a PDF anyway")
	return res, err
}

// extractPDF extracts a file with a header (or the body of a PDF).
func extractPDF(data []byte, opts Options, stop *stopFlag) (Result, error) {
	if err := checkAllocations(data); err != nil {
		return Result{}, err
	}
	if err := checkObjStmNesting(data); err != nil && !opts.inWorker {
		return Result{}, err
	}
	var cryptWarn []string
	var cryptErr error
	if encryptedFile(data) {
		plain, err := decryptFile(data, opts.passwords())
		switch {
		case err == nil:
			data = plain
			cryptWarn = append(cryptWarn, "decrypted the file (it opens without a password)")
		case errors.Is(err, errNeedsPassword):
			return Result{}, errorf(ErrEncrypted, "password required")
		}
		// Otherwise the library tries: it may know the encryption.
		cryptErr = err
	}
	last := &rebuilt{data: data}
	r, g, warn, err := openReader(data, last, stop)
	warn = append(cryptWarn, warn...)
	if err != nil {
		if cryptErr != nil && errors.Is(err, ErrEncrypted) {
			if errors.Is(cryptErr, ErrMalformed) {
				return Result{}, cryptErr // a damaged encryption dictionary
			}
			return Result{}, errorf(ErrEncrypted, "%v", cryptErr)
		}
		return Result{}, err
	}
	x := &extractor{
		r:          r,
		view:       g.data,
		stop:       stop,
		fonts:      map[string]*fontInfo{},
		glyphCache: map[string]string{},
		warnings:   warn,
		budget:     min(32*int64(len(data))+64<<20, 16*opts.MaxBytes+64<<20),
		textBudget: int(min(8*int64(len(data))+16<<20, 4*opts.MaxBytes+16<<20)),
	}
	var res Result
	res.Meta = x.metadata()
	pages := x.safePages()
	if len(pages) == 0 && !g.rebuilt {
		// A page tree that leads nowhere: try the scanned objects.
		if v := last.get(); v != nil {
			g2 := &guardedReader{data: v, stop: stop, rebuilt: true}
			if r2, err := newReaderSafe(g2); err == nil {
				x.r, x.view, g = r2, g2.data, g2
				pages = x.safePages()
				x.warnf("rebuilt the cross-reference table to find the pages")
			}
		}
	}
	if len(pages) == 0 {
		res.Warnings = x.warnings
		if g.deep {
			return res, errorf(ErrMalformed, "malformed PDF: %v", errTooDeep{})
		}
		return res, errorf(ErrMalformed, "malformed PDF: no pages found")
	}
	po, err := x.pagesText(pages)
	if err != nil {
		return Result{}, err
	}
	if (po.failed == len(pages) || po.text == "" && po.failed > 0) && !g.rebuilt {
		// Every page failed (or some did and none gave text): the
		// cross-reference table may point to the wrong places. Read the
		// file again through a table rebuilt by scanning it.
		if v := last.get(); v != nil {
			g2 := &guardedReader{data: v, stop: stop, rebuilt: true}
			if r2, err := newReaderSafe(g2); err == nil {
				x2 := *x
				x2.r, x2.view, x2.fonts, x2.warnings = r2, g2.data, map[string]*fontInfo{}, nil
				if p2 := x2.safePages(); len(p2) > 0 {
					if po2, err := x2.pagesText(p2); err == nil && po2.text != "" {
						x.warnings = append(x.warnings, "rebuilt the cross-reference table to read the pages")
						x.warnings = append(x.warnings, x2.warnings...)
						pages, po = p2, po2
					}
				}
			}
		}
	}
	res.Text, res.Pages = po.text, po.offsets
	res.Meta = printMeta(res.Meta, po, x.producer())
	res.Quality = documentQuality(po.quality)
	res.Warnings = append(x.warnings, res.Quality.warnings()...)
	if po.failed == len(pages) {
		return res, errorf(ErrMalformed, "malformed PDF: no page could be read: %v", po.firstErr)
	}
	if res.Text == "" {
		glyphs := 0
		for _, q := range po.quality {
			glyphs += q.Unmapped
		}
		if glyphs > 0 {
			return res, errorf(ErrNoText, "no text in PDF: %d glyphs drawn, but their fonts have no usable Unicode map", glyphs)
		}
		return res, errorf(ErrNoText, "no text in PDF (%d page(s) without a text layer: scanned images only?)", len(pages))
	}
	return res, nil
}

// pagesText extracts the pages in order, joined by blank lines. A budget
// overflow is an error; a page that fails is counted and warned about.
func (x *extractor) pagesText(pages []pageRef) (pagesOut, error) {
	var b strings.Builder
	var o pagesOut
	for i, p := range pages {
		x.stop.check()
		x.glyphs, x.unmapped = 0, 0
		clear(x.unmappedFonts)
		text, err := x.pageText(p)
		if t, c, ok := stripPrintChrome(text); ok {
			text = t
			o.printed = true
			if o.chrome.url == "" {
				o.chrome.url = c.url
			}
			if o.chrome.title == "" {
				o.chrome.title = c.title
			}
		}
		o.quality = append(o.quality, scorePage(i+1, text, x.glyphs, x.unmapped, x.worstFont()))
		if err != nil {
			if _, ok := err.(errBudget); ok {
				return pagesOut{}, errorf(ErrTooLarge, "PDF too large: page %d: %v", i+1, err)
			}
			o.failed++
			if o.firstErr == nil {
				o.firstErr = err
			}
			x.warnf("page %d: %v", i+1, err)
		}
		if text != "" && b.Len() > 0 {
			b.WriteString("\n\n") // pages are separated by a blank line
		}
		o.offsets = append(o.offsets, b.Len())
		b.WriteString(text)
		if b.Len() > x.textBudget {
			return pagesOut{}, errorf(ErrTooLarge, "PDF too large: more than %d bytes of text", x.textBudget)
		}
	}
	o.text = b.String()
	return o, nil
}

// onlyControls reports whether s holds nothing but control characters
// (what a font's codes 1-31 give when taken as a standard encoding).
func onlyControls(s string) bool {
	for _, r := range s {
		if r >= 0x20 && r != 0x7f && !(r >= 0x80 && r < 0xa0) {
			return false
		}
	}
	return true
}

// worstFont names the font that drew most unmapped glyphs on the page.
func (x *extractor) worstFont() string {
	name, most := "", 0
	for f, n := range x.unmappedFonts {
		if n > most || n == most && f < name {
			name, most = f, n
		}
	}
	return name
}

// pagesOut is the text of a document's pages.
type pagesOut struct {
	text     string
	offsets  []int // where each page starts in text
	failed   int   // pages that could not be read
	firstErr error // the first page failure
	quality  []PageQuality
	printed  bool        // pages carry a browser's print header or footer
	chrome   printChrome // what the first of them said
}

func (x *extractor) safePages() (out []pageRef) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(stopped); ok {
				panic(p)
			}
			x.warnf("page tree: %v", p)
		}
	}()
	return x.pages()
}

// pageText extracts one page, recovering any panic into an error.
func (x *extractor) pageText(p pageRef) (text string, err error) {
	t := &textBuilder{}
	defer func() {
		if rec := recover(); rec != nil {
			switch e := rec.(type) {
			case stopped:
				panic(rec)
			case errBudget:
				err = e
			default:
				err = fmt.Errorf("%v", rec)
			}
			text = logicalOrder(t.String()) // keep what was read before the failure
		}
	}()
	contents := p.v.Key("Contents")
	data, serr := x.streamBytes(contents)
	if serr != nil {
		if len(data) == 0 {
			return "", fmt.Errorf("content stream: %v", serr)
		}
		x.warnf("content stream: %v (text may be incomplete)", serr)
	}
	st := &interp{x: x, t: t}
	st.run(data, p.res, identity, 0)
	st.annotations(p.v, p.res)
	return logicalOrder(t.String()), nil
}

type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// gstate is the part of the graphics state text extraction needs.
type gstate struct {
	ctm                    matrix
	font                   *fontInfo
	fs, tc, tw, th, tl, ts float64
}

// interp interprets content streams of one page.
type interp struct {
	x         *extractor
	t         *textBuilder
	formCalls int
	glyphs    []glyph

	// Marked content: the nesting depth, and the ActualText span open at
	// depth actualAt (0: none), whose text replaces its glyphs'.
	mcDepth    int
	actualAt   int
	actualText string
	actualUsed bool
}

func num(args []operand, i int) float64 {
	if i < len(args) && args[i].kind == opNum {
		v := args[i].num
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0
		}
		return v
	}
	return 0
}

// run interprets one content stream with its resources and initial CTM.
func (in *interp) run(data []byte, res pdf.Value, ctm matrix, depth int) {
	in.interpret(data, res, ctm, depth, map[string]*fontInfo{})
}

// runWithFonts interprets a stream whose fonts are given (for tests).
func (in *interp) runWithFonts(data []byte, fonts map[string]*fontInfo) {
	in.interpret(data, pdf.Value{}, identity, 0, fonts)
}

func (in *interp) interpret(data []byte, res pdf.Value, ctm matrix, depth int, fonts map[string]*fontInfo) {
	x := in.x
	g := gstate{ctm: ctm, th: 1}
	var stack []gstate
	var tm, tlm matrix = identity, identity
	count := 0
	ops(data, func(op string, args []operand) bool {
		count++
		if count&1023 == 0 {
			x.stop.check()
		}
		switch op {
		case "":
			return true
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(args) >= 6 {
				var m matrix
				for i := range m {
					m[i] = num(args, len(args)-6+i)
				}
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) >= 2 {
				g.font = in.font(fonts, res, args[len(args)-2].str)
				g.fs = num(args, len(args)-1)
			}
		case "Tc":
			g.tc = num(args, len(args)-1)
		case "Tw":
			g.tw = num(args, len(args)-1)
		case "Tz":
			g.th = num(args, len(args)-1) / 100
		case "TL":
			g.tl = num(args, len(args)-1)
		case "Ts":
			g.ts = num(args, len(args)-1)
		case "Td", "TD":
			if len(args) >= 2 {
				tx, ty := num(args, len(args)-2), num(args, len(args)-1)
				if op == "TD" {
					g.tl = -ty
				}
				tlm = matrix{1, 0, 0, 1, tx, ty}.mul(tlm)
				tm = tlm
			}
		case "Tm":
			if len(args) >= 6 {
				for i := range tm {
					tm[i] = num(args, len(args)-6+i)
				}
				tlm = tm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(args) >= 1 {
				in.show(&g, &tm, args[len(args)-1].str)
			}
		case "'", "\"":
			if op == "\"" && len(args) >= 3 {
				g.tw = num(args, len(args)-3)
				g.tc = num(args, len(args)-2)
			}
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
			if len(args) >= 1 {
				in.show(&g, &tm, args[len(args)-1].str)
			}
		case "TJ":
			if len(args) >= 1 {
				for _, e := range args[len(args)-1].arr {
					switch e.kind {
					case opString:
						in.show(&g, &tm, e.str)
					case opNum:
						adj := -e.num / 1000 * g.fs * g.th
						if g.font != nil && g.font.scale != 0.001 {
							adj = -e.num * g.font.scale * g.fs * g.th
						}
						tm = matrix{1, 0, 0, 1, adj, 0}.mul(tm)
					}
				}
			}
		case "BMC":
			in.mcDepth++
		case "BDC":
			in.mcDepth++
			if n := len(args); n >= 1 && args[n-1].kind == opDict && args[n-1].num == 1 && in.actualAt == 0 {
				in.actualAt, in.actualText, in.actualUsed = in.mcDepth, decodeTextString(args[n-1].str), false
			}
		case "EMC":
			if in.mcDepth > 0 && in.mcDepth == in.actualAt {
				if !in.actualUsed {
					// A span that drew no glyph (a zero-width joiner or
					// non-joiner): its text goes where the span is.
					in.t.text(in.actualText)
				}
				in.actualAt = 0
			}
			if in.mcDepth > 0 {
				in.mcDepth--
			}
		case "Do":
			if len(args) >= 1 && depth < maxFormDepth {
				in.form(res, args[len(args)-1].str, g.ctm, depth)
			}
		}
		return true
	})
}

// font returns the font named in the resources, cached per stream and per
// document.
func (in *interp) font(local map[string]*fontInfo, res pdf.Value, name string) *fontInfo {
	if f, ok := local[name]; ok {
		return f
	}
	x := in.x
	var f *fontInfo
	func() {
		defer func() {
			if p := recover(); p != nil {
				switch p.(type) {
				case stopped, errBudget:
					panic(p)
				}
				x.warnf("font %s: %v", name, p)
				f = nil
			}
		}()
		v := res.Key("Font").Key(name)
		if v.Kind() != pdf.Dict {
			return
		}
		key := v.String()
		if c, ok := x.fonts[key]; ok {
			f = c
			return
		}
		f = x.loadFont(v)
		x.fonts[key] = f
	}()
	if f == nil {
		f = fallbackFont
	}
	local[name] = f
	return f
}

// decodeTextString decodes a PDF text string: UTF-16BE after a byte order
// mark, else PDFDocEncoding.
func decodeTextString(s string) string {
	if len(s) >= 2 && s[0] == 0xfe && s[1] == 0xff {
		return utf16String(s[2:])
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if t := pdfDocTable[s[i]]; t != "" {
			b.WriteString(t)
		} else if s[i] >= 0x20 && s[i] < 0x7f {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// fallbackFont is used when a font cannot be loaded: Latin-1 codes.
var fallbackFont = &fontInfo{scale: 0.001, avgWidth: 0.5, enc: identityLatin1}

// form interprets a form XObject.
func (in *interp) form(res pdf.Value, name string, ctm matrix, depth int) {
	in.formCalls++
	if in.formCalls > maxFormCalls {
		return
	}
	x := in.x
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(stopped); ok {
				panic(p)
			}
			if _, ok := p.(errBudget); ok {
				panic(p)
			}
			x.warnf("form %s: %v", name, p)
		}
	}()
	in.runForm(name, res.Key("XObject").Key(name), res, identity, ctm, depth)
}

// runForm interprets a form XObject v drawn with the given CTM; place
// maps the form space to the page before the form's own matrix.
func (in *interp) runForm(name string, v, res pdf.Value, place, ctm matrix, depth int) {
	x := in.x
	if st := v.Key("Subtype").Name(); v.Kind() != pdf.Stream || st != "Form" && st != "" {
		return
	}
	data, err := x.streamBytes(v)
	if err != nil && len(data) == 0 {
		x.warnf("form %s: %v", name, err)
		return
	}
	m := identity
	if mv := v.Key("Matrix"); mv.Len() == 6 {
		for i := range m {
			m[i] = mv.Index(i).Float64()
		}
	}
	fres := v.Key("Resources")
	if fres.Kind() != pdf.Dict {
		fres = res
	}
	in.run(data, fres, m.mul(place).mul(ctm), depth+1)
}

// annotations adds the text of form-field and free-text annotation
// appearances (filled-in form values), as viewers show them.
func (in *interp) annotations(page pdf.Value, res pdf.Value) {
	defer func() {
		if p := recover(); p != nil {
			if _, ok := p.(stopped); ok {
				panic(p)
			}
			if _, ok := p.(errBudget); ok {
				panic(p)
			}
			in.x.warnf("annotations: %v", p)
		}
	}()
	annots := page.Key("Annots")
	for i := 0; i < annots.Len() && i < 1000; i++ {
		a := annots.Index(i)
		switch a.Key("Subtype").Name() {
		case "Widget", "FreeText":
		default:
			continue
		}
		if a.Key("F").Int64()&2 != 0 { // hidden
			continue
		}
		// A filled-in text field whose appearance lacks the value (viewers
		// regenerate it from /V when the form asks for it).
		if v := fieldValue(a); v != "" && !strings.Contains(string(in.t.b), v) {
			in.t.newline()
			in.t.text(v)
			in.t.have = false
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict {
			ap = ap.Key(a.Key("AS").Name())
		}
		if ap.Kind() != pdf.Stream {
			continue
		}
		rect, bbox := a.Key("Rect"), ap.Key("BBox")
		place := identity
		if rect.Len() == 4 && bbox.Len() == 4 {
			place[4] = math.Min(rect.Index(0).Float64(), rect.Index(2).Float64()) - bbox.Index(0).Float64()
			place[5] = math.Min(rect.Index(1).Float64(), rect.Index(3).Float64()) - bbox.Index(1).Float64()
		}
		in.runForm("annotation", ap, res, place, identity, 1)
	}
}

// show places the glyphs of one string and adds their text.
func (in *interp) show(g *gstate, tm *matrix, raw string) {
	f := g.font
	if f == nil {
		f = fallbackFont
	}
	in.glyphs = f.decode(in.glyphs[:0], raw)
	if len(in.glyphs) == 0 {
		return
	}
	x := in.x
	x.glyphs += len(in.glyphs)
	if in.actualAt > 0 {
		// Inside an ActualText span its text stands for all its glyphs:
		// the first glyph carries it, the others none.
		for i := range in.glyphs {
			in.glyphs[i].text = ""
		}
		if !in.actualUsed {
			in.glyphs[0].text = in.actualText
			in.actualUsed = true
		}
	} else {
		for _, gl := range in.glyphs {
			if gl.text == "" || gl.text[0] < 0x20 && onlyControls(gl.text) {
				x.unmapped++
				if x.unmappedFonts == nil {
					x.unmappedFonts = map[string]int{}
				}
				x.unmappedFonts[f.name]++
			}
		}
	}
	trm := tm.mul(g.ctm)
	// Device position of the string's origin (with text rise), the
	// baseline direction and the font size in device space.
	x0 := g.ts*trm[2] + trm[4]
	y0 := g.ts*trm[3] + trm[5]
	ux, uy := trm[0], trm[1]
	ulen := math.Hypot(ux, uy)
	if ulen == 0 || math.IsNaN(ulen) || math.IsInf(ulen, 0) {
		ux, uy, ulen = 1, 0, 1
	}
	size := math.Abs(g.fs) * math.Hypot(trm[2], trm[3])
	if f.composite || f.scale == 0.001 {
		// size as is
	} else if f.scale > 0 {
		size *= f.scale * 1000 // Type 3 glyph space
	}
	adv := 0.0
	for _, gl := range in.glyphs {
		w := gl.width*g.fs + g.tc
		if gl.n == 1 && gl.code == 32 {
			w += g.tw
		}
		adv += w * g.th
	}
	in.t.add(in.glyphs, x0, y0, ux/ulen, uy/ulen, adv*ulen, size, f.hasWidths || f.composite)
	tm[4] += adv * tm[0]
	tm[5] += adv * tm[1]
}

// textBuilder assembles a page's text from placed strings, inserting
// spaces and line breaks from their positions.
type textBuilder struct {
	b         []byte
	have      bool
	endX      float64
	endY      float64
	dirX      float64
	dirY      float64
	size      float64
	sure      bool // the previous end position comes from real widths
	pendingNL bool

	// The strings of the current line, for lines holding right-to-left
	// text whose producer draws runs out of visual order.
	lineStart int
	frags     []frag
	rtlSeen   bool         // the page has right-to-left lines: sort its lines too
	inks      [][2]float64 // extents of the line's glyphs without text
	mark      int          // where the string being added starts in b, -1 before
}

// frag is one placed string of the current line: where its text starts
// in b and its extent along the baseline.
type frag struct {
	start      int
	from, to   float64
	size       float64
	lead, tail bool // the string starts, ends with a space glyph
}

func (t *textBuilder) String() string {
	t.fixLine()
	return strings.TrimRight(string(t.b), " \n")
}

// add appends a string drawn at (x,y) along direction (dx,dy) with device
// advance adv and font size size.
func (t *textBuilder) add(gs []glyph, x, y, dx, dy, adv, size float64, sure bool) {
	if size <= 0 || math.IsNaN(size) || math.IsInf(size, 0) {
		size = 1
	}
	// A string of combining marks alone (tanween, shadda drawn apart from
	// their letter, raised above it) belongs to the letter next to it: it
	// neither breaks the line nor moves where the text ends.
	marks := marksOnly(gs)

	if t.have && !marks {
		sz := math.Max(size, t.size)
		ex, ey := x-t.endX, y-t.endY
		along := ex*t.dirX + ey*t.dirY
		perp := -ex*t.dirY + ey*t.dirX
		sameDir := dx*t.dirX+dy*t.dirY > 0.9
		gap := spaceGap(t.sure && sure)
		if len(gs) > 0 && joinsCursive(t.b, gs[0].text) {
			gap = cursiveGap
		}
		switch {
		case !sameDir || math.Abs(perp) > 0.5*sz:
			t.newline()
		case along > gap*sz || along < -2*sz:
			t.space()
		}
	}
	if t.pendingNL {
		t.fixLine()
	}
	t.mark = -1
	for _, g := range gs {
		t.text(glyphTextForLine(g.text))
	}
	if t.mark >= 0 {
		from := x*dx + y*dy
		t.frags = append(t.frags, frag{start: t.mark, from: from, to: from + adv, size: size,
			lead: isSpaceText(gs[0].text), tail: isSpaceText(gs[len(gs)-1].text)})
	}
	if t.mark < 0 && !marks && len(gs) > 0 {
		// Glyphs without text (a kashida stretching a justified Arabic
		// word) still fill the line: no word break across them.
		from := x*dx + y*dy
		t.inks = append(t.inks, [2]float64{from, from + adv})
	}
	if marks && t.have {
		return
	}
	t.have = true
	t.endX, t.endY = x+adv*dx, y+adv*dy
	t.dirX, t.dirY = dx, dy
	t.size = size
	t.sure = sure
}

// inked reports whether glyphs without text cover the stretch from a to b
// (within tol).
func inked(inks [][2]float64, a, b, tol float64) bool {
	for progress := true; progress && a < b-tol; {
		progress = false
		for _, k := range inks {
			if k[0] <= a+tol && k[1] > a {
				a, progress = k[1], true
			}
		}
	}
	return a >= b-tol
}

// marksOnly reports whether the glyphs' text is combining marks alone.
func marksOnly(gs []glyph) bool {
	if len(gs) == 0 {
		return false
	}
	for _, g := range gs {
		if !onlyMarks(g.text) {
			return false
		}
	}
	return true
}

// onlyMarks reports whether s is made of combining marks alone.
func onlyMarks(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return s != ""
}

func isSpaceText(s string) bool {
	return s != "" && (s[0] == ' ' || s[len(s)-1] == ' ' || strings.HasPrefix(s, "\u00a0") || strings.HasSuffix(s, "\u00a0"))
}

// cursiveGap is the gap, in font sizes, above which two Arabic letters are
// separate words: kerning in cursive scripts pulls or pushes glyphs by
// more than a tenth of an em (Chromium's Arabic fonts: 0.12 em between
// "ي" and a final "ر"), while word spaces are explicit or wider.
const cursiveGap = 0.25

// joinsCursive reports whether the text before and the text after are
// Arabic letters or marks, between which a small gap is not a space.
func joinsCursive(before []byte, after string) bool {
	if len(before) == 0 || after == "" {
		return false
	}
	a, _ := utf8.DecodeLastRune(before)
	b, _ := utf8.DecodeRuneInString(after)
	return isArabicScript(a) && isArabicScript(b)
}

func isArabicScript(r rune) bool {
	return r >= 0x610 && r <= 0x6ff && !(r >= 0x660 && r <= 0x669) && !(r >= 0x6f0 && r <= 0x6f9) && r != 0x60c && r != 0x61b && r != 0x61f ||
		r >= 0x750 && r <= 0x77f || r >= 0x8a0 && r <= 0x8ff || r >= 0xfb50 && r <= 0xfdff || r >= 0xfe70 && r <= 0xfefc
}

// fixLine ends the current line: when it holds right-to-left text drawn as
// strings out of their visual order (LibreOffice draws the runs of a line
// in logical order, each in visual order), its strings are put in visual
// order by position, so that the bidi reordering then finds the visual
// line it expects.
func (t *textBuilder) fixLine() {
	frags, inks := t.frags, t.inks
	t.frags, t.inks = t.frags[:0], t.inks[:0]
	if len(frags) < 2 || frags[0].start < t.lineStart || frags[0].start > len(t.b) {
		return
	}
	sorted := true
	for i := 1; i < len(frags); i++ {
		if frags[i].from < frags[i-1].from-0.5*frags[i].size {
			sorted = false
			break
		}
	}
	if sorted {
		return
	}
	if hasRTL(string(t.b[t.lineStart:])) {
		t.rtlSeen = true
	} else if !t.rtlSeen {
		return // left-to-right pages keep the drawing order
	}
	type piece struct {
		text       string
		from, to   float64
		size       float64
		lead, tail bool
	}
	ps := make([]piece, len(frags))
	for i, f := range frags {
		end := len(t.b)
		if i+1 < len(frags) {
			end = frags[i+1].start
		}
		if f.start > end {
			return // not laid out as expected: leave the line alone
		}
		// An empty piece is a drawn space glyph.
		ps[i] = piece{strings.Trim(string(t.b[f.start:end]), " "), f.from, f.to, f.size, f.lead, f.tail}
	}
	head := string(t.b[t.lineStart:frags[0].start])
	// A mark drawn on its own (tanween, shadda) comes just before its
	// letter in the stream, but its position lies inside the letter's:
	// sorting alone would put it after the letter, on the next one.
	merged := ps[:0]
	for i := 0; i < len(ps); i++ {
		if i+1 < len(ps) && onlyMarks(ps[i].text) {
			ps[i+1].text = ps[i].text + ps[i+1].text
			ps[i+1].lead = ps[i+1].lead || ps[i].lead
			continue
		}
		merged = append(merged, ps[i])
	}
	ps = merged
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].from < ps[j].from })
	out := append(t.b[:t.lineStart], strings.TrimRight(head, " ")...)
	for i, p := range ps {
		if len(out) > t.lineStart && out[len(out)-1] != ' ' {
			gap := spaceGap(true)
			if i > 0 && joinsCursive(out, p.text) {
				gap = cursiveGap
			}
			if p.text == "" || p.lead || i == 0 || ps[i-1].tail || p.from-ps[i-1].to > gap*p.size && !inked(inks, ps[i-1].to, p.from, 0.1*p.size) {
				out = append(out, ' ')
			}
		}
		out = append(out, p.text...)
	}
	t.b = out
}

// spaceGap is the gap, in font sizes, above which two strings are separate
// words: a tenth of an em (like poppler) when the positions come from real
// widths, more when widths are guessed. Kerning inside words stays well
// below it (a few hundredths of an em); word spaces are a quarter to a
// third of an em.
func spaceGap(sure bool) float64 {
	if sure {
		return 0.1
	}
	return 0.3
}

func (t *textBuilder) space() {
	if t.pendingNL || len(t.b) == 0 {
		return
	}
	if c := t.b[len(t.b)-1]; c == ' ' || c == '\n' {
		return
	}
	t.b = append(t.b, ' ')
}

func (t *textBuilder) newline() {
	if len(t.b) == 0 {
		return
	}
	t.pendingNL = true
}

// text appends decoded text: ligatures folded, control characters dropped,
// a pending line break resolved (joining a word hyphenated at the line end
// when the next line starts in lower case).
func (t *textBuilder) text(s string) {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 || r == utf8.RuneError || r == 0xfeff {
			if r == '\t' {
				r = ' '
			} else {
				continue
			}
		}
		if t.pendingNL {
			t.pendingNL = false
			if !t.joinHyphen(r) {
				for len(t.b) > 0 && t.b[len(t.b)-1] == ' ' {
					t.b = t.b[:len(t.b)-1]
				}
				t.b = append(t.b, '\n')
				t.lineStart = len(t.b)
			}
		}
		if t.mark < 0 {
			t.mark = len(t.b)
		}
		if r == ' ' || r == 0xa0 {
			if len(t.b) == 0 || t.b[len(t.b)-1] == ' ' || t.b[len(t.b)-1] == '\n' {
				continue
			}
			t.b = append(t.b, ' ')
			continue
		}
		if lig, ok := ligatures[r]; ok {
			t.b = append(t.b, lig...)
			continue
		}
		t.b = utf8.AppendRune(t.b, r)
	}
}

var ligatures = map[rune]string{
	'ﬀ': "ff", 'ﬁ': "fi", 'ﬂ': "fl", 'ﬃ': "ffi", 'ﬄ': "ffl", 'ﬅ': "st", 'ﬆ': "st",
}

// joinHyphen removes a line-end hyphen when the word continues in lower
// case on the next line ("extrac-" + "tion"); it also drops soft hyphens.
func (t *textBuilder) joinHyphen(next rune) bool {
	for len(t.b) > 0 && t.b[len(t.b)-1] == ' ' {
		t.b = t.b[:len(t.b)-1]
	}
	n := len(t.b)
	if n == 0 || !unicode.IsLower(next) {
		return false
	}
	if t.b[n-1] == '-' {
		prev, _ := utf8.DecodeLastRune(t.b[:n-1])
		if unicode.IsLower(prev) {
			t.b = t.b[:n-1]
			return true
		}
		return false
	}
	if n >= 2 && t.b[n-2] == 0xc2 && t.b[n-1] == 0xad { // soft hyphen
		t.b = t.b[:n-2]
		return true
	}
	return false
}

// fieldValue returns the value of a text form field (its own or its
// parent's /V when /FT is /Tx).
func fieldValue(a pdf.Value) string {
	for f, depth := a, 0; f.Kind() == pdf.Dict && depth < 8; f, depth = f.Key("Parent"), depth+1 {
		if ft := f.Key("FT").Name(); ft != "" && ft != "Tx" {
			return ""
		}
		if v := f.Key("V"); v.Kind() == pdf.String {
			return strings.TrimSpace(v.Text())
		}
	}
	return ""
}
