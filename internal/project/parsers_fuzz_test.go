package project

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// FuzzCacheRecord: any bytes where a cache record is expected (a cache
// shipped from elsewhere, a damaged pack) decode without a panic; a record
// that decodes is written back byte for byte the same.
func FuzzCacheRecord(f *testing.F) {
	e := &entry{Version: ExtractorVersion, Hash: "abc", Format: document.FormatText, Encoding: "utf-8",
		Text: "Some text\n", Boilerplate: []document.Span{{Start: 0, End: 4}}, Pages: []int{3}, Warnings: []string{"w"}}
	f.Add(encodeRecord(e))
	f.Add(encodeRecord(&entry{Version: 1, ProblemKind: "binary", ProblemError: "x"}))
	f.Add([]byte("PXR1\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeRecord(b)
		if err != nil {
			return
		}
		again, err := decodeRecord(encodeRecord(got))
		if err != nil {
			t.Fatalf("re-encoded record does not decode: %v", err)
		}
		if !reflect.DeepEqual(normEntry(again), normEntry(got)) {
			t.Errorf("record changed on a round trip:\n%+v\n%+v", again, got)
		}
	})
}

// normEntry treats empty and nil slices alike.
func normEntry(e *entry) entry {
	c := *e
	if len(c.Boilerplate) == 0 {
		c.Boilerplate = nil
	}
	if len(c.Pages) == 0 {
		c.Pages = nil
	}
	if len(c.Warnings) == 0 {
		c.Warnings = nil
	}
	if len(c.Origins) == 0 {
		c.Origins = nil
	}
	return c
}

// FuzzCacheIndex: any index.gob decodes without a panic, and one accepted
// names only packs the cache itself would make (no path out of the cache).
func FuzzCacheIndex(f *testing.F) {
	var buf bytes.Buffer
	gob.NewEncoder(&buf).Encode(&cacheIndex{
		Entries: map[string]loc{"h.txt": {Pack: "1-2.pack", Off: 0, Len: 40}},
		Stats:   map[string]statKey{"a.txt": {Size: 3, Hash: "h", Format: document.FormatText}},
	})
	f.Add(buf.Bytes())
	buf.Reset()
	gob.NewEncoder(&buf).Encode(&cacheIndex{
		Entries: map[string]loc{"h.txt": {Pack: "../../x", Off: -1, Len: 1}},
		Stats:   map[string]statKey{},
	})
	f.Add(buf.Bytes())
	f.Add([]byte("not gob"))
	f.Fuzz(func(t *testing.T, b []byte) {
		idx, err := decodeIndex(b)
		if err != nil {
			return
		}
		for k, l := range idx.Entries {
			if !packPattern.MatchString(l.Pack) || strings.ContainsAny(l.Pack, `/\`) || l.Off < 0 || l.Len < recHeader {
				t.Errorf("accepted entry %q at %+v", k, l)
			}
		}
	})
}

// FuzzFrontMatter: any Markdown text's front matter is read without a
// panic; its span is a prefix of the text that starts with "---".
func FuzzFrontMatter(f *testing.F) {
	f.Add("---\ntitle: \"A\"\ndate: 2024-01-02\nauthors: X\n---\nBody\n")
	f.Add("---\r\nsource: Y\r\n...\r\n")
	f.Add("---\nno end")
	f.Add("text only")
	f.Fuzz(func(t *testing.T, text string) {
		m, span := frontMatter(text)
		if span.Start != 0 || span.End < 0 || span.End > len(text) {
			t.Fatalf("span %+v for %d bytes", span, len(text))
		}
		if span.End > 0 && !strings.HasPrefix(text, "---") {
			t.Errorf("front matter found in %q", text)
		}
		if span.End == 0 && m.Title.Value != "" {
			t.Errorf("metadata without front matter: %+v", m)
		}
	})
}
