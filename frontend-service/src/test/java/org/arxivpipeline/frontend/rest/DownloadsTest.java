package org.arxivpipeline.frontend.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
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
import io.restassured.http.ContentType;

/** Downloads of /results and /queries: chosen by format or Accept, passed through byte for byte, named, and refused when wrong. */
@QuarkusTest
@WithTestResource(BackendsStandIn.class)
class DownloadsTest {

    private static final String CSV = "query_id,result_number,title\r\n42,0,\"Electrons, \"\"holes\"\"\"\r\n42,1,'=cmd\r\n";

    @InjectBackends
    WireMockServer backends;

    @BeforeEach
    void reset() {
        backends.resetAll();
    }

    private void resultsAnswer(String contentType, String body) {
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", contentType).withBody(body)));
    }

    @Test
    void aResultsDownloadIsPassedThroughWithItsFiltersAndItsName() {
        resultsAnswer("text/csv; charset=UTF-8", CSV);
        String body = given().queryParam("query_id", 42).queryParam("format", "csv").queryParam("q", "spin \"liquid\"")
                .queryParam("category", "cs.LG,hep-th").queryParam("published_from", "2024-01-01").when().get("/results")
                .then().statusCode(200)
                .contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"results_42.csv\"")
                .extract().asString();
        assertEquals(CSV, body);
        LoggedRequest read = backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).get(0);
        assertEquals("csv", read.queryParameter("format").firstValue());
        assertEquals("42", read.queryParameter("query_id").firstValue());
        assertEquals("spin \"liquid\"", read.queryParameter("q").firstValue());
        assertEquals("cs.LG,hep-th", read.queryParameter("category").firstValue());
        assertEquals("1704067200", read.queryParameter("published_from").firstValue(), "in Unix seconds, as the backend reads times");
        assertFalse(read.queryParameter("page").isPresent());
        assertEquals("text/csv", read.getHeader("Accept"));
    }

    @Test
    void theAcceptHeaderChoosesTheFormatAndFormatWins() {
        resultsAnswer("application/x-bibtex; charset=UTF-8", "@misc{a,\n  title = {T}\n}\n");
        given().accept("application/x-bibtex").when().get("/results").then().statusCode(200)
                .contentType("application/x-bibtex; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"results_all.bib\"");
        resultsAnswer("application/x-research-info-systems; charset=UTF-8", "TY  - PREP\r\nER  - \r\n");
        given().accept("application/x-bibtex").queryParam("format", "ris").when().get("/results").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"results_all.ris\"");
        assertEquals("ris", backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).get(1).queryParameter("format").firstValue());
        resultsAnswer("application/x-ndjson; charset=UTF-8", "{\"query_id\":1}\n");
        given().queryParam("format", "jsonl").when().get("/results").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"results_all.jsonl\"");
    }

    @Test
    void aPageIsStillAPage() {
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(okJson(
                "{\"results\": [], \"page\": 0, \"items_per_page\": 10, \"total\": 0, \"next_cursor\": null}")));
        given().accept("application/json").when().get("/results").then().statusCode(200).contentType("application/json").body("total", is(0));
        given().when().get("/results").then().statusCode(200).contentType("application/json");
    }

    @Test
    void anUnknownFormatIsA400AndNothingIsAsked() {
        given().queryParam("format", "xlsx").queryParam("items_per_page", 0).when().get("/results").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("format"))
                .body("errors.field", hasItem("items_per_page"));
        given().queryParam("format", "bibtex").queryParam("start_timestamp", 0).when().get("/queries").then().statusCode(400)
                .body("errors.find { it.field == 'format' }.message", is("must be one of csv, jsonl"));
        assertEquals(0, backends.findAll(getRequestedFor(urlPathEqualTo("/read-results"))).size());
        assertEquals(0, backends.findAll(getRequestedFor(urlPathEqualTo("/read-queries"))).size());
    }

    @Test
    void aBackendThatAnswersAnotherFormatIsA502AndItsProblemsArePassedOn() {
        resultsAnswer("application/json", "{\"results\": []}");
        given().queryParam("format", "csv").when().get("/results").then().statusCode(502)
                .body("detail", is("backend-results answered without the format csv (an older version?)"));
        backends.stubFor(get(urlPathEqualTo("/read-results")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\": \"about:blank\", \"title\": \"Service Unavailable\", \"status\": 503, \"detail\": \"busy\"}")));
        given().queryParam("format", "csv").when().get("/results").then().statusCode(503).header("Retry-After", "2");
    }

    @Test
    void theHistoryIsDownloadedAsCsvOrJsonLinesAndPostedInline() {
        backends.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/csv; charset=UTF-8").withHeader("X-Record-Form", "public").withBody(CSV)));
        String body = given().queryParam("start_timestamp", "2024-05-06T00:00:00Z").queryParam("end_timestamp", "2024-05-07T00:00:00Z")
                .queryParam("format", "csv").when().get("/queries")
                .then().statusCode(200).contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"queries_1714953600_1715040000.csv\"")
                .extract().asString();
        assertEquals(CSV, body);
        LoggedRequest read = backends.findAll(getRequestedFor(urlPathEqualTo("/read-queries"))).get(0);
        assertEquals("csv", read.queryParameter("format").firstValue());
        assertEquals("public", read.queryParameter("form").firstValue());

        backends.stubFor(get(urlPathEqualTo("/read-queries")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-ndjson; charset=UTF-8").withHeader("X-Record-Form", "public")
                .withBody("{\"query_id\":42}\n")));
        given().contentType(ContentType.JSON).body("{\"start_timestamp\": 0}").queryParam("format", "jsonl").when().post("/queries")
                .then().statusCode(200).contentType("application/x-ndjson; charset=UTF-8").header("Content-Disposition", (String) null)
                .body(is("{\"query_id\":42}\n"));
        given().contentType(ContentType.JSON).body("{\"start_timestamp\": 0}").accept("application/x-ndjson").when().post("/queries")
                .then().statusCode(200).body(is("{\"query_id\":42}\n"));
    }
}
