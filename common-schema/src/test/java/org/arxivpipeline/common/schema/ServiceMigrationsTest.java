package org.arxivpipeline.common.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.arxivpipeline.dbtools.LocalPostgres;
import org.arxivpipeline.testsupport.LegacyInstallation;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The services' migrations on real PostgreSQL clusters, each test on a fresh one: bootstrap, then each
 * service migrates as the schema owner; the schema the contract describes; the runtime roles unable to
 * change it; replicas migrating at once; an installation of the release before migrations adopted with
 * every row; a migration that fails leaves the schema as it was.
 */
class ServiceMigrationsTest {

    private LocalPostgres cluster;

    @BeforeEach
    void freshCluster() {
        cluster = new LocalPostgres();
    }

    @AfterEach
    void destroy() {
        cluster.destroy();
    }

    @Test
    void aFreshClusterGetsTheContractsSchemaFromTheServicesMigrations() throws SQLException {
        ServiceMigrations.bootstrap(cluster);
        for (ServiceMigrations service : ServiceMigrations.values()) {
            MigrateResult result = service.migrate(cluster);
            assertEquals(service.latest(), result.migrationsExecuted, service.name);
            assertEquals(String.valueOf(service.latest()), result.targetSchemaVersion, service.name);
            assertEquals(String.valueOf(service.latest()), SchemaMigrator.versionAfter(result), service.name + ": what readiness says");
        }

        assertEquals(List.of("id bigint", "query_id bigint", "timestamp bigint", "status integer", "num_results bigint",
                "num_entries integer", "query text", "sort_by text", "sort_order text", "start integer", "id_list text", "complete boolean",
                "watch_id bigint"),
                columns("arxiv", "queries"));
        assertEquals(List.of("id bigint", "query_id bigint", "timestamp bigint", "result_number integer", "author text", "title text",
                "journal text", "arxiv_id text", "doi text", "primary_category text", "published timestamp with time zone", "url text",
                "abstract text", "categories ARRAY", "updated timestamp with time zone", "comment text", "pdf_url text", "document tsvector"),
                columns("arxiv", "results"));
        assertEquals(List.of("queries_pkey", "queries_query_id_key", "queries_timestamp_query_id_idx", "results_author_folded_idx",
                "results_categories_idx", "results_document_stored_idx", "results_paper_idx", "results_pkey", "results_published_idx",
                "results_query_id_result_number_key"), lines("arxiv",
                        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('queries', 'results') ORDER BY indexname"));
        assertEquals(List.of("1 -infinity null null"), lines("arxiv", "SELECT id, next_slot, holder, lease_until FROM arxiv_pacing"));
        assertEquals(List.of("arxiv_sequence bigint 1 arxiv_owner"), lines("arxiv_sequence", """
                SELECT c.relname, s.seqtypid::regtype, s.seqstart, c.relowner::regrole FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"""));
        assertEquals(List.of("arxiv_owner"), lines("arxiv",
                "SELECT DISTINCT relowner::regrole FROM pg_class WHERE relnamespace = 'public'::regnamespace"), "all of it the owner's");
        assertEquals(List.of("flyway_history_pacing", "flyway_history_queries", "flyway_history_results", "flyway_history_watches"), lines("arxiv",
                "SELECT tablename FROM pg_tables WHERE tablename LIKE 'flyway%' ORDER BY 1"), "one history per service");

        try (Connection rw = ServiceMigrations.QUERIES.connect(cluster, "arxiv_rw", "arxiv_rw"); Statement sql = rw.createStatement()) {
            sql.execute("INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (1, 2, 200, 3, 0, 'ti:x')");
            sql.execute("INSERT INTO results (query_id, timestamp, result_number, title) VALUES (1, 2, 0, 'x')");
            assertEquals(List.of("1"), values(sql, "SELECT count(*) FROM queries"));
            SQLException duplicate = assertThrows(SQLException.class, () -> sql.execute(
                    "INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (1, 3, 200, 3, 0, 'ti:y')"));
            assertEquals("23505", duplicate.getSQLState(), "query_id is unique");
            SQLException duplicateResult = assertThrows(SQLException.class, () -> sql.execute(
                    "INSERT INTO results (query_id, timestamp, result_number, title) VALUES (1, 3, 0, 'y')"));
            assertEquals("23505", duplicateResult.getSQLState(), "(query_id, result_number) is unique");
        }
        try (Connection pacing = ServiceMigrations.PACING.connect(cluster, "arxiv_pacing", "arxiv_pacing"); Statement sql = pacing.createStatement()) {
            assertEquals(1, sql.executeUpdate("UPDATE arxiv_pacing SET next_slot = now()"));
        }
        try (Connection sequence = ServiceMigrations.SEQUENCE.connect(cluster, "arxiv_sequence", "arxiv_sequence");
                Statement sql = sequence.createStatement()) {
            assertEquals(List.of("1"), values(sql, "SELECT nextval('arxiv_sequence')"));
        }
    }

    @Test
    void theRuntimeRolesCannotCreateAlterOrDropAnything() throws SQLException {
        ServiceMigrations.bootstrap(cluster);
        for (ServiceMigrations service : ServiceMigrations.values()) {
            service.migrate(cluster);
        }
        for (String role : List.of("arxiv_ro", "arxiv_pacing", "arxiv_watches")) {
            try (Connection connection = ServiceMigrations.QUERIES.connect(cluster, role, role); Statement sql = connection.createStatement()) {
                for (String write : List.of("INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (2, 1, 200, 0, 0, 'a')",
                        "INSERT INTO results (query_id, timestamp, result_number) VALUES (1, 1, 0)")) {
                    SQLException denied = assertThrows(SQLException.class, () -> sql.execute(write), role + ": " + write);
                    assertEquals("42501", denied.getSQLState(), role + ": " + write);
                }
            }
        }
        try (Connection rw = ServiceMigrations.QUERIES.connect(cluster, "arxiv_rw", "arxiv_rw"); Statement sql = rw.createStatement()) {
            SQLException denied = assertThrows(SQLException.class, () -> sql.execute("UPDATE arxiv_pacing SET next_slot = now()"));
            assertEquals("42501", denied.getSQLState(), "arxiv_rw has no part in the pacing");
        }
        for (String role : List.of("arxiv_rw", "arxiv_ro", "arxiv_pacing", "arxiv_watches")) {
            try (Connection connection = ServiceMigrations.QUERIES.connect(cluster, role, role); Statement sql = connection.createStatement()) {
                for (String change : List.of("CREATE TABLE sneaky (id int)", "ALTER TABLE queries ADD COLUMN sneaky int",
                        "ALTER TABLE results DROP COLUMN title", "DROP TABLE queries", "DROP TABLE arxiv_pacing", "TRUNCATE results",
                        "CREATE INDEX sneaky ON queries (query)", "DELETE FROM queries", "UPDATE results SET title = 'x'",
                        "DROP TABLE flyway_history_queries", "INSERT INTO flyway_history_results VALUES (9, '9', 'x', 'SQL', 'x', 0, 'x', now(), 0, true)")) {
                    SQLException denied = assertThrows(SQLException.class, () -> sql.execute(change), role + ": " + change);
                    assertEquals("42501", denied.getSQLState(), role + ": " + change + ": " + denied.getMessage());
                }
            }
        }
        try (Connection connection = ServiceMigrations.SEQUENCE.connect(cluster, "arxiv_sequence", "arxiv_sequence");
                Statement sql = connection.createStatement()) {
            for (String change : List.of("SELECT setval('arxiv_sequence', 1)", "SELECT last_value FROM arxiv_sequence", "ALTER SEQUENCE arxiv_sequence RESTART", "DROP SEQUENCE arxiv_sequence",
                    "CREATE TABLE sneaky (id int)")) {
                SQLException denied = assertThrows(SQLException.class, () -> sql.execute(change), change);
                assertEquals("42501", denied.getSQLState(), change + ": " + denied.getMessage());
            }
        }
    }

    @Test
    void onlyArxivWatchesReachesTheWatchesAndItCannotChangeTheirShape() throws SQLException {
        ServiceMigrations.bootstrap(cluster);
        for (ServiceMigrations service : ServiceMigrations.values()) {
            service.migrate(cluster);
        }
        // what backend-watches does at run time is allowed: the denials below are the grants' doing, not a broken connection
        try (Connection watches = ServiceMigrations.WATCHES.connect(cluster, "arxiv_watches", "arxiv_watches");
                Statement sql = watches.createStatement()) {
            sql.execute("INSERT INTO watches (name, every, every_seconds, search, created, next_run) VALUES ('w', 'PT1H', 3600, '{}', 1, 1)");
            sql.execute("INSERT INTO watch_papers (watch_id, paper, first_seen, published, record) SELECT watch_id, '2401.00001', 1, '', '{}' FROM watches");
            assertEquals(1, sql.executeUpdate("UPDATE watches SET next_run = 2"));
            assertEquals(List.of("1 1"), values(sql, "SELECT (SELECT count(*) FROM watches), (SELECT count(*) FROM watch_papers)"));
            assertEquals(List.of("1"), values(sql, "SELECT max(version) FROM flyway_history_watches"), "readiness reads its schema's version");
            assertEquals(1, sql.executeUpdate("DELETE FROM watch_papers"));
        }
        // the other runtime roles of database arxiv have no part in the watches: neither read nor write
        for (String role : List.of("arxiv_rw", "arxiv_ro", "arxiv_pacing")) {
            try (Connection connection = ServiceMigrations.WATCHES.connect(cluster, role, role); Statement sql = connection.createStatement()) {
                for (String access : List.of("SELECT count(*) FROM watches", "SELECT count(*) FROM watch_papers",
                        "INSERT INTO watches (name, every, every_seconds, search, created, next_run) VALUES ('x', 'PT1H', 3600, '{}', 1, 1)",
                        "INSERT INTO watch_papers (watch_id, paper, first_seen, published, record) VALUES (1, 'x', 1, '', '{}')",
                        "UPDATE watches SET next_run = 0", "DELETE FROM watches", "DELETE FROM watch_papers", "TRUNCATE watch_papers",
                        "SELECT count(*) FROM flyway_history_watches")) {
                    SQLException denied = assertThrows(SQLException.class, () -> sql.execute(access), role + ": " + access);
                    assertEquals("42501", denied.getSQLState(), role + ": " + access + ": " + denied.getMessage());
                }
            }
        }
        // arxiv_sequence may not even connect to database arxiv
        SQLException refused = assertThrows(SQLException.class,
                () -> ServiceMigrations.WATCHES.connect(cluster, "arxiv_sequence", "arxiv_sequence").close());
        assertEquals("42501", refused.getSQLState(), refused.getMessage());
        // arxiv_watches uses its tables but cannot change, empty or drop them, nor make new ones: only the migrations (arxiv_owner) can
        try (Connection watches = ServiceMigrations.WATCHES.connect(cluster, "arxiv_watches", "arxiv_watches");
                Statement sql = watches.createStatement()) {
            for (String change : List.of("CREATE TABLE sneaky (id int)", "ALTER TABLE watches ADD COLUMN sneaky int",
                    "ALTER TABLE watches DROP COLUMN claim", "ALTER TABLE watch_papers DROP CONSTRAINT watch_papers_watch_id_fkey",
                    "ALTER TABLE watches OWNER TO arxiv_watches", "CREATE INDEX sneaky ON watches (name)", "DROP INDEX watches_next_run",
                    "TRUNCATE watches", "TRUNCATE watch_papers", "DROP TABLE watch_papers", "DROP TABLE watches",
                    "DROP TABLE flyway_history_watches", "DELETE FROM flyway_history_watches",
                    "INSERT INTO flyway_history_watches VALUES (9, '9', 'x', 'SQL', 'x', 0, 'x', now(), 0, true)")) {
                SQLException denied = assertThrows(SQLException.class, () -> sql.execute(change), change);
                assertEquals("42501", denied.getSQLState(), change + ": " + denied.getMessage());
            }
        }
        assertEquals(List.of("1 0"), lines("arxiv", "SELECT (SELECT count(*) FROM watches), (SELECT count(*) FROM watch_papers)"),
                "nothing the refused statements did remains");
    }

    @Test
    void replicasStartingTogetherMigrateOnceAndMigratingAgainChangesNothing() throws Exception {
        ServiceMigrations.bootstrap(cluster);
        List<ServiceMigrations> starting = List.of(ServiceMigrations.QUERIES, ServiceMigrations.QUERIES, ServiceMigrations.QUERIES,
                ServiceMigrations.RESULTS, ServiceMigrations.RESULTS, ServiceMigrations.PACING, ServiceMigrations.SEQUENCE,
                ServiceMigrations.WATCHES, ServiceMigrations.WATCHES);
        CyclicBarrier together = new CyclicBarrier(starting.size());
        ExecutorService replicas = Executors.newFixedThreadPool(starting.size());
        try {
            List<Future<MigrateResult>> results = new ArrayList<>();
            for (ServiceMigrations service : starting) {
                results.add(replicas.submit(() -> {
                    together.await();
                    return service.migrate(cluster);
                }));
            }
            int[] executed = new int[ServiceMigrations.values().length];
            for (int i = 0; i < starting.size(); i++) {
                MigrateResult result = results.get(i).get();
                executed[starting.get(i).ordinal()] += result.migrationsExecuted;
                assertTrue(result.success);
            }
            assertEquals(3, executed[ServiceMigrations.QUERIES.ordinal()], "three replicas of backend-queries: V1 to V3 once");
            assertEquals(5, executed[ServiceMigrations.RESULTS.ordinal()], "two replicas of backend-results: V1 to V5 once");
            assertEquals(2, executed[ServiceMigrations.PACING.ordinal()], "V1 and V2 once");
            assertEquals(1, executed[ServiceMigrations.SEQUENCE.ordinal()]);
            assertEquals(1, executed[ServiceMigrations.WATCHES.ordinal()], "two replicas of backend-watches: V1 once");
        } finally {
            replicas.shutdownNow();
        }
        for (String table : List.of("flyway_history_queries", "flyway_history_results", "flyway_history_pacing", "flyway_history_watches")) {
            assertEquals(List.of("1 t"), lines("arxiv", "SELECT version, success FROM " + table + " WHERE version = '1'"), table);
        }
        assertEquals(List.of("1"), lines("arxiv", "SELECT count(*) FROM arxiv_pacing"));
        for (ServiceMigrations service : ServiceMigrations.values()) {
            MigrateResult again = service.migrate(cluster);
            assertEquals(0, again.migrationsExecuted, service.name + " again");
            assertEquals(String.valueOf(service.latest()), SchemaMigrator.versionAfter(again), service.name + " again: the version found, read from the result");
        }
    }

    @Test
    void anInstallationOfTheReleaseBeforeMigrationsIsAdoptedWithEveryRow() throws SQLException {
        LegacyInstallation.Snapshot before = LegacyInstallation.install(cluster::connect);
        assertEquals(5, before.queries().size());
        assertEquals(10, before.results().size());

        ServiceMigrations.bootstrap(cluster);
        for (ServiceMigrations service : ServiceMigrations.values()) {
            MigrateResult result = service.migrate(cluster);
            assertTrue(result.success, service.name);
            assertEquals(String.valueOf(service.latest()), result.targetSchemaVersion, service.name);
        }

        assertEquals(before, LegacyInstallation.snapshot(cluster::connect), "every row, and the sequence, as they were");
        assertEquals(List.of("0 BASELINE", "1 SQL", "2 SQL", "3 SQL"), lines("arxiv",
                "SELECT version, type FROM flyway_history_queries ORDER BY installed_rank"),
                "adopted at the baseline, then V1 (which found the table), then V2 added the request's columns, V3 watch_id");
        assertEquals(List.of("5"), lines("arxiv", "SELECT count(*) FROM queries WHERE sort_by = 'relevance' AND sort_order = 'descending'"
                + " AND start = 0 AND id_list IS NULL AND complete"), "the adopted rows: default searches, complete");
        assertEquals(List.of("0 BASELINE", "1 SQL", "2 SQL", "3 SQL", "4 SQL", "5 SQL"), lines("arxiv",
                "SELECT version, type FROM flyway_history_results ORDER BY installed_rank"),
                "then V2 added the whole record's columns, V3 the filters' indexes, V4 the stored document, V5 the merge of pending index entries");
        assertEquals(List.of("10"), lines("arxiv", "SELECT count(*) FROM results WHERE abstract IS NULL AND categories IS NULL AND updated IS NULL"
                + " AND comment IS NULL AND pdf_url IS NULL"), "the adopted rows answer the new fields as null");
        assertEquals(List.of("0 BASELINE", "1 SQL"), lines("arxiv_sequence",
                "SELECT version, type FROM flyway_history_sequence ORDER BY installed_rank"));
        try (Connection rw = ServiceMigrations.QUERIES.connect(cluster, "arxiv_rw", "arxiv_rw"); Statement sql = rw.createStatement()) {
            assertEquals(List.of("5"), values(sql, "SELECT count(*) FROM queries"));
            sql.execute("INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (99, 2, 200, 3, 0, 'ti:new')");
            assertEquals(List.of("6"), values(sql, "SELECT max(id) FROM queries"), "the identity goes on after the adopted rows");
        }
        try (Connection sequence = ServiceMigrations.SEQUENCE.connect(cluster, "arxiv_sequence", "arxiv_sequence");
                Statement sql = sequence.createStatement()) {
            assertEquals(List.of(String.valueOf(before.sequenceLastValue() + 1)), values(sql, "SELECT nextval('arxiv_sequence')"),
                    "no query_id handed out twice");
        }
    }

    @Test
    void aMigrationThatFailsLeavesTheSchemaAtThePreviousVersion() throws SQLException {
        ServiceMigrations.bootstrap(cluster);
        ServiceMigrations.QUERIES.flyway(cluster).migrate();
        var broken = Migrations.flyway(ServiceMigrations.QUERIES.jdbcUrl(cluster), "arxiv_owner", "arxiv_owner",
                List.of("filesystem:" + ServiceMigrations.ROOT.resolve("backend-queries/src/main/resources/db/migration/queries"),
                        "classpath:db/test/failing-queries"),
                "flyway_history_queries", java.time.Duration.ofSeconds(5));
        FlywayException failed = assertThrows(FlywayException.class, broken::migrate);
        assertTrue(failed.getMessage().contains("V4__adds_a_column_then_fails.sql"), failed.getMessage());
        assertTrue(failed.getMessage().contains("division by zero"), failed.getMessage());
        assertEquals("3", broken.info().current().getVersion().toString());
        assertEquals(List.of(), lines("arxiv",
                "SELECT attname FROM pg_attribute WHERE attrelid = 'queries'::regclass AND attname = 'half_done'"), "rolled back whole");
    }

    private List<String> columns(String database, String table) {
        return lines(database, "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = '" + table
                + "' ORDER BY ordinal_position");
    }

    private List<String> lines(String database, String query) {
        try (Connection connection = cluster.connect(database); Statement sql = connection.createStatement()) {
            return values(sql, query);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + " in " + query, e);
        }
    }

    private static List<String> values(Statement sql, String query) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= columns; c++) {
                    row.add(rs.getString(c));
                }
                lines.add(String.join(" ", row));
            }
        }
        return lines;
    }
}
