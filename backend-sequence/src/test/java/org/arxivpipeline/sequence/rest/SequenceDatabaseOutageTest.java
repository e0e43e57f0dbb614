package org.arxivpipeline.sequence.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class SequenceDatabaseOutageTest {

    private final TestPostgres db = TestPostgres.get();

    @Test
    void aStoppedDatabaseIsA503AndValuesKeepGrowingAfterItReturns() {
        long before = given().when().get("/get-sequence").then().statusCode(200).extract().jsonPath().getLong("sequence");
        db.stopServer();
        try {
            given().when().get("/get-sequence")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("status", is(503))
                    .body("instance", is("/get-sequence"));
            given().when().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"));
        } finally {
            db.startServer();
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().when().get("/get-sequence").then().statusCode(200).body("sequence", greaterThan((int) before)));
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
