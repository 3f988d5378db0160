package main

import (
	"bufio"
	"fmt"
	"io"
	"reflect"
	"runtime"

	"github.com/parallaxworkbench/parallax/internal/jsonindent"
)

// A command's JSON is an object of a few fields, some of them lists of
// thousands of records (framing's documents on 10,000 articles print
// 280 MB). json.Encoder builds the whole text in memory, twice with its
// indentation, before writing a byte: under the CLI's memory budget
// that made the collector run without pause. writeObject writes the same
// bytes as an Encoder with SetIndent("", "  ") would, list fields a few
// elements at a time, encoded on every core in order by jsonindent (one
// pass, where encoding/json encodes and then re-scans to indent).

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
	enc := jsonindent.New()
	bw.WriteString("{\n")
	for i, f := range kept {
		b := append([]byte(nil), "  "...)
		b = jsonindent.AppendString(b, f.name)
		bw.Write(append(b, ':', ' '))
		if err := writeValue(bw, enc, f.value); err != nil {
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
func writeValue(w *bufio.Writer, enc *jsonindent.Encoder, v any) error {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() != reflect.Slice || rv.IsNil() || rv.Len() == 0 {
		b, err := enc.Append(nil, v, 1)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	w.WriteString("[\n")
	err := encodeChunks(rv, runtime.GOMAXPROCS(0), func(b []byte) error {
		_, err := w.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	_, err = w.WriteString("  ]")
	return err
}

// chunkLen is how many list elements one job encodes: enough to make
// the hand-off cheap, few enough to keep the text in flight small.
const chunkLen = 64

// encodedChunk is one job's text, or why it has none.
type encodedChunk struct {
	text []byte
	err  error
}

// encodeChunks encodes the elements of the slice rv, each on its own
// lines at depth 2 ("    " before it, "," after all but the last), in
// chunks on up to workers goroutines, and hands the chunks to write in
// order. At most 2×workers chunks are in flight.
func encodeChunks(rv reflect.Value, workers int, write func([]byte) error) error {
	n := rv.Len()
	chunks := (n + chunkLen - 1) / chunkLen
	workers = max(1, min(workers, chunks))
	// the chunks' buffers, handed back once written: a chunk of framing
	// records is megabytes, and growing a fresh one each time cost more
	// than encoding into it
	free := make(chan []byte, 3*workers+1)
	encode := func(enc *jsonindent.Encoder, c int) encodedChunk {
		var b []byte
		select {
		case b = <-free:
		default:
		}
		var err error
		for i := c * chunkLen; i < min(n, (c+1)*chunkLen); i++ {
			b = append(b, "    "...)
			if b, err = enc.AppendValue(b, rv.Index(i), 2); err != nil {
				return encodedChunk{err: err}
			}
			if i < n-1 {
				b = append(b, ',')
			}
			b = append(b, '\n')
		}
		return encodedChunk{text: b}
	}
	if workers == 1 {
		enc := jsonindent.New()
		for c := range chunks {
			r := encode(enc, c)
			if r.err != nil {
				return r.err
			}
			if err := write(r.text); err != nil {
				return err
			}
			free <- r.text[:0]
		}
		return nil
	}
	type job struct {
		c   int
		out chan encodedChunk
	}
	jobs := make(chan job)
	order := make(chan chan encodedChunk, 2*workers)
	done := make(chan struct{})
	defer close(done)
	for range workers {
		go func() {
			enc := jsonindent.New()
			for j := range jobs {
				j.out <- encode(enc, j.c) // buffered: never blocks
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(order)
		for c := range chunks {
			out := make(chan encodedChunk, 1)
			select {
			case order <- out:
			case <-done:
				return
			}
			select {
			case jobs <- job{c, out}:
			case <-done:
				return
			}
		}
	}()
	for out := range order {
		r := <-out
		if r.err != nil {
			return r.err
		}
		if err := write(r.text); err != nil {
			return err
		}
		select {
		case free <- r.text[:0]:
		default:
		}
	}
	return nil
}
