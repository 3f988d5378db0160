package boilerplate

// The rules' cheap keys (and the form cues) are found in one pass over a
// line with an Aho–Corasick automaton that folds ASCII case, instead of one
// substring search per key: a line that matches no rule costs one scan, not
// a hundred.

// keySet is a set of key indices.
type keySet [4]uint64

const maxKeys = len(keySet{}) * 64

func (k *keySet) add(i int)     { k[i/64] |= 1 << (i % 64) }
func (k keySet) has(i int) bool { return k[i/64]&(1<<(i%64)) != 0 }
func (k keySet) meets(m keySet) bool {
	return k[0]&m[0] != 0 || k[1]&m[1] != 0 || k[2]&m[2] != 0 || k[3]&m[3] != 0
}

// keyMatcher finds which of a fixed list of keys occur in a text.
type keyMatcher struct {
	class  [256]uint8 // byte → input class (0: a byte no key has)
	nclass int
	delta  []int32 // delta[state*nclass+class] is the next state
	rows   []int32 // delta as row offsets, negative where keys end (see scan)
	out    []keySet
	index  map[string]int
}

// newKeyMatcher builds the automaton; keys are lower case. It panics on
// more than maxKeys keys, a programming error caught by any test.
func newKeyMatcher(keys []string) *keyMatcher {
	m := &keyMatcher{index: map[string]int{}}
	var list []string
	for _, k := range keys {
		if _, ok := m.index[k]; !ok && k != "" {
			m.index[k] = len(list)
			list = append(list, k)
		}
	}
	if len(list) > maxKeys {
		panic("boilerplate: too many rule keys")
	}
	m.nclass = 1
	for _, k := range list {
		for i := 0; i < len(k); i++ {
			if m.class[k[i]] == 0 {
				m.class[k[i]] = uint8(m.nclass)
				m.nclass++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	// The trie, then the failure links breadth first.
	type node struct {
		next map[uint8]int32
		fail int32
	}
	nodes := []node{{next: map[uint8]int32{}}}
	m.out = []keySet{{}}
	for i, k := range list {
		s := int32(0)
		for j := 0; j < len(k); j++ {
			c := m.class[k[j]]
			n, ok := nodes[s].next[c]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, node{next: map[uint8]int32{}})
				m.out = append(m.out, keySet{})
				nodes[s].next[c] = n
			}
			s = n
		}
		m.out[s].add(i)
	}
	m.delta = make([]int32, len(nodes)*m.nclass)
	queue := []int32{0}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := 0; c < m.nclass; c++ {
			n, ok := nodes[s].next[uint8(c)]
			if !ok {
				if s != 0 {
					m.delta[int(s)*m.nclass+c] = m.delta[int(nodes[s].fail)*m.nclass+c]
				}
				continue
			}
			m.delta[int(s)*m.nclass+c] = n
			if s != 0 {
				f := m.delta[int(nodes[s].fail)*m.nclass+c]
				nodes[n].fail = f
				for w := range m.out[n] {
					m.out[n][w] |= m.out[f][w]
				}
			}
			queue = append(queue, n)
		}
	}
	// rows holds, for each state and class, the next state's row offset,
	// negated when keys end there (row 0, the root, never ends a key).
	m.rows = make([]int32, len(m.delta))
	for i, n := range m.delta {
		m.rows[i] = n * int32(m.nclass)
		if m.out[n] != (keySet{}) {
			m.rows[i] = -m.rows[i]
		}
	}
	return m
}

// scan returns the keys that occur in s, ignoring ASCII case.
func (m *keyMatcher) scan(s string) keySet {
	var found keySet
	row := int32(0) // the current state's row in rows
	for i := 0; i < len(s); i++ {
		row = m.rows[row+int32(m.class[s[i]])]
		if row < 0 { // a state where keys end
			row = -row
			o := &m.out[row/int32(m.nclass)]
			found[0] |= o[0]
			found[1] |= o[1]
			found[2] |= o[2]
			found[3] |= o[3]
		}
	}
	return found
}

// maskOf is the set of the given keys (all known to m).
func (m *keyMatcher) maskOf(keys []string) keySet {
	var k keySet
	for _, s := range keys {
		if i, ok := m.index[s]; ok {
			k.add(i)
		}
	}
	return k
}

// ruleKeys indexes the keys of every rule and the form cues.
type ruleKeyIndex struct {
	m      *keyMatcher
	masks  []keySet // by rule
	always []bool   // by rule: a rule with the empty key always runs
	cues   []int    // by form cue: its key index
	// headMask holds the keys of the rules that judge a paragraph by its
	// first sentence: without one, the sentence is not cut out.
	headMask keySet
}

var ruleKeys = buildRuleKeys()

func buildRuleKeys() *ruleKeyIndex {
	var all []string
	for _, r := range rules {
		all = append(all, r.keys...)
	}
	for _, c := range formCues {
		all = append(all, c.text)
	}
	ix := &ruleKeyIndex{m: newKeyMatcher(all)}
	for _, r := range rules {
		ix.masks = append(ix.masks, ix.m.maskOf(r.keys))
		always := false
		for _, k := range r.keys {
			always = always || k == ""
		}
		ix.always = append(ix.always, always)
		if headRules[r.name] {
			for w, b := range ix.masks[len(ix.masks)-1] {
				ix.headMask[w] |= b
			}
		}
	}
	for _, c := range formCues {
		ix.cues = append(ix.cues, ix.m.index[c.text])
	}
	return ix
}
