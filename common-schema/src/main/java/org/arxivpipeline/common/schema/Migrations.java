package org.arxivpipeline.common.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * How every service configures Flyway for its own migrations; one place, so that the services and the
 * tests that migrate a database the way the services do cannot differ.
 */
public final class Migrations {

    private Migrations() {
    }

    /**
     * The Flyway of one service's migrations on one database.
     * <p>
     * Its own history table, so that services sharing a database never see each other's migrations, and each
     * takes its own lock (a PostgreSQL advisory lock named after the table), waited for up to {@code lockWait}.
     * The baseline: a schema that already holds something but not this service's history (another service's
     * tables, or an installation set up by the release before migrations) is marked at version 0, so that every
     * migration from V1 on still runs; each service's V1 creates only what is missing ({@code IF NOT EXISTS}),
     * which adopts that release's tables with their rows.
     *
     * @param locations e.g. {@code classpath:db/migration/queries}
     * @param table the history table, e.g. {@code flyway_history_queries}
     */
    public static Flyway flyway(String jdbcUrl, String user, String password, List<String> locations, String table, Duration lockWait) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(jdbcUrl, user, password)
                .locations(locations.toArray(String[]::new))
                .table(table)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("adopted before " + table)
                .lockRetryCount((int) Math.max(1, lockWait.toSeconds()))
                .connectRetries(0)
                .validateMigrationNaming(true)
                .load();
    }

    /**
     * {@code flyway.migrate()} by one replica of a service at a time: first a connection of its own (failing
     * here means the database cannot be reached: try again later), on which a PostgreSQL advisory lock named
     * after the history table is held while Flyway works, waited for up to {@code lockWait}.
     * <p>
     * Why a lock of our own beside Flyway's: Flyway takes its lock only once its history table exists. Two
     * replicas that start together on a schema holding another service's tables both decide to baseline; one
     * creates the history table, and the other finds it "already exists, and is empty" and fails
     * ({@code ServiceMigrationsTest.replicasStartingTogetherMigrateOnce…} saw it).
     *
     * @throws SQLException the database could not be reached, or the other replica's migration took longer
     *         than {@code lockWait}
     * @throws org.flywaydb.core.api.FlywayException a migration failed
     */
    public static MigrateResult migrateExclusively(Flyway flyway, String jdbcUrl, String user, String password, String table,
            Duration lockWait) throws SQLException {
        try (Connection lock = connect(jdbcUrl, user, password)) {
            try (Statement settings = lock.createStatement()) {
                settings.execute("SET lock_timeout = " + Math.max(1, lockWait.toMillis()));
            }
            try (PreparedStatement take = lock.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
                take.setString(1, "arxiv-pipeline migration " + table);
                take.execute();
            }
            // released when this connection closes, whatever happens below
            return flyway.migrate();
        }
    }

    /** A JDBC connection through PostgreSQL's driver itself (java.sql.DriverManager need not see it in Quarkus' class loader). */
    static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("ApplicationName", "schema-migration");
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + jdbcUrl, "08001");
        }
        return connection;
    }
}
