package org.arxivpipeline.results.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Writes beyond the bytes in flight the service admits are refused at once with 503, before their body is read. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(WriteAdmissionTest.SmallBudget.class)
class WriteAdmissionTest {

    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arxiv.results.write-bytes-in-flight", "64K");
        }
    }

    private final TestPostgres db = TestPostgres.get();

    @BeforeEach
    void emptyTables() {
        db.truncate("results");
    }

    @Test
    void aWriteBeyondTheBudgetIs503WithRetryAfterAndTheNextOneIsServed() throws Exception {
        String large = WriteResultsResourceTest.body(7, 200);
        byte[] bytes = large.getBytes(StandardCharsets.UTF_8);
        assertTrue(bytes.length > 32 * 1024, "the large body takes more than half the budget: " + bytes.length);
        // RestAssured's first request loads it (a second or more on a cold JVM): not inside the first write's 2 s to send its body
        given().when().get("/q/health/live").then().statusCode(200);
        try (Socket first = new Socket("localhost", RestAssured.port)) {
            // the first large write is admitted and holds its share while its body is still arriving
            OutputStream out = first.getOutputStream();
            out.write(("POST /write-results HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            Thread.sleep(300);

            given().contentType(ContentType.JSON).body(large.replace("\"query_id\": 7", "\"query_id\": 8"))
                    .when().post("/write-results")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("status", is(503));
            assertEquals(0, db.queryLong("arxiv", "SELECT count(*) FROM results WHERE query_id = 8"));

            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            out.flush();
            String answer = new String(first.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 201", answer);
        }
        assertEquals(200, db.queryLong("arxiv", "SELECT count(*) FROM results WHERE query_id = 7"));
        // the budget is back: the refused write, retried, is stored
        given().contentType(ContentType.JSON).body(large.replace("\"query_id\": 7", "\"query_id\": 8"))
                .when().post("/write-results").then().statusCode(201).body("num_inserted", is(200));
    }
}
