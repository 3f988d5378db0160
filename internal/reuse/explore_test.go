package reuse

import (
	"context"
	"os"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

func TestExplore(t *testing.T) {
	if os.Getenv("EXPLORE") == "" {
		t.Skip()
	}
	docs := loadTexts(t, testcorpus.Corpus(t, "news-bench-10k"), 0)
	t0 := time.Now()
	folded := make([]textnorm.Folded, len(docs))
	for i, d := range docs {
		folded[i] = textnorm.Fold(d.Text)
	}
	t.Logf("fold %v", time.Since(t0))
	last := time.Now()
	debugCounts = func(p, k, s int) { t.Logf("prints %d kept %d seeds %d", p, k, s) }
	nw := 0
	for _, f := range folded {
		nw += len(wordsOf(f.Text).hash)
	}
	t.Logf("words %d", nw)
	var ms runtime.MemStats
	ps, err := Find(context.Background(), docs, folded, Options{Progress: func(p Progress) {
		if p.Done == p.Total || p.Done == 0 || p.Stage == "index" {
			runtime.ReadMemStats(&ms)
			t.Logf("%s %d/%d %v heap=%dMB", p.Stage, p.Done, p.Total, time.Since(last), ms.HeapAlloc>>20)
			last = time.Now()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("find %v, %d passages", time.Since(t0), len(ps))
	hist := map[int]int{}
	for i, p := range ps {
		hist[len(p.Spans)]++
		if i < 5 || i%200 == 0 {
			t.Logf("%d words=%d sim=%.2f spans=%d %q", i, p.Words, p.Similarity, len(p.Spans), p.Spans[0].Text[:min(200, len(p.Spans[0].Text))])
		}
	}
	t.Logf("spans hist %v", hist)
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].Spans) > len(ps[j].Spans) })
	for _, p := range ps[:8] {
		t.Logf("spans=%d words=%d", len(p.Spans), p.Words)
		for _, s := range p.Spans[:min(4, len(p.Spans))] {
			t.Logf("    %s %q", s.Path, s.Text[:min(150, len(s.Text))])
		}
	}
}
