package org.arxivpipeline.frontend.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.arxivpipeline.frontend.BackendsStandIn;
import org.arxivpipeline.frontend.BackendsStandIn.InjectBackends;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** GET /results: validated, passed through to backend-results, with a Link to the frontend's own next page. */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
class ResultsResourceTest {

    private static final String PAGE = """
            {"results": [{"query_id": 42, "result_number": 0, "arxiv_id": "2405.01234v1", "title": "Electrons",
              "authors": "A. Author", "journal": null, "doi": null, "primary_category": "hep-th",
              "published": "2024-05-02T17:59:59Z", "url": "http://arxiv.org/abs/2405.01234v1"}],
             "page": 0, "items_per_page": 1, "total": 2, "next_cursor": "abc.def"}""";

    @InjectBackends
    WireMockServer backends;

    @BeforeEach
    void reset() {
        backends.resetAll();
    }

    @Test
    void aPageIsPassedThroughWithALinkToTheFrontendsNextPage() {
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(okJson(PAGE)
                .withHeader("Link", "<http://backend:8084/read-results?items_per_page=1&cursor=abc.def&query_id=42>; rel=\"next\"")));
        given().queryParam("query_id", 42).queryParam("items_per_page", 1).when().get("/results")
                .then().statusCode(200)
                .body("results[0].query_id", is(42))
                .body("results[0].result_number", is(0))
                .body("results[0].title", is("Electrons"))
                .body("results[0].journal", nullValue())
                .body("page", is(0))
                .body("items_per_page", is(1))
                .body("total", is(2))
                .body("next_cursor", is("abc.def"))
                .header("Link", matchesPattern("<http://localhost:\\d+/results\\?items_per_page=1&cursor=abc.def&query_id=42>; rel=\"next\""));
        LoggedRequest read = backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).get(0);
        assertEquals("42", read.queryParameter("query_id").firstValue());
        assertEquals("1", read.queryParameter("items_per_page").firstValue());
        assertFalse(read.queryParameter("page").isPresent());
        assertFalse(read.queryParameter("cursor").isPresent());

        given().queryParam("cursor", "abc.def").when().get("/results").then().statusCode(200);
        assertEquals("abc.def", backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).get(1)
                .queryParameter("cursor").firstValue());
    }

    @Test
    void theLastPageHasNoLink() {
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(okJson(PAGE.replace("\"abc.def\"", "null"))));
        given().queryParam("query_id", 42).when().get("/results")
                .then().statusCode(200).body("next_cursor", nullValue()).header("Link", nullValue());
    }

    @Test
    void invalidParametersAreListedAtOnceAndNotSent() {
        given().queryParam("query_id", 0).queryParam("page", -1).queryParam("items_per_page", 101).when().get("/results")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("query_id", "page", "items_per_page"));
        given().queryParam("query_id", "x").queryParam("items_per_page", "0").when().get("/results")
                .then().statusCode(400).body("errors.field", containsInAnyOrder("query_id", "items_per_page"));
        given().queryParam("cursor", "c".repeat(201)).when().get("/results")
                .then().statusCode(400).body("errors[0].field", is("cursor"));
        assertEquals(0, backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).size());
    }

    @Test
    void aCursorTheBackendRefusesIsA400OnTheCursorField() {
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\": \"Invalid input\", \"status\": 400, \"detail\": \"1 invalid field\", "
                        + "\"errors\": [{\"field\": \"cursor\", \"message\": \"is not a cursor this service issued\"}]}")));
        given().queryParam("cursor", "forged").when().get("/results")
                .then().statusCode(400).body("instance", is("/results"))
                .body("errors[0].field", is("cursor")).body("errors[0].message", is("is not a cursor this service issued"));
    }

    @Test
    void backendResultsDownIsA503() {
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "5")));
        given().when().get("/results").then().statusCode(503).header("Retry-After", "5").contentType("application/problem+json");
        assertEquals(3, backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).size(), "a GET is retried");
    }

    @Test
    void filtersArePassedOnNormalisedAndBadOnesListedWithoutCallingTheBackend() {
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(okJson(PAGE)
                .withHeader("Link", "<http://backend:8084/read-results?items_per_page=1&cursor=abc.def&q=spin&category=cs.LG>; rel=\"next\"")));
        given().queryParam("q", "\"spin liquid\" -kitaev").queryParam("category", "cs.LG, stat.ML").queryParam("author", "Müller")
                .queryParam("published_from", "2024-01-01").queryParam("published_to", "2024-01-31").queryParam("arxiv_id", "2405.01234v2")
                .when().get("/results").then().statusCode(200)
                .header("Link", containsString("/results?items_per_page=1&cursor=abc.def&q=spin&category=cs.LG"));
        LoggedRequest sent = backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).get(0);
        assertEquals("\"spin liquid\" -kitaev", sent.queryParameter("q").firstValue());
        assertEquals("cs.LG,stat.ML", sent.queryParameter("category").firstValue());
        assertEquals("Müller", sent.queryParameter("author").firstValue());
        assertEquals("1704067200", sent.queryParameter("published_from").firstValue());
        assertEquals("1706745599", sent.queryParameter("published_to").firstValue(), "the end of 31 January");
        assertEquals("2405.01234", sent.queryParameter("arxiv_id").firstValue(), "the paper, whatever its version");

        backends.resetRequests();
        given().queryParam("category", "cs.lg").queryParam("arxiv_id", "nope").queryParam("published_from", "soon").when().get("/results")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("category", "arxiv_id", "published_from"));
        assertEquals(0, backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).size());
    }

    @Test
    void aPaperIsPassedThroughAndItsIdCheckedAnOldStyleIdWithItsSlashIncluded() {
        String paper = """
                {"arxiv_id": "hep-th/9901001", "latest": {"query_id": 7, "result_number": 0, "arxiv_id": "hep-th/9901001v2"},
                 "versions": ["hep-th/9901001v1", "hep-th/9901001v2"], "query_ids": [3, 7], "first_seen": 1000, "last_seen": 1500}""";
        backends.stubFor(get(urlPathEqualTo("/read-paper")).willReturn(okJson(paper)));
        given().when().get("/papers/hep-th/9901001v2").then().statusCode(200)
                .body("arxiv_id", is("hep-th/9901001")).body("query_ids[1]", is(7)).body("latest.arxiv_id", is("hep-th/9901001v2"));
        assertEquals("hep-th/9901001v2", backends.findAll(getRequestedFor(urlPathEqualTo("/read-paper"))).get(0)
                .queryParameter("arxiv_id").firstValue());

        backends.stubFor(get(urlPathEqualTo("/read-paper")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"No result of arXiv paper 2405.09999 is stored\"}")));
        given().when().get("/papers/2405.09999").then().statusCode(404).contentType("application/problem+json")
                .body("detail", is("No result of arXiv paper 2405.09999 is stored"));

        backends.resetRequests();
        given().when().get("/papers/not-an-id").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("arxiv_id"));
        assertEquals(0, backends.findAll(getRequestedFor(urlPathEqualTo("/read-paper"))).size());
    }

    /** A filter too slow for the database: a read that timed out is not sent again (it would take as long once more). */
    @Test
    void aFilteredReadThatTimedOutIsNotRetried() {
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(aResponse().withStatus(504).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\": \"about:blank\", \"title\": \"Gateway Timeout\", \"status\": 504, \"detail\": \"slow\"}")));
        given().queryParam("q", "superconductivity").when().get("/results").then().statusCode(504);
        assertEquals(1, backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).size(), "sent once");
        given().queryParam("query_id", 42).when().get("/results").then().statusCode(504);
        assertEquals(4, backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).size(), "an unfiltered read: sent three times");
    }
}
