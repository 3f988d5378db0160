package heappeak

import (
	"runtime"
	"testing"
	"time"
)

// A buffer still live when sampling stops is in the peak.
func TestStartSeesALiveBuffer(t *testing.T) {
	const size = 64 << 20
	stop := Start(time.Millisecond)
	buf := make([]byte, size)
	for i := range buf {
		buf[i] = byte(i)
	}
	peak := stop()
	runtime.KeepAlive(buf)
	if peak < size {
		t.Errorf("peak %d bytes with a %d-byte buffer live", peak, size)
	}
}
