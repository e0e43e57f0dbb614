CREATE TABLE probe_current (id int PRIMARY KEY);
