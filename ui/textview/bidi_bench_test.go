package textview

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/parallaxworkbench/parallax/internal/cputime"
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
// textures). Reported in ms per frame (CPU time of the process, and wall
// time for the build), and Arabic as a multiple of English measured in the
// same run.
func BenchmarkOpenScrollArabicVsEnglish(b *testing.B) {
	ar, en := benchDoc(arabicBenchPara, 20000), benchDoc(englishBenchPara, 20000)
	test.NewTempApp(b)
	v := New()
	w := test.NewTempWindow(b, v)
	w.Resize(fyne.NewSize(600, 700))
	const frames = 10
	// Wall time and the process's CPU time (the machine is shared: CPU
	// time is what the work costs, wall time what a busy machine made it).
	type span struct{ wall, cpu time.Duration }
	type times struct{ open, openPaint, scroll, scrollPaint span }
	timed := func(acc *span, f func()) {
		w0, c0 := time.Now(), cputime.Process()
		f()
		acc.wall += time.Since(w0)
		acc.cpu += cputime.Process() - c0
	}
	measure := func(text string, t *times) {
		timed(&t.open, func() {
			v.SetText(text, nil)
			test.WidgetRenderer(v.body).Refresh()
		})
		timed(&t.openPaint, func() { w.Canvas().Capture() })
		page := v.scroll.Size().Height - v.lineHeight
		for f := 1; f <= frames; f++ {
			timed(&t.scroll, func() { v.scrollTo(float32(f) * page * 7) }) // far apart: every line new
			timed(&t.scrollPaint, func() { w.Canvas().Capture() })
		}
	}
	var e, a times
	for i := 0; i < b.N; i++ {
		measure(en, &e)
		measure(ar, &a)
	}
	n := float64(b.N)
	ms := func(d time.Duration, per float64) float64 { return float64(d) / float64(time.Millisecond) / per }
	b.ReportMetric(ms(e.open.cpu, n), "en-open-cpu-ms")
	b.ReportMetric(ms(a.open.cpu, n), "ar-open-cpu-ms")
	b.ReportMetric(ms(e.open.wall, n), "en-open-ms")
	b.ReportMetric(ms(a.open.wall, n), "ar-open-ms")
	b.ReportMetric(ms(e.open.cpu+e.openPaint.cpu, n), "en-open+paint-cpu-ms")
	b.ReportMetric(ms(a.open.cpu+a.openPaint.cpu, n), "ar-open+paint-cpu-ms")
	b.ReportMetric(ms(e.scroll.cpu, n*frames), "en-scroll-cpu-ms")
	b.ReportMetric(ms(a.scroll.cpu, n*frames), "ar-scroll-cpu-ms")
	b.ReportMetric(ms(e.scroll.cpu+e.scrollPaint.cpu, n*frames), "en-scroll+paint-cpu-ms")
	b.ReportMetric(ms(a.scroll.cpu+a.scrollPaint.cpu, n*frames), "ar-scroll+paint-cpu-ms")
	b.ReportMetric(float64(a.open.cpu)/float64(e.open.cpu), "ar/en-open-cpu")
	b.ReportMetric(float64(a.scroll.cpu)/float64(e.scroll.cpu), "ar/en-scroll-cpu")
	b.ReportMetric(float64(a.open.cpu+a.openPaint.cpu)/float64(e.open.cpu+e.openPaint.cpu), "ar/en-open+paint-cpu")
	b.ReportMetric(float64(a.scroll.cpu+a.scrollPaint.cpu)/float64(e.scroll.cpu+e.scrollPaint.cpu), "ar/en-scroll+paint-cpu")
	b.ReportMetric(float64(document.CountWords(ar)), "ar-words")
	b.ReportMetric(float64(document.CountWords(en)), "en-words")
}
