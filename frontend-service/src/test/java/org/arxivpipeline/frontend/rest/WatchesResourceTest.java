package org.arxivpipeline.frontend.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.arxivpipeline.common.model.ClaimedWatch;
import org.arxivpipeline.common.model.Watch;
import org.arxivpipeline.frontend.BackendsStandIn;
import org.arxivpipeline.frontend.BackendsStandIn.InjectBackends;
import org.arxivpipeline.frontend.service.WatchRunner;
import org.arxivpipeline.testsupport.ScrapedMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The public watches endpoints and the watch runner, against stand-ins of the backends. */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
class WatchesResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String WATCH = """
            {"watch_id": 7, "name": "graphene & <friends>", "every": "PT6H", "search": {"title": "graphene", "max_results": "20"},
             "created": 1715000000, "last_run": null, "next_run": 1715000000, "last_query_id": null, "last_error": null, "new_papers": 0}""";

    static final String PAPERS = """
            {"results": [
              {"query_id": 42, "result_number": 0, "arxiv_id": "2405.01234v2", "title": "Graphene & <edges>", "authors": "A. Author, B. Author",
               "journal": null, "doi": null, "primary_category": "cond-mat.mes-hall", "published": "2024-05-02T17:59:59Z",
               "url": "http://arxiv.org/abs/2405.01234v2", "abstract": "We show that x < y.", "categories": ["cond-mat.mes-hall", "hep-th"],
               "updated": null, "comment": null, "pdf_url": "https://arxiv.org/pdf/2405.01234v2", "first_seen": 1715014689},
              {"query_id": 41, "result_number": 3, "arxiv_id": "2404.00001v1", "title": "Older", "authors": "C. Author",
               "journal": null, "doi": null, "primary_category": "hep-th", "published": "2024-04-01T00:00:00Z",
               "url": "http://arxiv.org/abs/2404.00001v1", "abstract": null, "categories": ["hep-th"],
               "updated": null, "comment": null, "pdf_url": null, "first_seen": 1715000000}],
             "page": 0, "items_per_page": 100, "total": 2, "next_cursor": null}""";

    @InjectBackends
    WireMockServer backends;

    @Inject
    WatchRunner runner;

    @BeforeEach
    void reset() {
        backends.resetAll();
    }

    @Test
    void aWatchIsCreatedWithItsSearchCheckedAndNormalised() throws Exception {
        backends.stubFor(post(urlPathEqualTo("/watches")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(WATCH)));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "graphene", "every", "PT6H", "title", "graphene", "category", List.of("cond-mat.mes-hall", "hep-th"),
                        "max_results", 20, "submitted_from", "2024-01-01"))
                .when().post("/watches")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/watches/7")).body("watch_id", is(7));
        JsonNode sent = JSON.readTree(backends.findAll(postRequestedFor(urlPathEqualTo("/watches"))).get(0).getBodyAsString());
        assertEquals("graphene", sent.get("name").asText());
        assertEquals("PT6H", sent.get("every").asText());
        assertEquals(Map.of("title", "graphene", "category", "cond-mat.mes-hall,hep-th", "max_results", "20", "submitted_from", "1704067200"),
                JSON.convertValue(sent.get("search"), Map.class));
    }

    @Test
    void everyInvalidFieldIsListedAndNothingReachesTheBackend() {
        given().contentType(ContentType.JSON)
                .body(Map.of("every", "PT30M", "sort_by", "relevance", "start", 5, "colour", "blue", "max_results", 5000, "category", "nope.XX"))
                .when().post("/watches")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("name", "every", "sort_by", "start", "colour", "max_results", "category"));
        given().contentType(ContentType.JSON).body("[1, 2]").when().post("/watches").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("name", 5, "title", "x")).when().post("/watches")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("name"));
        assertEquals(0, backends.getAllServeEvents().size());
    }

    @Test
    void anUnknownWatchIsA404AndABadIdA400() {
        backends.stubFor(get(urlPathMatching("/watches/99.*")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\": 404, \"title\": \"Not Found\", \"detail\": \"No watch 99\"}")));
        backends.stubFor(delete(urlPathEqualTo("/watches/99")).willReturn(aResponse().withStatus(404)));
        given().when().get("/watches/99").then().statusCode(404).contentType("application/problem+json");
        given().when().get("/watches/99/new").then().statusCode(404);
        given().when().get("/watches/99/feed.atom").then().statusCode(404);
        given().when().delete("/watches/99").then().statusCode(404);
        given().when().get("/watches/abc").then().statusCode(400).body("errors.field", containsInAnyOrder("watch_id"));
    }

    @Test
    void newPapersAreAnsweredAsTheBackendPagesThemWithTheNextPageInTheLinkHeader() {
        String withNext = PAPERS.replace("\"items_per_page\": 100, \"total\": 2, \"next_cursor\": null",
                "\"items_per_page\": 2, \"total\": 5, \"next_cursor\": \"MTcxNTAwMDAwMDo0Mg==\"");
        backends.stubFor(get(urlPathEqualTo("/watches/7/new")).willReturn(okJson(withNext)));
        given().when().get("/watches/7/new?items_per_page=2").then().statusCode(200)
                .header("Link", "<http://localhost:" + io.restassured.RestAssured.port
                        + "/watches/7/new?items_per_page=2&cursor=MTcxNTAwMDAwMDo0Mg%3D%3D>; rel=\"next\"")
                .body("results.arxiv_id", org.hamcrest.Matchers.contains("2405.01234v2", "2404.00001v1"))
                .body("results[0].first_seen", org.hamcrest.Matchers.equalTo(1715014689))
                .body("next_cursor", org.hamcrest.Matchers.equalTo("MTcxNTAwMDAwMDo0Mg=="));
        backends.verify(getRequestedFor(urlPathEqualTo("/watches/7/new")).withQueryParam("items_per_page", equalTo("2")));
        // the last page: no link
        backends.stubFor(get(urlPathEqualTo("/watches/7/new")).willReturn(okJson(PAPERS)));
        given().when().get("/watches/7/new?cursor=MTcxNTAwMDAwMDo0Mg%3D%3D").then().statusCode(200)
                .header("Link", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void runNowAndDeleteAreForwarded() {
        backends.stubFor(post(urlPathEqualTo("/watches/7/due")).willReturn(aResponse().withStatus(202)));
        backends.stubFor(delete(urlPathEqualTo("/watches/7")).willReturn(aResponse().withStatus(204)));
        given().when().post("/watches/7/run").then().statusCode(202);
        given().when().delete("/watches/7").then().statusCode(204);
    }

    @Test
    void theFeedIsValidAtomThatAFeedReaderReads() throws Exception {
        backends.stubFor(get(urlPathEqualTo("/watches/7")).willReturn(okJson(WATCH)));
        backends.stubFor(get(urlPathEqualTo("/watches/7/new")).willReturn(okJson(PAPERS)));
        String body = given().when().get("/watches/7/feed.atom?source=reader")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/atom+xml")).extract().asString();
        backends.verify(getRequestedFor(urlPathEqualTo("/watches/7/new")).withQueryParam("items_per_page", equalTo("100")));
        SyndFeed feed = new SyndFeedInput().build(new StringReader(body));
        assertEquals("atom_1.0", feed.getFeedType());
        assertEquals("graphene & <friends>", feed.getTitle());
        assertTrue(feed.getUri().endsWith("/watches/7/feed.atom"), feed.getUri());
        assertEquals(2, feed.getEntries().size());
        SyndEntry first = feed.getEntries().get(0);
        assertEquals("http://arxiv.org/abs/2405.01234v2", first.getUri(), "the entry id is the abstract page");
        assertEquals("Graphene & <edges>", first.getTitle());
        assertEquals("http://arxiv.org/abs/2405.01234v2", first.getLink());
        assertEquals(List.of("A. Author", "B. Author"), first.getAuthors().stream().map(a -> a.getName()).toList());
        assertEquals(List.of("cond-mat.mes-hall", "hep-th"), first.getCategories().stream().map(c -> c.getName()).toList());
        assertEquals("We show that x < y.", first.getDescription().getValue());
        assertEquals(1715014689000L, first.getUpdatedDate().getTime(), "updated: when the watch first found it");
        assertEquals(1715000000000L, feed.getEntries().get(1).getUpdatedDate().getTime());
        assertEquals(1715014689000L, feed.getPublishedDate().getTime(), "the feed is as new as its newest entry (Rome: the feed's updated)");
    }

    @Test
    void aDueRunIsAnOrdinarySearchInTheBackgroundStoredWithItsWatch() throws Exception {
        claims("[{\"watch\": " + WATCH + ", \"claim\": \"3f8a2c1e-0000-4000-8000-000000000001\"}]");
        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(okJson(SearchResourceTest.ARXIV_ANSWER)));
        backends.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(okJson("{\"sequence\": 42}")));
        backends.stubFor(post(urlPathEqualTo("/write-results")).willReturn(aResponse().withStatus(201).withBody("{}")));
        backends.stubFor(post(urlPathEqualTo("/write-queries")).willReturn(aResponse().withStatus(201).withBody("{}")));
        backends.stubFor(post(urlPathEqualTo("/watches/7/runs")).willReturn(okJson(WATCH.replace("\"new_papers\": 0", "\"new_papers\": 2"))));

        double succeededBefore = runs("succeeded");
        runner.round().await().atMost(java.time.Duration.ofSeconds(10));

        backends.verify(getRequestedFor(urlPathEqualTo("/arxiv-api")).withQueryParam("priority", equalTo("background"))
                .withQueryParam("sort_by", equalTo("submitted")).withQueryParam("sort_order", equalTo("descending"))
                .withQueryParam("title", equalTo("graphene")).withQueryParam("max_results", equalTo("20"))
                .withHeader("X-Request-ID", matching("watch-7-[0-9a-f-]{36}")));
        // the run's calls carry one request id, its own
        String requestId = only("/write-queries").getHeader("X-Request-ID");
        assertTrue(requestId.startsWith("watch-7-"), requestId);
        assertEquals(requestId, only("/watches/7/runs").getHeader("X-Request-ID"));
        JsonNode query = JSON.readTree(only("/write-queries").getBodyAsString());
        assertEquals(7, query.get("watch_id").asLong());
        assertEquals(42, query.get("query_id").asLong());
        JsonNode run = JSON.readTree(only("/watches/7/runs").getBodyAsString());
        assertEquals("3f8a2c1e-0000-4000-8000-000000000001", run.get("claim").asText());
        assertEquals(42, run.get("query_id").asLong());
        assertTrue(run.get("error").isNull());
        assertEquals(List.of("2405.01234v1", "2405.09999v2"), run.get("results").findValuesAsText("arxiv_id"));
        assertEquals(List.of(0, 1), run.get("results").findValues("result_number").stream().map(JsonNode::asInt).toList());
        assertEquals(succeededBefore + 1, runs("succeeded"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("arxiv_watch_run_duration_seconds_count"));
    }

    @Test
    void aRunThatFailsIsReportedWithItsErrorAndStoresNoQuery() throws Exception {
        claims("[{\"watch\": " + WATCH + ", \"claim\": \"3f8a2c1e-0000-4000-8000-000000000002\"}]");
        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\": 502, \"title\": \"Bad Gateway\", \"detail\": \"arXiv answered 500\"}")));
        backends.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(okJson("{\"sequence\": 43}")));
        backends.stubFor(post(urlPathEqualTo("/watches/7/runs")).willReturn(okJson(WATCH)));

        runner.round().await().atMost(java.time.Duration.ofSeconds(10));

        JsonNode run = JSON.readTree(only("/watches/7/runs").getBodyAsString());
        assertTrue(run.get("query_id").isNull());
        assertTrue(run.get("error").asText().startsWith("502"), run.toString());
        assertEquals(0, backends.findAll(postRequestedFor(urlPathEqualTo("/write-queries"))).size());
    }

    @Test
    void aRunWhoseArxivIsUnavailableFailsWithItsErrorRatherThanBeingDeferred() throws Exception {
        claims("[{\"watch\": " + WATCH + ", \"claim\": \"3f8a2c1e-0000-4000-8000-000000000006\"}]");
        // arxiv-api's 503: arXiv could not be reached after its retries (not a turn yielded, which is a 429)
        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\": 503, \"title\": \"Service Unavailable\", \"detail\": \"arXiv cannot be reached\"}")));
        backends.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(okJson("{\"sequence\": 45}")));
        backends.stubFor(post(urlPathEqualTo("/watches/7/runs")).willReturn(okJson(WATCH)));
        double failedBefore = runs("failed");

        runner.round().await().atMost(java.time.Duration.ofSeconds(20));

        JsonNode run = JSON.readTree(only("/watches/7/runs").getBodyAsString());
        assertTrue(run.get("defer_seconds") == null || run.get("defer_seconds").isNull(), run.toString());
        assertTrue(run.get("error").asText().startsWith("502") && run.get("error").asText().contains("arXiv cannot be reached"),
                run.toString());
        assertEquals(failedBefore + 1, runs("failed"));
    }

    @Test
    void aRunRefusedForWantOfATurnIsGivenBackForLaterAndTheRoundStops() throws Exception {
        String second = WATCH.replace("\"watch_id\": 7", "\"watch_id\": 8");
        claims("[{\"watch\": " + WATCH + ", \"claim\": \"3f8a2c1e-0000-4000-8000-000000000003\"},"
                + " {\"watch\": " + second + ", \"claim\": \"3f8a2c1e-0000-4000-8000-000000000004\"}]");
        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\": 429, \"title\": \"Too Many Requests\", \"detail\": \"a background search yields\"}")));
        backends.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(okJson("{\"sequence\": 44}")));
        backends.stubFor(post(urlPathMatching("/watches/[78]/runs")).willReturn(okJson(WATCH)));
        double deferredBefore = runs("deferred");

        runner.round().await().atMost(java.time.Duration.ofSeconds(10));

        JsonNode run = JSON.readTree(only("/watches/7/runs").getBodyAsString());
        assertEquals(7, run.get("defer_seconds").asLong(), run.toString());
        assertTrue(run.get("error").isNull());
        assertEquals(1, backends.findAll(postRequestedFor(urlPathEqualTo("/claims"))).size(),
                "no second claim in a round where a run could not have its turn");
        assertEquals(deferredBefore + 2, runs("deferred"), "both runs of the claim are deferred");
    }

    @Test
    void aRunThatCouldNoLongerEndWithinItsLeaseIsGivenBackUnstarted() throws Exception {
        backends.stubFor(post(urlPathEqualTo("/watches/7/runs")).willReturn(okJson(WATCH)));
        ClaimedWatch claimed = new ClaimedWatch(JSON.readValue(WATCH, Watch.class), "3f8a2c1e-0000-4000-8000-000000000005");
        // 10 s of lease left: less than a search's deadline (29 s) and the report after it
        runner.run(claimed, System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10)).await()
                .atMost(java.time.Duration.ofSeconds(10));

        JsonNode run = JSON.readTree(only("/watches/7/runs").getBodyAsString());
        assertEquals(1, run.get("defer_seconds").asLong(), run.toString());
        assertEquals(0, backends.findAll(getRequestedFor(urlPathEqualTo("/arxiv-api"))).size(), "no search started");
    }

    @Test
    void aLeaseShorterThanTheRunsClaimedAtOnceIsRefusedAtStart() {
        java.time.Duration deadline = java.time.Duration.ofSeconds(29);
        String refused = WatchRunner.leaseTooShort(java.time.Duration.ofSeconds(30), 2, deadline);
        assertTrue(refused != null && refused.contains("ARXIV_WATCHES_LEASE (PT30S)") && refused.contains("PT1M13S"), refused);
        // 2 runs x (29 s + 5 s for the report) + 5 s for the claim = 73 s: enough, 72 s not, the shipped 120 s enough
        assertEquals(null, WatchRunner.leaseTooShort(java.time.Duration.ofSeconds(73), 2, deadline));
        assertTrue(WatchRunner.leaseTooShort(java.time.Duration.ofSeconds(72), 2, deadline) != null);
        assertEquals(null, WatchRunner.leaseTooShort(java.time.Duration.ofSeconds(120), 2, deadline));
    }

    /** {@code arxiv_watch_runs_total} of {@code outcome}, as the scraper reads it (there from the start, at 0). */
    private static double runs(String outcome) {
        return ScrapedMetrics.scrape(io.restassured.RestAssured.port).value("arxiv_watch_runs_total{outcome=\"" + outcome + "\"");
    }

    /** The first claim answers {@code claimed}, every later one nothing (the round then ends). */
    private void claims(String claimed) {
        backends.stubFor(post(urlPathEqualTo("/claims")).inScenario("claims").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(claimed)).willSetStateTo("claimed"));
        backends.stubFor(post(urlPathEqualTo("/claims")).inScenario("claims").whenScenarioStateIs("claimed").willReturn(okJson("[]")));
    }

    private LoggedRequest only(String path) {
        List<LoggedRequest> requests = backends.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertEquals(1, requests.size(), path);
        return requests.get(0);
    }
}
