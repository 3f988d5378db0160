package reuse

// Op is the kind of a run of words in a word-level diff.
type Op string

// The kinds of diff runs, read from the first span to the second.
const (
	Equal    Op = "equal"    // the same words (after folding) on both sides
	Inserted Op = "inserted" // words only the second span has
	Deleted  Op = "deleted"  // words only the first span has
	Changed  Op = "changed"  // words of the first span replaced by others
)

// DiffRun is a run of words of one kind. A and B are byte spans [start,end)
// in the original texts the two spans were cut from (the same offsets as
// Span.Start and Span.End); the side a run has no words on is empty and sits
// where the words would go.
type DiffRun struct {
	Op     Op  `json:"op"`
	AStart int `json:"a_start"`
	AEnd   int `json:"a_end"`
	BStart int `json:"b_start"`
	BEnd   int `json:"b_end"`
	// AWords and BWords count the run's words on each side.
	AWords int `json:"a_words"`
	BWords int `json:"b_words"`
}

// maxDiffEdits bounds the work of Diff: spans that differ in more words than
// this come back as one changed run.
const maxDiffEdits = 1000

// Diff aligns the words of two spans of a passage (folded, so disguise, case
// and punctuation do not count as differences) and returns the runs of
// equal, inserted, deleted and changed words in order, so that views and
// reports can mark what an outlet changed. It uses the spans' Text, Start
// and End only.
func Diff(a, b Span) []DiffRun {
	wa, wb := wordsOf(a.Text), wordsOf(b.Text)
	ops := editScript(wa.hash, wb.hash)
	var runs []DiffRun
	i, j := 0, 0 // next word of each side
	// posA and posB give the byte offset of a boundary before word i.
	posA := func(i int) int {
		if i < wa.len() {
			return a.Start + int(wa.start[i])
		}
		return a.Start + len(a.Text)
	}
	posB := func(j int) int {
		if j < wb.len() {
			return b.Start + int(wb.start[j])
		}
		return b.Start + len(b.Text)
	}
	endA := func(i int) int { return a.Start + int(wa.end[i-1]) }
	endB := func(j int) int { return b.Start + int(wb.end[j-1]) }
	for k := 0; k < len(ops); {
		if ops[k] == '=' {
			n := 0
			for k < len(ops) && ops[k] == '=' {
				k++
				n++
			}
			runs = append(runs, DiffRun{Op: Equal, AStart: posA(i), AEnd: endA(i + n), BStart: posB(j), BEnd: endB(j + n), AWords: n, BWords: n})
			i += n
			j += n
			continue
		}
		na, nb := 0, 0
		for k < len(ops) && ops[k] != '=' {
			if ops[k] == '-' {
				na++
			} else {
				nb++
			}
			k++
		}
		r := DiffRun{AWords: na, BWords: nb}
		switch {
		case na > 0 && nb > 0:
			r.Op = Changed
		case na > 0:
			r.Op = Deleted
		default:
			r.Op = Inserted
		}
		r.AStart, r.AEnd = posA(i), posA(i)
		if na > 0 {
			r.AEnd = endA(i + na)
		}
		r.BStart, r.BEnd = posB(j), posB(j)
		if nb > 0 {
			r.BEnd = endB(j + nb)
		}
		i += na
		j += nb
		runs = append(runs, r)
	}
	return runs
}

// editScript returns a shortest edit script turning a into b as a string of
// '=' (keep), '-' (delete from a) and '+' (insert from b), by Myers' O(ND)
// algorithm. Beyond maxDiffEdits it gives up and deletes all of a and
// inserts all of b.
func editScript(a, b []uint32) []byte {
	n, m := len(a), len(b)
	limit := min(n+m, maxDiffEdits)
	off := limit + 1
	v := make([]int, 2*limit+3)
	var trace [][]int
	found := -1
	for d := 0; d <= limit && found < 0; d++ {
		snap := make([]int, 2*d+1)
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				found = d
			}
		}
		for k := -d; k <= d; k++ {
			snap[k+d] = v[off+k]
		}
		trace = append(trace, snap)
	}
	if found < 0 {
		out := make([]byte, 0, n+m)
		for range n {
			out = append(out, '-')
		}
		for range m {
			out = append(out, '+')
		}
		return out
	}
	// Walk back through the snapshots.
	var rev []byte
	x, y := n, m
	for d := found; d > 0; d-- {
		prev := trace[d-1]
		at := func(k int) int { return prev[k+d-1] }
		k := x - y
		var pk int
		if k == -d || k != d && at(k-1) < at(k+1) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := at(pk)
		py := px - pk
		for x > px && y > py && (pk == k+1 && x > px || pk == k-1 && x > px+1) {
			x--
			y--
			rev = append(rev, '=')
		}
		if pk == k+1 {
			rev = append(rev, '+')
		} else {
			rev = append(rev, '-')
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		x--
		y--
		rev = append(rev, '=')
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}
