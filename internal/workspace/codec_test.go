package workspace

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	ws := fullWorkspace("")
	data, err := Encode(ws)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(data)
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, ws) {
		t.Fatalf("round trip changed the workspace:\n got %+v\nwant %+v", got, ws)
	}
	// Readable and diffable: indented, one field a line, HTML not escaped.
	for _, want := range []string{"{\n  \"version\": 2,\n", `"query": "Kata'ib “Hezbollah” <b>&"`, "\n    {\n      \"path\": \"reuters/strike.txt\""} {
		if !strings.Contains(string(data), want) {
			t.Errorf("encoded file lacks %q:\n%s", want, data)
		}
	}
	// A second encoding is byte-identical.
	again, _ := Encode(got)
	if string(again) != string(data) {
		t.Errorf("encoding is not stable")
	}
}

func TestEncodeEmptyWorkspace(t *testing.T) {
	ws := New("x", t0)
	data, err := Encode(ws)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"panes": [],`) || !strings.Contains(string(data), `"annotations": [],`) {
		t.Errorf("empty lists should be written as []:\n%s", data)
	}
	got, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	got.Name = "x"
	if !reflect.DeepEqual(got, ws) {
		t.Errorf("got %+v, want %+v", got, ws)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name       string
		data       string
		kind       error
		line, col  int
		wantInText string
	}{
		{"empty", "", ErrCorrupt, 0, 0, "empty"},
		{"spaces", " \n\t", ErrCorrupt, 0, 0, "empty"},
		{"syntax", "{\n  \"version\": 2,\n  \"notes\": \"a\"\n  \"panes\": []\n}", ErrCorrupt, 4, 3, "invalid JSON"},
		{"truncated", "{\n  \"version\": 2,\n  \"notes\": \"abc", ErrCorrupt, 3, 0, "ends too early"},
		{"trailing", "{\"version\": 2}\n{\"version\": 2}", ErrCorrupt, 2, 1, "text after"},
		{"array", "[1,2]", ErrCorrupt, 1, 1, "not a JSON object"},
		{"string", `"workspace"`, ErrCorrupt, 1, 1, "not a JSON object"},
		{"wrong type", "{\n  \"version\": 2,\n  \"panes\": [{\"path\": \"a.txt\", \"scroll\": {\"offset\": \"ten\"}}]\n}", ErrCorrupt, 3, 0, "field panes.scroll.offset: expected a whole number, found string"},
		{"wrong type bool", `{"version": 2, "highlights": {"all": "yes"}}`, ErrCorrupt, 1, 0, "expected true or false"},
		{"wrong time", `{"version": 2, "created": "yesterday"}`, ErrCorrupt, 0, 0, "created"},
		{"version string", `{"version": "2"}`, ErrCorrupt, 1, 13, "version: expected a whole number"},
		{"version float", `{"version": 1.5}`, ErrCorrupt, 1, 13, "whole number"},
		{"no version", `{"panes": []}`, ErrVersion, 0, 0, `no "version"`},
		{"version zero", `{"version": 0}`, ErrVersion, 0, 0, "version 0 does not exist"},
		{"version negative", `{"version": -3}`, ErrVersion, 0, 0, "version -3"},
		{"future unreadable", `{"version": 9, "panes": {"new": "layout"}}`, ErrVersion, 1, 0, "newer Parallax"},
		{"negative span", `{"version": 2, "annotations": [{"id": "x", "path": "a.txt", "span": {"start": 5, "end": 2}}]}`, ErrCorrupt, 0, 0, "span [5,2)"},
		{"duplicate id", `{"version": 2, "annotations": [{"id": "x", "path": "a.txt"}, {"id": "x", "path": "b.txt"}]}`, ErrCorrupt, 0, 0, "used twice"},
		{"no id", `{"version": 2, "annotations": [{"path": "a.txt"}]}`, ErrCorrupt, 0, 0, "no id"},
		{"bad hash", `{"version": 2, "panes": [{"path": "a.txt", "hash": "xyz"}]}`, ErrCorrupt, 0, 0, "not a hex SHA-256"},
		{"fraction", `{"version": 2, "panes": [{"path": "a.txt", "scroll": {"fraction": 1.5}}]}`, ErrCorrupt, 0, 0, "fraction"},
		{"width", `{"version": 2, "panes": [{"path": "a.txt", "scroll": {"fraction": 0}, "width": 2}]}`, ErrCorrupt, 0, 0, "width"},
		{"offset", `{"version": 2, "panes": [{"path": "a.txt", "scroll": {"offset": -7}}]}`, ErrCorrupt, 0, 0, "offset -7"},
		{"active", `{"version": 2, "active": 3}`, ErrCorrupt, 0, 0, "active pane 3"},
		{"paper", `{"version": 2, "report": {"paper": "a3"}}`, ErrCorrupt, 0, 0, `paper "a3"`},
		{"filter", `{"version": 2, "table": {"filters": [{"value": "x"}]}}`, ErrCorrupt, 0, 0, "no column"},
		{"v1 wrong type", `{"version": 1, "documents": "a.txt"}`, ErrCorrupt, 1, 0, "version 1 file"},
		{"absolute", `{"version": 2, "panes": [{"path": "/etc/passwd"}]}`, ErrUnsafePath, 0, 0, "absolute"},
		{"dotdot", `{"version": 2, "panes": [{"path": "a/../../secret.txt"}]}`, ErrUnsafePath, 0, 0, `".."`},
		{"dotdot annotation", `{"version": 2, "annotations": [{"id": "x", "path": "../x.txt"}]}`, ErrUnsafePath, 0, 0, `".."`},
		{"drive", `{"version": 2, "panes": [{"path": "C:/Windows/win.ini"}]}`, ErrUnsafePath, 0, 0, "drive"},
		{"drive relative", `{"version": 2, "panes": [{"path": "c:secret.txt"}]}`, ErrUnsafePath, 0, 0, "drive"},
		{"unc", `{"version": 2, "panes": [{"path": "\\\\server\\share\\x.txt"}]}`, ErrUnsafePath, 0, 0, "UNC"},
		{"unc slashes", `{"version": 2, "panes": [{"path": "//server/share/x.txt"}]}`, ErrUnsafePath, 0, 0, "UNC"},
		{"backslash", `{"version": 2, "panes": [{"path": "a\\..\\..\\x.txt"}]}`, ErrUnsafePath, 0, 0, "backslash"},
		{"empty path", `{"version": 2, "panes": [{"path": ""}]}`, ErrUnsafePath, 0, 0, "empty"},
		{"unclean path", `{"version": 2, "panes": [{"path": "a//b.txt"}]}`, ErrUnsafePath, 0, 0, "clean"},
		{"v1 escaping", `{"version": 1, "documents": ["../../x.txt"]}`, ErrUnsafePath, 0, 0, `".."`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, err := Decode([]byte(tt.data))
			if err == nil {
				t.Fatalf("Decode succeeded: %+v", ws)
			}
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("error %T %v is not a *LoadError", err, err)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %q is not %v", err, tt.kind)
			}
			for _, other := range []error{ErrCorrupt, ErrVersion, ErrUnsafePath} {
				if other != tt.kind && errors.Is(err, other) {
					t.Errorf("error %q is also %v", err, other)
				}
			}
			if !strings.Contains(err.Error(), tt.wantInText) {
				t.Errorf("error %q does not say %q", err, tt.wantInText)
			}
			if tt.line != 0 && le.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", le.Line, tt.line, err)
			}
			if tt.col != 0 && le.Column != tt.col {
				t.Errorf("column %d, want %d (%v)", le.Column, tt.col, err)
			}
		})
	}
}

func TestDecodeAccepts(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		readOnly bool
		warning  string
	}{
		{"minimal", `{"version": 2}`, false, ""},
		{"bom", "\xef\xbb\xbf{\"version\": 2}", false, ""},
		{"unknown field", `{"version": 2, "colour": "blue"}`, false, `unknown field "colour"`},
		{"future", `{"version": 3, "notes": "n", "panes": [{"path": "a.txt"}], "hologram": true}`, true, "newer Parallax"},
		{"path with colon", `{"version": 2, "panes": [{"path": "Reuters: the strike.txt"}]}`, false, ""},
		{"dots in name", `{"version": 2, "panes": [{"path": "a/..b/c..txt"}]}`, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, err := Decode([]byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if ws.ReadOnly != tt.readOnly {
				t.Errorf("ReadOnly = %v, want %v", ws.ReadOnly, tt.readOnly)
			}
			joined := strings.Join(ws.Warnings, "\n")
			if tt.warning == "" && joined != "" || !strings.Contains(joined, tt.warning) {
				t.Errorf("warnings %q, want %q", joined, tt.warning)
			}
		})
	}
}

func TestMigrateV1(t *testing.T) {
	v1 := `{
  "version": 1,
  "documents": ["reuters.txt", "mehr/part-2.txt"],
  "scroll": {"reuters.txt": 0.5, "closed.txt": 0.9},
  "highlight": {"entities": ["e:pmf", "e:soleimani"], "boilerplate": true},
  "query": "al-Qaim",
  "entity": "e:pmf",
  "notes": "old notes",
  "annotations": [
    {"doc": "reuters.txt", "start": 4, "end": 15, "text": "Iran-backed", "note": "loaded", "tag": "framing"},
    {"doc": "mehr/part-2.txt", "start": 0, "end": 3, "text": "PMU", "note": "untagged"}
  ],
  "saved": "2024-03-01T10:00:00+01:00"
}`
	ws, err := Decode([]byte(v1))
	if err != nil {
		t.Fatal(err)
	}
	wantTime := mustTime(t, "2024-03-01T09:00:00Z")
	want := &Workspace{
		Version: Version,
		Created: wantTime,
		Saved:   wantTime,
		Panes: []Pane{
			{Path: "reuters.txt", Scroll: Scroll{Offset: -1, Fraction: 0.5}},
			{Path: "mehr/part-2.txt", Scroll: Scroll{Offset: -1, Fraction: 0}},
		},
		Highlights: Highlights{Entities: map[string]bool{"e:pmf": true, "e:soleimani": true}, Boilerplate: true},
		Search:     Search{Query: "al-Qaim", Entity: "e:pmf"},
		Annotations: []Annotation{
			{ID: "v1-1", Path: "reuters.txt", Span: spanOf(4, 15), Quote: "Iran-backed", Note: "loaded", Tags: []string{"framing"}, Created: wantTime, Modified: wantTime},
			{ID: "v1-2", Path: "mehr/part-2.txt", Span: spanOf(0, 3), Quote: "PMU", Note: "untagged", Created: wantTime, Modified: wantTime},
		},
		Notes:  "old notes",
		Report: ReportSettings{Paper: PaperA4},
	}
	warnings := ws.Warnings
	ws.Warnings = nil
	if !reflect.DeepEqual(ws, want) {
		t.Errorf("migrated:\n got %+v\nwant %+v", ws, want)
	}
	if len(warnings) != 2 || !strings.Contains(warnings[0], "migrated from workspace version 1") || !strings.Contains(warnings[1], "closed.txt") {
		t.Errorf("warnings %q", warnings)
	}
	// The migrated workspace saves as the current version and loads back
	// without migrating again.
	data, err := Encode(ws)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if again.Version != Version || len(again.Warnings) != 0 || !reflect.DeepEqual(again.Annotations, want.Annotations) {
		t.Errorf("re-decoded migrated workspace: %+v", again)
	}
}

func TestCheckPath(t *testing.T) {
	good := []string{"a.txt", "folder/a b.txt", "Reuters: x.html", "ünïcode/файл.txt", "a/.hidden", "..a", "a..", "x/y/z.pdf"}
	bad := []string{"", "/a", "/", "..", "../a", "a/..", "a/../b", "./a", "a/./b", "a//b", "a/", "C:/x", "c:x", "C:", `\\srv\share`, "//srv/share", `a\b`, "a\x00b", "\xff.txt"}
	for _, p := range good {
		if err := CheckPath(p); err != nil {
			t.Errorf("CheckPath(%q) = %v, want nil", p, err)
		}
	}
	for _, p := range bad {
		err := CheckPath(p)
		if !errors.Is(err, ErrUnsafePath) {
			t.Errorf("CheckPath(%q) = %v, want ErrUnsafePath", p, err)
		}
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v.UTC()
}
