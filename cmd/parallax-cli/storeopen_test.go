package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/engine"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/memstore"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// closeCounter is a memstore that counts its Close calls.
type closeCounter struct {
	*memstore.Store
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

// testEnv is a cliEnv whose store is st (opened through a counted open).
func testEnv(setting string, st store.Store, opens *int) (*cliEnv, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	env := &cliEnv{stdout: &out, stderr: &errOut, rawStdout: &out, rawStderr: &errOut}
	env.stores = newStoreOpener(setting, &errOut)
	env.stores.open = func(ctx context.Context, setting, dir string) (store.Store, error) {
		*opens++
		return st, nil
	}
	return env, &errOut
}

// A command's analysis goes through the store: the first run keeps it,
// the next one (another process, the same store) reads it back whole.
func TestAnalysisGoesThroughTheStore(t *testing.T) {
	ctx := context.Background()
	dir := testcorpus.DemoProjectCopy(t)
	st := &closeCounter{Store: memstore.New()}
	var want string
	for run, wantWarm := range []bool{false, true} {
		opens := 0
		env, _ := testEnv(storeEmbedded, st, &opens)
		a, err := analyseProject(ctx, env, dir)
		if err != nil {
			t.Fatal(err)
		}
		// The same command asks again: the store is not opened twice.
		if _, err := env.withStore(ctx, dir, engine.Options{}); err != nil {
			t.Fatal(err)
		}
		if opens != 1 {
			t.Errorf("run %d: the store was opened %d times, want once", run+1, opens)
		}
		if a.Kept().Warm != wantWarm {
			t.Errorf("run %d: warm %v, want %v (kept: %+v)", run+1, a.Kept().Warm, wantWarm, a.Kept())
		}
		got := entityNames(a)
		if run == 0 {
			want = got
		} else if got != want {
			t.Errorf("the warm analysis' entities differ:\n%s\nwant\n%s", got, want)
		}
		if err := env.stores.close(); err != nil {
			t.Fatal(err)
		}
		if st.closed != run+1 {
			t.Errorf("run %d: closed %d times", run+1, st.closed)
		}
	}
	if st.Calls("PutAnalysis") != 1 {
		t.Errorf("PutAnalysis called %d times, want once (the cold run)", st.Calls("PutAnalysis"))
	}
}

// --store none opens nothing; a store that cannot be opened is an error
// that names it; one command cannot use one store for two projects.
func TestStoreOpenerChoices(t *testing.T) {
	ctx := context.Background()
	opens := 0
	env, _ := testEnv(storeNone, memstore.New(), &opens)
	if st, err := env.stores.forProject(ctx, t.TempDir()); st != nil || err != nil || opens != 0 {
		t.Errorf("--store none: %v, %v, %d opens", st, err, opens)
	}

	env, _ = testEnv("postgres://ana:s3cret@db.example/p", nil, &opens)
	env.stores.open = func(context.Context, string, string) (store.Store, error) {
		return nil, errors.New("connection refused")
	}
	_, err := env.stores.forProject(ctx, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "db.example") || !strings.Contains(err.Error(), "connection refused") || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error %v: want the store, the reason, no password", err)
	}

	env, _ = testEnv(storeEmbedded, memstore.New(), &opens)
	if _, err := env.stores.forProject(ctx, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if _, err := env.stores.forProject(ctx, t.TempDir()); err == nil {
		t.Error("a second project got the first one's store")
	}
}

// entityNames lists an analysis' entities with their mention counts.
func entityNames(a *engine.Analysis) string {
	var b strings.Builder
	for _, e := range a.Entities().Entities {
		fmt.Fprintf(&b, "%s %s %d\n", e.ID, e.Name, len(e.Mentions))
	}
	return b.String()
}
