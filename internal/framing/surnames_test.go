package framing

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

// mergeSurnamesPairwise is the former mergeSurnames, which compared every
// one-word voice with every other voice: kept here only as the reference
// the indexed version must agree with, and as the benchmark's baseline.
func mergeSurnamesPairwise(voices map[string]*Voice, vdocs map[string]map[string]bool) {
	keys := make([]string, 0, len(voices))
	for k := range voices {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, short := range keys {
		if strings.Contains(short, " ") {
			continue
		}
		var into []string
		for _, long := range keys {
			if long != short && strings.HasSuffix(long, " "+short) && voices[long] != nil {
				into = append(into, long)
			}
		}
		if len(into) != 1 || voices[short] == nil {
			continue
		}
		l, s := voices[into[0]], voices[short]
		l.Count += s.Count
		l.Direct += s.Direct
		for p := range vdocs[short] {
			vdocs[into[0]][p] = true
		}
		delete(voices, short)
		delete(vdocs, short)
	}
}

// voiceSet builds the voices and their documents from "key:count:direct:doc,doc".
func voiceSet(specs ...string) (map[string]*Voice, map[string]map[string]bool) {
	voices := map[string]*Voice{}
	vdocs := map[string]map[string]bool{}
	for _, s := range specs {
		f := strings.Split(s, ":")
		v := &Voice{Speaker: f[0]}
		fmt.Sscan(f[1], &v.Count)
		fmt.Sscan(f[2], &v.Direct)
		voices[f[0]] = v
		vdocs[f[0]] = map[string]bool{}
		for _, d := range strings.Split(f[3], ",") {
			vdocs[f[0]][d] = true
		}
	}
	return voices, vdocs
}

// describe renders voices and documents in a fixed order for comparison.
func describe(voices map[string]*Voice, vdocs map[string]map[string]bool) string {
	var b strings.Builder
	for _, k := range sortedKeys(voices) {
		v := voices[k]
		docs := sortedKeys(vdocs[k])
		fmt.Fprintf(&b, "%s=%s:%d:%d:%s; ", k, v.Speaker, v.Count, v.Direct, strings.Join(docs, ","))
	}
	if len(vdocs) != len(voices) {
		fmt.Fprintf(&b, "(%d document sets for %d voices)", len(vdocs), len(voices))
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

func TestMergeSurnames(t *testing.T) {
	for _, tc := range []struct {
		name  string
		specs []string
		want  string
	}{
		{"one longer voice takes the surname",
			[]string{"muslih:2:1:a,b", "qasim muslih:3:0:b,c"},
			"qasim muslih=qasim muslih:5:1:a,b,c; "},
		{"two longer voices: ambiguous, kept apart",
			[]string{"smith:1:0:a", "john smith:1:0:b", "anna smith:1:1:c"},
			"anna smith=anna smith:1:1:c; john smith=john smith:1:0:b; smith=smith:1:0:a; "},
		{"a surname inside a name is no ending",
			[]string{"smith:1:0:a", "smith jones:2:0:b"},
			"smith=smith:1:0:a; smith jones=smith jones:2:0:b; "},
		{"a longer name ending with the word's letters is not its surname",
			[]string{"ali:1:0:a", "mustafa khali:1:0:b"},
			"ali=ali:1:0:a; mustafa khali=mustafa khali:1:0:b; "},
		{"three-word name takes its last word",
			[]string{"al-maliki:4:2:a", "nouri kamil al-maliki:1:1:b"},
			"nouri kamil al-maliki=nouri kamil al-maliki:5:3:a,b; "},
		{"each surname into its own name",
			[]string{"trump:3:1:a", "donald trump:1:0:a", "pelosi:2:2:b", "nancy pelosi:1:1:c"},
			"donald trump=donald trump:4:1:a; nancy pelosi=nancy pelosi:3:3:b,c; "},
		{"a two-word name is never folded into a longer one",
			[]string{"kamil al-maliki:1:0:a", "nouri kamil al-maliki:1:0:b"},
			"kamil al-maliki=kamil al-maliki:1:0:a; nouri kamil al-maliki=nouri kamil al-maliki:1:0:b; "},
		{"no one-word voice", []string{"a b:1:0:x", "c b:1:0:y"}, "a b=a b:1:0:x; c b=c b:1:0:y; "},
		{"lone voice", []string{"reuters:1:0:x"}, "reuters=reuters:1:0:x; "},
		{"nothing", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, d := voiceSet(tc.specs...)
			mergeSurnames(v, d)
			if got := describe(v, d); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			v, d = voiceSet(tc.specs...)
			mergeSurnamesPairwise(v, d)
			if got := describe(v, d); got != tc.want {
				t.Errorf("the pairwise reference disagrees with the table: %s", got)
			}
		})
	}
}

// randomVoices makes n voices from a small vocabulary, so that surnames,
// shared endings, ambiguous endings and odd spacing all occur.
func randomVoices(r *rand.Rand, n int) (map[string]*Voice, map[string]map[string]bool) {
	words := []string{"smith", "ali", "khali", "al-maliki", "muslih", "jones", "o'neil", "", "li", "trump"}
	voices := map[string]*Voice{}
	vdocs := map[string]map[string]bool{}
	for len(voices) < n {
		parts := make([]string, 1+r.IntN(3))
		for i := range parts {
			parts[i] = words[r.IntN(len(words))]
		}
		k := strings.Join(parts, " ")
		if r.IntN(8) == 0 {
			k += fmt.Sprint(r.IntN(n)) // rarer names
		}
		if voices[k] != nil {
			continue
		}
		voices[k] = &Voice{Speaker: k, Count: 1 + r.IntN(5), Direct: r.IntN(2)}
		vdocs[k] = map[string]bool{fmt.Sprint("d", r.IntN(20)): true}
	}
	return voices, vdocs
}

// The index must merge exactly as the pairwise comparison did.
func TestMergeSurnamesAgreesWithPairwise(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		n := 1 + r.IntN(60)
		v1, d1 := randomVoices(rand.New(rand.NewPCG(uint64(round), 7)), n)
		v2, d2 := randomVoices(rand.New(rand.NewPCG(uint64(round), 7)), n)
		before := len(v1)
		mergeSurnames(v1, d1)
		mergeSurnamesPairwise(v2, d2)
		if a, b := describe(v1, d1), describe(v2, d2); a != b {
			t.Fatalf("round %d (%d voices):\nindexed  %s\npairwise %s", round, before, a, b)
		}
	}
}

// speakerNames makes n distinct voice keys shaped like an outlet's speakers
// at scale: two-word names and some one-word surnames.
func speakerNames(n int) (map[string]*Voice, map[string]map[string]bool) {
	r := rand.New(rand.NewPCG(3, 4))
	voices := map[string]*Voice{}
	vdocs := map[string]map[string]bool{}
	for i := 0; len(voices) < n; i++ {
		k := fmt.Sprintf("given%d surname%d", r.IntN(n), r.IntN(n))
		if i%4 == 0 {
			k = fmt.Sprintf("surname%d", r.IntN(n))
		}
		voices[k] = &Voice{Speaker: k, Count: 1}
		vdocs[k] = map[string]bool{"d": true}
	}
	return voices, vdocs
}

// BenchmarkMergeSurnames compares the indexed merge with the pairwise one
// it replaced on one outlet's voices: sub-benchmarks by voice count, the
// pairwise one's time growing with the square.
func BenchmarkMergeSurnames(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		for _, alg := range []struct {
			name string
			fn   func(map[string]*Voice, map[string]map[string]bool)
		}{{"indexed", mergeSurnames}, {"pairwise", mergeSurnamesPairwise}} {
			b.Run(fmt.Sprintf("%s/voices=%d", alg.name, n), func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					v, d := speakerNames(n)
					b.StartTimer()
					alg.fn(v, d)
				}
			})
		}
	}
}

// Voices that share a name are ordered by their figures, so the order of
// an outlet's voices never depends on map iteration.
func TestSortVoicesIsTotal(t *testing.T) {
	want := []Voice{
		{Speaker: "Pence", Count: 3, Direct: 0, Documents: 2},
		{Speaker: "Gardner", Count: 1, Direct: 1, Documents: 1},
		{Speaker: "Gardner", Count: 1, Direct: 0, Documents: 2},
		{Speaker: "Gardner", Count: 1, Direct: 0, Documents: 1},
		{Speaker: "Issa", Count: 1, Direct: 0, Documents: 1},
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50 {
		got := slices.Clone(want)
		r.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		sortVoices(got)
		if !slices.Equal(got, want) {
			t.Fatalf("sorted to %v, want %v", got, want)
		}
	}
}
