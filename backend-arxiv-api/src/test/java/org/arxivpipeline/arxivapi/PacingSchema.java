package org.arxivpipeline.arxivapi;

import java.time.Duration;
import java.util.List;

import org.arxivpipeline.common.schema.Migrations;
import org.arxivpipeline.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;

/**
 * The pacing table as the service's own migrations make it (common-schema's Flyway, as the service runs it
 * at start), for tests that use the table without starting the application.
 */
public final class PacingSchema {

    private static final String HISTORY = "flyway_history_pacing";
    private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private PacingSchema() {
    }

    /** The service's Flyway on {@code database}, as the schema owner. */
    public static Flyway flyway(TestPostgres db, String database) {
        return Migrations.flyway(db.jdbcUrl(database), "arxiv_owner", "arxiv_owner", List.of("classpath:db/migration/pacing"), HISTORY,
                LOCK_WAIT);
    }

    /** Every migration applied to {@code database}, one replica at a time as at start. */
    public static void migrate(TestPostgres db, String database) throws Exception {
        Migrations.migrateExclusively(flyway(db, database), db.jdbcUrl(database), "arxiv_owner", "arxiv_owner", HISTORY, LOCK_WAIT);
    }

    /** Nobody holds the lease or waits in line, and a call may start now (in database {@code arxiv}). */
    public static void free(TestPostgres db) {
        db.execute("arxiv", "UPDATE arxiv_pacing SET next_slot = '-infinity', holder = NULL, lease_until = NULL, "
                + "waiter = NULL, waiter_since = NULL, waiter_until = NULL");
    }
}
