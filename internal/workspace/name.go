package workspace

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxNameLen is the longest workspace name, in characters.
const MaxNameLen = 80

// ErrBadName marks a workspace name that cannot be used.
var ErrBadName = errors.New("invalid workspace name")

// reservedName reports whether base (lower case, before any dot) is a
// name Windows gives to a device: a file called "con.json" cannot be
// created there, so a shared project must not hold one.
func reservedName(base string) bool {
	switch base {
	case "con", "prn", "aux", "nul", "conin$", "conout$", "clock$":
		return true
	}
	return len(base) == 4 && (strings.HasPrefix(base, "com") || strings.HasPrefix(base, "lpt")) &&
		base[3] >= '0' && base[3] <= '9'
}

// CheckName reports whether name can name a workspace: 1 to MaxNameLen
// characters of valid UTF-8, no path separators, "..", leading dot,
// leading or trailing space, trailing dot, control characters or
// characters Windows forbids in file names, and not a reserved device
// name. The error says which rule it breaks.
func CheckName(name string) error {
	bad := func(reason string) error { return fmt.Errorf("%w %q: %s", ErrBadName, name, reason) }
	switch {
	case name == "":
		return fmt.Errorf("%w: the name is empty", ErrBadName)
	case !utf8.ValidString(name):
		return bad("not valid UTF-8")
	case utf8.RuneCountInString(name) > MaxNameLen:
		return bad(fmt.Sprintf("longer than %d characters", MaxNameLen))
	case strings.TrimSpace(name) != name:
		return bad("starts or ends with a space")
	case strings.ContainsAny(name, `/\`):
		return bad("contains a path separator")
	case strings.Contains(name, ".."):
		return bad(`contains ".."`)
	case strings.HasPrefix(name, "."):
		return bad("starts with a dot")
	case strings.HasSuffix(name, "."):
		return bad("ends with a dot")
	case strings.ContainsAny(name, `<>:"|?*`):
		return bad(`contains one of < > : " | ? *`)
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			return bad(fmt.Sprintf("contains the invisible or control character %U", r))
		}
	}
	base, _, _ := strings.Cut(strings.ToLower(name), ".")
	if reservedName(strings.TrimSpace(base)) {
		return bad("reserved for devices on Windows")
	}
	return nil
}

// nameKey is the form two names are compared in: "Reuters vs Mehr" and
// "reuters VS mehr" are the same workspace.
func nameKey(name string) string {
	return strings.ToLower(norm.NFC.String(name))
}
