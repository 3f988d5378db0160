// Package safetext prepares text that came from outside (file names,
// titles, authors, article text) for where it is shown: a terminal, where
// escape sequences and control characters act instead of showing, and an
// HTML page, where control characters are invalid and bidirectional
// overrides reorder what follows them.
package safetext

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// dangerous reports whether r acts rather than shows: C0 controls (tab and
// new line excepted), DEL, C1 controls, and the bidirectional embeddings,
// overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make a
// name read backwards ("gpj.exe" shown for "exe.jpg").
func dangerous(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// visible is what a terminal shows for a dangerous rune: the Unicode
// control picture of a C0 control ("␛" for ESC), else its code point.
func visible(r rune) string {
	switch {
	case r < 0x20:
		return string(rune(0x2400 + r))
	case r == 0x7f:
		return "\u2421"
	}
	return fmt.Sprintf("<U+%04X>", r)
}

// Terminal returns s safe to print to a terminal: every control
// character but tab and new line, every C1 control and every bidi
// control is made visible ("␛[31m" for a colour escape, "<U+202E>" for a
// right-to-left override), invalid UTF-8 becomes U+FFFD.
func Terminal(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s { // invalid bytes arrive as U+FFFD
		if dangerous(r) {
			b.WriteString(visible(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// HTML returns s without what has no place in an HTML page's text: C0
// controls but tab, new line and carriage return, DEL, C1 controls and
// the bidi embeddings, overrides and isolates are dropped (the page sets
// the direction of its blocks itself); invalid UTF-8 becomes U+FFFD. It
// does not escape markup: html.EscapeString does that after.
func HTML(s string) string {
	if clean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if dangerous(r) && r != '\r' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// clean reports whether s is valid UTF-8 without a dangerous rune, the
// common case, checked without allocating.
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || dangerous(r) {
			return false
		}
		i += size
	}
	return true
}

// terminalWriter passes what is written through Terminal. A rune cut
// between two writes is held until its remaining bytes come.
type terminalWriter struct {
	w       io.Writer
	pending []byte
}

// NewTerminalWriter returns a writer that writes Terminal of everything
// written to it to w. Close is not needed: an incomplete rune left at the
// end is invalid UTF-8 and would show as U+FFFD; it is dropped instead.
func NewTerminalWriter(w io.Writer) io.Writer { return &terminalWriter{w: w} }

func (t *terminalWriter) Write(p []byte) (int, error) {
	data := p
	if len(t.pending) > 0 {
		data = append(t.pending, p...)
		t.pending = nil
	}
	// hold back an incomplete rune at the end (at most 3 bytes)
	cut := len(data)
	for k := 1; k <= 3 && k <= len(data); k++ {
		c := data[len(data)-k]
		if c < utf8.RuneSelf {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(data[len(data)-k:]) {
				cut = len(data) - k
			}
			break
		}
	}
	if cut < len(data) {
		t.pending = append([]byte(nil), data[cut:]...)
	}
	if _, err := io.WriteString(t.w, Terminal(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}
