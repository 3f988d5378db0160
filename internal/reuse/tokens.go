package reuse

import (
	"context"
	"math/bits"
	"slices"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
	"github.com/parallaxworkbench/parallax/internal/workpool"
)

// words is a document's body as a sequence of folded words.
type words struct {
	hash  []uint32 // hash of each folded word
	start []int32  // each word's byte span in the original text
	end   []int32
	// quoted marks the words that stand inside quotation marks, a bit per
	// word (bit k%64 of quoted[k/64]), so that counting them in a range is
	// a few popcounts.
	quoted []uint64
	// quotedWork is quoted a byte per word, and latin marks the words with
	// Latin letters once folded: tokenize's working room only, not kept
	// with the result.
	quotedWork []bool
	latin      []bool
}

// quotedBefore counts the quoted words before word k.
func (w *words) quotedBefore(k int) int32 {
	n := 0
	for i := range k / 64 {
		n += bits.OnesCount64(w.quoted[i])
	}
	if r := k % 64; r != 0 {
		n += bits.OnesCount64(w.quoted[k/64] & (1<<r - 1))
	}
	return int32(n)
}

func (w *words) len() int { return len(w.hash) }

// tokenizeAll splits every document into words, in parallel.
func tokenizeAll(ctx context.Context, docs []*document.Document, folded []textnorm.Folded, o Options) ([]words, error) {
	out := make([]words, len(docs))
	var mu sync.Mutex
	done := 0
	o.report("words", 0, len(docs))
	err := workpool.Run(ctx, len(docs), o.Workers, func() func(int) {
		var scratch words
		return func(i int) {
			out[i] = tokenizeOne(ctx, docs, folded, i, &scratch)
			if o.Progress != nil {
				mu.Lock()
				done++
				if done%256 == 0 || done == len(docs) {
					o.report("words", done, len(docs))
				}
				mu.Unlock()
			}
		}
	})
	if err == nil {
		err = ctx.Err() // cancelled during the last documents
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// tokenizeOne splits document i of docs into words (none when it is nil),
// from its folded text in folded when that is given.
func tokenizeOne(ctx context.Context, docs []*document.Document, folded []textnorm.Folded, i int, scratch *words) words {
	d := docs[i]
	if d == nil {
		return words{}
	}
	var f textnorm.Folded
	if folded != nil && (folded[i].Mapped() || d.Text == "") {
		f = folded[i]
	} else {
		f = textnorm.Fold(d.Text)
	}
	return tokenize(ctx, d, f, scratch)
}

// tokenize splits the folded text of d into words: runs of letters and
// digits. Words that start in a boilerplate span are left out. A word wholly
// of another script's look-alikes standing beside a Latin word ("а" for "a")
// is folded to its Latin skeleton, which textnorm leaves to its callers.
//
// scratch, when not nil, is working room kept from call to call, so that
// the result is the only allocation that stays. It stops early, with an
// unfinished result, once ctx is cancelled.
func tokenize(ctx context.Context, d *document.Document, f textnorm.Folded, scratch *words) words {
	t := f.Text
	if scratch == nil {
		scratch = &words{}
	}
	w := words{
		hash:       scratch.hash[:0],
		start:      scratch.start[:0],
		end:        scratch.end[:0],
		quotedWork: scratch.quotedWork[:0],
		latin:      scratch.latin[:0],
	}
	defer func() { *scratch = w }()
	var foreign []int // words without ASCII letters, candidates for skeletons
	// w.latin[k] tells whether word k has Latin letters once folded: a Latin
	// word, plain or disguised ("Bаghdаd"), and not a Cyrillic word
	// disguised with Latin letters ("eгo"), which folds to Cyrillic.
	bp := d.Boilerplate
	bi := 0
	dq, sq := false, false // inside double, single quotation marks
	for i := 0; i < len(t); {
		c := t[i]
		if c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				switch c {
				case '"':
					dq = !dq
				case '\n':
					dq, sq = false, false
				case '\'':
					// Folded apostrophes and single quotes look alike; the
					// original character tells an opening ‘ from an apostrophe.
					o := f.Offset(i)
					if hasPrefixAt(d.Text, o, "\u2018") {
						sq = true
					} else if sq && hasPrefixAt(d.Text, o, "\u2019") && !wordFollows(t, i+1) {
						sq = false
					}
				}
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(t[i:])
			if !isWordRune(r) {
				if r == '\u2028' || r == '\u2029' {
					dq, sq = false, false
				}
				i += size
				continue
			}
		}
		ws := i
		ascii, digits := true, true
		h := uint32(fnvOffset)
		for i < len(t) {
			c := t[i]
			if c < utf8.RuneSelf {
				if !isASCIIWord(c) {
					// Thousands separators and decimal points join a number's
					// digits: "93,000" and "93000" are one word.
					if digits && (c == ',' || c == '.') && i > ws && i+1 < len(t) && isDigit(t[i+1]) {
						i++
						continue
					}
					break
				}
				digits = digits && isDigit(c)
				h = (h ^ uint32(c)) * fnvPrime
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(t[i:])
			if !isWordRune(r) {
				break
			}
			ascii, digits = false, false
			for k := i; k < i+size; k++ {
				h = (h ^ uint32(t[k])) * fnvPrime
			}
			i += size
		}
		so, eo := f.Original(ws, i)
		for bi < len(bp) && bp[bi].End <= so {
			bi++
		}
		if bi < len(bp) && bp[bi].Start <= so {
			continue
		}
		hasLatin := hasASCIILetter(t[ws:i])
		if !ascii && !hasLatin {
			foreign = append(foreign, len(w.hash))
		}
		w.latin = append(w.latin, hasLatin)
		w.hash = append(w.hash, h)
		w.start = append(w.start, int32(so))
		w.end = append(w.end, int32(eo))
		w.quotedWork = append(w.quotedWork, dq || sq)
		if len(w.hash)%4096 == 0 && ctx.Err() != nil {
			break
		}
	}
	for _, k := range foreign {
		if !(k > 0 && w.latin[k-1] || k+1 < len(w.hash) && w.latin[k+1]) {
			continue
		}
		// Prefixing a Latin letter makes textnorm treat the word as a
		// disguised Latin one and fold its look-alikes.
		s := textnorm.String("l" + d.Text[w.start[k]:w.end[k]])
		if len(s) > 1 && isASCIIString(s[1:]) {
			w.hash[k] = hashWord(s[1:])
		}
	}
	// Keep only the room used: all documents' words stay in memory together.
	quoted := make([]uint64, (len(w.quotedWork)+63)/64)
	for k, q := range w.quotedWork {
		if q {
			quoted[k/64] |= 1 << (k % 64)
		}
	}
	return words{
		hash:   slices.Clone(w.hash),
		start:  slices.Clone(w.start),
		end:    slices.Clone(w.end),
		quoted: quoted,
	}
}

func hasPrefixAt(s string, i int, p string) bool {
	return i >= 0 && i+len(p) <= len(s) && s[i:i+len(p)] == p
}

func wordFollows(t string, i int) bool {
	if i >= len(t) {
		return false
	}
	if t[i] < utf8.RuneSelf {
		return isASCIIWord(t[i])
	}
	r, _ := utf8.DecodeRuneInString(t[i:])
	return isWordRune(r)
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if 'a' <= c && c <= 'z' {
			return true
		}
	}
	return false
}

func isASCIIString(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// The 32-bit FNV-1a constants. A fixed hash keeps results the same from
// run to run.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// hashWord hashes a folded word (FNV-1a), as tokenize does.
func hashWord(s string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * fnvPrime
	}
	return h
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// wordsOf tokenizes a standalone text (no boilerplate).
func wordsOf(text string) words {
	return tokenize(context.Background(), &document.Document{Text: text}, textnorm.Fold(text), nil)
}
