package textdecode

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// benchText is about 64 KiB of the test sentences.
func benchText() string {
	var b strings.Builder
	for b.Len() < 64<<10 {
		for _, s := range []string{russianT, ukrainian, bulgarian, russianSh} {
			b.WriteString(s)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// BenchmarkDecodeLegacy detects and decodes 64 KiB of windows-1251 text and
// reports its speed against decoding the same bytes with the known code
// page (the baseline, measured in the same run).
func BenchmarkDecodeLegacy(b *testing.B) {
	in, err := charmap.Windows1251.NewEncoder().Bytes([]byte(benchText()))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if r, err := Decode(in); err != nil || r.Encoding != "windows-1251" {
			b.Fatalf("%v %q", err, r.Encoding)
		}
	}
	detect := b.Elapsed()
	b.StopTimer()
	start := time.Now()
	for range b.N {
		if _, err := charmap.Windows1251.NewDecoder().Bytes(in); err != nil {
			b.Fatal(err)
		}
	}
	base := time.Since(start)
	b.ReportMetric(base.Seconds()/detect.Seconds(), "speed-vs-known-charset")
}

// BenchmarkDecodeUTF8 decodes 64 KiB of UTF-8 against utf8.Valid.
func BenchmarkDecodeUTF8(b *testing.B) {
	in := []byte(benchText())
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Decode(in); err != nil {
			b.Fatal(err)
		}
	}
	dec := b.Elapsed()
	b.StopTimer()
	start := time.Now()
	for range b.N {
		if !utf8.Valid(in) {
			b.Fatal("invalid")
		}
	}
	base := time.Since(start)
	b.ReportMetric(base.Seconds()/dec.Seconds(), "speed-vs-utf8.Valid")
}
