-- The tables of large values keep their rows in a rowid table, their keys
-- in the primary key's own index. Without a rowid the rows were the keys'
-- b-tree: SQLite, to compare a key with a row's whose record overflows
-- its page, reads the whole record, so each lookup read several whole
-- values (a document's text, a 1 MiB chunk). A warm search on a
-- 10,000-article project read 4,658 texts in 132,828 page reads.
CREATE TABLE blobs_by_rowid (
	kind TEXT NOT NULL,
	key  TEXT NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (kind, key)
);
INSERT INTO blobs_by_rowid (kind, key, data) SELECT kind, key, data FROM blobs;
DROP TABLE blobs;
ALTER TABLE blobs_by_rowid RENAME TO blobs;

CREATE TABLE blob_chunks_by_rowid (
	kind TEXT NOT NULL,
	key  TEXT NOT NULL,
	seq  INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (kind, key, seq)
);
INSERT INTO blob_chunks_by_rowid (kind, key, seq, data) SELECT kind, key, seq, data FROM blob_chunks;
DROP TABLE blob_chunks;
ALTER TABLE blob_chunks_by_rowid RENAME TO blob_chunks;

CREATE TABLE analysis_parts_by_rowid (
	name TEXT PRIMARY KEY,
	data BLOB NOT NULL
);
INSERT INTO analysis_parts_by_rowid (name, data) SELECT name, data FROM analysis_parts;
DROP TABLE analysis_parts;
ALTER TABLE analysis_parts_by_rowid RENAME TO analysis_parts;

CREATE TABLE analysis_part_chunks_by_rowid (
	name TEXT NOT NULL,
	seq  INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (name, seq)
);
INSERT INTO analysis_part_chunks_by_rowid (name, seq, data) SELECT name, seq, data FROM analysis_part_chunks;
DROP TABLE analysis_part_chunks;
ALTER TABLE analysis_part_chunks_by_rowid RENAME TO analysis_part_chunks;
