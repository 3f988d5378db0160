// Package textdecode turns the bytes of an article file into valid UTF-8 and
// names the encoding it found: a byte-order mark (UTF-8, UTF-16LE/BE), valid
// UTF-8, BOM-less UTF-16, or a legacy code page (windows-1252, ISO-8859-2,
// windows-1251, KOI8-R, …) guessed by chardet and checked against the
// plausibility of the decoded letters.
package textdecode

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// ErrBinary is returned for input that holds too many NUL or control bytes to
// be text in any supported encoding.
var ErrBinary = errors.New("binary data, not text")

// Result is decoded text and the encoding it was decoded from.
type Result struct {
	// Text is valid UTF-8, without a byte-order mark.
	Text string
	// Encoding is a lower-case WHATWG name: "utf-8", "utf-8-bom",
	// "utf-16le", "utf-16be", "windows-1252", "iso-8859-2", "windows-1251",
	// "koi8-r", "iso-8859-5", "shift_jis", …
	Encoding string
}

// The encoding names this package reports beside the WHATWG ones.
const (
	UTF8    = "utf-8"
	UTF8BOM = "utf-8-bom"
	UTF16LE = "utf-16le"
	UTF16BE = "utf-16be"
)

// sampleSize bounds the bytes inspected for detection; the whole input is
// still decoded.
const sampleSize = 64 << 10

// detectSize bounds the bytes weighed by legacy code-page detection, which
// decodes and scores them once per candidate.
const detectSize = 16 << 10

// Decode detects the encoding of b and returns its text as UTF-8. The order
// is: byte-order mark, binary check, BOM-less UTF-16, valid UTF-8 (also when
// only a few bytes are broken: they become U+FFFD), then legacy single-byte
// and multi-byte code pages. Empty input is empty "utf-8" text.
func Decode(b []byte) (Result, error) {
	if r, ok := decodeBOM(b); ok {
		return r, nil
	}
	if f := binaryFormat(b); f != "" {
		return Result{}, binaryError("it looks like " + f)
	}
	if len(b) == 0 {
		return Result{Encoding: UTF8}, nil
	}
	sample := b
	if len(sample) > sampleSize {
		sample = sample[:sampleSize]
	}
	if enc, ok := sniffUTF16(sample); ok {
		return decodeUTF16(b, enc), nil
	}
	if looksBinary(sample) {
		return Result{}, ErrBinary
	}
	if utf8.Valid(b) {
		return Result{Text: string(b), Encoding: UTF8}, nil
	}
	if mostlyUTF8(sample) {
		return Result{Text: strings.ToValidUTF8(string(b), "\uFFFD"), Encoding: UTF8}, nil
	}
	if len(sample) > detectSize {
		sample = sample[:detectSize]
	}
	name, _ := detectLegacy(sample)
	return checkedLegacy(b, sample, name)
}

// checkedLegacy decodes b with the legacy code page name and refuses the
// result when it is garbage (see notText): any byte sequence decodes in a
// single-byte code page, random bytes included.
func checkedLegacy(b, sample []byte, name string) (Result, error) {
	r, err := decodeWith(b, name)
	if err != nil {
		return r, err
	}
	text := r.Text
	if len(text) > 4*detectSize {
		text = text[:4*detectSize]
	}
	why := notText(sample, text)
	if why == "" {
		return r, nil
	}
	// Letters that form no words may be text read in the wrong code page
	// (Arabic windows-1256 read as KOI8-R): text it is if another code
	// page makes words of them.
	if alt := wordsIn(sample); alt != "" && notText(sample, "") == "" {
		return decodeWith(b, alt)
	}
	return Result{}, binaryError(why)
}

// DecodeWithHint decodes b honouring declared, a charset label from an HTML
// meta tag or an HTTP header ("ISO-8859-1", "cp1251", "utf-8"…). A byte-order
// mark wins over the declaration, as in browsers; so does valid UTF-8 with
// non-ASCII characters when a legacy code page is declared, and another
// single-byte code page when detection finds it far more plausible than
// the declared one (Cyrillic text labelled ISO-8859-1): both are common
// mislabellings. An unknown, empty or unusable label falls back to Decode.
func DecodeWithHint(b []byte, declared string) (Result, error) {
	if r, ok := decodeBOM(b); ok {
		return r, nil
	}
	if f := binaryFormat(b); f != "" {
		return Result{}, binaryError("it looks like " + f)
	}
	name := canonicalName(declared)
	switch name {
	case "", "replacement", "x-user-defined", UTF16LE, UTF16BE:
		// UTF-16 without a BOM is found by Decode from its NUL pattern.
		return Decode(b)
	}
	sample := b
	if len(sample) > sampleSize {
		sample = sample[:sampleSize]
	}
	if looksBinary(sample) {
		return Result{}, ErrBinary
	}
	if name == UTF8 {
		if utf8.Valid(b) || mostlyUTF8(sample) {
			return Result{Text: strings.ToValidUTF8(string(b), "\uFFFD"), Encoding: UTF8}, nil
		}
		return Decode(b)
	}
	if !isASCII(b) && utf8.Valid(b) {
		return Result{Text: string(b), Encoding: UTF8}, nil
	}
	if isSingleByte(name) && !isASCII(sample) {
		if better := overrideDeclared(sample, name); better != "" {
			name = better
		}
	}
	r, err := decodeWith(b, name)
	if err != nil {
		return Decode(b)
	}
	// A multi-byte declaration that leaves broken sequences is wrong.
	if !isSingleByte(name) && strings.Count(r.Text, "\uFFFD") > strings.Count(string(b), "\uFFFD") {
		return Decode(b)
	}
	return r, nil
}

// overrideMargin is how much more plausible detection must find another
// single-byte code page than the declared one to overrule the declaration:
// a Russian text labelled ISO-8859-1, not Hungarian labelled windows-1252.
const overrideMargin = 2.0

// overrideDeclared returns the detected code page of sample when it is far
// more plausible than the declared single-byte one, else "".
func overrideDeclared(sample []byte, declared string) string {
	if len(sample) > detectSize {
		sample = sample[:detectSize]
	}
	best, scores := detectLegacy(sample)
	if best == declared || scores == nil {
		return ""
	}
	declScore, ok := scores[declared]
	if !ok {
		r, err := decodeWith(sample, declared)
		if err != nil {
			return ""
		}
		declScore = plausibility(r.Text)
	}
	if scores[best]-declScore > overrideMargin {
		return best
	}
	return ""
}

// canonicalName maps a charset label to the WHATWG name of its encoding, or
// "" when the label is unknown.
func canonicalName(label string) string {
	label = strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	switch label {
	case "":
		return ""
	case "utf8":
		return UTF8
	case "macroman", "mac-roman":
		label = "macintosh"
	case "maccyrillic", "mac-cyrillic":
		label = "x-mac-cyrillic"
	case "tis-620":
		label = "windows-874"
	case "cp866", "ibm-866":
		label = "ibm866"
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return ""
	}
	return name
}

// decodeWith decodes all of b with the encoding of the WHATWG name; the
// result is made valid UTF-8 whatever the decoder leaves.
func decodeWith(b []byte, name string) (Result, error) {
	enc, err := htmlindex.Get(name)
	if err != nil {
		return Result{}, fmt.Errorf("encoding %q: %w", name, err)
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return Result{}, fmt.Errorf("decode %s: %w", name, err)
	}
	return Result{Text: strings.ToValidUTF8(string(out), "\uFFFD"), Encoding: name}, nil
}

// decodeBOM decodes input that starts with a UTF-8 or UTF-16 byte-order mark.
func decodeBOM(b []byte) (Result, bool) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return Result{Text: strings.ToValidUTF8(string(b[3:]), "\uFFFD"), Encoding: UTF8BOM}, true
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeUTF16(b[2:], UTF16LE), true
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeUTF16(b[2:], UTF16BE), true
	}
	return Result{}, false
}

// decodeUTF16 decodes BOM-less UTF-16 of the given byte order; unpaired
// surrogates and an odd last byte become U+FFFD.
func decodeUTF16(b []byte, name string) Result {
	order := unicode.LittleEndian
	if name == UTF16BE {
		order = unicode.BigEndian
	}
	var enc encoding.Encoding = unicode.UTF16(order, unicode.IgnoreBOM)
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		// The UTF-16 decoder replaces what it cannot read; an error here
		// would be a bug in x/text: keep what can be read.
		out = nil
	}
	return Result{Text: strings.ToValidUTF8(string(out), "\uFFFD"), Encoding: name}
}

// sniffUTF16 recognises BOM-less UTF-16 from its high bytes: text in one
// alphabetic script has its high bytes concentrated on zero (ASCII spaces,
// digits, punctuation) and one or two block values, while the low bytes are
// almost never zero.
func sniffUTF16(s []byte) (string, bool) {
	if len(s) < 4 {
		return "", false
	}
	n := len(s) &^ 1
	units := n / 2
	var hist [2][256]int
	for i := 0; i < n; i += 2 {
		hist[0][s[i]]++
		hist[1][s[i+1]]++
	}
	looksHigh := func(h *[256]int) bool {
		first, second := 0, 0
		for _, c := range h {
			if c > first {
				first, second = c, first
			} else if c > second {
				second = c
			}
		}
		return h[0]*20 >= units && (first+second)*10 >= units*9
	}
	switch {
	case looksHigh(&hist[1]) && hist[0][0]*20 <= units:
		return checkUTF16(s[:n], UTF16LE)
	case looksHigh(&hist[0]) && hist[1][0]*20 <= units:
		return checkUTF16(s[:n], UTF16BE)
	}
	return "", false
}

// checkUTF16 confirms a UTF-16 guess: the decoded text must be mostly free of
// control characters and broken surrogates.
func checkUTF16(s []byte, name string) (string, bool) {
	r := decodeUTF16(s, name)
	bad, total := 0, 0
	for _, c := range r.Text {
		total++
		if c == '\uFFFD' || c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			bad++
		}
	}
	if total == 0 || bad*20 > total {
		return "", false
	}
	return name, true
}

// looksBinary reports whether s holds more NUL or C0 control bytes than any
// text file would: above 1 % NULs, or above 10 % control bytes.
func looksBinary(s []byte) bool {
	nul, ctl := 0, 0
	for _, c := range s {
		switch {
		case c == 0:
			nul++
			ctl++
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1B && c != 0x1A:
			ctl++
		}
	}
	return nul > 0 && nul*100 > len(s) || ctl*10 > len(s)
}

// mostlyUTF8 reports whether s is UTF-8 with a few broken bytes: at least four
// well-formed multi-byte characters for each invalid byte. A truncated
// character at the end of the sample is not counted as broken.
func mostlyUTF8(s []byte) bool {
	multi, bad := 0, 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			if len(s)-i < utf8.UTFMax && !utf8.FullRune(s[i:]) {
				break
			}
			bad++
		} else {
			multi++
		}
		i += size
	}
	return multi > 0 && multi >= 4*bad
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isSingleByte reports whether the WHATWG encoding name is a single-byte
// code page.
func isSingleByte(name string) bool {
	return strings.HasPrefix(name, "windows-") || strings.HasPrefix(name, "iso-8859-") ||
		strings.HasPrefix(name, "koi8") || name == "ibm866" || name == "macintosh" || name == "x-mac-cyrillic"
}
