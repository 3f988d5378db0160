// Package workpool runs numbered jobs on a bounded number of goroutines and
// stops handing out jobs when the context is cancelled: the one worker pool
// the engine's parallel steps share.
package workpool

import (
	"context"
	"sync"
)

// Run calls a job function for every job 0..jobs-1 on at most workers
// goroutines (at least one). start is called once on each goroutine and
// returns that goroutine's job function, so a worker can keep scratch space
// of its own. When ctx is cancelled no further job starts and Run returns
// ctx's error after the running ones end.
func Run(ctx context.Context, jobs, workers int, start func() func(job int)) error {
	workers = max(1, min(workers, jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			do := start()
			for job := range next {
				do(job)
			}
		}()
	}
	var err error
feed:
	for job := range jobs {
		select {
		case next <- job:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	return err
}
