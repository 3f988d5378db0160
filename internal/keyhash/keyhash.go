// Package keyhash writes the parts of a store key into a hash so that no
// two different sequences of parts hash alike: each string with its
// length, each number as a varint. The engine's keys and fingerprints and
// framing's per-document keys are written with it.
package keyhash

import (
	"encoding/binary"
	"hash"
)

// Str writes s with its length, so that ("ab", "c") and ("a", "bc")
// differ.
func Str(h hash.Hash, s string) {
	Int(h, len(s))
	h.Write([]byte(s))
}

// Int writes each of vs as a signed varint.
func Int(h hash.Hash, vs ...int) {
	var b [binary.MaxVarintLen64]byte
	for _, v := range vs {
		h.Write(b[:binary.PutVarint(b[:], int64(v))])
	}
}
