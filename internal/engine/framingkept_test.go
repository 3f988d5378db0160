package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/partcodec"
	"github.com/parallaxworkbench/parallax/internal/store/memstore"
)

// Each document's framing is kept: after a change only the documents
// whose framing inputs changed are framed again, and the analysis is the
// one computed without a store.
func TestStoreFramingKept(t *testing.T) {
	for kind, newStore := range testStores {
		t.Run(kind, func(t *testing.T) {
			dir := copyStoreProject(t)
			st := newStore(t)
			first := analyseStore(t, dir, st)
			n := first.Project().NumDocs()
			if k := first.Kept(); k.Framed != n || k.FramingReused != 0 {
				t.Errorf("first analysis: %+v, want every document framed", k)
			}
			edit := func(name string, fn func(string) string) func(t *testing.T) {
				return func(t *testing.T) {
					f := filepath.Join(dir, name)
					b, err := os.ReadFile(f)
					if err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(f, []byte(fn(string(b))), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, s := range []struct {
				name   string
				change func(t *testing.T)
				framed int // -1: some, not all
			}{
				// the sidecar changes the documents' metadata (so their
				// extraction keys), not what their framing reads
				{"stance and title in the sidecar", edit("sources.csv", func(s string) string {
					return strings.Replace(strings.Replace(s, ",right\n", ",far right\n", 1), "Minister Oduya vows", "Oduya vows", 1)
				}), 0},
				{"a sentence without names", edit("valley1.md", func(s string) string {
					return s + "\nThe weather stayed calm all week.\n"
				}), 1},
				{"a sentence with names", edit("ridge2.txt", func(s string) string {
					return s + "\nNavy commander Ilse Marrow said her crews were ready to sail.\n"
				}), -1},
				// the others' names and mentions stay as they were
				{"a document removed", func(t *testing.T) {
					if err := os.Remove(filepath.Join(dir, "harbour2.txt")); err != nil {
						t.Fatal(err)
					}
				}, 0},
			} {
				s.change(t)
				want := visible(t, analyseStore(t, dir, noStore))
				a := analyseStore(t, dir, st)
				k := a.Kept()
				n := a.Project().NumDocs()
				if k.Warm || k.Framed+k.FramingReused != n || s.framed >= 0 && k.Framed != s.framed || s.framed < 0 && (k.Framed == 0 || k.Framed == n) {
					t.Errorf("%s: %+v, want %d of %d documents framed (-1: some)", s.name, k, s.framed, n)
				}
				noWarnings(t, s.name, a)
				sameVisible(t, s.name, visible(t, a), want)
				if ms, ok := st.(*memstore.Store); ok {
					if got := len(ms.BlobKeys(BlobFraming)); got != n {
						t.Errorf("%s: %d document framings kept for %d documents", s.name, got, n)
					}
				}
				if w := analyseStore(t, dir, st); !w.Kept().Warm {
					t.Errorf("%s: the next analysis is not read from the store: %+v", s.name, w.Kept())
				}
			}
		})
	}
}

// A kept document framing that cannot be read is a warning, framed again
// and replaced in the store.
func TestStoreFramingCorrupt(t *testing.T) {
	dir := copyStoreProject(t)
	want := visible(t, analyseStore(t, dir, noStore))
	for _, c := range []struct {
		name    string
		corrupt func(st *memstore.Store, key string)
	}{
		{"garbage", func(st *memstore.Store, key string) { st.SetBlob(BlobFraming, key, []byte("not a part")) }},
		{"flipped byte", func(st *memstore.Store, key string) {
			got, _ := st.GetBlobs(context.Background(), BlobFraming, []string{key})
			b := got[key]
			b[len(b)/2] ^= 0x40
			st.SetBlob(BlobFraming, key, b)
		}},
		{"empty", func(st *memstore.Store, key string) { st.SetBlob(BlobFraming, key, nil) }},
		// readable, but naming an entity its document has not: framing
		// refuses it, and the engine replaces it
		{"misfit", func(st *memstore.Store, key string) {
			got, _ := st.GetBlobs(context.Background(), BlobFraming, []string{key})
			var p *framing.DocPart
			if err := partcodec.DecodeValue(got[key], &p); err != nil {
				t.Fatal(err)
			}
			p.Families = append(p.Families, framing.PartFamily{Slot: 999, Family: "irregular"})
			b, err := partcodec.EncodeValue(p)
			if err != nil {
				t.Fatal(err)
			}
			st.SetBlob(BlobFraming, key, b)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := memstore.New()
			n := analyseStore(t, dir, st).Project().NumDocs()
			c.corrupt(st, st.BlobKeys(BlobFraming)[0])
			// so that the framing is assembled again, not read whole
			st.PruneBlobs(context.Background(), BlobEntities, nil)
			a := analyseStore(t, dir, st)
			if k := a.Kept(); k.Framed != 1 || k.FramingReused != n-1 {
				t.Errorf("%+v, want the corrupt document framed again, the others read", k)
			}
			if len(a.Warnings()) == 0 {
				t.Errorf("no warning about the corrupt framing")
			}
			sameVisible(t, c.name, visible(t, a), want)
			st.PruneBlobs(context.Background(), BlobEntities, nil)
			next := analyseStore(t, dir, st)
			noWarnings(t, "the next analysis", next)
			if k := next.Kept(); k.Framed != 0 || k.FramingReused != n {
				t.Errorf("the next analysis: %+v, want every framing read back", k)
			}
		})
	}
}
