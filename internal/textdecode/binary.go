package textdecode

import (
	"bytes"
	"fmt"
	"math"
	"unicode"
)

// magics are the opening bytes of common binary formats that end up
// named .txt or .html (an export, a download, a renamed attachment).
var magics = []struct {
	prefix, name string
}{
	{"%PDF-", "a PDF file"},
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"\x1f\x8b", "gzip-compressed data"},
	{"PK\x03\x04", "a ZIP archive (or an Office document)"},
	{"BZh", ""}, // checked below: a digit must follow
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"\xfd7zXZ\x00", "xz-compressed data"},
	{"\x28\xb5\x2f\xfd", "zstd-compressed data"},
	{"\x7fELF", "a program (ELF)"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"},
	{"RIFF", "a RIFF file (audio, video or image)"},
	{"OggS", "an Ogg audio file"},
	{"ID3", "an MP3 audio file"},
}

// binaryFormat names the binary format whose signature b opens with, or "".
func binaryFormat(b []byte) string {
	for _, m := range magics {
		if !bytes.HasPrefix(b, []byte(m.prefix)) {
			continue
		}
		if m.prefix == "BZh" {
			if len(b) > 3 && b[3] >= '1' && b[3] <= '9' {
				return "bzip2-compressed data"
			}
			continue
		}
		if m.prefix == "ID3" && (len(b) < 5 || b[3] > 4) {
			continue // "ID3" opening a sentence, not an ID3v2 header
		}
		return m.name
	}
	if len(b) >= 12 && string(b[4:8]) == "ftyp" {
		return "an MP4 or QuickTime file"
	}
	return ""
}

// Thresholds of the garbage test on a legacy decoding, set from random
// bytes, PNG, gzip and PDF data against articles in windows-1251/1252/1256,
// KOI8-R/U, ISO-8859-6/15 (the multilingual corpus): see binary_test.go.
const (
	minWordShare   = 0.7
	maxEntropy     = 7.5
	entropyMinSize = 1024 // below, the entropy of random bytes reads lower
	minWordLetters = 32   // fewer letters in words decide nothing
)

// notText explains why bytes that decoded only as a legacy code page are
// garbage rather than text, or returns "": a byte distribution as flat as
// compressed or random data, or letters that mostly do not form words
// (one script and one case pattern per word, as running text has).
func notText(sample []byte, decoded string) string {
	if len(sample) >= entropyMinSize {
		if e := byteEntropy(sample); e > maxEntropy {
			return fmt.Sprintf("its bytes are as varied as compressed or random data, %.1f bits per byte", e)
		}
	}
	if share, n := wordShare(decoded); n >= minWordLetters && share < minWordShare {
		return fmt.Sprintf("only %.0f %% of its letters form plausible words", 100*share)
	}
	return ""
}

// byteEntropy is the Shannon entropy of b's byte distribution in bits.
func byteEntropy(b []byte) float64 {
	var hist [256]int
	for _, c := range b {
		hist[c]++
	}
	e := 0.0
	for _, c := range hist {
		if c > 0 {
			p := float64(c) / float64(len(b))
			e -= p * math.Log2(p)
		}
	}
	return e
}

// scripts tell the script of a letter for the word test; a letter of none
// of them counts as a script of its own. East Asian writing mixes Han,
// kana and Hangul inside one run of letters (no spaces): they count as one.
var scripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Arabic, unicode.Hebrew,
	unicode.Armenian, unicode.Georgian, unicode.Devanagari, unicode.Bengali, unicode.Thai,
}

const eastAsian = 100

func letterScript(r rune) int {
	if r < 0x80 {
		return 0 // ASCII letters are Latin
	}
	for i, t := range scripts {
		if unicode.Is(t, r) {
			return i
		}
	}
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) || r == 'ー' {
		return eastAsian
	}
	return -1
}

// wordShare is the share of the letters in words of two or more letters
// (at most the first detectSize characters of s) whose word is plausible:
// one script, and lower case, capitalised or all capitals. It returns how
// many letters were weighed too. Random bytes read as a code page make
// words like "жЩfЁ"; text makes words.
func wordShare(s string) (float64, int) {
	good, total := 0, 0
	var word []rune
	flush := func() {
		if len(word) >= 2 {
			total += len(word)
			if plausibleWord(word) {
				good += len(word)
			}
		}
		word = word[:0]
	}
	n := 0
	for _, r := range s {
		if n++; n > detectSize {
			break
		}
		switch {
		case unicode.IsLetter(r):
			word = append(word, r)
		case unicode.Is(unicode.Mn, r) && len(word) > 0:
			// a combining mark stays in its word
		default:
			flush()
		}
	}
	flush()
	if total == 0 {
		return 1, 0
	}
	return float64(good) / float64(total), total
}

// plausibleWord reports whether the letters of w are of one script and
// in lower case, capitalised or all in capitals.
func plausibleWord(w []rune) bool {
	sc := letterScript(w[0])
	upperAfterFirst, lowerAfterFirst := 0, 0
	for i, r := range w {
		if letterScript(r) != sc {
			return false
		}
		if i == 0 {
			continue
		}
		if unicode.IsUpper(r) {
			upperAfterFirst++
		} else if unicode.IsLower(r) {
			lowerAfterFirst++
		}
	}
	if upperAfterFirst > 0 && lowerAfterFirst > 0 {
		return false // "aBc", "AbC"
	}
	return !(upperAfterFirst > 0 && unicode.IsLower(w[0])) // "aBC"
}

// rescueCandidates are the single-byte code pages tried when the detected
// one makes no words of the letters, in order of preference on ties.
var rescueCandidates = []string{
	"windows-1252", "iso-8859-15", "iso-8859-2", "windows-1250", "windows-1251", "koi8-r", "koi8-u",
	"iso-8859-5", "ibm866", "windows-1256", "iso-8859-6", "windows-1253", "iso-8859-7",
	"windows-1255", "iso-8859-8", "windows-1254", "windows-1257",
}

// wordsIn returns the single-byte code page in which the most letters of
// sample form plausible words, when they are most of its letters
// (minWordShare), or "".
func wordsIn(sample []byte) string {
	if len(sample) > detectSize {
		sample = sample[:detectSize]
	}
	best, bestGood := "", 0.0
	for _, name := range rescueCandidates {
		r, err := decodeWith(sample, name)
		if err != nil {
			continue
		}
		share, n := wordShare(r.Text)
		if good := share * float64(n); n >= minWordLetters && share >= minWordShare && good > bestGood {
			best, bestGood = name, good
		}
	}
	return best
}

// binaryError is ErrBinary with the reason.
func binaryError(reason string) error { return fmt.Errorf("%w: %s", ErrBinary, reason) }
