package project

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/parallaxworkbench/parallax/internal/pdftext/pdftest"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/pdftext"
	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

func TestMain(m *testing.M) {
	pdftext.RunWorkerIfRequested()
	os.Exit(m.Run())
}

const para = "The ministry said on Tuesday that the talks, which began last week in the capital, would continue until both sides agreed on a timetable for the withdrawal of the remaining troops from the area."

func write(t testing.TB, dir, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func makePDF(t testing.TB, lines ...string) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetTitle("Troops leave the border town", false)
	pdf.SetAuthor("Jane Roe", false)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 11)
	for _, l := range lines {
		pdf.MultiCell(180, 6, l, "", "L", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func utf16le(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// buildProject writes a folder with every kind of file the loader meets.
func buildProject(t testing.TB) string {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte("Troops leave the border town\n\nBy Jane Roe\n\nJune 30, 2021 - 18:47\n\n"+para+"\n\nLeave a Comment\n\n3 + 6 =\n"))
	write(t, dir, "sub/b.md", []byte("---\ntitle: Markdown piece\nauthor: John Doe\ndate: 2020-01-01\n---\n# Talks *resume* in the [capital](https://example.com)\n\n"+para+"\n"))
	write(t, dir, "sub/deeper/c.html", []byte(`<!doctype html><html><head><meta charset="utf-8"><title>Page title</title>
<meta property="og:site_name" content="Example Herald"><meta name="author" content="Ann Smith"></head>
<body><nav>Home | World | Sport</nav><article><h1>Talks resume in the capital</h1><p>`+para+`</p><p>`+para+`</p></article></body></html>`))
	write(t, dir, "d.pdf", makePDF(t, "Talks resume in the capital", para, para))
	write(t, dir, "broken.pdf", []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without xref\n"))
	// windows-1252: "café", curly quotes.
	write(t, dir, "win.txt", append([]byte("Caf\xe9 owners protest\n\n\x93We are closing,\x94 said the owner of the caf\xe9 on the main square, who has run it for thirty years and will now leave the town for good.\n"), []byte(strings.Repeat(" The protest continued into the night.", 5))...))
	write(t, dir, "utf16.txt", utf16le("Grüße aus Köln\n\n"+para+"\n"))
	write(t, dir, "empty.txt", nil)
	write(t, dir, "binary.txt", bytes.Repeat([]byte{0, 1, 2, 3, 0, 0, 0xff}, 200))
	write(t, dir, "notes.docx", []byte("PK\x03\x04 not an article"))
	write(t, dir, "images/photo.JPG", []byte{0xff, 0xd8})
	write(t, dir, ".hidden/secret.txt", []byte(para))
	write(t, dir, ".dotfile.txt", []byte(para))
	write(t, dir, ".parallax/cache/junk.txt", []byte(para))
	write(t, dir, "sources.csv", []byte("file,outlet,date,bias\na.txt,Example Daily,,left\nd.pdf,PDF Weekly,2019-05-04,right\n"))
	return dir
}

func TestOpenFormats(t *testing.T) {
	dir := buildProject(t)
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	byPath := map[string]*document.Document{}
	for _, d := range p.docs {
		paths = append(paths, d.Path)
		byPath[d.Path] = d
	}
	wantDocs := []string{"a.txt", "d.pdf", "sub/b.md", "sub/deeper/c.html", "utf16.txt", "win.txt"}
	if !reflect.DeepEqual(paths, wantDocs) {
		t.Fatalf("docs = %v, want %v (problems %v)", paths, wantDocs, p.problems)
	}
	if want := []string{"images/photo.JPG", "notes.docx"}; !reflect.DeepEqual(p.skipped, want) {
		t.Errorf("skipped = %v, want %v", p.skipped, want)
	}
	kinds := map[string]string{}
	for _, pr := range p.problems {
		kinds[pr.Path] = pr.Kind
		if pr.Error == "" {
			t.Errorf("problem without a reason: %+v", pr)
		}
	}
	if kinds["empty.txt"] != "empty" || kinds["binary.txt"] != "binary" || kinds["broken.pdf"] == "" || len(kinds) != 3 {
		t.Errorf("problems = %+v", p.problems)
	}

	a := byPath["a.txt"]
	if a.Format != document.FormatText || a.Encoding != "utf-8" || len(a.Hash) != 64 || a.Size == 0 {
		t.Errorf("a.txt = %+v", a)
	}
	if a.Meta.Outlet.Value != "Example Daily" || a.Meta.Outlet.Source != document.FromSidecar {
		t.Errorf("sidecar outlet not applied: %+v", a.Meta.Outlet)
	}
	if a.Meta.Author.Value != "Jane Roe" || a.Meta.Date.Value != "2021-06-30T18:47" || a.Meta.Title.Value != "Troops leave the border town" {
		t.Errorf("text metadata of a.txt: %+v", a.Meta)
	}
	if !strings.Contains(a.Text[a.Boilerplate[len(a.Boilerplate)-1].Start:], "Leave a Comment") {
		t.Errorf("footer not marked: %v", a.Boilerplate)
	}

	b := byPath["sub/b.md"]
	raw, _ := os.ReadFile(filepath.Join(dir, "sub", "b.md"))
	if b.Text != string(raw) || b.Format != document.FormatMarkdown {
		t.Error("markdown text not byte-exact")
	}
	if b.Meta.Title.Value != "Markdown piece" || b.Meta.Author.Value != "John Doe" || b.Meta.Date.Value != "2020-01-01" {
		t.Errorf("front matter metadata: %+v", b.Meta)
	}
	if b.Boilerplate[0].Start != 0 || !strings.HasPrefix(b.Body(), "# Talks") {
		t.Errorf("front matter not marked as boilerplate: %v", b.Boilerplate)
	}

	c := byPath["sub/deeper/c.html"]
	if c.Format != document.FormatHTML || !strings.Contains(c.Text, "talks, which began") || strings.Contains(c.Text, "Home | World") {
		t.Errorf("html text %q", c.Text)
	}
	if c.Meta.Outlet.Value != "Example Herald" || c.Meta.Outlet.Source != document.FromHTMLMeta {
		t.Errorf("html outlet %+v", c.Meta.Outlet)
	}

	d := byPath["d.pdf"]
	if d.Format != document.FormatPDF || !strings.Contains(d.Text, "withdrawal") || len(d.Pages) != 1 {
		t.Errorf("pdf = %q pages %v", d.Text, d.Pages)
	}
	if d.Meta.Outlet.Value != "PDF Weekly" || d.Meta.Date.Value != "2019-05-04" || d.Meta.Author.Value != "Jane Roe" {
		t.Errorf("pdf meta %+v", d.Meta)
	}

	w := byPath["win.txt"]
	if w.Encoding != "windows-1252" || !strings.Contains(w.Text, "“We are closing,” said the owner of the café") {
		t.Errorf("windows-1252: %s %q", w.Encoding, w.Text[:60])
	}
	u := byPath["utf16.txt"]
	if u.Encoding != "utf-16le" || !strings.HasPrefix(u.Text, "Grüße aus Köln") {
		t.Errorf("utf-16: %s %q", u.Encoding, u.Text[:20])
	}
	if p.sidecar == nil || p.sidecar.Extra("d.pdf")["bias"] != "right" {
		t.Errorf("sidecar extra columns lost")
	}
	if len(p.warnings) != 0 {
		t.Errorf("warnings %v", p.warnings)
	}
	write(t, dir, "sources.csv", []byte("file,outlet\na.txt,X\nmoved/gone.txt,Y\n"))
	p, err = Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.warnings) != 1 || !strings.Contains(p.warnings[0], "1 of 2 rows") || !strings.Contains(p.warnings[0], "moved/gone.txt") {
		t.Errorf("unmatched rows: %v", p.warnings)
	}
}

func TestCacheHitsAndMisses(t *testing.T) {
	dir := buildProject(t)
	var mu sync.Mutex
	var extracted []string
	opts := Options{onExtract: func(rel string) { mu.Lock(); extracted = append(extracted, rel); mu.Unlock() }}
	reset := func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := extracted
		extracted = nil
		sort.Strings(out)
		return out
	}
	first, err := Open(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(reset()); n != 8 { // 6 documents, binary and broken files (empty ones are not read)
		t.Fatalf("cold open extracted %d files", n)
	}
	second, err := Open(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := reset(); len(got) != 0 {
		t.Errorf("warm open extracted %v", got)
	}
	if second.fromCache != 8 {
		t.Errorf("FromCache = %d", second.fromCache)
	}
	if !reflect.DeepEqual(docsOf(first), docsOf(second)) || !reflect.DeepEqual(first.problems, second.problems) {
		t.Error("cached project differs from the extracted one")
	}

	// One changed file is extracted again; the rest come from the cache.
	write(t, dir, "a.txt", []byte("A new headline\n\n"+para+"\n"))
	third, err := Open(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := reset(); !reflect.DeepEqual(got, []string{"a.txt"}) {
		t.Errorf("after one change extracted %v", got)
	}
	if third.Doc("a.txt").Meta.Title.Value != "A new headline" {
		t.Error("changed file not re-read")
	}

	// A corrupt record is ignored and written again.
	h := third.Doc("win.txt").Hash
	l := testCache(t, dir, false).idx.Entries[entryKey(h, document.FormatText)]
	pack := filepath.Join(dir, filepath.FromSlash(testCache(t, dir, false).dir), l.Pack)
	f, err := os.OpenFile(pack, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte("garbage"), l.Off+int64(l.Len)-10)
	f.Close()
	if _, err := Open(context.Background(), dir, opts); err != nil {
		t.Fatal(err)
	}
	if got := reset(); !reflect.DeepEqual(got, []string{"win.txt"}) {
		t.Errorf("after corrupting an entry extracted %v", got)
	}
	if l2 := testCache(t, dir, false).idx.Entries[entryKey(h, document.FormatText)]; l2 == l {
		t.Error("corrupt entry not rewritten")
	}
	if _, err := Open(context.Background(), dir, opts); err != nil || len(reset()) != 0 {
		t.Errorf("after rewriting, an open still extracts: %v", err)
	}

	// NoCache reads everything and writes nothing.
	fresh := buildProject(t)
	if _, err := Open(context.Background(), fresh, Options{NoCache: true, onExtract: opts.onExtract}); err != nil {
		t.Fatal(err)
	}
	if n := len(reset()); n != 8 {
		t.Errorf("NoCache extracted %d", n)
	}
	if _, err := os.Stat(filepath.Join(fresh, filepath.FromSlash(testCache(t, fresh, true).dir))); err == nil {
		t.Error("NoCache wrote a cache")
	}
}

func docsOf(p *Project) []document.Document {
	var out []document.Document
	for _, d := range p.docs {
		c := *d
		c.ModTime = time.Time{}
		out = append(out, c)
	}
	return out
}

func TestProgressInOrder(t *testing.T) {
	dir := buildProject(t)
	var events []Progress
	_, err := Open(context.Background(), dir, Options{Workers: 3, NoCache: true, Progress: func(p Progress) { events = append(events, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 10 { // the start event and one per file (6 docs + 3 problems)
		t.Fatalf("%d events: %+v", len(events), events)
	}
	seen := map[string]bool{}
	for i, e := range events {
		if e.Done != i || e.Total != 9 {
			t.Errorf("event %d = %+v", i, e)
		}
		if i > 0 && (e.Current == "" || seen[e.Current]) {
			t.Errorf("event %d names %q", i, e.Current)
		}
		seen[e.Current] = true
	}
}

func TestCancel(t *testing.T) {
	dir := buildProject(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, dir, Options{NoCache: true}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled before: %v", err)
	}
	// Cancel from the progress callback after two files.
	for i := 0; i < 30; i++ {
		write(t, dir, filepath.Join("many", string(rune('a'+i%26))+strings.Repeat("x", i/26)+".txt"), []byte("Headline\n\n"+para))
	}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	start := time.Now()
	_, err := Open(ctx, dir, Options{Workers: 2, NoCache: true, Progress: func(p Progress) {
		if calls.Add(1) == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("canceled during: %v", err)
	}
	if n := calls.Load(); n > 4 {
		t.Errorf("%d progress events after cancelling", n-3)
	}
	if time.Since(start) > 10*time.Second {
		t.Error("cancellation not prompt")
	}

	// Work done before a cancellation is kept in the cache.
	ctx, cancel = context.WithCancel(context.Background())
	var extracted atomic.Int32
	_, err = Open(ctx, dir, Options{Workers: 1, onExtract: func(string) { extracted.Add(1) }, Progress: func(p Progress) {
		if p.Done == 5 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled during: %v", err)
	}
	first := extracted.Load()
	extracted.Store(0)
	p, err := Open(context.Background(), dir, Options{onExtract: func(string) { extracted.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	if total := int32(len(p.docs) + len(p.problems) - 1); extracted.Load() > total-first+1 || first < 2 {
		t.Errorf("after a cancelled open (%d extracted) the next extracted %d of %d", first, extracted.Load(), total)
	}
}

func TestReadOnlyFolderNotWritten(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte("Headline\n\n"+para))
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.docs) != 1 || len(p.warnings) != 1 || !strings.Contains(p.warnings[0], "read-only") {
		t.Errorf("docs %d warnings %v", len(p.docs), p.warnings)
	}
	if _, err := os.Stat(filepath.Join(dir, StateDir)); err == nil {
		t.Error("cache written into a read-only folder")
	}
}

func TestSizeLimit(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "big.txt", []byte("Headline\n\n"+strings.Repeat(para+" ", 10)))
	write(t, dir, "small.txt", []byte("Headline\n\n"+para))
	p, err := Open(context.Background(), dir, Options{MaxFileSize: 1000, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.docs) != 1 || len(p.problems) != 1 || p.problems[0].Kind != "too-large" || !strings.Contains(p.problems[0].Error, "limit") {
		t.Errorf("docs %v problems %+v", docPaths(p), p.problems)
	}
}

func TestMetadataPrecedenceAndOverrides(t *testing.T) {
	dir := buildProject(t)
	o := sourcemeta.NewOverrides()
	if err := o.SetField("a.txt", "outlet", "Analyst Outlet"); err != nil {
		t.Fatal(err)
	}
	if err := o.SetOutletStance("Analyst Outlet", "neutral"); err != nil {
		t.Fatal(err)
	}
	if err := o.Save(dir); err != nil {
		t.Fatal(err)
	}
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := p.Doc("a.txt")
	if a.Meta.Outlet.Value != "Analyst Outlet" || a.Meta.Outlet.Source != document.FromAnalyst {
		t.Errorf("override lost: %+v", a.Meta.Outlet)
	}
	if l, src := p.Overrides().Stance(a); l != "neutral" || src != sourcemeta.StanceFromOutlet {
		t.Errorf("stance %q %q", l, src)
	}
	// Editing a copy of the overrides gives a new project; the old one
	// and its document stay as they were.
	ov := p.Overrides()
	if err := ov.SetField("a.txt", "outlet", ""); err != nil {
		t.Fatal(err)
	}
	next := p.WithOverrides(ov)
	if na := next.Doc("a.txt"); na.Meta.Outlet.Value != "Example Daily" || na.Meta.Outlet.Source != document.FromSidecar {
		t.Errorf("after removing the override: %+v", na.Meta.Outlet)
	}
	if a.Meta.Outlet.Value != "Analyst Outlet" || p.Doc("a.txt") != a {
		t.Errorf("the published project changed: %+v", a.Meta.Outlet)
	}
	if got := p.Overrides().Fields("a.txt")["outlet"]; got != "Analyst Outlet" {
		t.Errorf("editing the copy Overrides returned changed the project's: %q", got)
	}
	if next.Doc("b.txt") != p.Doc("b.txt") && next.Doc("b.txt").Meta == p.Doc("b.txt").Meta {
		t.Error("a document whose metadata did not change was copied")
	}
	// A corrupt sources.json is a problem, not a failed project, and is left alone.
	bad := []byte("{not json")
	write(t, dir, ".parallax/sources.json", bad)
	p, err = Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Overrides() != nil || !hasProblem(p, "overrides") || len(p.docs) != 6 {
		t.Errorf("corrupt overrides: %+v", p.problems)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".parallax", "sources.json")); !bytes.Equal(got, bad) {
		t.Error("corrupt sources.json rewritten")
	}
}

func hasProblem(p *Project, kind string) bool {
	for _, pr := range p.problems {
		if pr.Kind == kind {
			return true
		}
	}
	return false
}

func TestReload(t *testing.T) {
	dir := buildProject(t)
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var extracted []string
	opts := Options{onExtract: func(rel string) { mu.Lock(); extracted = append(extracted, rel); mu.Unlock() }}
	write(t, dir, "new.txt", []byte("Fresh headline\n\n"+para))
	write(t, dir, "win.txt", []byte("Edited headline\n\n"+para))
	os.Remove(filepath.Join(dir, "sub", "b.md"))
	write(t, dir, "empty.txt", []byte("No longer empty\n\n"+para))
	write(t, dir, "sources.csv", []byte("file,outlet\nnew.txt,Reloaded Outlet\n"))
	if p, err = p.Reload(context.Background(), []string{"new.txt", "win.txt", "sub/b.md", "empty.txt", "sources.csv"}, opts); err != nil {
		t.Fatal(err)
	}
	sort.Strings(extracted)
	if !reflect.DeepEqual(extracted, []string{"empty.txt", "new.txt", "win.txt"}) {
		t.Errorf("extracted %v", extracted)
	}
	if p.Doc("sub/b.md") != nil || p.Doc("new.txt") == nil || p.Doc("win.txt").Meta.Title.Value != "Edited headline" || p.Doc("empty.txt") == nil {
		t.Errorf("docs after reload: %v", docPaths(p))
	}
	if hasProblem(p, "empty") {
		t.Errorf("stale problem kept: %v", p.problems)
	}
	if p.Doc("new.txt").Meta.Outlet.Value != "Reloaded Outlet" || p.Doc("a.txt").Meta.Outlet.Value == "Example Daily" {
		t.Errorf("sidecar not reloaded: %+v / %+v", p.Doc("new.txt").Meta.Outlet, p.Doc("a.txt").Meta.Outlet)
	}
	for i := 1; i < len(p.docs); i++ {
		if p.docs[i-1].Path >= p.docs[i].Path {
			t.Fatalf("docs not sorted: %v", docPaths(p))
		}
	}
}

func docPaths(p *Project) []string {
	var out []string
	for _, d := range p.docs {
		out = append(out, d.Path)
	}
	return out
}

// TestSampleProject opens a copy of the sample project (the original is
// never written to).
func TestSampleProject(t *testing.T) {
	src := testcorpus.SampleProject(t)
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() {
			b, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			write(t, dir, e.Name(), b)
		}
	}
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.docs) != 5 || len(p.problems) != 0 || len(p.skipped) != 0 {
		t.Fatalf("docs %v problems %v skipped %v", docPaths(p), p.problems, p.skipped)
	}
	want := []struct{ outlet, author, date string }{
		{"", "", "2021-06-30T18:47"},
		{"Mehr News Agency", "", ""},
		{"The Duran", "", ""},
		{"Tehran Times", "Mohammad Ghaderi", "2020-01-01T10:38"},
		{"Altayinform.ru", "", ""},
	}
	for i, w := range want {
		m := p.docs[i].Meta
		if m.Outlet.Value != w.outlet || m.Author.Value != w.author || m.Date.Value != w.date {
			t.Errorf("%s: outlet %q author %q date %q; want %+v", p.docs[i].Path, m.Outlet.Value, m.Author.Value, m.Date.Value, w)
		}
		if p.docs[i].BoilerplateChars() == 0 {
			t.Errorf("%s: no boilerplate marked", p.docs[i].Path)
		}
	}
	if n := len(textnorm.FindMixedScript(p.docs[4].Body()).Words); n < 150 {
		t.Errorf("004 has %d mixed-script words", n)
	}
	if o := p.origins["004_b37ff82c4dbbe2a9.txt"]; len(o) == 0 || o[0].Agency != "Reuters" {
		t.Errorf("004 origins %+v", o)
	}
}

// testCache opens the cache of the project folder dir as Open does.
func testCache(t *testing.T, dir string, off bool) *cache {
	t.Helper()
	rfs, err := projectfs.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rfs.Close() })
	return newCache(rfs, off)
}

// garbledPDF writes a PDF whose font encoding maps the vowels a, e and o
// to punctuation, as a broken producer does: the text reads "th# m...".
func garbledPDF(lines ...string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 11 Tf 72 720 Td 14 TL\n")
	for _, l := range lines {
		fmt.Fprintf(&content, "(%s) Tj T*\n", l)
	}
	content.WriteString("ET")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [97 /exclam 101 /numbersign 111 /dollar] >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()),
	}
	return pdftest.Build(objs...)
}

// TestGarbledPDFIsAProblem: a PDF whose text reads as garbage stays in the
// project and is listed among the Problems with the page and the reason.
func TestGarbledPDFIsAProblem(t *testing.T) {
	dir := t.TempDir()
	words := strings.Fields(para + " " + para)
	var lines []string
	for i := 0; i < len(words); i += 10 {
		lines = append(lines, strings.Join(words[i:min(i+10, len(words))], " "))
	}
	write(t, dir, "garbled.pdf", garbledPDF(lines...))
	write(t, dir, "clean.pdf", makePDF(t, "Talks resume in the capital", para, para))
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.docs) != 2 {
		t.Fatalf("docs %d, want both PDFs (problems %v)", len(p.docs), p.problems)
	}
	if len(p.problems) != 1 {
		t.Fatalf("problems %+v, want one for garbled.pdf", p.problems)
	}
	pr := p.problems[0]
	if pr.Path != "garbled.pdf" || pr.Kind != document.ProblemGarbled || !strings.HasPrefix(pr.Error, "text of page 1 looks garbled: ") {
		t.Errorf("problem %+v", pr)
	}
	// From the cache the same.
	p2, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p2.fromCache != 2 || len(p2.problems) != 1 || p2.problems[0] != pr {
		t.Errorf("from cache: %d cached, problems %+v", p2.fromCache, p2.problems)
	}
}

// TestPDFDatesFromText: the date line and byline printed in a PDF win over
// its Info dictionary (the day and the person that made the file), which
// only fills in what the text lacks, saying so in the provenance.
func TestPDFDatesFromText(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "dated.pdf", makePDF(t, "Talks resume in the capital", "By John Smith", "June 30, 2021", para, para))
	write(t, dir, "bare.pdf", makePDF(t, para, para))
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*document.Document{}
	for _, d := range p.docs {
		byPath[d.Path] = d
	}
	dated, bare := byPath["dated.pdf"], byPath["bare.pdf"]
	if dated == nil || bare == nil {
		t.Fatalf("docs %v, problems %v", p.docs, p.problems)
	}
	if m := dated.Meta; m.Date.Value != "2021-06-30" || m.Date.Source != document.FromText || m.Author.Value != "John Smith" || m.Author.Source != document.FromText {
		t.Errorf("dated.pdf: date %+v, author %+v; want the text's", m.Date, m.Author)
	}
	if m := bare.Meta; m.Author.Value != "Jane Roe" || m.Author.Source != document.FromPDFMeta || m.Author.Confidence > 0.3 ||
		m.Date.Source != document.FromPDFMeta || !strings.Contains(m.Date.Rule, "when the file was made") {
		t.Errorf("bare.pdf: date %+v, author %+v; want the Info values as a weak fallback", m.Date, m.Author)
	}
}
