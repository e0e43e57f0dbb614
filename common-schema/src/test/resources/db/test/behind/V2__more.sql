ALTER TABLE probe_behind ADD COLUMN more text;
