package framing

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parallaxworkbench/parallax/resources"
)

func mustLexicon(t *testing.T, tsv string) *Lexicon {
	t.Helper()
	es, err := ParseLexicon(strings.NewReader(tsv), "test.tsv")
	if err != nil {
		t.Fatal(err)
	}
	l, err := NewLexicon(es)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// matched returns the folded texts of the lexicon's matches in s.
func matched(l *Lexicon, s string) []string {
	f := foldForTest(s)
	var out []string
	for _, m := range l.match(f) {
		out = append(out, f[m.start:m.end]+"="+l.entries[m.entry].Category)
	}
	return out
}

func TestLexiconMatch(t *testing.T) {
	l := mustLexicon(t, strings.Join([]string{
		"# a comment",
		"regime\tdelegitimising\tgovernment as illegitimate",
		"zionist regime\tothering",
		"liberat*\tvalorising",
		"=said\tattribution",
		"according to\tattribution",
		"backed\tsponsorship",
		"martyr\tvalorising",
		"occupy\tdelegitimising",
		"u.s.-backed\tsponsorship",
	}, "\n"))
	tests := []struct {
		name, text string
		want       []string
	}{
		{"word", "The regime fell.", []string{"regime=delegitimising"}},
		{"inside a word", "A strict regimen and a Saidov, unsaid.", nil},
		{"plural", "Both regimes.", []string{"regimes=delegitimising"}},
		{"possessive", "The regime's army.", []string{"regime=delegitimising"}},
		{"longest phrase wins", "the Zionist regime's plans", []string{"zionist regime=othering"}},
		{"phrase inflected", "Zionist regimes", []string{"zionist regimes=othering"}},
		{"phrase not across a sentence", "He is a Zionist. Regime change", []string{"regime=delegitimising"}},
		{"prefix", "liberate, liberated, liberating, liberation, Liberators", []string{
			"liberate=valorising", "liberated=valorising", "liberating=valorising", "liberation=valorising", "liberators=valorising"}},
		{"exact only", "he said; she says", []string{"said=attribution"}},
		{"two-word phrase", "According to the PMU", []string{"according to=attribution"}},
		{"hyphen separates", "Iran-backed militia", []string{"backed=sponsorship"}},
		{"abbreviation phrase", "U.S.-backed forces", []string{"u.s.-backed=sponsorship"}},
		{"inflections", "martyrs martyred occupies occupied occupying", []string{
			"martyrs=valorising", "martyred=valorising", "occupies=delegitimising", "occupied=delegitimising", "occupying=delegitimising"}},
		{"case, diacritics, curly quotes", "RÉGIME", []string{"regime=delegitimising"}},
		{"look-alike letters", "the rеgime", []string{"regime=delegitimising"}}, // Cyrillic е
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := matched(l, tc.text)
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestParseLexiconErrors(t *testing.T) {
	for _, bad := range []string{
		"regime",     // no category
		"\tcategory", // no term
		"re*gime\tx", // star inside
		"a*\tx",      // prefix too short
		"...\tx",     // no words
	} {
		if _, err := ParseLexicon(strings.NewReader(bad), "bad.tsv"); err == nil {
			t.Errorf("%q: no error", bad)
		} else if !strings.Contains(err.Error(), "bad.tsv:1") {
			t.Errorf("%q: error %v lacks the line", bad, err)
		}
	}
}

func TestLoadLexiconProjectOverrides(t *testing.T) {
	shipped := fstest.MapFS{
		"lexicon/a.tsv": {Data: []byte("regime\tdelegitimising\nmartyr\tvalorising\n")},
		"lexicon/b.txt": {Data: []byte("ignored\tx\n")},
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".parallax"), 0o755); err != nil {
		t.Fatal(err)
	}
	project := "# project terms\nregime\tneutral\tour team disagrees\nmartyr\t-\nshahid\tvalorising\n"
	if err := os.WriteFile(filepath.Join(dir, ".parallax", "lexicon.tsv"), []byte(project), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := LoadLexicon(shipped, dir)
	if err != nil {
		t.Fatal(err)
	}
	got := matched(l, "The regime and the martyr, a shahid; ignored.")
	want := []string{"regime=neutral", "shahid=valorising"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", got, want)
	}
	if cats := strings.Join(l.Categories(), ","); cats != "neutral,valorising" {
		t.Errorf("categories = %s", cats)
	}
	for _, e := range l.Entries() {
		if e.Term == "regime" && (e.Source != ProjectLexicon || e.Note != "our team disagrees") {
			t.Errorf("override entry = %+v", e)
		}
	}
	// No project lexicon: the shipped one alone.
	l2, err := LoadLexicon(shipped, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if got := matched(l2, "regime martyr"); len(got) != 2 {
		t.Errorf("shipped only: %q", got)
	}
	// A broken project lexicon is an error naming the file.
	if err := os.WriteFile(filepath.Join(dir, ".parallax", "lexicon.tsv"), []byte("oops\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadLexicon(shipped, dir); err == nil || !strings.Contains(err.Error(), "lexicon.tsv") {
		t.Errorf("broken project lexicon: %v", err)
	}
}

// TestShippedLexicon: the shipped lexicon loads and covers the categories
// the analyses show.
func TestShippedLexicon(t *testing.T) {
	l, err := LoadLexicon(resources.Lexicon, "")
	if err != nil {
		t.Fatal(err)
	}
	want := "attribution,delegitimising,hedging,othering,sponsorship,valorising,violence"
	if got := strings.Join(l.Categories(), ","); got != want {
		t.Errorf("categories = %s, want %s", got, want)
	}
	if len(l.Entries()) < 200 {
		t.Errorf("only %d entries", len(l.Entries()))
	}
	got := matched(l, "The occupation regime's mercenaries massacred civilians, the martyrs' families claimed.")
	for _, w := range []string{"occupation=delegitimising", "regime=delegitimising", "mercenaries=delegitimising",
		"massacred=violence", "martyrs=valorising", "claimed=hedging"} {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("shipped lexicon: no %s in %q", w, got)
		}
	}
	if got := matched(l, "a strict regimen"); len(got) != 0 {
		t.Errorf("regimen matched %q", got)
	}
}

func TestLexiconFind(t *testing.T) {
	l := mustLexicon(t, "regime\tdelegitimising\nmartyr\tvalorising\n")
	text := "Under the Zionist r\u0435gime, martyrs were honoured."
	occ := l.Find(text)
	if len(occ) != 2 {
		t.Fatalf("occurrences = %+v", occ)
	}
	if o := occ[0]; text[o.Start:o.End] != "r\u0435gime" || o.Text != "regime" || o.Left != "Under the Zionist" || o.Category != "delegitimising" {
		t.Errorf("first = %+v", o)
	}
	if o := occ[1]; text[o.Start:o.End] != "martyrs" || o.Term != "martyr" || o.Right != "were honoured." {
		t.Errorf("second = %+v", o)
	}
	var nilLex *Lexicon
	if got := nilLex.Find(text); len(got) != 0 {
		t.Errorf("nil lexicon found %+v", got)
	}
}
