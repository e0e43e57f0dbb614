package org.arxivpipeline.common.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.arxivpipeline.dbtools.Jdbc;
import org.arxivpipeline.dbtools.LocalPostgres;
import org.arxivpipeline.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;

/** The five services' real migrations (read from their modules' sources), configured as the services configure them. */
enum ServiceMigrations {
    QUERIES("backend-queries", "queries", "arxiv", 3),
    RESULTS("backend-results", "results", "arxiv", 5),
    SEQUENCE("backend-sequence", "sequence", "arxiv_sequence", 1),
    PACING("backend-arxiv-api", "pacing", "arxiv", 2),
    WATCHES("backend-watches", "watches", "arxiv", 1);

    static final Path ROOT = TestPostgres.dbDirectory().getParent();

    final String module;
    final String name;
    final String database;
    /** The version its newest migration brings the schema to. */
    final int latest;

    ServiceMigrations(String module, String name, String database, int latest) {
        this.module = module;
        this.name = name;
        this.database = database;
        this.latest = latest;
    }

    int latest() {
        return latest;
    }

    String table() {
        return "flyway_history_" + name;
    }

    /** The service's Flyway on {@code cluster}, as {@code user}. */
    Flyway flyway(LocalPostgres cluster, String user, String password) {
        Path location = ROOT.resolve(module).resolve("src/main/resources/db/migration").resolve(name);
        return Migrations.flyway(jdbcUrl(cluster), user, password, List.of("filesystem:" + location), table(), Duration.ofSeconds(30));
    }

    /** Migrates as a service does at start: one replica at a time ({@link Migrations#migrateExclusively}), as the schema owner. */
    org.flywaydb.core.api.output.MigrateResult migrate(LocalPostgres cluster) throws java.sql.SQLException {
        return Migrations.migrateExclusively(flyway(cluster), jdbcUrl(cluster), "arxiv_owner", "arxiv_owner", table(), Duration.ofSeconds(30));
    }

    /** As the schema owner with the bootstrap's default password. */
    Flyway flyway(LocalPostgres cluster) {
        return flyway(cluster, "arxiv_owner", "arxiv_owner");
    }

    String jdbcUrl(LocalPostgres cluster) {
        return "jdbc:postgresql://" + cluster.host() + ":" + cluster.port() + "/" + database;
    }

    Connection connect(LocalPostgres cluster, String user, String password) throws java.sql.SQLException {
        return Jdbc.connect(jdbcUrl(cluster), user, password);
    }

    /** The bootstrap db/ applied to {@code cluster} with the default passwords, as a superuser. */
    static void bootstrap(LocalPostgres cluster) {
        org.arxivpipeline.dbtools.PsqlScript.applyDirectory(TestPostgres.dbDirectory(), cluster::connect, java.util.Map.of());
    }

    static Function<String, Connection> superuser(LocalPostgres cluster) {
        return cluster::connect;
    }
}
