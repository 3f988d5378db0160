package reuse

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// quotedShare is the share of a span's words that must stand inside
// quotation marks for the span to count as quoted.
const quotedShare = 0.8

// cluster turns pairwise alignments into passages: in each document the
// alignments' ranges that overlap by at least half of the longer become one
// node; alignments join
// nodes; every connected group of nodes is one passage with a span per node.
//
// A node's byte span and quoted words come from its ranges' ends (a word's
// start and the quoted words before it grow with the word), so clustering
// reads the alignments only, not the documents' words.
//
// It stops with ctx's error when ctx is cancelled.
func cluster(ctx context.Context, docs []*document.Document, aligns []alignment, o Options) ([]Passage, error) {
	type interval struct {
		doc    uint32
		s, e   int32
		al     int32
		side   int8 // 0: the alignment's a side, 1: its b side
		bs, be int32
		qs, qe int32
	}
	ivs := make([]interval, 0, 2*len(aligns))
	for k, al := range aligns {
		ivs = append(ivs,
			interval{al.a, al.sa, al.ea, int32(k), 0, al.bsa, al.bea, al.qsa, al.qea},
			interval{al.b, al.sb, al.eb, int32(k), 1, al.bsb, al.beb, al.qsb, al.qeb})
	}
	err := parallelSort(ctx, ivs, o.Workers, func(iv interval) uint64 { return uint64(iv.doc)<<32 | uint64(iv.s) }, func(x, y interval) int {
		if c := cmp.Compare(x.doc, y.doc); c != 0 {
			return c
		}
		if c := cmp.Compare(x.s, y.s); c != 0 {
			return c
		}
		if c := cmp.Compare(x.e, y.e); c != 0 {
			return c
		}
		return cmp.Compare(x.al, y.al)
	})
	if err != nil {
		return nil, err
	}
	type node struct {
		doc    uint32
		s, e   int32
		bs, be int32
		qs, qe int32
	}
	var nodes []node
	ends := make([][2]int32, len(aligns)) // node of each alignment's sides
	docFirst := 0                         // first node of the current document
	for _, iv := range ivs {
		if len(nodes) > 0 && nodes[len(nodes)-1].doc != iv.doc {
			docFirst = len(nodes)
		}
		// Join the document's node that this range and it mostly share:
		// a short quotation inside a long copied story stays apart.
		joined := -1
		for n := docFirst; n < len(nodes); n++ {
			cur := &nodes[n]
			overlap := min(cur.e, iv.e) - max(cur.s, iv.s)
			if overlap > 0 && 2*overlap >= max(iv.e-iv.s, cur.e-cur.s) {
				cur.s, cur.bs, cur.qs = min(cur.s, iv.s), min(cur.bs, iv.bs), min(cur.qs, iv.qs)
				cur.e, cur.be, cur.qe = max(cur.e, iv.e), max(cur.be, iv.be), max(cur.qe, iv.qe)
				joined = n
				break
			}
		}
		if joined < 0 {
			nodes = append(nodes, node{iv.doc, iv.s, iv.e, iv.bs, iv.be, iv.qs, iv.qe})
			joined = len(nodes) - 1
		}
		ends[iv.al][iv.side] = int32(joined)
	}
	parent := make([]int32, len(nodes))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for _, e := range ends {
		ra, rb := find(e[0]), find(e[1])
		if ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
		}
	}
	// Gather each component's nodes and alignments.
	compNodes := map[int32][]int32{}
	var roots []int32
	for i := range nodes {
		r := find(int32(i))
		if _, ok := compNodes[r]; !ok {
			roots = append(roots, r)
		}
		compNodes[r] = append(compNodes[r], int32(i))
	}
	compAligns := map[int32][]int32{}
	for k, e := range ends {
		r := find(e[0])
		compAligns[r] = append(compAligns[r], int32(k))
	}
	out := make([]Passage, 0, len(roots))
	for _, r := range roots {
		var p Passage
		sim := 0.0
		for _, k := range compAligns[r] {
			p.Words = max(p.Words, int(aligns[k].matched))
			sim += aligns[k].similarity()
		}
		p.Similarity = math.Round(1000*sim/float64(len(compAligns[r]))) / 1000
		p.Quoted = true
		for _, n := range compNodes[r] {
			nd := nodes[n]
			d := docs[nd.doc]
			sp := Span{
				Path:  d.Path,
				Start: int(nd.bs),
				End:   int(nd.be),
				Words: int(nd.e - nd.s),
			}
			sp.Text = d.Text[sp.Start:sp.End]
			q := nd.qe - nd.qs
			sp.Quoted = float64(q) >= quotedShare*float64(sp.Words)
			p.Quoted = p.Quoted && sp.Quoted
			p.Spans = append(p.Spans, sp)
		}
		slices.SortFunc(p.Spans, func(x, y Span) int {
			if c := cmp.Compare(x.Path, y.Path); c != 0 {
				return c
			}
			return cmp.Compare(x.Start, y.Start)
		})
		p.ID = passageID(p.Spans)
		out = append(out, p)
	}
	slices.SortFunc(out, func(x, y Passage) int {
		if x.Words != y.Words {
			return y.Words - x.Words
		}
		if c := cmp.Compare(x.Spans[0].Path, y.Spans[0].Path); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Spans[0].Start, y.Spans[0].Start); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return out, nil
}

// passageID hashes a passage's spans into a short stable identifier.
func passageID(spans []Span) string {
	h := fnv.New64a()
	var buf []byte
	for _, s := range spans {
		// path NUL start NUL end NUL, the numbers in decimal
		buf = append(buf[:0], s.Path...)
		buf = append(strconv.AppendInt(append(buf, 0), int64(s.Start), 10), 0)
		buf = append(strconv.AppendInt(buf, int64(s.End), 10), 0)
		h.Write(buf)
	}
	return fmt.Sprintf("p%012x", h.Sum64()>>16)
}
