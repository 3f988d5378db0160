package workspace

import (
	"errors"
	"os"
	"reflect"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the loader as a workspace file. It
// must never panic; it either fails with a *LoadError of a known kind
// naming the file, or returns a workspace that saves and loads back equal.
func FuzzLoad(f *testing.F) {
	full, err := Encode(fullWorkspace(""))
	if err != nil {
		f.Fatal(err)
	}
	seeds := []string{
		string(full),
		`{"version": 2}`,
		`{"version": 1, "documents": ["a.txt"], "scroll": {"a.txt": 0.5}, "highlight": {"entities": ["e1"]}, "annotations": [{"doc": "a.txt", "start": 1, "end": 4, "text": "abc", "tag": "t"}], "saved": "2024-01-01T00:00:00Z"}`,
		`{"version": 3, "panes": [{"path": "a.txt"}], "newer": {"x": 1}}`,
		`{"version": 2, "panes": [{"path": "../x"}]}`,
		`{"version": 2, "panes": [{"path": "C:\\x"}]}`,
		`{"version": 2, "annotations": [{"id": "a", "path": "a.txt", "span": {"start": 3, "end": 1}}]}`,
		`{"version": 2, "created": "2026-13-45T99:00:00Z"}`,
		`{"version": 2, "report": {"paper": "a5", "sections": {"": true}}}`,
		`{"version": 2, "highlights": {"entities": {}}, "table": {"filters": [], "sort": []}}`,
		"{\"version\": 2,\n \"notes\": \"unterminated",
		`{"version": "two"}`,
		`{"version": 1e3}`,
		`[]`,
		`null`,
		`{"version": 2} trailing`,
		"\xef\xbb\xbf{\"version\": 2, \"notes\": \"\xff\xfe\"}",
		"",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	s, err := OpenStore(dir, Options{})
	if err != nil {
		f.Fatal(err)
	}
	if err := os.MkdirAll(s.Dir(), 0o755); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(s.File("fuzz"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		ws, err := s.Load("fuzz")
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error is not a *LoadError: %T %v", err, err)
			}
			if le.File != s.File("fuzz") || le.Problem == "" {
				t.Fatalf("error does not name the file and the problem: %+v", le)
			}
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrVersion) && !errors.Is(err, ErrUnsafePath) {
				t.Fatalf("error of no known kind: %v", err)
			}
			return
		}
		out, err := Encode(ws)
		if err != nil {
			t.Fatalf("a loaded workspace does not encode: %v", err)
		}
		back, err := Decode(out)
		if err != nil {
			t.Fatalf("an encoded workspace does not decode: %v\n%s", err, out)
		}
		back.Name, back.disk = ws.Name, ws.disk
		back.Warnings, ws.Warnings = nil, nil
		if !reflect.DeepEqual(back, ws) {
			t.Fatalf("round trip changed the workspace:\n got %+v\nwant %+v", back, ws)
		}
	})
}

// FuzzReanchor re-anchors an annotation read from an untrusted workspace
// (any span, quote and context) in any text: it must never panic, and a
// found annotation must point at a span of the text that holds its quote.
func FuzzReanchor(f *testing.F) {
	f.Add("The PMF cοntrοl of the crossing at Al Qaim.", "PMF control", "The ", " of", 4, 15)
	f.Add("abc abc abc", "abc", "", " abc", 4, 7)
	f.Add("Straße und STRASSE", "strasse", "und ", "", 100, -3)
	f.Add("officials said the strikes hit weapons depots on Sunday", "the strike hit weapon depots", "said ", " on", 0, 0)
	f.Add("\xff\xfe broken \u00ad utf8 ß", "broken utf8", "\xff", "ß", 1, 2)
	f.Fuzz(func(t *testing.T, text, quote, before, after string, start, end int) {
		a := Annotation{ID: "x", Path: "a.txt", Hash: sha("old"), Span: spanOf(start, end), Quote: quote, Before: before, After: after}
		d := doc("a.txt", text)
		got, m := Reanchor(a, d)
		if got.ID != a.ID || got.Path != a.Path {
			t.Fatalf("identity changed: %+v", got)
		}
		if m == Orphaned {
			if !got.Orphaned || got.Span != a.Span || got.Quote != a.Quote {
				t.Fatalf("orphan changed: %+v", got)
			}
			return
		}
		s := got.Span
		if got.Orphaned || s.Start < 0 || s.End > len(text) || s.Start > s.End {
			t.Fatalf("%s: span %v outside text of %d bytes", m, s, len(text))
		}
		if text[s.Start:s.End] != got.Quote {
			t.Fatalf("%s: span %v holds %q, quote %q", m, s, text[s.Start:s.End], got.Quote)
		}
		if got.Hash != d.Hash {
			t.Fatalf("hash not updated")
		}
	})
}
