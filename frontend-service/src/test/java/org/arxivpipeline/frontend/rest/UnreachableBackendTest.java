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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import jakarta.inject.Inject;

import org.arxivpipeline.frontend.BackendsStandIn;
import org.arxivpipeline.frontend.BackendsStandIn.InjectBackends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * backend-queries is not running (nothing listens on its port): searches and the history answer 503
 * with Retry-After, and a search stores no query. A circuit breaker that trips after a few failures
 * answers 503 without calling the backend at all.
 */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
@TestProfile(UnreachableBackendTest.QueriesDown.class)
class UnreachableBackendTest {

    public static class QueriesDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.rest-client.queries.url", "http://127.0.0.1:" + closedPort(),
                    "quarkus.fault-tolerance.\"org.arxivpipeline.frontend.client.SequenceBackend/next\".circuit-breaker.request-volume-threshold", "4",
                    "quarkus.fault-tolerance.\"org.arxivpipeline.frontend.client.SequenceBackend/next\".circuit-breaker.delay", "60000",
                    "quarkus.fault-tolerance.\"org.arxivpipeline.frontend.client.SequenceBackend/next\".retry.max-retries", "0");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @InjectBackends
    WireMockServer backends;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    /** Each test starts with closed circuits, whatever ran before it. */
    @BeforeEach
    void closedCircuits() {
        circuitBreakers.resetAll();
    }

    @Test
    void aDownBackendIsA503WithRetryAfterAndNoQueryIsStored() {
        backends.resetAll();
        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(okJson(SearchResourceTest.ARXIV_ANSWER)));
        backends.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(okJson("{\"sequence\": 7}")));
        backends.stubFor(post(urlPathEqualTo("/write-results")).willReturn(aResponse().withStatus(201)));
        given().queryParam("title", "electron").when().get("/arxiv")
                .then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json")
                .body("detail", is("backend-queries is unreachable"));
        assertEquals(1, backends.findAll(postRequestedFor(urlPathEqualTo("/write-results"))).size());

        given().queryParam("start_timestamp", "2024-05-06").when().get("/queries")
                .then().statusCode(503).header("Retry-After", "5").body("detail", is("backend-queries is unreachable"));
    }

    @Test
    void anOpenCircuitAnswers503WithoutCallingTheBackend() {
        backends.resetAll();
        backends.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(okJson(SearchResourceTest.ARXIV_ANSWER)));
        backends.stubFor(get(urlPathEqualTo("/get-sequence")).willReturn(aResponse().withStatus(500)));
        // failing calls are 502 until the breaker has seen enough of them (a window of 4, half failing)
        int failures = 0;
        while (given().queryParam("title", "breaker").when().get("/arxiv").statusCode() == 502) {
            failures++;
            if (failures > 6) {
                throw new AssertionError("the circuit never opened");
            }
        }
        assertTrue(failures >= 2, "opened after " + failures + " failures");
        int callsWhenOpen = backends.findAll(getRequestedFor(urlPathEqualTo("/get-sequence"))).size();
        given().queryParam("title", "breaker").when().get("/arxiv")
                .then().statusCode(503).header("Retry-After", "5").body("detail", is("A backend is failing; calls to it are paused"));
        assertEquals(callsWhenOpen, backends.findAll(getRequestedFor(urlPathEqualTo("/get-sequence"))).size());
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        given().when().get("/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().when().delete("/arxiv").then().statusCode(405).contentType("application/problem+json");
    }
}
