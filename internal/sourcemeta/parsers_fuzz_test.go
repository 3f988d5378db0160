package sourcemeta

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// FuzzSidecar: any bytes in a project's sources.csv / index.tsv are read
// without a panic, within the row limit, and every row found is looked up.
func FuzzSidecar(f *testing.F) {
	f.Add([]byte("file,outlet,date,title\na.txt,The Daily,2024-03-01,\"A, quoted\"\n"), false)
	f.Add([]byte("\xef\xbb\xbffile\tauthor\tbias\nsub/b.md\t\"Doe, J\"\tleft\n"), true)
	f.Add([]byte("path,url\n\"unterminated,x\n"), false)
	f.Add([]byte("outlet\nno file column\n"), true)
	f.Fuzz(func(t *testing.T, data []byte, tsv bool) {
		name := "/p/sources.csv"
		if tsv {
			name = "/p/index.tsv"
		}
		s, err := ParseSidecar(data, name)
		if err != nil {
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error does not name the table: %v", err)
			}
			return
		}
		files := s.Files()
		if len(files) > MaxSidecarRows {
			t.Fatalf("%d rows kept", len(files))
		}
		if !sort.StringsAreSorted(files) {
			t.Error("Files not sorted")
		}
		for _, k := range files {
			if _, ok := s.Lookup(k); !ok {
				t.Errorf("row %q not found by Lookup", k)
			}
		}
	})
}

// FuzzOverrides: any sources.json is parsed without a panic; one that
// parses survives a save round trip, and merging no change into it changes
// nothing.
func FuzzOverrides(f *testing.F) {
	f.Add([]byte(`{"version":1,"stance_scale":["a","b"],"outlet_stances":{"X":"a"},"documents":{"d.txt":{"fields":{"title":"T"},"stance":"b"}}}`))
	f.Add([]byte(`{"version":2}`))
	f.Add([]byte(`{"version":1,"documents":{"x":null}}`))
	f.Add([]byte(`{"version":1} trailing`))
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := parseOverrides(data)
		if err != nil {
			return
		}
		b, err := marshalOverrides(&o.data)
		if err != nil {
			t.Fatal(err)
		}
		again, err := parseOverrides(b)
		if err != nil {
			t.Fatalf("saved overrides do not parse: %v\n%s", err, b)
		}
		if !reflect.DeepEqual(normOverrides(again.data), normOverrides(o.data)) {
			t.Errorf("round trip changed the overrides:\n%+v\n%+v", again.data, o.data)
		}
		m := mergeOverrides(o.data, o.data, o.data)
		if !reflect.DeepEqual(normOverrides(m), normOverrides(o.data)) {
			t.Errorf("merging no change changed the overrides")
		}
	})
}

// normOverrides drops empty maps and entries, which JSON writes away.
func normOverrides(d overridesJSON) overridesJSON {
	d = cloneOverrides(d)
	if len(d.OutletStances) == 0 {
		d.OutletStances = nil
	}
	for k, v := range d.Documents {
		if len(v.Fields) == 0 {
			v.Fields = nil
		}
		if v.Fields == nil && v.Stance == "" {
			delete(d.Documents, k)
		}
	}
	if len(d.Documents) == 0 {
		d.Documents = nil
	}
	return d
}
