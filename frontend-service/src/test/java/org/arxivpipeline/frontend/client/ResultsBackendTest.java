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
import org.arxivpipeline.frontend.model.StoredPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** ResultsBackend against a stand-in of backend-results: the write and the read, both retried on transient failures. */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
class ResultsBackendTest {

    private static final ArxivEntry ENTRY = new ArxivEntry("2405.01234v1", "Electrons", "A. Author", null, null, "hep-th",
            "2024-05-02T17:59:59Z", "http://arxiv.org/abs/2405.01234v1");

    @InjectBackends
    WireMockServer backend;

    @Inject
    ResultsBackend results;

    @BeforeEach
    void reset() {
        backend.resetAll();
    }

    @Test
    void aWriteRefusedWhileTheBackendShedsLoadIsStoredByTheRetry() {
        backend.stubFor(post("/write-results").inScenario("shed").whenScenarioStateIs("Started")
                .willReturn(PROBLEM_503).willSetStateTo("admitting"));
        backend.stubFor(post("/write-results").inScenario("shed").whenScenarioStateIs("admitting").willReturn(aResponse().withStatus(201)));
        results.write(new WriteResultsRequest(7, 1715014689, List.of(ENTRY))).await().atMost(Duration.ofSeconds(5));
        backend.verify(2, postRequestedFor(urlPathEqualTo("/write-results")).withRequestBody(equalToJson("""
                {"query_id": 7, "timestamp": 1715014689, "results": [{"arxiv_id": "2405.01234v1", "title": "Electrons",
                 "authors": "A. Author", "journal": null, "doi": null, "primary_category": "hep-th",
                 "published": "2024-05-02T17:59:59Z", "url": "http://arxiv.org/abs/2405.01234v1",
                   "abstract": null, "categories": null, "updated": null, "comment": null, "pdf_url": null}]}""")));
    }

    /** A 408 (the body reached the backend too slowly, e.g. this process was starved) is tried again. */
    @Test
    void aWriteWhoseBodyCameTooSlowlyIsSentAgain() {
        backend.stubFor(post("/write-results").inScenario("slow").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(408).withHeader("Connection", "close")).willSetStateTo("in time"));
        backend.stubFor(post("/write-results").inScenario("slow").whenScenarioStateIs("in time").willReturn(aResponse().withStatus(201)));
        results.write(new WriteResultsRequest(7, 1715014689, List.of(ENTRY))).await().atMost(Duration.ofSeconds(5));
        backend.verify(2, postRequestedFor(urlPathEqualTo("/write-results")));
    }

    @Test
    void aPageIsPassedOnAsTheBackendWroteItWithItsLink() {
        backend.stubFor(get(urlPathEqualTo("/read-results")).withQueryParam("query_id", equalTo("7"))
                .willReturn(okJson("{\"results\": [], \"page\": 0}").withHeader("Link", "</read-results?cursor=abc>; rel=\"next\"")));
        StoredPage page = results.read(7L, null, 10, null).await().atMost(Duration.ofSeconds(5));
        assertEquals("{\"results\": [], \"page\": 0}", new String(page.json(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("cursor=abc", page.nextPageQuery());
    }

    @Test
    void anInvalidReadPassesThroughWithItsFieldsAndIsNotRetried() {
        backend.stubFor(get(urlPathEqualTo("/read-results")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("""
                        {"title": "Invalid input", "status": 400, "detail": "1 invalid field",
                         "errors": [{"field": "cursor", "message": "is not a cursor of this service"}]}""")));
        ProblemException invalid = assertInstanceOf(ProblemException.class, assertThrows(RuntimeException.class,
                () -> results.read(null, null, 10, "forged").await().atMost(Duration.ofSeconds(5))));
        assertEquals(400, invalid.status());
        assertEquals("cursor", invalid.errors().get(0).field());
        assertEquals("is not a cursor of this service", invalid.errors().get(0).message());
        backend.verify(1, getRequestedFor(urlPathEqualTo("/read-results")));
    }

    @Test
    void theNextPageIsReadFromTheLinkHeaderAndNothingElse() {
        assertEquals("items_per_page=5&cursor=a%2Bb", ResultsBackend.nextPageQuery("</read-results?items_per_page=5&cursor=a%2Bb>; rel=\"next\""));
        assertEquals(null, ResultsBackend.nextPageQuery(null));
        assertEquals(null, ResultsBackend.nextPageQuery("no link here"));
    }

    private static final com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder PROBLEM_503 = aResponse().withStatus(503).withHeader("Retry-After", "1").withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\": 503, \"detail\": \"Too many large writes at once; try again shortly\"}");
}
