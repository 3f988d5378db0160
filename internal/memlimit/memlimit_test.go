package memlimit

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		live, budget, want uint64
	}{
		{0, 900 * mb, 900 * mb},
		{600 * mb, 900 * mb, 900 * mb},  // 750 MB with headroom: the budget
		{720 * mb, 900 * mb, 900 * mb},  // exactly at the budget
		{800 * mb, 900 * mb, 1000 * mb}, // past it: live plus a quarter
		{4000 * mb, 900 * mb, 5000 * mb},
	} {
		if got := Limit(tc.live, tc.budget); got != tc.want {
			t.Errorf("Limit(%d MB, %d MB) = %d MB, want %d MB", tc.live/mb, tc.budget/mb, got/mb, tc.want/mb)
		}
	}
}

func TestStartSetsAndRestores(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	const budget = 3 << 30
	stop := Start(budget, 10*time.Millisecond)
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	got := debug.SetMemoryLimit(-1)
	stop()
	stop() // twice is harmless
	if got < budget {
		t.Errorf("limit while running %d, want at least the budget %d", got, budget)
	}
	if after := debug.SetMemoryLimit(-1); after != before {
		t.Errorf("limit after stop %d, want the one before, %d", after, before)
	}
}

func TestStartLeavesTheUsersLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "5GiB")
	before := debug.SetMemoryLimit(-1)
	stop := Start(1<<30, 10*time.Millisecond)
	defer stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("GOMEMLIMIT set, yet the limit changed from %d to %d", before, got)
	}
}
