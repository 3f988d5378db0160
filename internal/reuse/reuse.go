// Package reuse finds the passages that two or more documents of a project
// share: copied wire stories, recycled paragraphs, shared quotations. It
// survives homoglyph disguise, changed quotes and case, re-punctuation and
// small edits (a word inserted, dropped or changed every so often).
//
// The method: each document's folded body (textnorm.Fold, boilerplate
// ignored) is split into words; word n-grams are hashed and winnowed
// (Schleimer, Wilkerson and Aiken 2003) into fingerprints; an inverted index
// of fingerprints gives the pairs of documents worth comparing, so pairs that
// share nothing are never looked at; every shared fingerprint is a seed that
// is extended in both directions into a maximal aligned passage that may
// bridge small edits; overlapping hits are merged and the passages that
// several documents share are clustered into one Passage with a span in each.
package reuse

import (
	"context"
	"runtime"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// Passage is a stretch of text that two or more documents share.
type Passage struct {
	// ID is derived from the passage's spans: stable for the same input.
	ID string `json:"id"`
	// Words is the number of words the documents have in common: the most
	// aligned equal words of any two of its spans.
	Words int `json:"words"`
	// Similarity is the share of aligned equal words in the longer span of a
	// pair (1 for an exact copy), averaged over the compared pairs.
	Similarity float64 `json:"similarity"`
	// Quoted reports that the passage lies inside quotation marks in every
	// document: a shared quotation rather than unattributed copy.
	Quoted bool `json:"quoted"`
	// Spans are the passage's place in each document, ordered by path and
	// start. A document that repeats the passage has several spans.
	Spans []Span `json:"spans"`
}

// Span is a passage's byte span [Start,End) in the Text of one document.
type Span struct {
	Path  string `json:"path"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Words counts the span's words (matching words plus edits).
	Words int `json:"words"`
	// Quoted reports that this span lies inside quotation marks.
	Quoted bool `json:"quoted"`
}

// Options tune the search. The zero value means the defaults.
type Options struct {
	// NGram is the number of words hashed into one fingerprint (default 5).
	NGram int
	// Window is the winnowing window in n-grams (default 4). Any exact run of
	// at least NGram+Window-1 words is guaranteed to share a fingerprint.
	Window int
	// MinWords is the fewest matching words a passage must have (default 10).
	MinWords int
	// MaxMismatches is the most non-matching words an alignment bridges at
	// one place, on either side: an edit of up to this many inserted, dropped
	// or changed words (default 4; negative: exact runs only).
	MaxMismatches int
	// MinRun is the number of matching words needed after an edit for the
	// alignment to bridge it (default 3).
	MinRun int
	// MinSimilarity is the lowest share of matching words in a passage
	// (default 0.75); an edit that would bring it lower ends the passage.
	MinSimilarity float64
	// MaxDocFreq drops fingerprints found in more documents than this
	// (default 1000): stock phrases rather than copy. A passage copied
	// unchanged into many more documents than that may go unreported. (A
	// fingerprint counts in the documents where winnowing selects it.)
	MaxDocFreq int
	// HubDocFreq: a fingerprint found in more documents than this (default
	// 32) pairs each of them with one hub document instead of with every
	// other, so that copy syndicated to hundreds of documents costs linear
	// rather than quadratic work. Clustering joins them all the same.
	HubDocFreq int
	// Workers bounds the goroutines used (default GOMAXPROCS).
	Workers int
	// Progress, when set, is called as work advances, from one goroutine at
	// a time.
	Progress func(Progress)
}

// Progress reports how far Find has come.
type Progress struct {
	// Stage is "words", "index", "align" or "cluster".
	Stage       string
	Done, Total int
}

// The defaults for Options.
const (
	DefaultNGram         = 5
	DefaultWindow        = 4
	DefaultMinWords      = 10
	DefaultMaxMismatches = 4
	DefaultMinRun        = 3
	DefaultMinSimilarity = 0.75
	DefaultMaxDocFreq    = 1000
	DefaultHubDocFreq    = 32
)

func (o Options) withDefaults() Options {
	if o.NGram <= 0 {
		o.NGram = DefaultNGram
	}
	if o.Window <= 0 {
		o.Window = DefaultWindow
	}
	if o.MinWords <= 0 {
		o.MinWords = DefaultMinWords
	}
	if o.MaxMismatches < 0 {
		o.MaxMismatches = 0
	} else if o.MaxMismatches == 0 {
		o.MaxMismatches = DefaultMaxMismatches
	}
	if o.MinRun <= 0 {
		o.MinRun = DefaultMinRun
	}
	if o.MinSimilarity <= 0 || o.MinSimilarity > 1 {
		o.MinSimilarity = DefaultMinSimilarity
	}
	if o.MaxDocFreq <= 0 {
		o.MaxDocFreq = DefaultMaxDocFreq
	}
	if o.MaxDocFreq < 2 {
		o.MaxDocFreq = 2
	}
	if o.HubDocFreq <= 0 {
		o.HubDocFreq = DefaultHubDocFreq
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

func (o Options) report(stage string, done, total int) {
	if o.Progress != nil {
		o.Progress(Progress{Stage: stage, Done: done, Total: total})
	}
}

// Find returns every passage that two or more of docs share, longest first.
// folded holds textnorm.Fold of each document's Text, in the same order; it
// may be nil, and then Find folds each document itself without keeping the
// folded form. Documents may be nil (they are skipped). The result depends
// only on the input, not on timing or the number of workers. Find stops with
// ctx's error when ctx is cancelled.
func Find(ctx context.Context, docs []*document.Document, folded []textnorm.Folded, opts Options) ([]Passage, error) {
	if err := checkInput(docs, folded); err != nil {
		return nil, err
	}
	ps, _, _, _, err := findAll(ctx, docs, folded, opts.withDefaults())
	return ps, err
}

// findAll is Find's work, with o's defaults set. It also returns the
// documents' words, the alignments, in (a, b) order, and the number of
// pairs of documents aligned.
func findAll(ctx context.Context, docs []*document.Document, folded []textnorm.Folded, o Options) ([]Passage, []words, []alignment, int, error) {
	toks, err := tokenizeAll(ctx, docs, folded, o)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	seeds, err := findSeeds(ctx, toks, o)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	pairs := 0
	for k, s := range seeds {
		if k == 0 || s.a != seeds[k-1].a || s.b != seeds[k-1].b {
			pairs++
		}
	}
	aligns, err := alignPairs(ctx, toks, seeds, o)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	o.report("cluster", 0, 1)
	ps, err := cluster(ctx, docs, aligns, o)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	o.report("cluster", 1, 1)
	return ps, toks, aligns, pairs, nil
}
