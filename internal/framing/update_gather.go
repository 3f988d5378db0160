package framing

import (
	"context"
	"fmt"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// gatherMinRun is the fewest mentions a run of gatherMentions is given:
// below it a second goroutine costs more than it saves.
const gatherMinRun = 20000

// gatherChunk is what one worker of gatherMentions found in its run of
// entities: each document's mentions and speaker-index spans (indexed
// like docs), and the speaker forms it noted.
type gatherChunk struct {
	ms    [][]mentionRef
	spans [][]entitySpan
	forms map[string]int
}

// gatherMentions gives each document of work its mentions (as AnalyseWith
// reads them, in entity order then each entity's order, not yet sorted)
// and its spans in the speaker index (in the index's order), and returns
// the project's speaker forms (noteForm's map). It is the one pass over
// every mention an update makes, so it runs on up to procs goroutines,
// each over a contiguous run of entities holding about as many mentions
// as the others (and at least minRun, gatherMinRun but in tests); the
// runs are joined in entity order, so each document's lists are exactly
// those one serial pass would make.
//
// sizeHint is how many speaker forms the previous update found (0: not
// known), to size the maps.
func gatherMentions(ctx context.Context, docs []*document.Document, byPath map[string]int,
	entities []EntityInput, work []docWork, procs, minRun, sizeHint int) (map[string]int, error) {
	total := 0
	for i := range entities {
		total += len(entities[i].Mentions)
	}
	n := max(1, min(procs, total/max(1, minRun)))
	bounds := make([]int, 0, n+1) // entity runs [bounds[c], bounds[c+1])
	bounds = append(bounds, 0)
	seen := 0
	for i := range entities {
		seen += len(entities[i].Mentions)
		if len(bounds) < n && seen*n >= total*len(bounds) {
			bounds = append(bounds, i+1)
		}
	}
	bounds = append(bounds, len(entities))
	chunks := make([]gatherChunk, len(bounds)-1)
	if err := workpool.Run(ctx, len(chunks), len(chunks), func() func(int) {
		return func(c int) {
			hint := sizeHint / (len(bounds) - 1)
			formsHint := hint
			if c == 0 {
				formsHint = sizeHint // the others merge into it
			}
			chunks[c] = gatherRun(docs, byPath, entities, bounds[c], bounds[c+1], formsHint, hint)
		}
	}); err != nil {
		return nil, fmt.Errorf("framing: %w", err)
	}
	if len(chunks) == 1 {
		for di := range work {
			work[di].ms, work[di].spans = chunks[0].ms[di], chunks[0].spans[di]
		}
		return chunks[0].forms, nil
	}
	// noteForm's result does not depend on the order forms are noted in
	// (one entity, or -1 for two), so the runs' maps merge in any order.
	forms := chunks[0].forms
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, ch := range chunks[1:] {
			for f, e := range ch.forms {
				if prev, ok := forms[f]; ok && prev != e {
					forms[f] = -1
				} else {
					forms[f] = e
				}
			}
		}
	}()
	err := workpool.Run(ctx, len(work), procs, func() func(int) {
		return func(di int) {
			work[di].ms = joinRuns(chunks, func(ch *gatherChunk) []mentionRef { return ch.ms[di] })
			work[di].spans = joinRuns(chunks, func(ch *gatherChunk) []entitySpan { return ch.spans[di] })
		}
	})
	<-done
	if err != nil {
		return nil, fmt.Errorf("framing: %w", err)
	}
	return forms, nil
}

// joinRuns concatenates one document's lists from each run, in run
// order, sharing the list when only one run has any.
func joinRuns[T any](chunks []gatherChunk, of func(*gatherChunk) []T) []T {
	n, only := 0, -1
	for c := range chunks {
		if l := len(of(&chunks[c])); l > 0 {
			n += l
			only = c
		}
	}
	if n == 0 {
		return nil
	}
	if first := of(&chunks[only]); len(first) == n {
		return first
	}
	out := make([]T, 0, n)
	for c := range chunks {
		out = append(out, of(&chunks[c])...)
	}
	return out
}

// gatherRun is gatherMentions' pass over the entities [from, to);
// formsHint and keysHint size its maps.
func gatherRun(docs []*document.Document, byPath map[string]int, entities []EntityInput, from, to, formsHint, keysHint int) gatherChunk {
	ch := gatherChunk{ms: make([][]mentionRef, len(docs)), spans: make([][]entitySpan, len(docs)),
		forms: make(map[string]int, formsHint)}
	keys := make(map[string]string, keysHint)
	lastRaw, lastKey := "", ""
	// an entity's mentions come mostly a document at a time: the last
	// path looked up is kept
	lastPath, lastDi, lastIn, looked := "", 0, false, false
	for ei := from; ei < to; ei++ {
		noted, lastForm := false, ""
		for _, m := range entities[ei].Mentions {
			if !looked || m.Path != lastPath {
				lastDi, lastIn = byPath[m.Path]
				lastPath, looked = m.Path, true
			}
			di, in := lastDi, lastIn
			if in && m.Start >= 0 && m.End <= len(docs[di].Text) && m.Start < m.End {
				ch.ms[di] = append(ch.ms[di], mentionRef{entity: ei, start: m.Start, end: m.End, form: m.Form})
			}
			if m.Form == "" {
				continue // not in the speaker index
			}
			f := lastKey
			if lastRaw == "" || m.Form != lastRaw {
				var ok bool
				if f, ok = keys[m.Form]; !ok {
					f = speakerKey(m.Form)
					keys[m.Form] = f
				}
				lastRaw, lastKey = m.Form, f
			}
			if in {
				ch.spans[di] = append(ch.spans[di], entitySpan{int32(m.Start), int32(m.End), int32(ei), f})
			}
			if !noted || lastForm != f {
				noteForm(ch.forms, f, ei)
				noted, lastForm = true, f
			}
		}
	}
	return ch
}
