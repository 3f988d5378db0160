package framing

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzLexicon: any project lexicon.tsv is read without a panic; an error
// names the file, and every entry read has a term and a category and
// compiles into a lexicon.
func FuzzLexicon(f *testing.F) {
	f.Add([]byte("# comment\nterrorist\tlabel\tloaded\nfreedom fighter*\tlabel\n"))
	f.Add([]byte("\ufeffterm\n"))
	f.Add([]byte("a\t-\n\xff\tx\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		es, err := ParseLexicon(bytes.NewReader(data), ProjectLexicon)
		if err != nil {
			if !strings.Contains(err.Error(), ProjectLexicon) {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		for _, e := range es {
			if e.Term == "" || e.Category == "" {
				t.Errorf("entry without term or category: %+v", e)
			}
		}
		if _, err := NewLexicon(es); err != nil {
			t.Logf("entries read but not compiled: %v", err)
		}
	})
}
