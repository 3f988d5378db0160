package resources

import (
	"io/fs"
	"testing"
)

func TestAnalysisDigestIsStableAndCoversTheData(t *testing.T) {
	a, err := AnalysisDigest()
	if err != nil {
		t.Fatal(err)
	}
	b, err := AnalysisDigest()
	if err != nil {
		t.Fatal(err)
	}
	if a != b || len(a) != 64 {
		t.Fatalf("digests %q and %q", a, b)
	}
	// every part it names is there and not empty
	for _, fsys := range []interface {
		ReadDir(string) ([]fs.DirEntry, error)
	}{Gazetteer, Lexicon, Lang, CIDMaps} {
		if es, err := fsys.ReadDir("."); err != nil || len(es) == 0 {
			t.Errorf("an embedded part is empty: %v", err)
		}
	}
}
