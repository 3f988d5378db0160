package entity

import (
	"context"
	"fmt"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// benchProject is a made-up project of 40 English and 40 Arabic documents
// (the test texts, numbered so that each document's names differ).
func benchProject() ([]*document.Document, []textnorm.Folded) {
	arabic := "واتهمت فلماريا اللواء بقصف قصر زهران. ونفى إدريس المنصوري ذلك، وقال إن القوات الفلمارية قصفت المنطقة بنفسها.\n" +
		"وقال قائد الجماعة سليم العبيدي إن مقاتليه انسحبوا. وقصفت الطائرات المدينة لتبرير الهجوم. "
	var docs []*document.Document
	var folded []textnorm.Folded
	for i := 0; i < 40; i++ {
		for _, d := range []struct{ path, text string }{
			{fmt.Sprintf("en%02d.txt", i), crossEnglish + fmt.Sprintf("\nCommander Tarek Osman%d spoke in Velmaria.", i)},
			{fmt.Sprintf("ar%02d.txt", i), arabic + arabic},
		} {
			docs = append(docs, &document.Document{Path: d.path, Text: d.text})
			folded = append(folded, textnorm.Fold(d.text))
		}
	}
	return docs, folded
}

// BenchmarkCrossScriptPass compares extraction alone (the baseline) with
// extraction followed by the project pass, in one run: report the ratio.
func BenchmarkCrossScriptPass(b *testing.B) {
	x := extractor(b)
	docs, folded := benchProject()
	extractAll := func() [][]Mention {
		per := make([][]Mention, len(docs))
		for i, d := range docs {
			per[i] = x.Extract(d, folded[i])
		}
		return per
	}
	extractAll() // the native keys are built on first use
	b.Run("extract", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			extractAll()
		}
	})
	b.Run("extract+cross", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := x.CrossScriptMentions(context.Background(), docs, extractAll()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
