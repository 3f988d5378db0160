package framing

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/lang"
)

// languages returns the profiles given by WithLanguages, or nil.
func (l *Lexicon) languages() *lang.Set {
	if l == nil {
		return nil
	}
	return l.langs
}

// nativeRules returns the attribution rules of language code given by
// WithLanguages, or nil.
func (l *Lexicon) nativeRules(code string) *nativeRules {
	if l == nil {
		return nil
	}
	return l.native[code]
}

// detectBytes bounds the text read to guess a language no reader set.
const detectBytes = 4000

// documentLanguage returns the language a document is read in: its
// metadata's language ("en-GB" reads as "en"), else the language detected
// with langs. A Latin-script text whose language cannot be told is read as
// English, as Parallax read every document before it knew other languages;
// any other text is of unknown language ("") and not covered.
func documentLanguage(d *document.Document, langs *lang.Set) string {
	if v := primaryTag(d.Meta.Language.Value); v != "" {
		return v
	}
	text := d.Text
	if len(text) > detectBytes {
		cut := detectBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if langs != nil {
		if det := langs.Detect(text); det.Code != lang.Unknown {
			return string(det.Code)
		}
	}
	switch lang.DominantScript(text) {
	case lang.ScriptLatin, lang.ScriptNone:
		return English
	}
	return ""
}

// primaryTag returns the language of a tag in lower case: "fr-FR" → "fr".
func primaryTag(v string) string {
	v = strings.TrimSpace(v)
	if i := strings.IndexAny(v, "-_"); i >= 0 {
		v = v[:i]
	}
	return strings.ToLower(v)
}

// NotCovered is the note shown in place of a measure for a language
// Parallax has no rules for: "not covered (language: de)".
func NotCovered(language string) string {
	if language == "" {
		language = "unknown"
	}
	return fmt.Sprintf("not covered (language: %s)", language)
}

// notCoveredNote says which analyses of a document were not run.
func notCoveredNote(language string, terms, sources bool) string {
	switch {
	case terms && sources:
		return ""
	case !terms && !sources:
		return "loaded terms and quoted sources " + NotCovered(language)
	case !terms:
		return "loaded terms " + NotCovered(language)
	}
	return "quoted sources " + NotCovered(language)
}

// sources finds who the document quotes or cites with the rules of its
// language: the English rules, or a profile's attribution verbs and
// quotation marks. A language with neither is not covered (false).
func (c *docCtx) sources(lex *Lexicon, ms []mentionRef, entities []EntityInput) ([]Attribution, bool) {
	if c.lang == English {
		return c.attributions(ms, entities), true
	}
	r := lex.nativeRules(c.lang)
	if r == nil {
		return []Attribution{}, false
	}
	return c.nativeAttributions(r, ms, entities), true
}
