-- backend-sequence, V1: sequence arxiv_sequence, the source of every query_id, as the release before
-- migrations made it (db/02_arxiv_sequence.sql). On an installation of that release it is already there
-- (the bootstrap gave it to arxiv_owner) and keeps its value; on a fresh database it is created.
-- Never edit this file once released: a change of schema is a new V<n>__ file.

-- NO CYCLE (the default): a sequence that ran out fails rather than hand out a query_id twice
CREATE SEQUENCE IF NOT EXISTS arxiv_sequence AS BIGINT START WITH 1 INCREMENT BY 1 NO CYCLE;
-- USAGE allows nextval (and currval of the session's own value); no SELECT, no setval
GRANT USAGE ON SEQUENCE arxiv_sequence TO arxiv_sequence;
-- the service reads its history when it only checks its schema (ARXIV_MIGRATION_AT_START=false)
GRANT SELECT ON ${flyway:table} TO arxiv_sequence;
