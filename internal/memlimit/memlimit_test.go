package memlimit

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestFor(t *testing.T) {
	const mb = 1 << 20
	limit := func(l uint64) Setting { return Setting{Limit: int64(l), Percent: 100} }
	paced := Setting{Limit: math.MaxInt64, Percent: 25}
	for _, tc := range []struct {
		live    uint64
		outside int64
		want    Setting
	}{
		{0, 0, limit(900 * mb)},
		{600 * mb, 0, limit(900 * mb)}, // 750 MB with headroom: under the budget
		{720 * mb, 0, limit(900 * mb)}, // exactly at it
		{721 * mb, 0, paced},           // past it: no limit, a quarter's pace
		{4000 * mb, 0, paced},          // a large project is never held to the budget
		// memory outside Go (SQLite's) is taken from the limit…
		{600 * mb, 60 * mb, limit(840 * mb)},
		{600 * mb, -8 * mb, limit(900 * mb)}, // Go mapped more than is resident
		// …never below the live heap and its headroom…
		{700 * mb, 60 * mb, limit(875 * mb)},
		{100 * mb, 2000 * mb, limit(125 * mb)},
		// …and does not decide the switch to the pace
		{720 * mb, 60 * mb, limit(900 * mb)},
		{721 * mb, 60 * mb, paced},
	} {
		if got := For(tc.live, 900*mb, tc.outside); got != tc.want {
			t.Errorf("For(%d MB live, %d MB outside) = %+v, want %+v", tc.live/mb, tc.outside/mb, got, tc.want)
		}
	}
}

// With no budget, the pace holds the heap: a limit of zero would collect
// without pause.
func TestForNoBudget(t *testing.T) {
	for _, live := range []uint64{0, 1 << 20} {
		if got := For(live, 0, 0); got.Limit != math.MaxInt64 || got.Percent != 25 {
			t.Errorf("For(%d, 0, 0) = %+v, want no limit and a quarter's pace", live, got)
		}
	}
}

func TestLeft(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		outside int64
		want    uint64
	}{
		{-5 * mb, 900 * mb}, // Go mapped more than is resident: all left
		{0, 900 * mb},
		{60 * mb, 840 * mb},
		{900 * mb, 0},
		{2000 * mb, 0},
	} {
		if got := Left(900*mb, tc.outside); got != tc.want {
			t.Errorf("Left(900 MB, %d MB) = %d MB, want %d MB", tc.outside/mb, got/mb, tc.want/mb)
		}
	}
}

func TestStartSetsAndRestores(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	beforeLimit := debug.SetMemoryLimit(-1)
	const budget = 3 << 30 // far above this test's heap
	stop := Start(budget, 10*time.Millisecond)
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	got := debug.SetMemoryLimit(-1)
	stop()
	stop() // twice is harmless
	// the budget less what of the process is not Go's (this test's code,
	// a few megabytes)
	if got > budget || got < budget-64<<20 {
		t.Errorf("limit while running %d, want the budget %d less a few MB", got, budget)
	}
	if after := debug.SetMemoryLimit(-1); after != beforeLimit {
		t.Errorf("limit after stop %d, want the one before, %d", after, beforeLimit)
	}
}

func TestStartTightensThePacePastTheBudget(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	keep := make([]byte, 8<<20) // live heap well past a 1 MB budget
	runtime.GC()
	before := debug.SetGCPercent(100)
	debug.SetGCPercent(before)
	stop := Start(1<<20, 10*time.Millisecond)
	limit := debug.SetMemoryLimit(-1)
	pace := debug.SetGCPercent(before) // read it, restoring before stop does
	debug.SetGCPercent(pace)
	stop()
	runtime.KeepAlive(keep)
	if limit != math.MaxInt64 || pace != 25 {
		t.Errorf("past the budget: limit %d, pace %d; want none and 25", limit, pace)
	}
	if after := debug.SetGCPercent(before); after != before {
		t.Errorf("pace after stop %d, want %d", after, before)
	}
}

func TestStartLeavesTheUsersSetting(t *testing.T) {
	for _, env := range []string{"GOMEMLIMIT", "GOGC"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv("GOGC", "")
			t.Setenv(env, map[string]string{"GOMEMLIMIT": "5GiB", "GOGC": "150"}[env])
			before := debug.SetMemoryLimit(-1)
			stop := Start(1<<30, 10*time.Millisecond)
			defer stop()
			if got := debug.SetMemoryLimit(-1); got != before {
				t.Errorf("%s set, yet the limit changed from %d to %d", env, before, got)
			}
		})
	}
}
