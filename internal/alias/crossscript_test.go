package alias

import (
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/entity"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// extractTexts runs the extractor on made-up documents, as the engine does.
func extractTexts(t *testing.T, gaz *entity.Gazetteer, docs map[string]string) []entity.Mention {
	t.Helper()
	x := entity.NewExtractor(gaz)
	var ms []entity.Mention
	for path, text := range docs {
		d := &document.Document{Path: path, Text: text}
		ms = append(ms, x.Extract(d, textnorm.Fold(text))...)
	}
	return ms
}

func TestOneEntityAcrossScripts(t *testing.T) {
	gaz := defaultGazetteer(t)
	docs := map[string]string{
		"en.txt": "President Vladimir Putin arrived in Damascus on Monday. Putin met Volodymyr Zelensky's envoy. " +
			"Commander Qassem Soleimani was killed near Baghdad. General Tarik Vashenko, a commander, said Vashenko's unit left Harnava.",
		"ru.txt": "Президент Владимир Путин прилетел в Дамаск. Переговоры в Дамаске продлились час. Путина встретил Зеленский.\n" +
			"Генерал Тарик Вашенко заявил, что части Вашенко покинули Харнаву. Генерал Вашенко вернулся.",
		"ar.txt": "وصل الرئيس فلاديمير بوتين إلى دمشق. وقال زيلينسكي إن اللواء قاسم سليماني قتل قرب بغداد. وقال الجنرال طارق فاشينكو إن الوحدة انسحبت.",
		"fa.txt": "پوتین به دمشق رفت. سردار سلیمانی در بغداد کشته شد. ژنرال طارق واشنکو گفت.",
	}
	res := Group(extractTexts(t, gaz, docs), gaz, nil)
	groups := []struct {
		forms  []string
		scopes int // documents the entity must be in
	}{
		{[]string{"Damascus", "Дамаск", "Дамаске", "دمشق"}, 4},
		{[]string{"Vladimir Putin", "Putin", "Путина", "فلاديمير بوتين", "پوتین"}, 4},
		{[]string{"Volodymyr Zelensky", "Зеленский", "زيلينسكي"}, 3},
		{[]string{"Qassem Soleimani", "قاسم سليماني", "سلیمانی"}, 3},
	}
	for _, gr := range groups {
		e := res.EntityOf(gr.forms[0])
		if e == nil {
			t.Errorf("no entity for %q", gr.forms[0])
			continue
		}
		for _, f := range gr.forms[1:] {
			if res.EntityOf(f) != e {
				t.Errorf("%q is not in the entity of %q (forms %v)", f, gr.forms[0], e.Forms)
			}
		}
		if len(e.Documents) < gr.scopes {
			t.Errorf("%s in %d documents, want %d", e.Name, len(e.Documents), gr.scopes)
		}
	}
	// a name no gazetteer knows joins across scripts by transliteration,
	// with its reason and confidence
	e := res.EntityOf("Tarik Vashenko")
	if e == nil || res.EntityOf("Тарик Вашенко") != e {
		t.Fatalf("Tarik Vashenko / Тарик Вашенко not one entity: %v / %v", e, res.EntityOf("Тарик Вашенко"))
	}
	found := false
	for _, mg := range e.Merges {
		if mg.Reason == ReasonCrossScript && mg.Confidence >= Threshold {
			found = true
		}
	}
	if !found {
		t.Errorf("no cross-script merge recorded: %+v", e.Merges)
	}
	// Damascus and Baghdad stay apart
	if res.EntityOf("Damascus") == res.EntityOf("Baghdad") {
		t.Error("two cities merged")
	}
}

func TestCrossScriptUnsureIsASuggestion(t *testing.T) {
	// two forms of unknown kind that only read alike: suggested, not merged
	ms := []entity.Mention{
		{Doc: "a", Text: "Morvano", Key: "morvano", Kind: entity.Other, Evidence: "capitalised"},
		{Doc: "b", Text: "Морвано", Key: "морвано", Kind: entity.Other, Evidence: "capitalised"},
	}
	res := Group(ms, defaultGazetteer(t), nil)
	if together(res, "Morvano", "Морвано") {
		t.Error("an unsure cross-script pair was merged")
	}
	found := false
	for _, s := range res.Suggestions {
		if s.Reason == ReasonCrossScript {
			found = true
		}
	}
	if !found {
		t.Errorf("no cross-script suggestion: %+v", res.Suggestions)
	}
}
