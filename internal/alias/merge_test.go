package alias

import "testing"

// Two windows decide aliases from the same starting point; each save
// keeps the other's decisions, and the later word on a pair wins.
func TestDecisionsSaveMergesAnotherWritersDecisions(t *testing.T) {
	dir := t.TempDir()
	start := &Decisions{Version: DecisionsVersion}
	start.Merge("Acme", "Acme Corp")
	start.Merge("Old", "Older")
	if err := start.Save(dir); err != nil {
		t.Fatal(err)
	}
	one, err := LoadDecisions(dir)
	if err != nil {
		t.Fatal(err)
	}
	two, _ := LoadDecisions(dir)

	one.Merge("Jane Doe", "J. Doe")
	one.Reject(Suggestion{FormA: "Old", FormB: "Older"}) // drops the merge
	if err := one.Save(dir); err != nil {
		t.Fatal(err)
	}
	two.Merge("Bob", "Robert")
	two.RenameEntity("Acme", "ACME Inc.")
	two.Merge("jane doe", "j. doe") // the same pair, folded alike: no duplicate harm
	if err := two.Save(dir); err != nil {
		t.Fatal(err)
	}

	got, err := LoadDecisions(dir)
	if err != nil {
		t.Fatal(err)
	}
	has := func(ps []Pair, a, b string) bool {
		for _, p := range ps {
			if samePair(p, a, b) {
				return true
			}
		}
		return false
	}
	for _, m := range [][2]string{{"Acme", "Acme Corp"}, {"Jane Doe", "J. Doe"}, {"Bob", "Robert"}} {
		if !has(got.Merges, m[0], m[1]) {
			t.Errorf("merge %v lost: %+v", m, got.Merges)
		}
	}
	if has(got.Merges, "Old", "Older") || !has(got.Rejects, "Old", "Older") {
		t.Errorf("the rejection of Old/Older was not kept: merges %+v rejects %+v", got.Merges, got.Rejects)
	}
	if len(got.Renames) != 1 || got.Renames[0].Name != "ACME Inc." {
		t.Errorf("renames = %+v", got.Renames)
	}

	// A later merge of a pair the other writer rejected wins.
	three, _ := LoadDecisions(dir)
	four, _ := LoadDecisions(dir)
	three.Reject(Suggestion{FormA: "Bob", FormB: "Robert"})
	if err := three.Save(dir); err != nil {
		t.Fatal(err)
	}
	four.Merge("Old", "Older")
	if err := four.Save(dir); err != nil {
		t.Fatal(err)
	}
	got, _ = LoadDecisions(dir)
	if has(got.Merges, "Bob", "Robert") || !has(got.Rejects, "Bob", "Robert") {
		t.Errorf("Bob/Robert: merges %+v rejects %+v", got.Merges, got.Rejects)
	}
	if !has(got.Merges, "Old", "Older") || has(got.Rejects, "Old", "Older") {
		t.Errorf("Old/Older: merges %+v rejects %+v", got.Merges, got.Rejects)
	}
}
