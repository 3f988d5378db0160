package alias

import "github.com/parallaxworkbench/parallax/internal/entity"

// mergeDecisions applies the changes from base to mine onto cur (the file
// as another writer left it) and returns the result; none is modified. A
// decision mine added wins over a contrary one in cur (the later word on a
// pair of forms wins, as when one analyst changes their mind).
func mergeDecisions(base, mine, cur *Decisions) *Decisions {
	if base == nil {
		base = &Decisions{}
	}
	out := cur.snapshot()
	addM, delM := diff(base.Merges, mine.Merges)
	addR, delR := diff(base.Rejects, mine.Rejects)
	addS, delS := diff(base.Splits, mine.Splits)
	addN, delN := diff(base.Renames, mine.Renames)
	for _, r := range addR {
		out.Merges = dropPairs(out.Merges, func(p Pair) bool { return samePair(p, r.A, r.B) })
	}
	for _, m := range addM {
		out.Rejects = dropPairs(out.Rejects, func(p Pair) bool { return samePair(p, m.A, m.B) })
	}
	for _, s := range addS {
		k := entity.Key(s.Form)
		out.Merges = dropPairs(out.Merges, func(p Pair) bool { return entity.Key(p.A) == k || entity.Key(p.B) == k })
	}
	out.Merges = apply(out.Merges, addM, delM)
	out.Rejects = apply(out.Rejects, addR, delR)
	out.Splits = apply(out.Splits, addS, delS)
	out.Renames = apply(out.Renames, addN, delN)
	return out
}

// diff returns the items of mine that base lacks and those of base that
// mine lacks, counting repeats.
func diff[T comparable](base, mine []T) (added, removed []T) {
	count := map[T]int{}
	for _, x := range base {
		count[x]++
	}
	for _, x := range mine {
		if count[x] > 0 {
			count[x]--
			continue
		}
		added = append(added, x)
	}
	for _, x := range base {
		if count[x] > 0 {
			count[x]--
			removed = append(removed, x)
		}
	}
	return added, removed
}

// apply removes one occurrence of each removed item from list and appends
// each added one it does not hold yet.
func apply[T comparable](list, added, removed []T) []T {
	out := append([]T(nil), list...)
	for _, r := range removed {
		for i, x := range out {
			if x == r {
				out = append(out[:i], out[i+1:]...)
				break
			}
		}
	}
	have := map[T]bool{}
	for _, x := range out {
		have[x] = true
	}
	for _, a := range added {
		if !have[a] {
			out = append(out, a)
			have[a] = true
		}
	}
	return out
}
