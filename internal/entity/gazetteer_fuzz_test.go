package entity

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzProjectAliases: any project aliases.tsv is read without a panic;
// every entry it adds has a name and the source it came from.
func FuzzProjectAliases(f *testing.F) {
	f.Add([]byte("person\tJane Doe\tJ. Doe; Doe\n"))
	f.Add([]byte("place\tGermany\t\tGerman; Germans\norg\t\n"))
	f.Add([]byte("nonsense\n\xff\xfe\tx"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g := newGazetteer()
		if err := g.readEntries(bytes.NewReader(data), ProjectAliasesFile); err != nil {
			return
		}
		for _, e := range g.entries {
			if strings.TrimSpace(e.Name) == "" || e.Source != ProjectAliasesFile {
				t.Errorf("entry %+v", e)
			}
		}
	})
}
