package org.arxivpipeline.arxivapi.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.arxivpipeline.arxivapi.rest.ArxivStandIn.InjectArxiv;
import org.arxivpipeline.arxivapi.Feeds;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service against a stand-in arXiv. Pacing in tests is 200 ms, the deadline 4 s; each test searches
 * its own words, so the answer cache of one test never answers another.
 */
@QuarkusTest
@WithTestResource(ArxivStandIn.class)
class ArxivApiResourceTest {

    private static final String DATE = "Mon, 06 May 2024 16:58:09 GMT";

    @InjectArxiv
    WireMockServer arxiv;

    @BeforeEach
    void reset() {
        arxiv.resetAll();
    }

    private void answer(String fixture) throws Exception {
        arxiv.stubFor(get(urlPathEqualTo("/api/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml; charset=utf-8").withHeader("Date", DATE)
                .withBody(Feeds.fixture(fixture))));
    }

    private int calls() {
        return arxiv.findAll(getRequestedFor(urlPathEqualTo("/api/query"))).size();
    }

    @Test
    void aSearchAnswersArxivsEntriesAndTheQueryAsSent() throws Exception {
        answer("current_two_entries.xml");
        given().queryParam("title", "electron").queryParam("author", "\"del maestro\"").queryParam("max_results", 2)
                .when().get("/arxiv-api")
                .then().statusCode(200)
                .body("query", is("ti:electron AND au:\"del maestro\""))
                .body("status", is(200))
                .body("num_results", is(1532))
                .body("num_entries", is(2))
                .body("timestamp", is(1715014689))
                .body("data", hasSize(2))
                .body("data[0].arxiv_id", is("2405.01234v2"))
                .body("data[0].title", is("Electron transport in $\\alpha$-RuCl$_3$ & Ramírez's ω-phase"))
                .body("data[0].authors", is("Adrian Del Maestro, Zoë Ünal"))
                .body("data[0].journal", is("Phys. Rev. B 1, 2 (2024)"))
                .body("data[0].doi", is("10.1103/PhysRevB.1.2"))
                .body("data[0].primary_category", is("cond-mat.mes-hall"))
                .body("data[0].published", is("2024-05-02T17:59:59Z"))
                .body("data[0].url", is("https://arxiv.org/abs/2405.01234v2"))
                .body("data[1].journal", nullValue())
                .body("data[1].doi", nullValue());

        LoggedRequest sent = arxiv.findAll(getRequestedFor(urlPathEqualTo("/api/query"))).get(0);
        assertEquals("ti:electron AND au:\"del maestro\"", sent.queryParameter("search_query").firstValue());
        assertEquals("0", sent.queryParameter("start").firstValue());
        assertEquals("2", sent.queryParameter("max_results").firstValue());
        assertTrue(sent.getUrl().contains("search_query=ti%3Aelectron%20AND%20au%3A%22del%20maestro%22"), sent.getUrl());
        // the software and the build's version; no contact is configured here (ArxivContactTest: with one)
        String version = ConfigProvider.getConfig().getValue("quarkus.application.version", String.class);
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), version);
        assertEquals("arxiv-pipeline/" + version, sent.getHeader("User-Agent"));
        // the arXiv call is a client span of the request's trace
        assertTrue(sent.getHeader("traceparent") != null && sent.getHeader("traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"),
                "traceparent " + sent.getHeader("traceparent"));
    }

    @Test
    void nonAsciiIsSentAsUtf8PercentEncoded() throws Exception {
        answer("zero_hits.xml");
        given().queryParam("author", "Ramírez").when().get("/arxiv-api").then().statusCode(200);
        LoggedRequest sent = arxiv.findAll(getRequestedFor(urlPathEqualTo("/api/query"))).get(0);
        assertTrue(sent.getUrl().contains("search_query=au%3ARam%C3%ADrez"), sent.getUrl());
    }

    @Test
    void theLegacyFormatIsReadToo() throws Exception {
        answer("legacy_two_entries.xml");
        given().queryParam("author", "del_maestro legacy").when().get("/arxiv-api")
                .then().statusCode(200)
                .body("num_results", is(64))
                .body("data[0].title", is("Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit"))
                .body("data[0].journal", is("Phys. Rev. B 85, 115117 (2012)"))
                .body("data[1].title", is("0"));
    }

    @Test
    void zeroHitsIsASuccess() throws Exception {
        answer("zero_hits.xml");
        given().queryParam("title", "qwertyuiopasdf").when().get("/arxiv-api")
                .then().statusCode(200).body("num_results", is(0)).body("num_entries", is(0)).body("data", hasSize(0));
        assertEquals(1, calls());
    }

    @Test
    void arxivsErrorFeedIsA400CarryingItsMessageAndIsNotRetried() throws Exception {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(400).withBody(Feeds.fixture("error_feed.xml"))));
        given().queryParam("title", "rejected words").when().get("/arxiv-api")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", is("arXiv rejected the query: max_results must be non-negative"));
        assertEquals(1, calls());
    }

    @Test
    void a503ThenSuccessIsRetried() throws Exception {
        arxiv.stubFor(get(anyUrl()).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        arxiv.stubFor(get(anyUrl()).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody(Feeds.fixture("current_two_entries.xml"))));
        given().queryParam("title", "flaky once").queryParam("max_results", 2).when().get("/arxiv-api").then().statusCode(200).body("num_entries", is(2));
        assertEquals(2, calls());
    }

    @Test
    void aSpuriousEmptyPageIsRetried() throws Exception {
        arxiv.stubFor(get(anyUrl()).inScenario("empty").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody(Feeds.fixture("empty_page.xml"))).willSetStateTo("full"));
        arxiv.stubFor(get(anyUrl()).inScenario("empty").whenScenarioStateIs("full")
                .willReturn(aResponse().withStatus(200).withBody(Feeds.fixture("current_two_entries.xml"))));
        given().queryParam("title", "empty first").queryParam("max_results", 2).when().get("/arxiv-api").then().statusCode(200).body("num_entries", is(2));
        assertEquals(2, calls());
    }

    @Test
    void a429IsRetriedNoSoonerThanArxivsRetryAfter() throws Exception {
        arxiv.stubFor(get(anyUrl()).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("Rate exceeded.")).willSetStateTo("ok"));
        arxiv.stubFor(get(anyUrl()).inScenario("throttled").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody(Feeds.fixture("zero_hits.xml"))));
        given().queryParam("title", "throttled once").when().get("/arxiv-api").then().statusCode(200);
        List<LoggedRequest> requests = new ArrayList<>(arxiv.findAll(getRequestedFor(urlPathEqualTo("/api/query"))));
        assertEquals(2, requests.size());
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        long gap = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 990, "retried after " + gap + " ms");
    }

    @Test
    void callsAreCountedTimedAndTheLineIsMeasured() throws Exception {
        answer("zero_hits.xml");
        given().queryParam("title", "measured").when().get("/arxiv-api").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        // there from the start at 0 (for the alert rules), counted since
        assertTrue(metrics.contains("arxiv_calls_total{outcome=\"ok\",service=\"backend-arxiv-api\"}"), metrics);
        assertFalse(metrics.contains("arxiv_calls_total{outcome=\"ok\",service=\"backend-arxiv-api\"} 0.0"), metrics);
        assertTrue(metrics.contains("arxiv_call_duration_seconds_count{outcome=\"ok\",service=\"backend-arxiv-api\"}"), metrics);
        assertTrue(metrics.contains("arxiv_call_duration_seconds_bucket{outcome=\"ok\",service=\"backend-arxiv-api\",le=\"60.0\"}"), metrics);
        assertTrue(metrics.contains("arxiv_pacing_queue{service=\"backend-arxiv-api\"} 0.0"), metrics);
        assertTrue(metrics.contains("arxiv_pacing_queue_capacity{service=\"backend-arxiv-api\"}"), metrics);
        assertFalse(metrics.contains("arxiv_cache_requests_total{result=\"miss\",service=\"backend-arxiv-api\"} 0.0"), metrics);
    }

    @Test
    void persistent500sAreA502AfterThreeTries() {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500).withBody("oops")));
        given().queryParam("title", "always broken").when().get("/arxiv-api")
                .then().statusCode(502).contentType("application/problem+json").body("detail", is("arXiv answered 500"));
        assertEquals(3, calls());
    }

    @Test
    void persistent503sAreA503WithRetryAfter() {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "0")));
        given().queryParam("title", "always busy").when().get("/arxiv-api")
                .then().statusCode(503).header("Retry-After", "10").body("status", is(503));
        assertEquals(3, calls());
    }

    @Test
    void another4xxIsA502AndNeverRetried() {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withBody("<html>not here</html>")));
        given().queryParam("title", "four oh four").when().get("/arxiv-api").then().statusCode(502);
        assertEquals(1, calls());
    }

    @Test
    void htmlMalformedXmlAndAnEmptyBodyAre502() {
        String[] bodies = {"<html><body>Maintenance</body></html>", "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>", ""};
        for (int i = 0; i < bodies.length; i++) {
            arxiv.resetAll();
            arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(bodies[i])));
            given().queryParam("title", "garbage number " + "abcdefg".charAt(i)).when().get("/arxiv-api")
                    .then().statusCode(502).contentType("application/problem+json")
                    .body("detail", containsString("not an Atom feed"));
        }
    }

    @Test
    void aConnectionResetIsRetriedThenA502() {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().queryParam("title", "reset connection").when().get("/arxiv-api")
                .then().statusCode(502).contentType("application/problem+json");
        assertEquals(3, calls());
    }

    @Test
    void aSlowArxivIsA504WithinTheDeadline() {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(10_000).withBody("<feed/>")));
        long start = System.nanoTime();
        given().queryParam("title", "very slow").when().get("/arxiv-api")
                .then().statusCode(504).contentType("application/problem+json");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 6_000, "answered after " + elapsedMs + " ms");
    }

    @Test
    void aFeedWithAnExternalEntityIsRefusedAndNothingLeaks() throws Exception {
        Path secret = Files.createTempFile("arxiv-xxe", ".txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE feed [ <!ENTITY xxe SYSTEM "%s"> ]>
                <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/1</id><title>&xxe;</title></entry></feed>"""
                .formatted(secret.toUri());
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(xxe.getBytes(StandardCharsets.UTF_8))));
        String body = given().queryParam("title", "entity attack").when().get("/arxiv-api")
                .then().statusCode(502).extract().asString();
        assertFalse(body.contains("TOP-SECRET"));
        Files.delete(secret);
    }

    @Test
    void identicalSearchesShareOneCallAndAreCached() throws Exception {
        arxiv.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(300)
                .withBody(Feeds.fixture("current_two_entries.xml"))));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Callable<Integer>> searches = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                searches.add(() -> given().queryParam("title", "shared electron").queryParam("max_results", 2).when().get("/arxiv-api").statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(searches)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, calls(), "five concurrent identical searches, one arXiv call");
        given().queryParam("title", "  shared   electron ").queryParam("max_results", 2).when().get("/arxiv-api").then().statusCode(200).body("num_entries", is(2));
        assertEquals(1, calls(), "the same normalised query again: from the cache");
        given().queryParam("title", "shared electron").queryParam("max_results", 1).when().get("/arxiv-api").then().statusCode(200);
        assertEquals(2, calls(), "another max_results is another search");
    }

    @Test
    void concurrentSearchesAreSpacedByTheMinimumInterval() throws Exception {
        answer("zero_hits.xml");
        // the stand-in logs a request once it has handled it: warm it up first, so that its own
        // first-call slowness does not shift one logged time against the next
        given().queryParam("title", "warm up the stand-in").when().get("/arxiv-api").then().statusCode(200);
        arxiv.resetRequests();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> searches = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String word = "paced" + (char) ('a' + i);
                searches.add(() -> given().queryParam("title", word).when().get("/arxiv-api").statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(searches)) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<LoggedRequest> requests = new ArrayList<>(arxiv.findAll(getRequestedFor(urlPathEqualTo("/api/query"))));
        assertEquals(6, requests.size());
        requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
        // Arrival times at the stand-in carry a little scheduling jitter on a busy machine; the gate's
        // own spacing at send time is asserted exactly in PacingGateTest.
        for (int i = 1; i < requests.size(); i++) {
            long gap = requests.get(i).getLoggedDate().getTime() - requests.get(i - 1).getLoggedDate().getTime();
            assertTrue(gap >= 175, "calls " + (i - 1) + " and " + i + " only " + gap + " ms apart");
        }
        long span = requests.get(5).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertTrue(span >= 5 * 200 - 25, "six calls within " + span + " ms");
    }

    @Test
    void aFullWaitingLineIsA429WithRetryAfter() throws Exception {
        answer("zero_hits.xml");
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Integer> statuses = new ArrayList<>();
        List<String> retryAfters = new ArrayList<>();
        try {
            List<Callable<io.restassured.response.Response>> searches = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String word = "burst" + i + "x";
                searches.add(() -> given().queryParam("title", word).when().get("/arxiv-api"));
            }
            for (Future<io.restassured.response.Response> response : pool.invokeAll(searches)) {
                statuses.add(response.get().statusCode());
                if (response.get().statusCode() == 429) {
                    retryAfters.add(response.get().header("Retry-After"));
                    assertEquals("application/problem+json", response.get().contentType());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long ok = statuses.stream().filter(s -> s == 200).count();
        long refused = statuses.stream().filter(s -> s == 429).count();
        assertEquals(40, ok + refused, statuses.toString());
        assertTrue(ok >= 12, "the line admits what fits: " + statuses);
        assertTrue(refused >= 1, "the rest is refused: " + statuses);
        assertTrue(retryAfters.stream().allMatch(r -> r != null && Integer.parseInt(r) >= 1), retryAfters.toString());
        assertEquals(ok, calls());
    }

    @Test
    void invalidInputIsListedAtOnce() {
        given().queryParam("title", "x".repeat(301)).queryParam("author", "(((").queryParam("max_results", 2001)
                .when().get("/arxiv-api")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("title", "author", "max_results"))
                .body("errors.find { it.field == 'max_results' }.message", is("must be between 1 and 2000"));
        given().when().get("/arxiv-api")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("title", "author", "journal", "abstract", "all", "category",
                        "ids"));
        given().queryParam("journal", "Nature").queryParam("max_results", "ten").when().get("/arxiv-api")
                .then().statusCode(400).body("errors[0].field", is("max_results")).body("errors[0].message", is("must be an integer"));
        assertEquals(0, calls());
    }
}
