-- Names are indexed by one posting list per trigram instead of one row per
-- (trigram, name): writing 50,000 names took 20 s as rows, and reading a
-- common trigram's rows was slower than scanning every name in memory.
-- Each list holds, per name with the trigram, in name id order, varints of
-- the id's distance from the previous one, the name's trigram count and
-- its mentions (see postings.go).
DROP TABLE name_trigrams;

CREATE TABLE name_postings (
	trgm TEXT PRIMARY KEY,
	ids  BLOB NOT NULL
) WITHOUT ROWID;

-- Kept analyses have no postings: drop them so they are computed again.
DELETE FROM analysis;
DELETE FROM analysis_parts;
DELETE FROM names;
DELETE FROM passages;
INSERT INTO passages_fts (passages_fts) VALUES ('delete-all');
