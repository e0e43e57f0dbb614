-- backend-results, V4: the full-text document of each result stored beside it (issue 21, measured in
-- bench/RESULTS.md "Filters of GET /results"). Computed from an expression, the document cost 70-130 us of
-- to_tsvector for every row a plan checked (a page walked in order, a lossy bitmap's recheck): a common word's
-- first page spent its time there, and a rare word misestimated into a walk took seconds. Stored, a check
-- is under a microsecond. It costs about as much space as the title and abstract (~1.3 KB a row), and this
-- migration rewrites the table once (about the time V3's index took: minutes per million results, writes
-- waiting meanwhile). No row's values change.
ALTER TABLE results ADD COLUMN IF NOT EXISTS document tsvector
    GENERATED ALWAYS AS (results_document(title, abstract, author)) STORED;

CREATE INDEX IF NOT EXISTS results_document_stored_idx ON results USING gin (document);
DROP INDEX IF EXISTS results_document_idx;

-- The statistics of the lexemes: PostgreSQL keeps the most common ones (10 x this target), and estimates any
-- other as rarer than the rarest kept. At the default (100) a rare word among a million abstracts was
-- estimated at 5,000 rows and walked instead of looked up (6.5 s against 1.4 ms). Takes effect at the next
-- ANALYZE (autovacuum's, or the operator's).
ALTER TABLE results ALTER COLUMN document SET STATISTICS 1000;
