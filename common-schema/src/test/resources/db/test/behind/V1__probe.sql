CREATE TABLE probe_behind (id int PRIMARY KEY);
GRANT SELECT ON ${flyway:table} TO arxiv_rw;
