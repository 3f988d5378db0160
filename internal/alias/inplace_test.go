package alias

import (
	"fmt"
	"slices"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

// summary lists each entity as name, kind and its mentions, for comparing
// two groupings.
func summary(res *Result) []string {
	var out []string
	for _, e := range res.Entities {
		s := fmt.Sprintf("%s|%s|%s|", e.ID, e.Name, e.Kind)
		for _, mn := range e.Mentions {
			s += fmt.Sprintf("%s:%d:%s;", mn.Doc, mn.Span.Start, mn.Text)
		}
		out = append(out, s)
	}
	return out
}

func TestGroupInPlace(t *testing.T) {
	gaz := defaultGazetteer(t)
	var ms []entity.Mention
	for i, text := range []string{"Qasim Muslih", "Muslih", "al-Qaim", "Al Qaim", "Baghdad", "Muslih", "al-Qa'im", "", "Iraq"} {
		mn := m(fmt.Sprintf("d%d", i%3), text, X, "")
		mn.Span.Start = i * 10
		if text == "Qasim Muslih" {
			mn.Kind, mn.Evidence = P, "title:Commander"
		}
		ms = append(ms, mn)
	}
	want := summary(Group(ms, gaz, nil))
	orig := slices.Clone(ms)
	if !slices.Equal(ms, orig) {
		t.Fatal("Group changed its input")
	}

	// in place: the same entities, every entity's mentions a window of
	// the reordered input
	inPlace := slices.Clone(ms)
	res := GroupInPlace(inPlace, gaz, nil)
	if got := summary(res); !slices.Equal(got, want) {
		t.Errorf("in place:\n%q\nwant\n%q", got, want)
	}
	covered := make([]bool, len(inPlace))
	pos := 0
	for _, e := range res.Entities {
		at := windowAt(inPlace, e.Mentions)
		if at < 0 {
			t.Errorf("%s: mentions are not a window of the input", e.Name)
			continue
		}
		for k := at; k < at+len(e.Mentions); k++ {
			if covered[k] {
				t.Errorf("%s: windows overlap at %d", e.Name, k)
			}
			covered[k] = true
		}
		if cap(e.Mentions) != len(e.Mentions) {
			t.Errorf("%s: window capacity %d > length %d", e.Name, cap(e.Mentions), len(e.Mentions))
		}
		pos += len(e.Mentions)
	}
	if pos != len(ms)-1 || inPlace[len(inPlace)-1].Key != "" {
		t.Errorf("grouped %d of %d mentions; the keyless one should be last: %+v", pos, len(ms), inPlace[len(inPlace)-1])
	}

	// regrouping the reordered slice, or a shuffled copy, changes nothing
	if got := summary(GroupInPlace(inPlace, gaz, nil)); !slices.Equal(got, want) {
		t.Errorf("regrouped:\n%q\nwant\n%q", got, want)
	}
	rev := slices.Clone(orig)
	slices.Reverse(rev)
	if got := summary(Group(rev, gaz, nil)); !slices.Equal(got, want) {
		t.Errorf("reversed input:\n%q\nwant\n%q", got, want)
	}
}

// windowAt returns where w starts in all, or -1.
func windowAt(all, w []entity.Mention) int {
	for i := range all {
		if len(w) > 0 && &all[i] == &w[0] {
			return i
		}
	}
	return -1
}
