package org.arxivpipeline.frontend.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.arxivpipeline.frontend.BackendsStandIn;
import org.arxivpipeline.frontend.BackendsStandIn.InjectBackends;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A flood of searches refused by backend-arxiv-api (429, its waiting line full) must not open the
 * circuit of backend-sequence, whose calls for those searches were healthy: a search after the flood
 * is served. Nor must a backend's own load shedding (503 at once) open its own circuit.
 */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
@TestProfile(RefusedSearchCircuitTest.SensitiveCircuits.class)
class RefusedSearchCircuitTest {

    public static class SensitiveCircuits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.fault-tolerance.\"org.arxivpipeline.frontend.client.SequenceBackend/next\".circuit-breaker.request-volume-threshold", "4",
                    "quarkus.fault-tolerance.\"org.arxivpipeline.frontend.client.ArxivApiBackend/search\".circuit-breaker.request-volume-threshold", "4",
                    "quarkus.fault-tolerance.\"org.arxivpipeline.frontend.client.ResultsBackend/write\".circuit-breaker.request-volume-threshold", "4",
                    "quarkus.fault-tolerance.\"org.arxivpipeline.frontend.client.ResultsBackend/read\".circuit-breaker.request-volume-threshold", "4",
                    "quarkus.fault-tolerance.\"org.arxivpipeline.frontend.client.ResultsBackend/readFiltered\".circuit-breaker.request-volume-threshold",
                    "4");
        }
    }

    @InjectBackends
    WireMockServer backends;

    @Test
    void refusedSearchesLeaveTheSequenceCircuitClosed() {
        backends.resetAll();
        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"The arXiv waiting line is full\"}")));
        // the sequence answers a little after arxiv-api has refused
        backends.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(okJson("{\"sequence\": 5}").withFixedDelay(150)));
        backends.stubFor(post(urlPathEqualTo("/write-results")).willReturn(aResponse().withStatus(201).withBody("{}")));
        backends.stubFor(post(urlPathEqualTo("/write-queries")).willReturn(aResponse().withStatus(201).withBody("{}")));

        for (int i = 0; i < 10; i++) {
            given().queryParam("title", "refused " + i).when().get("/arxiv")
                    .then().statusCode(429).header("Retry-After", "3").body("status", is(429));
        }
        assertEquals(10, backends.findAll(getRequestedFor(urlPathEqualTo("/get-sequence"))).size());

        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(okJson(SearchResourceTest.ARXIV_ANSWER)));
        given().queryParam("title", "served").when().get("/arxiv").then().statusCode(200).body("query_id", is(5));
    }

    @Test
    void writesShedByBackendResultsLeaveItsCircuitClosed() {
        backends.resetAll();
        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(okJson(SearchResourceTest.ARXIV_ANSWER)));
        backends.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(okJson("{\"sequence\": 6}")));
        backends.stubFor(post(urlPathEqualTo("/write-results")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                        + "\"detail\":\"Too many large writes at once; try again shortly\"}")));
        backends.stubFor(post(urlPathEqualTo("/write-queries")).willReturn(aResponse().withStatus(201).withBody("{}")));

        for (int i = 0; i < 8; i++) {
            given().queryParam("title", "shed " + i).when().get("/arxiv").then().statusCode(503).header("Retry-After", "1")
                    .body("detail", is("Too many large writes at once; try again shortly"));
        }
        assertEquals(24, backends.findAll(postRequestedFor(urlPathEqualTo("/write-results"))).size(), "each write tried three times");

        backends.stubFor(post(urlPathEqualTo("/write-results")).willReturn(aResponse().withStatus(201).withBody("{}")));
        given().queryParam("title", "after the shedding").when().get("/arxiv").then().statusCode(200).body("query_id", is(6));
    }

    /** A filter too slow for the database opens the circuit of filtered reads only: the listing is still served. */
    @Test
    void slowFilteredReadsLeaveTheCircuitOfUnfilteredReadsClosed() {
        backends.resetAll();
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(okJson(
                "{\"results\": [], \"page\": 0, \"items_per_page\": 10, \"total\": 0, \"next_cursor\": null}")));
        backends.stubFor(get(urlPathEqualTo("/read-results")).withQueryParam("q", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
                .willReturn(aResponse().withStatus(504).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"about:blank\",\"title\":\"Gateway Timeout\",\"status\":504,\"detail\":\"slow\"}")));
        for (int i = 0; i < 6; i++) {
            given().queryParam("q", "superconductivity").when().get("/results");
        }
        given().queryParam("q", "superconductivity").when().get("/results").then().statusCode(503);
        given().queryParam("query_id", 42).when().get("/results").then().statusCode(200).body("total", is(0));
    }
}
