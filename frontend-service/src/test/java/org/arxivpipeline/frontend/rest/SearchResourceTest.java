package org.arxivpipeline.frontend.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.arxivpipeline.frontend.BackendsStandIn;
import org.arxivpipeline.frontend.BackendsStandIn.InjectBackends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;

/** GET /arxiv against stand-ins of the four backends: the happy path, every failure at every step. */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
class SearchResourceTest {

    static final String ARXIV_ANSWER = """
            {"data": [
              {"arxiv_id": "2405.01234v1", "title": "Electrons", "authors": "A. Author, B. Author", "journal": "Phys. Rev. B 1, 2 (2024)",
               "doi": "10.1/x", "primary_category": "cond-mat.mes-hall", "published": "2024-05-02T17:59:59Z", "url": "http://arxiv.org/abs/2405.01234v1",
                   "abstract": "We show $x$.", "categories": ["cond-mat.mes-hall", "hep-th"], "updated": "2024-05-09T10:00:00Z",
                   "comment": "5 pages", "pdf_url": "https://arxiv.org/pdf/2405.01234v1"},
              {"arxiv_id": "2405.09999v2", "title": "0", "authors": "C. Author", "journal": null, "doi": null,
               "primary_category": "hep-th", "published": "2024-05-03T00:00:00Z", "url": "http://arxiv.org/abs/2405.09999v2",
                   "abstract": null, "categories": null, "updated": null, "comment": null, "pdf_url": null}],
             "timestamp": 1715014689, "status": 200, "num_results": 1532, "num_entries": 2,
             "query": "ti:electron AND au:\\"del maestro\\""}""";

    @InjectBackends
    WireMockServer backends;

    @BeforeEach
    void healthyBackends() {
        backends.resetAll();
        arxivApi(okJson(ARXIV_ANSWER));
        sequence(okJson("{\"sequence\": 42}"));
        backends.stubFor(post(urlPathEqualTo("/write-results")).willReturn(aResponse().withStatus(201).withBody("{}")));
        backends.stubFor(post(urlPathEqualTo("/write-queries")).willReturn(aResponse().withStatus(201).withBody("{}")));
    }

    private void arxivApi(ResponseDefinitionBuilder answer) {
        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(answer));
    }

    private void sequence(ResponseDefinitionBuilder answer) {
        backends.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(answer));
    }

    private int queryWrites() {
        return backends.findAll(postRequestedFor(urlPathEqualTo("/write-queries"))).size();
    }

    private int resultWrites() {
        return backends.findAll(postRequestedFor(urlPathEqualTo("/write-results"))).size();
    }

    private static ResponseDefinitionBuilder problem(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json").withBody(body);
    }

    @Test
    void aSearchIsStoredResultsFirstAndAnswered() {
        given().header("X-Request-ID", "req-42").queryParam("title", "electron").queryParam("author", "\"del maestro\"")
                .queryParam("max_results", 2)
                .when().get("/arxiv")
                .then().statusCode(200)
                .header("X-Request-ID", "req-42")
                .body("query_id", is(42))
                .body("timestamp", is(1715014689))
                .body("time", is("2024-05-06T16:58:09Z"))
                .body("status", is(200))
                .body("num_results", is(1532))
                .body("num_entries", is(2))
                .body("query", is("ti:electron AND au:\"del maestro\""));

        LoggedRequest search = backends.findAll(getRequestedFor(urlPathEqualTo("/arxiv-api"))).get(0);
        assertEquals("electron", search.queryParameter("title").firstValue());
        assertEquals("\"del maestro\"", search.queryParameter("author").firstValue());
        assertEquals("2", search.queryParameter("max_results").firstValue());
        assertTrue(!search.queryParameter("journal").isPresent());

        backends.verify(postRequestedFor(urlPathEqualTo("/write-results")).withRequestBody(equalToJson("""
                {"query_id": 42, "timestamp": 1715014689, "results": [
                  {"arxiv_id": "2405.01234v1", "title": "Electrons", "authors": "A. Author, B. Author", "journal": "Phys. Rev. B 1, 2 (2024)",
                   "doi": "10.1/x", "primary_category": "cond-mat.mes-hall", "published": "2024-05-02T17:59:59Z", "url": "http://arxiv.org/abs/2405.01234v1",
                   "abstract": "We show $x$.", "categories": ["cond-mat.mes-hall", "hep-th"], "updated": "2024-05-09T10:00:00Z",
                   "comment": "5 pages", "pdf_url": "https://arxiv.org/pdf/2405.01234v1"},
                  {"arxiv_id": "2405.09999v2", "title": "0", "authors": "C. Author", "journal": null, "doi": null,
                   "primary_category": "hep-th", "published": "2024-05-03T00:00:00Z", "url": "http://arxiv.org/abs/2405.09999v2",
                   "abstract": null, "categories": null, "updated": null, "comment": null, "pdf_url": null}]}""")));
        backends.verify(postRequestedFor(urlPathEqualTo("/write-queries")).withRequestBody(equalToJson("""
                {"query_id": 42, "timestamp": 1715014689, "status": 200, "num_results": 1532, "num_entries": 2,
                 "query": "ti:electron AND au:\\"del maestro\\"", "sort_by": "relevance", "sort_order": "descending", "start": 0,
                 "id_list": null, "complete": true}""")));

        LoggedRequest results = backends.findAll(postRequestedFor(urlPathEqualTo("/write-results"))).get(0);
        LoggedRequest query = backends.findAll(postRequestedFor(urlPathEqualTo("/write-queries"))).get(0);
        assertTrue(!query.getLoggedDate().before(results.getLoggedDate()), "the query is written after its results");

        // the request id reached every backend
        for (String path : new String[] {"/arxiv-api", "/get-sequence"}) {
            backends.verify(getRequestedFor(urlPathEqualTo(path)).withHeader("X-Request-ID", equalTo("req-42")));
        }
        for (String path : new String[] {"/write-results", "/write-queries"}) {
            backends.verify(postRequestedFor(urlPathEqualTo(path)).withHeader("X-Request-ID", equalTo("req-42")));
        }
    }

    @Test
    void aSearchWhoseClientHasGoneIsStillStoredWhole() throws Exception {
        arxivApi(okJson(ARXIV_ANSWER).withFixedDelay(1500));
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/arxiv?title=gone"))
                .timeout(Duration.ofMillis(300)).build();
        assertThrows(HttpTimeoutException.class,
                () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));

        // the client gave up while arXiv was being asked: the search goes on, results first, then the query
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (queryWrites() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, resultWrites());
        assertEquals(1, queryWrites());
        backends.verify(postRequestedFor(urlPathEqualTo("/write-queries"))
                .withRequestBody(matchingJsonPath("$.query_id", equalTo("42"))));
    }

    @Test
    void oneTraceCrossesEveryBackendCall() {
        given().queryParam("title", "traced").when().get("/arxiv").then().statusCode(200);
        String traceId = null;
        for (var event : backends.getAllServeEvents()) {
            String traceparent = event.getRequest().getHeader("traceparent");
            assertTrue(traceparent != null && traceparent.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"),
                    event.getRequest().getUrl() + " traceparent " + traceparent);
            String id = traceparent.substring(3, 35);
            if (traceId == null) {
                traceId = id;
            }
            assertEquals(traceId, id, "all four calls belong to the search's trace");
        }
        assertEquals(4, backends.getAllServeEvents().size());
    }

    @Test
    void zeroHitsIsAStoredSuccess() {
        arxivApi(okJson("""
                {"data": [], "timestamp": 1715014689, "status": 200, "num_results": 0, "num_entries": 0, "query": "ti:qwertyuiop"}"""));
        given().queryParam("title", "qwertyuiop").when().get("/arxiv")
                .then().statusCode(200).body("num_entries", is(0)).body("num_results", is(0));
        backends.verify(postRequestedFor(urlPathEqualTo("/write-results"))
                .withRequestBody(equalToJson("{\"query_id\": 42, \"timestamp\": 1715014689, \"results\": []}")));
        assertEquals(1, queryWrites());
    }

    @Test
    void invalidInputIsListedAtOnceAndNoBackendIsCalled() {
        given().queryParam("title", "x".repeat(301)).queryParam("max_results", 0).when().get("/arxiv")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("title", "max_results"));
        given().queryParam("max_results", "many").when().get("/arxiv")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("author", "title", "journal", "abstract", "all", "category", "ids", "max_results"));
        assertEquals(0, backends.getAllServeEvents().size());
    }

    @Test
    void arxivApisValidationProblemPassesThroughWithItsFields() {
        arxivApi(problem(400, """
                {"type": "about:blank", "title": "Invalid input", "status": 400, "detail": "1 invalid field",
                 "instance": "/arxiv-api", "errors": [{"field": "title", "message": "has no word to search for"}]}"""));
        given().queryParam("title", "(((").when().get("/arxiv")
                .then().statusCode(400).contentType("application/problem+json")
                .body("instance", is("/arxiv"))
                .body("errors[0].field", is("title"))
                .body("errors[0].message", is("has no word to search for"));
        assertEquals(0, resultWrites());
        assertEquals(0, queryWrites());
    }

    @Test
    void aFullArxivLineIsA429WithItsRetryAfter() {
        arxivApi(problem(429, "{\"title\": \"Too Many Requests\", \"status\": 429, \"detail\": \"The arXiv waiting line is full\"}")
                .withHeader("Retry-After", "12"));
        given().queryParam("title", "busy").when().get("/arxiv")
                .then().statusCode(429).header("Retry-After", "12").body("detail", is("The arXiv waiting line is full"));
        assertEquals(0, queryWrites());
    }

    @Test
    void arxivApiFailuresMapToTheContractAndStoreNothing() {
        record Case(ResponseDefinitionBuilder answer, int status) {
        }
        Case[] cases = {
                new Case(problem(502, "{\"status\": 502, \"detail\": \"arXiv answered 500\"}"), 502),
                new Case(problem(503, "{\"status\": 503}").withHeader("Retry-After", "7"), 503),
                new Case(problem(504, "{\"status\": 504}"), 504),
                new Case(aResponse().withStatus(500).withBody("boom"), 502),
                new Case(okJson("this is not json"), 502),
                new Case(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), 502),
                new Case(okJson(ARXIV_ANSWER).withFixedDelay(4000), 504),
        };
        for (Case c : cases) {
            backends.resetRequests();
            arxivApi(c.answer());
            given().queryParam("title", "failing").when().get("/arxiv")
                    .then().statusCode(c.status()).contentType("application/problem+json").body("status", is(c.status()));
            assertEquals(0, resultWrites(), "case " + c.status());
            assertEquals(0, queryWrites(), "case " + c.status());
        }
    }

    @Test
    void sequenceFailuresMapToTheContractAndStoreNothing() {
        record Case(ResponseDefinitionBuilder answer, int status) {
        }
        Case[] cases = {
                new Case(aResponse().withStatus(500), 502),
                new Case(problem(503, "{\"status\": 503}"), 503),
                new Case(okJson("{\"sequence\": \"forty-two\"}"), 502),
                new Case(aResponse().withFault(Fault.EMPTY_RESPONSE), 502),
                new Case(okJson("{\"sequence\": 42}").withFixedDelay(2500), 504),
        };
        for (Case c : cases) {
            backends.resetRequests();
            sequence(c.answer());
            given().queryParam("title", "no number").when().get("/arxiv")
                    .then().statusCode(c.status()).contentType("application/problem+json");
            assertEquals(0, resultWrites(), "case " + c.status());
            assertEquals(0, queryWrites(), "case " + c.status());
        }
        // transient failures of an idempotent call were retried (3 tries)
        backends.resetRequests();
        sequence(aResponse().withStatus(500));
        given().queryParam("title", "no number").when().get("/arxiv").then().statusCode(502);
        assertEquals(3, backends.findAll(getRequestedFor(urlPathEqualTo("/get-sequence"))).size());
    }

    @Test
    void writeResultsFailingLeavesNoQuery() {
        backends.stubFor(post(urlPathEqualTo("/write-results")).willReturn(problem(503, "{\"status\": 503}").withHeader("Retry-After", "5")));
        given().queryParam("title", "unsaved").when().get("/arxiv")
                .then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json");
        assertEquals(3, resultWrites(), "retried: the write is idempotent");
        assertEquals(0, queryWrites());
    }

    @Test
    void writeQueriesFailingOnceIsRetriedAndStoredOnce() {
        backends.stubFor(post(urlPathEqualTo("/write-queries")).inScenario("once").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(problem(503, "{\"status\": 503}")).willSetStateTo("up"));
        backends.stubFor(post(urlPathEqualTo("/write-queries")).inScenario("once").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withBody("{}")));
        given().queryParam("title", "retried").when().get("/arxiv").then().statusCode(200).body("query_id", is(42));
        assertEquals(2, queryWrites());
        assertEquals(1, resultWrites());
        var bodies = backends.findAll(postRequestedFor(urlPathEqualTo("/write-queries")));
        assertEquals(bodies.get(0).getBodyAsString(), bodies.get(1).getBodyAsString(), "the retry sends the same record");
    }

    @Test
    void writeQueriesFailingForGoodIsAnError() {
        backends.stubFor(post(urlPathEqualTo("/write-queries")).willReturn(aResponse().withStatus(500)));
        given().queryParam("title", "lost").when().get("/arxiv").then().statusCode(502).contentType("application/problem+json");
        assertEquals(3, queryWrites());
        backends.stubFor(post(urlPathEqualTo("/write-queries")).willReturn(problem(409,
                "{\"title\": \"Conflict\", \"status\": 409, \"detail\": \"query_id 42 is already stored with other content\"}")));
        backends.resetRequests();
        given().queryParam("title", "conflict").when().get("/arxiv").then().statusCode(409)
                .body("detail", is("query_id 42 is already stored with other content"));
        assertEquals(1, queryWrites(), "a 4xx is not retried");
    }

    @Test
    void arxivAndSequenceAreCalledInParallel() {
        arxivApi(okJson(ARXIV_ANSWER).withFixedDelay(1000));
        given().queryParam("title", "parallel").when().get("/arxiv").then().statusCode(200);
        LoggedRequest search = backends.findAll(getRequestedFor(urlPathEqualTo("/arxiv-api"))).get(0);
        LoggedRequest number = backends.findAll(getRequestedFor(urlPathEqualTo("/get-sequence"))).get(0);
        long apart = Math.abs(number.getLoggedDate().getTime() - search.getLoggedDate().getTime());
        assertTrue(apart < 1000, "get-sequence was asked " + apart + " ms from arxiv-api, which took 1000 ms to answer");
    }
}
