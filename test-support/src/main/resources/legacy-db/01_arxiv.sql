-- arxiv-pipeline database, step 2 of 3: database arxiv with tables queries and results
-- (and the arXiv pacing table), owned by the superuser; the service roles get only what they use.
\set ON_ERROR_STOP on

CREATE DATABASE arxiv ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE arxiv FROM PUBLIC;
GRANT CONNECT ON DATABASE arxiv TO arxiv_rw, arxiv_ro, arxiv_pacing;

\connect arxiv

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO arxiv_rw, arxiv_ro, arxiv_pacing;

-- One row per search. Timestamps are Unix seconds. num_results is arXiv's total hit count, which
-- overflows the seed's SMALLINT, hence BIGINT.
CREATE TABLE queries (
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
CREATE INDEX queries_timestamp_query_id_idx ON queries (timestamp, query_id);

-- One row per result of a search: result_number is its position 0..n-1 in arXiv's answer.
CREATE TABLE results (
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

-- Rows are written once and never changed: the services may read and append, nothing more.
GRANT SELECT, INSERT ON queries, results TO arxiv_rw;
GRANT SELECT ON queries, results TO arxiv_ro;

-- The arXiv pacing shared by all backend-arxiv-api replicas: one row holding the next free call slot.
CREATE TABLE arxiv_pacing (
    id        SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    next_slot TIMESTAMPTZ NOT NULL DEFAULT '-infinity'
);
INSERT INTO arxiv_pacing (id) VALUES (1);
GRANT SELECT, UPDATE (next_slot) ON arxiv_pacing TO arxiv_pacing;
