package framing

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/atomicfile"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// AddProjectTerm adds a term to the project's own lexicon
// (ProjectLexicon under projectDir), creating it when missing. It refuses
// to touch a lexicon that does not parse, and reports added false when the
// file has the term already (matched on its folded form).
func AddProjectTerm(projectDir string, e Entry) (added bool, err error) {
	term := strings.Join(strings.Fields(e.Term), " ")
	cat := strings.TrimSpace(e.Category)
	if term == "" || cat == "" || strings.ContainsAny(term+cat+e.Note, "\t\n\r") {
		return false, fmt.Errorf("lexicon entry %q/%q: empty, or with a tab or line break", term, cat)
	}
	if _, err := compileTerm(term); err != nil {
		return false, fmt.Errorf("lexicon term %q: %w", term, err)
	}
	p := filepath.Join(projectDir, filepath.FromSlash(ProjectLexicon))
	old, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("read %s: %w", p, err)
	}
	if len(old) == 0 {
		old = []byte("# Project lexicon: term<TAB>category<TAB>note, added to the shipped one.\n")
	}
	entries, err := ParseLexicon(bytes.NewReader(old), ProjectLexicon)
	if err != nil {
		return false, fmt.Errorf("%s does not parse, so it is left as it is: %w", p, err)
	}
	key := textnorm.String(term)
	for _, x := range entries {
		if textnorm.String(x.Term) == key {
			return false, nil
		}
	}
	if !bytes.HasSuffix(old, []byte("\n")) {
		old = append(old, '\n')
	}
	line := term + "\t" + cat
	if n := strings.TrimSpace(e.Note); n != "" {
		line += "\t" + n
	}
	if err := atomicfile.Write(p, append(old, line+"\n"...), 0o644); err != nil {
		return false, fmt.Errorf("write %s: %w", p, err)
	}
	return true, nil
}
