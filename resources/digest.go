package resources

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
)

// AnalysisDigest is a hash of everything embedded here that an analysis
// reads (the gazetteer, the lexicons, the language profiles, the CID
// maps of PDF fonts): an analysis kept by a build with other data is not
// the one this build would make. It is computed on each call (about a
// megabyte, a few milliseconds), so nothing global is kept.
func AnalysisDigest() (string, error) {
	h := sha256.New()
	for _, part := range []struct {
		name string
		fsys fs.FS
	}{{"gazetteer", Gazetteer}, {"lexicon", Lexicon}, {"lang", Lang}, {"cidmaps", CIDMaps}} {
		err := fs.WalkDir(part.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(part.fsys, p)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%s/%s %d\n", part.name, p, len(b))
			h.Write(b)
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("digest the embedded %s: %w", part.name, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
