package pdftext

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"regexp"
	"strconv"
)

// The library decrypts only RC4 and one form of AES-128 (V=4 with the same
// AESV2 filter for streams and strings). Files encrypted with AES-256
// (revisions 5 and 6), with separate or Identity crypt filters, or with RC4
// through a crypt filter are common (Acrobat, qpdf, LibreOffice with a
// permissions password) and poppler reads them with the empty user
// password. The standard security handler is implemented here: every
// string and stream of the file is decrypted and the objects are written
// into a new, unencrypted file with a rebuilt cross-reference table, which
// the library then reads as any other file.

// cryptMethod is how one class of data (strings or streams) is encrypted.
type cryptMethod uint8

const (
	cryptIdentity cryptMethod = iota // not encrypted
	cryptRC4
	cryptAESV2 // AES-128-CBC with per-object keys
	cryptAESV3 // AES-256-CBC with the file key
)

// securityHandler holds the file key and the methods of a standard
// security handler whose password is known.
type securityHandler struct {
	key             []byte
	str, stm        cryptMethod
	encryptMetadata bool
}

// errNeedsPassword reports an encrypted file that the empty user password
// does not open.
var errNeedsPassword = errors.New("password required")

// errCryptUnsupported reports an encryption this reader cannot undo.
type errCryptUnsupported struct{ what string }

func (e errCryptUnsupported) Error() string { return "encrypted with " + e.what + ": cannot decrypt" }

// passwordPad is the padding string of the standard security handler.
var passwordPad = []byte{
	0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08,
	0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
}

func padPassword(pw []byte) []byte {
	out := make([]byte, 0, 32)
	out = append(out, pw[:min(len(pw), 32)]...)
	return append(out, passwordPad[:32-len(out)]...)
}

// newSecurityHandler reads an encryption dictionary and finds the file key
// for one of the passwords (tried as user, then as owner password).
func newSecurityHandler(enc map[string]operand, id []byte, passwords []string) (*securityHandler, error) {
	if f := enc["Filter"]; f.kind != opName || f.str != "Standard" {
		return nil, errCryptUnsupported{fmt.Sprintf("the %q security handler", f.str)}
	}
	v, r := int(enc["V"].num), int(enc["R"].num)
	h := &securityHandler{encryptMetadata: !(enc["EncryptMetadata"].kind == opBool && enc["EncryptMetadata"].num == 0)}
	keyLen := 5
	switch v {
	case 1:
		h.str, h.stm = cryptRC4, cryptRC4
	case 2:
		h.str, h.stm = cryptRC4, cryptRC4
		if l := enc["Length"]; l.kind == opNum {
			keyLen = int(l.num) / 8
		}
	case 4, 5:
		var err error
		var lens [2]int
		if h.stm, lens[0], err = cryptFilter(enc, "StmF"); err != nil {
			return nil, err
		}
		if h.str, lens[1], err = cryptFilter(enc, "StrF"); err != nil {
			return nil, err
		}
		keyLen = 16
		if l := enc["Length"]; l.kind == opNum && l.num >= 40 {
			keyLen = int(l.num) / 8
		} else if n := max(lens[0], lens[1]); n > 0 {
			keyLen = n
		}
	default:
		return nil, errCryptUnsupported{fmt.Sprintf("encryption version V=%d", v)}
	}
	if keyLen < 5 || keyLen > 16 {
		keyLen = 16
	}
	if h.str == cryptIdentity && h.stm == cryptIdentity {
		// Only embedded files are encrypted (/EFF, often with their own
		// password): the document reads without a key.
		return h, nil
	}
	o, u := []byte(enc["O"].str), []byte(enc["U"].str)
	switch {
	case r >= 2 && r <= 4:
		if len(o) < 32 || len(u) < 32 {
			return nil, errorf(ErrMalformed, "malformed PDF: encryption dictionary without O and U")
		}
		p := uint32(int32(int64(enc["P"].num)))
		for _, pw := range passwords {
			if key := userKeyR4(h, padPassword([]byte(pw)), o, u, p, id, r, keyLen); key != nil {
				h.key = key
				return h, nil
			}
			if key := userKeyR4(h, ownerToUser([]byte(pw), o, r, keyLen), o, u, p, id, r, keyLen); key != nil {
				h.key = key
				return h, nil
			}
		}
	case r == 5 || r == 6:
		ue, oe := []byte(enc["UE"].str), []byte(enc["OE"].str)
		if len(o) < 48 || len(u) < 48 || len(ue) < 32 || len(oe) < 32 {
			return nil, errorf(ErrMalformed, "malformed PDF: AES-256 encryption dictionary without O, U, OE or UE")
		}
		for _, pw := range passwords {
			b := []byte(pw)
			if len(b) > 127 {
				b = b[:127]
			}
			if key := fileKeyR6(b, u[:48], nil, ue, r); key != nil {
				h.key = key
				return h, nil
			}
			if key := fileKeyR6(b, o[:48], u[:48], oe, r); key != nil {
				h.key = key
				return h, nil
			}
		}
	default:
		return nil, errCryptUnsupported{fmt.Sprintf("encryption revision R=%d", r)}
	}
	return nil, errNeedsPassword
}

// cryptFilter resolves the crypt filter named by key (StmF or StrF) in the
// /CF dictionary; it also returns the filter's key length in bytes, or 0.
func cryptFilter(enc map[string]operand, key string) (cryptMethod, int, error) {
	name := "Identity"
	if n := enc[key]; n.kind == opName {
		name = n.str
	}
	if name == "Identity" {
		return cryptIdentity, 0, nil
	}
	cf := subKey(enc["CF"], name)
	if cf.kind != opDict {
		return 0, 0, errorf(ErrMalformed, "malformed PDF: crypt filter %q not defined", name)
	}
	n := 0
	if l := subKey(cf, "Length"); l.kind == opNum {
		n = int(l.num)
		if n > 32 {
			n /= 8 // given in bits
		}
	}
	switch m := subKey(cf, "CFM"); m.str {
	case "None", "":
		return cryptIdentity, n, nil
	case "V2":
		return cryptRC4, n, nil
	case "AESV2":
		return cryptAESV2, n, nil
	case "AESV3":
		return cryptAESV3, n, nil
	default:
		return 0, 0, errCryptUnsupported{fmt.Sprintf("the crypt filter method %q", m.str)}
	}
}

// userKeyR4 computes the file key from a padded user password (algorithm
// 2) and checks it against U (algorithms 4 and 5); nil when it does not
// match.
func userKeyR4(h *securityHandler, padded, o, u []byte, p uint32, id []byte, r, keyLen int) []byte {
	m := md5.New()
	m.Write(padded)
	m.Write(o[:32])
	m.Write([]byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)})
	m.Write(id)
	if r >= 4 && !h.encryptMetadata {
		m.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := m.Sum(nil)
	if r == 2 {
		key = key[:5]
	} else {
		key = key[:keyLen]
		for i := 0; i < 50; i++ {
			s := md5.Sum(key)
			key = s[:keyLen]
		}
	}
	if r == 2 {
		got := rc4Crypt(key, passwordPad)
		if !bytes.Equal(got, u[:32]) {
			return nil
		}
		return key
	}
	m.Reset()
	m.Write(passwordPad)
	m.Write(id)
	x := rc4Crypt(key, m.Sum(nil))
	for i := 1; i <= 19; i++ {
		x = rc4Crypt(xorKey(key, byte(i)), x)
	}
	if !bytes.Equal(x[:16], u[:16]) {
		return nil
	}
	return key
}

// ownerToUser recovers the padded user password from O with an owner
// password (algorithm 7).
func ownerToUser(pw, o []byte, r, keyLen int) []byte {
	s := md5.Sum(padPassword(pw))
	key := s[:]
	if r >= 3 {
		for i := 0; i < 50; i++ {
			s = md5.Sum(key)
			key = s[:]
		}
		key = key[:keyLen]
	} else {
		key = key[:5]
	}
	x := append([]byte(nil), o[:32]...)
	if r == 2 {
		return rc4Crypt(key, x)
	}
	for i := 19; i >= 0; i-- {
		x = rc4Crypt(xorKey(key, byte(i)), x)
	}
	return x
}

func xorKey(key []byte, b byte) []byte {
	out := make([]byte, len(key))
	for i, c := range key {
		out[i] = c ^ b
	}
	return out
}

func rc4Crypt(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// fileKeyR6 checks a password against the 48-byte U or O entry of
// revision 5 or 6 (udata is U for the owner check) and decrypts the file
// key from UE or OE (algorithm 2.A); nil when the password does not match.
func fileKeyR6(pw, entry, udata, wrapped []byte, r int) []byte {
	if !bytes.Equal(hashR6(pw, entry[32:40], udata, r), entry[:32]) {
		return nil
	}
	k := hashR6(pw, entry[40:48], udata, r)
	block, err := aes.NewCipher(k)
	if err != nil {
		return nil
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, wrapped[:32])
	return key
}

// hashR6 is the password hash of revision 6 (algorithm 2.B of ISO
// 32000-2); revision 5 uses plain SHA-256.
func hashR6(pw, salt, udata []byte, r int) []byte {
	k0 := sha256.Sum256(concat(pw, salt, udata))
	k := k0[:]
	if r == 5 {
		return k
	}
	hashes := [3]func() hash.Hash{sha256.New, sha512.New384, sha512.New}
	for round := 0; ; {
		k1 := bytes.Repeat(concat(pw, k, udata), 64)
		block, err := aes.NewCipher(k[:16])
		if err != nil {
			return nil
		}
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(k1, k1)
		sum := 0
		for _, c := range k1[:16] {
			sum += int(c)
		}
		h := hashes[sum%3]()
		h.Write(k1)
		k = h.Sum(nil)
		round++
		if round >= 64 && int(k1[len(k1)-1]) <= round-32 {
			break
		}
	}
	return k[:32]
}

func concat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// decrypt undoes method m on the data of object num gen.
func (h *securityHandler) decrypt(m cryptMethod, num, gen int, data []byte) []byte {
	if m == cryptIdentity {
		return data
	}
	key := h.key
	if m != cryptAESV3 {
		md := md5.New()
		md.Write(h.key)
		md.Write([]byte{byte(num), byte(num >> 8), byte(num >> 16), byte(gen), byte(gen >> 8)})
		if m == cryptAESV2 {
			md.Write([]byte("sAlT"))
		}
		key = md.Sum(nil)[:min(len(h.key)+5, 16)]
	}
	if m == cryptRC4 {
		return rc4Crypt(key, data)
	}
	if len(data) < 32 {
		return nil // an IV and at least one block
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil
	}
	body := append([]byte(nil), data[16:16+(len(data)-16)/16*16]...)
	cipher.NewCBCDecrypter(block, data[:16]).CryptBlocks(body, body)
	if p := int(body[len(body)-1]); p >= 1 && p <= 16 && bytes.Count(body[len(body)-p:], body[len(body)-1:]) == p {
		body = body[:len(body)-p]
	}
	return body
}

var (
	lengthEntry  = regexp.MustCompile(`/Length\s+(\d+)(\s+(\d+)\s+R)?`)
	typeXRef     = regexp.MustCompile(`/Type\s*/XRef\b`)
	typeMetadata = regexp.MustCompile(`/Type\s*/Metadata\b`)
	idArray      = regexp.MustCompile(`/ID\s*\[`)
	// A /Crypt entry in a stream's /Filter.
	cryptFilterName = regexp.MustCompile(`/Filter\s*(\[[^\]]*)?/Crypt\b`)
)

// encryptedFile reports whether the file's trailer names an encryption
// dictionary.
func encryptedFile(data []byte) bool {
	return bytes.Contains(data, []byte("/Encrypt")) && lastRef(data, "/Encrypt") != ""
}

// decryptFile returns an unencrypted copy of an encrypted file, opened
// with one of the passwords. Its errors are errNeedsPassword,
// errCryptUnsupported or malformed-file errors.
func decryptFile(data []byte, passwords []string) ([]byte, error) {
	ref := lastRef(data, "/Encrypt")
	encNum, _, ok := parseRef(ref)
	if !ok {
		return nil, errorf(ErrMalformed, "malformed PDF: no encryption dictionary")
	}
	defs := findObjDefs(data)
	type span struct{ num, gen, body, end int }
	var objs []span
	bodies := map[int]span{}
	next := 0
	for i, d := range defs {
		if d.at < next {
			continue // inside an earlier stream
		}
		limit := len(data)
		for k := i + 1; k < len(defs); k++ {
			if defs[k].at >= d.body {
				limit = defs[k].at
				break
			}
		}
		_, end := objectBody(data, d.body, limit)
		next = end
		s := span{d.num, d.gen, d.body, end}
		objs = append(objs, s)
		bodies[d.num] = s
	}
	es, ok := bodies[encNum]
	if !ok {
		return nil, errorf(ErrMalformed, "malformed PDF: encryption dictionary %s not found", ref)
	}
	k := bytes.Index(data[es.body:es.end], []byte("<<"))
	if k < 0 {
		return nil, errorf(ErrMalformed, "malformed PDF: encryption dictionary %s is not a dictionary", ref)
	}
	enc, _ := readDict(data[:es.end], es.body+k+2, 0)
	var id []byte
	if locs := idArray.FindAllIndex(data, -1); len(locs) > 0 {
		l := lexer{data: data, pos: locs[len(locs)-1][1] - 1}
		var a operand
		if t, _ := l.next(&a, maxNesting-1); t == tokOperand && a.kind == opArray && len(a.arr) > 0 {
			id = []byte(a.arr[0].str)
		}
	}
	h, err := newSecurityHandler(enc, id, passwords)
	if err != nil {
		return nil, err
	}
	out := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	for _, s := range objs {
		body := data[s.body:s.end]
		out = fmt.Appendf(out, "%d %d obj\n", s.num, s.gen)
		if s.num == encNum {
			out = append(out, body...)
			out = append(out, "\nendobj\n"...)
			continue
		}
		out = h.appendObject(out, body, s.num, s.gen, func(n int) []byte {
			if b, ok := bodies[n]; ok {
				return data[b.body:b.end]
			}
			return nil
		})
		out = append(out, "\nendobj\n"...)
	}
	// The trailer entries the rebuilt table needs (no /Encrypt).
	out = append(out, "trailer\n<<"...)
	for _, key := range []string{"/Root", "/Info"} {
		if r := lastRef(data, key); r != "" {
			out = append(out, " "+key+" "+r...)
		}
	}
	out = append(out, " >>\n"...)
	rebuilt := rebuildXref(out)
	if rebuilt == nil {
		return nil, errorf(ErrMalformed, "malformed PDF: no objects found in the encrypted file")
	}
	return rebuilt, nil
}

func parseRef(ref string) (int, int, bool) {
	var num, gen int
	if _, err := fmt.Sscanf(ref, "%d %d R", &num, &gen); err != nil {
		return 0, 0, false
	}
	return num, gen, true
}

// appendObject appends the decrypted body of object num gen: its strings
// rewritten as hex strings of their plain bytes, its stream data
// decrypted with a corrected /Length. body(n) returns the body of object n
// (for an indirect /Length).
func (h *securityHandler) appendObject(out, body []byte, num, gen int, bodyOf func(int) []byte) []byte {
	l := lexer{data: body}
	var v operand
	l.next(&v, 0)
	head := body[:l.pos]
	isXRef := typeXRef.Match(head)
	if isXRef {
		// Cross-reference streams are never encrypted.
		return append(out, bytes.ReplaceAll(body, []byte("/Encrypt"), []byte("/Xncrypt"))...)
	}
	var length operand
	if m := lengthEntry.FindSubmatch(head); m != nil {
		if m[2] == nil {
			n, _ := strconv.Atoi(string(m[1]))
			length = operand{kind: opNum, num: float64(n)}
		} else if ref, _ := strconv.Atoi(string(m[1])); bodyOf(ref) != nil {
			var o operand
			lx := lexer{data: bodyOf(ref)}
			if t, _ := lx.next(&o, 0); t == tokOperand && o.kind == opNum {
				length = o
			}
		}
	}
	raw := streamAfter(body, len(head), length)
	if raw == nil {
		return h.appendStrings(out, head, num, gen)
	}
	if typeMetadata.Match(head) && !h.encryptMetadata || cryptFilterName.Match(head) {
		// Clear metadata, or a stream with its own crypt filter (embedded
		// files, which are not read): kept as they are.
		out = h.appendStrings(out, head, num, gen)
		return append(out, body[len(head):]...)
	}
	plain := h.decrypt(h.stm, num, gen, raw)
	head = lengthEntry.ReplaceAll(head, nil)
	if i := bytes.Index(head, []byte("<<")); i >= 0 {
		out = h.appendStrings(out, head[:i+2], num, gen)
		out = fmt.Appendf(out, " /Length %d ", len(plain))
		out = h.appendStrings(out, head[i+2:], num, gen)
	} else {
		out = h.appendStrings(out, head, num, gen)
	}
	out = append(out, "\nstream\n"...)
	out = append(out, plain...)
	return append(out, "\nendstream"...)
}

// appendStrings copies PDF syntax, with each string replaced by the hex
// string of its decrypted bytes.
func (h *securityHandler) appendStrings(out, b []byte, num, gen int) []byte {
	l := lexer{data: b}
	for l.pos < len(b) {
		c := b[l.pos]
		switch {
		case c == '%':
			e := bytes.IndexAny(b[l.pos:], "\r\n")
			if e < 0 {
				e = len(b) - l.pos
			}
			out = append(out, b[l.pos:l.pos+e]...)
			l.pos += e
		case c == '(' || c == '<' && (l.pos+1 >= len(b) || b[l.pos+1] != '<'):
			l.pos++
			var s string
			if c == '(' {
				s = l.literalString()
			} else {
				s = l.hexString()
			}
			out = append(out, '<')
			out = hex.AppendEncode(out, h.decrypt(h.str, num, gen, []byte(s)))
			out = append(out, '>')
		case c == '<':
			out = append(out, "<<"...)
			l.pos += 2
		default:
			out = append(out, c)
			l.pos++
		}
	}
	return out
}
