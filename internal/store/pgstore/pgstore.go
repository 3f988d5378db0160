// Package pgstore is the PostgreSQL store, for a team sharing one project
// and for corpora too large for a laptop, through pgx (jackc/pgx/v5).
//
// Several projects may share one database: the URL names the project
// (postgres://host/db?project=NAME; by default the project folder's base
// name) and every row is kept under it. Names are searched with pg_trgm
// (a GIN trigram index on the folded key), passages with PostgreSQL's full
// text search ('simple' configuration, websearch_to_tsquery). A change of
// a state document locks its row (SELECT … FOR UPDATE, after an insert
// that cannot race), so analysts changing one key at once are served in
// turn and each change sees the one before.
package pgstore

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/parallaxworkbench/parallax/internal/store"
	"github.com/parallaxworkbench/parallax/internal/store/migrate"
	"github.com/parallaxworkbench/parallax/internal/store/trigram"
	"github.com/parallaxworkbench/parallax/internal/store/websearch"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrationLock is the advisory lock key that serialises migrations of one
// database by several Parallax processes.
const migrationLock = 0x70617261 // "para"

// maxBatchBytes bounds the data sent in one statement (PostgreSQL refuses
// messages over 1 GB).
const maxBatchBytes = 64 << 20

// Store is the PostgreSQL store of one project. Its methods are safe for
// concurrent use.
type Store struct {
	pool     *pgxpool.Pool
	project  int64
	name     string
	location string
}

var _ store.Store = (*Store)(nil)

// Open connects to the PostgreSQL server of rawURL (postgres:// or
// postgresql://), brings the schema up to date and opens the project named
// by the URL's project parameter, or defaultProject when it has none.
func Open(ctx context.Context, rawURL, defaultProject string) (*Store, error) {
	conn, project, location, err := ParseURL(rawURL, defaultProject)
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(conn)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL store %s: %w", location, redact(err, rawURL))
	}
	// Plans made for each statement's values: a key list ($3 = ANY) is
	// then hashed or probed by index (PostgreSQL 14+), where a generic
	// plan may compare every row with every key; and the planner sees how
	// selective a query's trigrams are.
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		_, err := c.Exec(ctx, `SET plan_cache_mode = force_custom_plan`)
		return err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL store %s: %w", location, err)
	}
	s := &Store{pool: pool, name: project, location: location}
	if err := s.setUp(ctx, cfg.ConnConfig); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// ParseURL splits a store URL into the connection string for pgx (the
// project parameter removed), the project's name, and the location to
// show (the URL without its password).
func ParseURL(rawURL, defaultProject string) (conn, project, location string, err error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", "", "", fmt.Errorf("not a PostgreSQL URL (postgres://[user@]host[:port]/database[?project=NAME])")
	}
	q := u.Query()
	project = q.Get("project")
	q.Del("project")
	if project == "" {
		project = defaultProject
	}
	if project == "" {
		return "", "", "", fmt.Errorf("PostgreSQL store: no project named: add ?project=NAME to the URL")
	}
	if len(project) > 200 || strings.ContainsAny(project, "\x00") {
		return "", "", "", fmt.Errorf("PostgreSQL store: project name %.40q is not usable (at most 200 bytes, no NUL)", project)
	}
	u.RawQuery = q.Encode()
	conn = u.String()

	shown := *u
	if shown.User != nil {
		shown.User = url.User(shown.User.Username())
	}
	sq := shown.Query()
	for _, k := range []string{"password", "sslpassword"} {
		if sq.Has(k) {
			sq.Set(k, "xxxxx")
		}
	}
	sq.Set("project", project)
	shown.RawQuery = sq.Encode()
	return conn, project, shown.String(), nil
}

// redact removes the URL's password from an error message.
func redact(err error, rawURL string) error {
	u, perr := url.Parse(rawURL)
	if perr != nil || u.User == nil {
		return err
	}
	if pw, ok := u.User.Password(); ok && pw != "" && strings.Contains(err.Error(), pw) {
		return errors.New(strings.ReplaceAll(err.Error(), pw, "xxxxx"))
	}
	return err
}

// Kind is "postgres".
func (s *Store) Kind() string { return "postgres" }

// Location is the server's URL without its password, with the project.
func (s *Store) Location() string { return s.location }

// Project is the project's name in the database.
func (s *Store) Project() string { return s.name }

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

func (s *Store) wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("PostgreSQL store %s: %s: %w", s.location, what, err)
}

// setUp checks the connection, the trigram extension and the database's
// character type, applies the migrations and finds (or makes) the project.
func (s *Store) setUp(ctx context.Context, cc *pgx.ConnConfig) error {
	if err := s.pool.Ping(ctx); err != nil {
		return s.explainConnect(err, cc)
	}
	if err := s.needTrigrams(ctx, cc.Database); err != nil {
		return err
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO projects (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, s.name)
	if err == nil {
		err = s.pool.QueryRow(ctx, `SELECT id FROM projects WHERE name = $1`, s.name).Scan(&s.project)
	}
	return s.wrap("project "+s.name, err)
}

// explainConnect says plainly why the server could not be used.
func (s *Store) explainConnect(err error, cc *pgx.ConnConfig) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000":
			return fmt.Errorf("PostgreSQL store %s: the server refused user %q (authentication failed: check the user and password, and the server's pg_hba.conf): %w", s.location, cc.User, err)
		case "3D000":
			return fmt.Errorf("PostgreSQL store %s: the database %q does not exist on the server (create it: createdb %s): %w", s.location, cc.Database, cc.Database, err)
		case "57P03":
			return fmt.Errorf("PostgreSQL store %s: the server is starting up or shutting down; try again: %w", s.location, err)
		}
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) || errors.As(err, &ne) {
		return fmt.Errorf("PostgreSQL store %s: cannot reach the server at %s (is it running? for a local one: sh scripts/pg-local.sh start DIR): %w", s.location, serverName(cc), err)
	}
	return s.wrap("connect", err)
}

func serverName(cc *pgx.ConnConfig) string {
	if strings.HasPrefix(cc.Host, "/") {
		return fmt.Sprintf("the Unix socket in %s (port %d)", cc.Host, cc.Port)
	}
	return fmt.Sprintf("%s port %d", cc.Host, cc.Port)
}

// needTrigrams makes sure pg_trgm is there (creating it when the user may)
// and that it makes trigrams of non-Latin letters: under the C locale it
// drops them, and Cyrillic or Arabic names would never be found.
func (s *Store) needTrigrams(ctx context.Context, db string) error {
	// The C locale is refused before anything is created in the database.
	var ctype string
	if err := s.pool.QueryRow(ctx, `SELECT datctype FROM pg_database WHERE datname = current_database()`).Scan(&ctype); err != nil {
		return s.wrap("check the database's locale", err)
	}
	if ctype == "C" || ctype == "POSIX" {
		return s.badCtype(db, ctype)
	}
	var have bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')`).Scan(&have); err != nil {
		return s.wrap("check pg_trgm", err)
	}
	if !have {
		_, err := s.pool.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pg_trgm`)
		if err != nil {
			// Another process may have created it at the same moment.
			_ = s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')`).Scan(&have)
		}
		if err != nil && !have {
			var available bool
			if qerr := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm')`).Scan(&available); qerr == nil && !available {
				return fmt.Errorf("PostgreSQL store %s: the server lacks the pg_trgm extension, which name search needs: install it on the server (Debian and Ubuntu: it is in the postgresql package; elsewhere postgresql-contrib), then run CREATE EXTENSION pg_trgm; in database %s: %w", s.location, db, err)
			}
			return fmt.Errorf("PostgreSQL store %s: the pg_trgm extension is not enabled in database %s and this user may not enable it: ask a superuser to run CREATE EXTENSION pg_trgm; in it: %w", s.location, db, err)
		}
	}
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT cardinality(show_trgm('жд'))`).Scan(&n); err != nil {
		return s.wrap("check pg_trgm", err)
	}
	if n != 3 {
		return s.badCtype(db, ctype)
	}
	return nil
}

func (s *Store) badCtype(db, ctype string) error {
	return fmt.Errorf("PostgreSQL store %s: database %s has the character type %q, under which pg_trgm ignores Cyrillic and Arabic letters, so such names could not be found: use a database created with a UTF-8 locale (createdb --template=template0 --locale=C.UTF-8 NAME)", s.location, db, ctype)
}

// migrate brings the schema up to date in one transaction, under an
// advisory lock, or refuses a database written by a newer Parallax.
func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return s.wrap("schema", err)
	}
	defer tx.Rollback(ctx)
	if err := s.migrateTx(ctx, tx); err != nil {
		return err
	}
	return s.wrap("schema", tx.Commit(ctx))
}

func (s *Store) migrateTx(ctx context.Context, tx pgx.Tx) error {
	ms, err := migrate.Load(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
		return s.wrap("schema", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return s.wrap("schema", err)
	}
	var have int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return s.wrap("schema version", err)
	}
	if have > migrate.Latest(ms) {
		return migrate.TooNew("PostgreSQL store "+s.location, have, migrate.Latest(ms))
	}
	for _, m := range ms[have:] {
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return s.wrap("migration "+m.Name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
			return s.wrap("migration "+m.Name, err)
		}
	}
	return nil
}

// GetBlobs returns the blobs of kind kept under keys.
func (s *Store) GetBlobs(ctx context.Context, kind string, keys []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT key, data FROM blobs WHERE project = $1 AND kind = $2 AND key = ANY($3)`, s.project, kind, keys)
	if err != nil {
		return nil, s.wrap("read blobs", err)
	}
	defer rows.Close()
	if err := store.CollectBytes(rows, out); err != nil {
		return nil, s.wrap("read blobs", err)
	}
	return out, nil
}

// PutBlobs keeps blobs; a key already kept is left as it is.
func (s *Store) PutBlobs(ctx context.Context, kind string, blobs map[string][]byte) error {
	if len(blobs) == 0 {
		return nil
	}
	keys := make([]string, 0, len(blobs))
	for k := range blobs {
		keys = append(keys, k)
	}
	sort.Strings(keys) // the same lock order in every writer
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return s.wrap("write blobs", err)
	}
	defer tx.Rollback(ctx)
	for start := 0; start < len(keys); {
		end, size := start, 0
		for end < len(keys) && (end == start || size+len(blobs[keys[end]]) <= maxBatchBytes) {
			size += len(blobs[keys[end]])
			end++
		}
		data := make([][]byte, end-start)
		for i, k := range keys[start:end] {
			data[i] = store.NonNil(blobs[k])
		}
		if _, err := tx.Exec(ctx, `INSERT INTO blobs (project, kind, key, data)
			SELECT $1, $2, k, d FROM unnest($3::text[], $4::bytea[]) AS u (k, d)
			ON CONFLICT DO NOTHING`, s.project, kind, keys[start:end], data); err != nil {
			return s.wrap("write blobs", err)
		}
		start = end
	}
	return s.wrap("write blobs", tx.Commit(ctx))
}

// PruneBlobs drops the blobs of kind whose keys are not in keep. The keys
// to drop are found here, then deleted by their primary key: a statement
// comparing the table with keep (NOT … = ANY, NOT EXISTS, EXCEPT) was
// planned as a nested loop over both lists when the table's statistics
// were stale, 6 minutes for 40,000 blobs.
func (s *Store) PruneBlobs(ctx context.Context, kind string, keep []string) (int, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, s.wrap("prune blobs", err)
	}
	defer tx.Rollback(ctx)
	rows, err := tx.Query(ctx, `SELECT key FROM blobs WHERE project = $1 AND kind = $2`, s.project, kind)
	if err != nil {
		return 0, s.wrap("prune blobs", err)
	}
	have, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return 0, s.wrap("prune blobs", err)
	}
	kept := make(map[string]struct{}, len(keep))
	for _, k := range keep {
		kept[k] = struct{}{}
	}
	var drop []string
	for _, k := range have {
		if _, ok := kept[k]; !ok {
			drop = append(drop, k)
		}
	}
	if len(drop) == 0 {
		return 0, nil
	}
	tag, err := tx.Exec(ctx, `DELETE FROM blobs AS b USING unnest($3::text[]) AS d (key)
		WHERE b.project = $1 AND b.kind = $2 AND b.key = d.key`, s.project, kind, drop)
	if err != nil {
		return 0, s.wrap("prune blobs", err)
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, s.wrap("prune blobs", err)
	}
	return int(tag.RowsAffected()), nil
}

// Analysis returns the parts of the kept analysis if its fingerprint is
// fingerprint.
func (s *Store) Analysis(ctx context.Context, fingerprint string, names []string) (map[string][]byte, bool, error) {
	// One snapshot: the parts are those of the fingerprint read.
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, false, s.wrap("read analysis", err)
	}
	defer tx.Rollback(ctx)
	var fp string
	err = tx.QueryRow(ctx, `SELECT fingerprint FROM analyses WHERE project = $1`, s.project).Scan(&fp)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, s.wrap("read analysis", err)
	}
	if fp != fingerprint {
		return nil, false, nil
	}
	q := `SELECT name, data FROM analysis_parts WHERE project = $1`
	args := []any{s.project}
	if names != nil {
		q += ` AND name = ANY($2)`
		args = append(args, names)
	}
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return nil, false, s.wrap("read analysis", err)
	}
	defer rows.Close()
	parts := map[string][]byte{}
	if err := store.CollectBytes(rows, parts); err != nil {
		return nil, false, s.wrap("read analysis", err)
	}
	return parts, true, nil
}

// PutAnalysis replaces the kept analysis, its names and passages in one
// transaction.
func (s *Store) PutAnalysis(ctx context.Context, a store.AnalysisRecord) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return s.wrap("write analysis", err)
	}
	defer tx.Rollback(ctx)
	// Lock the project's analysis first, so two writers replace it in turn.
	if _, err := tx.Exec(ctx, `INSERT INTO analyses (project, fingerprint, written_at) VALUES ($1, $2, clock_timestamp())
		ON CONFLICT (project) DO UPDATE SET fingerprint = excluded.fingerprint, written_at = excluded.written_at`,
		s.project, a.Fingerprint); err != nil {
		return s.wrap("write analysis", err)
	}
	for _, q := range []string{
		`DELETE FROM analysis_parts WHERE project = $1`,
		`DELETE FROM names WHERE project = $1`,
		`DELETE FROM passages WHERE project = $1`,
	} {
		if _, err := tx.Exec(ctx, q, s.project); err != nil {
			return s.wrap("write analysis", err)
		}
	}
	for n, d := range a.Parts {
		if _, err := tx.Exec(ctx, `INSERT INTO analysis_parts (project, name, data) VALUES ($1, $2, $3)`, s.project, n, store.NonNil(d)); err != nil {
			return s.wrap("write analysis part "+n, err)
		}
	}
	if len(a.Names) > 0 {
		i := 0
		src := pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(a.Names) {
				return nil, nil
			}
			n := a.Names[i]
			i++
			return []any{s.project, n.Entity, n.Name, n.SearchKey(), n.Kind, int32(n.Mentions)}, nil
		})
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"names"}, []string{"project", "entity", "name", "key", "kind", "mentions"}, src); err != nil {
			return s.wrap("write names", err)
		}
	}
	if len(a.Passages) > 0 {
		b := &pgx.Batch{}
		for _, p := range a.Passages {
			docs := p.Docs
			if docs == nil {
				docs = []string{}
			}
			b.Queue(`INSERT INTO passages (project, id, text, docs, tsv) VALUES ($1, $2, $3, $4, to_tsvector('simple', $5))`,
				s.project, p.ID, p.Text, docs, websearch.IndexText(p.Text))
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return s.wrap("write passages", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return s.wrap("write analysis", err)
	}
	// Fresh statistics, or the planner, believing the tables small, scans
	// every name of the project instead of using the trigram index (10×
	// slower at 100,000 names). A user who does not own the tables gets a
	// warning and autovacuum does it later.
	if _, err := s.pool.Exec(ctx, `ANALYZE names, passages`); err != nil {
		return s.wrap("analyse the written tables", err)
	}
	return nil
}

// SearchNames finds names by pg_trgm similarity to query, best first (then
// more mentions, then by name and entity, in byte order).
func (s *Store) SearchNames(ctx context.Context, query string, limit int) ([]store.NameHit, error) {
	q := trigram.Fold(query)
	if len(trigram.Trigrams(q)) == 0 || limit <= 0 {
		return nil, nil
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, s.wrap("search names", err)
	}
	defer tx.Rollback(ctx)
	// A higher threshold first: the trigram index then gives far fewer
	// candidates to read. When it finds limit names, they are the best
	// limit of all (every name below it is less similar), so the answer is
	// the same as with the threshold alone.
	for _, t := range []float64{2 * trigram.Threshold, trigram.Threshold} {
		hits, err := s.searchNames(ctx, tx, q, t, limit)
		if err != nil || len(hits) >= limit || t == trigram.Threshold {
			return hits, err
		}
	}
	return nil, nil
}

func (s *Store) searchNames(ctx context.Context, tx pgx.Tx, q string, threshold float64, limit int) ([]store.NameHit, error) {
	// The threshold of the % operator, which the GIN index serves.
	if _, err := tx.Exec(ctx, `SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, fmt.Sprint(threshold)); err != nil {
		return nil, s.wrap("search names", err)
	}
	rows, err := tx.Query(ctx, `
		SELECT entity, name, key, kind, mentions, similarity(key, $2) AS sim
		FROM names WHERE project = $1 AND key % $2
		ORDER BY sim DESC, mentions DESC, name COLLATE "C", entity COLLATE "C"
		LIMIT $3`, s.project, q, limit)
	if err != nil {
		return nil, s.wrap("search names", err)
	}
	defer rows.Close()
	var hits []store.NameHit
	for rows.Next() {
		var h store.NameHit
		var mentions int32
		var sim float32
		if err := rows.Scan(&h.Entity, &h.Name, &h.Key, &h.Kind, &mentions, &sim); err != nil {
			return nil, s.wrap("search names", err)
		}
		h.Mentions = int(mentions)
		h.Similarity = float64(sim)
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
	rows, err := s.pool.Query(ctx, `
		SELECT id, text, docs, ts_rank(tsv, query) AS rank
		FROM passages, websearch_to_tsquery('simple', $2) AS query
		WHERE project = $1 AND tsv @@ query
		ORDER BY rank DESC, id
		LIMIT $3`, s.project, q.Web(), limit)
	if err != nil {
		return nil, s.wrap("search passages", err)
	}
	defer rows.Close()
	var hits []store.PassageHit
	for rows.Next() {
		var h store.PassageHit
		var id int32
		var rank float32
		if err := rows.Scan(&id, &h.Text, &h.Docs, &rank); err != nil {
			return nil, s.wrap("search passages", err)
		}
		h.ID = int(id)
		h.Rank = float64(rank)
		hits = append(hits, h)
	}
	return hits, s.wrap("search passages", rows.Err())
}

// State returns the current version of key.
func (s *Store) State(ctx context.Context, key string) (store.StateVersion, error) {
	v := store.StateVersion{Key: key}
	err := s.pool.QueryRow(ctx, `SELECT version, data, author, at FROM state
		WHERE project = $1 AND key = $2 AND version > 0 AND NOT deleted`, s.project, key).
		Scan(&v.Version, &v.Data, &v.Author, &v.At)
	if errors.Is(err, pgx.ErrNoRows) {
		return store.StateVersion{}, fmt.Errorf("state %s: %w", key, store.ErrNotFound)
	}
	if err != nil {
		return store.StateVersion{}, s.wrap("read state "+key, err)
	}
	v.Data = store.NonNil(v.Data)
	v.At = v.At.UTC()
	return v, nil
}

// UpdateState changes key in one transaction holding its row's lock. A
// key never kept gets a placeholder row (version 0) first, by an insert
// that waits for a concurrent one instead of failing; the lock is then
// taken on the row that is there either way.
func (s *Store) UpdateState(ctx context.Context, key, author string, change func(cur []byte, exists bool) ([]byte, error)) (store.StateVersion, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return store.StateVersion{}, s.wrap("update state "+key, err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `INSERT INTO state (project, key, version, data, author, at, deleted)
		VALUES ($1, $2, 0, NULL, '', clock_timestamp(), true) ON CONFLICT DO NOTHING`, s.project, key); err != nil {
		return store.StateVersion{}, s.wrap("update state "+key, err)
	}
	var version int64
	var data []byte
	var deleted bool
	if err := tx.QueryRow(ctx, `SELECT version, data, deleted FROM state WHERE project = $1 AND key = $2 FOR UPDATE`,
		s.project, key).Scan(&version, &data, &deleted); err != nil {
		return store.StateVersion{}, s.wrap("update state "+key, err)
	}
	found := version > 0
	v, write, err := store.NextVersion(store.StateVersion{Key: key, Version: version, Data: data, Deleted: deleted}, found, author, change)
	if err != nil || !write {
		// Nothing written: the rollback drops a placeholder.
		return v, err
	}
	if found {
		if _, err := tx.Exec(ctx, `INSERT INTO state_history (project, key, version, data, author, at, deleted)
			SELECT project, key, version, data, author, at, deleted FROM state WHERE project = $1 AND key = $2`, s.project, key); err != nil {
			return store.StateVersion{}, s.wrap("update state "+key, err)
		}
	}
	if err := tx.QueryRow(ctx, `UPDATE state SET version = $3, data = $4, author = $5, at = clock_timestamp(), deleted = $6
		WHERE project = $1 AND key = $2 RETURNING at`, s.project, key, v.Version, v.Data, author, v.Deleted).Scan(&v.At); err != nil {
		return store.StateVersion{}, s.wrap("update state "+key, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return store.StateVersion{}, s.wrap("update state "+key, err)
	}
	v.At = v.At.UTC()
	return v, nil
}

// StateKeys lists the kept state keys with prefix, sorted.
func (s *Store) StateKeys(ctx context.Context, prefix string) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT key FROM state
		WHERE project = $1 AND version > 0 AND NOT deleted AND starts_with(key, $2)`, s.project, prefix)
	if err != nil {
		return nil, s.wrap("list state", err)
	}
	keys, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, s.wrap("list state", err)
	}
	sort.Strings(keys)
	return keys, nil
}

// StateHistory lists the current version of key, then those it replaced,
// newest first.
func (s *Store) StateHistory(ctx context.Context, key string) ([]store.StateVersion, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT version, data, author, at, deleted FROM state WHERE project = $1 AND key = $2 AND version > 0
		UNION ALL
		SELECT version, data, author, at, deleted FROM state_history WHERE project = $1 AND key = $2
		ORDER BY version DESC`, s.project, key)
	if err != nil {
		return nil, s.wrap("state history "+key, err)
	}
	defer rows.Close()
	var at time.Time
	out, err := store.CollectVersions(rows, key, &at, func() time.Time { return at })
	if err != nil {
		return nil, s.wrap("state history "+key, err)
	}
	return out, nil
}
