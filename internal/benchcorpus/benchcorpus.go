// Package benchcorpus makes large project folders for scale benchmarks by
// varying a real one (news-bench-10k): N documents, where the first copy of
// each source article is the article itself and every further copy is
// rewritten deterministically from a seed (other names, some neighbouring
// words swapped, another date and often another outlet), with index.tsv
// rows to match. Copies are not duplicates: reuse detection and the
// repeated-paragraph rule see about as much shared text as in the source.
// The corpus it writes is test material: never commit it.
package benchcorpus

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// IndexName is the sidecar table the source must have and the output gets.
const IndexName = "index.tsv"

// Options describe one corpus. The zero value of a rate or jitter means its
// default; a negative value turns that variation off.
type Options struct {
	// Source is the project folder to vary; it must hold index.tsv with a
	// file column (paths relative to Source, '/'-separated).
	Source string
	// Out is the folder to write; it must be missing or empty.
	Out string
	// N is the number of documents to write (>0). N below the source's
	// size writes a seeded sample of unchanged articles.
	N int
	// Seed picks the sample order and every variation.
	Seed uint64
	// Originals, when above 0, limits the source articles used to the
	// first Originals of the seeded order, so that a smaller corpus can
	// have the same share of copies as a larger one (10k documents as
	// 2,500 articles in four versions, like 40k from 10,000).
	Originals int
	// NameRate is the share of a copy's distinct capitalised words replaced
	// by other capitalised words of the source (default 0.2).
	NameRate float64
	// SwapRate is the chance that two neighbouring lower-case words swap
	// places (default 0.2).
	SwapRate float64
	// DateJitterDays moves a copy's date by up to this many days either way
	// (default 180).
	DateJitterDays int
	// OutletShare is the share of copies that move to the outlet of another
	// source row, keeping the outlets' overall shares (default 0.5).
	OutletShare float64
	// MinNameCount is how often a capitalised word must occur in the source
	// to be drawn as a replacement (default 5): rarer ones are often typos.
	MinNameCount int
}

// Stats tell what Generate wrote.
type Stats struct {
	Docs     int   // documents written (N)
	Varied   int   // rewritten copies
	Unvaried int   // further copies of files that are not plain text, copied as they are
	Bytes    int64 // document bytes written
	Names    int   // capitalised words in the replacement pool
}

func (o *Options) defaults() {
	def := func(v *float64, d float64) {
		switch {
		case *v == 0:
			*v = d
		case *v < 0:
			*v = 0
		}
	}
	def(&o.NameRate, 0.2)
	def(&o.SwapRate, 0.2)
	def(&o.OutletShare, 0.5)
	if o.MinNameCount <= 0 {
		o.MinNameCount = 5
	}
	switch {
	case o.DateJitterDays == 0:
		o.DateJitterDays = 180
	case o.DateJitterDays < 0:
		o.DateJitterDays = 0
	}
}

// index is the source's table: its header and rows, with the columns this
// package changes located.
type index struct {
	header                         []string
	rows                           [][]string
	file, outlet, date, url, title int // column numbers, -1 when absent
}

func column(header []string, names ...string) int {
	for i, h := range header {
		for _, n := range names {
			if strings.EqualFold(strings.TrimSpace(h), n) {
				return i
			}
		}
	}
	return -1
}

func readIndex(dir string) (*index, error) {
	f, err := os.Open(filepath.Join(dir, IndexName))
	if err != nil {
		return nil, fmt.Errorf("benchcorpus: source index: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	ix := &index{}
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if ix.header == nil {
			ix.header = strings.Split(strings.TrimPrefix(line, "\ufeff"), "\t")
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		ix.rows = append(ix.rows, strings.Split(line, "\t"))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("benchcorpus: read %s: %w", IndexName, err)
	}
	ix.file = column(ix.header, "file", "filename", "path", "document")
	if ix.file < 0 {
		return nil, fmt.Errorf("benchcorpus: %s has no file column", IndexName)
	}
	ix.outlet = column(ix.header, "outlet", "source", "publication", "publisher", "site")
	ix.date = column(ix.header, "date", "published", "published_at")
	ix.url = column(ix.header, "url", "link")
	ix.title = column(ix.header, "title", "headline")
	// Rows whose file is missing or unsafe cannot be copied; keep the rest.
	kept := ix.rows[:0]
	for _, r := range ix.rows {
		if ix.file >= len(r) {
			continue
		}
		rel := r[ix.file]
		if rel == "" || path.IsAbs(rel) || strings.HasPrefix(path.Clean(rel), "..") {
			continue
		}
		if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); err != nil || !st.Mode().IsRegular() {
			continue
		}
		kept = append(kept, r)
	}
	ix.rows = kept
	if len(ix.rows) == 0 {
		return nil, fmt.Errorf("benchcorpus: %s lists no file that exists", IndexName)
	}
	return ix, nil
}

// isPlainText: the files this package knows how to rewrite.
func isPlainText(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".txt", ".md", ".text":
		return true
	}
	return false
}

// namePool reads every plain-text source file once and returns the
// capitalised words seen at least minCount times away from a sentence's
// start, by role: the names copies are rewritten with.
func namePool(ctx context.Context, dir string, ix *index, minCount int) (*names, error) {
	counts := map[string]*[roles]int{}
	for i, r := range ix.rows {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rel := r[ix.file]
		if !isPlainText(rel) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, fmt.Errorf("benchcorpus: %w", err)
		}
		countNames(string(b), counts)
	}
	return buildNames(counts, minCount), nil
}

// Generate writes the corpus described by opts and tells what it wrote.
func Generate(ctx context.Context, opts Options) (Stats, error) {
	opts.defaults()
	if opts.N <= 0 {
		return Stats{}, errors.New("benchcorpus: N must be positive")
	}
	if opts.Source == "" || opts.Out == "" {
		return Stats{}, errors.New("benchcorpus: source and output folders are needed")
	}
	if ents, err := os.ReadDir(opts.Out); err == nil && len(ents) > 0 {
		return Stats{}, fmt.Errorf("benchcorpus: %s is not empty", opts.Out)
	}
	ix, err := readIndex(opts.Source)
	if err != nil {
		return Stats{}, err
	}
	pool, err := namePool(ctx, opts.Source, ix, opts.MinNameCount)
	if err != nil {
		return Stats{}, err
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return Stats{}, fmt.Errorf("benchcorpus: %w", err)
	}
	order := rand.New(rand.NewPCG(opts.Seed, 1)).Perm(len(ix.rows))
	if opts.Originals > 0 && opts.Originals < len(order) {
		order = order[:opts.Originals]
	}

	out := make([][]string, opts.N)
	errs := make([]error, opts.N)
	var varied, unvaried atomic.Int64
	var written atomic.Int64
	workers := runtime.GOMAXPROCS(0)
	err = workpool.Run(ctx, opts.N, workers, func() func(int) {
		return func(i int) {
			row, n, err := writeDoc(opts, ix, pool, order, i)
			if err != nil {
				errs[i] = err
				return
			}
			out[i] = row
			written.Add(n)
			if i >= len(order) {
				if isPlainText(row[ix.file]) {
					varied.Add(1)
				} else {
					unvaried.Add(1)
				}
			}
		}
	})
	if err != nil {
		return Stats{}, fmt.Errorf("benchcorpus: %w", err)
	}
	for _, e := range errs {
		if e != nil {
			return Stats{}, fmt.Errorf("benchcorpus: %w", e)
		}
	}
	if err := writeIndex(filepath.Join(opts.Out, IndexName), ix.header, out); err != nil {
		return Stats{}, err
	}
	return Stats{Docs: opts.N, Varied: int(varied.Load()), Unvaried: int(unvaried.Load()),
		Bytes: written.Load(), Names: pool.size()}, nil
}

// copyKey is the key of document i's rewrite: every choice made for it
// follows from the seed and i alone, whatever order the workers take.
func copyKey(seed uint64, i int) uint64 {
	return mix(seed ^ mix(uint64(i)+1))
}

// renameKey is the key of the renaming shared by the copies numbered
// copyNo.
func renameKey(seed uint64, copyNo int) uint64 {
	return mix(^seed ^ mix(uint64(copyNo)))
}

// writeDoc writes document i and returns its index row and byte count.
func writeDoc(opts Options, ix *index, pool *names, order []int, i int) ([]string, int64, error) {
	src := ix.rows[order[i%len(order)]]
	copyNo := i / len(order)
	row := append([]string(nil), src...)
	for len(row) < len(ix.header) {
		row = append(row, "")
	}
	rel := src[ix.file]
	b, err := os.ReadFile(filepath.Join(opts.Source, filepath.FromSlash(rel)))
	if err != nil {
		return nil, 0, err
	}
	if copyNo > 0 {
		rel = fmt.Sprintf("copy%03d/%s", copyNo, rel)
		row[ix.file] = rel
		key := copyKey(opts.Seed, i)
		v := newVarier(pool, opts.NameRate, opts.SwapRate, renameKey(opts.Seed, copyNo), key)
		if isPlainText(rel) {
			b = []byte(v.text(string(b)))
			if ix.title >= 0 {
				row[ix.title] = v.text(row[ix.title])
			}
		}
		rng := rand.New(rand.NewPCG(key, 2))
		if ix.outlet >= 0 && rng.Float64() < opts.OutletShare {
			other := ix.rows[rng.IntN(len(ix.rows))]
			if ix.outlet < len(other) {
				row[ix.outlet] = other[ix.outlet]
			}
		}
		if ix.date >= 0 && opts.DateJitterDays > 0 {
			row[ix.date] = shiftDate(row[ix.date], rng.IntN(2*opts.DateJitterDays+1)-opts.DateJitterDays)
		}
		if ix.url >= 0 && row[ix.url] != "" {
			sep := "?"
			if strings.Contains(row[ix.url], "?") {
				sep = "&"
			}
			row[ix.url] += sep + "copy=" + strconv.Itoa(copyNo)
		}
	}
	dst := filepath.Join(opts.Out, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return nil, 0, err
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		return nil, 0, err
	}
	return row, int64(len(b)), nil
}

// shiftDate moves an ISO date (or the date part of an ISO timestamp) by
// days; any other value is kept, since guessing a format could invent a
// wrong date.
func shiftDate(s string, days int) string {
	if len(s) < 10 {
		return s
	}
	t, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return s
	}
	return t.AddDate(0, 0, days).Format("2006-01-02") + s[10:]
}

func writeIndex(p string, header []string, rows [][]string) error {
	f, err := os.Create(p)
	if err != nil {
		return fmt.Errorf("benchcorpus: %w", err)
	}
	w := bufio.NewWriter(f)
	clean := func(fields []string) string {
		c := make([]string, len(fields))
		for i, s := range fields {
			c[i] = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
		}
		return strings.Join(c, "\t") + "\n"
	}
	w.WriteString(clean(header))
	for _, r := range rows {
		w.WriteString(clean(r))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("benchcorpus: write %s: %w", IndexName, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("benchcorpus: write %s: %w", IndexName, err)
	}
	return nil
}
