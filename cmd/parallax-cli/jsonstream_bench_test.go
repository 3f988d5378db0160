package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/framing"
)

// framingShaped makes n documents' framing shaped like a news corpus's
// (tens of occurrences, sources and entities each, with their contexts),
// from made-up words.
func framingShaped(n int) []framing.DocumentFraming {
	r := rand.New(rand.NewPCG(uint64(n), 18))
	words := []string{"minister", "said", "the", "militia", "<strike>", "border", "Baghdad", "forces", "“quoted”", "al-Qaim", "Ирак", "العراق", "reported", "&", "attack"}
	text := func(k int) string {
		s := ""
		for i := range k {
			if i > 0 {
				s += " "
			}
			s += words[r.IntN(len(words))]
		}
		return s
	}
	docs := make([]framing.DocumentFraming, n)
	for i := range docs {
		d := framing.DocumentFraming{Path: fmt.Sprintf("outlet%d/%05d.html", i%40, i), Title: text(8), Outlet: fmt.Sprintf("Outlet %d", i%40),
			Date: "2020-01-03", Stance: "neutral", Words: 400 + r.IntN(900), Language: "en", TermsCovered: true, SourcesCovered: i%7 != 0}
		for c := range 3 {
			cc := framing.CategoryCount{Category: fmt.Sprintf("cat%d", c), Count: r.IntN(9), Rate: r.Float64() * 20}
			for range r.IntN(4) {
				cc.Terms = append(cc.Terms, framing.TermCount{Term: text(1), Count: 1 + r.IntN(3)})
			}
			d.Terms = append(d.Terms, cc)
		}
		for range 10 + r.IntN(20) {
			s := r.IntN(5000)
			d.Occurrences = append(d.Occurrences, framing.Occurrence{Term: text(1), Category: "cat1", Text: text(1), Start: s, End: s + 7, Left: text(8), Right: text(8)})
		}
		for range r.IntN(12) {
			s := r.IntN(5000)
			d.Sources = append(d.Sources, framing.Attribution{Speaker: text(2), SpeakerStart: s, SpeakerEnd: s + 12, Verb: "said", Start: s, End: s + 90,
				Direct: r.IntN(2) == 0, Quote: text(14), QuoteStart: s + 20, QuoteEnd: s + 80})
		}
		for range 5 + r.IntN(20) {
			e := framing.DocEntity{ID: fmt.Sprintf("e%d", r.IntN(5000)), Name: text(2), Mentions: 1 + r.IntN(6),
				Forms: []framing.FormCount{{Form: text(2), Count: 2}}}
			for range r.IntN(3) {
				e.Descriptors = append(e.Descriptors, framing.Descriptor{Text: text(3), Key: text(2), Relation: "appositive", Count: 1,
					Spans: []document.Span{{Start: r.IntN(5000), End: 5000 + r.IntN(10)}}})
			}
			d.Entities = append(d.Entities, e)
		}
		docs[i] = d
	}
	return docs
}

// BenchmarkFramingJSON writes framing-shaped documents as "framing
// --json" does (writeObject), against json.Encoder with SetIndent on the
// same object and the element-by-element MarshalIndent writeObject used
// before, in the same run; ratio_* are the encoders' times over
// writeObject's.
func BenchmarkFramingJSON(b *testing.B) {
	docs := framingShaped(2000)
	fields := []objectField{{name: "documents", value: docs}, {name: "categories", value: []string{"cat0", "cat1", "cat2"}}}
	object := struct {
		Documents  []framing.DocumentFraming `json:"documents"`
		Categories []string                  `json:"categories"`
	}{docs, []string{"cat0", "cat1", "cat2"}}
	elementwise := func(w io.Writer) error {
		if _, err := io.WriteString(w, "{\n  \"documents\": [\n"); err != nil {
			return err
		}
		for i := range docs {
			out, err := json.MarshalIndent(docs[i], "    ", "  ")
			if err != nil {
				return err
			}
			w.Write([]byte("    "))
			w.Write(out)
			if i < len(docs)-1 {
				w.Write([]byte{','})
			}
			w.Write([]byte{'\n'})
		}
		_, err := io.WriteString(w, "  ],\n  \"categories\": [\n    \"cat0\",\n    \"cat1\",\n    \"cat2\"\n  ]\n}\n")
		return err
	}
	var tNew, tEnc, tOld time.Duration
	var bytes int64
	for b.Loop() {
		cw := &countWriter{}
		t0 := time.Now()
		if err := writeObject(cw, fields); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		enc := json.NewEncoder(io.Discard)
		enc.SetIndent("", "  ")
		if err := enc.Encode(object); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if err := elementwise(io.Discard); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		tNew, tEnc, tOld, bytes = tNew+t1.Sub(t0), tEnc+t2.Sub(t1), tOld+t3.Sub(t2), cw.n
	}
	b.ReportMetric(float64(tEnc)/float64(tNew), "ratio_encoder/new")
	b.ReportMetric(float64(tOld)/float64(tNew), "ratio_elementwise/new")
	b.ReportMetric(float64(bytes)/1e6, "MB_written")
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }
