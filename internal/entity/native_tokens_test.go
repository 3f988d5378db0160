package entity

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// TestNativeTokens: the Cyrillic and Arabic-script pass reads words and
// sentence starts with wordscan's tokenizer too. A stop after an initial
// goes on with the sentence (it ended it before: any "." did); an
// ellipsis or a colon still makes a capital say nothing; a zero-width
// non-joiner stays inside a Persian word.
func TestNativeTokens(t *testing.T) {
	cases := []struct {
		text, word string
		sentStart  bool
	}{
		{"Заявил В. Путин в среду.", "Путин", false},
		{"Он уехал. Путин остался.", "Путин", true},
		{"Он сказал: Путин остался.", "Путин", true},
		{"Он уехал… Путин остался.", "Путин", true},
		{"Что дальше? Путин молчит.", "Путин", true},
		{"Он уехал в Москву и Путин остался.", "Путин", false},
		{"آیا او رفت؟ روحانی گفت که نه.", "روحانی", true},
		{"رئیس\u200cجمهور حسن روحانی گفت.", "رئیس\u200cجمهور", true},
		{"رئیس\u200cجمهور حسن روحانی گفت.", "روحانی", false},
	}
	for _, c := range cases {
		n := &nativeExtraction{doc: &document.Document{Text: c.text}}
		n.tokenize()
		found := false
		for _, tk := range n.toks {
			if c.text[tk.start:tk.end] != c.word {
				continue
			}
			found = true
			if tk.sentStart != c.sentStart {
				t.Errorf("%q: %q starts a sentence = %v, want %v", c.text, c.word, tk.sentStart, c.sentStart)
			}
		}
		if !found {
			t.Errorf("%q: no token %q", c.text, c.word)
		}
	}
}
