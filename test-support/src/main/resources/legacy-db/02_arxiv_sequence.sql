-- arxiv-pipeline database, step 3 of 3: database arxiv_sequence with sequence arxiv_sequence, the
-- source of every query_id. Role arxiv_sequence may take nextval and nothing else.
\set ON_ERROR_STOP on

CREATE DATABASE arxiv_sequence ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE arxiv_sequence FROM PUBLIC;
GRANT CONNECT ON DATABASE arxiv_sequence TO arxiv_sequence;

\connect arxiv_sequence

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO arxiv_sequence;

-- NO CYCLE (the default): a sequence that ran out fails rather than hand out a query_id twice
CREATE SEQUENCE arxiv_sequence AS BIGINT START WITH 1 INCREMENT BY 1 NO CYCLE;
-- USAGE allows nextval (and currval of the session's own value); no SELECT, no setval
GRANT USAGE ON SEQUENCE arxiv_sequence TO arxiv_sequence;
