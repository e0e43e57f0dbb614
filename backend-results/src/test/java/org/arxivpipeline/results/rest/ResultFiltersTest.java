package org.arxivpipeline.results.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The filters of /read-results against a real PostgreSQL holding 3,000 results: each alone and combined,
 * with query_id, paged by cursor to the end, counted, and a cursor refused with other filters. Every
 * expectation is computed from the rows as generated, not from the service.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ResultFiltersTest {

    private static final int QUERIES = 30;
    private static final int PER_QUERY = 100;

    private final TestPostgres db = TestPostgres.get();

    /**
     * Result (q, n): title "Spin liquids n" when n % 10 == 0 (else "Graphene n"), an abstract that mentions
     * "superconductivity" when n % 7 == 0, author "José Müller" when n % 5 == 0 (else "A. Smith"), categories
     * [cs.LG, stat.ML] when n % 3 == 0 (else [hep-th]), published 2020-01-01 plus q days, arxiv_id of paper
     * 2401.000nn (nn = n % 50) in version 1 + q % 2.
     */
    @BeforeEach
    void manyResults() {
        db.truncate("results");
        db.execute("arxiv", """
                INSERT INTO results (query_id, timestamp, result_number, arxiv_id, title, author, abstract, categories, published)
                SELECT q, 1, n, format('2401.%sv%s', lpad((n % 50)::text, 5, '0'), 1 + q % 2),
                       CASE WHEN n % 10 = 0 THEN 'Spin liquids ' || n ELSE 'Graphene ' || n END,
                       CASE WHEN n % 5 = 0 THEN 'José Müller, B. Other' ELSE 'A. Smith' END,
                       CASE WHEN n % 7 = 0 THEN 'We observe superconductivity in layers.' ELSE 'Nothing to see.' END,
                       CASE WHEN n % 3 = 0 THEN ARRAY['cs.LG', 'stat.ML'] ELSE ARRAY['hep-th'] END,
                       timestamptz '2020-01-01 00:00:00+00' + q * interval '1 day'
                FROM generate_series(1, QUERIES) q, generate_series(0, PER_QUERY - 1) n"""
                .replace("PER_QUERY", Integer.toString(PER_QUERY)).replace("QUERIES", Integer.toString(QUERIES)));
    }

    private static int expectedCount(java.util.function.BiPredicate<Integer, Integer> match, Integer onlyQuery) {
        int count = 0;
        for (int q = 1; q <= QUERIES; q++) {
            for (int n = 0; n < PER_QUERY; n++) {
                if ((onlyQuery == null || onlyQuery == q) && match.test(q, n)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Every page by cursor, following next_cursor; asserts the total on each page. */
    private List<String> pageToTheEnd(Map<String, Object> filters, int expectedTotal) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = given().queryParams(filters).queryParam("items_per_page", 100);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/read-results").then().statusCode(200).extract().jsonPath();
            assertEquals(expectedTotal, page.getInt("total"), "total with " + filters);
            for (Map<String, Object> r : page.<Map<String, Object>>getList("results")) {
                seen.add(r.get("query_id") + "/" + r.get("result_number"));
            }
            cursor = page.getString("next_cursor");
        } while (cursor != null && ++pages < 100);
        assertEquals(expectedTotal, seen.size(), "every match once, nothing skipped: " + filters);
        assertEquals(expectedTotal, seen.stream().distinct().count(), "nothing twice: " + filters);
        return seen;
    }

    @Test
    void eachFilterAloneFindsExactlyItsResultsPagedToTheEnd() {
        pageToTheEnd(Map.of("q", "spin liquid"), expectedCount((q, n) -> n % 10 == 0, null));
        pageToTheEnd(Map.of("q", "superconducting"), expectedCount((q, n) -> n % 7 == 0, null));
        pageToTheEnd(Map.of("q", "graphene -superconductivity"), expectedCount((q, n) -> n % 10 != 0 && n % 7 != 0, null));
        pageToTheEnd(Map.of("q", "\"spin liquids\" OR superconductivity"), expectedCount((q, n) -> n % 10 == 0 || n % 7 == 0, null));
        pageToTheEnd(Map.of("category", "stat.ML,math.CO"), expectedCount((q, n) -> n % 3 == 0, null));
        pageToTheEnd(Map.of("author", "jose MULLER"), expectedCount((q, n) -> n % 5 == 0, null));
        pageToTheEnd(Map.of("author", "müll"), expectedCount((q, n) -> n % 5 == 0, null));
        pageToTheEnd(Map.of("published_from", "2020-01-11", "published_to", "2020-01-20"), expectedCount((q, n) -> q >= 10 && q <= 19, null));
        pageToTheEnd(Map.of("arxiv_id", "2401.00007v2"), expectedCount((q, n) -> n % 50 == 7, null));
    }

    @Test
    void filtersCombineWithEachOtherAndWithQueryId() {
        pageToTheEnd(Map.of("q", "spin", "category", "cs.LG", "author", "Müller"), expectedCount((q, n) -> n % 10 == 0 && n % 3 == 0, null));
        pageToTheEnd(Map.of("q", "graphene", "author", "smith", "category", "hep-th"), expectedCount((q, n) -> n % 10 != 0 && n % 5 != 0
                && n % 3 != 0, null));
        pageToTheEnd(Map.of("query_id", 4, "author", "Müller"), expectedCount((q, n) -> n % 5 == 0, 4));
        List<String> paper = pageToTheEnd(Map.of("arxiv_id", "2401.00007", "published_from", "2020-01-30"), 4);
        assertEquals(List.of("29/7", "29/57", "30/7", "30/57"), paper, "in (query_id, result_number) order");
        given().queryParam("q", "nothingmatchesthis").when().get("/read-results").then().statusCode(200).body("total", is(0))
                .body("results.size()", is(0));
    }

    @Test
    void theLinkCarriesTheFiltersAndACursorRefusesOthers() {
        var first = given().queryParam("category", "cs.LG").queryParam("items_per_page", 5).when().get("/read-results").then().statusCode(200);
        String link = first.extract().header("Link");
        assertTrue(link.contains("category=cs.LG"), link);
        String cursor = first.extract().jsonPath().getString("next_cursor");
        given().queryParam("category", "cs.LG").queryParam("cursor", cursor).when().get("/read-results").then().statusCode(200);
        given().queryParam("category", "hep-th").queryParam("cursor", cursor).when().get("/read-results").then().statusCode(400)
                .body("errors[0].field", is("cursor"));
        given().queryParam("cursor", cursor).when().get("/read-results").then().statusCode(400).body("errors[0].field", is("cursor"));
        String unfiltered = given().queryParam("items_per_page", 5).when().get("/read-results").then().extract().jsonPath().getString("next_cursor");
        given().queryParam("q", "spin").queryParam("cursor", unfiltered).when().get("/read-results").then().statusCode(400);
    }

    @Test
    void badFiltersAreAllListed() {
        given().queryParam("q", "x".repeat(301)).queryParam("category", "cs.lg").queryParam("author", "--")
                .queryParam("published_from", "2021-01-01").queryParam("published_to", "2020-01-01").queryParam("arxiv_id", "2401.7")
                .when().get("/read-results").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("q", "category", "author", "published_from", "arxiv_id"));
        given().queryParam("q", "' OR 1=1; DROP TABLE results; --").when().get("/read-results").then().statusCode(200).body("total", is(0));
        given().queryParam("author", "100%_\\").when().get("/read-results").then().statusCode(200).body("total", is(0));
        assertEquals(QUERIES * PER_QUERY, db.queryLong("arxiv", "SELECT count(*) FROM results"));
    }
}
