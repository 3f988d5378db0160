package reuse

import (
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// russianStory is a paragraph written for this test.
const russianStory = "Комитет во вторник проголосовал за публикацию доклада, в котором описано, как агентство " +
	"тратило деньги, предназначенные для защиты от наводнений, на консультантов и поездки. «Нам сказали, " +
	"что работа закончена», — сказал один из членов комитета, попросивший не называть его имени. У агентства " +
	"есть время до конца месяца, чтобы ответить, а его директор снова выступит перед комитетом весной."

// latinDisguise swaps the Cyrillic letters а е о р с х, lower and upper
// case, for the Latin letters drawn alike: the reverse of the Greek-omicron
// disguise of English text.
var latinDisguise = strings.NewReplacer("а", "a", "е", "e", "о", "o", "р", "p", "с", "c", "х", "x",
	"А", "A", "Е", "E", "О", "O", "Р", "P", "С", "C", "Х", "X")

func TestRussianCopyDisguisedWithLatinLetters(t *testing.T) {
	disguised := latinDisguise.Replace(russianStory)
	if disguised == russianStory {
		t.Fatal("the disguise changed nothing")
	}
	a := doc("ru-a.txt", "Вступление другой статьи о погоде и урожае. "+russianStory)
	b := doc("ru-b.txt", "Совсем другие слова про футбол и музыку. "+disguised+" Конец.")
	ps := find(t, []*document.Document{a, b}, Options{})
	if len(ps) != 1 {
		t.Fatalf("got %d passages, want the disguised copy", len(ps))
	}
	p := ps[0]
	if p.Words < document.CountWords(russianStory)-2 || p.Similarity < 0.99 {
		t.Errorf("passage of %d words, similarity %.2f; want the whole story (%d words) word for word",
			p.Words, p.Similarity, document.CountWords(russianStory))
	}
	for _, s := range p.Spans {
		d := a
		if s.Path == b.Path {
			d = b
		}
		if d.Text[s.Start:s.End] != s.Text {
			t.Errorf("%s: span [%d,%d) is not its text", s.Path, s.Start, s.End)
		}
	}
}
