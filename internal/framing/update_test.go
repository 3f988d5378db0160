package framing

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// updEntity is an entity of the update tests: found by its forms.
type updEntity struct {
	id, name, kind string
	forms          []string
}

// updEntities are the entities the edits name: people who share a
// surname (voices merged by surname), groups described with a family of
// nouns (designations), a place.
func updEntities() []updEntity {
	return []updEntity{
		{"harran", "Harran Brigades", "org", []string{"Harran Brigades", "Харранских бригад"}},
		{"osman", "Tarek Osman", "person", []string{"Tarek Osman", "Osman"}},
		{"varga", "Lena Varga", "person", []string{"Lena Varga", "Varga"}},
		{"mira-varga", "Mira Varga", "person", []string{"Mira Varga"}},
		{"petrov", "Иван Петров", "person", []string{"Иван Петров", "Петров"}},
		{"lakes", "Lakeside Institute", "org", []string{"Lakeside Institute"}},
		{"reuters", "Reuters", "org", []string{"Reuters"}},
		{"front", "Northern Front", "org", []string{"Northern Front"}},
		{"basra", "Basra", "place", []string{"Basra"}},
	}
}

// findEntities lists es with their mentions in docs (exact search, each
// start taken once), in the order of es.
func findEntities(docs []*document.Document, es []updEntity) []EntityInput {
	out := make([]EntityInput, 0, len(es))
	for _, u := range es {
		e := EntityInput{ID: u.id, Name: u.name, Kind: u.kind}
		for _, d := range docs {
			taken := map[int]bool{}
			for _, f := range u.forms {
				for pos := 0; ; {
					i := strings.Index(d.Text[pos:], f)
					if i < 0 {
						break
					}
					s := pos + i
					pos = s + len(f)
					if !taken[s] {
						taken[s] = true
						m := MentionInput{Path: d.Path, Start: s, End: pos, Form: f}
						if u.kind == "org" && strings.HasSuffix(f, "e") {
							m.Form = "" // read from the text (and not in the speaker index)
						}
						e.Mentions = append(e.Mentions, m)
					}
				}
			}
		}
		out = append(out, e)
	}
	return out
}

// updSentences are appended by the edits: terms, quotes, appositions,
// designations, names.
var updSentences = []string{
	" Iran-backed militia fighters of the Harran Brigades shelled Basra.",
	" Tarek Osman said the regime had failed.",
	" \"We will return,\" Osman told Reuters.",
	" Lena Varga, an analyst at the Lakeside Institute, said the martyrs were many.",
	" Varga said the terrorists were heroes.",
	" Mira Varga said the Northern Front militia attacked.",
	" Shia paramilitaries and the Northern Front fired rockets, according to a spokesman.",
	" He said the weather was calm.",
	" The Northern Front fighters denied it.",
	" Министр Иван Петров заявил, что боевики Харранских бригад отступили.",
	" Nothing happened.",
	" Quinn said the talks failed.", // named in no document: a voice only by the project's forms
}

// updateMatches updates prev with opts and fails t unless the result is
// Analyse's of the same input (no stances); it returns the update.
func updateMatches(t *testing.T, step string, prev *Analysis, docs []*document.Document, folded []textnorm.Folded,
	ents []EntityInput, lex *Lexicon, opts Options) *Analysis {
	t.Helper()
	ctx := context.Background()
	got, err := Update(ctx, prev, docs, folded, ents, lex, opts)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Analyse(ctx, docs, folded, ents, lex, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameAnalysis(t, step, got, want)
	return got
}

// sameAnalysis fails the test when got and want differ in any field
// (the update's state aside).
func sameAnalysis(t *testing.T, step string, got, want *Analysis) {
	t.Helper()
	g, w := *got, *want
	g.inc, w.inc = nil, nil
	if reflect.DeepEqual(g, w) {
		return
	}
	gj, wj := framingJSON(t, &g), framingJSON(t, &w)
	if gj == wj {
		t.Fatalf("%s: the update differs from the full analysis (same JSON: nil against empty?)", step)
	}
	k := 0
	for k < len(gj) && k < len(wj) && gj[k] == wj[k] {
		k++
	}
	from := max(0, k-300)
	t.Fatalf("%s: the update differs from the full analysis at byte %d:\n got …%.700s\nwant …%.700s", step, k, gj[from:], wj[from:])
}

// updProject is a project the property test edits at random.
type updProject struct {
	docs    []*document.Document
	ents    []updEntity
	stances map[string]string
	lex     *Lexicon
	next    int // for new paths
}

func (p *updProject) edit(t *testing.T, r *rand.Rand) string {
	t.Helper()
	outlets := []string{"Wire", "Paper", "Daily", "Evening Post"}
	pick := func() *document.Document { return p.docs[r.IntN(len(p.docs))] }
	newPath := func() string {
		p.next++
		return fmt.Sprintf("n%03d.txt", p.next)
	}
	switch k := r.IntN(16); {
	case k < 4 && len(p.docs) > 0:
		d := pick()
		s := updSentences[r.IntN(len(updSentences))]
		d.Text += s
		return "append to " + d.Path
	case k == 4 && len(p.docs) > 0:
		d := pick()
		for _, u := range p.ents {
			if i := strings.Index(d.Text, u.forms[0]); i >= 0 {
				d.Text = d.Text[:i] + "someone" + d.Text[i+len(u.forms[0]):]
				return "a name taken out of " + d.Path
			}
		}
		return "nothing to take out of " + d.Path
	case k == 5:
		d := &document.Document{Path: newPath(), Text: strings.TrimSpace(updSentences[r.IntN(len(updSentences))] + updSentences[r.IntN(len(updSentences))])}
		d.Meta.Outlet.Value = outlets[r.IntN(len(outlets))]
		if r.IntN(3) == 0 {
			d.Meta.Outlet.Value = fmt.Sprintf("Outlet %d", p.next)
		}
		p.docs = append(p.docs, d)
		return "added " + d.Path
	case k == 6 && len(p.docs) > 1:
		i := r.IntN(len(p.docs))
		path := p.docs[i].Path
		p.docs = slices.Delete(p.docs, i, i+1)
		return "removed " + path
	case k == 7 && len(p.docs) > 0:
		d := pick()
		old := d.Path
		c := *d
		c.Path = newPath()
		p.docs[slices.Index(p.docs, d)] = &c
		if p.stances[old] != "" {
			p.stances[c.Path] = p.stances[old]
		}
		return "renamed " + old + " " + c.Path
	case k == 8 && len(p.docs) > 0:
		c := *pick()
		c.Path = newPath()
		p.docs = append(p.docs, &c)
		return "duplicated as " + c.Path
	case k == 9 && len(p.docs) > 0:
		d := pick()
		d.Text = ""
		d.Boilerplate = nil
		return "emptied " + d.Path
	case k == 10 && len(p.docs) > 0:
		d := pick()
		d.Meta.Outlet.Value = outlets[r.IntN(len(outlets))]
		return "outlet of " + d.Path
	case k == 11 && len(p.docs) > 0:
		d := pick()
		d.Meta.Language.Value = []string{"", "en", "ru", "fr"}[r.IntN(4)]
		return "language of " + d.Path
	case k == 12 && len(p.docs) > 0:
		d := pick()
		p.stances[d.Path] = []string{"", "aligned", "critical"}[r.IntN(3)]
		return "stance of " + d.Path
	case k == 13:
		r.Shuffle(len(p.ents), func(i, j int) { p.ents[i], p.ents[j] = p.ents[j], p.ents[i] })
		return "entities reordered"
	case k == 14:
		i := r.IntN(len(p.ents))
		switch r.IntN(3) {
		case 0:
			p.ents[i].name += " Jr"
		case 1:
			p.ents[i].kind = []string{"person", "org", "place", ""}[r.IntN(4)]
		default:
			p.ents[i].id += "x"
		}
		return "entity " + p.ents[i].id + " changed"
	case k == 15:
		// two groups become one: every index after it shifts
		if len(p.ents) > 2 {
			i := r.IntN(len(p.ents) - 1)
			p.ents[i].forms = append(p.ents[i].forms, p.ents[i+1].forms...)
			p.ents = slices.Delete(p.ents, i+1, i+2)
			return "entities merged"
		}
	}
	return "nothing"
}

// Random edits, one to three at a time, each followed by Update from the
// previous analysis and a full analysis: every field is the same, and a
// step that changed nothing frames nothing.
func TestUpdateMatchesFullAnalysis(t *testing.T) {
	ctx := context.Background()
	lex := shippedLexicon(t)
	for seed := uint64(1); seed <= 12; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		p := &updProject{docs: keptDocs(), ents: updEntities(), lex: lex,
			stances: map[string]string{"d1.txt": "wire", "d2.txt": "aligned"}}
		var prev *Analysis
		for step := range 40 {
			var did []string
			for range 1 + r.IntN(3) {
				did = append(did, p.edit(t, r))
			}
			if step%13 == 12 {
				var err error
				p.lex, err = NewLexicon(lex.Entries(), []Entry{{Term: fmt.Sprintf("rockets%d", step), Category: "violence"}, {Term: "calm", Category: "loaded"}})
				if err != nil {
					t.Fatal(err)
				}
				p.lex = p.lex.WithLanguages(lex.languages())
				did = append(did, "lexicon")
			}
			ents := findEntities(p.docs, p.ents)
			if step%3 == 1 && len(ents) > 0 {
				// a mention in no document (a file gone, its mentions
				// still listed) still names its form project-wide
				k := r.IntN(len(ents))
				ents[k].Mentions = append(ents[k].Mentions, MentionInput{Path: "elsewhere.txt", Start: 0, End: 5, Form: "Quinn"})
				did = append(did, "Quinn elsewhere is "+ents[k].ID)
			}
			name := fmt.Sprintf("seed %d step %d (%s)", seed, step, strings.Join(did, "; "))
			opts := Options{Stance: stanceOf(p.stances)}
			want, err := AnalyseWith(ctx, p.docs, nil, ents, p.lex, opts)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Update(ctx, prev, p.docs, nil, ents, p.lex, opts)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			sameAnalysis(t, name, got, want)
			st, ok := got.UpdateStats()
			if !ok {
				t.Fatalf("%s: the update is not updatable", name)
			}
			if prev != nil && slices.Contains(did, "lexicon") != st.Full {
				t.Fatalf("%s: full %v (%s)", name, st.Full, st.Reason)
			}
			// nothing changed: nothing is computed again
			again, err := Update(ctx, got, p.docs, nil, ents, p.lex, opts)
			if err != nil {
				t.Fatal(err)
			}
			sameAnalysis(t, name+", again", again, want)
			if st, _ := again.UpdateStats(); st.Full || st.Framed+st.Relisted+st.Voiced+st.OutletsSummed+st.EntitiesSummed != 0 {
				t.Fatalf("%s: an update with nothing changed computed %+v", name, st)
			}
			prev = got
		}
	}
}

// The update leaves the previous analysis as it was.
func TestUpdateLeavesPrevious(t *testing.T) {
	ctx := context.Background()
	lex := shippedLexicon(t)
	docs := keptDocs()
	ents := findEntities(docs, updEntities())
	prev, err := AnalyseWith(ctx, docs, nil, ents, lex, Options{Updatable: true})
	if err != nil {
		t.Fatal(err)
	}
	before := framingJSON(t, prev)
	docs[1].Text += updSentences[0] + updSentences[5]
	docs[0].Meta.Outlet.Value = "Paper"
	ents = findEntities(docs, updEntities())
	if _, err := Update(ctx, prev, docs, nil, ents, lex, Options{}); err != nil {
		t.Fatal(err)
	}
	if framingJSON(t, prev) != before {
		t.Errorf("Update changed the previous analysis")
	}
}

// One sentence appended to one document frames that document only, sums
// again its outlet only and the entities it names only.
func TestUpdateOneDocumentIsLocal(t *testing.T) {
	ctx := context.Background()
	lex := shippedLexicon(t)
	docs := keptDocs()
	es := updEntities()
	prev, err := AnalyseWith(ctx, docs, nil, findEntities(docs, es), lex, Options{Updatable: true})
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := prev.UpdateStats(); !ok || !st.Full || st.Framed != len(docs) {
		t.Fatalf("the first analysis: %+v, %v", st, ok)
	}
	docs[3].Text += " The militia stayed away from the Lakeside Institute."
	ents := findEntities(docs, es)
	got := updateMatches(t, "one sentence", prev, docs, nil, ents, lex, Options{})
	st, _ := got.UpdateStats()
	if st.Full || st.Framed != 1 || st.Relisted != 1 || st.OutletsSummed != 1 || st.EntitiesSummed != 1 {
		t.Errorf("one sentence in %s naming one entity: %+v, want 1 document framed and listed, 1 outlet and 1 entity summed", docs[3].Path, st)
	}
}

// What cannot be updated is computed in full, and says why.
func TestUpdateFallsBack(t *testing.T) {
	ctx := context.Background()
	lex := shippedLexicon(t)
	docs := keptDocs()
	ents := findEntities(docs, updEntities())
	prev, err := AnalyseWith(ctx, docs, nil, ents, lex, Options{Updatable: true})
	if err != nil {
		t.Fatal(err)
	}
	dupIDs := slices.Clone(ents)
	dupIDs[1].ID = dupIDs[0].ID
	dupPath := append(slices.Clone(docs), &document.Document{Path: docs[0].Path, Text: "Tarek Osman said so."})
	other, err := NewLexicon(lex.Entries(), []Entry{{Term: "calm", Category: "loaded"}})
	if err != nil {
		t.Fatal(err)
	}
	decoded := *prev
	decoded.inc = nil
	for _, c := range []struct {
		name   string
		prev   *Analysis
		docs   []*document.Document
		ents   []EntityInput
		lex    *Lexicon
		reason string
	}{
		{"no previous", nil, docs, ents, lex, "no previous analysis"},
		{"not updatable", &decoded, docs, ents, lex, "not updatable"},
		{"another lexicon", prev, docs, ents, other, "another lexicon"},
		{"an ID twice", prev, docs, dupIDs, lex, "share the ID"},
		{"a path twice", prev, dupPath, findEntities(dupPath, updEntities()), lex, "share the path"},
	} {
		got, err := Update(ctx, c.prev, c.docs, nil, c.ents, c.lex, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want, err := AnalyseWith(ctx, c.docs, nil, c.ents, c.lex, Options{})
		if err != nil {
			t.Fatal(err)
		}
		sameAnalysis(t, c.name, got, want)
		if st, ok := got.UpdateStats(); !ok || !st.Full || !strings.Contains(st.Reason, c.reason) {
			t.Errorf("%s: %+v, want a full analysis because %q", c.name, st, c.reason)
		}
	}
}

// With kept parts, the update reads a changed document's part when it is
// kept and keeps the parts it frames; every document's key is handed on.
func TestUpdateWithKept(t *testing.T) {
	ctx := context.Background()
	lex := shippedLexicon(t)
	docs := keptDocs()
	es := updEntities()
	kept := newMemKept()
	opts := Options{Kept: kept, Salt: "test", Updatable: true}
	prev, err := AnalyseWith(ctx, docs, nil, findEntities(docs, es), lex, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept.blobs) != len(docs) || len(kept.keys) != len(docs) {
		t.Fatalf("%d parts kept, %d keys, for %d documents", len(kept.blobs), len(kept.keys), len(docs))
	}
	orig := docs[2].Text
	for i, text := range []string{orig + updSentences[9], orig} {
		docs[2].Text = text
		ents := findEntities(docs, es)
		got := updateMatches(t, "kept", prev, docs, nil, ents, lex, opts)
		st, _ := got.UpdateStats()
		// the edit is framed; going back, the first text's part is no
		// longer kept (Done dropped it) and is framed again too
		if st.Framed != 1 || len(kept.kept) != 1 {
			t.Errorf("step %d: %d framed, %d kept, want 1 and 1", i, st.Framed, len(kept.kept))
		}
		if len(kept.keys) != len(docs) || len(kept.blobs) != len(docs) {
			t.Errorf("step %d: %d keys and %d parts for %d documents", i, len(kept.keys), len(kept.blobs), len(docs))
		}
		kept.kept = nil
		prev = got
	}
}

// A cancelled update stops with the context's error.
func TestUpdateCancelled(t *testing.T) {
	lex := shippedLexicon(t)
	docs := keptDocs()
	es := updEntities()
	prev, err := AnalyseWith(context.Background(), docs, nil, findEntities(docs, es), lex, Options{Updatable: true})
	if err != nil {
		t.Fatal(err)
	}
	docs[0].Text += updSentences[1]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Update(ctx, prev, docs, nil, findEntities(docs, es), lex, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled update: %v, want context.Canceled", err)
	}
}

// folded texts that do not fit are refused, as AnalyseWith refuses them.
func TestUpdateFolded(t *testing.T) {
	ctx := context.Background()
	docs := keptDocs()
	ents := findEntities(docs, updEntities())
	if _, err := Update(ctx, nil, docs, make([]textnorm.Folded, 1), ents, nil, Options{}); err == nil {
		t.Errorf("one folded text for %d documents: no error", len(docs))
	}
	folded := make([]textnorm.Folded, len(docs))
	for i, d := range docs {
		folded[i] = textnorm.Fold(d.Text)
	}
	prev, err := Update(ctx, nil, docs, folded, ents, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs[4].Text += updSentences[3]
	folded[4] = textnorm.Fold(docs[4].Text)
	ents = findEntities(docs, updEntities())
	updateMatches(t, "folded, no lexicon", prev, docs, folded, ents, nil, Options{})
}
