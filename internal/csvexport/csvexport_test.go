package csvexport

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestNeutralise(t *testing.T) {
	cases := map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"+1":                "'+1",
		"-2+3":              "'-2+3",
		"@SUM(A1)":          "'@SUM(A1)",
		"\tcmd":             "'\tcmd",
		"\rcmd":             "'\rcmd",
		"plain":             "plain",
		"a=b":               "a=b",
		"":                  "",
		"ممر":               "ممر",
	}
	for in, want := range cases {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, "term", "z", "count", "note")
	w.Row("=cmd|' /C calc'!A0", -1.5, 3, "line\nbreak, comma \"quoted\"")
	w.Row("Тегеран", 2.25, int64(7), []string{"a", "-b"})
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, BOM+"term,z,count,note\n") {
		t.Fatalf("no BOM or header: %q", out)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"term", "z", "count", "note"},
		{"'=cmd|' /C calc'!A0", "-1.5", "3", "line\nbreak, comma \"quoted\""},
		{"Тегеран", "2.25", "7", "a; -b"}}
	if len(recs) != len(want) {
		t.Fatalf("rows %q", recs)
	}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, recs[i], want[i])
		}
	}
	w = NewWriter(&b, "a", "b")
	w.Row("only one")
	if err := w.Flush(); err == nil {
		t.Error("a short row is not an error")
	}
}
