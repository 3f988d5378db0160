package framing

import (
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// TestTokenizeSentences shows the token shapes framing keeps on wordscan's
// tokenizer and the sentence ends that changed: an initial's stop ("J.",
// "V.") no longer ends a sentence, dotted initials before an opener do.
func TestTokenizeSentences(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		// "|" marks a sentence start, "$" a sentence end
		{"Andrei V. Kolesnikov, an analyst, told the Times.", "|andrei v . kolesnikov , an analyst , told the times .$"},
		{"Sen. Roe and the U.S. Army met.", "|sen. roe and the u.s. army met .$"},
		{"He flew to Washington D.C. Then he left.", "|he flew to washington d.c.$ |then he left .$"},
		{"Plan B. The end", "|plan b .$ |the end"},
		{"Iraq's al-Maliki", "|iraq's al-maliki"},
		{"rose 12.5 percent\nNext", "|rose 12.5 percent ¶ |next"},
	} {
		f := textnorm.Fold(c.in)
		toks := tokenize(f, c.in, func() bool { return false })
		var b strings.Builder
		for _, tk := range toks {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			if tk.sentStart {
				b.WriteByte('|')
			}
			if tk.kind == tokBreak {
				b.WriteString("¶")
			} else {
				b.WriteString(tk.text)
			}
			if tk.kind != tokBreak && tk.isSentenceEnd() {
				b.WriteByte('$')
			}
		}
		if got := b.String(); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// TestTokenizeCase: capitals are read from the original text.
func TestTokenizeCase(t *testing.T) {
	in := "Then NATO's chief met al-Maliki. They"
	toks := tokenize(textnorm.Fold(in), in, func() bool { return false })
	want := map[string][2]bool{ // capital, acronym
		"then": {true, false}, "nato's": {true, true}, "chief": {false, false}, "al-maliki": {true, false}, "they": {true, false},
	}
	for _, tk := range toks {
		w, ok := want[tk.text]
		if !ok {
			continue
		}
		if tk.capital != w[0] || tk.acronym != w[1] {
			t.Errorf("%q: capital %v acronym %v, want %v %v", tk.text, tk.capital, tk.acronym, w[0], w[1])
		}
		delete(want, tk.text)
	}
	if len(want) > 0 {
		t.Errorf("tokens not found: %v", want)
	}
	if !toks[1].possessive || toks[1].base() != "nato" {
		t.Errorf("possessive: %+v", toks[1])
	}
}
