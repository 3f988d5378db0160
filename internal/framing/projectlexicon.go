package framing

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/parallaxworkbench/parallax/internal/statedoc"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

// ProjectLexiconFor is the project lexicon that holds terms of language
// code: ProjectLexicon for English (or an unknown language), lexicon-<code>.tsv
// beside it for the others.
func ProjectLexiconFor(code string) string {
	if code == "" || code == "en" {
		return ProjectLexicon
	}
	return path.Join(path.Dir(ProjectLexicon), "lexicon-"+code+".tsv")
}

// AddProjectTerm adds a term to the project's own lexicon of the entry's
// language (ProjectLexiconFor(e.Lang) under projectDir), creating it when
// missing. The change is made under the project's lock on the file as it is
// now, through the project's door. It refuses to touch a lexicon that does
// not parse, and reports added false when the file has the term already
// (matched on its folded form).
func AddProjectTerm(projectDir string, e Entry) (added bool, err error) {
	return AddProjectTermTo(context.Background(), statedoc.Folder(projectDir), e)
}

// AddProjectTermTo is AddProjectTerm on the project's state documents (its
// folder or its store).
func AddProjectTermTo(ctx context.Context, docs statedoc.Docs, e Entry) (added bool, err error) {
	term := strings.Join(strings.Fields(e.Term), " ")
	cat := strings.TrimSpace(e.Category)
	if term == "" || cat == "" || strings.ContainsAny(term+cat+e.Note, "\t\n\r") {
		return false, fmt.Errorf("lexicon entry %q/%q: empty, or with a tab or line break", term, cat)
	}
	if _, err := compileTerm(term, e.Lang); err != nil {
		return false, fmt.Errorf("lexicon term %q: %w", term, err)
	}
	rel := ProjectLexiconFor(e.Lang)
	err = docs.Update(ctx, rel, func(old []byte, exists bool) ([]byte, error) {
		added = false // a store may run change again
		if len(old) == 0 {
			old = []byte("# Project lexicon: term<TAB>category<TAB>note, added to the shipped one.\n")
		}
		entries, err := ParseLexicon(bytes.NewReader(old), rel)
		if err != nil {
			return nil, fmt.Errorf("%s does not parse, so it is left as it is: %w", rel, err)
		}
		key := textnorm.String(term)
		for _, x := range entries {
			if textnorm.String(x.Term) == key {
				return nil, nil // there already: the file is left as it is
			}
		}
		if !bytes.HasSuffix(old, []byte("\n")) {
			old = append(old, '\n')
		}
		line := term + "\t" + cat
		if n := strings.TrimSpace(e.Note); n != "" {
			line += "\t" + n
		}
		added = true
		return append(old, line+"\n"...), nil
	})
	if err != nil {
		return false, fmt.Errorf("add %q to %s: %w", term, rel, err)
	}
	return added, nil
}
