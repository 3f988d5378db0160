package safetext

import (
	"bytes"
	"strings"
	"testing"
)

func TestTerminal(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain title", "plain title"},
		{"Ünïcode, العربية, 漢字 😀", "Ünïcode, العربية, 漢字 😀"},
		{"tab\tand\nnew line", "tab\tand\nnew line"},
		{"\x1b[2J\x1b[31mred", "␛[2J␛[31mred"},
		{"bell\a back\b cr\r", "bell␇ back␈ cr␍"},
		{"nul\x00 del\x7f", "nul␀ del␡"},
		{"c1 \u009b31m", "c1 <U+009B>31m"},
		{"photo_\u202egpj.exe", "photo_<U+202E>gpj.exe"},
		{"iso\u2066late\u2069", "iso<U+2066>late<U+2069>"},
		{"bad \xff byte", "bad \ufffd byte"},
	}
	for _, c := range cases {
		if got := Terminal(c.in); got != c.want {
			t.Errorf("Terminal(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHTML(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain <b>", "plain <b>"},
		{"العربية\u200f text", "العربية\u200f text"}, // a right-to-left mark is text
		{"a\x1b[31mb\x00c\u0085d", "a[31mbcd"},
		{"line\r\nnext\ttab", "line\r\nnext\ttab"},
		{"x\u202ey\u2067z", "xyz"},
		{"bad \xff", "bad \ufffd"},
	}
	for _, c := range cases {
		if got := HTML(c.in); got != c.want {
			t.Errorf("HTML(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// The writer gives what Terminal gives however the text is cut into
// writes, runes cut in the middle included.
func TestTerminalWriter(t *testing.T) {
	in := "name\u202efdp.exe\t\x1b[1mbold\u0085 é😀 ok\n"
	want := Terminal(in)
	for size := 1; size <= len(in); size++ {
		var out bytes.Buffer
		w := NewTerminalWriter(&out)
		for i := 0; i < len(in); i += size {
			chunk := []byte(in[i:min(i+size, len(in))])
			if n, err := w.Write(chunk); err != nil || n != len(chunk) {
				t.Fatalf("Write = %d, %v", n, err)
			}
		}
		if out.String() != want {
			t.Errorf("writes of %d bytes: %q, want %q", size, out.String(), want)
		}
	}
	if strings.ContainsRune(want, 0x1b) {
		t.Errorf("escape left in %q", want)
	}
}

func FuzzTerminal(f *testing.F) {
	f.Add("\x1b]0;title\a\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range Terminal(s) {
			if dangerous(r) {
				t.Fatalf("Terminal(%q) keeps %U", s, r)
			}
		}
		for _, r := range HTML(s) {
			if dangerous(r) && r != '\r' {
				t.Fatalf("HTML(%q) keeps %U", s, r)
			}
		}
	})
}
