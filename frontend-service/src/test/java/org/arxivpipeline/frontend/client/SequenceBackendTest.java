package org.arxivpipeline.frontend.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import jakarta.inject.Inject;

import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.frontend.BackendsStandIn;
import org.arxivpipeline.frontend.BackendsStandIn.InjectBackends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** SequenceBackend against a stand-in of backend-sequence: its value, and the policy of the configuration (retried twice). */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
class SequenceBackendTest {

    @InjectBackends
    WireMockServer backend;

    @Inject
    SequenceBackend sequence;

    @BeforeEach
    void reset() {
        backend.resetAll();
    }

    private long next() {
        return sequence.next().await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void answersTheSequenceValue() {
        backend.stubFor(get("/get-sequence").willReturn(okJson("{\"sequence\": 42}")));
        assertEquals(42, next());
    }

    @Test
    void aTransientFailureIsTriedThreeTimesThenA503WithRetryAfter() {
        backend.stubFor(get("/get-sequence").willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\": 503, \"detail\": \"The database is unavailable\"}")));
        TransientBackendFailure failure = assertInstanceOf(TransientBackendFailure.class, assertThrows(RuntimeException.class, this::next));
        assertEquals(503, failure.status());
        assertEquals(7L, failure.retryAfterSeconds());
        assertEquals("The database is unavailable", failure.detail());
        backend.verify(3, getRequestedFor(urlPathEqualTo("/get-sequence")));
    }

    @Test
    void aBrokenConnectionIsRetriedAndTheNextAnswerServes() {
        backend.stubFor(get("/get-sequence").inScenario("reset").whenScenarioStateIs("Started")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("answering"));
        backend.stubFor(get("/get-sequence").inScenario("reset").whenScenarioStateIs("answering")
                .willReturn(okJson("{\"sequence\": 43}")));
        assertEquals(43, next());
        backend.verify(2, getRequestedFor(urlPathEqualTo("/get-sequence")));
    }

    @Test
    void anUnreadableAnswerIsA502() {
        backend.stubFor(get("/get-sequence").willReturn(okJson("{\"sequence\": \"many\"}")));
        ProblemException failure = assertInstanceOf(ProblemException.class, assertThrows(RuntimeException.class, this::next));
        assertEquals(502, failure.status());
    }
}
