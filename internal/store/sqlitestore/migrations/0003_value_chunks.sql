-- Blobs and analysis parts longer than a chunk (chunks.go) keep their
-- first chunk in blobs or analysis_parts and the rest here, in order
-- (seq 1, 2, …). SQLite holds a value it writes or reads whole, outside
-- Go's heap and its memory limit: a copy to bind it and the record built
-- from it, about twice a 44 MB framing part on a 10,000-article project.
-- Values kept before this migration are one row each and read as they are.
CREATE TABLE blob_chunks (
	kind TEXT NOT NULL,
	key  TEXT NOT NULL,
	seq  INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (kind, key, seq)
) WITHOUT ROWID;

CREATE TABLE analysis_part_chunks (
	name TEXT NOT NULL,
	seq  INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (name, seq)
) WITHOUT ROWID;
