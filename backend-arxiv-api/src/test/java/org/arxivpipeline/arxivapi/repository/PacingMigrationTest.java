package org.arxivpipeline.arxivapi.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.arxivpipeline.arxivapi.PacingSchema;
import org.arxivpipeline.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

/** The pacing table's migrations on a database of their own: an installation of the release before the lease, upgraded in place. */
class PacingMigrationTest {

    private static final String DATABASE = "arxiv_pacing_upgrade";

    private final TestPostgres db = TestPostgres.get();

    @Test
    void anInstallationAtV1KeepsItsRowAndGetsTheLease() throws Exception {
        db.execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE, "CREATE DATABASE " + DATABASE + " OWNER arxiv_owner");
        Flyway atV1 = Flyway.configure().configuration(PacingSchema.flyway(db, DATABASE).getConfiguration()).target("1").load();
        atV1.migrate();
        db.execute(DATABASE, "UPDATE arxiv_pacing SET next_slot = '2020-01-02 03:04:05+00'");

        PacingSchema.migrate(db, DATABASE);
        assertEquals(List.of(Map.of("version", "1", "success", true), Map.of("version", "2", "success", true)),
                db.query(DATABASE, "SELECT version, success FROM flyway_history_pacing WHERE version IS NOT NULL ORDER BY installed_rank"));
        Map<String, Object> row = db.query(DATABASE, "SELECT id, next_slot::text AS next_slot, holder, lease_until, waiter, waiter_since, "
                + "waiter_until FROM arxiv_pacing").get(0);
        assertEquals(1, ((Number) row.get("id")).intValue());
        assertEquals("2020-01-02 03:04:05+00", row.get("next_slot"), "the V1 row as it was");
        for (String column : List.of("holder", "lease_until", "waiter", "waiter_since", "waiter_until")) {
            assertNull(row.get(column), column);
        }
        // applied again: nothing left to do
        PacingSchema.migrate(db, DATABASE);
        assertEquals(2, db.queryLong(DATABASE, "SELECT count(*) FROM flyway_history_pacing WHERE version IS NOT NULL"));

        // the runtime role takes and gives back the lease, and may not change the table
        Vertx vertx = Vertx.vertx();
        try {
            Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(db.host()).setPort(db.port()).setDatabase(DATABASE)
                    .setUser("arxiv_pacing").setPassword("arxiv_pacing")).using(vertx).build();
            PacingRepository pacing = new PacingRepository(io.vertx.mutiny.sqlclient.Pool.newInstance(pool));
            assertTrue(pacing.take("upgraded", 0, 5, 0.4, 1).await().atMost(Duration.ofSeconds(5)).taken());
            assertEquals("upgraded", db.query(DATABASE, "SELECT holder FROM arxiv_pacing").get(0).get("holder"));
            PacingRepository.Try other = pacing.take("other", 0, 5, 0.4, 1).await().atMost(Duration.ofSeconds(5));
            assertFalse(other.taken());
            assertTrue(other.leaseLeftSeconds() > 4 && other.leaseLeftSeconds() <= 5, String.valueOf(other.leaseLeftSeconds()));
            assertEquals("other", db.query(DATABASE, "SELECT waiter FROM arxiv_pacing").get(0).get("waiter"), "first in line");
            pacing.release("upgraded", 0).await().atMost(Duration.ofSeconds(5));
            pacing.withdraw("other").await().atMost(Duration.ofSeconds(5));
            Map<String, Object> after = db.query(DATABASE, "SELECT holder, waiter FROM arxiv_pacing").get(0);
            assertNull(after.get("holder"));
            assertNull(after.get("waiter"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
        try (Connection runtime = db.connect(DATABASE, "arxiv_pacing", "arxiv_pacing"); Statement sql = runtime.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> sql.execute("ALTER TABLE arxiv_pacing DROP COLUMN holder"));
            assertEquals("42501", denied.getSQLState());
        }
        db.execute("postgres", "DROP DATABASE " + DATABASE);
    }
}
