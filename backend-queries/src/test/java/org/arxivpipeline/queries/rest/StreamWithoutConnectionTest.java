package org.arxivpipeline.queries.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * A stream that has its slot but finds its pool taken (here a pool of one connection, held by a
 * download whose client stopped reading) does not wait without end: it answers 503 with
 * {@code Retry-After} once {@code ARXIV_DB_QUERY_TIMEOUT} has passed, and gives back what it held; while
 * the pool has nothing to give the service is not ready, and it is ready again by itself once it has.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(StreamWithoutConnectionTest.OneReadConnection.class)
class StreamWithoutConnectionTest {

    public static class OneReadConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // without a replica, streams read from the primary pool
            return Map.of("quarkus.datasource.reactive.max-size", "1", "arxiv.db.query-timeout", "1s");
        }
    }

    private final TestPostgres db = TestPostgres.get();

    @Test
    void aStreamThatGetsNoConnectionIsA503WithRetryAfterAndTheNextOneIsServed() throws Exception {
        db.truncate("queries");
        db.execute("arxiv", """
                INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query)
                SELECT g, 1700000000 + g, 200, g, 10, 'ti:row ' || g FROM generate_series(1, 60000) AS g""");
        try (Socket stalled = new Socket("localhost", RestAssured.port)) {
            stalled.getOutputStream().write(("GET /read-queries?start_timestamp=0&end_timestamp=1800000000 HTTP/1.1\r\n"
                    + "Host: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // its stream has begun (it holds the one read connection) and is not read any further
            assertEquals(1024, stalled.getInputStream().readNBytes(1024).length);

            long started = System.nanoTime();
            given().queryParam("start_timestamp", 1700000001).queryParam("end_timestamp", 1700000003)
                    .when().get("/read-queries")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("detail", is("No database connection is free for this stream now"));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMillis >= 900 && waitedMillis < 5_000, "answered after " + waitedMillis + " ms");
            // and readiness says so: a probe (Kubernetes waits 1 s by default) gets no 200 from a pool that
            // cannot hand out a connection
            assertTrue(readinessWithin(Duration.ofSeconds(2)) != 200, "ready while the pool has no connection to give");
        }
        // the stalled client is gone: its connection comes back, and the next download is served whole
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status = 0;
        while (status != 200 && System.nanoTime() < deadline) {
            status = given().queryParam("start_timestamp", 1700000001).queryParam("end_timestamp", 1700000003)
                    .when().get("/read-queries").statusCode();
        }
        given().queryParam("start_timestamp", 1700000001).queryParam("end_timestamp", 1700000003)
                .when().get("/read-queries").then().statusCode(200).body("query_id", contains(1, 2, 3));
        // ready again by itself, no restart
        assertEquals(200, readinessWithin(Duration.ofSeconds(5)));
    }

    /** The readiness probe's status, or -1 when it did not answer within {@code timeout}. */
    private static int readinessWithin(Duration timeout) throws Exception {
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/q/health/ready"))
                .timeout(timeout).build();
        try {
            return HttpClient.newHttpClient().send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException noAnswer) {
            return -1;
        }
    }
}
