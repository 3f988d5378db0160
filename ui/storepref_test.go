package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/ui/state"
)

func TestStoreSettingFrom(t *testing.T) {
	tests := []struct {
		choice, url string
		want        string
		wantErr     bool
	}{
		{storeChoiceEmbedded, "postgres://ignored@h/db", "", false},
		{storeChoiceNone, "", "none", false},
		{storeChoiceServer, " postgres://ana@db.example.org/parallax ", "postgres://ana@db.example.org/parallax", false},
		{storeChoiceServer, "postgresql:///parallax?host=/run/postgresql", "postgresql:///parallax?host=/run/postgresql", false},
		{storeChoiceServer, "", "", true},
		{storeChoiceServer, "db.example.org", "", true},
		{storeChoiceServer, "mysql://db.example.org/parallax", "", true},
		{storeChoiceServer, "postgres:///parallax", "", true}, // no host at all
		{"something else", "", "", true},
	}
	for _, tt := range tests {
		got, err := storeSettingFrom(tt.choice, tt.url)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("storeSettingFrom(%q, %q) = %q, %v; want %q (error: %v)", tt.choice, tt.url, got, err, tt.want, tt.wantErr)
		}
		if err == nil && storeChoiceOf(got) != tt.choice {
			t.Errorf("storeChoiceOf(%q) = %q, want %q", got, storeChoiceOf(got), tt.choice)
		}
	}
}

// The store setting reopens the open project with the new store, and the
// status bar and About say which store the project is kept in.
func TestStoreSettingReopensAndIsShown(t *testing.T) {
	dir := writeProject(t)
	var seen []string
	var w *Workbench
	loader := func(ctx context.Context, d string, progress func(state.Progress)) (*state.Project, error) {
		// the loader reads the setting as cmd/parallax's does
		setting := StoreSetting(w.app)
		seen = append(seen, setting)
		p := &state.Project{Dir: d}
		switch setting {
		case "":
			p.Store = "embedded, " + d + "/.parallax/store.db"
		case "none":
		default:
			p.Store = "postgres " + setting
		}
		return p, nil
	}
	w, done := newWorkbench(t, loader, nil)
	if got := StoreSetting(w.app); got != "" {
		t.Fatalf("default setting %q, want the embedded store", got)
	}
	w.OpenFolder(dir)
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	if !strings.Contains(w.status.Text, "store: embedded, "+dir) {
		t.Errorf("status %q does not name the embedded store", w.status.Text)
	}

	w.setStoreSetting("postgres://ana@db.example.org/parallax")
	if r := wait(t, done); r.err != nil {
		t.Fatal(r.err)
	}
	if len(seen) != 2 || seen[1] != "postgres://ana@db.example.org/parallax" {
		t.Fatalf("loads saw settings %q, want the new one on a second load", seen)
	}
	if !strings.Contains(w.status.Text, "store: postgres postgres://ana@db.example.org/parallax") {
		t.Errorf("status %q does not name the server", w.status.Text)
	}
	if line := w.storeLine(); !strings.Contains(line, "db.example.org") {
		t.Errorf("About's store line %q", line)
	}

	w.setStoreSetting("none")
	wait(t, done)
	if !strings.Contains(w.status.Text, "store: none") {
		t.Errorf("status %q does not say there is no store", w.status.Text)
	}
	// The same setting again does not reload.
	w.setStoreSetting("none")
	if len(seen) != 3 {
		t.Errorf("%d loads, want 3", len(seen))
	}
}

// The dialog shows the current setting and can be opened without a project.
func TestStoreSettingsDialogShows(t *testing.T) {
	w, _ := newWorkbench(t, func(context.Context, string, func(state.Progress)) (*state.Project, error) { return nil, nil }, nil)
	w.app.Preferences().SetString(prefStore, "none")
	w.ShowStoreSettings()
	overlays := w.win.Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("no dialog shown")
	}
	if w.storeLine() != "" {
		t.Errorf("store line %q without a project", w.storeLine())
	}
}
