package statedoc

import (
	"context"
	"slices"
	"time"
)

// Follow reports the decisions that other writers (another analyst's app
// or CLI, or this process) changed in the store, until ctx ends: every
// interval it compares the versions of the keys kept with those it saw
// last and calls onChange with the keys that changed, appeared or went,
// sorted. The first look only records the versions. It returns ctx's
// error, or the store's error once it failed three times in a row (a
// server gone away), so that the caller can say so.
func (s *Stored) Follow(ctx context.Context, interval time.Duration, onChange func(keys []string)) error {
	var seen map[string]int64
	failures := 0
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		now, err := s.versionsNow(ctx)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			failures++
			if failures >= 3 {
				return err
			}
		default:
			failures = 0
			if seen != nil {
				if changed := changedKeys(seen, now); len(changed) > 0 {
					onChange(changed)
				}
			}
			seen = now
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// versionsNow returns the current version of every decision kept.
func (s *Stored) versionsNow(ctx context.Context) (map[string]int64, error) {
	keys, err := s.Keys(ctx)
	if err != nil {
		return nil, err
	}
	return s.Versions(ctx, keys)
}

// changedKeys lists the keys whose version differs between a and b, or
// that only one has, sorted.
func changedKeys(a, b map[string]int64) []string {
	var out []string
	for k, v := range b {
		if old, ok := a[k]; !ok || old != v {
			out = append(out, k)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
