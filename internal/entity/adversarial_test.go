package entity

import (
	"fmt"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/advtext"
	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// The indexes answer as the rescans did: a surname that stands alone with
// a speech verb once is a person's surname however often the full name
// repeats; a demonym is one when its place stands alone; capitals repeated
// are an acronym, once they are emphasis.
func TestIndexedRules(t *testing.T) {
	x := extractor(t)
	cases := []struct {
		name, text, surface, want string // want: kind:evidence prefix, "" for no mention
	}{
		{"surname alone with a verb", "Velko Quellan arrived. Later Quellan said nothing.", "Velko Quellan", "person:surname:Quellan"},
		{"surname only in the full name", "Velko Quellan arrived. Velko Quellan left.", "Velko Quellan", "other:capitalised"},
		{"surname alone without a verb", "Velko Quellan arrived. Then Quellan left.", "Velko Quellan", "other:capitalised"},
		{"demonym of a place alone", "Ostria is far. They met the Ostrian envoy.", "Ostrian", ""},
		{"place only inside a longer name", "Ostria Air flew. They met the Ostrian envoy.", "Ostrian", "other"},
		{"capitals once", "Officials said ZEPHYRA was fine.", "ZEPHYRA", ""},
		{"capitals repeated", "Officials said ZEPHYRA was fine. Later ZEPHYRA was sold.", "ZEPHYRA", "organisation:acronym"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := extract(x, c.text)
			m := find(ms, c.surface)
			if c.want == "" {
				if m != nil {
					t.Fatalf("%q is a mention (%s:%s)", c.surface, m.Kind, m.Evidence)
				}
				return
			}
			if m == nil {
				t.Fatalf("%q not found in %v", c.surface, ms)
			}
			if got := m.Kind.String() + ":" + m.Evidence; len(got) < len(c.want) || got[:len(c.want)] != c.want {
				t.Errorf("%q is %s, want %s…", c.surface, got, c.want)
			}
		})
	}
}

// An adversarial text extracts in time proportional to its size. The
// benchmark reports the CPU time per MB at 0.5, 1 and 2 MB and the ratio
// of the largest to the smallest (1 when linear; it was 3.9 at 1 MB and 15
// at 2 MB with the rescans).
func BenchmarkAdversarialExtract(b *testing.B) {
	x := extractor(b)
	sizes := []int{500_000, 1_000_000, 2_000_000}
	docs := make([]*document.Document, len(sizes))
	folds := make([]textnorm.Folded, len(sizes))
	for i, n := range sizes {
		text := advtext.Text(n, 1)
		docs[i] = &document.Document{Path: fmt.Sprintf("adv%d.txt", n), Text: text}
		folds[i] = textnorm.Fold(text)
	}
	perMB := make([]time.Duration, len(sizes))
	b.ResetTimer()
	for range b.N {
		for i, d := range docs {
			before := cputime.Process()
			if len(x.Extract(d, folds[i])) == 0 {
				b.Fatal("no mentions")
			}
			perMB[i] += (cputime.Process() - before) * 1_000_000 / time.Duration(len(d.Text))
		}
	}
	for i, n := range sizes {
		b.ReportMetric(perMB[i].Seconds()/float64(b.N), fmt.Sprintf("cpu-s/MB@%.1fMB", float64(n)/1e6))
	}
	b.ReportMetric(float64(perMB[len(perMB)-1])/float64(perMB[0]), "ratio-2MB/0.5MB")
}
