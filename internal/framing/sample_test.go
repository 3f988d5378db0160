package framing

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/wordscan"
	"github.com/parallaxworkbench/parallax/resources"
)

// sampleOutlets names the outlets of the sample project's files, as the
// metadata extractor would.
var sampleOutlets = map[string]string{
	"000": "Mehr News Agency", "001": "Mehr News Agency", "002": "The Duran",
	"003": "Tehran Times", "004": "Reuters",
}

// loadSample reads the sample project's texts.
func loadSample(t *testing.T) ([]*document.Document, []textnorm.Folded) {
	t.Helper()
	dir := testcorpus.SampleProject(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("sample project: %v files, %v", len(files), err)
	}
	sort.Strings(files)
	var docs []*document.Document
	var folded []textnorm.Folded
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := &document.Document{Path: filepath.Base(f), Text: string(b)}
		d.Meta.Outlet.Value = sampleOutlets[d.Path[:3]]
		docs = append(docs, d)
		folded = append(folded, textnorm.Fold(d.Text))
	}
	return docs, folded
}

// findMentions builds an entity by searching its forms, longest first, as
// whole words in the folded texts.
func findMentions(docs []*document.Document, folded []textnorm.Folded, id, kind string, forms ...string) EntityInput {
	e := EntityInput{ID: id, Name: forms[0], Kind: kind}
	sort.SliceStable(forms, func(a, b int) bool { return len(forms[a]) > len(forms[b]) })
	for i, d := range docs {
		f := folded[i]
		taken := make([]bool, len(f.Text))
		for _, form := range forms {
			key := textnorm.String(form)
			for pos := 0; ; {
				j := strings.Index(f.Text[pos:], key)
				if j < 0 {
					break
				}
				s, en := pos+j, pos+j+len(key)
				pos = en
				if s > 0 && wordscan.IsWordRune(rune(f.Text[s-1])) || en < len(f.Text) && wordscan.IsWordRune(rune(f.Text[en])) || taken[s] {
					continue
				}
				for k := s; k < en; k++ {
					taken[k] = true
				}
				os, oe := f.Original(s, en)
				if strings.ToUpper(form) == form && textnorm.String(d.Text[os:oe]) == key && upperLetters(d.Text[os:oe]) != upperLetters(form) {
					continue // an acronym matches in capitals only ("IS", not "is")
				}
				e.Mentions = append(e.Mentions, MentionInput{Path: d.Path, Start: os, End: oe, Form: d.Text[os:oe]})
			}
		}
	}
	return e
}

func upperLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

func sampleEntities(docs []*document.Document, folded []textnorm.Folded) []EntityInput {
	return []EntityInput{
		findMentions(docs, folded, "pmu", "org", "Popular Mobilization Units", "PMU", "PMF",
			"Popular Mobilisation Forces"),
		findMentions(docs, folded, "is", "org", "Islamic State", "IS", "ISIS", "Daesh"),
		findMentions(docs, folded, "us", "place", "United States", "U.S.", "US", "Washington", "America"),
		findMentions(docs, folded, "muslih", "person", "Qasim Muslih", "Muslih"),
		findMentions(docs, folded, "smyth", "person", "Philip Smyth"),
		findMentions(docs, folded, "khazali", "person", "Qais al-Khazali"),
		findMentions(docs, folded, "muhandis", "person", "Abu Mehdi al-Muhandis", "al-Muhamdis"),
		findMentions(docs, folded, "soleimani", "person", "Qassem Soleimani", "Soleimani"),
	}
}

func analyseSample(t *testing.T) *Analysis {
	t.Helper()
	docs, folded := loadSample(t)
	lex, err := LoadLexicon(resources.Lexicon, "")
	if err != nil {
		t.Fatal(err)
	}
	stance := func(d *document.Document) string {
		if d.Meta.Outlet.Value == "Reuters" {
			return "wire"
		}
		return "state-aligned"
	}
	a, err := Analyse(context.Background(), docs, folded, sampleEntities(docs, folded), lex, stance)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("FRAMING_DUMP") != "" {
		b, _ := json.MarshalIndent(a, "", "  ")
		os.WriteFile(os.Getenv("FRAMING_DUMP"), b, 0o644)
	}
	return a
}

func docByPrefix(t *testing.T, a *Analysis, prefix string) DocumentFraming {
	t.Helper()
	for _, d := range a.Documents {
		if strings.HasPrefix(d.Path, prefix) {
			return d
		}
	}
	t.Fatalf("no document %s*", prefix)
	return DocumentFraming{}
}

func entityIn(t *testing.T, d DocumentFraming, id string) DocEntity {
	t.Helper()
	for _, e := range d.Entities {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("%s: no entity %s", d.Path, id)
	return DocEntity{}
}

func formCount(fs []FormCount, form string) int {
	for _, f := range fs {
		if f.Form == form {
			return f.Count
		}
	}
	return 0
}

// descriptor returns the descriptor whose key contains sub, or nil.
func descriptor(ds []Descriptor, sub string) *Descriptor {
	for i := range ds {
		if strings.Contains(ds[i].Key, sub) {
			return &ds[i]
		}
	}
	return nil
}

func termCount(cats []CategoryCount, category, term string) int {
	for _, c := range cats {
		if c.Category != category {
			continue
		}
		for _, t := range c.Terms {
			if t.Term == term {
				return t.Count
			}
		}
	}
	return 0
}

func source(srcs []Attribution, who string) *Attribution {
	for i := range srcs {
		if srcs[i].Who() == who || srcs[i].Speaker == who {
			return &srcs[i]
		}
	}
	return nil
}

// TestSampleReutersNaming: the disguised Reuters copy calls the PMU an
// "Iran-backed militia" and "Shi'ite paramilitaries" and names it PMF.
func TestSampleReutersNaming(t *testing.T) {
	a := analyseSample(t)
	docs, _ := loadSample(t)
	d := docByPrefix(t, a, "004")
	if d.Outlet != "Reuters" || d.Stance != "wire" {
		t.Errorf("outlet/stance = %q/%q", d.Outlet, d.Stance)
	}
	pmu := entityIn(t, d, "pmu")
	if formCount(pmu.Forms, "PMF") < 10 || formCount(pmu.Forms, "Popular Mobilisation Forces") != 1 || formCount(pmu.Forms, "PMU") != 0 {
		t.Errorf("forms = %+v", pmu.Forms)
	}
	var text string
	for _, doc := range docs {
		if doc.Path == d.Path {
			text = doc.Text
		}
	}
	for _, want := range []string{"iran-backed militia", "shi'ite paramilitaries", "grouping of mostly shi'ite militias backed by iran"} {
		ds := descriptor(pmu.Descriptors, want)
		if ds == nil {
			t.Errorf("no descriptor %q in %+v", want, pmu.Descriptors)
			continue
		}
		for _, sp := range ds.Spans {
			if got := textnorm.String(text[sp.Start:sp.End]); !strings.Contains(got, want) {
				t.Errorf("descriptor %q: span [%d,%d) holds %q", want, sp.Start, sp.End, got)
			}
		}
	}
	if ds := descriptor(pmu.Descriptors, "grouping"); ds != nil && ds.Relation != RelApposition {
		t.Errorf("grouping relation = %s", ds.Relation)
	}
	if ds := descriptor(pmu.Descriptors, "grouping"); ds != nil && strings.ContainsRune(ds.Text, 'ο') {
		t.Errorf("descriptor text shows the disguise: %q", ds.Text)
	}
	if termCount(d.Terms, "delegitimising", "militia") == 0 || termCount(d.Terms, "othering", "shi'ite") == 0 {
		t.Errorf("terms = %+v", d.Terms)
	}
}

// TestSampleReutersSources: who the Reuters copy quotes.
func TestSampleReutersSources(t *testing.T) {
	a := analyseSample(t)
	d := docByPrefix(t, a, "004")
	k := source(d.Sources, "Qais al-Khazali")
	if k == nil || k.Verb != "told" || k.To != "Reuters" || !strings.Contains(k.Description, "militia leader") {
		t.Errorf("al-Khazali: %+v", k)
	}
	s := source(d.Sources, "Philip Smyth")
	if s == nil || s.Verb != "said" || !strings.HasPrefix(s.Description, "an analyst at") {
		t.Errorf("Smyth: %+v", s)
	}
	c := source(d.Sources, "a coalition spokesman")
	if c == nil || !c.Direct || c.Quote != "The Coalition is concerned with the enduring defeat of ISIS." {
		t.Errorf("coalition spokesman: %+v", c)
	}
	// The first quotation is "he said", after "commander Qasim Muslih".
	var first *Attribution
	for i := range d.Sources {
		if d.Sources[i].Speaker == "he" {
			first = &d.Sources[i]
			break
		}
	}
	if first == nil || first.Resolved != "Qasim Muslih" || !first.Direct {
		t.Errorf("first he said: %+v", first)
	}
	m := source(d.Sources, "Muslih")
	if m == nil || m.Verb != "said" {
		t.Errorf("Muslih: %+v", m)
	}
	for _, want := range []string{"coalition spokesman Colonel Sean Ryan", "White House national security adviser John Bolton", "Abu Seif al-Tamimi"} {
		if source(d.Sources, want) == nil {
			t.Errorf("no source %q", want)
		}
	}
	for _, src := range d.Sources {
		if src.Start > src.SpeakerStart || src.End < src.SpeakerEnd || src.Speaker == "" {
			t.Errorf("bad span: %+v", src)
		}
	}
	var reuters *OutletFraming
	for i := range a.Outlets {
		if a.Outlets[i].Outlet == "Reuters" {
			reuters = &a.Outlets[i]
		}
	}
	if reuters == nil {
		t.Fatal("no Reuters outlet")
	}
	muslih := 0
	for _, v := range reuters.Voices {
		if v.Speaker == "Muslih" || v.Speaker == "Qasim Muslih" {
			muslih += v.Count
		}
	}
	if muslih < 4 {
		t.Errorf("Reuters voices: Muslih %d, %+v", muslih, reuters.Voices)
	}
}

// TestSampleMehrAndTehranTimes: the Mehr texts say PMU, resistance, martyr,
// occupation; Tehran Times says Zionist regime and resistance.
func TestSampleMehrAndTehranTimes(t *testing.T) {
	a := analyseSample(t)
	for _, p := range []string{"000", "001"} {
		d := docByPrefix(t, a, p)
		pmu := entityIn(t, d, "pmu")
		if formCount(pmu.Forms, "PMU") < 10 || formCount(pmu.Forms, "PMF") != 0 {
			t.Errorf("%s forms = %+v", p, pmu.Forms)
		}
		if termCount(d.Terms, "delegitimising", "occupation") == 0 || termCount(d.Terms, "valorising", "resistance") == 0 {
			t.Errorf("%s terms = %+v", p, d.Terms)
		}
	}
	if d := docByPrefix(t, a, "001"); termCount(d.Terms, "valorising", "martyr") == 0 || termCount(d.Terms, "valorising", "liberat*") == 0 {
		t.Errorf("001 terms = %+v", d.Terms)
	}
	var mehr *OutletFraming
	for i := range a.Outlets {
		if a.Outlets[i].Outlet == "Mehr News Agency" {
			mehr = &a.Outlets[i]
		}
	}
	if mehr == nil || mehr.Documents != 2 || mehr.Stances[0] != "state-aligned" {
		t.Fatalf("Mehr outlet = %+v", mehr)
	}
	if termCount(mehr.Terms, "valorising", "martyr") == 0 || termCount(mehr.Terms, "delegitimising", "occupation") < 10 {
		t.Errorf("Mehr terms = %+v", mehr.Terms)
	}
	tt := docByPrefix(t, a, "003")
	if termCount(tt.Terms, "othering", "zionist regime") != 3 || termCount(tt.Terms, "valorising", "resistance")+termCount(tt.Terms, "valorising", "axis of resistance") < 5 {
		t.Errorf("Tehran Times terms = %+v", tt.Terms)
	}
	if source(tt.Sources, "The sources affiliated to the PMU") == nil {
		t.Errorf("Tehran Times sources = %+v", tt.Sources)
	}
	// Rate per 1,000 words of body.
	for _, c := range tt.Terms {
		if want := rate(c.Count, tt.Words); c.Rate != want || c.Rate <= 0 {
			t.Errorf("%s rate %v, want %v", c.Category, c.Rate, want)
		}
	}
}

// TestSampleDuran: The Duran's volunteer militias and anti-ISIS fighters.
func TestSampleDuran(t *testing.T) {
	a := analyseSample(t)
	d := docByPrefix(t, a, "002")
	pmu := entityIn(t, d, "pmu")
	if ds := descriptor(pmu.Descriptors, "volunteer militias"); ds == nil || ds.Relation != RelHead {
		t.Errorf("volunteer militias: %+v", pmu.Descriptors)
	}
	if ds := descriptor(pmu.Descriptors, "anti-isis iraqi shi'a fighters"); ds == nil || ds.Relation != RelDesignation {
		t.Errorf("anti-ISIS fighters: %+v", pmu.Descriptors)
	}
	if source(d.Sources, "PMU commander Ali Hasim Huseyni") == nil {
		t.Errorf("sources = %+v", d.Sources)
	}
	he := source(d.Sources, "He")
	if he == nil || !strings.Contains(he.Resolved, "al-Maliki") || !he.Direct {
		t.Errorf("He further said: %+v", he)
	}
}

// TestSampleEntityNaming: the per-outlet naming contrast.
func TestSampleEntityNaming(t *testing.T) {
	a := analyseSample(t)
	var pmu *EntityNaming
	for i := range a.Entities {
		if a.Entities[i].ID == "pmu" {
			pmu = &a.Entities[i]
		}
	}
	if pmu == nil {
		t.Fatal("no pmu entity")
	}
	got := map[string]OutletNaming{}
	for _, o := range pmu.Outlets {
		got[o.Outlet] = o
	}
	if r := got["Reuters"]; formCount(r.Forms, "PMF") == 0 || formCount(r.Forms, "PMU") != 0 || descriptor(r.Descriptors, "iran-backed militia") == nil {
		t.Errorf("Reuters naming = %+v", r)
	}
	if m := got["Mehr News Agency"]; m.Documents != 2 || formCount(m.Forms, "PMU") < 20 {
		t.Errorf("Mehr naming = %+v", m)
	}
}

// TestSampleSpans: every reported span holds what it reports.
func TestSampleSpans(t *testing.T) {
	a := analyseSample(t)
	docs, _ := loadSample(t)
	text := map[string]string{}
	for _, d := range docs {
		text[d.Path] = d.Text
	}
	for _, d := range a.Documents {
		s := text[d.Path]
		if len(d.Occurrences) == 0 {
			t.Errorf("%s: no occurrences", d.Path)
		}
		for _, o := range d.Occurrences {
			if got := textnorm.String(s[o.Start:o.End]); got != textnorm.String(o.Text) {
				t.Errorf("%s: occurrence %q at [%d,%d) holds %q", d.Path, o.Text, o.Start, o.End, got)
			}
			if !strings.HasSuffix(norm(s[max(0, o.Start-200):o.Start]), norm(o.Left)) ||
				!strings.HasPrefix(norm(s[o.End:min(len(s), o.End+200)]), norm(o.Right)) {
				t.Errorf("%s: context %q|%q|%q", d.Path, o.Left, o.Text, o.Right)
			}
		}
		for _, e := range d.Entities {
			for _, ds := range e.Descriptors {
				for _, sp := range ds.Spans {
					if textnorm.String(clean(s[sp.Start:sp.End])) != textnorm.String(ds.Text) && ds.Count == 1 {
						t.Errorf("%s: descriptor %q at %v holds %q", d.Path, ds.Text, sp, s[sp.Start:sp.End])
					}
				}
			}
		}
		for _, src := range d.Sources {
			if textnorm.String(clean(s[src.SpeakerStart:src.SpeakerEnd])) != textnorm.String(src.Speaker) {
				t.Errorf("%s: speaker %q at [%d,%d)", d.Path, src.Speaker, src.SpeakerStart, src.SpeakerEnd)
			}
		}
	}
}

func norm(s string) string { return strings.Join(strings.Fields(textnorm.String(s)), " ") }

// TestSampleJSON: the analysis marshals with the fields the CLI promises,
// and twice the same.
func TestSampleJSON(t *testing.T) {
	a := analyseSample(t)
	b1, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b1, &m); err != nil {
		t.Fatal(err)
	}
	doc := m["documents"].([]any)[0].(map[string]any)
	for _, k := range []string{"path", "outlet", "stance", "terms", "sources", "entities", "words", "occurrences"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("document JSON lacks %q", k)
		}
	}
	b2, _ := json.Marshal(analyseSample(t))
	if string(b1) != string(b2) {
		t.Error("two runs differ")
	}
}
