-- a migration that fails halfway: its first statement must not survive it
ALTER TABLE probe_broken ADD COLUMN half_done text;
SELECT 1 / 0;
