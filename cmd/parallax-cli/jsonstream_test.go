package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
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
