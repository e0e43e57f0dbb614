ALTER TABLE probe_current ADD COLUMN more text;
