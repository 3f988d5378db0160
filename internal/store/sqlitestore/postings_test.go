package sqlitestore

import (
	"reflect"
	"testing"
)

func TestPostings(t *testing.T) {
	in := []posting{{1, 5, 900}, {2, 3, 0}, {70000, 12, 1}, {70001, 1, 1 << 40}}
	var list []byte
	var prev int64
	for _, p := range in {
		list = appendPosting(list, prev, p)
		prev = p.id
	}
	var out []posting
	if err := eachPosting(list, func(p posting) { out = append(out, p) }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("got %v, want %v", out, in)
	}
	if err := eachPosting(list[:len(list)-1], func(posting) {}); err == nil {
		t.Error("a cut list decoded")
	}
	if err := eachPosting(nil, func(posting) { t.Error("posting in an empty list") }); err != nil {
		t.Error(err)
	}
}
