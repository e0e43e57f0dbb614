package org.arxivpipeline.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** db/ as applied to a real PostgreSQL: tables, keys, indexes, and the least privilege of every role. */
class DatabaseSchemaTest {

    private final TestPostgres db = TestPostgres.get();

    @BeforeEach
    void emptyTables() {
        db.truncate("queries", "results");
    }

    @Test
    void tablesHaveTheSeedsColumnsPlusTheContractsWithWideEnoughTypes() {
        Map<String, String> queries = columns("queries");
        assertEquals(Map.of("id", "bigint", "query_id", "bigint", "timestamp", "bigint", "status", "integer",
                "num_results", "bigint", "num_entries", "integer", "query", "text"), queries);
        Map<String, String> results = columns("results");
        assertEquals(Map.ofEntries(Map.entry("id", "bigint"), Map.entry("query_id", "bigint"), Map.entry("timestamp", "bigint"),
                Map.entry("result_number", "integer"), Map.entry("author", "text"), Map.entry("title", "text"),
                Map.entry("journal", "text"), Map.entry("arxiv_id", "text"), Map.entry("doi", "text"),
                Map.entry("primary_category", "text"), Map.entry("published", "timestamp with time zone"),
                Map.entry("url", "text")), results);
    }

    @Test
    void uniqueKeysAndReadIndexesExist() {
        List<String> indexes = db.query("arxiv", "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'").stream()
                .map(row -> (String) row.get("indexdef")).toList();
        assertTrue(indexes.contains("CREATE UNIQUE INDEX queries_query_id_key ON public.queries USING btree (query_id)"), indexes.toString());
        assertTrue(indexes.contains("CREATE INDEX queries_timestamp_query_id_idx ON public.queries USING btree (\"timestamp\", query_id)"),
                indexes.toString());
        assertTrue(indexes.contains(
                "CREATE UNIQUE INDEX results_query_id_result_number_key ON public.results USING btree (query_id, result_number)"),
                indexes.toString());
        IllegalStateException duplicate = assertThrows(IllegalStateException.class, () -> db.execute("arxiv",
                "INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (1, 1, 200, 0, 0, 'a')",
                "INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (1, 2, 200, 0, 0, 'b')"));
        assertEquals("23505", ((SQLException) duplicate.getCause()).getSQLState());
    }

    @Test
    void readOnlyRoleReadsButCannotWrite() throws SQLException {
        db.execute("arxiv", "INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (1, 1, 200, 0, 0, 'a')");
        try (Connection ro = db.connect("arxiv", "arxiv_ro", "arxiv_ro"); Statement s = ro.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM queries");
            rs.next();
            assertEquals(1, rs.getLong(1));
            assertDenied(s, "INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (2, 1, 200, 0, 0, 'a')");
            assertDenied(s, "INSERT INTO results (query_id, timestamp, result_number) VALUES (1, 1, 0)");
            assertDenied(s, "UPDATE queries SET query = 'x'");
            assertDenied(s, "DELETE FROM queries");
            assertDenied(s, "CREATE TABLE sneaky (id int)");
        }
    }

    @Test
    void readWriteRoleReadsAndAppendsButCannotChangeOrDropAnything() throws SQLException {
        try (Connection rw = db.connect("arxiv", "arxiv_rw", "arxiv_rw"); Statement s = rw.createStatement()) {
            s.execute("INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (3, 1, 200, 0, 0, 'a')");
            s.execute("INSERT INTO results (query_id, timestamp, result_number, title) VALUES (3, 1, 0, 't')");
            var rs = s.executeQuery("SELECT count(*) FROM results");
            rs.next();
            assertEquals(1, rs.getLong(1));
            assertDenied(s, "UPDATE results SET title = 'x'");
            assertDenied(s, "DELETE FROM queries");
            assertDenied(s, "TRUNCATE results");
            assertDenied(s, "DROP TABLE queries");
            assertDenied(s, "CREATE TABLE sneaky (id int)");
            assertDenied(s, "UPDATE arxiv_pacing SET next_slot = now()");
        }
    }

    @Test
    void sequenceRoleCanOnlyTakeNextval() throws SQLException {
        try (Connection seq = db.connect("arxiv_sequence", "arxiv_sequence", "arxiv_sequence"); Statement s = seq.createStatement()) {
            var rs = s.executeQuery("SELECT nextval('arxiv_sequence')");
            rs.next();
            long value = rs.getLong(1);
            rs = s.executeQuery("SELECT nextval('arxiv_sequence')");
            rs.next();
            assertTrue(rs.getLong(1) > value);
            assertDenied(s, "SELECT setval('arxiv_sequence', 1)");
            assertDenied(s, "SELECT last_value FROM arxiv_sequence");
            assertDenied(s, "ALTER SEQUENCE arxiv_sequence RESTART");
            assertDenied(s, "CREATE TABLE sneaky (id int)");
        }
        SQLException noArxiv = assertThrows(SQLException.class, () -> connectAndClose("arxiv", "arxiv_sequence", "arxiv_sequence"));
        assertTrue(noArxiv.getMessage().contains("permission denied for database"), noArxiv.getMessage());
        SQLException noSequence = assertThrows(SQLException.class, () -> connectAndClose("arxiv_sequence", "arxiv_rw", "arxiv_rw"));
        assertTrue(noSequence.getMessage().contains("permission denied for database"), noSequence.getMessage());
    }

    @Test
    void pacingRoleCanOnlyMoveTheSlot() throws SQLException {
        try (Connection pacing = db.connect("arxiv", "arxiv_pacing", "arxiv_pacing"); Statement s = pacing.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE arxiv_pacing SET next_slot = now()"));
            assertDenied(s, "INSERT INTO arxiv_pacing (id) VALUES (2)");
            assertDenied(s, "DELETE FROM arxiv_pacing");
            assertDenied(s, "SELECT count(*) FROM queries");
        }
    }

    @Test
    void passwordsAreChecked() {
        SQLException wrong = assertThrows(SQLException.class, () -> connectAndClose("arxiv", "arxiv_rw", "not-the-password"));
        assertEquals("28P01", wrong.getSQLState());
    }

    private void connectAndClose(String database, String user, String password) throws SQLException {
        try {
            db.connect(database, user, password).close();
        } catch (IllegalStateException e) {
            throw (SQLException) e.getCause();
        }
    }

    private Map<String, String> columns(String table) {
        return db.query("arxiv", "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", table)
                .stream().collect(Collectors.toMap(row -> (String) row.get("column_name"), row -> (String) row.get("data_type")));
    }

    private static void assertDenied(Statement statement, String sql) {
        SQLException denied = assertThrows(SQLException.class, () -> statement.execute(sql), sql);
        assertEquals("42501", denied.getSQLState(), sql + ": " + denied.getMessage());
    }
}
