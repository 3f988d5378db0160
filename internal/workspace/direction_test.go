package workspace

import (
	"encoding/json"
	"strings"
	"testing"
)

// A pane's forced direction is saved only when set, so files without it
// (older ones) read as before and panes without it write as before.
func TestPaneDirectionBackwardCompatible(t *testing.T) {
	var p Pane
	if err := json.Unmarshal([]byte(`{"path":"a.txt","scroll":{"offset":3,"fraction":0.1}}`), &p); err != nil {
		t.Fatal(err)
	}
	if p.Direction != "" {
		t.Errorf("an old pane reads with direction %q", p.Direction)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "direction") {
		t.Errorf("a pane without a forced direction writes %s", b)
	}
	p.Direction = "rtl"
	b, _ = json.Marshal(p)
	var back Pane
	if err := json.Unmarshal(b, &back); err != nil || back.Direction != "rtl" {
		t.Errorf("round trip of %s gives %+v (%v)", b, back, err)
	}
}
