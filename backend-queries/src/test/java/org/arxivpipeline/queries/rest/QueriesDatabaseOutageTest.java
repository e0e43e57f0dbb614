package org.arxivpipeline.queries.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.ScrapedMetrics;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class QueriesDatabaseOutageTest {

    private final TestPostgres db = TestPostgres.get();

    @Test
    void aStoppedDatabaseIsA503AndTheServiceRecoversWhenItReturns() {
        db.truncate("queries");
        String record = """
                {"query_id": 7, "timestamp": 1715014689, "status": 200, "num_results": 1, "num_entries": 1, "query": "au:x"}""";
        db.stopServer();
        try {
            given().contentType(ContentType.JSON).body(record).when().post("/write-queries")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", is(503))
                    .body("detail", is("The database is unavailable"));
            given().queryParam("start_timestamp", 0).when().get("/read-queries")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5");
            given().when().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"));
            given().when().get("/q/health/live").then().statusCode(200);
            // the gauge of the DatabaseUnreachable alert (probed every second in tests)
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(0.0, ScrapedMetrics.scrape(RestAssured.port).value("arxiv_database_up{datasource=\"primary\"")));
        } finally {
            db.startServer();
        }
        // the same running service answers again: no restart
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body(record).when().post("/write-queries").then().statusCode(201));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().queryParam("start_timestamp", 0).when().get("/read-queries").then().statusCode(200).body("query_id", is(java.util.List.of(7)));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(1.0, ScrapedMetrics.scrape(RestAssured.port).value("arxiv_database_up{datasource=\"primary\"")));
    }
}
