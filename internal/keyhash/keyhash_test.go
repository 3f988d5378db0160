package keyhash

import (
	"crypto/sha256"
	"hash"
	"testing"
)

func sum(write func(h hash.Hash)) string {
	h := sha256.New()
	write(h)
	return string(h.Sum(nil))
}

// Keys are written in a fixed order of parts (no part says its type):
// what must never collide are the same parts cut differently.
func TestPartsNeverRunTogether(t *testing.T) {
	cases := []struct {
		name string
		a, b func(h hash.Hash)
	}{
		{"strings split elsewhere",
			func(h hash.Hash) { Str(h, "ab"); Str(h, "c") },
			func(h hash.Hash) { Str(h, "a"); Str(h, "bc") }},
		{"numbers grouped otherwise",
			func(h hash.Hash) { Int(h, 1, 300) },
			func(h hash.Hash) { Int(h, 1); Int(h, 3, 0) }},
		{"an empty string is a part",
			func(h hash.Hash) { Str(h, ""); Str(h, "a") },
			func(h hash.Hash) { Str(h, "a") }},
	}
	for _, c := range cases {
		if sum(c.a) == sum(c.b) {
			t.Errorf("%s: the same hash", c.name)
		}
	}
	first := sum(func(h hash.Hash) { Str(h, "x"); Int(h, -1) })
	if again := sum(func(h hash.Hash) { Str(h, "x"); Int(h, -1) }); first != again {
		t.Error("the same parts hash differently")
	}
}
