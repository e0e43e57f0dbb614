package org.arxivpipeline.frontend.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;

import org.arxivpipeline.frontend.BackendsStandIn;
import org.arxivpipeline.frontend.BackendsStandIn.InjectBackends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** GET and POST /queries: time forms, the file download, the history passed through, streaming, failures. */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
class QueriesResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** backend-queries' answer in the public form, which the frontend passes through unchanged. */
    private static final String HISTORY = """
            [{"query_id": 42, "timestamp": 1715014689, "time": "2024-05-06T16:58:09Z", "status": 200, "num_results": 1532,
              "num_entries": 10, "query": "ArXiv Query: ti:electron AND au:\\"del maestro\\""},
             {"query_id": 43, "timestamp": 1715014700, "time": "2024-05-06T16:58:20Z", "status": 200, "num_results": 0,
              "num_entries": 0, "query": "ArXiv Query: ti:nothing"}]""";

    @InjectBackends
    WireMockServer backends;

    @BeforeEach
    void history() {
        backends.resetAll();
        backends.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(inPublicForm(HISTORY)));
    }

    /** backend-queries' 200 with the header that says it wrote the public form. */
    private static ResponseDefinitionBuilder inPublicForm(String body) {
        return okJson(body).withHeader("X-Record-Form", "public");
    }

    private LoggedRequest lastRead() {
        List<LoggedRequest> reads = backends.findAll(getRequestedFor(urlPathEqualTo("/read-queries")));
        return reads.get(reads.size() - 1);
    }

    @Test
    void theDownloadIsAnAttachmentOfThePublicRecordsBackendQueriesWrote() {
        given().header("X-Request-ID", "hist-1")
                .queryParam("start_timestamp", "2024-05-06T16:00:00Z").queryParam("end_timestamp", "2024-05-06T18:00:00Z")
                .when().get("/queries")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Content-Disposition", "attachment; filename=\"queries_1715011200_1715018400.json\"")
                .body("", hasSize(2))
                .body("[0].query_id", is(42))
                .body("[0].timestamp", is(1715014689))
                .body("[0].time", is("2024-05-06T16:58:09Z"))
                .body("[0].status", is(200))
                .body("[0].num_results", is(1532))
                .body("[0].num_entries", is(10))
                .body("[0].query", is("ArXiv Query: ti:electron AND au:\"del maestro\""))
                .body("[1].query_id", is(43))
                .body("[1].query", is("ArXiv Query: ti:nothing"));
        LoggedRequest read = lastRead();
        assertEquals("1715011200", read.queryParameter("start_timestamp").firstValue());
        assertEquals("1715018400", read.queryParameter("end_timestamp").firstValue());
        assertEquals("public", read.queryParameter("form").firstValue());
        backends.verify(getRequestedFor(urlPathEqualTo("/read-queries")).withHeader("X-Request-ID", equalTo("hist-1")));
    }

    @Test
    void postAnswersTheSameRecordsInline() {
        given().contentType(ContentType.JSON).body("{\"start_timestamp\": 1715011200, \"end_timestamp\": \"2024-05-06T18:00:00Z\"}")
                .when().post("/queries")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Content-Disposition", nullValue())
                .body("query_id", is(List.of(42, 43)))
                .body("[0].time", is("2024-05-06T16:58:09Z"));
        assertEquals("1715011200", lastRead().queryParameter("start_timestamp").firstValue());
    }

    @ParameterizedTest
    @CsvSource({
            "1715014689, 1715014689",
            "2024-05-06T16:58:09Z, 1715014689",
            "2024-05-06T18:58:09+02:00, 1715014689",
            "2024-05-06T16:58:09, 1715014689",
            "2024-05-06, 1714953600",
            "2024-05-06T16:58:09.250Z, 1715014689",
    })
    void everyAcceptedTimeForm(String form, long seconds) {
        given().queryParam("start_timestamp", form).queryParam("end_timestamp", "2030-01-01").when().get("/queries").then().statusCode(200);
        assertEquals(String.valueOf(seconds), lastRead().queryParameter("start_timestamp").firstValue());
        given().contentType(ContentType.JSON).body(JSON.createObjectNode().put("start_timestamp", form).toString())
                .when().post("/queries").then().statusCode(200);
        assertEquals(String.valueOf(seconds), lastRead().queryParameter("start_timestamp").firstValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-13-01", "2024-02-30", "2024-05-06 16:58:09", "06/05/2024", "-5", "1.5e9",
            "2024-05-06T25:00:00", "99999999999999", "2024-05-06T16:58:09+25:00"})
    void rejectedTimeFormsAre400NamingTheField(String form) {
        given().queryParam("start_timestamp", form).when().get("/queries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("start_timestamp"));
        given().queryParam("start_timestamp", "2024-05-06").queryParam("end_timestamp", form).when().get("/queries")
                .then().statusCode(400).body("errors[0].field", is("end_timestamp"));
        assertEquals(0, backends.findAll(getRequestedFor(urlPathEqualTo("/read-queries"))).size());
    }

    @Test
    void startIsRequiredEndDefaultsToNowAndMayNotPrecedeStart() {
        given().when().get("/queries").then().statusCode(400).body("errors[0].field", is("start_timestamp"))
                .body("errors[0].message", is("is required"));
        given().queryParam("start_timestamp", "2024-05-07").queryParam("end_timestamp", "2024-05-06").when().get("/queries")
                .then().statusCode(400).body("errors[0].field", is("end_timestamp"))
                .body("errors[0].message", is("must not be before start_timestamp"));
        long before = System.currentTimeMillis() / 1000;
        given().queryParam("start_timestamp", "2024-05-06").when().get("/queries").then().statusCode(200);
        long end = Long.parseLong(lastRead().queryParameter("end_timestamp").firstValue());
        assertTrue(end >= before && end <= before + 5, "end defaults to now: " + end);
        given().contentType(ContentType.JSON).body("[]").when().post("/queries").then().statusCode(400).body("errors[0].field", is("body"));
        given().contentType(ContentType.JSON).body("{\"start_timestamp\": true}").when().post("/queries")
                .then().statusCode(400).body("errors[0].field", is("start_timestamp"));
    }

    @Test
    void backendFailuresAreProblems() {
        backends.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(aResponse().withStatus(503)
                .withHeader("Retry-After", "5").withBody("{\"status\": 503, \"detail\": \"The database is unavailable\"}")));
        given().queryParam("start_timestamp", "2024-05-06").when().get("/queries")
                .then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json")
                .body("detail", is("The database is unavailable"));
        backends.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(aResponse().withStatus(500).withBody("boom")));
        given().queryParam("start_timestamp", "2024-05-06").when().get("/queries")
                .then().statusCode(502).contentType("application/problem+json");
    }

    /**
     * 100,000 records sent slowly by the stand-in arrive complete and in order. The
     * frontend's heap is printed before and after (same JVM as the test, so an indication only; the
     * measurement with a separate process belongs to bench/).
     */
    @Test
    void aLargeHistoryStreamsThroughCompleteAndOrdered() throws Exception {
        int count = 100_000;
        StringBuilder body = new StringBuilder(count * 110).append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"query_id\":").append(i + 1).append(",\"timestamp\":").append(1_700_000_000L + i)
                    .append(",\"time\":\"2023-11-14T22:13:20Z\",\"status\":200,\"num_results\":").append(i)
                    .append(",\"num_entries\":").append(i % 2001).append(",\"query\":\"ArXiv Query: ti:row ").append(i).append("\"}");
        }
        body.append(']');
        backends.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(inPublicForm(body.toString()).withChunkedDribbleDelay(200, 1000)));
        long heapBefore = usedHeapAfterGc();

        long seen = 0;
        try (InputStream in = given().queryParam("start_timestamp", 0).when().get("/queries")
                .then().statusCode(200).extract().asInputStream();
                JsonParser parser = JSON.getFactory().createParser(in)) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode record = JSON.readTree(parser);
                assertEquals(seen + 1, record.get("query_id").asLong());
                if (seen % 10_000 == 0) {
                    assertEquals("ArXiv Query: ti:row " + seen, record.get("query").asText());
                    assertTrue(record.hasNonNull("time"));
                }
                seen++;
            }
        }
        assertEquals(count, seen);
        System.out.printf("History of %d records streamed; used heap after GC: %d MB before, %d MB after%n",
                count, heapBefore / 1_048_576, usedHeapAfterGc() / 1_048_576);
    }

    /** An older backend-queries ignores form=public: its stored records are not passed on as public ones. */
    @Test
    void aHistoryWithoutThePublicFormIsABadGateway() {
        backends.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(okJson("[{\"query_id\": 42, \"query\": \"ti:electron\"}]")));
        given().queryParam("start_timestamp", 0).when().get("/queries")
                .then().statusCode(502).contentType("application/problem+json")
                .body("detail", is("backend-queries answered without the public record form (an older version?)"));
        backends.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(okJson("[]").withHeader("X-Record-Form", "stored")));
        given().contentType(ContentType.JSON).body("{\"start_timestamp\": 0}").when().post("/queries").then().statusCode(502);
    }

    /** A backend answer that ends before the array's closing bracket is not passed on as a complete 200. */
    @Test
    void aHistoryCutShortIsNotAnsweredAsComplete() {
        String cut = HISTORY.substring(0, HISTORY.lastIndexOf('}'));
        backends.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(inPublicForm(cut)));
        Throwable failure = assertThrows(Exception.class, () -> given().queryParam("start_timestamp", 0).when().get("/queries")
                .then().extract().asString());
        assertTrue(failure.toString().contains("chunk") || failure.toString().contains("closed"), failure.toString());
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void oneQueryIsPassedThroughInThePublicFormAndAMissingOneIsA404() {
        String record = "{\"query_id\":42,\"timestamp\":1715014689,\"time\":\"2024-05-06T16:58:09Z\",\"query\":\"ArXiv Query: ti:electron\"}";
        backends.stubFor(get(urlPathEqualTo("/read-queries/42")).willReturn(inPublicForm(record)));
        assertEquals(record, given().when().get("/queries/42").then().statusCode(200).contentType("application/json").extract().asString());
        assertEquals("public", backends.findAll(getRequestedFor(urlPathEqualTo("/read-queries/42"))).get(0).queryParameter("form").firstValue());

        backends.stubFor(get(urlPathEqualTo("/read-queries/43")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"No query 43 is stored\"}")));
        given().when().get("/queries/43").then().statusCode(404).contentType("application/problem+json").body("detail", is("No query 43 is stored"));

        // a record in the stored form would pass as a public one: refused
        backends.stubFor(get(urlPathEqualTo("/read-queries/44")).willReturn(okJson("{\"query_id\":44,\"query\":\"ti:x\"}")));
        given().when().get("/queries/44").then().statusCode(502);

        backends.resetRequests();
        given().when().get("/queries/abc").then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("query_id"));
        assertEquals(0, backends.findAll(getRequestedFor(urlPathEqualTo("/read-queries/abc"))).size());
    }
}
