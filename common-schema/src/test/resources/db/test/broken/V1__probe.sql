CREATE TABLE probe_broken (id int PRIMARY KEY);
GRANT SELECT ON ${flyway:table} TO arxiv_rw;
