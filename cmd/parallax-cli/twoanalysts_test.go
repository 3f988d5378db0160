package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// The helper process: this test binary run as parallax-cli, so that a test
// can start several CLI processes on one project at once.
const helperEnv = "PARALLAX_TEST_CLI_PROCESS"

// TestHelperCLIProcess is not a test: run with helperEnv set, it runs the
// CLI with the arguments after "--", once the file named by
// PARALLAX_TEST_START exists (so that processes start together).
func TestHelperCLIProcess(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	if start := os.Getenv("PARALLAX_TEST_START"); start != "" {
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
			if _, err := os.Stat(start); err == nil {
				break
			}
		}
	}
	os.Exit(run(context.Background(), args, os.Stdout, os.Stderr))
}

// cliProcess prepares parallax-cli args as a child process with env.
func cliProcess(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperCLIProcess$", "--"}, args...)...)
	cmd.Env = append(append(os.Environ(), helperEnv+"=1"), env...)
	return cmd
}

// TestTwoAnalystsAtOnce runs two CLI processes on one project at once,
// each accepting a different suggested merge and setting the same
// outlet's stance: both merges are kept, and of the two stances the later
// is the stance and the earlier is in the history, with its author. On
// the embedded store, and on PostgreSQL when PARALLAX_TEST_POSTGRES names
// a server's URL.
func TestTwoAnalystsAtOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts CLI processes")
	}
	stores := []struct{ name, setting string }{{"embedded", "embedded"}}
	if url := os.Getenv("PARALLAX_TEST_POSTGRES"); url != "" {
		stores = append(stores, struct{ name, setting string }{"postgres", url})
	}
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) { twoAnalysts(t, s.setting) })
	}
	if os.Getenv("PARALLAX_TEST_POSTGRES") == "" {
		t.Run("postgres", func(t *testing.T) {
			t.Skip("PARALLAX_TEST_POSTGRES is not set: no PostgreSQL server to test against (scripts/test.sh starts one)")
		})
	}
}

func twoAnalysts(t *testing.T, setting string) {
	dir := t.TempDir()
	testcorpus.CopyFiles(t, filepath.Join("testdata", "twoanalysts"), dir, nil)
	if strings.HasPrefix(setting, "postgres") {
		// One project of the server's per run: an earlier run's decisions
		// would be this one's.
		sep := "?"
		if strings.Contains(setting, "?") {
			sep = "&"
		}
		setting += fmt.Sprintf("%sproject=two-analysts-%d", sep, time.Now().UnixNano())
	}
	env := []string{"PARALLAX_STORE=" + setting}
	// A decision made without the store, in the folder's sources.json:
	// the first command with the store imports it.
	if out, err := cliProcess(t, []string{"PARALLAX_STORE=none"}, "stance", dir, "Island Herald", "neutral").CombinedOutput(); err != nil {
		t.Fatalf("stance before: %v\n%s", err, out)
	}
	before, err := os.ReadFile(filepath.Join(dir, ".parallax", "sources.json"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := cliProcess(t, env, "entities", dir, "--json").Output()
	if err != nil {
		t.Fatalf("entities: %v", err)
	}
	var ents struct {
		Suggestions []struct {
			ID    string `json:"id"`
			FormA string `json:"form_a"`
			FormB string `json:"form_b"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal(out, &ents); err != nil {
		t.Fatal(err)
	}
	if len(ents.Suggestions) < 2 {
		t.Fatalf("test data: want two suggestions, got %+v", ents.Suggestions)
	}
	a, b := ents.Suggestions[0], ents.Suggestions[1]

	start := filepath.Join(t.TempDir(), "start")
	var wg sync.WaitGroup
	errs := make([]error, 2)
	outs := make([]bytes.Buffer, 2)
	for i, job := range []struct{ author, id, stance string }{{"ada", a.ID, "critical"}, {"bob", b.ID, "supportive"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			penv := append(env, "PARALLAX_AUTHOR="+job.author, "PARALLAX_TEST_START="+start)
			for _, args := range [][]string{{"aliases", dir, "accept", job.id}, {"stance", dir, "Velmar Courier", job.stance}} {
				cmd := cliProcess(t, penv, args...)
				cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
				if err := cmd.Run(); err != nil {
					errs[i] = fmt.Errorf("%s %v: %w", job.author, args, err)
					return
				}
			}
		}()
	}
	time.Sleep(50 * time.Millisecond) // both processes started and waiting
	if err := os.WriteFile(start, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%v\n%s", err, outs[i].String())
		}
	}

	// Both merges are kept: the suggestions are gone from a new analysis.
	out, err = cliProcess(t, env, "entities", dir, "--json").Output()
	if err != nil {
		t.Fatalf("entities after: %v", err)
	}
	if err := json.Unmarshal(out, &ents); err != nil {
		t.Fatal(err)
	}
	for _, s := range ents.Suggestions {
		if s.ID == a.ID || s.ID == b.ID {
			t.Errorf("merge %s (%q ~ %q) was lost", s.ID, s.FormA, s.FormB)
		}
	}
	exported := filepath.Join(t.TempDir(), "export")
	if out, err := cliProcess(t, env, "state", "export", dir, "--to", exported).CombinedOutput(); err != nil {
		t.Fatalf("state export: %v\n%s", err, out)
	}
	var dec struct {
		Merges []struct{ A, B string } `json:"merges"`
	}
	data, err := os.ReadFile(filepath.Join(exported, "aliases.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &dec); err != nil || len(dec.Merges) != 2 {
		t.Errorf("exported aliases.json: %s (%v), want both merges", data, err)
	}

	// The stance: the later save wins, the earlier is in the history.
	out, err = cliProcess(t, env, "state", "history", dir, "sources.json", "--json").Output()
	if err != nil {
		t.Fatalf("state history: %v", err)
	}
	var hist []struct {
		Version int64  `json:"version"`
		Author  string `json:"author"`
		Current bool   `json:"current"`
		Data    string `json:"data"`
	}
	if err := json.Unmarshal(out, &hist); err != nil {
		t.Fatal(err)
	}
	stanceOf := func(data string) string {
		var ov struct {
			Outlets map[string]string `json:"outlet_stances"`
		}
		if err := json.Unmarshal([]byte(data), &ov); err != nil {
			t.Fatalf("a version of sources.json does not parse: %v", err)
		}
		return ov.Outlets["Velmar Courier"]
	}
	// imported (the folder's file), then one version per analyst
	if len(hist) != 3 || !hist[0].Current || hist[2].Data != string(before) {
		t.Fatalf("sources.json history: %+v, want the imported file and one version per analyst", hist)
	}
	later, earlier := hist[0], hist[1]
	want := map[string]string{"ada": "critical", "bob": "supportive"}
	if later.Author == earlier.Author || stanceOf(later.Data) != want[later.Author] || stanceOf(earlier.Data) != want[earlier.Author] {
		t.Errorf("stance history: current %s by %s, before it %s by %s; want each analyst's own stance",
			stanceOf(later.Data), later.Author, stanceOf(earlier.Data), earlier.Author)
	}
	if !strings.Contains(later.Data, `"Island Herald": "neutral"`) {
		t.Errorf("the stance set before the store was lost: %s", later.Data)
	}
	if now, err := os.ReadFile(filepath.Join(dir, ".parallax", "sources.json")); err != nil || !bytes.Equal(now, before) {
		t.Errorf("the folder's sources.json changed while the store kept the decisions: %s (%v)", now, err)
	}

	// Every command reads the stances from the store.
	out, err = cliProcess(t, env, "inspect", dir, "--json").Output()
	if err != nil {
		t.Fatalf("inspect: %v", err)
	}
	var ins struct {
		Documents []struct {
			Path   string `json:"path"`
			Outlet string `json:"outlet"`
			Stance string `json:"stance"`
		} `json:"documents"`
	}
	if err := json.Unmarshal(out, &ins); err != nil {
		t.Fatal(err)
	}
	for _, d := range ins.Documents {
		if d.Outlet == "Velmar Courier" && d.Stance != want[later.Author] || d.Outlet == "Island Herald" && d.Stance != "neutral" {
			t.Errorf("inspect: %s (%s) has stance %q; want %q for Velmar Courier, neutral for Island Herald", d.Path, d.Outlet, d.Stance, want[later.Author])
		}
	}
}
