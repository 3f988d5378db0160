package entity

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
	"github.com/parallaxworkbench/parallax/internal/textnorm"
)

func TestDebugSample(t *testing.T) {
	if os.Getenv("ENTDEBUG") == "" {
		t.Skip()
	}
	g, err := DefaultGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	x := NewExtractor(g)
	files, _ := filepath.Glob(filepath.Join(testcorpus.SampleProject(t), "*.txt"))
	if p := os.Getenv("ENTFILES"); p != "" {
		files, _ = filepath.Glob(p)
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		d := &document.Document{Path: filepath.Base(f), Text: string(b)}
		for _, m := range x.Extract(d, textnorm.Fold(d.Text)) {
			fmt.Printf("%s\t%q\t%s\t%s\t%s %s\n", m.Doc[:3], m.Text, m.Key, m.Kind, m.Evidence, m.Expansion+m.Acronym)
		}
	}
}
