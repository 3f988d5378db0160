package pdftext

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

// testWorkerModeEnv makes a worker misbehave, for the isolation tests.
const testWorkerModeEnv = "PDFTEXT_TEST_WORKER_MODE"

func TestMain(m *testing.M) {
	if w := os.Getenv(workerEnv); (w == "1" || w == workerServe) && os.Getenv(testWorkerModeEnv) != "" {
		applyWorkerLimits(decodeOpts(os.Getenv(workerOptsEnv)))
		misbehave(os.Getenv(testWorkerModeEnv))
	}
	RunWorkerIfRequested()
	os.Exit(m.Run())
}

var sink [][]byte

func misbehave(mode string) {
	switch mode {
	case "crash":
		fmt.Fprintln(os.Stderr, "panic: simulated crash")
		os.Exit(2)
	case "hang":
		time.Sleep(time.Hour)
	case "oom":
		for {
			b := make([]byte, 64<<20)
			for i := range b {
				b[i] = 1
			}
			sink = append(sink, b)
		}
	case "stack":
		var f func(int) int
		f = func(n int) int { return f(n+1) + 1 }
		f(0)
	case "garbage":
		os.Stdout.WriteString(strings.Repeat("x", 100))
		os.Exit(0)
	}
}
