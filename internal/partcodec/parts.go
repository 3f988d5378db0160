package partcodec

import (
	"fmt"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
)

func (w *writer) mention(m *entity.Mention) {
	w.str(m.Doc)
	w.int(m.Span.Start)
	w.int(m.Span.End - m.Span.Start)
	w.str(m.Text)
	w.str(m.Key)
	w.uint(uint64(m.Kind))
	w.str(m.Evidence)
	w.str(m.Gazetteer)
	w.str(m.Expansion)
	w.str(m.Acronym)
	w.bool(m.IsAcronym)
	w.str(m.Match)
	w.float(m.MatchConfidence)
}

func (r *reader) mention(m *entity.Mention) {
	m.Doc = r.str()
	start := r.int()
	m.Span = document.Span{Start: start, End: start + r.int()}
	m.Text = r.str()
	m.Key = r.str()
	if k := r.uint(); k <= uint64(entity.Place) {
		m.Kind = entity.Kind(k)
	} else {
		r.fail("kind")
	}
	m.Evidence = r.str()
	m.Gazetteer = r.str()
	m.Expansion = r.str()
	m.Acronym = r.str()
	m.IsAcronym = r.bool()
	m.Match = r.str()
	m.MatchConfidence = r.float()
}

func (w *writer) mentions(ms []entity.Mention) {
	w.count(len(ms), ms == nil)
	for i := range ms {
		w.mention(&ms[i])
	}
}

func (r *reader) mentions() []entity.Mention {
	n := r.count()
	if n < 0 {
		return nil
	}
	out := make([]entity.Mention, n)
	for i := range out {
		if r.mention(&out[i]); r.err != nil {
			return nil
		}
	}
	return out
}

// EncodeDoc encodes one document's extraction: its mentions and what it
// held for the project pass (entity.ExtractHeldContext's results).
func EncodeDoc(ms []entity.Mention, held entity.Held) []byte {
	w := newWriter(kindDoc, 40*(len(ms)+len(held.Mentions)))
	w.mentions(ms)
	w.mentions(held.Mentions)
	w.strList(held.NameKeys)
	return w.finish()
}

// DecodeDoc decodes what EncodeDoc wrote.
func DecodeDoc(data []byte) ([]entity.Mention, entity.Held, error) {
	r, err := newReader(data, kindDoc)
	if err != nil {
		return nil, entity.Held{}, err
	}
	ms := r.mentions()
	var held entity.Held
	held.Mentions = r.mentions()
	held.NameKeys = r.strList()
	if err := r.end(); err != nil {
		return nil, entity.Held{}, err
	}
	return ms, held, nil
}

// Entities is the grouping part of an analysis: every mention, in the
// order the analysis keeps them, and the entities, whose mentions are
// windows of that slice.
type Entities struct {
	Mentions []entity.Mention
	Result   *alias.Result
}

// EncodeEntities encodes the grouped mentions and their entities.
// Each entity's Mentions must be a window of mentions (as the engine's
// in-place grouping leaves them); it is written as its offset and length.
func EncodeEntities(mentions []entity.Mention, res *alias.Result) ([]byte, error) {
	offsets, err := windowOffsets(mentions, res.Entities)
	if err != nil {
		return nil, err
	}
	w := newChunkedWriter(kindEntities)
	w.mentions(mentions)
	w.count(len(res.Entities), res.Entities == nil)
	for i, e := range res.Entities {
		w.str(e.ID)
		w.str(e.Name)
		w.uint(uint64(e.Kind))
		w.uint(uint64(offsets[i]))
		w.count(len(e.Mentions), e.Mentions == nil)
		w.strList(e.Documents)
		writeList(w, e.Forms, func(f alias.Form) {
			w.str(f.Text)
			w.int(f.Count)
		})
		writeList(w, e.Merges, func(m alias.Merge) {
			w.str(m.Form)
			w.str(m.Into)
			w.str(m.Reason)
			w.float(m.Confidence)
		})
		w.strList(e.Keys)
		w.strList(e.Ambiguous)
		w.strList(e.Titles)
		writeList(w, e.Attached, func(a alias.Attachment) {
			w.str(a.Doc)
			w.str(a.Entity)
		})
	}
	writeList(w, res.Suggestions, func(s alias.Suggestion) {
		for _, f := range []string{s.ID, s.A, s.B, s.AName, s.BName, s.FormA, s.FormB, s.Reason} {
			w.str(f)
		}
		w.float(s.Confidence)
	})
	// the lookup by form: keys → entity number, in a stable order
	index := map[*alias.Entity]int{}
	for i, e := range res.Entities {
		index[e] = i
	}
	keys := res.KeyIndex()
	w.uint(uint64(len(keys)))
	for _, k := range sortedKeys(keys) {
		n, ok := index[keys[k]]
		if !ok {
			return nil, fmt.Errorf("encode entities: the form %q names an entity not in the result", k)
		}
		w.str(k)
		w.uint(uint64(n))
	}
	return w.finish(), nil
}

// DecodeEntities decodes what EncodeEntities wrote.
func DecodeEntities(data []byte) (*Entities, error) {
	r, err := newReader(data, kindEntities)
	if err != nil {
		return nil, err
	}
	all := r.mentions()
	n := r.count()
	var ents []*alias.Entity
	if n >= 0 {
		ents = make([]*alias.Entity, n)
	}
	for i := range ents {
		e := &alias.Entity{ID: r.str(), Name: r.str()}
		if k := r.uint(); k <= uint64(entity.Place) {
			e.Kind = entity.Kind(k)
		} else {
			r.fail("kind")
		}
		off := r.uint()
		cnt := r.count()
		switch {
		case r.err != nil:
		case cnt < 0:
		case off+uint64(cnt) > uint64(len(all)):
			r.fail("mention window")
		default:
			e.Mentions = all[off : off+uint64(cnt) : off+uint64(cnt)]
		}
		e.Documents = r.strList()
		e.Forms = readList(r, func() alias.Form { return alias.Form{Text: r.str(), Count: r.int()} })
		e.Merges = readList(r, func() alias.Merge {
			return alias.Merge{Form: r.str(), Into: r.str(), Reason: r.str(), Confidence: r.float()}
		})
		e.Keys = r.strList()
		e.Ambiguous = r.strList()
		e.Titles = r.strList()
		e.Attached = readList(r, func() alias.Attachment { return alias.Attachment{Doc: r.str(), Entity: r.str()} })
		if r.err != nil {
			return nil, r.err
		}
		ents[i] = e
	}
	sugg := readList(r, func() alias.Suggestion {
		var s alias.Suggestion
		s.ID, s.A, s.B, s.AName, s.BName = r.str(), r.str(), r.str(), r.str(), r.str()
		s.FormA, s.FormB, s.Reason = r.str(), r.str(), r.str()
		s.Confidence = r.float()
		return s
	})
	nk := r.uint()
	if nk > uint64(len(r.b)) {
		r.fail("length")
	}
	keys := make(map[string]*alias.Entity, min(nk, 1<<20))
	for j := uint64(0); j < nk && r.err == nil; j++ {
		k := r.str()
		if e := r.uint(); e < uint64(len(ents)) {
			keys[k] = ents[e]
		} else {
			r.fail("entity number")
		}
	}
	if err := r.end(); err != nil {
		return nil, err
	}
	return &Entities{Mentions: all, Result: alias.Restore(ents, sugg, keys)}, nil
}

// windowOffsets finds where each entity's mentions start in all, by
// address: the entities' mentions are windows of it.
func windowOffsets(all []entity.Mention, ents []*alias.Entity) ([]int, error) {
	starts := make(map[*entity.Mention]int, len(ents))
	for i, e := range ents {
		if len(e.Mentions) > 0 {
			starts[&e.Mentions[0]] = i
		}
	}
	out := make([]int, len(ents))
	found := 0
	for k := range all {
		if i, ok := starts[&all[k]]; ok {
			out[i] = k
			found++
		}
	}
	if found != len(starts) {
		return nil, fmt.Errorf("encode entities: %d of %d entities' mentions are not windows of the analysis' mentions", len(starts)-found, len(starts))
	}
	for i, e := range ents {
		if out[i]+len(e.Mentions) > len(all) {
			return nil, fmt.Errorf("encode entities: the mentions of %s run past the analysis' mentions", e.ID)
		}
	}
	return out, nil
}
