package boilerplate

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestDetectContextCancelled(t *testing.T) {
	text := strings.Repeat("The council voted on Monday to reopen the plant.\nShare this article\n\n", 5000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if spans, err := DetectContext(ctx, text); !errors.Is(err, context.Canceled) || spans != nil {
		t.Errorf("DetectContext after cancel = %d spans, %v; want context.Canceled", len(spans), err)
	}
	spans, err := DetectContext(context.Background(), text)
	if err != nil || len(spans) == 0 {
		t.Errorf("DetectContext = %d spans, %v; want the share lines", len(spans), err)
	}
}
