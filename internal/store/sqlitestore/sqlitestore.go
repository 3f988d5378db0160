// Package sqlitestore is the embedded store: one SQLite database file,
// by default <project>/.parallax/parallax.db, through the pure-Go driver
// modernc.org/sqlite (so the CLI stays cgo-free).
//
// The file is opened in WAL mode (readers never wait for the writer), with
// a busy timeout (a second process waits for the writer instead of
// failing) and foreign keys on. Every write is a transaction begun
// IMMEDIATE, so a read-modify-write of a state document by two processes
// is serialised by SQLite's own lock and loses nothing. Within one process
// writes go through one connection.
package sqlitestore

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/parallaxworkbench/parallax/internal/projectfs"
	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/migrate"
	"github.com/parallaxworkbench/parallax/internal/store/trigram"
	"github.com/parallaxworkbench/parallax/internal/store/websearch"
)

// FileName is the embedded store's file, below the project's .parallax.
const FileName = "parallax.db"

// BusyTimeout is how long a write waits for another process' write, as
// long as the project lock (projectfs.LockTimeout).
const BusyTimeout = projectfs.LockTimeout

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is the embedded store. Its methods are safe for concurrent use.
type Store struct {
	path string
	w    *sql.DB // one connection, transactions begun IMMEDIATE
	r    *sql.DB // readers
}

var _ store.Store = (*Store)(nil)

// Open opens (creating it when missing) the embedded store of the project
// folder dir: .parallax/parallax.db, created through the project's rules
// (a real .parallax folder owned by the user; the database a regular
// file, never a symbolic link).
func Open(ctx context.Context, dir string) (*Store, error) {
	root, err := projectfs.Open(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	if err := root.MkdirState(projectfs.StateDir); err != nil {
		return nil, fmt.Errorf("embedded store: %w", err)
	}
	rel := projectfs.StateDir + "/" + FileName
	if _, err := root.Lstat(rel); errors.Is(err, fs.ErrNotExist) {
		f, err := root.Create(rel, 0o600)
		if err == nil {
			f.Close()
		} else if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("embedded store: %w", err)
		}
	}
	return OpenFile(ctx, root.Abs(rel))
}

// OpenFile opens (creating it when missing) the store in the SQLite file
// path. The file and its companions (-wal, -shm, -journal) must be regular
// files, not symbolic links.
func OpenFile(ctx context.Context, path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("embedded store %s: %w", path, err)
	}
	if st, err := os.Stat(filepath.Dir(abs)); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("embedded store %s: its folder does not exist", abs)
	}
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		if err := checkRegular(abs + suffix); err != nil {
			return nil, fmt.Errorf("embedded store: %w", err)
		}
	}
	if _, err := os.Lstat(abs); errors.Is(err, fs.ErrNotExist) {
		f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if err == nil {
			f.Close()
		} else if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("embedded store: %w", err)
		}
	}
	base := "file:" + escapePath(abs) + "?_pragma=busy_timeout(" + fmt.Sprint(BusyTimeout.Milliseconds()) + ")" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(full)"
	// The writer's page cache is bounded (8 MiB, four times SQLite's
	// default): an analysis is written in one transaction, which spills
	// to the log once it outgrows the cache; a larger cache stays
	// allocated, outside Go's heap and its memory limit, for as long as
	// the store is open (64 MiB cost a cold 10k analysis as much in peak
	// memory, for no measurable gain in time).
	w, err := sql.Open("sqlite", base+"&_pragma=journal_mode(wal)&_pragma=journal_size_limit(67108864)&_pragma=cache_size(-8192)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("embedded store %s: %w", abs, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s := &Store{path: abs, w: w}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", base+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("embedded store %s: %w", abs, err)
	}
	r.SetMaxOpenConns(4)
	s.r = r
	return s, nil
}

// checkRegular refuses p when it exists and is not a regular file (a
// symbolic link, a folder, a FIFO…).
func checkRegular(p string) error {
	st, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: %w (%s); refused", p, projectfs.ErrNotRegular, projectfs.KindOf(st.Mode()))
	}
	return nil
}

// escapePath writes a file path for an SQLite URI.
func escapePath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(p))
}

// Kind is "sqlite".
func (s *Store) Kind() string { return "sqlite" }

// Location is the database file's path.
func (s *Store) Location() string { return s.path }

// Close closes the database.
func (s *Store) Close() error {
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	errs = append(errs, s.w.Close())
	return errors.Join(errs...)
}

// wrap gives an error the store's file as context, and says so plainly
// when the file is not an SQLite database.
func (s *Store) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_NOTADB {
		return fmt.Errorf("embedded store %s is not an SQLite database (%s): %w", s.path, what, err)
	}
	return fmt.Errorf("embedded store %s: %s: %w", s.path, what, err)
}

// migrate brings the schema up to date in one transaction, or refuses a
// database written by a newer Parallax.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrate.Load(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("open", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`); err != nil {
		return s.wrap("schema", err)
	}
	var have int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return s.wrap("schema version", err)
	}
	if have > migrate.Latest(ms) {
		return migrate.TooNew("embedded store "+s.path, have, migrate.Latest(ms))
	}
	for _, m := range ms[have:] {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return s.wrap("migration "+m.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			m.Version, m.Name, time.Now().UnixNano()); err != nil {
			return s.wrap("migration "+m.Name, err)
		}
	}
	return s.wrap("schema", tx.Commit())
}

// GetBlobs returns the blobs of kind kept under keys.
func (s *Store) GetBlobs(ctx context.Context, kind string, keys []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	if len(keys) == 0 {
		return out, nil
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	// one read transaction: the first chunks and the rest of the same
	// blobs
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, s.wrap("read blobs", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT key, data FROM blobs WHERE kind = ? AND key IN (SELECT value FROM json_each(?))`, kind, string(list))
	if err != nil {
		return nil, s.wrap("read blobs", err)
	}
	defer rows.Close()
	if err := store.CollectBytes(rows, out); err != nil {
		return nil, s.wrap("read blobs", err)
	}
	// only a blob whose first row is a whole chunk has more rows: looking
	// up the others in blob_chunks costs SQLite a read of whole 1 MiB
	// chunks per key (its keys sit in the rows), 2.5 ms a document
	long := longValues(out)
	if len(long) == 0 {
		return out, nil
	}
	chunked, err := json.Marshal(long)
	if err != nil {
		return nil, err
	}
	const in = ` FROM blob_chunks WHERE kind = ? AND key IN (SELECT value FROM json_each(?))`
	if err := readRest(ctx, tx, out,
		`SELECT key, count(*), sum(length(data))`+in+` GROUP BY key`,
		`SELECT key, seq, data`+in+` ORDER BY key, seq`, kind, string(chunked)); err != nil {
		return nil, s.wrap("read blobs", err)
	}
	return out, nil
}

// PutBlobs keeps blobs; a key already kept is left as it is.
func (s *Store) PutBlobs(ctx context.Context, kind string, blobs map[string][]byte) error {
	if len(blobs) == 0 {
		return nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("write blobs", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT INTO blobs (kind, key, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`)
	if err != nil {
		return s.wrap("write blobs", err)
	}
	defer st.Close()
	// for the blobs of more than a chunk
	drop, err := tx.PrepareContext(ctx, `DELETE FROM blob_chunks WHERE kind = ? AND key = ?`)
	if err != nil {
		return s.wrap("write blobs", err)
	}
	defer drop.Close()
	rest, err := tx.PrepareContext(ctx, `INSERT INTO blob_chunks (kind, key, seq, data) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return s.wrap("write blobs", err)
	}
	defer rest.Close()
	for k, d := range blobs {
		first, more := splitChunks(d)
		res, err := st.ExecContext(ctx, kind, k, store.NonNil(first))
		if err != nil {
			return s.wrap("write blobs", err)
		}
		if len(more) == 0 {
			continue
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return s.wrap("write blobs", err)
			}
			continue // kept already, with its own chunks
		}
		// chunks left without their first row (a damaged store) are not
		// this blob's
		if _, err := drop.ExecContext(ctx, kind, k); err != nil {
			return s.wrap("write blobs", err)
		}
		if err := writeRest(ctx, rest, []any{kind, k}, more); err != nil {
			return s.wrap("write blobs", err)
		}
	}
	return s.wrap("write blobs", tx.Commit())
}

// PruneBlobs drops the blobs of kind whose keys are not in keep.
func (s *Store) PruneBlobs(ctx context.Context, kind string, keep []string) (int, error) {
	if keep == nil {
		keep = []string{}
	}
	list, err := json.Marshal(keep)
	if err != nil {
		return 0, err
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, s.wrap("prune blobs", err)
	}
	defer tx.Rollback()
	const notIn = ` WHERE kind = ? AND key NOT IN (SELECT value FROM json_each(?))`
	if _, err := tx.ExecContext(ctx, `DELETE FROM blob_chunks`+notIn, kind, string(list)); err != nil {
		return 0, s.wrap("prune blobs", err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM blobs`+notIn, kind, string(list))
	if err != nil {
		return 0, s.wrap("prune blobs", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, s.wrap("prune blobs", err)
	}
	return int(n), s.wrap("prune blobs", tx.Commit())
}

// Analysis returns the parts of the kept analysis if its fingerprint is
// fingerprint.
func (s *Store) Analysis(ctx context.Context, fingerprint string, names []string) (map[string][]byte, bool, error) {
	// One read transaction: the parts are those of the fingerprint read.
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, false, s.wrap("read analysis", err)
	}
	defer tx.Rollback()
	var fp string
	err = tx.QueryRowContext(ctx, `SELECT fingerprint FROM analysis WHERE id = 1`).Scan(&fp)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, s.wrap("read analysis", err)
	}
	if fp != fingerprint {
		return nil, false, nil
	}
	var where string
	var args []any
	if names != nil {
		list, err := json.Marshal(names)
		if err != nil {
			return nil, false, err
		}
		where = ` WHERE name IN (SELECT value FROM json_each(?))`
		args = append(args, string(list))
	}
	rows, err := tx.QueryContext(ctx, `SELECT name, data FROM analysis_parts`+where, args...)
	if err != nil {
		return nil, false, s.wrap("read analysis", err)
	}
	defer rows.Close()
	parts := map[string][]byte{}
	if err := store.CollectBytes(rows, parts); err != nil {
		return nil, false, s.wrap("read analysis", err)
	}
	if names != nil {
		// only the parts a chunk long or more have more chunks (see GetBlobs)
		long := longValues(parts)
		if len(long) == 0 {
			return parts, true, nil
		}
		list, err := json.Marshal(long)
		if err != nil {
			return nil, false, err
		}
		args = []any{string(list)}
	}
	if err := readRest(ctx, tx, parts,
		`SELECT name, count(*), sum(length(data)) FROM analysis_part_chunks`+where+` GROUP BY name`,
		`SELECT name, seq, data FROM analysis_part_chunks`+where+` ORDER BY name, seq`, args...); err != nil {
		return nil, false, s.wrap("read analysis", err)
	}
	return parts, true, nil
}

// PutAnalysis replaces the kept analysis, its names and passages in one
// transaction.
func (s *Store) PutAnalysis(ctx context.Context, a store.AnalysisRecord) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.wrap("write analysis", err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`DELETE FROM analysis`, `DELETE FROM analysis_parts`, `DELETE FROM analysis_part_chunks`, `DELETE FROM name_postings`,
		`DELETE FROM names`, `DELETE FROM passages`,
		`INSERT INTO passages_fts (passages_fts) VALUES ('delete-all')`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return s.wrap("write analysis", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO analysis (id, fingerprint, written_at) VALUES (1, ?, ?)`,
		a.Fingerprint, time.Now().UnixNano()); err != nil {
		return s.wrap("write analysis", err)
	}
	if err := s.putParts(ctx, tx, a.Parts); err != nil {
		return err
	}
	if err := s.putNames(ctx, tx, a.Names); err != nil {
		return err
	}
	if err := s.putPassages(ctx, tx, a.Passages); err != nil {
		return err
	}
	return s.wrap("write analysis", tx.Commit())
}

func (s *Store) putParts(ctx context.Context, tx *sql.Tx, parts map[string][]byte) error {
	st, err := tx.PrepareContext(ctx, `INSERT INTO analysis_parts (name, data) VALUES (?, ?)`)
	if err != nil {
		return s.wrap("write analysis", err)
	}
	defer st.Close()
	rest, err := tx.PrepareContext(ctx, `INSERT INTO analysis_part_chunks (name, seq, data) VALUES (?, ?, ?)`)
	if err != nil {
		return s.wrap("write analysis", err)
	}
	defer rest.Close()
	for n, d := range parts {
		first, more := splitChunks(d)
		if _, err := st.ExecContext(ctx, n, store.NonNil(first)); err != nil {
			return s.wrap("write analysis part "+n, err)
		}
		if len(more) == 0 {
			continue
		}
		if err := writeRest(ctx, rest, []any{n}, more); err != nil {
			return s.wrap("write analysis part "+n, err)
		}
	}
	return nil
}

func (s *Store) putNames(ctx context.Context, tx *sql.Tx, names []store.NameRow) error {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO names (id, entity, name, key, kind, mentions, ntrgm) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return s.wrap("write names", err)
	}
	defer ins.Close()
	type list struct {
		data []byte
		last int64
	}
	lists := map[string]*list{}
	for i, n := range names {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		key := n.SearchKey()
		ts := trigram.Trigrams(key)
		id := int64(i + 1)
		if _, err := ins.ExecContext(ctx, id, n.Entity, n.Name, key, n.Kind, n.Mentions, len(ts)); err != nil {
			return s.wrap("write names", err)
		}
		for _, t := range ts {
			l := lists[t]
			if l == nil {
				l = &list{}
				lists[t] = l
			}
			l.data = appendPosting(l.data, l.last, posting{id: id, ntrgm: len(ts), mentions: n.Mentions})
			l.last = id
		}
	}
	post, err := tx.PrepareContext(ctx, `INSERT INTO name_postings (trgm, ids) VALUES (?, ?)`)
	if err != nil {
		return s.wrap("write names", err)
	}
	defer post.Close()
	for t, l := range lists {
		if _, err := post.ExecContext(ctx, t, l.data); err != nil {
			return s.wrap("write names", err)
		}
	}
	return nil
}

func (s *Store) putPassages(ctx context.Context, tx *sql.Tx, ps []store.PassageRow) error {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO passages (id, text, docs) VALUES (?, ?, ?)`)
	if err != nil {
		return s.wrap("write passages", err)
	}
	defer ins.Close()
	fts, err := tx.PrepareContext(ctx, `INSERT INTO passages_fts (rowid, folded) VALUES (?, ?)`)
	if err != nil {
		return s.wrap("write passages", err)
	}
	defer fts.Close()
	for _, p := range ps {
		docs := p.Docs
		if docs == nil {
			docs = []string{}
		}
		dj, err := json.Marshal(docs)
		if err != nil {
			return err
		}
		if _, err := ins.ExecContext(ctx, p.ID, p.Text, string(dj)); err != nil {
			return s.wrap(fmt.Sprintf("write passage %d", p.ID), err)
		}
		if _, err := fts.ExecContext(ctx, p.ID, websearch.IndexText(p.Text)); err != nil {
			return s.wrap(fmt.Sprintf("write passage %d", p.ID), err)
		}
	}
	return nil
}

// SearchNames finds names by trigram similarity to query, best first (then
// more mentions, then by name and entity in byte order). The posting lists
// of the query's trigrams give each name's count of shared trigrams and
// its own count, hence its similarity; only the best names' rows are read.
func (s *Store) SearchNames(ctx context.Context, query string, limit int) ([]store.NameHit, error) {
	qt := trigram.Trigrams(trigram.Fold(query))
	if len(qt) == 0 || limit <= 0 {
		return nil, nil
	}
	list, err := json.Marshal(qt)
	if err != nil {
		return nil, err
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, s.wrap("search names", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT ids FROM name_postings WHERE trgm IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, s.wrap("search names", err)
	}
	type cand struct {
		posting
		common int
	}
	cands := map[int64]*cand{}
	for rows.Next() {
		var ids []byte
		if err := rows.Scan(&ids); err != nil {
			rows.Close()
			return nil, s.wrap("search names", err)
		}
		err := eachPosting(ids, func(p posting) {
			c := cands[p.id]
			if c == nil {
				c = &cand{posting: p}
				cands[p.id] = c
			}
			c.common++
		})
		if err != nil {
			rows.Close()
			return nil, s.wrap("search names", err)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.wrap("search names", err)
	}
	var best []store.NameHit
	var ids []int64
	for id, c := range cands {
		sim := trigram.Ratio(c.common, len(qt), c.ntrgm)
		if sim >= trigram.Threshold {
			best = append(best, store.NameHit{NameRow: store.NameRow{Mentions: c.mentions}, Similarity: sim})
			ids = append(ids, id)
		}
	}
	// Rank by similarity and mentions; read the rows of the first limit
	// and of those tied with the last of them, then order ties by name.
	order := make([]int, len(best))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return before(best[order[i]], best[order[j]]) })
	cut := min(limit, len(order))
	for cut < len(order) && !before(best[order[cut-1]], best[order[cut]]) {
		cut++
	}
	want := make(map[int64]float64, cut)
	for _, i := range order[:cut] {
		want[ids[i]] = best[i].Similarity
	}
	hits, err := s.readNames(ctx, tx, want)
	if err != nil {
		return nil, err
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.Similarity != b.Similarity || a.Mentions != b.Mentions {
			return before(a, b)
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Entity < b.Entity
	})
	return hits[:min(limit, len(hits))], nil
}

// before orders hits by similarity, then mentions.
func before(a, b store.NameHit) bool {
	if a.Similarity != b.Similarity {
		return a.Similarity > b.Similarity
	}
	return a.Mentions > b.Mentions
}

// readNames reads the rows of the names with ids (id → similarity).
func (s *Store) readNames(ctx context.Context, tx *sql.Tx, ids map[int64]float64) ([]store.NameHit, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	keys := make([]int64, 0, len(ids))
	for id := range ids {
		keys = append(keys, id)
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, entity, name, key, kind, mentions FROM names WHERE id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, s.wrap("search names", err)
	}
	defer rows.Close()
	hits := make([]store.NameHit, 0, len(ids))
	for rows.Next() {
		var h store.NameHit
		var id int64
		if err := rows.Scan(&id, &h.Entity, &h.Name, &h.Key, &h.Kind, &h.Mentions); err != nil {
			return nil, s.wrap("search names", err)
		}
		h.Similarity = ids[id]
		hits = append(hits, h)
	}
	return hits, s.wrap("search names", rows.Err())
}

// SearchPassages finds passages containing the words of query (a web
// search: words, "phrases", -excluded, or), best first.
func (s *Store) SearchPassages(ctx context.Context, query string, limit int) ([]store.PassageHit, error) {
	q := websearch.Parse(query)
	if q.Empty() || limit <= 0 {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, `
		SELECT p.id, p.text, p.docs, -bm25(passages_fts) AS rank
		FROM passages_fts JOIN passages AS p ON p.id = passages_fts.rowid
		WHERE passages_fts MATCH ?
		ORDER BY rank DESC, p.id
		LIMIT ?`, q.FTS5(), limit)
	if err != nil {
		return nil, s.wrap("search passages", err)
	}
	defer rows.Close()
	var hits []store.PassageHit
	for rows.Next() {
		var h store.PassageHit
		var docs string
		if err := rows.Scan(&h.ID, &h.Text, &docs, &h.Rank); err != nil {
			return nil, s.wrap("search passages", err)
		}
		if err := json.Unmarshal([]byte(docs), &h.Docs); err != nil {
			return nil, s.wrap(fmt.Sprintf("passage %d's documents", h.ID), err)
		}
		hits = append(hits, h)
	}
	return hits, s.wrap("search passages", rows.Err())
}

// State returns the current version of key.
func (s *Store) State(ctx context.Context, key string) (store.StateVersion, error) {
	v, found, err := readState(ctx, s.r, key)
	if err != nil {
		return store.StateVersion{}, s.wrap("read state "+key, err)
	}
	if !found || v.Deleted {
		return store.StateVersion{}, fmt.Errorf("state %s: %w", key, store.ErrNotFound)
	}
	return v, nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func readState(ctx context.Context, q queryer, key string) (store.StateVersion, bool, error) {
	v := store.StateVersion{Key: key}
	var at int64
	err := q.QueryRowContext(ctx, `SELECT version, data, author, at, deleted FROM state WHERE key = ?`, key).
		Scan(&v.Version, &v.Data, &v.Author, &at, &v.Deleted)
	if errors.Is(err, sql.ErrNoRows) {
		return v, false, nil
	}
	v.At = time.Unix(0, at).UTC()
	if !v.Deleted {
		v.Data = store.NonNil(v.Data)
	}
	return v, err == nil, err
}

// UpdateState changes key in one IMMEDIATE transaction (which holds
// SQLite's write lock from its start, so no other writer, in this process
// or another, can change the key between the read and the write). change
// may read the store but must not write to it: the write waits for the
// transaction that is calling change.
func (s *Store) UpdateState(ctx context.Context, key, author string, change func(cur []byte, exists bool) ([]byte, error)) (store.StateVersion, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return store.StateVersion{}, s.wrap("update state "+key, err)
	}
	defer tx.Rollback()
	cur, found, err := readState(ctx, tx, key)
	if err != nil {
		return store.StateVersion{}, s.wrap("update state "+key, err)
	}
	v, write, err := store.NextVersion(cur, found, author, change)
	if err != nil || !write {
		return v, err
	}
	if found {
		if _, err := tx.ExecContext(ctx, `INSERT INTO state_history (key, version, data, author, at, deleted)
			SELECT key, version, data, author, at, deleted FROM state WHERE key = ?`, key); err != nil {
			return store.StateVersion{}, s.wrap("update state "+key, err)
		}
	}
	v.At = time.Now().UTC()
	if _, err := tx.ExecContext(ctx, `INSERT INTO state (key, version, data, author, at, deleted) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET version = excluded.version, data = excluded.data,
			author = excluded.author, at = excluded.at, deleted = excluded.deleted`,
		key, v.Version, v.Data, author, v.At.UnixNano(), v.Deleted); err != nil {
		return store.StateVersion{}, s.wrap("update state "+key, err)
	}
	if err := tx.Commit(); err != nil {
		return store.StateVersion{}, s.wrap("update state "+key, err)
	}
	return v, nil
}

// StateKeys lists the kept state keys with prefix, sorted.
func (s *Store) StateKeys(ctx context.Context, prefix string) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT key FROM state WHERE deleted = 0 AND substr(key, 1, length(?1)) = ?1`, prefix)
	if err != nil {
		return nil, s.wrap("list state", err)
	}
	defer rows.Close()
	keys, err := store.CollectStrings(rows)
	if err != nil {
		return nil, s.wrap("list state", err)
	}
	sort.Strings(keys)
	return keys, nil
}

// StateHistory lists the current version of key, then those it replaced,
// newest first.
func (s *Store) StateHistory(ctx context.Context, key string) ([]store.StateVersion, error) {
	rows, err := s.r.QueryContext(ctx, `
		SELECT version, data, author, at, deleted FROM state WHERE key = ?1
		UNION ALL
		SELECT version, data, author, at, deleted FROM state_history WHERE key = ?1
		ORDER BY version DESC`, key)
	if err != nil {
		return nil, s.wrap("state history "+key, err)
	}
	defer rows.Close()
	var at int64
	out, err := store.CollectVersions(rows, key, &at, func() time.Time { return time.Unix(0, at) })
	if err != nil {
		return nil, s.wrap("state history "+key, err)
	}
	return out, nil
}
