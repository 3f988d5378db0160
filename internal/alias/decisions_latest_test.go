package alias

import "testing"

func TestLatestDecisionWins(t *testing.T) {
	s := Suggestion{FormA: "Marvania", FormB: "Marvanian"}
	tests := []struct {
		name          string
		do            func(d *Decisions)
		merges, rejec int
	}{
		{"accept then reject", func(d *Decisions) { d.Accept(s); d.Reject(s) }, 0, 1},
		{"reject then accept", func(d *Decisions) { d.Reject(s); d.Accept(s) }, 1, 0},
		{"merge then split", func(d *Decisions) { d.Merge("Hezbollah", "Kata'ib Hezbollah"); d.SplitForm("kata’ib hezbollah") }, 0, 0},
		{"split leaves other merges", func(d *Decisions) { d.Merge("PMU", "PMF"); d.SplitForm("Kata'ib Hezbollah") }, 1, 0},
		{"reject of another pair keeps the merge", func(d *Decisions) { d.Accept(s); d.Reject(Suggestion{FormA: "Iran", FormB: "Iraq"}) }, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &Decisions{}
			tt.do(d)
			if len(d.Merges) != tt.merges || len(d.Rejects) != tt.rejec {
				t.Errorf("merges %v, rejects %v; want %d and %d", d.Merges, d.Rejects, tt.merges, tt.rejec)
			}
		})
	}
}
