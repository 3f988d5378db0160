package workspace

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
)

const killEnv = "PARALLAX_WORKSPACE_KILL_TEST_DIR"

// TestHelperSaveLoop is the child of TestKillDuringSave: it saves one
// workspace over and over with the real atomic writer until killed.
func TestHelperSaveLoop(t *testing.T) {
	dir := os.Getenv(killEnv)
	if dir == "" {
		t.Skip("helper process only")
	}
	s, err := OpenStore(dir, Options{})
	if err != nil {
		os.Exit(3)
	}
	ws, err := s.Load("k")
	if err != nil {
		ws = New("k", time.Now())
	}
	for i := 0; ; i++ {
		ws.Notes = fmt.Sprintf("save %d %s end", i, strings.Repeat("x", 20000+i%7*3000))
		if err := s.Save(ws, SaveOptions{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(4)
		}
	}
}

// TestKillDuringSave kills a process that keeps saving a workspace at
// arbitrary moments (SIGKILL: no clean-up runs) and checks that the file
// left is always a whole workspace that loads.
func TestKillDuringSave(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("needs a killable child process")
	}
	dir := project(t, nil)
	s := openStore(t, dir, Options{})
	rounds := 12
	if testing.Short() {
		rounds = 4
	}
	saved := false
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSaveLoop$")
		cmd.Env = append(os.Environ(), killEnv+"="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The first round waits for a first save, so that every later
		// kill lands on a project that has a workspace to lose.
		for wait := 0; round == 0 && wait < 1000; wait++ {
			if _, err := os.Stat(s.File("k")); err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(time.Duration(20+round*7) * time.Millisecond)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		ws, err := s.Load("k")
		if err != nil {
			if !saved && errors.Is(err, ErrNotFound) {
				continue // killed before the first save finished
			}
			t.Fatalf("round %d: Load after kill: %v", round, err)
		}
		saved = true
		t.Logf("round %d: %.12s", round, ws.Notes)
		if !strings.HasPrefix(ws.Notes, "save ") || !strings.HasSuffix(ws.Notes, " end") {
			t.Fatalf("round %d: workspace not whole: %.40q…", round, ws.Notes)
		}
	}
	if !saved {
		t.Fatal("the child never saved")
	}
}
