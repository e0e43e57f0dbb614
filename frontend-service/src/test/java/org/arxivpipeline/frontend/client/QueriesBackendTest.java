package org.arxivpipeline.frontend.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.arxivpipeline.common.model.ArxivAnswer;
import org.arxivpipeline.common.model.ArxivEntry;
import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.model.WriteResultsRequest;
import org.arxivpipeline.common.problem.ProblemException;
import org.arxivpipeline.frontend.BackendsStandIn;
import org.arxivpipeline.frontend.BackendsStandIn.InjectBackends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jboss.resteasy.reactive.RestResponse;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** QueriesBackend against a stand-in of backend-queries: the write, idempotent, is retried; a conflict is not. */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
class QueriesBackendTest {

    private static final QueryRecord RECORD = new QueryRecord(42, 1715014689, 200, 1532, 10, "ti:electron");

    @InjectBackends
    WireMockServer backend;

    @Inject
    QueriesBackend queries;

    @BeforeEach
    void reset() {
        backend.resetAll();
    }

    private void write() {
        queries.write(RECORD).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void theRecordIsSentAsTheContractWritesIt() {
        backend.stubFor(post("/write-queries").willReturn(aResponse().withStatus(201)));
        write();
        backend.verify(1, postRequestedFor(urlPathEqualTo("/write-queries")).withRequestBody(equalToJson("""
                {"query_id": 42, "timestamp": 1715014689, "status": 200, "num_results": 1532, "num_entries": 10, "query": "ti:electron",
                 "sort_by": "relevance", "sort_order": "descending", "start": 0, "id_list": null, "complete": true}""")));
    }

    @Test
    void aBackendSheddingLoadIsRetriedAndTheRetryStores() {
        backend.stubFor(post("/write-queries").inScenario("shed").whenScenarioStateIs("Started")
                .willReturn(PROBLEM_503).willSetStateTo("admitting"));
        backend.stubFor(post("/write-queries").inScenario("shed").whenScenarioStateIs("admitting").willReturn(aResponse().withStatus(201)));
        write();
        backend.verify(2, postRequestedFor(urlPathEqualTo("/write-queries")));
    }

    @Test
    void aConflictPassesThroughAndIsNotRetried() {
        backend.stubFor(post("/write-queries").willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Conflict\", \"status\": 409, \"detail\": \"query_id 42 is already stored with other content\"}")));
        ProblemException conflict = assertInstanceOf(ProblemException.class, assertThrows(RuntimeException.class, this::write));
        assertEquals(409, conflict.status());
        assertEquals("query_id 42 is already stored with other content", conflict.detail());
        backend.verify(1, postRequestedFor(urlPathEqualTo("/write-queries")));
    }

    @Test
    void aBackendThatStaysDownIsTriedThreeTimesThenA503() {
        backend.stubFor(post("/write-queries").willReturn(PROBLEM_503));
        TransientBackendFailure down = assertInstanceOf(TransientBackendFailure.class, assertThrows(RuntimeException.class, this::write));
        assertEquals(503, down.status());
        assertEquals(1L, down.retryAfterSeconds());
        backend.verify(3, postRequestedFor(urlPathEqualTo("/write-queries")));
    }

    private static final com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder PROBLEM_503 = aResponse().withStatus(503).withHeader("Retry-After", "1").withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\": 503, \"detail\": \"Too many large writes at once; try again shortly\"}");
}
