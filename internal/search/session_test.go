package search

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

// refFind is the search without any shortcut: every name checked, in
// search order, then the budget picked and scored as Find does. Find and
// every Session must give exactly its answer.
func refFind(n *Names, q string, limit int) []Match {
	p := pattern(q)
	if p == "" {
		return nil
	}
	one := oneLetter(p)
	need := bit(p[0])
	if !one {
		need = 0
		for i := 0; i < len(p); i++ {
			need |= bit(p[i])
		}
	}
	var cands []int32
	for r := 0; r < n.Len(); r++ {
		if n.sigs[r].mask&need == need && (one || isSubsequence(p, n.rkey(r))) {
			cands = append(cands, int32(r))
		}
	}
	pick := cands
	if one || len(cands) > n.budget {
		pick = n.pick(p, cands)
	}
	ms := n.score(p, pick, limit)
	if len(ms) == 0 || !ms[0].Good {
		if typo := n.typo(p, limit); len(typo) > 0 {
			ms = mergeMatches(typo, ms, limit)
		}
	}
	return ms
}

func describe(n *Names, ms []Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "%q:%d%v ", n.Item(m.Item).Text, m.Score, m.Typo)
	}
	return b.String()
}

// A session typing, mistyping, backspacing, pasting and clearing answers
// every keystroke as a fresh search does, and as the search without
// shortcuts does, on real-shaped names in three scripts, with a budget
// small enough that many queries are cut off by it.
func TestSessionAnswersAsFreshSearch(t *testing.T) {
	ents := realShapedEntities(5, 60_000, nil)
	items, _ := realShapedItems(ents)
	// shuffle the items: search order must not depend on the order given
	r := rand.New(rand.NewPCG(9, 9))
	r.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
	typed := typedSessions(6, ents, 140)
	// pastes and one-letter changes
	typed = append(typed, []keystroke{{query: "soliemani"}, {query: "s"}, {query: "x"}, {query: "xy"}, {query: "qassem sol"},
		{query: "q"}, {query: "Қ"}, {query: "аль"}, {query: "ال"}, {query: "al-"}, {query: "-"}, {query: "  "}, {query: "mohamad"}})
	for _, budget := range []int{40, 250} {
		n := NewNames(items)
		n.budget = budget
		s := n.NewSession()
		keys, cut := 0, 0
		for _, ks := range typed {
			for _, k := range ks {
				limit := 20
				if keys%7 == 0 {
					limit = 5 // the limit may change between keystrokes
				}
				got := s.Find(k.query, limit)
				fresh := n.Find(k.query, limit)
				want := refFind(n, k.query, limit)
				if !sameMatches(got, want) || !sameMatches(fresh, want) {
					t.Fatalf("budget %d, %q: session %s\nfresh %s\nwant %s", budget, k.query,
						describe(n, got), describe(n, fresh), describe(n, want))
				}
				if len(s.stack) > 0 && s.stack[len(s.stack)-1].scanned < n.Len() {
					cut++
				}
				keys++
			}
			if r.IntN(3) == 0 {
				s.Find("", 20)
			}
		}
		if keys < 1000 {
			t.Fatalf("%d keystrokes", keys)
		}
		// the test reaches both ends: queries decided before the end of the
		// names, and full scans
		if cut == 0 || cut == keys {
			t.Errorf("budget %d: %d of %d keystrokes stopped early", budget, cut, keys)
		}
	}
}

// A backspace returns the kept answer without looking at any name again;
// a longer query checks only the candidates of the shorter one.
func TestSessionBackspaceReusesAnswer(t *testing.T) {
	var items []Item
	for _, s := range []string{"Qassem Soleimani", "Qasem Suleimani", "Qatar", "Iraq", "al-Qaim", "Kata'ib Hezbollah"} {
		items = append(items, Item{Text: s, Weight: 1})
	}
	n := NewNames(items)
	s := n.NewSession()
	s.Find("qas", 10)
	s.Find("qass", 10)
	if len(s.stack) != 2 || s.stack[1].p != "qass" || len(s.stack[1].cands) > len(s.stack[0].cands) {
		t.Fatalf("stack %+v", s.stack)
	}
	kept := s.stack[0].cands
	got := s.Find("qas", 10)
	if len(s.stack) != 1 || &s.stack[0].cands[0] != &kept[0] {
		t.Errorf("backspace did not return to the kept state: %+v", s.stack)
	}
	if !sameMatches(got, n.Find("qas", 10)) || len(got) != 2 {
		t.Errorf("qas after backspace: %s", describe(n, got))
	}
	// changing the answer given does not change the kept one
	got[0].Positions[0] = -1
	if again := s.Find("qas", 10); again[0].Positions[0] == -1 {
		t.Error("the kept answer was shared with the caller")
	}
	// a different query at the same length drops what it does not extend
	s.Find("qat", 10)
	if len(s.stack) != 1 || s.stack[0].p != "qat" {
		t.Errorf("stack after qat: %+v", s.stack)
	}
	// the stack stays bounded however long the query
	long := strings.Repeat("qassem soleimani ", 8)
	for i := 1; i <= len(long); i++ {
		s.Find(long[:i], 10)
	}
	if len(s.stack) > maxStates {
		t.Errorf("%d states kept", len(s.stack))
	}
}

// topByCount gives the first k of the touched items sorted by count, then
// item, as a full sort does, ties at the cut included.
func TestTopByCount(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		size := 1 + r.IntN(20000)
		counts := make([]uint8, size)
		var touched []int32
		spread := 1 + r.IntN(6)
		for it := range counts {
			if r.IntN(3) == 0 {
				counts[it] = uint8(1 + r.IntN(spread))
				touched = append(touched, int32(it))
			}
		}
		r.Shuffle(len(touched), func(i, j int) { touched[i], touched[j] = touched[j], touched[i] })
		need, k := 1+r.IntN(3), 1+r.IntN(600)
		var want []int32
		for _, it := range touched {
			if int(counts[it]) >= need {
				want = append(want, it)
			}
		}
		sort.Slice(want, func(i, j int) bool {
			if counts[want[i]] != counts[want[j]] {
				return counts[want[i]] > counts[want[j]]
			}
			return want[i] < want[j]
		})
		want = want[:min(k, len(want))]
		got := topByCount(counts, touched, need, k)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("trial %d (size %d, need %d, k %d): got %v, want %v", trial, size, need, k, got, want)
		}
	}
}

// An index without names answers every query, typed or one-shot, with
// nothing.
func TestSessionWithoutNames(t *testing.T) {
	n := NewNames(nil)
	s := n.NewSession()
	for _, q := range []string{"a", "ab", "a", "abcdef", "Сул", "", "x", "soliemani"} {
		if m := n.Find(q, 10); len(m) != 0 {
			t.Errorf("%q: %v", q, m)
		}
		if m := s.Find(q, 10); len(m) != 0 {
			t.Errorf("typed %q: %v", q, m)
		}
	}
}
