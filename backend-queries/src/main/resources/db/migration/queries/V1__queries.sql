-- backend-queries, V1: table queries as the release before migrations made it (db/01_arxiv.sql). The
-- baseline: on an installation of that release the table is already there with its rows (the bootstrap
-- gave it to arxiv_owner) and IF NOT EXISTS leaves it as it is; on a fresh database it is created.
-- Never edit this file once released: a change of schema is a new V<n>__ file.

-- One row per search. Timestamps are Unix seconds. num_results is arXiv's total hit count, which
-- overflows the seed's SMALLINT, hence BIGINT.
CREATE TABLE IF NOT EXISTS queries (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query_id    BIGINT  NOT NULL CHECK (query_id > 0),
    timestamp   BIGINT  NOT NULL CHECK (timestamp >= 0),
    status      INTEGER NOT NULL CHECK (status BETWEEN 100 AND 599),
    num_results BIGINT  NOT NULL CHECK (num_results >= 0),
    num_entries INTEGER NOT NULL CHECK (num_entries >= 0),
    query       TEXT    NOT NULL,
    CONSTRAINT queries_query_id_key UNIQUE (query_id)
);
-- /read-queries: a time range in (timestamp, query_id) order, streamed by this index
CREATE INDEX IF NOT EXISTS queries_timestamp_query_id_idx ON queries (timestamp, query_id);

-- Rows are written once and never changed: the service may read and append, nothing more; reads
-- (and read replicas) read only.
GRANT SELECT, INSERT ON queries TO arxiv_rw;
GRANT SELECT ON queries TO arxiv_ro;
-- the service reads its history when it only checks its schema (ARXIV_MIGRATION_AT_START=false)
GRANT SELECT ON ${flyway:table} TO arxiv_rw;
