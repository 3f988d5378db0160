package textdecode

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 99))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

const articleText = "The council of the valley voted on Monday to reopen the water plant, officials said. " +
	"Residents had waited for months; the mayor said the repairs were finished on time.\n"

// Random bytes, compressed data and files of binary formats named .txt are
// binary data, not an article in some code page (random bytes were a
// "windows-1251" document of 235k words).
func TestBinaryInputsRefused(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Repeat(articleText, 40)))
	zw.Close()

	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	r := rand.New(rand.NewPCG(3, 4))
	for i := range img.Pix {
		img.Pix[i] = byte(r.IntN(256))
	}
	var pngBuf bytes.Buffer
	if err := png.Encode(&pngBuf, img); err != nil {
		t.Fatal(err)
	}
	var zipBuf bytes.Buffer
	zipW := zip.NewWriter(&zipBuf)
	f, _ := zipW.Create("a.txt")
	f.Write([]byte(articleText))
	zipW.Close()
	// a PDF whose stream is compressed: text-like header, binary body
	pdf := append([]byte("%PDF-1.4\n1 0 obj << /Length 2000 /Filter /FlateDecode >>\nstream\n"), randomBytes(2000, 5)...)

	cases := map[string][]byte{
		"random 700 bytes":  randomBytes(700, 1),
		"random 4 KB":       randomBytes(4096, 2),
		"random 1 MB":       randomBytes(1<<20, 3),
		"gzip of a text":    gz.Bytes(),
		"gzip without head": gz.Bytes()[10:],
		"png":               pngBuf.Bytes(),
		"zip":               zipBuf.Bytes(),
		"pdf":               pdf,
		"pdf stream alone":  pdf[60:],
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := Decode(b)
			if !errors.Is(err, ErrBinary) {
				t.Errorf("Decode: %q text (%d bytes), err %v; want ErrBinary", res.Encoding, len(res.Text), err)
			}
			// Web pages get the signature and byte tests only (their
			// scripts make few plausible words in any encoding): short
			// random bytes pass those.
			if _, err := DecodeWithHint(b, ""); !errors.Is(err, ErrBinary) && len(b) >= entropyMinSize {
				t.Errorf("DecodeWithHint: err %v; want ErrBinary", err)
			}
		})
	}
}

// Real text in legacy code pages still decodes, whatever its script; the
// garbage test does not refuse it.
func TestLegacyTextPassesBinaryGate(t *testing.T) {
	arabic := "قال مسؤولون في المدينة إن محطة المياه ستفتح أبوابها يوم الاثنين بعد أشهر من الإصلاحات. "
	russian := "Жители долины ждали несколько месяцев; мэр сказал, что ремонт закончен вовремя. "
	french := "Les habitants de la vallée ont attendu des mois ; le maire a déclaré que les réparations étaient achevées. "
	chinese := "市议会周一投票决定重新开放水厂，官员说。居民们等了几个月。"
	koreanT := "시의회는 월요일에 정수장을 다시 열기로 투표했다고 관리들이 말했다. "
	for _, c := range []struct {
		name, text string
		enc        encoding.Encoding
	}{
		{"arabic windows-1256", arabic, charmap.Windows1256},
		{"arabic iso-8859-6", arabic, charmap.ISO8859_6},
		{"russian windows-1251", russian, charmap.Windows1251},
		{"russian koi8-r", russian, charmap.KOI8R},
		{"french windows-1252", french, charmap.Windows1252},
		{"chinese gbk", chinese, simplifiedchinese.GBK},
		{"korean euc-kr", koreanT, korean.EUCKR},
	} {
		for _, reps := range []int{1, 30} {
			text := strings.Repeat(c.text, reps)
			res, err := Decode(encode(t, c.enc, text))
			if err != nil {
				t.Errorf("%s ×%d: %v", c.name, reps, err)
				continue
			}
			if res.Text != text {
				t.Errorf("%s ×%d: decoded as %s: %.80q", c.name, reps, res.Encoding, res.Text)
			}
		}
	}
}

// The real legacy-encoded articles of the multilingual corpus are never
// refused as binary; an encoding other than their provenance's is logged
// (choosing among near-identical code pages is not this gate's job).
func TestCorpusEncodingsPassBinaryGate(t *testing.T) {
	dir := filepath.Join(testcorpus.Corpus(t, "multilingual-dev"), "encodings")
	rows, err := testcorpus.ReadTSV(filepath.Join(dir, "truth.tsv"))
	if err != nil {
		t.Skipf("no encodings truth: %v", err)
	}
	n := 0
	for _, cols := range rows {
		if len(cols) < 2 {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, cols[0]))
		if err != nil {
			t.Fatal(err)
		}
		n++
		res, err := Decode(b)
		if err != nil {
			t.Errorf("%s: %v", cols[0], err)
			continue
		}
		if res.Encoding != cols[1] {
			t.Logf("%s: decoded as %s, provenance says %s", cols[0], res.Encoding, cols[1])
		}
	}
	if n == 0 {
		t.Skip("no files in truth.tsv")
	}
}

// A web page in a legacy code page, undeclared, whose scripts make few
// plausible words, is still a page: the word test is for plain text only.
func TestScriptHeavyLegacyPageDecodes(t *testing.T) {
	script := strings.Repeat("<script>var aB=getElementById('xYz');aB.innerHTML=fooBar(qQ,zZ);</script>\n", 60)
	page := "<html><head>" + script + "</head><body><p>Жители долины ждали несколько месяцев; мэр сказал, что ремонт закончен.</p></body></html>"
	if share, n := wordShare(page); n < minWordLetters || share >= minWordShare {
		t.Fatalf("the page's word share is %.2f: the test needs one below %.2f", share, minWordShare)
	}
	res, err := DecodeWithHint(encode(t, charmap.Windows1251, page), "")
	if err != nil || res.Text != page {
		t.Errorf("DecodeWithHint = %s, %v", res.Encoding, err)
	}
}
