package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
)

// A command's JSON is an object of a few fields, some of them lists of
// thousands of records (framing's documents on 10,000 articles print
// 280 MB). json.Encoder builds the whole text in memory, twice with its
// indentation, before writing a byte: under the CLI's memory budget
// that made the collector run without pause. writeObject writes the same
// bytes as an Encoder with SetIndent("", "  ") would, list fields one
// element at a time.

// objectField is one field of the object: its JSON name and value;
// omitEmpty leaves out a nil or empty slice, as the tag option does.
type objectField struct {
	name      string
	value     any
	omitEmpty bool
}

// writeObject writes fields as one indented JSON object and a newline.
// Slice values are written element by element; anything else whole.
func writeObject(w io.Writer, fields []objectField) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	var kept []objectField
	for _, f := range fields {
		if f.omitEmpty {
			v := reflect.ValueOf(f.value)
			if !v.IsValid() || v.Kind() == reflect.Slice && v.Len() == 0 {
				continue
			}
		}
		kept = append(kept, f)
	}
	bw.WriteString("{\n")
	for i, f := range kept {
		name, err := json.Marshal(f.name)
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "  %s: ", name)
		if err := writeValue(bw, f.value); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
		if i < len(kept)-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// writeValue writes v as the value of a field of the top-level object.
func writeValue(w *bufio.Writer, v any) error {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() != reflect.Slice || rv.IsNil() || rv.Len() == 0 {
		b, err := json.MarshalIndent(v, "  ", "  ")
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	w.WriteString("[\n")
	for i := range rv.Len() {
		b, err := json.MarshalIndent(rv.Index(i).Interface(), "    ", "  ")
		if err != nil {
			return err
		}
		w.WriteString("    ")
		w.Write(b)
		if i < rv.Len()-1 {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
	}
	_, err := w.WriteString("  ]")
	return err
}
