package org.arxivpipeline.results.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The GIN indexes' pending lists (rows written since the last merge, which every filtered page reads whole)
 * are merged by V5's function, which only the service's writing role may call. The tests' profile runs no
 * merge on a timer ({@link ResultIndexUpkeepTimerTest} does), and autovacuum is off on the table meanwhile:
 * its analyze would merge them too, on its own schedule.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ResultIndexUpkeepTest {

    static final List<String> INDEXES = List.of("results_document_stored_idx", "results_author_folded_idx", "results_categories_idx");

    private final TestPostgres db = TestPostgres.get();

    @Inject
    ResultIndexUpkeep upkeep;

    @BeforeEach
    void noAutovacuum() {
        withoutAutovacuum(db);
    }

    @AfterEach
    void autovacuumAgain() {
        db.execute("arxiv", "ALTER TABLE results RESET (autovacuum_enabled)");
    }

    static void withoutAutovacuum(TestPostgres db) {
        db.truncate("results");
        db.execute("arxiv", "ALTER TABLE results SET (autovacuum_enabled = false)", "CREATE EXTENSION IF NOT EXISTS pgstattuple");
    }

    @Test
    void aMergeEmptiesEveryPendingListAndSaysHowManyPages() {
        insertResults(db, 300);
        long pending = pendingPages(db);
        assertTrue(pending > 0, "the rows' entries wait in the pending lists");
        assertEquals(pending, upkeep.merge().await().atMost(Duration.ofSeconds(30)), "pages merged");
        assertEquals(0, pendingPages(db));
        assertEquals(0L, upkeep.merge().await().atMost(Duration.ofSeconds(30)), "nothing left to merge");
        assertEquals(300, db.queryLong("arxiv", "SELECT count(*) FROM results WHERE document @@ websearch_to_tsquery('english', 'skyrmion')"),
                "every row found through the index");
    }

    @Test
    void onlyTheWritingRoleMayMerge() throws SQLException {
        try (Connection connection = db.connect("arxiv"); Statement sql = connection.createStatement()) {
            sql.execute("SET ROLE arxiv_rw");
            try (ResultSet merged = sql.executeQuery("SELECT results_merge_pending_entries()")) {
                assertTrue(merged.next());
            }
            sql.execute("SET ROLE arxiv_ro");
            SQLException refused = assertThrows(SQLException.class, () -> sql.executeQuery("SELECT results_merge_pending_entries()"));
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
        }
    }

    static void insertResults(TestPostgres db, int rows) {
        db.execute("arxiv", """
                INSERT INTO results (query_id, timestamp, result_number, arxiv_id, title, author, abstract, categories)
                SELECT 1, 1, n, '2401.' || lpad(n::text, 5, '0'), 'Skyrmion lattices ' || n, 'José Müller, A. Smith ' || n,
                       'We observe skyrmion lattices in thin films of material ' || n || ' at low temperature.', ARRAY['cond-mat.str-el', 'x' || n]
                FROM generate_series(0, %d) n""".formatted(rows - 1));
    }

    /** Pages in the pending lists of the three GIN indexes (pgstattuple's pgstatginindex). */
    static long pendingPages(TestPostgres db) {
        long pages = 0;
        for (String index : INDEXES) {
            pages += db.queryLong("arxiv", "SELECT pending_pages FROM pgstatginindex('" + index + "')");
        }
        return pages;
    }
}
