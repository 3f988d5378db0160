package framing

import (
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/lang"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// English is the language of a lexicon file that names none, and of a
// Latin-script document whose language could not be told (as before
// Parallax read other languages).
const English = string(lang.English)

// langOfFile reads the language from a lexicon file's name:
// "lexicon-ru.tsv" is Russian, "lexicon.tsv" English.
func langOfFile(name string) string {
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(name, "\\", "/")), ".tsv")
	if i := strings.LastIndexAny(base, "-_."); i >= 0 {
		if c := strings.ToLower(base[i+1:]); isLangCode(c) {
			return c
		}
	}
	return English
}

// languageLine reads a "# language: ru" line.
func languageLine(text string) (string, bool) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "#") {
		return "", false
	}
	t = strings.TrimSpace(strings.TrimPrefix(t, "#"))
	k, v, ok := strings.Cut(t, ":")
	if !ok || !strings.EqualFold(strings.TrimSpace(k), "language") {
		return "", false
	}
	c := strings.ToLower(strings.TrimSpace(v))
	return c, isLangCode(c)
}

// isLangCode reports whether c looks like an ISO 639-1 code.
func isLangCode(c string) bool {
	return len(c) == 2 && 'a' <= c[0] && c[0] <= 'z' && 'a' <= c[1] && c[1] <= 'z'
}

// inflectionsIn returns the regular inflections a bare term of language
// code also matches. English adds its suffixes; French its plural and
// feminine endings; Russian, Arabic and Persian inflect too much for a
// suffix list, so their lexicons write prefixes ("террорист*") and rely on
// clitics.
func inflectionsIn(code, w string) []string {
	switch code {
	case English:
		return inflections(w)
	case string(lang.French):
		if strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") {
			return nil
		}
		out := []string{w + "s", w + "es"}
		if !strings.HasSuffix(w, "e") {
			out = append(out, w+"e")
		}
		if strings.HasSuffix(w, "al") {
			out = append(out, w[:len(w)-2]+"aux")
		}
		return out
	}
	return nil
}

// clitics are the particles a language attaches to words, folded, longest
// first.
type clitics struct {
	prefixes, suffixes []string
}

// minStem is the fewest letters a word keeps once its clitics are off: "بكر"
// is not "ب" + "كر".
const minStem = 3

// newClitics folds a profile's clitic lists; nil when it has none.
func newClitics(p *lang.Profile) *clitics {
	if p == nil || len(p.Prefixes) == 0 && len(p.Suffixes) == 0 {
		return nil
	}
	fold := func(in []string) []string {
		var out []string
		for _, s := range in {
			if f := textnorm.String(strings.TrimSpace(s)); f != "" && !contains(out, f) {
				out = append(out, f)
			}
		}
		sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
		return out
	}
	return &clitics{prefixes: fold(p.Prefixes), suffixes: fold(p.Suffixes)}
}

// variants appends w and the words left when one prefix, one suffix, or
// both come off it (each leaving at least minStem letters). A nil c appends
// w only.
func (c *clitics) variants(dst []string, w string) []string {
	start := len(dst)
	dst = append(dst, w)
	if c == nil {
		return dst
	}
	for _, p := range c.prefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && utf8.RuneCountInString(rest) >= minStem {
			dst = append(dst, rest)
		}
	}
	end := len(dst)
	for i := start; i < end; i++ {
		for _, suf := range c.suffixes {
			if rest, ok := strings.CutSuffix(dst[i], suf); ok && utf8.RuneCountInString(rest) >= minStem {
				dst = append(dst, rest)
			}
		}
	}
	return dst
}

// wordMatch matches a word of a phrase after the first, clitics allowed.
func (ts *termSet) wordMatch(wp wordPat, w string) bool {
	if ts.clitics == nil {
		return wp.match(w)
	}
	var buf [8]string
	for _, v := range ts.clitics.variants(buf[:0], w) {
		if wp.match(v) {
			return true
		}
	}
	return false
}

// WithLanguages returns a copy of l that reads documents with the language
// profiles of s: the clitics of each language with terms, and the
// attribution verbs and quotation marks of every language for who is
// quoted. Without it, l reads English documents only.
func (l *Lexicon) WithLanguages(s *lang.Set) *Lexicon {
	if l == nil {
		l = &Lexicon{sets: map[string]*termSet{}}
	}
	next := *l
	next.langs = s
	next.sets = make(map[string]*termSet, len(l.sets))
	for code, ts := range l.sets {
		cp := *ts
		cp.clitics = newClitics(s.Get(lang.Code(code)))
		next.sets[code] = &cp
	}
	next.native = map[string]*nativeRules{}
	for _, p := range s.Profiles() {
		if r := compileNative(p); r != nil && p.Code != lang.English {
			next.native[string(p.Code)] = r
		}
	}
	return &next
}

// Languages lists the languages the lexicon has terms for, sorted.
func (l *Lexicon) Languages() []string {
	out := []string{}
	if l == nil {
		return out
	}
	for code := range l.sets {
		out = append(out, code)
	}
	sort.Strings(out)
	return out
}

// Covers reports whether the lexicon has terms for language code.
func (l *Lexicon) Covers(code string) bool {
	return l != nil && l.sets[code] != nil
}
