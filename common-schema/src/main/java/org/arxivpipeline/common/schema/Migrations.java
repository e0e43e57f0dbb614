package org.arxivpipeline.common.schema;

import java.time.Duration;
import java.util.List;

import org.flywaydb.core.Flyway;

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
}
