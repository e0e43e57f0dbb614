-- backend-results, V1: table results as the release before migrations made it (db/01_arxiv.sql). The
-- baseline: on an installation of that release the table is already there with its rows (the bootstrap
-- gave it to arxiv_owner) and IF NOT EXISTS leaves it as it is; on a fresh database it is created.
-- Never edit this file once released: a change of schema is a new V<n>__ file.

-- One row per result of a search: result_number is its position 0..n-1 in arXiv's answer.
CREATE TABLE IF NOT EXISTS results (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query_id         BIGINT  NOT NULL CHECK (query_id > 0),
    timestamp        BIGINT  NOT NULL CHECK (timestamp >= 0),
    result_number    INTEGER NOT NULL CHECK (result_number >= 0),
    author           TEXT,
    title            TEXT,
    journal          TEXT,
    arxiv_id         TEXT,
    doi              TEXT,
    primary_category TEXT,
    published        TIMESTAMPTZ,
    url              TEXT,
    -- idempotent writes, and the keyset order of /read-results: (query_id, result_number)
    CONSTRAINT results_query_id_result_number_key UNIQUE (query_id, result_number)
);

-- Rows are written once and never changed: the service may read and append, nothing more; reads
-- (and read replicas) read only.
GRANT SELECT, INSERT ON results TO arxiv_rw;
GRANT SELECT ON results TO arxiv_ro;
-- the service reads its history when it only checks its schema (ARXIV_MIGRATION_AT_START=false)
GRANT SELECT ON ${flyway:table} TO arxiv_rw;
