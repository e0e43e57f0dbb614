-- a migration of queries that fails halfway: its first statement must not survive it
ALTER TABLE queries ADD COLUMN half_done text;
SELECT 1 / 0;
