package alias

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/resources"
)

// sampleMentions extracts the mentions of the sample project's five files.
func sampleMentions(t testing.TB, gaz *entity.Gazetteer) []entity.Mention {
	t.Helper()
	dir := testcorpus.SampleProject(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("sample project: %v (%d files)", err, len(files))
	}
	x := entity.NewExtractor(gaz)
	var all []entity.Mention
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := &document.Document{Path: filepath.Base(f), Text: string(b)}
		all = append(all, x.Extract(d, textnorm.Fold(d.Text))...)
	}
	return all
}

func defaultGazetteer(t testing.TB) *entity.Gazetteer {
	t.Helper()
	g, err := entity.DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func readGold(t testing.TB) *Gold {
	f, err := os.Open("testdata/border-crossing.gold")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGoldSample(t *testing.T) {
	gaz := defaultGazetteer(t)
	res := Group(sampleMentions(t, gaz), gaz, nil)
	var buf strings.Builder
	s, err := PrintEvaluation(&buf, res, readGold(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("gold (shipped gazetteer): %s", buf.String())
	if len(s.Split) > 0 || len(s.Joined) > 0 {
		t.Errorf("split %q joined %q", s.Split, s.Joined)
	}
	if s.F1 < 0.9 {
		t.Errorf("F1 %.3f < 0.9", s.F1)
	}
	for _, e := range res.Entities {
		if len(e.Forms) > 1 || len(e.Merges) > 0 {
			t.Logf("%s [%s] %v merges %v", e.Name, e.Kind, e.Forms, e.Merges)
		}
	}
	for _, sg := range res.Suggestions {
		t.Logf("suggestion %s ~ %s (%s %.2f)", sg.FormA, sg.FormB, sg.Reason, sg.Confidence)
	}
	// every family of the fixtures README in one entity
	families := [][]string{
		{"Al Bukamal", "al Bukamal", "al-Bukamal"},
		{"Al Qaim", "al-Qaim", "al-Qa'im", "al-Qa’im", "Al-QAIM"},
		{"Dayr-Zawr", "Dayr al-Zawr", "Deir ez-Zor"},
		{"PMU", "popular mobilization units", "Popular Mobilization Units", "PMF", "Popular Mobilisation Forces"},
		{"Daesh", "ISIS", "IS", "Islamic State"},
		{"Qassem Soleimani", "Soleimani"},
		{"Abu Mehdi al-Muhandis", "al-Muhamdis"},
		{"Ain al Assad", "Ain Assad Air Base"},
		{"Kata'ib Hezbollah"},
		{"Mustafa al-Khadhimi"},
	}
	for _, fam := range families {
		e := res.EntityOf(fam[0])
		if e == nil {
			t.Errorf("no entity for %q", fam[0])
			continue
		}
		for _, f := range fam[1:] {
			if o := res.EntityOf(f); o != e {
				t.Errorf("%q and %q not grouped (%v / %v)", fam[0], f, e.Name, name(o))
			}
		}
	}
	for _, pair := range [][2]string{{"Iran", "Iraq"}, {"Abu Mehdi al-Muhandis", "Adel-Abdul Mehdi"}, {"Hezbollah", "Kata'ib Hezbollah"}} {
		a, b := res.EntityOf(pair[0]), res.EntityOf(pair[1])
		if a == nil || b == nil || a == b {
			t.Errorf("%q and %q must be two entities (%v, %v)", pair[0], pair[1], name(a), name(b))
		}
	}
}

func name(e *Entity) string {
	if e == nil {
		return "<none>"
	}
	return e.Name
}

// TestGoldWithoutPeople runs the gold evaluation with a gazetteer that knows
// no people and no armed groups' aliases beyond the general lists: the
// person families (Soleimani, al-Muhandis/al-Muhamdis) must come from the
// rules alone.
func TestGoldWithoutPeople(t *testing.T) {
	gaz := gazetteerWithout(t, "people.tsv")
	res := Group(sampleMentions(t, gaz), gaz, nil)
	s := Evaluate(res, readGold(t))
	t.Logf("gold (gazetteer without people.tsv): %v; split %q joined %q", s, s.Split, s.Joined)
	if s.F1 < 0.9 {
		t.Errorf("F1 %.3f < 0.9", s.F1)
	}
	for _, p := range [][2]string{{"Qassem Soleimani", "Soleimani"}, {"Abu Mehdi al-Muhandis", "al-Muhamdis"}} {
		if !together(res, p[0], p[1]) {
			t.Errorf("%q and %q apart", p[0], p[1])
		}
	}
	if together(res, "Abu Mehdi al-Muhandis", "Adel-Abdul Mehdi") {
		t.Error("al-Muhandis joined Adel Abdul Mehdi")
	}
}

// gazetteerWithout loads the shipped gazetteer without some of its files.
func gazetteerWithout(t testing.TB, files ...string) *entity.Gazetteer {
	t.Helper()
	sub, err := fs.Sub(resources.Gazetteer, "gazetteer")
	if err != nil {
		t.Fatal(err)
	}
	skip := map[string]bool{}
	for _, f := range files {
		skip[f] = true
	}
	m := fstest.MapFS{}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || skip[p] {
			return err
		}
		b, err := fs.ReadFile(sub, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	gaz, err := entity.LoadGazetteer(m)
	if err != nil {
		t.Fatal(err)
	}
	return gaz
}

// TestGoldRulesOnly logs the gold figures with no entity lists at all (cue
// words only): what the rules do alone. Alias knowledge such as PMF = PMU
// cannot come from rules, so there is no target here.
func TestGoldRulesOnly(t *testing.T) {
	gaz := gazetteerWithout(t, "people.tsv", "organisations.tsv", "places.tsv", "cities.tsv", "beliefs.tsv", "capitals.tsv")
	res := Group(sampleMentions(t, gaz), gaz, nil)
	s := Evaluate(res, readGold(t))
	t.Logf("gold (rules only, no entity lists): %v; split %q joined %q", s, s.Split, s.Joined)
	if s.Precision < 0.9 {
		t.Errorf("precision %.3f < 0.9 without a gazetteer", s.Precision)
	}
}
