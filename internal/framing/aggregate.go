package framing

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// aggregateOutlets sums the documents of each outlet.
func aggregateOutlets(docs []DocumentFraming) []OutletFraming {
	return aggregateOutletsWith(docs, nil)
}

// aggregateOutletsWith sums the documents of each outlet, counting the
// voices of speakers the index resolves to one entity as one (speakers.go).
func aggregateOutletsWith(docs []DocumentFraming, speakers *speakerIndex) []OutletFraming {
	byOutlet := map[string]*outletAcc{}
	var names []string
	for i := range docs {
		d := &docs[i]
		a := byOutlet[d.Outlet]
		if a == nil {
			a = newOutletAcc(d.Outlet)
			byOutlet[d.Outlet] = a
			names = append(names, d.Outlet)
		}
		a.add(d, func(_ int, s Attribution) (string, string) { return speakers.voiceOf(d.Path, s) })
	}
	sort.Strings(names)
	out := make([]OutletFraming, 0, len(names))
	for _, n := range names {
		out = append(out, byOutlet[n].finish())
	}
	return out
}

// outletAcc sums the documents of one outlet, in the documents' order.
// An outlet's sums read only its own documents (and the voice each of
// their sources is), which is what lets Update redo only the outlets a
// changed document is in.
type outletAcc struct {
	o       OutletFraming
	terms   map[string]map[string]int
	voices  map[string]*Voice
	vdocs   map[string]map[string]bool
	stances map[string]bool
	// languages of the documents not measured, per analysis
	noTerms, noSources map[string]int
	langs              map[string]bool
}

func newOutletAcc(outlet string) *outletAcc {
	return &outletAcc{o: OutletFraming{Outlet: outlet}, terms: map[string]map[string]int{},
		voices: map[string]*Voice{}, vdocs: map[string]map[string]bool{}, stances: map[string]bool{},
		noTerms: map[string]int{}, noSources: map[string]int{}, langs: map[string]bool{}}
}

// add sums d; voice gives the grouping key and the name shown of each of
// its sources that has a speaker (k: its place in d.Sources).
func (a *outletAcc) add(d *DocumentFraming, voice func(k int, s Attribution) (key, who string)) {
	a.o.Documents++
	a.o.Words += d.Words
	if d.Stance != "" {
		a.stances[d.Stance] = true
	}
	if d.Language != "" {
		a.langs[d.Language] = true
	}
	if d.TermsCovered {
		a.o.TermDocuments++
		a.o.TermWords += d.Words
	} else {
		a.noTerms[d.Language]++
	}
	if d.SourcesCovered {
		a.o.SourceDocuments++
	} else {
		a.noSources[d.Language]++
	}
	for _, cc := range d.Terms {
		m := a.terms[cc.Category]
		if m == nil {
			m = map[string]int{}
			a.terms[cc.Category] = m
		}
		for _, t := range cc.Terms {
			m[t.Term] += t.Count
		}
	}
	for j, s := range d.Sources {
		if s.Who() == "" {
			continue
		}
		k, who := voice(j, s)
		v := a.voices[k]
		if v == nil {
			v = &Voice{Speaker: who}
			a.voices[k] = v
			a.vdocs[k] = map[string]bool{}
		}
		v.Count++
		if s.Direct {
			v.Direct++
		}
		a.vdocs[k][d.Path] = true
	}
}

// finish returns the outlet's sums; a is spent.
func (a *outletAcc) finish() OutletFraming {
	mergeSurnames(a.voices, a.vdocs)
	o := a.o
	for s := range a.stances {
		o.Stances = append(o.Stances, s)
	}
	sort.Strings(o.Stances)
	for l := range a.langs {
		o.Languages = append(o.Languages, l)
	}
	sort.Strings(o.Languages)
	o.TermsNotCovered, o.SourcesNotCovered = outletNotCovered(o, a.noTerms, a.noSources)
	o.NotCovered = joinNotCovered(o.TermsNotCovered, o.SourcesNotCovered)
	// Rates are per 1,000 words of the documents whose terms were
	// measured: an outlet's unmeasured documents do not dilute them.
	o.Terms = categoryCounts(a.terms, o.TermWords)
	o.Voices = make([]Voice, 0, len(a.voices))
	for k, v := range a.voices {
		v.Documents = len(a.vdocs[k])
		o.Voices = append(o.Voices, *v)
	}
	sortVoices(o.Voices)
	return o
}

// sortVoices orders an outlet's voices by count, then name. Two voices
// may show the same name ("Gardner" resolved to an entity and "Gardner"
// that was not): the rest of their figures decides, so the order never
// depends on the map they were gathered in.
func sortVoices(vs []Voice) {
	sort.Slice(vs, func(i, j int) bool {
		a, b := vs[i], vs[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Speaker != b.Speaker {
			return a.Speaker < b.Speaker
		}
		if a.Direct != b.Direct {
			return a.Direct > b.Direct
		}
		return a.Documents > b.Documents
	})
}

// outletNotCovered says which of an outlet's documents were not measured,
// for its terms and for its sources: "not covered (language: de)", or
// "2 of 5 documents not covered (language: de)" when some were.
func outletNotCovered(o OutletFraming, noTerms, noSources map[string]int) (terms, sources string) {
	part := func(missing map[string]int, measured int) string {
		n := 0
		var langs []string
		for l, k := range missing {
			n += k
			if l == "" {
				l = "unknown"
			}
			langs = append(langs, l)
		}
		if n == 0 {
			return ""
		}
		sort.Strings(langs)
		note := NotCovered(strings.Join(langs, ", "))
		if measured == 0 {
			return note
		}
		return fmt.Sprintf("%d of %d documents %s", n, n+measured, note)
	}
	return part(noTerms, o.TermDocuments), part(noSources, o.SourceDocuments)
}

// joinNotCovered is the outlet's whole note: "loaded terms not covered
// (language: de); quoted sources: 1 of 2 documents not covered (…)".
func joinNotCovered(terms, sources string) string {
	var parts []string
	for _, p := range []struct{ what, note string }{{"loaded terms", terms}, {"quoted sources", sources}} {
		switch {
		case p.note == "":
		case strings.HasPrefix(p.note, "not covered"):
			parts = append(parts, p.what+" "+p.note)
		default:
			parts = append(parts, p.what+": "+p.note)
		}
	}
	return strings.Join(parts, "; ")
}

// categoryCounts builds sorted category counts from term counts.
func categoryCounts(terms map[string]map[string]int, words int) []CategoryCount {
	out := make([]CategoryCount, 0, len(terms))
	for cat, m := range terms {
		cc := CategoryCount{Category: cat}
		for t, n := range m {
			cc.Count += n
			cc.Terms = append(cc.Terms, TermCount{Term: t, Count: n})
		}
		cc.Rate = rate(cc.Count, words)
		sortTermCounts(cc.Terms)
		out = append(out, cc)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Category < out[j].Category })
	return out
}

// voiceKey groups speakers: the name at the end of the speaker phrase when
// there is one ("Iraq's Vice President Nouri al-Maliki" → "nouri al-maliki"),
// else the folded phrase without a leading determiner.
func voiceKey(s string) string {
	words := strings.Fields(s)
	i := len(words)
	for i > 0 && nameWord(words[i-1]) {
		i--
	}
	// Titles written with capitals ("Vice President") are not the name.
	for i < len(words) && titles[textnorm.String(strings.TrimSuffix(words[i], "."))+"."] || i < len(words) && titles[textnorm.String(words[i])] {
		i++
	}
	if i < len(words) && i > 0 {
		return textnorm.String(strings.Join(words[i:], " "))
	}
	return speakerKey(s)
}

// nameWord reports whether a word of a speaker phrase looks like part of a
// name: capitalised, or an Arabic article before a capital ("al-Maliki").
func nameWord(w string) bool {
	if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
		return false
	}
	if h := strings.IndexByte(w, '-'); h > 0 && nameParticles[strings.ToLower(w[:h])] {
		w = w[h+1:]
	}
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// mergeSurnames folds a one-word voice ("muslih") into the one longer voice
// that ends with it ("qasim muslih"), keeping the longer name. The longer
// voices are indexed by their last word, so the cost is linear in the
// voices (comparing every pair was quadratic: seconds per outlet at 40k
// documents). A longer voice has exactly one last word, so the merges are
// independent of each other and of their order.
func mergeSurnames(voices map[string]*Voice, vdocs map[string]map[string]bool) {
	type ending struct {
		long string
		n    int // longer voices ending with the word
	}
	var ends map[string]*ending
	for long, v := range voices {
		sp := strings.LastIndexByte(long, ' ')
		if sp < 0 || v == nil {
			continue
		}
		short := long[sp+1:]
		if voices[short] == nil {
			continue
		}
		if ends == nil {
			ends = map[string]*ending{}
		}
		e := ends[short]
		if e == nil {
			e = &ending{}
			ends[short] = e
		}
		e.long = long
		e.n++
	}
	for short, e := range ends {
		if e.n != 1 {
			continue
		}
		l, s := voices[e.long], voices[short]
		l.Count += s.Count
		l.Direct += s.Direct
		for p := range vdocs[short] {
			vdocs[e.long][p] = true
		}
		delete(voices, short)
		delete(vdocs, short)
	}
}

// speakerKey groups speakers: folded, without a leading determiner.
func speakerKey(s string) string {
	f := strings.Fields(textnorm.String(s))
	for len(f) > 1 && determiners[f[0]] {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// aggregateEntities gathers each entity's forms and descriptors per outlet.
func aggregateEntities(docs []DocumentFraming, entities []EntityInput) []EntityNaming {
	per := make([]map[string]*namingAcc, len(entities))
	fold := formFolder()
	byID := map[string]int{}
	for i, e := range entities {
		if _, dup := byID[e.ID]; !dup {
			byID[e.ID] = i
		}
	}
	for _, d := range docs {
		for k := range d.Entities {
			de := &d.Entities[k]
			i, ok := byID[de.ID]
			if !ok {
				continue
			}
			if per[i] == nil {
				per[i] = map[string]*namingAcc{}
			}
			a := per[i][d.Outlet]
			if a == nil {
				a = newNamingAcc(d.Outlet)
				per[i][d.Outlet] = a
			}
			a.add(de, fold)
		}
	}
	out := []EntityNaming{}
	for i, e := range entities {
		if per[i] == nil {
			continue
		}
		out = append(out, EntityNaming{ID: e.ID, Name: e.Name, Kind: e.Kind, Outlets: finishNamings(per[i])})
	}
	return out
}

// namingAcc sums one entity's forms and descriptors in one outlet, in the
// documents' order (the first document's text of a descriptor is shown).
type namingAcc struct {
	n     OutletNaming
	forms map[string]*formAcc
	descs map[string]*Descriptor
}

func newNamingAcc(outlet string) *namingAcc {
	return &namingAcc{n: OutletNaming{Outlet: outlet}, forms: map[string]*formAcc{}, descs: map[string]*Descriptor{}}
}

// add sums de; fold folds a form (formFolder).
func (a *namingAcc) add(de *DocEntity, fold func(string) string) {
	a.n.Documents++
	a.n.Mentions += de.Mentions
	for _, f := range de.Forms {
		k := fold(f.Form)
		fa := a.forms[k]
		if fa == nil {
			fa = &formAcc{display: f.Form}
			a.forms[k] = fa
		} else if fa.display == strings.ToLower(fa.display) && f.Form != strings.ToLower(f.Form) {
			fa.display = f.Form // show "Popular Mobilization Units" over its lower-case variant
		}
		fa.count += f.Count
	}
	for _, ds := range de.Descriptors {
		k := ds.Relation + "\x00" + ds.Key
		x := a.descs[k]
		if x == nil {
			x = &Descriptor{Text: ds.Text, Key: ds.Key, Relation: ds.Relation, Categories: ds.Categories}
			a.descs[k] = x
		}
		x.Count += ds.Count
		x.Documents++
	}
}

// formFolder returns textnorm.String remembering its answers: the same
// few forms of an entity recur in thousands of documents. Not safe for
// concurrent use.
func formFolder() func(string) string {
	seen := map[string]string{}
	return func(s string) string {
		k, ok := seen[s]
		if !ok {
			k = textnorm.String(s)
			seen[s] = k
		}
		return k
	}
}

// finishNamings lists an entity's outlets in name order; the accumulators
// are spent.
func finishNamings(per map[string]*namingAcc) []OutletNaming {
	outlets := make([]string, 0, len(per))
	for o := range per {
		outlets = append(outlets, o)
	}
	sort.Strings(outlets)
	out := make([]OutletNaming, 0, len(outlets))
	for _, o := range outlets {
		a := per[o]
		a.n.Forms = sortedForms(a.forms)
		a.n.Descriptors = make([]Descriptor, 0, len(a.descs))
		for _, d := range a.descs {
			a.n.Descriptors = append(a.n.Descriptors, *d)
		}
		sortDescriptors(a.n.Descriptors)
		out = append(out, a.n)
	}
	return out
}
