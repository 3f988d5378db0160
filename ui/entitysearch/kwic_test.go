package entitysearch

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/ui/uikit"
)

// kwicPieces returns the visible text pieces of a KWIC line with their
// left and right edges.
func kwicPieces(k *kwic) map[string][2]float32 {
	out := map[string][2]float32{}
	for _, o := range test.WidgetRenderer(k).Objects() {
		t, ok := o.(*canvas.Text)
		if !ok || t.Hidden || t.Text == "" {
			continue
		}
		s := strings.TrimSpace(strings.TrimPrefix(t.Text, "\u200f"))
		out[s] = [2]float32{t.Position().X, t.Position().X + t.Size().Width}
	}
	return out
}

func find(t *testing.T, ps map[string][2]float32, word string) [2]float32 {
	t.Helper()
	for s, x := range ps {
		if strings.Contains(s, word) {
			return x
		}
	}
	t.Fatalf("%q not drawn; pieces %v", word, ps)
	return [2]float32{}
}

// In an Arabic line the context before the keyword (in reading order) is
// to its right and the context after it to its left; a long context before
// is cut at its far (right) end.
func TestKWICRightToLeft(t *testing.T) {
	test.NewTempApp(t)
	var fit uikit.Fitter
	k := newKWIC(&fit)
	before := strings.Repeat("كلام طويل ", 12) + "قال المتحدث باسم"
	k.set(before, "الوزارة", "إن الاجتماع عقد في 2020", nil)
	w := test.NewTempWindow(t, k)
	w.Resize(fyne.NewSize(520, 40))
	k.Resize(fyne.NewSize(500, 36))
	ps := kwicPieces(k)
	key := find(t, ps, "الوزارة")
	spoke := find(t, ps, "المتحدث")
	meeting := find(t, ps, "الاجتماع")
	year := find(t, ps, "2020")
	if spoke[0] < key[1] {
		t.Errorf("the context before the keyword (x %.0f–%.0f) is not right of it (x %.0f–%.0f)", spoke[0], spoke[1], key[0], key[1])
	}
	if meeting[1] > key[0] {
		t.Errorf("the context after the keyword (x %.0f–%.0f) is not left of it (x %.0f–%.0f)", meeting[0], meeting[1], key[0], key[1])
	}
	if year[1] > meeting[0] {
		t.Errorf("the year (x %.0f–%.0f) is not left of the word before it (x %.0f)", year[0], year[1], meeting[0])
	}
	ell := find(t, ps, "…")
	for s, x := range ps {
		if x[1] > ell[1]+0.5 {
			t.Errorf("%q ends at %.0f, right of the ellipsis that cuts the context's far end (%.0f)", s, x[1], ell[1])
		}
	}
	// Keywords of Arabic lines line up: the keyword ends at the same place
	// whatever its length.
	k.set("قال", "وزارة الخارجية", "إن", nil)
	k2 := find(t, kwicPieces(k), "الخارجية")
	if d := k2[1] - key[1]; d > 1 || d < -1 {
		t.Errorf("keywords end at %.1f and %.1f, want one column", key[1], k2[1])
	}
}

// A Latin line keeps the left-to-right layout.
func TestKWICLeftToRight(t *testing.T) {
	test.NewTempApp(t)
	var fit uikit.Fitter
	k := newKWIC(&fit)
	k.set("the spokesman of the", "ministry", "said on Monday", nil)
	w := test.NewTempWindow(t, k)
	w.Resize(fyne.NewSize(520, 40))
	k.Resize(fyne.NewSize(500, 36))
	ps := kwicPieces(k)
	key, before, after := find(t, ps, "ministry"), find(t, ps, "spokesman"), find(t, ps, "Monday")
	if before[1] > key[0] || after[0] < key[1] {
		t.Errorf("left-to-right line: before %v, key %v, after %v", before, key, after)
	}
}
