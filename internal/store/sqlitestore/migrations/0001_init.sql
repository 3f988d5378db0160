-- The embedded store's first schema. Times are Unix nanoseconds (UTC).

CREATE TABLE blobs (
	kind TEXT NOT NULL,
	key  TEXT NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- At most one analysis: the latest, with its fingerprint.
CREATE TABLE analysis (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	fingerprint TEXT NOT NULL,
	written_at  INTEGER NOT NULL
);

CREATE TABLE analysis_parts (
	name TEXT PRIMARY KEY,
	data BLOB NOT NULL
) WITHOUT ROWID;

-- Entity names of the analysis; key is folded, ntrgm its trigram count.
CREATE TABLE names (
	id       INTEGER PRIMARY KEY,
	entity   TEXT NOT NULL,
	name     TEXT NOT NULL,
	key      TEXT NOT NULL,
	kind     TEXT NOT NULL,
	mentions INTEGER NOT NULL,
	ntrgm    INTEGER NOT NULL
);

-- The trigram index of names.key (pg_trgm's trigrams, see store/trigram).
CREATE TABLE name_trigrams (
	trgm    TEXT NOT NULL,
	name_id INTEGER NOT NULL REFERENCES names (id) ON DELETE CASCADE,
	PRIMARY KEY (trgm, name_id)
) WITHOUT ROWID;

CREATE TABLE passages (
	id   INTEGER PRIMARY KEY,
	text TEXT NOT NULL,
	docs TEXT NOT NULL -- JSON array of document paths
);

-- Full text of the passages' folded text; rowid = passages.id.
CREATE VIRTUAL TABLE passages_fts USING fts5 (
	folded,
	content = '',
	tokenize = 'unicode61 remove_diacritics 2'
);

-- The current version of each state document. A deleted document keeps
-- a row (deleted = 1) so that its versions keep counting up.
CREATE TABLE state (
	key     TEXT PRIMARY KEY,
	version INTEGER NOT NULL,
	data    BLOB,
	author  TEXT NOT NULL,
	at      INTEGER NOT NULL,
	deleted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Versions replaced or deleted.
CREATE TABLE state_history (
	key     TEXT NOT NULL,
	version INTEGER NOT NULL,
	data    BLOB,
	author  TEXT NOT NULL,
	at      INTEGER NOT NULL,
	deleted INTEGER NOT NULL,
	PRIMARY KEY (key, version)
) WITHOUT ROWID;
