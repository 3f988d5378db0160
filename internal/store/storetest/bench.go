package storetest

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/atomicfile"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/trigram"
)

// Name parts the benchmark names are recombined from, in the scripts of a
// news corpus.
var (
	firstNames = strings.Fields(`james maria ahmed olena david fatima sergei anna mohammed elena
		john sofia ali irina michael leila dmitri claire omar natalia pierre yusuf ekaterina thomas
		amira viktor sarah hassan oksana daniel noor pavel julia karim svetlana lucas zainab igor
		emma tariq `)
	surnames = strings.Fields(`smith müller haddad kovalenko johnson rahman ivanov dubois
		hosseini petrov garcia nasser shevchenko brown khalil sokolov martin farouk morozov wilson
		abbas novak lefèvre mansour popescu taylor karimi volkov anderson saleh bondarenko moreau
		qureshi lebedev thompson aziz kuznetsov white yilmaz melnyk harris rashid orlov clark
		demir tkachenko lewis jaber fedorov walker said pavlenko hall`)
	cyrillic = strings.Fields(`иванов петров сидоров кузнецов смирнов попов соколов лебедев козлов
		новиков морозов волков алексеев лебедева павлов семенов`)
	arabic = strings.Fields(`محمد أحمد علي حسن حسين عمر خالد يوسف إبراهيم سليمان عبدالله مصطفى`)
)

// mutate makes a spelling variant of w: one letter doubled, dropped or
// swapped with the next.
func mutate(r *rand.Rand, w string) string {
	rs := []rune(w)
	if len(rs) < 3 {
		return w
	}
	i := 1 + r.IntN(len(rs)-2)
	switch r.IntN(3) {
	case 0:
		rs = append(rs[:i+1], rs[i:]...)
	case 1:
		rs = append(rs[:i], rs[i+1:]...)
	default:
		rs[i], rs[i+1] = rs[i+1], rs[i]
	}
	return string(rs)
}

// Names makes n entity names shaped like those of a large news corpus:
// first names, initials and surnames recombined, one in four surnames a
// spelling variant, some in Cyrillic or Arabic script; mentions falling off
// as a power law.
func Names(n int, seed uint64) []store.NameRow {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]store.NameRow, n)
	for i := range out {
		var parts []string
		switch x := r.IntN(20); {
		case x == 0:
			parts = []string{cyrillic[r.IntN(len(cyrillic))], cyrillic[r.IntN(len(cyrillic))]}
		case x == 1:
			parts = []string{arabic[r.IntN(len(arabic))], arabic[r.IntN(len(arabic))]}
		default:
			parts = []string{firstNames[r.IntN(len(firstNames))]}
			if r.IntN(3) == 0 {
				parts = append(parts, string(rune('a'+r.IntN(26))))
			}
			sur := surnames[r.IntN(len(surnames))]
			if r.IntN(4) == 0 {
				sur = mutate(r, sur)
			}
			parts = append(parts, sur)
			if r.IntN(5) == 0 {
				parts = append(parts, surnames[r.IntN(len(surnames))])
			}
		}
		name := strings.Join(parts, " ")
		out[i] = store.NameRow{
			Entity:   "e" + strconv.Itoa(i/2),
			Name:     name,
			Key:      trigram.Fold(name),
			Kind:     "person",
			Mentions: 1 + int(100000/float64(1+i)),
		}
	}
	return out
}

// Queries are typed queries: names of the set with a typo, or their
// surname only, or a prefix.
func Queries(names []store.NameRow, n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 2))
	out := make([]string, n)
	for i := range out {
		name := names[r.IntN(len(names))].Name
		words := strings.Fields(name)
		switch r.IntN(3) {
		case 0:
			out[i] = mutate(r, name)
		case 1:
			out[i] = words[len(words)-1]
		default:
			rs := []rune(name)
			out[i] = string(rs[:min(len(rs), 3+r.IntN(6))])
		}
	}
	return out
}

// scan is the baseline of name search: every name's similarity computed
// in memory (trigrams made in advance), the best kept.
type scan struct {
	rows []store.NameRow
	tris [][]string
}

func newScan(rows []store.NameRow) *scan {
	s := &scan{rows: rows, tris: make([][]string, len(rows))}
	for i, r := range rows {
		s.tris[i] = trigram.Trigrams(trigram.Fold(r.Key))
	}
	return s
}

func (s *scan) search(query string, limit int) []store.NameHit {
	q := trigram.Trigrams(trigram.Fold(query))
	var hits []store.NameHit
	for i, t := range s.tris {
		if sim := trigram.Similarity(q, t); sim >= trigram.Threshold {
			hits = append(hits, store.NameHit{NameRow: s.rows[i], Similarity: sim})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Similarity != hits[j].Similarity {
			return hits[i].Similarity > hits[j].Similarity
		}
		return hits[i].Mentions > hits[j].Mentions
	})
	return hits[:min(limit, len(hits))]
}

// Bench measures a store against baselines in the same run: writing an
// analysis of 50,000 names (baseline: the same rows as a JSON file written
// atomically, as Parallax keeps state today), searching 100,000 names
// (baseline: an in-memory scan), and changing one state document
// (baseline: an atomic JSON file write).
func Bench(b *testing.B, tg Target) {
	ctx := context.Background()
	put := store.AnalysisRecord{Fingerprint: "bench", Names: Names(50000, 1),
		Parts: map[string][]byte{"entities": make([]byte, 4<<20)}}
	b.Run("PutAnalysis50k/baseline-json-file", func(b *testing.B) {
		dir := b.TempDir()
		for b.Loop() {
			data, err := json.Marshal(put)
			if err != nil {
				b.Fatal(err)
			}
			if err := atomicfile.Write(filepath.Join(dir, "analysis.json"), data, 0o600); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("PutAnalysis50k/store", func(b *testing.B) {
		s := openBench(b, tg)
		for b.Loop() {
			if err := s.PutAnalysis(ctx, put); err != nil {
				b.Fatal(err)
			}
		}
	})

	many := Names(100000, 2)
	qs := Queries(many, 1000, 3)
	b.Run("SearchNames100k/baseline-scan", func(b *testing.B) {
		sc := newScan(many)
		i := 0
		for b.Loop() {
			sc.search(qs[i%len(qs)], 20)
			i++
		}
	})
	b.Run("SearchNames100k/store", func(b *testing.B) {
		s := openBench(b, tg)
		if err := s.PutAnalysis(ctx, store.AnalysisRecord{Fingerprint: "bench", Names: many}); err != nil {
			b.Fatal(err)
		}
		i := 0
		for b.Loop() {
			if _, err := s.SearchNames(ctx, qs[i%len(qs)], 20); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})

	doc := []byte(`{"merges":[{"a":"Alpha","b":"Beta"}],"stances":{"Outlet":"neutral"}}`)
	b.Run("UpdateState/baseline-atomicfile", func(b *testing.B) {
		p := filepath.Join(b.TempDir(), "aliases.json")
		for b.Loop() {
			if _, err := os.ReadFile(p); err != nil && !os.IsNotExist(err) {
				b.Fatal(err)
			}
			if err := atomicfile.Write(p, doc, 0o600); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("UpdateState/store", func(b *testing.B) {
		s := openBench(b, tg)
		for b.Loop() {
			if _, err := s.UpdateState(ctx, "aliases", "bench", func([]byte, bool) ([]byte, error) { return doc, nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func openBench(b *testing.B, tg Target) store.Store {
	b.Helper()
	s, err := tg.Open(context.Background(), tg.New(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}
