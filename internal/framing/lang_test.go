package framing

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/lang/profiles"
	"github.com/parallaxworkbench/parallax/resources"
)

// shippedLexicon is the shipped lexicon with the shipped language profiles,
// as the engine loads it.
func shippedLexicon(t testing.TB) *Lexicon {
	t.Helper()
	lex, err := LoadLexicon(resources.Lexicon, "")
	if err != nil {
		t.Fatal(err)
	}
	langs, err := profiles.Default()
	if err != nil {
		t.Fatal(err)
	}
	return lex.WithLanguages(langs)
}

// analyseLang analyses documents given as language code and text, one
// outlet each unless outlets are given.
func analyseLang(t *testing.T, lex *Lexicon, docs ...[3]string) *Analysis {
	t.Helper()
	var ds []*document.Document
	for i, in := range docs {
		d := &document.Document{Path: string(rune('a'+i)) + ".txt", Text: in[1]}
		d.Meta.Language.Value = in[0]
		d.Meta.Outlet.Value = in[2]
		ds = append(ds, d)
	}
	a, err := Analyse(context.Background(), ds, nil, nil, lex, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func termsOf(d DocumentFraming) map[string]string {
	out := map[string]string{}
	for _, o := range d.Occurrences {
		out[o.Text] = o.Term
	}
	return out
}

func TestLanguageFraming(t *testing.T) {
	lex := shippedLexicon(t)
	tests := []struct {
		lang, text string
		// terms maps text as written to the lexicon term it must match.
		terms map[string]string
		// speakers as "who|verb|direct quote"; the quote may be empty.
		speakers []string
	}{
		{
			lang: "ru",
			text: "Министр обороны Сергей Ковалёв заявил, что боевики обстреляли город.\n\n" +
				"«Это террористический режим», — сказал он журналистам. По словам представителя оккупационных властей, жертв нет. " +
				"Об этом сообщил телеканал «Звезда».",
			terms: map[string]string{"боевики": "боевик*", "обстреляли": "обстрел*", "террористический": "террорист*",
				"режим": "режим*", "оккупационных": "оккупац*", "жертв": "жертв*", "По словам": "по словам"},
			speakers: []string{
				"Министр обороны Сергей Ковалёв|заявил|",
				"Министр обороны Сергей Ковалёв|сказал|Это террористический режим",
				"представителя оккупационных властей|По словам|",
				"телеканал «Звезда»|сообщил|",
			},
		},
		{
			lang: "ar",
			text: "وقال المتحدث باسم الحكومة إن الاحتلال الإسرائيلي شن غاراتٍ على المدينة. " +
				"وأضاف أن «الشهداء سقطوا بالقصف». وبحسب مصادر محلية، فإن الميليشيات انسحبت.",
			terms: map[string]string{"وقال": "قال", "الاحتلال": "احتلال", "غاراتٍ": "غارات", "الشهداء": "شهداء",
				"بالقصف": "قصف", "وبحسب": "بحسب", "مصادر": "مصادر", "الميليشيات": "ميليشي*"},
			speakers: []string{
				"المتحدث باسم الحكومة|وقال|",
				"المتحدث باسم الحكومة|وأضاف|الشهداء سقطوا بالقصف",
				"مصادر محلية|وبحسب|",
			},
		},
		{
			lang: "fa",
			text: "سخنگوی وزارت خارجه روز دوشنبه گفت: «رژیم صهیونیستی مسئول این حمله است.» " +
				"وی افزود که تروریست\u200cها شکست خورده\u200cاند. به گفته منابع محلی، شمار کشته\u200cها به ۱۲ نفر رسید. حمله\u200cهای هوایی ادامه دارد.",
			terms: map[string]string{"رژیم صهیونیستی": "رژیم صهیونیستی", "حمله": "حمله", "تروریست\u200cها": "تروریست*",
				"به گفته": "به گفته", "منابع": "منابع", "کشته\u200cها": "کشته*", "گفت": "گفت", "افزود": "افزود",
				"حمله\u200cهای": "حمله"}, // a suffix clitic comes off
			speakers: []string{
				"سخنگوی وزارت خارجه|گفت|رژیم صهیونیستی مسئول این حمله است.",
				"سخنگوی وزارت خارجه|افزود|",
				"منابع محلی|به گفته|",
			},
		},
		{
			lang: "fr",
			text: "Le ministre des Affaires étrangères a déclaré que le régime avait mené des frappes. " +
				"« Ce sont des terroristes », a-t-il ajouté. Selon lui, la ville est encerclée. Selon des sources locales, les miliciens auraient fui.",
			terms: map[string]string{"a déclaré": "a déclaré", "régime": "régime", "frappes": "frappe",
				"terroristes": "terroris*", "Selon": "selon", "sources": "sources", "miliciens": "milicien", "auraient": "auraient"},
			speakers: []string{
				"ministre des Affaires étrangères|a déclaré|",
				"ministre des Affaires étrangères|a-t-il ajouté|Ce sont des terroristes",
				"ministre des Affaires étrangères|Selon|",
				"sources locales|Selon|",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			d := analyseLang(t, lex, [3]string{tc.lang, tc.text, "Outlet"}).Documents[0]
			if d.Language != tc.lang || !d.TermsCovered || !d.SourcesCovered || d.NotCovered != "" {
				t.Fatalf("language %q covered %v/%v note %q", d.Language, d.TermsCovered, d.SourcesCovered, d.NotCovered)
			}
			got := termsOf(d)
			for text, term := range tc.terms {
				if got[text] != term {
					t.Errorf("%q matched %q, want term %q (all: %v)", text, got[text], term, got)
				}
			}
			var speakers []string
			for _, s := range d.Sources {
				speakers = append(speakers, s.Who()+"|"+s.Verb+"|"+s.Quote)
			}
			if strings.Join(speakers, "\n") != strings.Join(tc.speakers, "\n") {
				t.Errorf("speakers:\n%s\nwant:\n%s", strings.Join(speakers, "\n"), strings.Join(tc.speakers, "\n"))
			}
			for _, s := range d.Sources {
				if s.Quote != "" && !s.Direct {
					t.Errorf("%s: quote %q but not direct", s.Who(), s.Quote)
				}
				if tc.text[s.SpeakerStart:s.SpeakerEnd] == "" {
					t.Errorf("%s: empty speaker span", s.Who())
				}
			}
		})
	}
}

// TestLanguageTermsStayInTheirLanguage checks that a document is matched
// against its own language's terms only: an English word in a French text
// ("terror") and a Russian term in an English one do not count.
func TestLanguageTermsStayInTheirLanguage(t *testing.T) {
	lex := shippedLexicon(t)
	a := analyseLang(t, lex,
		[3]string{"fr", "Le mot terror apparaît dans une citation anglaise, sans plus.", "A"},
		[3]string{"en", "The word режим appears here in Russian, and nothing else does.", "B"})
	for _, d := range a.Documents {
		if len(d.Occurrences) != 0 {
			t.Errorf("%s (%s): %+v", d.Path, d.Language, d.Occurrences)
		}
		if !d.TermsCovered {
			t.Errorf("%s: not covered", d.Path)
		}
	}
}

// TestNotCovered checks that a language without a lexicon or attribution
// rules is reported as not covered rather than as zero, per document and
// per outlet, and that an outlet's rates count its measured documents only.
func TestNotCovered(t *testing.T) {
	lex := shippedLexicon(t)
	de := "Die Besatzung und das Regime: der Sprecher sagte, die Milizen hätten das Massaker begangen."
	en := "The regime's militia carried out the massacre, a spokesman said."
	a := analyseLang(t, lex, [3]string{"de", de, "Mixed"}, [3]string{"en", en, "Mixed"}, [3]string{"de", de, "German"})
	d := a.Documents[0]
	if d.TermsCovered || d.SourcesCovered || len(d.Terms) != 0 || len(d.Sources) != 0 {
		t.Fatalf("de document measured: %+v", d)
	}
	if !strings.Contains(d.NotCovered, "not covered (language: de)") {
		t.Errorf("note %q", d.NotCovered)
	}
	outlets := map[string]OutletFraming{}
	for _, o := range a.Outlets {
		outlets[o.Outlet] = o
	}
	g := outlets["German"]
	if g.TermDocuments != 0 || len(g.Terms) != 0 || g.SourceDocuments != 0 || g.NotCovered != "loaded terms not covered (language: de); quoted sources not covered (language: de)" {
		t.Errorf("German outlet: %+v", g)
	}
	m := outlets["Mixed"]
	if m.TermDocuments != 1 || m.TermWords != a.Documents[1].Words || m.Words <= m.TermWords {
		t.Fatalf("Mixed outlet: %+v", m)
	}
	if !strings.Contains(m.NotCovered, "1 of 2 documents not covered (language: de)") {
		t.Errorf("Mixed note %q", m.NotCovered)
	}
	for _, c := range m.Terms {
		if want := rate(c.Count, m.TermWords); c.Rate != want {
			t.Errorf("%s rate %.2f, want %.2f over the English words only", c.Category, c.Rate, want)
		}
	}
	// Without language profiles, only English is read.
	plain, err := LoadLexicon(resources.Lexicon, "")
	if err != nil {
		t.Fatal(err)
	}
	b := analyseLang(t, plain, [3]string{"ar", "وقال المتحدث إن الاحتلال انتهى.", "X"})
	if d := b.Documents[0]; !d.TermsCovered || d.SourcesCovered || len(d.Sources) != 0 {
		t.Errorf("ar without profiles: terms %v sources %v %+v", d.TermsCovered, d.SourcesCovered, d.Sources)
	}
}

func TestDocumentLanguage(t *testing.T) {
	langs, err := profiles.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ meta, text, want string }{
		{"fr-FR", "anything", "fr"},
		{"", "Президент заявил, что это было не так, и все они с ним согласились.", "ru"},
		{"", "Short", "en"}, // Latin, too short to tell: read as English, as before
		{"", "日本語の記事です", ""},
	} {
		d := &document.Document{Text: tc.text}
		d.Meta.Language.Value = tc.meta
		if got := documentLanguage(d, langs); got != tc.want {
			t.Errorf("%q/%q: %q, want %q", tc.meta, tc.text, got, tc.want)
		}
	}
}

func TestLexiconLanguageFiles(t *testing.T) {
	for name, want := range map[string]string{"lexicon.tsv": "en", "lexicon-ru.tsv": "ru", "x/lexicon_fa.tsv": "fa", "my-list.tsv": "en"} {
		if got := langOfFile(name); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
	es, err := ParseLexicon(strings.NewReader("# a comment\n# language: ar\nاحتلال\tdelegitimising\n"), "mine.tsv")
	if err != nil || len(es) != 1 || es[0].Lang != "ar" {
		t.Fatalf("%+v %v", es, err)
	}
	if _, err := ParseLexicon(strings.NewReader("x\ty\n# language: ar\n"), "late.tsv"); err == nil {
		t.Error("a language line after terms was accepted")
	}
	// A project's lexicon-ru.tsv adds Russian terms; removing a shipped
	// one with "-" works per language.
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, ".parallax"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".parallax", "lexicon-ru.tsv"), []byte("ватник*\tothering\nрежим*\t-\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lex, err := LoadLexicon(resources.Lexicon, dir)
	if err != nil {
		t.Fatal(err)
	}
	occ := lex.FindIn("ru", "Ватники и режим")
	if len(occ) != 1 || occ[0].Term != "ватник*" {
		t.Errorf("ru occurrences %+v", occ)
	}
	if occ := lex.Find("regime"); len(occ) != 1 {
		t.Errorf("the English regime was removed too: %+v", occ)
	}
}

func TestCliticVariants(t *testing.T) {
	c := &clitics{prefixes: []string{"وال", "ال", "و", "ب"}, suffixes: []string{"ها", "ه"}}
	got := strings.Join(c.variants(nil, "والاحتلاله"), " ")
	for _, want := range []string{"والاحتلاله", "الاحتلاله", "احتلاله", "احتلال", "الاحتلال"} {
		if !strings.Contains(" "+got+" ", " "+want+" ") {
			t.Errorf("variants %q lack %q", got, want)
		}
	}
	// A word keeps three letters: "بكر" is not "ب" + "كر".
	if got := c.variants(nil, "بكر"); len(got) != 1 {
		t.Errorf("variants of a short word: %q", got)
	}
	if got := (*clitics)(nil).variants(nil, "word"); len(got) != 1 || got[0] != "word" {
		t.Errorf("nil clitics: %q", got)
	}
}
