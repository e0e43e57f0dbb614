package org.arxivpipeline.results.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class ResultsDatabaseOutageTest {

    private final TestPostgres db = TestPostgres.get();

    @Test
    void aStoppedDatabaseIsA503ForWritesAndReadsAndNothingIsLost() {
        db.truncate("results");
        String body = WriteResultsResourceTest.body(21, 4);
        db.stopServer();
        try {
            given().contentType(ContentType.JSON).body(body).when().post("/write-results")
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
            given().queryParam("query_id", 21).when().get("/read-results")
                    .then().statusCode(503).contentType("application/problem+json").body("status", is(503));
        } finally {
            db.startServer();
        }
        // the client's retry of the same write succeeds once the database is back, and stores each result once
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().contentType(ContentType.JSON).body(body).when().post("/write-results").then().statusCode(201));
        given().queryParam("query_id", 21).when().get("/read-results").then().statusCode(200).body("total", is(4));
        assertEquals(4, db.queryLong("arxiv", "SELECT count(*) FROM results WHERE query_id = 21"));
    }
}
