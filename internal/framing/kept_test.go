package framing

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/partcodec"
)

// memKept keeps parts encoded as the engine keeps them (partcodec), so a
// test reads back what a store would.
type memKept struct {
	mu    sync.Mutex
	blobs map[string][]byte
	// of the last analysis: the keys Keep was handed, and every key
	kept, keys []string
	// replace, when set, is what Parts answers for a key instead
	replace map[string]*DocPart
}

func newMemKept() *memKept { return &memKept{blobs: map[string][]byte{}} }

func (m *memKept) Parts(_ context.Context, keys []string) (map[string]*DocPart, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.kept, m.keys = nil, nil
	out := map[string]*DocPart{}
	for _, k := range keys {
		if p := m.replace[k]; p != nil {
			out[k] = p
			continue
		}
		b, ok := m.blobs[k]
		if !ok {
			continue
		}
		var p *DocPart
		if err := partcodec.DecodeValue(b, &p); err != nil {
			return nil, err
		}
		out[k] = p
	}
	return out, nil
}

func (m *memKept) Keep(key string, part *DocPart) {
	b, err := partcodec.EncodeValue(part)
	if err != nil {
		panic(err) // a test double: the test fails
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.blobs[key] = b
	m.kept = append(m.kept, key)
}

func (m *memKept) Done(_ context.Context, keys []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.keys = append([]string(nil), keys...)
	for k := range m.blobs {
		if !slices.Contains(keys, k) {
			delete(m.blobs, k)
		}
	}
}

// keptDocs are documents written for these tests, each with something a
// part must carry: loaded terms, a person quoted by name and pronoun, an
// apposition, designations tied across documents ("Iran-backed militia"),
// boilerplate, a Russian text read by its own rules, and nothing at all.
func keptDocs() []*document.Document {
	mk := func(path, outlet, language, text string) *document.Document {
		d := &document.Document{Path: path, Text: text}
		d.Meta.Outlet.Value = outlet
		d.Meta.Language.Value = language
		d.Meta.Date.Value = "2021-03-0" + path[1:2]
		return d
	}
	a := mk("d1.txt", "Wire", "en", "The Harran Brigades militia attacked the base on Monday. Commander Tarek Osman said the fighters would return. "+
		"He said the regime had failed. Lena Varga, an analyst at the Lakeside Institute, said the martyrs were many.\nShare this story on Facebook: regime regime")
	a.Boilerplate = []document.Span{{Start: strings.Index(a.Text, "Share"), End: len(a.Text)}}
	return []*document.Document{
		a,
		mk("d2.txt", "Paper", "", "Shia paramilitaries and the Harran Brigades fired rockets. Iran-backed militia fighters of the Harran Brigades "+
			"clashed with police, according to Tarek Osman. \"We will not stop,\" Osman told Reuters. The terrorists were praised as heroes."),
		mk("d3.txt", "Paper", "ru", "Министр Иван Петров заявил, что боевики Харранских бригад отступили. «Мы победим», — сказал Петров."),
		mk("d4.txt", "Wire", "", "Nothing named happens here; a spokesman said the weather was calm."),
		mk("d5.txt", "Daily", "en", "Iran-backed militia fighters attacked again. The Harran Brigades denied it. Lena Varga said the regime lied."),
	}
}

// keptEntities finds the entities of keptDocs by exact search, in the
// order given (the order of the project's list).
func keptEntities(docs []*document.Document, order ...string) []EntityInput {
	all := map[string]EntityInput{
		"harran":  {ID: "harran", Name: "Harran Brigades", Kind: "org"},
		"osman":   {ID: "osman", Name: "Tarek Osman", Kind: "person"},
		"varga":   {ID: "varga", Name: "Lena Varga", Kind: "person"},
		"petrov":  {ID: "petrov", Name: "Иван Петров", Kind: "person"},
		"lakes":   {ID: "lakes", Name: "Lakeside Institute", Kind: "org"},
		"reuters": {ID: "reuters", Name: "Reuters", Kind: "org"},
	}
	forms := map[string][]string{
		"harran": {"Harran Brigades", "Харранских бригад"}, "osman": {"Tarek Osman", "Osman"},
		"varga": {"Lena Varga"}, "petrov": {"Иван Петров", "Петров"}, "lakes": {"Lakeside Institute"}, "reuters": {"Reuters"},
	}
	if len(order) == 0 {
		order = []string{"harran", "osman", "varga", "petrov", "lakes", "reuters"}
	}
	var out []EntityInput
	for _, id := range order {
		e := all[id]
		for _, d := range docs {
			taken := make([]bool, len(d.Text)+1)
			for _, f := range forms[id] {
				for pos := 0; ; {
					i := strings.Index(d.Text[pos:], f)
					if i < 0 {
						break
					}
					s := pos + i
					pos = s + len(f)
					if !taken[s] {
						taken[s] = true
						e.Mentions = append(e.Mentions, MentionInput{Path: d.Path, Start: s, End: pos, Form: f})
					}
				}
			}
		}
		out = append(out, e)
	}
	return out
}

func stanceOf(labels map[string]string) func(*document.Document) string {
	return func(d *document.Document) string { return labels[d.Path] }
}

func framingJSON(t *testing.T, a *Analysis) string {
	t.Helper()
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Framing with kept parts gives the very analysis framing every document
// gives, cold, warm, and after a text, the entities' order, a stance, a
// person's name or the lexicon changed; only the documents whose inputs
// changed are framed again.
func TestAnalyseWithKept(t *testing.T) {
	ctx := context.Background()
	lex := shippedLexicon(t)
	docs := keptDocs()
	ents := keptEntities(docs)
	stances := map[string]string{"d1.txt": "wire", "d2.txt": "aligned"}
	kept := newMemKept()

	// the expected fresh parts: the documents framed again, by path
	steps := []struct {
		name   string
		change func()
		framed []string
	}{
		{"cold", func() {}, []string{"d1.txt", "d2.txt", "d3.txt", "d4.txt", "d5.txt"}},
		{"warm", func() {}, nil},
		{"stance and outlet", func() {
			stances["d4.txt"] = "local"
			docs[4].Meta.Outlet.Value = "Evening Daily"
			docs[4].Meta.Title.Value = "Rockets"
		}, nil},
		{"entities in another order", func() {
			ents = keptEntities(docs, "reuters", "lakes", "petrov", "varga", "osman", "harran")
		}, nil},
		{"an organisation renamed and its ID", func() {
			for i := range ents {
				if ents[i].ID == "lakes" {
					ents[i].Name, ents[i].ID = "The Lakeside Institute", "lakeside"
				}
			}
		}, nil},
		{"one text changed", func() {
			docs[3].Text += " The militia stayed away."
			ents = keptEntities(docs)
		}, []string{"d4.txt"}},
		{"a person renamed", func() {
			for i := range ents {
				if ents[i].ID == "varga" {
					ents[i].Name = "Dr Lena Varga"
				}
			}
		}, []string{"d1.txt", "d5.txt"}},
		{"language tag", func() { docs[3].Meta.Language.Value = "fr" }, []string{"d4.txt"}},
		{"boilerplate", func() { docs[0].Boilerplate = nil }, []string{"d1.txt"}},
		{"lexicon", func() {
			var err error
			lex, err = NewLexicon(lex.Entries(), []Entry{{Term: "rockets", Category: "violence"}})
			if err != nil {
				t.Fatal(err)
			}
			lex = lex.WithLanguages(shippedLexicon(t).languages())
		}, []string{"d1.txt", "d2.txt", "d3.txt", "d4.txt", "d5.txt"}},
		{"a document gone", func() {
			docs = docs[1:]
			ents = keptEntities(docs) // Lena Varga's name as at first
		}, []string{"d5.txt"}},
	}
	for _, s := range steps {
		s.change()
		want, err := Analyse(ctx, docs, nil, ents, lex, stanceOf(stances))
		if err != nil {
			t.Fatal(err)
		}
		got, err := AnalyseWith(ctx, docs, nil, ents, lex, Options{Stance: stanceOf(stances), Kept: kept, Salt: "test"})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if g, w := framingJSON(t, got), framingJSON(t, want); g != w {
			t.Errorf("%s: the analysis with kept parts differs:\n got %.600s\nwant %.600s", s.name, g, w)
		}
		var framed []string
		for _, k := range kept.kept {
			for i, key := range kept.keys {
				if key == k {
					framed = append(framed, docs[i].Path)
				}
			}
		}
		slices.Sort(framed)
		if !slices.Equal(framed, s.framed) {
			t.Errorf("%s: framed %v again, want %v", s.name, framed, s.framed)
		}
		if s.name == "cold" {
			// the parts carry designations to tie across documents, and
			// some are tied
			designated := 0
			for _, b := range kept.blobs {
				var p *DocPart
				if err := partcodec.DecodeValue(b, &p); err != nil {
					t.Fatal(err)
				}
				designated += len(p.Designations)
			}
			if designated == 0 || !strings.Contains(framingJSON(t, want), `"relation":"designation"`) {
				t.Errorf("the test documents lost their designations (%d kept)", designated)
			}
		}
		if len(kept.blobs) != len(docs) {
			t.Errorf("%s: %d parts kept for %d documents", s.name, len(kept.blobs), len(docs))
		}
	}
}

// Every input of a document's framing is in its key, and nothing else:
// a key left without one of them would read back a stale part.
func TestPartKeyInputs(t *testing.T) {
	ctx := context.Background()
	base := shippedLexicon(t)
	keyOf := func(t *testing.T, docs []*document.Document, ents []EntityInput, lex *Lexicon, salt, stance string) string {
		t.Helper()
		kept := newMemKept()
		label := func(*document.Document) string { return stance }
		if _, err := AnalyseWith(ctx, docs, nil, ents, lex, Options{Kept: kept, Salt: salt, Stance: label}); err != nil {
			t.Fatal(err)
		}
		return kept.keys[0] // d1.txt
	}
	type input struct {
		docs         []*document.Document
		ents         []EntityInput
		lex          *Lexicon
		salt, stance string
	}
	fresh := func() input {
		docs := keptDocs()
		return input{docs, keptEntities(docs), base, "salt", "wire"}
	}
	want := keyOf(t, fresh().docs, fresh().ents, base, "salt", "wire")
	for _, c := range []struct {
		name    string
		change  func(in *input)
		changes bool
	}{
		{"text", func(in *input) { in.docs[0].Text = strings.Replace(in.docs[0].Text, "Monday", "Sunday", 1) }, true},
		{"boilerplate", func(in *input) { in.docs[0].Boilerplate[0].Start++ }, true},
		{"language tag", func(in *input) { in.docs[0].Meta.Language.Value = "en-GB" }, true},
		{"lexicon entry", func(in *input) {
			lex, err := NewLexicon(base.Entries()[1:])
			if err != nil {
				t.Fatal(err)
			}
			in.lex = lex.WithLanguages(base.languages())
		}, true},
		{"language profiles", func(in *input) {
			lex, err := NewLexicon(base.Entries())
			if err != nil {
				t.Fatal(err)
			}
			in.lex = lex // no profiles: English only
		}, true},
		{"no lexicon", func(in *input) { in.lex = nil }, true},
		{"salt", func(in *input) { in.salt = "other" }, true},
		{"a mention's span", func(in *input) { in.ents[1].Mentions[0].End-- }, true},
		{"a mention's form", func(in *input) { in.ents[1].Mentions[0].Form = "T. Osman" }, true},
		{"a mention gone", func(in *input) { in.ents[0].Mentions = in.ents[0].Mentions[1:] }, true},
		{"two entities merged", func(in *input) {
			in.ents[1].Mentions = append(in.ents[1].Mentions, in.ents[2].Mentions...)
			in.ents = slices.Delete(in.ents, 2, 3)
		}, true},
		{"a person's name", func(in *input) { in.ents[1].Name = "Tariq Osman" }, true},
		{"a kind", func(in *input) { in.ents[1].Kind = "org" }, true},
		{"an organisation's name", func(in *input) { in.ents[0].Name = "Brigades of Harran" }, false},
		{"an ID", func(in *input) { in.ents[1].ID = "e-osman" }, false},
		{"the entities' order", func(in *input) {
			in.ents = keptEntities(in.docs, "reuters", "lakes", "petrov", "varga", "osman", "harran")
		}, false},
		{"an entity of another document", func(in *input) { in.ents[3].Name = "Ivan Petrov" }, false},
		{"another document's text", func(in *input) { in.docs[3].Text += " More." }, false},
		// the stance is filled in when the analysis is assembled
		{"stance", func(in *input) { in.stance = "state-aligned" }, false},
		{"path, title, outlet, date", func(in *input) {
			d := in.docs[0]
			d.Meta.Title.Value, d.Meta.Outlet.Value, d.Meta.Date.Value = "T", "O", "2020-01-01"
			d.Path = "d0.txt" // its mentions follow it
			for i := range in.ents {
				for j := range in.ents[i].Mentions {
					if in.ents[i].Mentions[j].Path == "d1.txt" {
						in.ents[i].Mentions[j].Path = d.Path
					}
				}
			}
		}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := fresh()
			c.change(&in)
			got := keyOf(t, in.docs, in.ents, in.lex, in.salt, in.stance)
			if (got != want) != c.changes {
				t.Errorf("key changed: %v, want %v", got != want, c.changes)
			}
		})
	}
}

// A kept part that does not fit its document (a corrupt store) is framed
// again and replaced, never shown.
func TestAnalyseWithKeptRefusesMisfits(t *testing.T) {
	ctx := context.Background()
	lex := shippedLexicon(t)
	docs := keptDocs()
	ents := keptEntities(docs)
	want, err := Analyse(ctx, docs, nil, ents, lex, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		spoil func(p *DocPart)
	}{
		{"slot", func(p *DocPart) { p.Entities[0].Slot = 99 }},
		{"slot twice", func(p *DocPart) { p.Entities = append(p.Entities, p.Entities[0]) }},
		{"family slot", func(p *DocPart) { p.Families = append(p.Families, PartFamily{Slot: -1, Family: "irregular"}) }},
		{"occurrence span", func(p *DocPart) { p.Occurrences[0].End = 1 << 20 }},
		{"source span", func(p *DocPart) { p.Sources[0].Start = -1 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			kept := newMemKept()
			if _, err := AnalyseWith(ctx, docs, nil, ents, lex, Options{Kept: kept}); err != nil {
				t.Fatal(err)
			}
			key := kept.keys[0]
			var p *DocPart
			if err := partcodec.DecodeValue(kept.blobs[key], &p); err != nil {
				t.Fatal(err)
			}
			c.spoil(p)
			kept.replace = map[string]*DocPart{key: p}
			got, err := AnalyseWith(ctx, docs, nil, ents, lex, Options{Kept: kept})
			if err != nil {
				t.Fatal(err)
			}
			if g, w := framingJSON(t, got), framingJSON(t, want); g != w {
				t.Errorf("a misfit part is shown:\n got %.600s\nwant %.600s", g, w)
			}
			if !slices.Equal(kept.kept, []string{key}) {
				t.Errorf("parts kept again: %v, want the misfit's key only", kept.kept)
			}
		})
	}
}
