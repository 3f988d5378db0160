package wordscan

import (
	"strings"
	"testing"
)

// render writes the tokens of text compactly: words as their text with a
// kind mark, "|" before a sentence start, "$" after a sentence end.
func render(text string, opt Options) string {
	var b strings.Builder
	s := NewScanner(text, 0, len(text), opt)
	for {
		t, ok := s.Next()
		if !ok {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if t.SentStart {
			b.WriteByte('|')
		}
		switch t.Kind {
		case Break:
			b.WriteString("¶")
		default:
			b.WriteString(text[t.Start:t.End])
		}
		b.WriteString(map[Kind]string{Word: "", Capitalised: "", Initial: "/I", Abbreviation: "/A", Number: "/N", Punct: "", Break: ""}[t.Kind])
		if t.Stop {
			b.WriteByte('.')
		}
		if t.Possessive > 0 {
			b.WriteString("+s")
		}
		if t.SentEnd {
			b.WriteByte('$')
		}
	}
	return b.String()
}

func TestScannerSentences(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// an initial inside a name, a middle initial, initials in a row
		{"J. Smith said", "|J/I. Smith said"},
		{"George W. Bush left.", "|George W/I. Bush left .$"},
		{"J. R. R. Tolkien", "|J/I. R/I. R/I. Tolkien"},
		// dotted initials before a name, at a sentence end, at the text end
		{"the U.S. Army", "|the U.S/I. Army"},
		{"in Washington D.C. Then he", "|in Washington D.C/I.$ |Then he"},
		{"in Washington D.C.", "|in Washington D.C/I.$"},
		{"in the U.S. and Iraq", "|in the U.S/I. and Iraq"},
		{"e.g. this", "|e.g/I. this"},
		{"at 5 p.m. Guests include", "|at 5/N p.m/I.$ |Guests include"},
		{"(i.e. Antagonistic, paranoid)", "( |i.e/I.$ |Antagonistic , paranoid )"},
		{"at 5 p.m. on Friday", "|at 5/N p.m/I. on Friday"},
		{"Roe vs. Wade", "|Roe vs/A. Wade"},
		{"S.U.V.s. That", "|S.U.V/I. s .$ |That"},
		// a single letter that ends a sentence
		{"Plan B. The end", "|Plan B/I.$ |The end"},
		{"Plan B. Then", "|Plan B/I.$ |Then"},
		{"Plan B.\nNext", "|Plan B/I.$ ¶ |Next"},
		// abbreviations of the table
		{"Gen. Miller and Mr. Roe", "|Gen/A. Miller and Mr/A. Roe"},
		{"Acme Inc. The firm", "|Acme Inc/A.$ |The firm"},
		{"Acme Inc.) said", "|Acme Inc/A. ) said"},
		{"on Jan. 5", "|on Jan/A. 5/N"},
		// ordinary words and numbers end sentences at their stop
		{"It rained. Then", "|It rained .$ |Then"},
		{"in 2019. The", "|in 2019/N .$ |The"},
		{"rose 3.5 percent", "|rose 3.5/N percent"},
		{"this month.Currently the", "|this month .$ |Currently the"},
		{"Why? No!", "|Why ?$ |No !$"},
		{"a line\nanother", "|a line ¶ |another"},
		// a lower-case single letter is no initial
		{"option a. Then", "|option a .$ |Then"},
		// possessives and apostrophes
		{"Iraq's army", "|Iraq+s army"},
		// Persian: a zero-width non-joiner inside a word, the Arabic
		// question mark
		{"رئیس\u200cجمهور گفت؟ نه", "|رئیس\u200cجمهور گفت ؟$ |نه"},
		{"Kata'ib Hezbollah", "|Kata'ib Hezbollah"},
		{"Iraq’s army", "|Iraq+s army"}, {"Hezbollah’ fighters", "|Hezbollah ’ fighters"},
	} {
		if got := render(c.in, Options{}); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestScannerHyphens(t *testing.T) {
	for _, c := range []struct {
		in      string
		hyphens bool
		want    string
	}{
		{"al-Maliki said", false, "|al - Maliki said"},
		{"al-Maliki said", true, "|al-Maliki said"},
		{"a well- known", true, "|a well - known"},
	} {
		if got := render(c.in, Options{Hyphens: c.hyphens}); got != c.want {
			t.Errorf("%q hyphens=%v:\n got %s\nwant %s", c.in, c.hyphens, got, c.want)
		}
	}
}

// TestScannerCase reads the case from elsewhere, as framing does for
// folded text: the rules must follow the original's capitals.
func TestScannerCase(t *testing.T) {
	orig := "Plan B. Then J. Smith"
	folded := strings.ToLower(orig)
	opt := Options{Case: func(i, j int) (bool, bool) { return CaseOf(orig[i:j]) }}
	want := "|plan b/I.$ |then j/I. smith"
	if got := render(folded, opt); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	// Without the original's case the single letters are plain words.
	if got := render(folded, Options{}); got != "|plan b .$ |then j .$ |smith" {
		t.Errorf("no case: got %s", got)
	}
}

func TestScannerSpans(t *testing.T) {
	text := "xx Gen. Roe’s men yy"
	s := NewScanner(text, 3, len(text)-3, Options{})
	var got []Token
	for {
		tok, ok := s.Next()
		if !ok {
			break
		}
		got = append(got, tok)
	}
	if len(got) != 3 {
		t.Fatalf("got %d tokens: %+v", len(got), got)
	}
	if w := text[got[0].Start:got[0].End]; w != "Gen" || !got[0].Stop || got[0].Kind != Abbreviation {
		t.Errorf("first token %q %+v", w, got[0])
	}
	if w := text[got[1].Start:got[1].End]; w != "Roe" || got[1].Possessive != len("’s") || !got[1].Capital {
		t.Errorf("second token %q %+v", w, got[1])
	}
	if w := text[got[2].Start:got[2].End]; w != "men" || got[2].End != len(text)-3 {
		t.Errorf("third token %q %+v", w, got[2])
	}
}

func TestCaseOf(t *testing.T) {
	for _, c := range []struct {
		in           string
		capital, all bool
	}{
		{"Smith", true, false}, {"NATO", true, true}, {"smith", false, false}, {"A", true, false},
		{"3M", false, false}, {"4WD", false, true}, {"Émile", true, false}, {"", false, false},
		{"ǅemal", true, false},
	} {
		if cp, all := CaseOf(c.in); cp != c.capital || all != c.all {
			t.Errorf("CaseOf(%q) = %v, %v; want %v, %v", c.in, cp, all, c.capital, c.all)
		}
	}
}

func TestIsOpener(t *testing.T) {
	for w := range openers {
		if len(w) > maxOpener || !isOpener(strings.ToUpper(w[:1])+w[1:]) {
			t.Errorf("%q: not found or longer than %d", w, maxOpener)
		}
	}
	for _, w := range []string{"Smith", "Army", "United", "", "théo"} {
		if isOpener(w) {
			t.Errorf("isOpener(%q) = true", w)
		}
	}
}
