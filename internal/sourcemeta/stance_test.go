package sourcemeta

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

func TestSidecarStances(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "index.tsv", "file\toutlet\tleaning\tBias\n"+
		"a1.txt\tAlpha\tleft\tL\n"+
		"a2.txt\tAlpha\t\t\n"+ // no stance of its own: Alpha's other row gives it
		"b1.txt\tBeta\tright\tR\n"+
		"b2.txt\tBeta\tcenter\tC\n"+ // Beta's rows disagree: no outlet-wide stance
		"c1.txt\tGamma\t\t\n")
	sc, err := LoadSidecar(dir)
	if err != nil {
		t.Fatal(err)
	}
	doc := func(path, outlet string) *document.Document {
		d := &document.Document{Path: path}
		d.Meta.Outlet.Value = outlet
		return d
	}
	st := sc.Stances(nil) // default columns: "bias" comes before "leaning"
	if st.Column() != "index.tsv:bias" {
		t.Errorf("column %s", st.Column())
	}
	st = sc.Stances([]string{"Leaning"})
	cases := []struct {
		d           *document.Document
		label, from string
	}{
		{doc("a1.txt", "Alpha"), "left", StanceFromSidecar},
		{doc("a2.txt", "Alpha"), "left", StanceFromSidecarOutlet},
		{doc("new.txt", "alpha "), "left", StanceFromSidecarOutlet}, // not in the table, same outlet
		{doc("b2.txt", "Beta"), "center", StanceFromSidecar},
		{doc("b3.txt", "Beta"), "", ""},
		{doc("c1.txt", "Gamma"), "", ""},
	}
	for _, c := range cases {
		got := ResolveStance(nil, sc, st, c.d)
		if got.Label != c.label || got.Source != c.from || (c.label != "" && got.Rule != "index.tsv:leaning") {
			t.Errorf("%s: %+v, want %s from %s", c.d.Path, got, c.label, c.from)
		}
	}
	if len(st.Conflicts) != 1 || st.Conflicts[0] != "Beta: center, right" {
		t.Errorf("conflicts %v", st.Conflicts)
	}
	if got := st.Labels(); len(got) != 3 {
		t.Errorf("labels %v", got)
	}
	// the analyst wins: per outlet over the table's row, per document over both
	ov := NewOverrides()
	ov.AddLabels("left", "right")
	if err := ov.SetOutletStance("Alpha", "right"); err != nil {
		t.Fatal(err)
	}
	if got := ResolveStance(ov, sc, st, doc("a1.txt", "Alpha")); got.Label != "right" || got.Source != StanceFromOutlet {
		t.Errorf("analyst's outlet stance lost: %+v", got)
	}
	if err := ov.SetDocumentStance("a1.txt", "neutral"); err != nil {
		t.Fatal(err)
	}
	if got := ResolveStance(ov, sc, st, doc("a1.txt", "Alpha")); got.Label != "neutral" || got.Source != StanceFromDocument {
		t.Errorf("analyst's document stance lost: %+v", got)
	}
	// a table without a stance column gives none
	writeFile(t, dir, "index.tsv", "file\toutlet\tcountry\na1.txt\tAlpha\tNorland\n")
	sc, _ = LoadSidecar(dir)
	if st := sc.Stances(nil); st != nil {
		t.Errorf("stances from a table without a stance column: %+v", st)
	}
}

func TestStanceColumnsSetting(t *testing.T) {
	ov := NewOverrides()
	if got := ov.StanceColumns(); len(got) == 0 || got[0] != "stance" {
		t.Errorf("default %v", got)
	}
	ov.SetStanceColumns([]string{" Political Leaning ", ""})
	if got := ov.StanceColumns(); len(got) != 1 || got[0] != "political_leaning" {
		t.Errorf("set %v", got)
	}
	dir := t.TempDir()
	if err := ov.Save(dir); err != nil {
		t.Fatal(err)
	}
	back, err := LoadOverrides(dir)
	if err != nil || back.StanceColumns()[0] != "political_leaning" {
		t.Errorf("after save: %v, %v", back.StanceColumns(), err)
	}
}
