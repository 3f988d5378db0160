package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

func TestFramingJSONSampleProject(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"framing", dir, "--json"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var a framing.Analysis
	if err := json.Unmarshal(out.Bytes(), &a); err != nil {
		t.Fatalf("JSON: %v\n%s", err, out.String())
	}
	if len(a.Documents) != 5 || len(a.Outlets) == 0 || len(a.Categories) == 0 {
		t.Fatalf("documents %d outlets %d categories %v", len(a.Documents), len(a.Outlets), a.Categories)
	}
	var reuters, tehran *framing.DocumentFraming
	for i := range a.Documents {
		switch {
		case strings.HasPrefix(a.Documents[i].Path, "004"):
			reuters = &a.Documents[i]
		case strings.HasPrefix(a.Documents[i].Path, "003"):
			tehran = &a.Documents[i]
		}
	}
	if reuters == nil || tehran == nil {
		t.Fatal("004 or 003 missing")
	}
	// The Reuters copy names the PMU "PMF" and calls it an Iran-backed militia.
	var pmf, militia bool
	for _, e := range reuters.Entities {
		for _, f := range e.Forms {
			pmf = pmf || f.Form == "PMF"
		}
		for _, d := range e.Descriptors {
			militia = militia || d.Key == "iran-backed militia"
		}
	}
	if !pmf || !militia {
		t.Errorf("004: PMF form %v, Iran-backed militia descriptor %v", pmf, militia)
	}
	told := false
	for _, s := range reuters.Sources {
		told = told || s.Speaker == "Qais al-Khazali" && s.Verb == "told" && s.To == "Reuters"
	}
	if !told {
		t.Errorf("004 sources = %+v", reuters.Sources)
	}
	zionist := 0
	for _, c := range tehran.Terms {
		for _, tc := range c.Terms {
			if tc.Term == "zionist regime" {
				zionist = tc.Count
			}
		}
	}
	if zionist != 3 {
		t.Errorf("003 terms = %+v", tehran.Terms)
	}
	// The promised per-document fields are all there.
	var raw struct {
		Documents []map[string]json.RawMessage `json:"documents"`
	}
	if err := json.Unmarshal(out.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"path", "outlet", "date", "stance", "terms", "sources", "entities"} {
		if _, ok := raw.Documents[0][k]; !ok {
			t.Errorf("document JSON lacks %q", k)
		}
	}
}

func TestFramingTableAndUsage(t *testing.T) {
	dir := testcorpus.SampleProjectCopy(t)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"framing", dir}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"LOADED TERMS PER 1,000 WORDS", "VOICES", "NAMING", "PMF", "zionist regime"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
	for _, args := range [][]string{{"framing"}, {"framing", dir, dir}, {"framing", dir, "--top", "0"}} {
		out.Reset()
		errOut.Reset()
		if code := run(context.Background(), args, &out, &errOut); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
