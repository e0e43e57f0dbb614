-- backend-queries, V2: the rest of the request as arXiv got it (issue 20), so that a search in the
-- history can be understood and run again, and whether arXiv returned every entry it should have.
-- Rows stored before were searches by query alone in arXiv's default order from the first result, and
-- were stored only when complete: the defaults say exactly that, for those rows and for the inserts of a
-- backend-queries of the previous release still running during a rolling upgrade. A constant default
-- rewrites no row (PostgreSQL 11+), so this is quick on a large table. search_query may now be empty:
-- a search by ids alone sends arXiv only an id_list.

ALTER TABLE queries
    ADD COLUMN IF NOT EXISTS sort_by    TEXT    NOT NULL DEFAULT 'relevance'
        CHECK (sort_by IN ('relevance', 'submitted', 'updated')),
    ADD COLUMN IF NOT EXISTS sort_order TEXT    NOT NULL DEFAULT 'descending'
        CHECK (sort_order IN ('descending', 'ascending')),
    ADD COLUMN IF NOT EXISTS start      INTEGER NOT NULL DEFAULT 0 CHECK (start >= 0),
    ADD COLUMN IF NOT EXISTS id_list    TEXT,
    ADD COLUMN IF NOT EXISTS complete   BOOLEAN NOT NULL DEFAULT true;
