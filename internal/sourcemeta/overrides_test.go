package sourcemeta

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

func TestOverridesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	o, err := LoadOverrides(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := o.StanceScale(); strings.Join(got, ",") != "critical,neutral,supportive" {
		t.Errorf("default scale %v", got)
	}
	if err := o.SetField("a/one.txt", "Outlet", "Example Post"); err != nil {
		t.Fatal(err)
	}
	if err := o.SetField("a/one.txt", "date", "June 30, 2021"); err != nil {
		t.Fatal(err)
	}
	if err := o.SetField("a/one.txt", "language", "Persian"); err != nil {
		t.Fatal(err)
	}
	if err := o.SetField("a/one.txt", "language", "Elvish"); err == nil {
		t.Error("an unknown language was accepted")
	}
	if err := o.SetField("a/one.txt", "colour", "red"); err == nil {
		t.Error("unknown field accepted")
	}
	if err := o.SetField("a/one.txt", "date", "soon"); err == nil {
		t.Error("bad date accepted")
	}
	if err := o.SetOutletStance("Example Post", "critical"); err != nil {
		t.Fatal(err)
	}
	if err := o.SetOutletStance("Example Post", "hostile"); err == nil {
		t.Error("label off the scale accepted")
	}
	if err := o.SetDocumentStance("b.txt", "supportive"); err != nil {
		t.Fatal(err)
	}
	if err := o.Save(dir); err != nil {
		t.Fatal(err)
	}
	o2, err := LoadOverrides(dir)
	if err != nil {
		t.Fatal(err)
	}
	doc := &document.Document{Path: "a/one.txt"}
	doc.Meta.Outlet.Set(document.Field{Value: "Other", Source: document.FromSidecar, Confidence: 1})
	o2.Apply(doc)
	if doc.Meta.Outlet.Value != "Example Post" || doc.Meta.Outlet.Source != document.FromAnalyst || doc.Meta.Date.Value != "2021-06-30" || doc.Meta.Language.Value != "fa" {
		t.Errorf("applied meta %+v", doc.Meta)
	}
	if l, src := o2.Stance(doc); l != "critical" || src != StanceFromOutlet {
		t.Errorf("stance %q %q", l, src)
	}
	doc2 := &document.Document{Path: "b.txt"}
	doc2.Meta.Outlet.Value = "example   post"
	if l, src := o2.Stance(doc2); l != "supportive" || src != StanceFromDocument {
		t.Errorf("document stance %q %q", l, src)
	}
	if l, _ := o2.Stance(&document.Document{Path: "c.txt"}); l != "" {
		t.Errorf("stance of an unknown outlet %q", l)
	}
	// Removing values.
	if err := o2.SetField("a/one.txt", "outlet", ""); err != nil {
		t.Fatal(err)
	}
	if _, ok := o2.Fields("a/one.txt")["outlet"]; ok {
		t.Error("outlet override not removed")
	}
}

func TestOverridesFreeLabels(t *testing.T) {
	o := NewOverrides()
	if err := o.SetStanceScale([]string{"pro", "anti"}, true); err != nil {
		t.Fatal(err)
	}
	if err := o.SetOutletStance("X", "mixed"); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(o.StanceScale(), ","); got != "pro,anti,mixed" {
		t.Errorf("scale %s", got)
	}
	if err := o.SetStanceScale([]string{"a", "a"}, false); err == nil {
		t.Error("repeated label accepted")
	}
}

func TestOverridesCorrupt(t *testing.T) {
	for name, content := range map[string]string{
		"broken json":   "{\"version\": 1, ",
		"no version":    "{}",
		"newer version": "{\"version\": 99}",
		"trailing data": "{\"version\": 1} {}",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, ".parallax", "sources.json")
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte(content), 0o644)
			_, err := LoadOverrides(dir)
			if err == nil || !strings.Contains(err.Error(), p) {
				t.Fatalf("want an error naming %s, got %v", p, err)
			}
			// Saving fresh overrides must not replace the analyst's file.
			if err := NewOverrides().Save(dir); err == nil {
				t.Error("corrupt file overwritten")
			}
			if b, _ := os.ReadFile(p); string(b) != content {
				t.Errorf("file changed to %q", b)
			}
			// Unless asked.
			if err := NewOverrides().SaveReplacing(dir); err != nil {
				t.Fatal(err)
			}
			if _, err := LoadOverrides(dir); err != nil {
				t.Errorf("after SaveReplacing: %v", err)
			}
		})
	}
}
