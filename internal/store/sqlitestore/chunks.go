package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// chunkSize is the most of one value (a blob, an analysis part) written
// in one row. SQLite copies a value it binds, builds the whole record
// from it and reads it back whole, all outside Go's heap, where the Go
// memory limit of a batch run cannot see it: in rows of a chunk each,
// that costs a chunk or two, not twice the value (migration 0003).
const chunkSize = 1 << 20

// splitChunks returns d's first chunk and the rest, a chunk each (views
// of d, not copies).
func splitChunks(d []byte) (first []byte, rest [][]byte) {
	if len(d) <= chunkSize {
		return d, nil
	}
	first, d = d[:chunkSize], d[chunkSize:]
	for len(d) > 0 {
		n := min(len(d), chunkSize)
		rest = append(rest, d[:n])
		d = d[n:]
	}
	return first, rest
}

// writeRest writes the chunks after the first of one value with ins,
// whose arguments are prefix, then the chunk's number (from 1), then
// its data.
func writeRest(ctx context.Context, ins *sql.Stmt, prefix []any, rest [][]byte) error {
	args := append(append([]any(nil), prefix...), 0, nil)
	for i, c := range rest {
		args[len(prefix)], args[len(prefix)+1] = i+1, c
		if _, err := ins.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// readRest appends to the values of into (each its first chunk, read
// from the value's own table) the rest of their chunks. sizes selects
// (name, number of chunks, their total length) per value, grouped by
// name; rows selects (name, seq, data) in order of name and seq; both
// take args. A value must have every chunk from 1 to its count, else the
// store is damaged and said to be; chunks of a value into does not hold
// (a value not asked for, or one whose first row is gone) are ignored.
func readRest(ctx context.Context, tx *sql.Tx, into map[string][]byte, sizes, rows string, args ...any) error {
	type grow struct{ count, total int }
	want := map[string]grow{}
	sr, err := tx.QueryContext(ctx, sizes, args...)
	if err != nil {
		return err
	}
	defer sr.Close()
	for sr.Next() {
		var name string
		var g grow
		if err := sr.Scan(&name, &g.count, &g.total); err != nil {
			return err
		}
		if _, ok := into[name]; ok {
			want[name] = g
		}
	}
	if err := sr.Err(); err != nil {
		return err
	}
	if len(want) == 0 {
		return nil
	}
	// each value grown once to its length, then filled chunk by chunk
	// (RawBytes: no copy of a chunk beyond the driver's own)
	for name, g := range want {
		first := into[name]
		into[name] = append(make([]byte, 0, len(first)+g.total), first...)
	}
	next := map[string]int{}
	rr, err := tx.QueryContext(ctx, rows, args...)
	if err != nil {
		return err
	}
	defer rr.Close()
	for rr.Next() {
		var name string
		var seq int
		var data sql.RawBytes
		if err := rr.Scan(&name, &seq, &data); err != nil {
			return err
		}
		if _, ok := want[name]; !ok {
			continue
		}
		if seq != next[name]+1 {
			return fmt.Errorf("value %q: chunk %d where %d was expected (the store is damaged)", name, seq, next[name]+1)
		}
		next[name] = seq
		into[name] = append(into[name], data...)
	}
	if err := rr.Err(); err != nil {
		return err
	}
	for name, g := range want {
		if next[name] != g.count {
			return fmt.Errorf("value %q: %d of its %d chunks read (the store is damaged)", name, next[name], g.count)
		}
	}
	return nil
}

// longValues lists, sorted, the names of the values of into whose first
// row is at least a chunk long: only those can have more chunks
// (splitChunks), so only those are worth looking for in a chunks table.
func longValues(into map[string][]byte) []string {
	var names []string
	for name, first := range into {
		if len(first) >= chunkSize {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
