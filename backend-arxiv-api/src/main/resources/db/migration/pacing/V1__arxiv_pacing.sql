-- backend-arxiv-api, V1: the arXiv pacing shared by all replicas, as the release before migrations made
-- it (db/01_arxiv.sql): one row holding the next free call slot. On an installation of that release the
-- table and its row are already there (the bootstrap gave them to arxiv_owner) and stay as they are.
-- Never edit this file once released: a change of schema is a new V<n>__ file.
CREATE TABLE IF NOT EXISTS arxiv_pacing (
    id        SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    next_slot TIMESTAMPTZ NOT NULL DEFAULT '-infinity'
);
INSERT INTO arxiv_pacing (id) VALUES (1) ON CONFLICT (id) DO NOTHING;
GRANT SELECT, UPDATE (next_slot) ON arxiv_pacing TO arxiv_pacing;
-- the service reads its history when it only checks its schema (ARXIV_MIGRATION_AT_START=false)
GRANT SELECT ON ${flyway:table} TO arxiv_pacing;
