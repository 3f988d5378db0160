// Package profiles builds the language profiles Parallax ships from the data
// in resources/lang/<code>/, and attaches the few rules that need code (a
// stemmer). It is the one place that knows which languages exist.
package profiles

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/parallaxworkbench/parallax/internal/lang"
	"github.com/parallaxworkbench/parallax/resources"
)

// Default returns the shipped languages: English, Russian, Arabic, Persian,
// French and Ukrainian.
func Default() (*lang.Set, error) {
	return Load(resources.Lang)
}

// Load reads every profile under lang/ of fsys, one folder per language code.
func Load(fsys fs.FS) (*lang.Set, error) {
	entries, err := fs.ReadDir(fsys, "lang")
	if err != nil {
		return nil, fmt.Errorf("read language profiles: %w", err)
	}
	var ps []*lang.Profile
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		p, err := loadProfile(fsys, lang.Code(e.Name()))
		if err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return lang.NewSet(ps...), nil
}

// stemmer returns the stemmer of a language whose words inflect enough that
// the analyses compare stems; a language without one (nil) compares words as
// written.
//
// Russian, French and English use the Snowball stemmers of
// github.com/kljensen/snowball: Russian declines names ("Дамаске",
// "Путина"), so its analyses must compare stems. Arabic and Persian have no
// stemmer here: their clitics are the profiles' Prefixes and Suffixes.
func stemmer(code lang.Code) func(string) string {
	switch code {
	case lang.Russian:
		return func(w string) string { return russian.Stem(w, true) }
	case lang.French:
		return func(w string) string { return french.Stem(w, true) }
	case lang.English:
		return func(w string) string { return english.Stem(w, true) }
	}
	return nil
}

func loadProfile(fsys fs.FS, code lang.Code) (*lang.Profile, error) {
	dir := path.Join("lang", string(code))
	p := &lang.Profile{Code: code, Stem: stemmer(code)}
	r := reader{fsys: fsys, dir: dir}
	for _, f := range r.fields("profile.txt") {
		switch f[0] {
		case "name":
			p.Name = f[1]
		case "script":
			s, ok := scriptByName[f[1]]
			if !ok {
				r.fail("profile.txt", fmt.Errorf("unknown script %q", f[1]))
			}
			p.Script = s
		case "letters":
			p.Letters = f[1]
		}
	}
	p.Stopwords = map[string]bool{}
	p.TermStopwords = map[string]bool{}
	for _, w := range r.lines("stopwords.txt") {
		p.Stopwords[strings.ToLower(w)] = true
		p.TermStopwords[strings.ToLower(w)] = true
	}
	for _, w := range r.lines("stopwords_terms.txt") {
		p.TermStopwords[strings.ToLower(w)] = true
	}
	p.Months = r.months("months.txt")
	p.SolarMonths = r.months("solar_months.txt")
	p.Weekdays = r.lines("weekdays.txt")
	p.BylineCues = r.lines("byline.txt")
	p.DateLabels = r.lines("datelabels.txt")
	p.OutletCues = r.lines("outlets.txt")
	p.PersonTitles = r.lines("titles.txt")
	p.OrgTriggers = r.lines("orgs.txt")
	p.PlaceTriggers = r.lines("places.txt")
	p.Prefixes = r.lines("prefixes.txt")
	p.Suffixes = r.lines("suffixes.txt")
	p.AttributionVerbs = r.lines("attribution.txt")
	p.CommonWords = r.lines("common.txt")
	for _, f := range r.fields("quotes.txt") {
		p.QuoteMarks = append(p.QuoteMarks, [2]string{f[0], f[1]})
	}
	if r.err != nil {
		return nil, r.err
	}
	if p.Name == "" || p.Script == lang.ScriptNone {
		return nil, fmt.Errorf("language profile %s: profile.txt must name the language and its script", code)
	}
	return p, nil
}

var scriptByName = map[string]lang.Script{
	"latin": lang.ScriptLatin, "cyrillic": lang.ScriptCyrillic, "arabic": lang.ScriptArabic,
	"greek": lang.ScriptGreek, "hebrew": lang.ScriptHebrew,
}

// reader reads a profile's list files, keeping the first error. A missing
// file is an empty list: the language has no rule of that kind.
type reader struct {
	fsys fs.FS
	dir  string
	err  error
}

func (r *reader) fail(name string, err error) {
	if r.err == nil {
		r.err = fmt.Errorf("language profile %s: %w", path.Join(r.dir, name), err)
	}
}

// lines returns the non-empty lines of a list file, without '#' comments and
// surrounding spaces.
func (r *reader) lines(name string) []string {
	b, err := fs.ReadFile(r.fsys, path.Join(r.dir, name))
	if err != nil {
		if !isNotExist(err) {
			r.fail(name, err)
		}
		return nil
	}
	var out []string
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// months reads a month table: name or abbreviation, a tab, 1–12.
func (r *reader) months(name string) map[string]int {
	m := map[string]int{}
	for _, f := range r.fields(name) {
		n, err := strconv.Atoi(f[1])
		if err != nil || n < 1 || n > 12 {
			r.fail(name, fmt.Errorf("month %q is not 1–12", f[1]))
			continue
		}
		m[strings.ToLower(f[0])] = n
	}
	return m
}

// fields returns the lines of a two-column, tab-separated file.
func (r *reader) fields(name string) [][2]string {
	var out [][2]string
	for _, line := range r.lines(name) {
		k, v, ok := strings.Cut(line, "\t")
		if !ok {
			r.fail(name, fmt.Errorf("line %q has no tab", line))
			continue
		}
		out = append(out, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
	}
	return out
}

func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
