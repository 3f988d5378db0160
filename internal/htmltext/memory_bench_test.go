package htmltext

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/parallaxworkbench/parallax/internal/heappeak"
)

// hugePages are generated 16 MB pages: one of small elements (a DOM of 2
// million nodes), one of a script followed by the article.
func hugePages() map[string][]byte {
	article := strings.Repeat("<p>The council voted on Monday to reopen the water plant, officials said.</p>", 20)
	tiny := "<html><head><title>T</title></head><body><article>" + article +
		strings.Repeat("<i>a</i>", 16<<20/8) + "</article></body></html>"
	script := "<html><head><title>T</title></head><body><script>var x='" + strings.Repeat("a", 16<<20) +
		"';</script><article>" + article + "</article></body></html>"
	return map[string][]byte{"tiny": []byte(tiny), "script": []byte(script)}
}

// BenchmarkHugePageMemory reports the peak live heap of Extract on each
// 16 MB page, as MB and as a multiple of the page's size, beside the peak
// of html.Parse alone on the small-elements page (the DOM Extract built
// before pages were stripped and capped), measured in the same run, and
// how many pages lost their article.
func BenchmarkHugePageMemory(b *testing.B) {
	pages := hugePages()
	measure := func(f func()) uint64 {
		runtime.GC()
		stop := heappeak.Start(time.Millisecond)
		f()
		return stop()
	}
	var parsePeak uint64
	peaks := map[string]uint64{}
	lost := 0.0 // pages whose article was not found
	for b.Loop() {
		for name, page := range pages {
			peaks[name] = max(peaks[name], measure(func() {
				res, err := Extract(page, "")
				if err != nil && !errors.Is(err, ErrNoText) {
					b.Fatal(err)
				}
				if !strings.Contains(res.Text, "reopen the water plant") {
					lost++
				}
			}))
		}
		parsePeak = max(parsePeak, measure(func() {
			if _, err := html.Parse(strings.NewReader(string(pages["tiny"]))); err != nil {
				b.Fatal(err)
			}
		}))
	}
	for name, p := range peaks {
		b.ReportMetric(float64(p)/(1<<20), name+"-peak-MB")
		b.ReportMetric(float64(p)/float64(len(pages[name])), name+"-peak/size")
	}
	b.ReportMetric(float64(parsePeak)/(1<<20), "dom-parse-tiny-peak-MB")
	b.ReportMetric(float64(peaks["tiny"])/float64(parsePeak), "tiny-vs-dom-parse")
	b.ReportMetric(lost/float64(b.N), "pages-text-lost")
}
