// Package trigram computes the trigram similarity of PostgreSQL's pg_trgm
// in Go, so that the embedded store ranks names as the server does: a key
// is split into words of letters and digits, each word padded with two
// spaces in front and one behind, and the similarity of two keys is
// |common trigrams| / |trigrams of either|.
package trigram

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// Threshold is the least similarity a name must have to be found. It is
// lower than pg_trgm's default (0.3) so that a short typed prefix ("tru")
// still finds a longer name ("donald trump", 0.21).
const Threshold = 0.2

// Fold folds a name or a query as both stores match it: case, diacritics
// and look-alike letters (textnorm), like the engine's name keys.
func Fold(s string) string { return textnorm.String(s) }

// Words splits a folded key into the words pg_trgm makes trigrams of: runs
// of letters and digits, lower-cased.
func Words(key string) []string {
	return strings.FieldsFunc(strings.ToLower(key), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// Trigrams returns the distinct trigrams of key, sorted.
func Trigrams(key string) []string {
	var out []string
	for _, w := range Words(key) {
		rs := []rune("  " + w + " ")
		for i := 0; i+3 <= len(rs); i++ {
			out = append(out, string(rs[i:i+3]))
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Similarity of two sorted sets of distinct trigrams (as Trigrams returns).
func Similarity(a, b []string) float64 {
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return Ratio(common, len(a), len(b))
}

// Ratio is the similarity of two keys with na and nb trigrams of which
// common are shared.
func Ratio(common, na, nb int) float64 {
	union := na + nb - common
	if union <= 0 {
		return 0
	}
	return float64(common) / float64(union)
}
