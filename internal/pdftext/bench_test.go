package pdftext

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"
)

// BenchmarkPDFvsPoppler extracts the clean pdf-dev PDFs with Extract and
// with poppler's pdftotext (one process per file, as a loader would run
// it) in the same run, and reports pages/s of both, their ratio, and our
// word recall against pdftotext.
func BenchmarkPDFvsPoppler(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	var files, refs []string
	var datas [][]byte
	for _, f := range cleanPDFs(b) {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, f)
		datas = append(datas, d)
		refs = append(refs, pdftotext(b, f))
	}
	found, total := 0, 0
	vsPoppler(b, files, datas, func(i int, res Result) {
		fd, tot := recall(refs[i], res.Text)
		found += fd
		total += tot
	})
	b.ReportMetric(float64(found)/float64(total), "recall")
}

// BenchmarkPDFLarge is the same comparison on the largest clean file alone
// (GeoTopo, 117 pages), where pdftotext's start-up cost matters least.
func BenchmarkPDFLarge(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	// The clean file with the most pages.
	var path string
	var data []byte
	most := 0
	for _, f := range cleanPDFs(b) {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if res, err := Extract(context.Background(), d, Options{}); err == nil && len(res.Pages) > most {
			path, data, most = f, d, len(res.Pages)
		}
	}
	vsPoppler(b, []string{path}, [][]byte{data}, nil)
}

// BenchmarkMultilingualVsPoppler extracts the multilingual-dev PDFs
// (LibreOffice, Chromium and groff; five languages) with Extract and with
// pdftotext in the same run, and reports pages/s of both, their ratio, and
// our mean word recall against the source texts.
func BenchmarkMultilingualVsPoppler(b *testing.B) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		b.Skip("pdftotext not installed")
	}
	pdfs := multilingualPDFs(b)
	var datas [][]byte
	var refs, paths []string
	for _, p := range pdfs {
		paths = append(paths, p.path)
		d, err := os.ReadFile(p.path)
		if err != nil {
			b.Fatal(err)
		}
		r, err := os.ReadFile(p.truth)
		if err != nil {
			b.Fatal(err)
		}
		datas, refs = append(datas, d), append(refs, string(r))
	}
	sum := 0.0
	vsPoppler(b, paths, datas, func(i int, res Result) {
		w, _, _ := wordRecall(refs[i], res.Text)
		sum += w
	})
	b.ReportMetric(sum/float64(len(pdfs)), "recall")
}

// vsPoppler times Extract on datas and pdftotext on the same files (paths)
// for b.N rounds and reports pages/s of both and their ratio. first, when
// set, sees each result of the first round, to score it.
func vsPoppler(b *testing.B, paths []string, datas [][]byte, first func(i int, res Result)) {
	var ours, theirs time.Duration
	pages := 0
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		t0 := time.Now()
		for i, d := range datas {
			res, _ := Extract(context.Background(), d, Options{})
			if n == 0 {
				pages += len(res.Pages)
				if first != nil {
					first(i, res)
				}
			}
		}
		ours += time.Since(t0)
		theirs += runPoppler(b, paths...)
	}
	b.StopTimer()
	reportVsPoppler(b, pages, ours, theirs)
}

// runPoppler runs pdftotext on every file, one process each as a loader
// would, and returns the time it took.
func runPoppler(b *testing.B, files ...string) time.Duration {
	t0 := time.Now()
	for _, f := range files {
		if err := exec.Command("pdftotext", "-q", "-enc", "UTF-8", f, os.DevNull).Run(); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(t0)
}

// reportVsPoppler reports the pages per second of both readers over b.N
// rounds of pages pages, and ours as a multiple of poppler's.
func reportVsPoppler(b *testing.B, pages int, ours, theirs time.Duration) {
	op := float64(pages) * float64(b.N) / ours.Seconds()
	pp := float64(pages) * float64(b.N) / theirs.Seconds()
	b.ReportMetric(op, "pages/s")
	b.ReportMetric(pp, "poppler-pages/s")
	b.ReportMetric(op/pp, "x-poppler")
}

// BenchmarkIsolation reads the clean pdf-dev PDFs in-process, with a
// worker process per file, and through a Pool of long-lived workers, in
// the same run, and reports each as a multiple of the in-process time.
func BenchmarkIsolation(b *testing.B) {
	var datas [][]byte
	for _, f := range cleanPDFs(b) {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		datas = append(datas, d)
	}
	run := func(opts Options) time.Duration {
		t0 := time.Now()
		for _, d := range datas {
			if _, err := Extract(context.Background(), d, opts); err != nil && errors.Is(err, ErrCrashed) {
				b.Fatal(err)
			}
		}
		return time.Since(t0)
	}
	pool := NewPool(1)
	defer pool.Close()
	var in, perFile, pooled time.Duration
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		in += run(Options{})
		perFile += run(Options{Isolate: true})
		pooled += run(Options{Isolate: true, Pool: pool})
	}
	b.StopTimer()
	files := float64(len(datas) * b.N)
	b.ReportMetric(in.Seconds()*1000/files, "ms/file-in-process")
	b.ReportMetric(perFile.Seconds()/in.Seconds(), "x-per-file-worker")
	b.ReportMetric(pooled.Seconds()/in.Seconds(), "x-pooled")
	b.ReportMetric(float64(pool.Started()), "pool-workers")
}
