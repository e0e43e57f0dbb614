package org.arxivpipeline.arxivapi.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.arxivpipeline.arxivapi.Feeds;
import org.arxivpipeline.arxivapi.rest.ArxivStandIn.InjectArxiv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The optional parameters of a search, as they reach the stand-in arXiv: the exact search_query, id_list,
 * start, sortBy and sortOrder; the request echoed in the answer; short pages answered as incomplete.
 */
@QuarkusTest
@WithTestResource(ArxivStandIn.class)
class SearchParametersResourceTest {

    @InjectArxiv
    WireMockServer arxiv;

    @BeforeEach
    void reset() throws Exception {
        arxiv.resetAll();
        // two entries of 1532 from start 0
        arxiv.stubFor(get(urlPathEqualTo("/api/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml; charset=utf-8").withBody(Feeds.fixture("current_two_entries.xml"))));
    }

    private List<LoggedRequest> sent() {
        return arxiv.findAll(getRequestedFor(urlPathEqualTo("/api/query")));
    }

    private static String param(LoggedRequest request, String name) {
        var value = request.queryParameter(name);
        return value.isPresent() ? value.firstValue() : null;
    }

    @Test
    void everyParameterReachesArxivAndComesBackInTheAnswer() {
        given().queryParam("abstract", "\"spin liquid\"").queryParam("all", "kitaev").queryParam("category", "cond-mat.str-el, cond-mat.mes-hall")
                .queryParam("ids", "2405.01234v2,hep-th/9901001").queryParam("submitted_from", "2024-01-01")
                .queryParam("submitted_to", "1735689599").queryParam("sort_by", "submitted").queryParam("sort_order", "ascending")
                .queryParam("start", 1530).queryParam("max_results", 2)
                .when().get("/arxiv-api").then().statusCode(200)
                .body("query", is("abs:\"spin liquid\" AND all:kitaev AND (cat:cond-mat.str-el OR cat:cond-mat.mes-hall) AND "
                        + "submittedDate:[202401010000 TO 202412312359]"))
                .body("sort_by", is("submitted")).body("sort_order", is("ascending")).body("start", is(1530))
                .body("id_list", is("2405.01234v2,hep-th/9901001")).body("complete", is(true)).body("num_entries", is(2));
        LoggedRequest request = sent().get(0);
        assertEquals("abs:\"spin liquid\" AND all:kitaev AND (cat:cond-mat.str-el OR cat:cond-mat.mes-hall) AND "
                + "submittedDate:[202401010000 TO 202412312359]", param(request, "search_query"));
        assertEquals("2405.01234v2,hep-th/9901001", param(request, "id_list"));
        assertEquals("1530", param(request, "start"));
        assertEquals("2", param(request, "max_results"));
        assertEquals("submittedDate", param(request, "sortBy"));
        assertEquals("ascending", param(request, "sortOrder"));
    }

    @Test
    void updatedDescendingIsSentAndTheDefaultOrderIsNot() {
        given().queryParam("title", "order one").queryParam("sort_by", "updated").queryParam("max_results", 2).when().get("/arxiv-api")
                .then().statusCode(200).body("sort_by", is("updated")).body("sort_order", is("descending"));
        assertEquals("lastUpdatedDate", param(sent().get(0), "sortBy"));
        assertEquals("descending", param(sent().get(0), "sortOrder"));
        given().queryParam("title", "order two").queryParam("max_results", 2).when().get("/arxiv-api")
                .then().statusCode(200).body("sort_by", is("relevance")).body("sort_order", is("descending")).body("start", is(0))
                .body("id_list", nullValue());
        assertNull(param(sent().get(1), "sortBy"), "a default search asks what it always asked");
        assertNull(param(sent().get(1), "sortOrder"));
        assertNull(param(sent().get(1), "id_list"));
    }

    @Test
    void idsAloneSendOnlyAnIdList() {
        given().queryParam("ids", "2405.01234, 2405.01235").queryParam("max_results", 2).when().get("/arxiv-api").then().statusCode(200)
                .body("query", is("")).body("id_list", is("2405.01234,2405.01235"));
        LoggedRequest request = sent().get(0);
        assertNull(param(request, "search_query"));
        assertEquals("2405.01234,2405.01235", param(request, "id_list"));
        assertFalse(request.getUrl().contains("search_query"), request.getUrl());
    }

    @Test
    void identicalRequestsShareTheCacheAndAnyDifferenceIsAnotherCall() {
        String[][] variants = {{}, {"start", "1"}, {"sort_by", "submitted"}, {"sort_order", "ascending"}, {"ids", "2405.01234"},
            {"category", "hep-th"}, {"submitted_from", "2024-01-01"}};
        for (String[] variant : variants) {
            var request = given().queryParam("title", "cache key").queryParam("max_results", 2);
            if (variant.length > 0) {
                request = request.queryParam(variant[0], variant[1]);
            }
            request.when().get("/arxiv-api").then().statusCode(200);
        }
        given().queryParam("title", "cache key").queryParam("max_results", 2).when().get("/arxiv-api").then().statusCode(200);
        given().queryParam("title", "cache key").queryParam("max_results", 2).queryParam("sort_by", "relevance")
                .queryParam("sort_order", "descending").queryParam("start", "0").when().get("/arxiv-api").then().statusCode(200);
        assertEquals(variants.length, sent().size(), "the same request again, defaults spelt out or not: from the cache");
    }

    @Test
    void aShortPageIsTriedAgainAndThenAnsweredAsIncomplete() {
        // 1532 results from 0: ten were expected, two came, every time
        given().queryParam("title", "short page").queryParam("max_results", 10).when().get("/arxiv-api").then().statusCode(200)
                .body("num_entries", is(2)).body("num_results", is(1532)).body("complete", is(false));
        assertEquals(3, sent().size(), "tried again while tries remained");
        // the last page of the hits: two expected, two came
        given().queryParam("title", "last page").queryParam("start", 1530).queryParam("max_results", 10).when().get("/arxiv-api")
                .then().statusCode(200).body("complete", is(true));
        assertEquals(4, sent().size());
        // beyond the hits: none expected
        arxiv.resetRequests();
        given().queryParam("title", "beyond").queryParam("start", 2000).queryParam("max_results", 10).when().get("/arxiv-api")
                .then().statusCode(200).body("complete", is(true));
    }

    @Test
    void badParametersAreAllListedAndNothingIsSent() {
        given().queryParam("title", "x").queryParam("category", "cs.lg").queryParam("ids", "nope").queryParam("sort_by", "date")
                .queryParam("start", 29999).queryParam("max_results", 2).queryParam("submitted_from", "2024-02-01")
                .queryParam("submitted_to", "2024-01-01").when().get("/arxiv-api").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("category", "ids", "sort_by", "start", "submitted_from"));
        given().queryParam("abstract", "(((").queryParam("start", "x").when().get("/arxiv-api").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("abstract", "start"));
        assertEquals(0, sent().size());
    }
}
