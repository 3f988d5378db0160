package project

import (
	"reflect"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
)

func sampleEntry() *entry {
	e := &entry{Version: ExtractorVersion, Hash: "ab12", Format: document.FormatPDF, Encoding: "pdf",
		Text: "Héadline\n\nBody text here.", Boilerplate: []document.Span{{Start: 0, End: 4}, {Start: 10, End: 12}},
		Pages: []int{0, 12}, Warnings: []string{"page 2: font"}, Origins: []sourcemeta.Origin{{Agency: "Reuters", Rule: "told-agency", Confidence: 0.4}}}
	e.Meta.Title = document.Field{Value: "Héadline", Source: document.FromText, Rule: "first-heading-line", Confidence: 0.6}
	e.Meta.Date = document.Field{Value: "2021-06-30", Source: document.FromPDFMeta, Rule: "CreationDate", Confidence: 0.5}
	return e
}

func TestCodecRoundTrip(t *testing.T) {
	for _, e := range []*entry{sampleEntry(), {Version: 1, Hash: "x", Format: "txt", ProblemKind: "binary", ProblemError: "binary data"}} {
		rec := encodeRecord(e)
		got, err := decodeRecord(rec)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, e) {
			t.Errorf("round trip:\n got %+v\nwant %+v", got, e)
		}
	}
}

func TestCodecCorruptNeverPanics(t *testing.T) {
	rec := encodeRecord(sampleEntry())
	for n := 0; n < len(rec); n++ {
		if _, err := decodeRecord(rec[:n]); err == nil {
			t.Fatalf("truncated record of %d bytes accepted", n)
		}
	}
	for i := recHeader; i < len(rec); i++ {
		bad := append([]byte(nil), rec...)
		bad[i] ^= 0x55
		if _, err := decodeRecord(bad); err == nil {
			t.Fatalf("flipped byte %d accepted", i)
		}
		// Without the checksum the payload decoder must still not panic.
		unmarshalEntry(bad[recHeader:], false)
	}
}
