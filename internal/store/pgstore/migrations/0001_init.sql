-- The PostgreSQL store's first schema. Several projects share one
-- database: every row belongs to one project (projects.id). pg_trgm is
-- created before the migrations run (it may need a superuser once).

CREATE TABLE projects (
	id         bigserial PRIMARY KEY,
	name       text NOT NULL UNIQUE,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE blobs (
	project bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	kind    text NOT NULL,
	key     text NOT NULL,
	data    bytea NOT NULL,
	PRIMARY KEY (project, kind, key)
);

CREATE TABLE analyses (
	project     bigint PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
	fingerprint text NOT NULL,
	written_at  timestamptz NOT NULL
);

CREATE TABLE analysis_parts (
	project bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	name    text NOT NULL,
	data    bytea NOT NULL,
	PRIMARY KEY (project, name)
);

-- Entity names; key is folded by Parallax (case, diacritics, look-alikes).
CREATE TABLE names (
	project  bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	entity   text NOT NULL,
	name     text NOT NULL,
	key      text NOT NULL,
	kind     text NOT NULL,
	mentions integer NOT NULL
);
CREATE INDEX names_project ON names (project);
CREATE INDEX names_key_trgm ON names USING gin (key gin_trgm_ops);

-- Shared passages; tsv indexes their folded words ('simple': no stemming,
-- no stop words, as the embedded store's FTS5 table).
CREATE TABLE passages (
	project bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	id      integer NOT NULL,
	text    text NOT NULL,
	docs    text[] NOT NULL,
	tsv     tsvector NOT NULL,
	PRIMARY KEY (project, id)
);
CREATE INDEX passages_tsv ON passages USING gin (tsv);

-- The current version of each state document; a deleted one keeps its row
-- (deleted) so that its versions keep counting up.
CREATE TABLE state (
	project bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	key     text NOT NULL,
	version bigint NOT NULL,
	data    bytea,
	author  text NOT NULL,
	at      timestamptz NOT NULL,
	deleted boolean NOT NULL,
	PRIMARY KEY (project, key)
);

CREATE TABLE state_history (
	project bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	key     text NOT NULL,
	version bigint NOT NULL,
	data    bytea,
	author  text NOT NULL,
	at      timestamptz NOT NULL,
	deleted boolean NOT NULL,
	PRIMARY KEY (project, key, version)
);
