package reuse

import (
	"context"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

func TestSampleProject(t *testing.T) {
	docs := loadTexts(t, testcorpus.SampleProject(t), 0)
	ps, err := Find(context.Background(), docs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Logf("%s words=%d sim=%.2f quoted=%v", p.ID, p.Words, p.Similarity, p.Quoted)
		for _, s := range p.Spans {
			t.Logf("   %s [%d,%d) %q", s.Path, s.Start, s.End, s.Text)
		}
	}
	_ = strings.Contains
}
