package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/search"
)

// encoderOutput is what json.Encoder with SetIndent("", "  ") writes of a
// struct with fields's names, values and omitempty options.
func encoderOutput(t *testing.T, fields []objectField) string {
	t.Helper()
	var sf []reflect.StructField
	for i, f := range fields {
		tag := f.name
		if f.omitEmpty {
			tag += ",omitempty"
		}
		typ := reflect.TypeOf(f.value)
		if typ == nil {
			typ = reflect.TypeFor[any]()
		}
		sf = append(sf, reflect.StructField{Name: fmt.Sprintf("F%d", i), Type: typ, Tag: reflect.StructTag(`json:"` + tag + `"`)})
	}
	v := reflect.New(reflect.StructOf(sf)).Elem()
	for i, f := range fields {
		if f.value != nil {
			v.Field(i).Set(reflect.ValueOf(f.value))
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v.Interface()); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWriteObjectIsTheEncodersOutput(t *testing.T) {
	type inner struct {
		Name  string            `json:"name"`
		Tags  []string          `json:"tags,omitempty"`
		Count map[string]int    `json:"count"`
		Next  *inner            `json:"next,omitempty"`
		Extra map[string][]bool `json:"extra,omitempty"`
	}
	records := []inner{
		{Name: "Ahmad <al-Qaim> & \"Co\"", Tags: []string{"a", "ب"}, Count: map[string]int{"z": 1, "a": 2}},
		{Name: "", Count: nil, Next: &inner{Name: "nested", Count: map[string]int{}}},
		{Name: "line\nbreak\u2028", Extra: map[string][]bool{"x": {true, false}, "y": {}}},
	}
	cases := map[string][]objectField{
		"lists of records": {
			{name: "documents", value: records},
			{name: "pointers", value: []*inner{&records[0], nil}},
			{name: "categories", value: []string{"loaded", "neutral"}},
		},
		"nil and empty lists": {
			{name: "nil", value: []inner(nil)},
			{name: "empty", value: []inner{}},
			{name: "strings", value: []string{}},
		},
		"omitted and kept warnings": {
			{name: "entities", value: records[:1]},
			{name: "warnings", value: []string(nil), omitEmpty: true},
			{name: "notes", value: []string{}, omitEmpty: true},
			{name: "kept", value: []string{"store: slow"}, omitEmpty: true},
		},
		"plain values": {
			{name: "n", value: 3},
			{name: "s", value: "x"},
			{name: "m", value: map[string]int{"b": 1}},
			{name: "record", value: records[1]},
		},
		"one field": {{name: "only", value: records}},
	}
	for name, fields := range cases {
		t.Run(name, func(t *testing.T) {
			var got bytes.Buffer
			if err := writeObject(&got, fields); err != nil {
				t.Fatal(err)
			}
			if want := encoderOutput(t, fields); got.String() != want {
				t.Errorf("writeObject:\n%s\njson.Encoder:\n%s", got.String(), want)
			}
		})
	}
}

// ptrMarshaler marshals itself only through its pointer: encoding/json
// calls that on slice elements (addressable), not on a lone value.
type ptrMarshaler struct{ N int }

func (p *ptrMarshaler) MarshalJSON() ([]byte, error) {
	return fmt.Appendf(nil, `{"via":"pointer","n":%d}`, p.N), nil
}

// adversarialRecord holds what encoding/json escapes or formats in its own
// way, to check that writeObject's encoder writes the same bytes.
type adversarialRecord struct {
	Text   string             `json:"text"`
	Rate   float64            `json:"rate"`
	Rate32 float32            `json:"rate32,omitempty"`
	List   []string           `json:"list"`
	Opt    []int              `json:"opt,omitempty"`
	Map    map[string]float64 `json:"map,omitempty"`
	Ptr    *ptrMarshaler      `json:"ptr,omitempty"`
	Val    ptrMarshaler       `json:"val"`
}

func adversarialRecords(n int) []adversarialRecord {
	texts := []string{
		"<script>alert(\"&\")</script>", "\u2028line\u2029para", "bad \xff\xfe utf-8 \xe2\x82", "ctrl \x00\x01\x08\x0c\x1f\x7f",
		"tab\tnl\nret\r", "back\\slash \"quoted\"", "", "é ب 中 😀 \ufffd",
	}
	floats := []float64{0, 1e-7, 1e21, 123456.789, -0.000001, 1.0 / 3, 5e-324, 1e20}
	out := make([]adversarialRecord, n)
	for i := range out {
		r := adversarialRecord{Text: texts[i%len(texts)], Rate: floats[i%len(floats)], Val: ptrMarshaler{i}}
		switch i % 3 {
		case 0:
			r.List = []string{}
			r.Opt = []int{}
			r.Map = map[string]float64{"b": 1e-9, "a<": 2}
		case 1:
			r.List = []string{texts[(i+1)%len(texts)]}
			r.Rate32 = float32(floats[(i+3)%len(floats)])
			r.Ptr = &ptrMarshaler{-i}
		}
		out[i] = r
	}
	return out
}

func TestWriteObjectAdversarialRecords(t *testing.T) {
	// lengths around a chunk's, so that the parallel path's joins are seen
	for _, n := range []int{1, chunkLen - 1, chunkLen, chunkLen + 1, 3*chunkLen + 7} {
		fields := []objectField{
			{name: "records", value: adversarialRecords(n)},
			{name: "pointers", value: []*adversarialRecord{nil, {Text: "<p>"}}},
			{name: "warnings", value: []string{"\u2028"}, omitEmpty: true},
		}
		var got bytes.Buffer
		if err := writeObject(&got, fields); err != nil {
			t.Fatal(err)
		}
		if want := encoderOutput(t, fields); got.String() != want {
			t.Fatalf("%d records: writeObject differs from json.Encoder (%d vs %d bytes)", n, got.Len(), len(want))
		}
	}
}

func TestWriteObjectFailsOnNaN(t *testing.T) {
	recs := adversarialRecords(3*chunkLen + 1)
	recs[2*chunkLen+5].Rate = math.NaN()
	var got bytes.Buffer
	err := writeObject(&got, []objectField{{name: "records", value: recs}})
	if err == nil {
		t.Fatal("no error for a NaN, which encoding/json refuses")
	}
}

func TestEncodeChunksInOrderOnAnyWorkers(t *testing.T) {
	recs := adversarialRecords(5*chunkLen + 3)
	var one bytes.Buffer
	if err := encodeChunks(reflect.ValueOf(recs), 1, func(b []byte) error { one.Write(b); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{2, 3, 8} {
		var got bytes.Buffer
		if err := encodeChunks(reflect.ValueOf(recs), workers, func(b []byte) error { got.Write(b); return nil }); err != nil {
			t.Fatal(err)
		}
		if got.String() != one.String() {
			t.Fatalf("%d workers: not the one-worker bytes", workers)
		}
	}
	// a failing writer stops the work and says so
	calls := 0
	err := encodeChunks(reflect.ValueOf(recs), 2, func([]byte) error { calls++; return io.ErrShortWrite })
	if !errors.Is(err, io.ErrShortWrite) || calls != 1 {
		t.Fatalf("error %v after %d writes: want the writer's error after one", err, calls)
	}
}

func TestEntityJSONIsMarshalJSON(t *testing.T) {
	ents := []*alias.Entity{
		{ID: "p-ahmad", Name: "Ahmad <al-Qaim>", Kind: entity.Person,
			Mentions:  []entity.Mention{{Doc: "a.txt", Span: document.Span{Start: 1, End: 6}, Text: "Ahmad"}, {Doc: "b.txt"}},
			Documents: []string{"a.txt", "b.txt"}, Forms: []alias.Form{{Text: "Ahmad", Count: 2}, {Text: "\u2028\xff", Count: 1}},
			Merges: []alias.Merge{{Form: "Ahmed", Into: "Ahmad", Reason: "spelling", Confidence: 0.875}}, Keys: []string{"ahmad"},
			Ambiguous: []string{"p-x"}, Titles: []string{"Sheikh"}, Attached: []alias.Attachment{{Doc: "a.txt", Entity: "p-y"}}},
		{ID: "o-empty", Kind: entity.Organisation, Documents: []string{}, Forms: nil, Merges: []alias.Merge{}},
		{},
	}
	want := encoderOutput(t, []objectField{{name: "entities", value: ents}})
	var got bytes.Buffer
	if err := writeObject(&got, []objectField{{name: "entities", value: entitiesJSON(ents)}}); err != nil {
		t.Fatal(err)
	}
	if got.String() != want {
		t.Fatalf("entities written:\n%s\nalias.Entity's MarshalJSON through json.Encoder:\n%s", got.String(), want)
	}
}

func TestSearchFieldsAreTheResponse(t *testing.T) {
	rows := make([]search.Row, 3*chunkLen+1)
	for i := range rows {
		rows[i] = search.Row{Path: fmt.Sprintf("d%03d.txt", i), Outlet: "<Outlet & Co>", Start: i, End: i + 5, Text: "Trump", Left: "said \u2028", Right: "\xff"}
	}
	for _, r := range []search.Response{
		{},
		{Entities: []search.Hit{{ID: "p-x", Name: "X", Kind: "person", Score: 9, Mentions: 2, Form: "X", Matched: []int{0}, Typo: true, Via: "romanised"}}, Mentions: rows},
		{Entities: []search.Hit{}, Mentions: rows[:2], Phrase: true},
	} {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var wantIndented bytes.Buffer
		enc := json.NewEncoder(&wantIndented)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := writeObject(&got, searchFields(r)); err != nil {
			t.Fatal(err)
		}
		if got.String() != wantIndented.String() {
			t.Fatalf("search fields differ from search.Response's JSON (%d vs %d bytes); compact: %.200s", got.Len(), wantIndented.Len(), want)
		}
	}
	// a field added to search.Response must be added to searchFields
	var visible int
	for f := range reflect.TypeFor[search.Response]().Fields() {
		if f.IsExported() && f.Tag.Get("json") != "-" {
			visible++
		}
	}
	if visible != len(searchFields(search.Response{})) {
		t.Fatalf("search.Response has %d fields in its JSON, searchFields writes %d", visible, len(searchFields(search.Response{})))
	}
}
