package pdftext

import (
	"bytes"
	"strconv"
)

// This file holds a small, allocation-light lexer for content streams and
// CMaps. It works on the decoded bytes of a stream, never panics, bounds
// nesting, and skips what it does not understand, so a damaged stream yields
// the text before (and usually after) the damage.

type opKind uint8

const (
	opNum opKind = iota
	opName
	opString
	opArray
	opDict // contents are skipped but for an /ActualText string (str, num 1)
	opBool
	opNull
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind opKind
	num  float64
	str  string // string bytes or name (without slash)
	arr  []operand
}

const maxNesting = 64

type lexer struct {
	data []byte
	pos  int
}

func isWhite(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelimiter(c byte) bool {
	switch c {
	case '<', '>', '(', ')', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace skips white space and comments.
func (l *lexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// regular reads a run of regular characters.
func (l *lexer) regular() []byte {
	start := l.pos
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		if isWhite(c) || isDelimiter(c) {
			break
		}
		l.pos++
	}
	return l.data[start:l.pos]
}

func unhexByte(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// hexString reads a <...> string; l.pos is after '<'.
func (l *lexer) hexString() string {
	var out []byte
	hi := -1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v := unhexByte(c)
		if v < 0 {
			continue // white space or junk
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
}

// literalString reads a (...) string; l.pos is after '('.
func (l *lexer) literalString() string {
	// Fast path: no escapes and no nested parentheses.
	start := l.pos
	for i := l.pos; i < len(l.data); i++ {
		c := l.data[i]
		if c == ')' {
			l.pos = i + 1
			return string(l.data[start:i])
		}
		if c == '\\' || c == '(' {
			break
		}
	}
	var out []byte
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
			out = append(out, c)
		case '\\':
			if l.pos >= len(l.data) {
				return string(out)
			}
			c = l.data[l.pos]
			l.pos++
			switch c {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
			case '\n':
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(c - '0')
				for k := 0; k < 2 && l.pos < len(l.data); k++ {
					d := l.data[l.pos]
					if d < '0' || d > '7' {
						break
					}
					v = v*8 + int(d-'0')
					l.pos++
				}
				out = append(out, byte(v))
			default:
				out = append(out, c)
			}
		default:
			out = append(out, c)
		}
	}
	return string(out)
}

func decodeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			h, lo := unhexByte(b[i+1]), unhexByte(b[i+2])
			if h >= 0 && lo >= 0 {
				out = append(out, byte(h<<4|lo))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

// parseNumber parses a PDF number leniently ("--5", "5.", ".5", "1.2.3").
func parseNumber(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	c := b[0]
	if !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.') {
		return 0, false
	}
	// Fast path for small integers.
	neg := false
	i := 0
	if b[0] == '-' || b[0] == '+' {
		neg = b[0] == '-'
		i = 1
	}
	var n int64
	j := i
	for ; j < len(b) && j-i < 15; j++ {
		d := b[j]
		if d < '0' || d > '9' {
			break
		}
		n = n*10 + int64(d-'0')
	}
	if j == len(b) && j > i {
		if neg {
			n = -n
		}
		return float64(n), true
	}
	// Lenient general path: strip extra signs, keep the first dot.
	s := make([]byte, 0, len(b))
	dot := false
	for k, d := range b {
		switch {
		case d >= '0' && d <= '9':
			s = append(s, d)
		case d == '.' && !dot:
			dot = true
			s = append(s, d)
		case (d == '-' || d == '+') && len(s) == 0 && k < 2:
			if d == '-' {
				neg = true
			}
		default:
			if d == 'e' || d == 'E' {
				return 0, false // not a PDF number; treat as operator
			}
		}
	}
	if len(s) == 0 || len(s) == 1 && s[0] == '.' {
		return 0, len(b) > 0 && (b[0] == '-' || b[0] == '+' || b[0] == '.')
	}
	v, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// tokKind is what next returned.
type tokKind uint8

const (
	tokEOF tokKind = iota
	tokOperand
	tokOperator
	tokArrayEnd
	tokDictEnd
)

// next reads the next token. Operands (including whole arrays and dicts) are
// returned in *op; operators as their bytes.
func (l *lexer) next(op *operand, depth int) (tokKind, []byte) {
	l.skipSpace()
	if l.pos >= len(l.data) {
		return tokEOF, nil
	}
	c := l.data[l.pos]
	switch c {
	case '(':
		l.pos++
		*op = operand{kind: opString, str: l.literalString()}
		return tokOperand, nil
	case '<':
		if l.pos+1 < len(l.data) && l.data[l.pos+1] == '<' {
			start := l.pos
			l.pos += 2
			l.skipDict(depth + 1)
			*op = operand{kind: opDict}
			op.str, op.num = actualText(l.data[start:l.pos])
			return tokOperand, nil
		}
		l.pos++
		*op = operand{kind: opString, str: l.hexString()}
		return tokOperand, nil
	case '>':
		l.pos++
		if l.pos < len(l.data) && l.data[l.pos] == '>' {
			l.pos++
		}
		return tokDictEnd, nil
	case '[':
		l.pos++
		var arr []operand
		if depth < maxNesting {
			for {
				var el operand
				k, _ := l.next(&el, depth+1)
				if k == tokEOF || k == tokArrayEnd {
					break
				}
				if k == tokOperand {
					arr = append(arr, el)
				}
				// operators inside arrays are ignored
			}
		} else {
			l.skipUntilClose('[', ']')
		}
		*op = operand{kind: opArray, arr: arr}
		return tokOperand, nil
	case ']':
		l.pos++
		return tokArrayEnd, nil
	case '{', '}', ')':
		l.pos++
		return tokOperator, l.data[l.pos-1 : l.pos]
	case '/':
		l.pos++
		*op = operand{kind: opName, str: decodeName(l.regular())}
		return tokOperand, nil
	}
	b := l.regular()
	if len(b) == 0 { // a stray delimiter such as '%' at the end
		l.pos++
		return tokOperator, nil
	}
	if v, ok := parseNumber(b); ok {
		*op = operand{kind: opNum, num: v}
		return tokOperand, nil
	}
	switch string(b) {
	case "true":
		*op = operand{kind: opBool, num: 1}
		return tokOperand, nil
	case "false":
		*op = operand{kind: opBool}
		return tokOperand, nil
	case "null":
		*op = operand{kind: opNull}
		return tokOperand, nil
	}
	return tokOperator, b
}

// skipDict skips to the end of a dictionary whose "<<" was consumed.
func (l *lexer) skipDict(depth int) {
	var tmp operand
	for {
		k, _ := l.next(&tmp, depth)
		if k == tokEOF || k == tokDictEnd {
			return
		}
		if depth > maxNesting {
			l.skipUntilClose('<', '>')
			return
		}
	}
}

// skipUntilClose skips bytes until the brackets opened so far are closed,
// without recursion; used when nesting is too deep.
func (l *lexer) skipUntilClose(open, close byte) {
	n := 1
	for l.pos < len(l.data) && n > 0 {
		switch l.data[l.pos] {
		case open:
			n++
		case close:
			n--
		}
		l.pos++
	}
}

// skipInlineImage skips the data of an inline image after the "ID"
// operator, up to and including "EI".
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.data) && isWhite(l.data[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(l.data); i++ {
		if l.data[i] == 'E' && l.data[i+1] == 'I' &&
			(i == 0 || isWhite(l.data[i-1])) &&
			(i+2 >= len(l.data) || isWhite(l.data[i+2]) || isDelimiter(l.data[i+2])) {
			l.pos = i + 2
			return
		}
	}
	l.pos = len(l.data)
}

// ops calls fn for each operator in data with the operands before it. The
// args slice is reused between calls. fn returns false to stop. Content
// operators take a few operands: more than 64 before one are junk and
// dropped.
func ops(data []byte, fn func(op string, args []operand) bool) {
	opsN(data, 64, fn)
}

// opsN is ops keeping up to maxArgs operands before an operator. CMaps
// need many: a bfchar block holds two operands per code, and producers
// ignore the limit of 100 codes per block (LibreOffice writes 256).
func opsN(data []byte, maxArgs int, fn func(op string, args []operand) bool) {
	l := lexer{data: data}
	args := make([]operand, 0, 16)
	for {
		var o operand
		k, b := l.next(&o, 0)
		switch k {
		case tokEOF:
			return
		case tokOperand:
			if len(args) < maxArgs {
				args = append(args, o)
			}
		case tokOperator:
			if len(b) == 2 && b[0] == 'I' && b[1] == 'D' {
				l.skipInlineImage()
				args = args[:0]
				continue
			}
			if !fn(intern(b), args) {
				return
			}
			args = args[:0]
		case tokArrayEnd, tokDictEnd:
			// stray closer: ignore
		}
	}
}

// intern returns the operator's name without allocating for the common ones.
func intern(b []byte) string {
	switch string(b) {
	case "BT":
		return "BT"
	case "ET":
		return "ET"
	case "Tf":
		return "Tf"
	case "Td":
		return "Td"
	case "TD":
		return "TD"
	case "Tm":
		return "Tm"
	case "T*":
		return "T*"
	case "Tj":
		return "Tj"
	case "TJ":
		return "TJ"
	case "TL":
		return "TL"
	case "Tc":
		return "Tc"
	case "Tw":
		return "Tw"
	case "Tz":
		return "Tz"
	case "Ts":
		return "Ts"
	case "Tr":
		return "Tr"
	case "cm":
		return "cm"
	case "q":
		return "q"
	case "Q":
		return "Q"
	case "Do":
		return "Do"
	case "BDC":
		return "BDC"
	case "BMC":
		return "BMC"
	case "EMC":
		return "EMC"
	case "re", "m", "l", "c", "h", "f", "S", "n", "W", "g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "scn", "SC", "SCN", "gs", "w", "f*", "B", "b", "v", "y", "i", "j", "J", "M", "d":
		return "" // drawing operators: not needed for text
	}
	return string(b)
}

// actualText returns the /ActualText string of a marked-content property
// dictionary (the text a span of glyphs stands for), and 1 when it has one.
func actualText(dict []byte) (string, float64) {
	i := bytes.Index(dict, []byte("/ActualText"))
	if i < 0 {
		return "", 0
	}
	l := lexer{data: dict, pos: i + len("/ActualText")}
	var o operand
	if k, _ := l.next(&o, maxNesting-1); k != tokOperand || o.kind != opString {
		return "", 0
	}
	return o.str, 1
}
