package search

import (
	"context"
	"errors"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
)

// The index build stops when its context ends.
func TestNewIndexContextCancelled(t *testing.T) {
	docs := []*document.Document{{Path: "a.txt", Text: "Mira Talvik met Arvid Brenn."}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ix, err := NewIndexContext(ctx, docs, nil, nil); !errors.Is(err, context.Canceled) || ix != nil {
		t.Errorf("cancelled build: %v, %v", ix, err)
	}
	if ix, err := NewIndexContext(context.Background(), docs, nil, nil); err != nil || ix == nil {
		t.Errorf("build: %v", err)
	}
}
