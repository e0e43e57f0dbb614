package org.arxivpipeline.watches.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.ScrapedMetrics;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class WatchesDatabaseOutageTest {

    private static final Map<String, Object> WATCH = Map.of("name", "through an outage", "every", "PT6H", "search", Map.of("category", "cs.LG"));

    private final TestPostgres db = TestPostgres.get();

    @Test
    void aStoppedDatabaseIsA503AndTheServiceRecoversWhenItReturns() {
        long existing = given().contentType(ContentType.JSON).body(WATCH).when().post("/watches").then().statusCode(201)
                .extract().jsonPath().getLong("watch_id");
        db.stopServer();
        try {
            // every data endpoint: the contract's 503 with Retry-After, at once (well before the 10 s query timeout's 504), never a 500
            unavailable(given().contentType(ContentType.JSON).body(WATCH), "POST", "/watches")
                    .body("detail", is("The database is unavailable"));
            unavailable(given(), "GET", "/watches");
            unavailable(given(), "GET", "/watches/" + existing);
            unavailable(given(), "DELETE", "/watches/" + existing);
            unavailable(given(), "POST", "/watches/" + existing + "/due");
            unavailable(given(), "GET", "/watches/" + existing + "/new");
            unavailable(given(), "POST", "/claims");
            unavailable(given().contentType(ContentType.JSON).body(Map.of("claim", "3f8a2c1e-0000-4000-8000-000000000000", "query_id", 1)),
                    "POST", "/watches/" + existing + "/runs");
            given().when().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"));
            given().when().get("/q/health/live").then().statusCode(200);
            // the gauge of the DatabaseUnreachable alert (probed every second in tests)
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(0.0, ScrapedMetrics.scrape(RestAssured.port).value("arxiv_database_up{datasource=\"primary\"")));
        } finally {
            db.startServer();
        }
        // the same running service answers again: no restart
        long created = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() ->
                given().contentType(ContentType.JSON).body(WATCH).when().post("/watches").then().extract(),
                response -> response.statusCode() == 201).jsonPath().getLong("watch_id");
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().when().get("/watches").then().statusCode(200).body("watch_id", hasItem((int) created)).body("watch_id", hasItem((int) existing));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertEquals(1.0, ScrapedMetrics.scrape(RestAssured.port).value("arxiv_database_up{datasource=\"primary\"")));
    }

    /** A 503 problem within 5 s; a request that hangs fails at the client's 15 s socket timeout instead of hanging the build. */
    private static ValidatableResponse unavailable(RequestSpecification request, String method, String path) {
        return request.config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 15_000)))
                .when().request(method, path)
                .then().time(lessThan(5L), TimeUnit.SECONDS)
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", is(503))
                .body("instance", is(path));
    }
}
