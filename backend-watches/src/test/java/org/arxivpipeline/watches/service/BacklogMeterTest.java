package org.arxivpipeline.watches.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.ScrapedMetrics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;

/** The watches' backlog gauges follow the table: how many watches, how many due, how long the oldest waits. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class BacklogMeterTest {

    @Inject
    Pool pool;

    @Test
    void theGaugesShowTheDueRunsAndHowLongTheOldestHasWaited() {
        pool.query("DELETE FROM watches").execute().await().indefinitely();
        long now = System.currentTimeMillis() / 1000;
        pool.query("INSERT INTO watches (name, every, every_seconds, search, created, next_run) VALUES "
                + "('overdue', 'PT1H', 3600, '{}', " + (now - 7200) + ", " + (now - 1200) + "), "
                + "('due', 'PT1H', 3600, '{}', " + (now - 7200) + ", " + (now - 5) + "), "
                + "('later', 'PT1H', 3600, '{}', " + (now - 7200) + ", " + (now + 3000) + ")").execute().await().indefinitely();

        // read every second in tests (ARXIV_DB_GAUGE_INTERVAL); all three at once, since figures read before
        // the insert (other tests' watches) may happen to match one of them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(3.0, gauge("arxiv_watches"));
            assertEquals(2.0, gauge("arxiv_watches_due"));
            double oldest = gauge("arxiv_watches_due_oldest_seconds");
            assertTrue(oldest >= 1200 && oldest < 1260, "oldest due run waited " + oldest + " s");
        });

        pool.query("UPDATE watches SET next_run = next_run + 100000").execute().await().indefinitely();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(0.0, gauge("arxiv_watches_due_oldest_seconds")));
        assertEquals(0.0, gauge("arxiv_watches_due"));
    }

    private static double gauge(String name) {
        return ScrapedMetrics.scrape(RestAssured.port).value(name);
    }
}
