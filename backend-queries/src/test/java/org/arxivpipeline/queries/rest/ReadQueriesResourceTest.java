package org.arxivpipeline.queries.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.ScrapedMetrics;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class ReadQueriesResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestPostgres db = TestPostgres.get();

    @BeforeEach
    void emptyTables() {
        db.truncate("queries");
    }

    private void insert(long queryId, long timestamp) {
        db.execute("arxiv", "INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES ("
                + queryId + ", " + timestamp + ", 200, 1532, 10, 'au:x " + queryId + "')");
    }

    @Test
    void theRangeIsInclusiveAndOrderedByTimestampThenQueryId() throws Exception {
        insert(5, 1000);
        insert(3, 2000);
        insert(4, 2000);
        insert(1, 3000);
        insert(2, 999);
        insert(6, 3001);

        JsonNode array = JSON.readTree(given().queryParam("start_timestamp", 1000).queryParam("end_timestamp", 3000)
                .when().get("/read-queries")
                .then().statusCode(200).contentType("application/json")
                .extract().asByteArray());

        assertEquals(4, array.size());
        assertEquals(List.of(5L, 3L, 4L, 1L), List.of(array.get(0).get("query_id").asLong(), array.get(1).get("query_id").asLong(),
                array.get(2).get("query_id").asLong(), array.get(3).get("query_id").asLong()));
        JsonNode first = array.get(0);
        assertEquals(1000, first.get("timestamp").asLong());
        assertEquals(200, first.get("status").asInt());
        assertEquals(1532, first.get("num_results").asLong());
        assertEquals(10, first.get("num_entries").asInt());
        assertEquals("au:x 5", first.get("query").asText());
    }

    /** The form the frontend passes through to its clients: time added, the query with its prefix, quotes escaped. */
    @Test
    void thePublicFormIsTheFrontendsRecord() throws Exception {
        db.execute("arxiv", "INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES "
                + "(42, 1715014689, 200, 1532, 10, 'ti:electron AND au:\"del maestro\"'), (43, 1715014700, 503, 0, 0, 'ti:x')");

        String body = given().queryParam("start_timestamp", 1715014689).queryParam("end_timestamp", 1715014700).queryParam("form", "public")
                .when().get("/read-queries")
                .then().statusCode(200).contentType("application/json")
                .header("X-Record-Form", "public")
                .extract().asString();

        assertEquals("[{\"query_id\":42,\"timestamp\":1715014689,\"time\":\"2024-05-06T16:58:09Z\",\"status\":200,"
                + "\"num_results\":1532,\"num_entries\":10,\"query\":\"ArXiv Query: ti:electron AND au:\\\"del maestro\\\"\",\"sort_by\":\"relevance\","
                + "\"sort_order\":\"descending\",\"start\":0,\"id_list\":null,\"complete\":true,\"watch_id\":null},"
                + "{\"query_id\":43,\"timestamp\":1715014700,\"time\":\"2024-05-06T16:58:20Z\",\"status\":503,"
                + "\"num_results\":0,\"num_entries\":0,\"query\":\"ArXiv Query: ti:x\","
                + "\"sort_by\":\"relevance\",\"sort_order\":\"descending\",\"start\":0,\"id_list\":null,\"complete\":true,\"watch_id\":null}]", body);
        JsonNode stored = JSON.readTree(given().queryParam("start_timestamp", 1715014689).queryParam("form", "stored")
                .when().get("/read-queries").then().statusCode(200).header("X-Record-Form", "stored").extract().asByteArray());
        assertEquals("ti:electron AND au:\"del maestro\"", stored.get(0).get("query").asText());
        assertTrue(stored.get(0).get("time") == null, "the stored form has no time");
    }

    @Test
    void endDefaultsToNowAndAnEmptyRangeIsAnEmptyArray() {
        long now = System.currentTimeMillis() / 1000;
        insert(1, now - 10);
        insert(2, now + 3600);
        given().queryParam("start_timestamp", now - 100).when().get("/read-queries")
                .then().statusCode(200).body("query_id", is(List.of(1)));
        given().queryParam("start_timestamp", 1).queryParam("end_timestamp", 2).when().get("/read-queries")
                .then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void invalidParametersAreListedAtOnce() {
        given().queryParam("start_timestamp", "yesterday").queryParam("end_timestamp", "-1").when().get("/read-queries")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("start_timestamp", "end_timestamp"))
                .body("errors.find { it.field == 'start_timestamp' }.message", is("must be an integer"));
        given().when().get("/read-queries")
                .then().statusCode(400)
                .body("errors[0].field", is("start_timestamp"))
                .body("errors[0].message", is("is required"));
        given().queryParam("start_timestamp", 20).queryParam("end_timestamp", 10).when().get("/read-queries")
                .then().statusCode(400)
                .body("errors[0].field", is("end_timestamp"))
                .body("errors[0].message", is("must not be before start_timestamp"));
        given().queryParam("start_timestamp", 20).queryParam("form", "csv").when().get("/read-queries")
                .then().statusCode(400)
                .body("errors[0].field", is("form"))
                .body("errors[0].message", is("must be stored or public"));
        given().queryParam("start_timestamp", "99999999999999999999").when().get("/read-queries")
                .then().statusCode(400)
                .body("errors[0].message", is("must be between 0 and 253402300799"));
    }

    @Test
    void aRangeOfSixtyThousandRowsArrivesCompleteAndOrdered() throws Exception {
        // timestamps repeat (every 3 rows share one) so the query_id tie-break is exercised
        db.execute("arxiv", """
                INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query)
                SELECT 60001 - g, 1700000000 + g / 3, 200, g, g % 2001, 'ti:row ' || g
                FROM generate_series(1, 60000) AS g""");

        long count = 0;
        long previousTimestamp = Long.MIN_VALUE;
        long previousId = Long.MIN_VALUE;
        try (InputStream body = given().queryParam("start_timestamp", 0).queryParam("end_timestamp", 1800000000)
                .when().get("/read-queries").then().statusCode(200).extract().asInputStream();
                JsonParser parser = JSON.getFactory().createParser(body)) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode record = JSON.readTree(parser);
                long timestamp = record.get("timestamp").asLong();
                long id = record.get("query_id").asLong();
                assertTrue(timestamp > previousTimestamp || (timestamp == previousTimestamp && id > previousId),
                        "out of order at record " + count);
                previousTimestamp = timestamp;
                previousId = id;
                count++;
            }
        }
        assertEquals(60000, count);
    }

    @Test
    void clientsThatLeaveMidStreamGiveTheirConnectionsBack() throws Exception {
        db.execute("arxiv", """
                INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query)
                SELECT g, 1700000000 + g, 200, g, 10, 'ti:row ' || g FROM generate_series(1, 60000) AS g""");
        for (int client = 0; client < 25; client++) {
            // more clients than the pool has connections: a leaked connection would exhaust it
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.getOutputStream().write(("GET /read-queries?start_timestamp=0&end_timestamp=1800000000 HTTP/1.1\r\n"
                        + "Host: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] some = socket.getInputStream().readNBytes(16 * 1024);
                assertEquals(16 * 1024, some.length);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (connectionsInUse() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, connectionsInUse(), "connections still in use after every client left");
        // and the pool serves a whole range again
        given().queryParam("start_timestamp", 1700000001).queryParam("end_timestamp", 1700000003)
                .when().get("/read-queries").then().statusCode(200).body("query_id", contains(1, 2, 3));
    }

    /**
     * Hundreds of downloads abandoned at random moments: before the request is complete, before the first
     * byte, between BEGIN and the cursor, mid-stream. Within 2 s no session of the service is left
     * {@code idle in transaction} and the pools are idle again.
     */
    @Test
    void downloadsAbandonedAtAnyMomentLeaveNoSessionInTransaction() throws Exception {
        db.execute("arxiv", """
                INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query)
                SELECT g, 1700000000 + g, 200, g, 10, 'ti:row ' || g FROM generate_series(1, 60000) AS g""");
        java.util.Random random = new java.util.Random(17);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(40);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int client = 0; client < 400; client++) {
            int delayMicros = random.nextInt(40_000);
            int bytes = random.nextInt(4) == 0 ? 0 : random.nextInt(64 * 1024);
            done.add(clients.submit(() -> {
                abandon(delayMicros, bytes);
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> each : done) {
            each.get();
        }
        clients.shutdown();
        // a stream whose client left is let go of within the stream slot's wait (2 s) and one look of its
        // ClientWatch (0.5 s) at the most: beyond that, a session idle in transaction is one left for good
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((sessionsInTransaction() > 0 || connectionsInUse() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, sessionsInTransaction(), () -> "sessions left idle in transaction: " + db.query("arxiv",
                "SELECT state, now() - state_change AS for_how_long, query FROM pg_stat_activity WHERE state LIKE 'idle in transaction%'"));
        assertEquals(0, connectionsInUse(), "connections still in use after every client left");
        given().queryParam("start_timestamp", 1700000001).queryParam("end_timestamp", 1700000003)
                .when().get("/read-queries").then().statusCode(200).body("query_id", contains(1, 2, 3));
    }

    /** Sends a whole download request, waits {@code delayMicros}, reads up to {@code bytes} and hangs up. */
    private static void abandon(int delayMicros, int bytes) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoLinger(true, 0);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /read-queries?start_timestamp=0&end_timestamp=1800000000 HTTP/1.1\r\n"
                    + "Host: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            java.util.concurrent.locks.LockSupport.parkNanos(delayMicros * 1000L);
            if (bytes > 0) {
                socket.getInputStream().readNBytes(bytes);
            }
        } catch (java.net.SocketTimeoutException | java.net.SocketException answeredOrRefused) {
            // a 503 answer (slots taken) ends before the bytes asked for; the client leaves either way
        }
    }

    private long sessionsInTransaction() {
        return db.queryLong("arxiv", "SELECT count(*) FROM pg_stat_activity WHERE usename IN ('arxiv_ro', 'arxiv_rw') "
                + "AND state LIKE 'idle in transaction%'");
    }

    /** The sum of {@code sql_pool_active} over every pool of the service, from its Prometheus metrics. */
    private static double connectionsInUse() {
        return ScrapedMetrics.scrape(RestAssured.port).sum("sql_pool_active");
    }

    @Test
    void oneQueryIsReadInEitherFormAndAMissingOneIsA404() {
        insert(42, 1715014689);
        given().queryParam("form", "public").when().get("/read-queries/42").then().statusCode(200).contentType("application/json")
                .header("X-Record-Form", "public")
                .body("query_id", is(42)).body("timestamp", is(1715014689)).body("time", is("2024-05-06T16:58:09Z"))
                .body("query", is("ArXiv Query: au:x 42")).body("num_results", is(1532)).body("num_entries", is(10));
        given().when().get("/read-queries/42").then().statusCode(200).header("X-Record-Form", "stored")
                .body("query", is("au:x 42")).body("time", org.hamcrest.Matchers.nullValue());
        given().when().get("/read-queries/43").then().statusCode(404).contentType("application/problem+json")
                .body("detail", is("No query 43 is stored"));
        given().when().get("/read-queries/0").then().statusCode(400).body("errors[0].field", is("query_id"));
        given().queryParam("form", "other").when().get("/read-queries/42").then().statusCode(400).body("errors[0].field", is("form"));
    }
}
