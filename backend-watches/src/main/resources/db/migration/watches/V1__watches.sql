-- backend-watches, V1: the watches (saved searches) and the papers each has found (issue 24).
-- A watch is due when next_run has passed. A runner claims a due watch by moving next_run to the end of
-- its lease and naming the run in claim (one UPDATE over FOR UPDATE SKIP LOCKED, so that two runners never
-- take the same watch): a runner that dies gives the run back when the lease ends, and the claim it holds
-- is then worth nothing. Times are Unix seconds of the database's clock, the one clock of all replicas.

CREATE TABLE IF NOT EXISTS watches (
    watch_id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    every         TEXT    NOT NULL,                       -- the ISO-8601 duration as given
    every_seconds BIGINT  NOT NULL CHECK (every_seconds >= 3600),
    search        JSONB   NOT NULL,                       -- the normalised query parameters of GET /arxiv
    created       BIGINT  NOT NULL,
    next_run      BIGINT  NOT NULL,
    last_run      BIGINT,
    last_query_id BIGINT,
    last_error    TEXT,
    failures      INTEGER NOT NULL DEFAULT 0,             -- failed runs in a row: the back-off
    new_papers    INTEGER NOT NULL DEFAULT 0,             -- found for the first time by the last run
    claim         UUID                                    -- the run under way, null when none
);

-- the claim of due runs: an index range scan from the oldest next_run, whatever the number of watches
CREATE INDEX IF NOT EXISTS watches_next_run ON watches (next_run);

CREATE TABLE IF NOT EXISTS watch_papers (
    watch_id   BIGINT NOT NULL REFERENCES watches (watch_id) ON DELETE CASCADE,
    paper      TEXT   NOT NULL,                           -- the versionless arXiv id
    first_seen BIGINT NOT NULL,
    published  TEXT   NOT NULL,                           -- ISO-8601 Z, which sorts as text ('' when unknown)
    record     JSONB  NOT NULL,                           -- the result record of the run that found it
    PRIMARY KEY (watch_id, paper)
);

-- GET /watches/{id}/new: newest first (first found, then published, then the id), by keyset
CREATE INDEX IF NOT EXISTS watch_papers_newest ON watch_papers (watch_id, first_seen DESC, published DESC, paper DESC);

GRANT SELECT, INSERT, UPDATE, DELETE ON watches, watch_papers TO arxiv_watches;
GRANT SELECT ON ${flyway:table} TO arxiv_watches;
