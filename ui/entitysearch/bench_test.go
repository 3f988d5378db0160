package entitysearch

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/ui/panels/paneltest"
)

// benchQueries are typed one letter at a time.
var benchQueries = []string{"trump", "obama", "white house", "ukraine", "soleimani", "merkle"}

// corpusSlice copies every tenth article of news-bench-10k (n at most) with
// its sidecar rows into a temporary project.
func corpusSlice(b *testing.B, n int) string {
	src := testcorpus.Corpus(b, "news-bench-10k")
	f, err := os.Open(filepath.Join(src, "index.tsv"))
	if err != nil {
		b.Skip(err)
	}
	defer f.Close()
	dir := b.TempDir()
	var index strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for i := 0; sc.Scan(); i++ {
		line := sc.Text()
		if i == 0 {
			index.WriteString(line + "\n")
			continue
		}
		if i%10 != 1 || n == 0 {
			continue
		}
		rel := strings.SplitN(line, "\t", 2)[0]
		body, err := os.ReadFile(filepath.Join(src, rel))
		if err != nil {
			continue
		}
		paneltest.WriteFiles(b, dir, map[string]string{rel: string(body)})
		index.WriteString(line + "\n")
		n--
	}
	paneltest.WriteFiles(b, dir, map[string]string{"index.tsv": index.String()})
	return dir
}

// BenchmarkKeystroke measures what the panel does per keystroke (search
// session, result list, the best entity's mentions grouped by outlet)
// against the one-shot engine search of the same prefixes.
func BenchmarkKeystroke(b *testing.B) {
	test.NewTempApp(b)
	c, a := paneltest.Analysed(b, corpusSlice(b, 1000))
	p := New(c)
	w := test.NewTempWindow(b, p.Object())
	w.Resize(fyne.NewSize(420, 760))
	var prefixes []string
	for _, q := range benchQueries {
		for i := 1; i <= len(q); i++ {
			prefixes = append(prefixes, q[:i])
		}
	}
	base := time.Now()
	for range 5 {
		for _, q := range prefixes {
			a.Search().Entities(q, maxHits)
		}
	}
	perBase := float64(time.Since(base).Nanoseconds()) / float64(5*len(prefixes))
	var worst time.Duration
	b.ResetTimer()
	for range b.N {
		for _, q := range benchQueries {
			p.SetQuery("")
			for i := 1; i <= len(q); i++ {
				t0 := time.Now()
				p.SetQuery(q[:i])
				worst = max(worst, time.Since(t0))
			}
		}
	}
	b.StopTimer()
	per := float64(b.Elapsed().Nanoseconds()) / float64(b.N*len(prefixes))
	b.ReportMetric(per/1e6, "ms/keystroke")
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
	b.ReportMetric(perBase/1e6, "engine-ms/keystroke")
	b.ReportMetric(per/perBase, "x-engine")
	b.ReportMetric(0, "ns/op")
}
