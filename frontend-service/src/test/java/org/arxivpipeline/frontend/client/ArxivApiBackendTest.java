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
import org.arxivpipeline.common.model.QueryRecord;
import org.arxivpipeline.common.validation.SearchRequest;
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

/**
 * ArxivApiBackend against a stand-in of backend-arxiv-api: a call that reached it is never retried (a second
 * search would spend a second arXiv slot); its refusals pass through.
 */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
class ArxivApiBackendTest {

    @InjectBackends
    WireMockServer backend;

    @Inject
    ArxivApiBackend arxivApi;

    @BeforeEach
    void reset() {
        backend.resetAll();
    }

    private ArxivAnswer search() {
        return arxivApi.search(new SearchRequest(null, "electron", null, null, null, List.of(), List.of(), null, null,
                SearchRequest.SortBy.RELEVANCE, SearchRequest.SortOrder.DESCENDING, 0, 10)).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void everyParameterIsPassedOnNormalisedAndTheRequestComesBackInTheRecord() {
        backend.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(okJson("""
                {"data": [], "timestamp": 1715014689, "status": 200, "num_results": 7, "num_entries": 0,
                 "query": "abs:graphene AND (cat:cs.LG OR cat:stat.ML)", "sort_by": "submitted", "sort_order": "ascending", "start": 7,
                 "id_list": "2405.01234,hep-th/9901001", "complete": true}""")));
        SearchRequest request = new SearchRequest(null, null, null, "graphene", null, List.of("cs.LG", "stat.ML"),
                List.of("2405.01234", "hep-th/9901001"), 1704067200L, 1735689599L, SearchRequest.SortBy.SUBMITTED,
                SearchRequest.SortOrder.ASCENDING, 7, 20);
        ArxivAnswer answer = arxivApi.search(request).await().atMost(Duration.ofSeconds(5));
        backend.verify(getRequestedFor(urlPathEqualTo("/arxiv-api")).withQueryParam("abstract", equalTo("graphene"))
                .withQueryParam("category", equalTo("cs.LG,stat.ML")).withQueryParam("ids", equalTo("2405.01234,hep-th/9901001"))
                .withQueryParam("submitted_from", equalTo("1704067200")).withQueryParam("submitted_to", equalTo("1735689599"))
                .withQueryParam("sort_by", equalTo("submitted")).withQueryParam("sort_order", equalTo("ascending"))
                .withQueryParam("start", equalTo("7")).withQueryParam("max_results", equalTo("20")).withoutQueryParam("title"));
        assertEquals(new QueryRecord(42, 1715014689, 200, 7, 0, "abs:graphene AND (cat:cs.LG OR cat:stat.ML)", "submitted", "ascending", 7,
                "2405.01234,hep-th/9901001", true, null), answer.record(42));
    }

    @Test
    void anAnswerOfTheFirstReleaseIsADefaultCompleteSearch() {
        backend.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(okJson("""
                {"data": [], "timestamp": 1715014689, "status": 200, "num_results": 0, "num_entries": 0, "query": "ti:electron"}""")));
        assertEquals(new QueryRecord(42, 1715014689, 200, 0, 0, "ti:electron", "relevance", "descending", 0, null, true, null),
                search().record(42));
    }

    @Test
    void theAnswerIsReadWithEveryField() {
        backend.stubFor(get(urlPathEqualTo("/arxiv-api")).withQueryParam("title", equalTo("electron")).withQueryParam("max_results", equalTo("10"))
                .willReturn(okJson("""
                        {"data": [{"arxiv_id": "2405.01234v1", "title": "Electrons", "authors": "A. Author", "journal": null, "doi": "10.1/x",
                          "primary_category": "hep-th", "published": "2024-05-02T17:59:59Z", "url": "http://arxiv.org/abs/2405.01234v1"}],
                         "timestamp": 1715014689, "status": 200, "num_results": 1532, "num_entries": 1, "query": "ti:electron"}""")));
        ArxivAnswer answer = search();
        assertEquals(1715014689, answer.timestamp());
        assertEquals(1532, answer.numResults());
        assertEquals(1, answer.numEntries());
        assertEquals("ti:electron", answer.query());
        assertEquals(new ArxivEntry("2405.01234v1", "Electrons", "A. Author", null, "10.1/x", "hep-th", "2024-05-02T17:59:59Z",
                "http://arxiv.org/abs/2405.01234v1"), answer.data().get(0));
    }

    @Test
    void a503IsNotRetried() {
        backend.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "10")));
        TransientBackendFailure down = assertInstanceOf(TransientBackendFailure.class, assertThrows(RuntimeException.class, this::search));
        assertEquals(503, down.status());
        assertEquals(10L, down.retryAfterSeconds());
        backend.verify(1, getRequestedFor(urlPathEqualTo("/arxiv-api")));
    }

    @Test
    void aFullWaitingLineIsA429WithItsRetryAfter() {
        backend.stubFor(get(urlPathEqualTo("/arxiv-api")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "9")
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Too Many Requests\", \"status\": 429, \"detail\": \"The arXiv waiting line is full\"}")));
        ProblemException refused = assertInstanceOf(ProblemException.class, assertThrows(RuntimeException.class, this::search));
        assertEquals(429, refused.status());
        assertEquals(9L, refused.retryAfterSeconds());
        assertEquals("The arXiv waiting line is full", refused.detail());
        backend.verify(1, getRequestedFor(urlPathEqualTo("/arxiv-api")));
    }
}
