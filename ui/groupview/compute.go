package groupview

import (
	"context"
	"fmt"

	"github.com/parallaxworkbench/parallax/internal/distinctive"
	"github.com/parallaxworkbench/parallax/internal/docgroups"
	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/framing"
	"github.com/parallaxworkbench/parallax/internal/groups"
	"github.com/parallaxworkbench/parallax/ui/bridge"
	"github.com/parallaxworkbench/parallax/ui/state"
)

// This file is the package's one boundary where a goroutine meets the
// widgets: the comparisons and the lexicon reload run in the background,
// and their results come back through the bridge (bridge.Do).

// result is one comparison of an analysis's documents.
type result struct {
	a         *engine.Analysis
	by        string
	groupings []string
	dist      *distinctive.Result
	cmp       *groups.Result
	err       error
}

// termsShown is how many distinctive terms the panel lists per group.
const termsShown = 60

// compare computes the comparison by `by` (off the main goroutine).
func compare(ctx context.Context, a *engine.Analysis, by string) *result {
	r := &result{a: a, by: by, groupings: a.Project().Groupings(), dist: &distinctive.Result{}, cmp: &groups.Result{}}
	// one worker: the window keeps the other core
	dist, err := a.Distinctive(ctx, by, distinctive.Options{Top: termsShown, Workers: 1})
	if err != nil {
		r.err = err
		return r
	}
	cmp, err := a.CompareGroups(ctx, by, groups.Options{})
	if err != nil {
		r.err = err
		return r
	}
	r.dist, r.cmp = dist, cmp
	return r
}

// setBy sets the grouping shown (main goroutine).
func (v *View) setBy(by string, chosen bool) {
	v.by, v.chosen = by, chosen
}

// startGrouping is the grouping to compare a's documents by: by, except
// that without stances (fewer than two stance groups) and no grouping
// picked by the analyst the panel starts from the outlets, decided from
// the labels alone rather than by a whole comparison by stance first.
func startGrouping(a *engine.Analysis, by string, chosen bool) string {
	if chosen || by != engine.ByStance {
		return by
	}
	group, err := a.Project().GroupFunc(by)
	if err != nil {
		return by // the comparison says why
	}
	docs := a.Project().Docs()
	if g := docgroups.Sort(len(docs), func(i int) string { return group(docs[i]) }); len(g.Names) < 2 {
		return engine.ByOutlet
	}
	return by
}

// compute starts the comparison of the current analysis by v.by; a newer
// one replaces it.
func (v *View) compute() {
	a := v.ctrl.Analysis()
	v.epoch++
	epoch := v.epoch
	if v.cancel != nil {
		v.cancel() // the comparison under way is for an older state
		v.cancel = nil
	}
	if a == nil || a.Project() == nil {
		v.res = nil
		v.status.SetText("")
		v.empty.SetText("The comparison appears once the project is analysed.")
		v.empty.Show()
		v.pickGroup()
		return
	}
	by, chosen := v.by, v.chosen
	v.status.SetText(fmt.Sprintf("Comparing by %s…", by))
	if v.empty.Visible() {
		// nothing shown yet: the hint says the comparison is under way
		// (it runs after the analysis is shown, seconds on a large project)
		v.empty.SetText("Comparing the documents…")
	}
	ctx, cancel := context.WithCancel(context.Background())
	v.cancel = cancel
	v.run(func() {
		r := compare(ctx, a, startGrouping(a, by, chosen))
		bridge.Do(func() {
			if v.epoch != epoch || v.ctrl.Analysis() != a {
				return // a newer analysis or grouping came meanwhile
			}
			v.cancel = nil
			cancel()
			if r.by != v.by {
				v.setBy(r.by, v.chosen) // started from the outlets
			}
			v.show(r)
			// show may have started another comparison instead (no
			// stances yet: by outlet): only an installed result counts
			if v.computed != nil && v.res == r {
				v.computed()
			}
		})
	})
}

// termLanguage is the language of the documents a distinctive term was
// found in (its first use's), whose project lexicon it is added to.
func (v *View) termLanguage(t distinctive.Term) string {
	if v.res == nil || len(t.Occurrences) == 0 {
		return ""
	}
	for _, d := range v.res.a.Project().Docs() {
		if d.Path == t.Occurrences[0].Path {
			return d.Meta.Language.Value
		}
	}
	return ""
}

// addToLexicon adds term to the project lexicon of its language, then
// recomputes the framing of a copy of the analysis with it and announces
// the copy.
func (v *View) addToLexicon(term, lang, note string) {
	a := v.ctrl.Analysis()
	if a == nil {
		return
	}
	added, err := framing.AddProjectTermTo(context.Background(), a.Project().State(), framing.Entry{Term: term, Category: "project", Note: note, Lang: lang})
	switch {
	case err != nil:
		v.status.SetText("Not added: " + err.Error())
		return
	case !added:
		v.status.SetText(fmt.Sprintf("“%s” is in %s already", term, framing.ProjectLexiconFor(lang)))
		return
	}
	v.status.SetText(fmt.Sprintf("Added “%s” to %s (category project) · updating the framing…", term, framing.ProjectLexiconFor(lang)))
	prepare := v.ctrl.AnalysisPreparers()
	v.run(func() {
		next, err := a.ReloadLexicon(context.Background())
		var apply []func()
		if err == nil {
			apply = state.Prepare(prepare, next)
		}
		bridge.Do(func() {
			switch {
			case err != nil:
				v.status.SetText(fmt.Sprintf("Added “%s”, but the lexicon does not load: %v", term, err))
			case v.ctrl.Analysis() != a:
				v.status.SetText(fmt.Sprintf("Added “%s”; it applies to the new analysis", term))
			default:
				for _, f := range apply {
					f()
				}
				v.notice = fmt.Sprintf("Added “%s” to the project lexicon (category project)", term)
				v.ctrl.SetAnalysis(next)
			}
		})
	})
}

func spanOf(start, end int) document.Span { return document.Span{Start: start, End: end} }
