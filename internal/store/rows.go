package store

import (
	"fmt"
	"time"

	"github.com/parallaxworkbench/parallax/internal/store/trigram"
)

// SearchKey is the key the name is searched by in every store: the row's
// key (or its name when it has none), folded again so that all stores
// fold alike.
func (n NameRow) SearchKey() string {
	if n.Key != "" {
		return trigram.Fold(n.Key)
	}
	return trigram.Fold(n.Name)
}

// Rows is what both stores' result sets offer (pgx.Rows and *sql.Rows), so
// that rows of the same shape are read by the same code whatever the
// dialect. The caller closes them.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// NonNil keeps an empty value apart from a missing one (both drivers read
// an empty BLOB or bytea as nil).
func NonNil(d []byte) []byte {
	if d == nil {
		return []byte{}
	}
	return d
}

// CollectBytes reads rows of (name, data), blobs or analysis parts, into
// into.
func CollectBytes(rows Rows, into map[string][]byte) error {
	for rows.Next() {
		var k string
		var d []byte
		if err := rows.Scan(&k, &d); err != nil {
			return err
		}
		into[k] = NonNil(d)
	}
	return rows.Err()
}

// CollectStrings reads rows of one text column.
func CollectStrings(rows Rows) ([]string, error) {
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// CollectVersions reads rows of (version, data, author, at, deleted) of
// the state document key. The dialects keep the time differently, so at is
// the destination the time column is scanned into and atTime reads it
// back once scanned.
func CollectVersions(rows Rows, key string, at any, atTime func() time.Time) ([]StateVersion, error) {
	var out []StateVersion
	for rows.Next() {
		v := StateVersion{Key: key}
		if err := rows.Scan(&v.Version, &v.Data, &v.Author, at, &v.Deleted); err != nil {
			return nil, err
		}
		v.At = atTime().UTC()
		if !v.Deleted {
			v.Data = NonNil(v.Data)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// NextVersion runs an UpdateState change on cur, the kept version of its
// key (found false when the key was never kept), and returns the version
// to write, its time left to the store. write is false when there is
// nothing to write (deleting what is not there); v is then the answer.
func NextVersion(cur StateVersion, found bool, author string, change func(cur []byte, exists bool) ([]byte, error)) (v StateVersion, write bool, err error) {
	exists := found && !cur.Deleted
	var data []byte
	if exists {
		data = NonNil(cur.Data)
	}
	next, err := change(data, exists)
	if err != nil {
		return StateVersion{}, false, fmt.Errorf("update state %s: %w", cur.Key, err)
	}
	if next == nil && !exists {
		return StateVersion{Key: cur.Key, Version: cur.Version, Deleted: true}, false, nil
	}
	return StateVersion{Key: cur.Key, Version: cur.Version + 1, Data: next, Author: author, Deleted: next == nil}, true, nil
}
