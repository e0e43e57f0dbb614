package org.arxivpipeline.results.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The service merges the GIN indexes' pending lists on its own, every ARXIV_RESULTS_INDEX_UPKEEP_INTERVAL (here 1 s). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(ResultIndexUpkeepTimerTest.MergeEverySecond.class)
class ResultIndexUpkeepTimerTest {

    public static class MergeEverySecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arxiv.results.index-upkeep-interval", "1s");
        }
    }

    private final TestPostgres db = TestPostgres.get();

    @BeforeEach
    void noAutovacuum() {
        ResultIndexUpkeepTest.withoutAutovacuum(db);
    }

    @AfterEach
    void autovacuumAgain() {
        db.execute("arxiv", "ALTER TABLE results RESET (autovacuum_enabled)");
    }

    /** Without the timer they stay pending (ResultIndexUpkeepTest asserts it). */
    @Test
    void rowsWrittenLeaveNoPendingEntriesForLong() throws Exception {
        ResultIndexUpkeepTest.insertResults(db, 300);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ResultIndexUpkeepTest.pendingPages(db) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0, ResultIndexUpkeepTest.pendingPages(db), "pending pages of " + ResultIndexUpkeepTest.INDEXES);
    }
}
