package reuse

import (
	"context"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/textnorm"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

func TestSampleProject(t *testing.T) {
	docs := loadTexts(t, testcorpus.SampleProject(t), 0)
	ps, err := Find(context.Background(), docs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Logf("%s words=%d similarity=%.2f quoted=%v", p.ID, p.Words, p.Similarity, p.Quoted)
		for _, s := range p.Spans {
			t.Logf("   %s [%d,%d) %q", s.Path, s.Start, s.End, s.Text)
		}
	}
	wants := []string{
		"receive their paychecks from Baghdad, their pensions from Baghdad",
		"all roads lead to the al Bukamal - al Qaim border crossing",
	}
	for _, want := range wants {
		found := false
		for _, p := range ps {
			if len(p.Spans) != 2 || !strings.HasPrefix(p.Spans[0].Path, "000_") || !strings.HasPrefix(p.Spans[1].Path, "001_") {
				continue
			}
			all := true
			for _, s := range p.Spans {
				all = all && strings.Contains(plainWords(s.Text), plainWords(want))
			}
			found = found || all
		}
		if !found {
			t.Errorf("no passage of 000 and 001 holds %q", want)
		}
	}
	for _, p := range ps {
		for _, s := range p.Spans {
			if !strings.HasPrefix(s.Path, "000_") && !strings.HasPrefix(s.Path, "001_") {
				t.Errorf("spurious passage %s in %s: %q", p.ID, s.Path, s.Text)
			}
		}
	}
}

// plainWords is s folded, its words joined by single spaces.
func plainWords(s string) string {
	return strings.Join(strings.FieldsFunc(textnorm.String(s), func(r rune) bool { return !isWordRune(r) }), " ")
}
