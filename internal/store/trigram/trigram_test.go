package trigram

import (
	"math"
	"reflect"
	"testing"
)

func TestTrigrams(t *testing.T) {
	tests := []struct {
		key  string
		want []string
	}{
		{"a", []string{"  a", " a "}},
		{"cat", []string{"  c", " ca", "at ", "cat"}},
		{"Ab-c", []string{"  a", "  c", " ab", " c ", "ab "}},
		{"", nil},
		{"жд", []string{"  ж", " жд", "жд "}},
		{"...", nil},
	}
	for _, tt := range tests {
		if got := Trigrams(tt.key); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Trigrams(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}

// The figures are pg_trgm's (SELECT similarity(a, b) on PostgreSQL 15).
func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"word", "word", 1},
		{"word", "two words", 4.0 / 11},     // pg: 0.36363637
		{"trump", "donald trump", 6.0 / 13}, // pg: 0.46153846
		{"tru", "donald trump", 3.0 / 14},   // pg: 0.21428572
		{"abc", "xyz", 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		got := Similarity(Trigrams(tt.a), Trigrams(tt.b))
		if math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	if got := Fold("Éric ZEMMOUR"); got != "eric zemmour" {
		t.Errorf("Fold = %q", got)
	}
}
