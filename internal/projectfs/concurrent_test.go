package projectfs_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/alias"
	"github.com/parallaxworkbench/parallax/internal/sourcemeta"
	"github.com/parallaxworkbench/parallax/internal/workspace"
)

// The writer processes of TestTwoProcessesLoseNothing are this test
// binary, started again with these variables set.
const (
	envWriter = "PARALLAX_TEST_WRITER"
	envDir    = "PARALLAX_TEST_PROJECT"
	saves     = 100
)

func TestMain(m *testing.M) {
	if id := os.Getenv(envWriter); id != "" {
		if err := writer(os.Getenv(envDir), id); err != nil {
			fmt.Fprintln(os.Stderr, "writer", id+":", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// writer saves, like an app window that stays open, `saves` different
// source overrides and stances, alias decisions and workspace note lines
// into the project dir, each through the engine's own save paths. The
// overrides and decisions are loaded once (so they go stale as the other
// writer saves); a workspace save that meets the other's change reloads
// and tries again, as the app offers.
func writer(dir, id string) error {
	ov, err := sourcemeta.LoadOverrides(dir)
	if err != nil {
		return err
	}
	dec, err := alias.LoadDecisions(dir)
	if err != nil {
		return err
	}
	store, err := workspace.OpenStore(dir, workspace.Options{})
	if err != nil {
		return err
	}
	ws, err := store.Load("shared")
	if err != nil {
		return err
	}
	for i := 0; i < saves; i++ {
		doc := fmt.Sprintf("w%s/doc%03d.txt", id, i)
		if err := ov.SetField(doc, "title", "title "+id+" "+strconv.Itoa(i)); err != nil {
			return err
		}
		if err := ov.SetOutletStance(fmt.Sprintf("Outlet %s-%d", id, i), "neutral"); err != nil {
			return err
		}
		if err := ov.Save(dir); err != nil {
			return fmt.Errorf("save overrides %d: %w", i, err)
		}
		dec.Merge(fmt.Sprintf("Alpha %s %d", id, i), fmt.Sprintf("Beta %s %d", id, i))
		if err := dec.Save(dir); err != nil {
			return fmt.Errorf("save decisions %d: %w", i, err)
		}
		line := fmt.Sprintf("note %s %d\n", id, i)
		for try := 0; ; try++ {
			ws.Notes += line
			err := store.Save(ws, workspace.SaveOptions{})
			if err == nil {
				break
			}
			if !errors.Is(err, workspace.ErrConflict) || try > 1000 {
				return fmt.Errorf("save workspace %d: %w", i, err)
			}
			if ws, err = store.Load("shared"); err != nil {
				return err
			}
		}
	}
	return nil
}

// TestTwoProcessesLoseNothing starts two real processes that save
// different decisions, stances and workspace notes into one project at the
// same time; every one of them must be in the files afterwards.
func TestTwoProcessesLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two processes")
	}
	dir := t.TempDir()
	store, err := workspace.OpenStore(dir, workspace.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Save(workspace.New("shared", time.Now()), workspace.SaveOptions{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ids := []string{"a", "b"}
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for n, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), envWriter+"="+id, envDir+"="+dir)
			out, err := cmd.CombinedOutput()
			if err != nil {
				errs[n] = fmt.Errorf("writer %s: %v: %s", id, err, out)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}

	ov, err := sourcemeta.LoadOverrides(dir)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := alias.LoadDecisions(dir)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := store.Load("shared")
	if err != nil {
		t.Fatal(err)
	}
	merges := map[string]bool{}
	for _, m := range dec.Merges {
		merges[m.A+"|"+m.B] = true
	}
	stances := ov.OutletStances()
	lost := 0
	for _, id := range ids {
		for i := 0; i < saves; i++ {
			doc := fmt.Sprintf("w%s/doc%03d.txt", id, i)
			if got := ov.Fields(doc)["title"]; got != "title "+id+" "+strconv.Itoa(i) {
				lost++
				t.Errorf("override of %s lost (%q)", doc, got)
			}
			if stances[fmt.Sprintf("Outlet %s-%d", id, i)] != "neutral" {
				lost++
				t.Errorf("stance of Outlet %s-%d lost", id, i)
			}
			if !merges[fmt.Sprintf("Alpha %s %d|Beta %s %d", id, i, id, i)] {
				lost++
				t.Errorf("alias decision %s %d lost", id, i)
			}
			if !strings.Contains(ws.Notes, fmt.Sprintf("note %s %d\n", id, i)) {
				lost++
				t.Errorf("workspace note %s %d lost", id, i)
			}
		}
	}
	if lost > 0 {
		t.Fatalf("%d of %d edits lost", lost, 4*saves*len(ids))
	}
	// No temporary file is left behind.
	filepath.WalkDir(filepath.Join(dir, ".parallax"), func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}
