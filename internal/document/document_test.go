package document

import "testing"

func TestInBoilerplate(t *testing.T) {
	d := &Document{Text: "0123456789abcdefghij", Boilerplate: []Span{{2, 4}, {4, 4}, {6, 9}, {15, 20}}}
	want := map[int]bool{0: false, 1: false, 2: true, 3: true, 4: false, 5: false, 6: true, 8: true, 9: false,
		14: false, 15: true, 19: true, 20: false, -1: false}
	for i, w := range want {
		if got := d.InBoilerplate(i); got != w {
			t.Errorf("InBoilerplate(%d) = %v, want %v", i, got, w)
		}
	}
	if (&Document{Text: "abc"}).InBoilerplate(1) {
		t.Error("a document without boilerplate has some")
	}
}

func TestBodyWords(t *testing.T) {
	text := "Subscribe now\nThe river crossing reopened on Monday.\nShare this"
	first := Span{Start: 0, End: len("Subscribe now\n")}
	last := Span{Start: len(text) - len("Share this"), End: len(text)}
	for _, c := range []struct {
		name string
		bp   []Span
		want int
	}{
		{"no boilerplate", nil, 10},
		{"chrome left out", []Span{first, last}, 6},
		{"all boilerplate", []Span{{0, len(text)}}, 0},
	} {
		d := &Document{Text: text, Boilerplate: c.bp}
		if got := d.BodyWords(); got != c.want {
			t.Errorf("%s: %d words, want %d", c.name, got, c.want)
		}
	}
}
