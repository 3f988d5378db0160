package reuse

import (
	"context"
	"math/rand/v2"
	"os"

	"strconv"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// boundarySlack is how far, in bytes, a found span may end from where a
// copy was planted: the alignment may reach one short word further when the
// text around the copy happens to continue alike.
const boundarySlack = 8

func TestPlantedCopies(t *testing.T) {
	seed := uint64(2026)
	if s := os.Getenv("SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	dir := testcorpus.Corpus(t, "news-bench-10k")
	paths := listTexts(t, dir)
	rng := rand.New(rand.NewPCG(4, seed))
	rng.Shuffle(len(paths), func(i, j int) { paths[i], paths[j] = paths[j], paths[i] })
	pool := readTexts(t, dir, paths[:min(500, len(paths))])
	var docs, filler []*document.Document
	var sources []int
	for _, i := range cleanDocs(t, pool) {
		if len(filler) < 100 {
			filler = append(filler, pool[i])
		} else {
			sources = append(sources, len(docs))
			docs = append(docs, pool[i])
		}
	}
	docs, plants := plantCopies(rng, docs, sources, filler, 40)
	if d := os.Getenv("DEBUGCOPY"); d != "" {
		k, _ := strconv.Atoi(d)
		pl := plants[k]
		t.Logf("SRC %q", docs[pl.Src].Text[pl.SrcStart:pl.SrcEnd])
		t.Logf("DST %q", docs[pl.Dst].Text[pl.DstStart:pl.DstEnd])
	}
	ps, err := Find(context.Background(), docs, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	worst := 0
	for k, r := range checkPlants(docs, ps, plants) {
		pl := plants[k]
		if !r.found {
			t.Errorf("copy %d (%d words of %s at %d) not found", k, pl.Words, docs[pl.Src].Path, pl.SrcStart)
			continue
		}
		worst = max(worst, r.srcDelta, r.dstDelta)
		// The word diff of the two spans marks the edits and nothing else.
		runs := Diff(r.src, r.dst)
		equal, edits := 0, 0
		for _, d := range runs {
			if d.Op == Equal {
				equal += d.AWords
			} else {
				edits++
			}
		}
		if len(runs) == 0 || runs[0].AStart != r.src.Start || runs[len(runs)-1].BEnd != r.dst.End ||
			edits == 0 || edits > r.src.Words/8 || equal < r.src.Words*8/10 {
			t.Errorf("copy %d: diff of %d words has %d equal words in %d runs with %d edits", k, r.src.Words, equal, len(runs), edits)
		}
		if r.srcDelta > boundarySlack || r.dstDelta > boundarySlack {
			p := ps[r.passageIdx]
			t.Errorf("copy %d of %s: spans off by %d/%d bytes: planted [%d,%d) and [%d,%d), passage %+v",
				k, docs[pl.Src].Path, r.srcDelta, r.dstDelta, pl.SrcStart, pl.SrcEnd, pl.DstStart, pl.DstEnd, p.Spans)
		}
	}
	t.Logf("%d copies found among %d passages; boundaries at most %d bytes off", len(plants), len(ps), worst)
}
