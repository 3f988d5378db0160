// Command mkcorpus writes a benchmark project of N documents by varying a
// real one (see package benchcorpus):
//
//	go run ./internal/benchcorpus/cmd/mkcorpus -src /tmp/parallax-corpora/news-bench-10k/news-bench-10k -n 40000 -o /tmp/bench-40k
//
// Without -src it uses news-bench-10k from ../shared/corpora, unpacked once
// into the system's temporary folder.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/parallaxworkbench/parallax/internal/benchcorpus"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

func main() {
	var opts benchcorpus.Options
	flag.StringVar(&opts.Source, "src", "", "project folder to vary (holds index.tsv); default: news-bench-10k from ../shared")
	flag.StringVar(&opts.Out, "o", "", "folder to write (missing or empty)")
	flag.IntVar(&opts.N, "n", 10000, "number of documents")
	flag.Uint64Var(&opts.Seed, "seed", 1, "seed of the sample order and every variation")
	flag.IntVar(&opts.Originals, "originals", 0, "use only this many source articles (0: all), e.g. 2500 for a 10k corpus shaped like a 40k one")
	flag.Float64Var(&opts.NameRate, "names", 0, "share of capitalised words replaced in a copy (0: default 0.2, <0: none)")
	flag.Float64Var(&opts.SwapRate, "swaps", 0, "chance that two neighbouring lower-case words swap (0: default 0.2, <0: none)")
	flag.IntVar(&opts.DateJitterDays, "days", 0, "largest date shift of a copy in days (0: default 180, <0: none)")
	flag.Float64Var(&opts.OutletShare, "outlets", 0, "share of copies moved to another outlet (0: default 0.5, <0: none)")
	flag.Parse()
	if opts.Out == "" {
		fmt.Fprintln(os.Stderr, "mkcorpus: -o FOLDER is needed")
		os.Exit(2)
	}
	if opts.Source == "" {
		dir, err := testcorpus.Unpack("news-bench-10k")
		if err != nil {
			fmt.Fprintf(os.Stderr, "mkcorpus: no -src and no news-bench-10k: %v\n", err)
			os.Exit(1)
		}
		opts.Source = dir
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, err := benchcorpus.Generate(ctx, opts)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mkcorpus: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d documents (%d rewritten copies, %d copied unchanged), %.1f MB, %d names in the pool\n",
		opts.Out, st.Docs, st.Varied, st.Unvaried, float64(st.Bytes)/1e6, st.Names)
}
