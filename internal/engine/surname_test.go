package engine

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestSharedSurnameCountedForItsPerson: a surname two people of the
// project share is counted, in search and coverage, for the one person its
// document names; in documents naming both or neither it stays with the
// ambiguous entity. Articles made up.
func TestSharedSurnameCountedForItsPerson(t *testing.T) {
	dir := t.TempDir()
	docs := map[string]string{
		"a-only-hillary.txt": "Hillary Clinton spoke in Ohio on Monday.\n\nThe crowd cheered when Clinton said the plan would pass. Later Clinton left for Iowa.",
		"b-only-bill.txt":    "Bill Clinton visited a school in Arkansas.\n\nTeachers said Clinton stayed for an hour.",
		"c-both.txt":         "Hillary Clinton and Bill Clinton arrived together in Denver.\n\nReporters asked whether Clinton would speak.",
		"d-neither.txt":      "The senators met in Boston on Tuesday.\n\nOne of them said Clinton had called earlier.",
	}
	for name, text := range docs {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyse(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	hillary, bill, amb := a.ents.EntityOf("Hillary Clinton"), a.ents.EntityOf("Bill Clinton"), a.ents.EntityOf("Clinton")
	if hillary == nil || bill == nil || amb == nil || hillary == bill || amb == hillary || amb == bill {
		t.Fatalf("entities Hillary %v, Bill %v, Clinton %v: want three", hillary, bill, amb)
	}
	perDoc := func(id string) map[string]int {
		n := map[string]int{}
		for _, r := range a.Search().Mentions(id) {
			n[r.Path]++
		}
		return n
	}
	checks := []struct {
		id   string
		want map[string]int
	}{
		{hillary.ID, map[string]int{"a-only-hillary.txt": 3, "c-both.txt": 1}},
		{bill.ID, map[string]int{"b-only-bill.txt": 2, "c-both.txt": 1}},
		{amb.ID, map[string]int{"c-both.txt": 1, "d-neither.txt": 1}},
	}
	for _, c := range checks {
		got := perDoc(c.id)
		if len(got) != len(c.want) {
			t.Errorf("search rows of %s by document = %v, want %v", c.id, got, c.want)
			continue
		}
		for d, n := range c.want {
			if got[d] != n {
				t.Errorf("search rows of %s by document = %v, want %v", c.id, got, c.want)
				break
			}
		}
	}
	// the coverage matrix counts what search shows
	seen := 0
	for _, row := range a.Coverage().Rows {
		var want map[string]int
		for _, c := range checks {
			if c.id == row.ID {
				want = c.want
			}
		}
		if want == nil {
			continue
		}
		seen++
		total := 0
		for _, n := range want {
			total += n
		}
		if row.Total != total || row.Documents != len(want) {
			t.Errorf("coverage of %s: %d mentions in %d documents, want %d in %d", row.Name, row.Total, row.Documents, total, len(want))
		}
	}
	if seen != len(checks) {
		t.Errorf("coverage has %d of the %d Clinton entities", seen, len(checks))
	}
}
