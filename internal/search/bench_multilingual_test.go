package search

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/cputime"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/resources"
)

// multilingualDocs reads the plain-text documents of multilingual-dev
// (../shared, never committed): all of them, and the English ones, with
// the English names of the events' entities as queries.
func multilingualDocs(b *testing.B) (all, english []*document.Document, queries []string) {
	root := testcorpus.Corpus(b, "multilingual-dev")
	for _, event := range []string{"beirut-port-explosion-2020", "abqaiq-khurais-attack-2019"} {
		files, _ := filepath.Glob(filepath.Join(root, event, "*.txt"))
		for _, f := range files {
			t, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			d := &document.Document{Path: event + "/" + filepath.Base(f), Text: string(t)}
			all = append(all, d)
			if strings.HasPrefix(filepath.Base(f), "en-") {
				english = append(english, d)
			}
		}
		t, err := os.ReadFile(filepath.Join(root, event, "entities.tsv"))
		if err != nil {
			b.Fatal(err)
		}
		for i, line := range strings.Split(string(t), "\n") {
			if name, _, ok := strings.Cut(line, "\t"); ok && i > 0 {
				name, _, _ = strings.Cut(name, " (")
				queries = append(queries, name)
			}
		}
	}
	return all, english, queries
}

// extractAndSearch is the work measured: fold and extract every document,
// group the mentions, index them and answer every query with its mentions.
func extractAndSearch(docs []*document.Document, gaz *entity.Gazetteer, queries []string) int {
	x := entity.NewExtractor(gaz)
	var ms []entity.Mention
	for _, d := range docs {
		ms = append(ms, x.Extract(d, textnorm.Fold(d.Text))...)
	}
	ix := NewIndex(docs, nil, alias.Group(ms, gaz, nil))
	rows := 0
	for _, q := range queries {
		rows += len(ix.Query(q, 10).Mentions)
	}
	return rows
}

// BenchmarkMultilingualExtractSearch measures entity extraction and search
// in documents per CPU-second on the 33 plain-text documents of
// multilingual-dev in five languages, against the English path on its 6
// English documents in the same run, with the same queries.
func BenchmarkMultilingualExtractSearch(b *testing.B) {
	all, english, queries := multilingualDocs(b)
	gaz, err := entity.DefaultGazetteer()
	if err != nil {
		b.Fatal(err)
	}
	// the Cyrillic and Arabic-script names are keyed on first use, once per
	// process: measured apart (BenchmarkGazetteerMemory)
	gaz.NativeNames()
	var cpuAll, cpuEn time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c := cputime.Process()
		extractAndSearch(english, gaz, queries)
		cpuEn += cputime.Process() - c
		c = cputime.Process()
		extractAndSearch(all, gaz, queries)
		cpuAll += cputime.Process() - c
	}
	b.StopTimer()
	perAll := float64(len(all)*b.N) / cpuAll.Seconds()
	perEn := float64(len(english)*b.N) / cpuEn.Seconds()
	b.ReportMetric(perAll, "multilingual-docs/cpu-s")
	b.ReportMetric(perEn, "english-docs/cpu-s")
	b.ReportMetric(perAll/perEn, "ratio")
}

// BenchmarkGazetteerMemory measures the heap the shipped gazetteer keeps
// and its load CPU time (with the native names keyed), with and without its
// Cyrillic and Arabic-script tables (resources/gazetteer/native), in the
// same run.
func BenchmarkGazetteerMemory(b *testing.B) {
	sub, err := fs.Sub(resources.Gazetteer, "gazetteer")
	if err != nil {
		b.Fatal(err)
	}
	latinOnly := fstest.MapFS{}
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, "native/") {
			return err
		}
		data, err := fs.ReadFile(sub, p)
		latinOnly[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	measure := func(fsys fs.FS) (heap float64, load time.Duration) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		t := cputime.Process()
		g, err := entity.LoadGazetteer(fsys)
		if err != nil {
			b.Fatal(err)
		}
		g.NativeNames() // key the native names, as the first native document does
		load = cputime.Process() - t
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(g)
		return float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20), load
	}
	var withMB, withoutMB float64
	var withLoad, withoutLoad time.Duration
	for i := 0; i < b.N; i++ {
		m, l := measure(sub)
		withMB, withLoad = withMB+m, withLoad+l
		m, l = measure(latinOnly)
		withoutMB, withoutLoad = withoutMB+m, withoutLoad+l
	}
	n := float64(b.N)
	b.ReportMetric(withMB/n, "MiB-with-native")
	b.ReportMetric(withoutMB/n, "MiB-latin-only")
	b.ReportMetric(withLoad.Seconds()*1000/n, "load-cpu-ms-with-native")
	b.ReportMetric(withoutLoad.Seconds()*1000/n, "load-cpu-ms-latin-only")
}
