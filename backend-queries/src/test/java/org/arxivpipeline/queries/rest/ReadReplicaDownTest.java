package org.arxivpipeline.queries.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.arxivpipeline.testsupport.DeadReadReplicaProfile;
import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.ScrapedMetrics;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * READ_DATASOURCE_URL names a replica that refuses every connection: the download is streamed from the
 * primary and the service stays ready (the replica is not part of readiness).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(DeadReadReplicaProfile.class)
class ReadReplicaDownTest {

    private final TestPostgres db = TestPostgres.get();

    @Test
    void theRangeComesFromThePrimaryAndTheServiceStaysReady() {
        db.truncate("queries");
        db.execute("arxiv", "INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) "
                + "SELECT n, 1000 + n, 200, 10, 10, 'ti:x' FROM generate_series(1, 3) AS n");
        for (int i = 0; i < 3; i++) {
            given().queryParam("start_timestamp", 1000).queryParam("end_timestamp", 2000).when().get("/read-queries")
                    .then().statusCode(200).body("query_id", is(List.of(1, 2, 3)));
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        // what the ReadReplicaFallingBack and DatabaseUnreachable alerts read: reads went to the primary, and
        // the replica's probe fails while the primary's answers
        assertTrue(ScrapedMetrics.scrape(RestAssured.port).value("arxiv_read_replica_fallbacks_total{reason=\"failed\"") >= 1.0);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(0.0, ScrapedMetrics.scrape(RestAssured.port).value("arxiv_database_up{datasource=\"read\"")));
        assertEquals(1.0, ScrapedMetrics.scrape(RestAssured.port).value("arxiv_database_up{datasource=\"primary\""));
    }
}
