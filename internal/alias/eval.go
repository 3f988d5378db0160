package alias

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/entity"
)

// Gold is a reference grouping: entity name → its surface forms.
//
// The gold file format is plain text, one entity per line:
//
//	# comment
//	Name<TAB>form|form|form
//
// Forms are surface forms as written in the texts; a mention counts for the
// entity when its text equals a form or folds to the same key. Mentions
// whose form is in no line are left out of the evaluation.
type Gold struct {
	Names []string
	forms map[string]int // Key(form) → entity index
}

// ReadGold reads a gold file.
func ReadGold(r io.Reader) (*Gold, error) {
	g := &Gold{forms: map[string]int{}}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, forms, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("gold line %d: want name<TAB>form|form", n)
		}
		idx := len(g.Names)
		g.Names = append(g.Names, strings.TrimSpace(name))
		for _, f := range strings.Split(forms, "|") {
			if f = strings.TrimSpace(f); f != "" {
				k := entity.Key(f)
				if prev, dup := g.forms[k]; dup && prev != idx {
					return nil, fmt.Errorf("gold line %d: form %q already belongs to %s", n, f, g.Names[prev])
				}
				g.forms[k] = idx
			}
		}
	}
	return g, sc.Err()
}

// Scores are pairwise precision, recall and F1 over mentions.
type Scores struct {
	Precision, Recall, F1 float64
	Mentions              int // mentions covered by the gold
	Pairs                 int // gold pairs among them
	// Split lists gold entities spread over several predicted entities;
	// Joined predicted entities holding several gold entities.
	Split, Joined []string
	// Unseen lists gold forms (folded keys) that no mention has: names the
	// extraction missed.
	Unseen []string
}

func (s Scores) String() string {
	return fmt.Sprintf("pairwise precision %.3f recall %.3f F1 %.3f over %d mentions (%d gold pairs)",
		s.Precision, s.Recall, s.F1, s.Mentions, s.Pairs)
}

// Evaluate scores the grouping res against the gold.
func Evaluate(res *Result, gold *Gold) Scores {
	type pm struct{ gold, pred int }
	var ms []pm
	seen := map[string]bool{}
	for pi, e := range res.Entities {
		for _, m := range e.Mentions {
			k := entity.Key(m.Text)
			if gi, ok := gold.forms[k]; ok {
				ms = append(ms, pm{gi, pi})
				seen[k] = true
			}
		}
	}
	// pair counts from contingency tables: no quadratic loop
	both := map[[2]int]int{}
	byGold, byPred := map[int]int{}, map[int]int{}
	for _, m := range ms {
		both[[2]int{m.gold, m.pred}]++
		byGold[m.gold]++
		byPred[m.pred]++
	}
	pairs := func(n int) int { return n * (n - 1) / 2 }
	tp, goldPairs, predPairs := 0, 0, 0
	for _, c := range both {
		tp += pairs(c)
	}
	for _, c := range byGold {
		goldPairs += pairs(c)
	}
	for _, c := range byPred {
		predPairs += pairs(c)
	}
	s := Scores{Mentions: len(ms), Pairs: goldPairs}
	for k := range gold.forms {
		if !seen[k] {
			s.Unseen = append(s.Unseen, k)
		}
	}
	sort.Strings(s.Unseen)
	if predPairs > 0 {
		s.Precision = float64(tp) / float64(predPairs)
	}
	if goldPairs > 0 {
		s.Recall = float64(tp) / float64(goldPairs)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	goldIn, predIn := map[int]map[int]bool{}, map[int]map[int]bool{}
	for k := range both {
		if goldIn[k[0]] == nil {
			goldIn[k[0]] = map[int]bool{}
		}
		goldIn[k[0]][k[1]] = true
		if predIn[k[1]] == nil {
			predIn[k[1]] = map[int]bool{}
		}
		predIn[k[1]][k[0]] = true
	}
	for gi, ps := range goldIn {
		if len(ps) > 1 {
			s.Split = append(s.Split, gold.Names[gi])
		}
	}
	for pi, gs := range predIn {
		if len(gs) > 1 {
			s.Joined = append(s.Joined, res.Entities[pi].Name)
		}
	}
	return s
}

// PrintEvaluation evaluates res against gold and prints the figures, then
// the gold entities the grouping split and the entities it joined.
func PrintEvaluation(w io.Writer, res *Result, gold *Gold) (Scores, error) {
	s := Evaluate(res, gold)
	sort.Strings(s.Split)
	sort.Strings(s.Joined)
	if _, err := fmt.Fprintln(w, s); err != nil {
		return s, err
	}
	for _, n := range s.Split {
		if _, err := fmt.Fprintf(w, "split:  %s\n", n); err != nil {
			return s, err
		}
	}
	for _, n := range s.Joined {
		if _, err := fmt.Fprintf(w, "joined: %s\n", n); err != nil {
			return s, err
		}
	}
	if len(s.Unseen) > 0 {
		if _, err := fmt.Fprintf(w, "gold forms never extracted: %s\n", strings.Join(s.Unseen, ", ")); err != nil {
			return s, err
		}
	}
	return s, nil
}
