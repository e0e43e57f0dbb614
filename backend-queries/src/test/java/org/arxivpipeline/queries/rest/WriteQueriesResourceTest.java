package org.arxivpipeline.queries.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class WriteQueriesResourceTest {

    private static final String RECORD = """
            {"query_id": 42, "timestamp": 1715014689, "status": 200, "num_results": 3000000000,
             "num_entries": 10, "query": "ti:electron AND au:\\"del maestro\\""}""";

    private final TestPostgres db = TestPostgres.get();

    @BeforeEach
    void emptyTables() {
        db.truncate("queries");
    }

    @Test
    void aNewRecordIsStoredWithEveryValue() {
        given().contentType(ContentType.JSON).body(RECORD).when().post("/write-queries")
                .then().statusCode(201)
                .body("query_id", is(42))
                .body("query", is("ti:electron AND au:\"del maestro\""));

        List<Map<String, Object>> rows = db.query("arxiv",
                "SELECT query_id, timestamp, status, num_results, num_entries, query FROM queries");
        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertEquals(42L, row.get("query_id"));
        assertEquals(1715014689L, row.get("timestamp"));
        assertEquals(200, row.get("status"));
        assertEquals(3_000_000_000L, row.get("num_results"));
        assertEquals(10, row.get("num_entries"));
        assertEquals("ti:electron AND au:\"del maestro\"", row.get("query"));
    }

    @Test
    void theSameRecordTwiceAnswers200AndStoresOnce() {
        given().contentType(ContentType.JSON).body(RECORD).when().post("/write-queries").then().statusCode(201);
        given().contentType(ContentType.JSON).body(RECORD).when().post("/write-queries").then().statusCode(200);
        assertEquals(1, db.queryLong("arxiv", "SELECT count(*) FROM queries"));
    }

    @Test
    void writesAndReadsAreCountedInTheMetrics() {
        given().contentType(ContentType.JSON).body(RECORD).when().post("/write-queries").then().statusCode(201);
        given().contentType(ContentType.JSON).body(RECORD).when().post("/write-queries").then().statusCode(200);
        given().queryParam("start_timestamp", 0).when().get("/read-queries").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        // there from the start at 0 (for the alert rules), counted since
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("queries_writes_total{outcome=\"created\",service=\"backend-queries\"}"), metrics);
        org.junit.jupiter.api.Assertions.assertFalse(metrics.contains("queries_writes_total{outcome=\"created\",service=\"backend-queries\"} 0.0"), metrics);
        org.junit.jupiter.api.Assertions.assertFalse(metrics.contains("queries_writes_total{outcome=\"replayed\",service=\"backend-queries\"} 0.0"), metrics);
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("queries_served_total{service=\"backend-queries\"}"), metrics);
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",service=\"backend-queries\",status=\"201\",uri=\"/write-queries\"}"), metrics);
    }

    @Test
    void theSameQueryIdWithOtherContentIsAConflictAndChangesNothing() {
        given().contentType(ContentType.JSON).body(RECORD).when().post("/write-queries").then().statusCode(201);
        given().contentType(ContentType.JSON).body(RECORD.replace("\"num_entries\": 10", "\"num_entries\": 9"))
                .when().post("/write-queries")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", is(409))
                .body("title", is("Conflict"));
        assertEquals(10, db.queryLong("arxiv", "SELECT num_entries FROM queries WHERE query_id = 42"));
    }

    @Test
    void twentyConcurrentIdenticalWritesStoreOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                writes.add(() -> given().contentType(ContentType.JSON).body(RECORD).when().post("/write-queries").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(writes)) {
                statuses.add(status.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(19, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, db.queryLong("arxiv", "SELECT count(*) FROM queries"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyInvalidFieldIsListedAtOnce() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"query_id": 0, "timestamp": -1, "status": 99, "num_results": -5, "num_entries": 2001, "query": "  "}""")
                .when().post("/write-queries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("instance", is("/write-queries"))
                .body("errors", hasSize(6))
                .body("errors.field", containsInAnyOrder("query_id", "timestamp", "status", "num_results", "num_entries", "query"))
                .body("errors.find { it.field == 'query_id' }.message", is("must be between 1 and 9223372036854775807"))
                .body("errors.find { it.field == 'num_entries' }.message", is("must be between 0 and 2000"))
                .body("errors.find { it.field == 'query' }.message", is("must not be blank"));
        assertEquals(0, db.queryLong("arxiv", "SELECT count(*) FROM queries"));
    }

    @Test
    void missingAndMistypedFieldsAreListed() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"query_id": "42", "timestamp": 1.5, "status": true, "num_entries": null, "query": 7}""")
                .when().post("/write-queries")
                .then().statusCode(400)
                .body("errors", hasSize(6))
                .body("errors.find { it.field == 'query_id' }.message", is("must be an integer"))
                .body("errors.find { it.field == 'timestamp' }.message", is("must be an integer"))
                .body("errors.find { it.field == 'status' }.message", is("must be an integer"))
                .body("errors.find { it.field == 'num_results' }.message", is("is required"))
                .body("errors.find { it.field == 'num_entries' }.message", is("is required"))
                .body("errors.find { it.field == 'query' }.message", is("must be a string"));
    }

    @Test
    void numbersBeyondSixtyFourBitsAreOutOfRange() {
        given().contentType(ContentType.JSON)
                .body(RECORD.replace("\"query_id\": 42", "\"query_id\": 99999999999999999999999"))
                .when().post("/write-queries")
                .then().statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].field", is("query_id"))
                .body("errors[0].message", is("must be between 1 and 9223372036854775807"));
    }

    @Test
    void aQueryTooLongOrWithNulIsRefused() {
        given().contentType(ContentType.JSON).body(RECORD.replace("ti:electron", "x".repeat(16_001)))
                .when().post("/write-queries")
                .then().statusCode(400).body("errors[0].field", is("query"))
                .body("errors[0].message", is("must be at most 16000 characters"));
        given().contentType(ContentType.JSON).body(RECORD.replace("ti:electron", "ti:elec\\u0000tron"))
                .when().post("/write-queries")
                .then().statusCode(400).body("errors[0].field", is("query"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"query_id\": 42, ").when().post("/write-queries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("title", is("Malformed JSON"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsA400Problem() {
        given().contentType(ContentType.JSON).body("[1, 2]").when().post("/write-queries")
                .then().statusCode(400).body("errors[0].field", is("body"));
        given().contentType(ContentType.JSON).when().post("/write-queries")
                .then().statusCode(400).body("errors[0].field", is("body"));
    }

    @Test
    void anOversizedBodyIsA413Problem() {
        String huge = "{\"query\": \"" + "x".repeat(1_100_000) + "\"}";
        given().contentType(ContentType.JSON).body(huge).when().post("/write-queries")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", is(413));
    }

    @Test
    void anotherContentTypeIsA415Problem() {
        given().contentType(ContentType.TEXT).body("hello").when().post("/write-queries")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", is(415));
    }

    @Test
    void aBodyThatNeverArrivesWholeIsA408AndTheConnectionIsClosed() throws Exception {
        String body = "{\"query_id\": 77, \"timestamp\": 1715014689, \"status\": 200, \"num_results\": 1, \"num_entries\": 1, \"query\": \"ti:x\"}";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            // announces the whole record, sends half of it, then nothing (the test profile's timeout is 2 s)
            socket.getOutputStream().write(("POST /write-queries HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, body.length() / 2))
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.contains("\"status\":408"), answer);
            // readAllBytes returned: the server closed the connection
        }
        assertEquals(0, db.query("arxiv", "SELECT query_id FROM queries").size());
        // the service serves the next request as usual
        given().contentType(ContentType.JSON).body(body).when().post("/write-queries").then().statusCode(201);
    }
}
