package textview

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// Paragraphs written for this benchmark: the same report in Arabic and in
// English, with numbers, a Latin name and brackets in the Arabic one.
const (
	arabicBenchPara = "وقال المتحدث باسم وزارة المياه إن الاجتماع %d عقد في طهران يوم الاثنين بحضور وفود من ثلاث دول، " +
		"وإن الوزراء اتفقوا على تقاسم مياه نهر الصفا بعد خلاف بدأ مع جفاف عام 2020 (1398 هجري شمسي). " +
		"وذكرت وكالة Reuters أن لجنة مشتركة ستجتمع كل ثلاثة أشهر لمراجعة الأرقام ونشر القياسات على الإنترنت، " +
		"فيما قال المزارعون في أسفل النهر إن السد حرمهم من محاصيلهم خلال السنوات الماضية."
	englishBenchPara = "The spokesman of the water ministry said that meeting %d took place in Tehran on Monday with delegations " +
		"from three states, and that the ministers agreed to share the water of the Safa river after a dispute that began " +
		"with the drought of 2020 (1398 in the Persian calendar). Reuters reported that a joint commission will meet every " +
		"three months to check the figures and publish the measurements online, while farmers downstream said the dam had cost them their harvests."
)

// benchDoc repeats a paragraph until the text has at least words words.
func benchDoc(para string, words int) string {
	var b strings.Builder
	for i := 0; document.CountWords(b.String()) < words; i++ {
		for k := 0; k < 20; k++ {
			fmt.Fprintf(&b, para+"\n\n", i*20+k)
		}
	}
	return b.String()
}

// BenchmarkOpenScrollArabicVsEnglish opens a 20,000-word Arabic document
// and the same-size English one in a 600×700 pane and scrolls each a page
// at a time. Two parts are timed per frame: building it (SetText, wrap and
// the visible lines' layout for the first; the scroll and the new lines'
// layout for the others: the work of this package on the main goroutine)
// and painting it with the test driver's software painter (Capture, which
// shapes and rasterises every text object; the GL driver caches those as
// textures). Reported in ms per frame, and Arabic as a multiple of English
// measured in the same run.
func BenchmarkOpenScrollArabicVsEnglish(b *testing.B) {
	ar, en := benchDoc(arabicBenchPara, 20000), benchDoc(englishBenchPara, 20000)
	test.NewTempApp(b)
	v := New()
	w := test.NewTempWindow(b, v)
	w.Resize(fyne.NewSize(600, 700))
	const frames = 10
	type times struct{ open, openPaint, scroll, scrollPaint time.Duration }
	measure := func(text string, t *times) {
		start := time.Now()
		v.SetText(text, nil)
		test.WidgetRenderer(v.body).Refresh()
		t.open += time.Since(start)
		start = time.Now()
		w.Canvas().Capture()
		t.openPaint += time.Since(start)
		page := v.scroll.Size().Height - v.lineHeight
		for f := 1; f <= frames; f++ {
			start = time.Now()
			v.scrollTo(float32(f) * page * 7) // far apart: every line new
			t.scroll += time.Since(start)
			start = time.Now()
			w.Canvas().Capture()
			t.scrollPaint += time.Since(start)
		}
	}
	var e, a times
	for i := 0; i < b.N; i++ {
		measure(en, &e)
		measure(ar, &a)
	}
	n := float64(b.N)
	ms := func(d time.Duration, per float64) float64 { return float64(d) / float64(time.Millisecond) / per }
	b.ReportMetric(ms(e.open, n), "en-open-ms")
	b.ReportMetric(ms(a.open, n), "ar-open-ms")
	b.ReportMetric(ms(e.open+e.openPaint, n), "en-open+paint-ms")
	b.ReportMetric(ms(a.open+a.openPaint, n), "ar-open+paint-ms")
	b.ReportMetric(ms(e.scroll, n*frames), "en-scroll-ms")
	b.ReportMetric(ms(a.scroll, n*frames), "ar-scroll-ms")
	b.ReportMetric(ms(e.scroll+e.scrollPaint, n*frames), "en-scroll+paint-ms")
	b.ReportMetric(ms(a.scroll+a.scrollPaint, n*frames), "ar-scroll+paint-ms")
	b.ReportMetric(float64(a.open)/float64(e.open), "ar/en-open")
	b.ReportMetric(float64(a.scroll)/float64(e.scroll), "ar/en-scroll")
	b.ReportMetric(float64(document.CountWords(ar)), "ar-words")
	b.ReportMetric(float64(document.CountWords(en)), "en-words")
}
