package org.arxivpipeline.results.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class ReadResultsResourceTest {

    private final TestPostgres db = TestPostgres.get();

    @jakarta.inject.Inject
    org.arxivpipeline.results.service.OffsetCheckpoints checkpoints;

    /** Queries 1, 2 and 5 with 25, 3 and 12 results; rows inserted out of order. */
    @BeforeEach
    void seed() {
        db.truncate("results");
        // the rows are replaced behind the service's back (it forgets its positions only when it stores results)
        checkpoints.forget();
        db.execute("arxiv", """
                INSERT INTO results (query_id, timestamp, result_number, arxiv_id, title, author, journal, doi,
                                     primary_category, published, url)
                SELECT q, 1715014689, n, q || '.' || n || 'v1', 'Title ' || q || '/' || n, 'A. Author', 'J. ' || n,
                       NULL, 'hep-th', '2024-05-02T17:59:59Z', 'http://arxiv.org/abs/' || q || '.' || n
                FROM (VALUES (5, 12), (1, 25), (2, 3)) AS s(q, c), generate_series(0, c - 1) AS n
                ORDER BY random()""");
    }

    @Test
    void aPageOfOneQueryHasItsValuesTotalCursorAndLink() {
        given().queryParam("query_id", 1).queryParam("items_per_page", 10).when().get("/read-results")
                .then().statusCode(200)
                .body("results", hasSize(10))
                .body("results[0].query_id", is(1))
                .body("results[0].result_number", is(0))
                .body("results[0].arxiv_id", is("1.0v1"))
                .body("results[0].title", is("Title 1/0"))
                .body("results[0].authors", is("A. Author"))
                .body("results[0].journal", is("J. 0"))
                .body("results[0].doi", nullValue())
                .body("results[0].primary_category", is("hep-th"))
                .body("results[0].published", is("2024-05-02T17:59:59Z"))
                .body("results[0].url", is("http://arxiv.org/abs/1.0"))
                .body("results[9].result_number", is(9))
                .body("page", is(0))
                .body("items_per_page", is(10))
                .body("total", is(25))
                .body("next_cursor", not(nullValue()))
                .header("Link", containsString("rel=\"next\""))
                .header("Link", containsString("/read-results?"));
    }

    @Test
    void theLastPageHasNoCursorAndNoLink() {
        given().queryParam("query_id", 1).queryParam("page", 2).queryParam("items_per_page", 10).when().get("/read-results")
                .then().statusCode(200)
                .body("results", hasSize(5))
                .body("results[0].result_number", is(20))
                .body("page", is(2))
                .body("total", is(25))
                .body("next_cursor", nullValue())
                .body("$", hasKey("next_cursor"))
                .header("Link", nullValue());
        given().queryParam("query_id", 1).queryParam("page", 9).when().get("/read-results")
                .then().statusCode(200).body("results", hasSize(0)).body("next_cursor", nullValue());
        given().queryParam("query_id", 99).when().get("/read-results")
                .then().statusCode(200).body("results", hasSize(0)).body("total", is(0));
    }

    @Test
    void withoutQueryIdThereIsNoTotal() {
        given().queryParam("items_per_page", 3).when().get("/read-results")
                .then().statusCode(200)
                .body("$", not(hasKey("total")))
                .body("results.query_id", is(List.of(1, 1, 1)));
    }

    /** Pages by number without a query (a deferred join: the offset counted in the index, the page's rows read whole). */
    @Test
    void everyPageByNumberGivesTheWholeTableInOrderWithWholeRecords() {
        List<String> walked = new ArrayList<>();
        for (int number = 0; number < 6; number++) {
            JsonPath page = given().queryParam("items_per_page", 7).queryParam("page", number).when().get("/read-results")
                    .then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> r : page.<Map<String, Object>>getList("results")) {
                walked.add(r.get("query_id") + "/" + r.get("result_number") + "/" + r.get("title") + "/" + r.get("arxiv_id"));
            }
        }
        List<String> table = new ArrayList<>();
        for (Map<String, Object> row : db.query("arxiv",
                "SELECT query_id, result_number, title, arxiv_id FROM results ORDER BY query_id, result_number")) {
            table.add(row.get("query_id") + "/" + row.get("result_number") + "/" + row.get("title") + "/" + row.get("arxiv_id"));
        }
        assertEquals(40, table.size());
        assertEquals(table, walked);
        given().queryParam("items_per_page", 7).queryParam("page", 6).when().get("/read-results").then().statusCode(200)
                .body("results", org.hamcrest.Matchers.hasSize(0));
    }

    /** A page by number starts from a remembered position (every 5 rows here); a write moves the positions after it. */
    @Test
    void aPageByNumberAfterAWriteShowsTheRowsNowAtThatOffset() {
        List<String> before = pageByNumber(5);
        assertEquals(tableRows(35, 7), before);
        // query 3's results sort between queries 2 and 5: every position after them moves by 4
        given().contentType(io.restassured.http.ContentType.JSON).body(WriteResultsResourceTest.body(3, 4)).when().post("/write-results")
                .then().statusCode(201);
        List<String> after = pageByNumber(5);
        assertEquals(tableRows(35, 7), after);
        assertNotEquals(before, after);
    }

    private static List<String> pageByNumber(int number) {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> r : given().queryParam("items_per_page", 7).queryParam("page", number).when().get("/read-results")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("results")) {
            rows.add(r.get("query_id") + "/" + r.get("result_number"));
        }
        return rows;
    }

    private List<String> tableRows(int offset, int count) {
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> row : db.query("arxiv", "SELECT query_id, result_number FROM results ORDER BY query_id, result_number"
                + " OFFSET " + offset + " LIMIT " + count)) {
            rows.add(row.get("query_id") + "/" + row.get("result_number"));
        }
        return rows;
    }

    @Test
    void walkingEveryResultByCursorGivesTheWholeTableInOrder() {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        long expectedPage = 0;
        do {
            var request = given().queryParam("items_per_page", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/read-results").then().statusCode(200).extract().jsonPath();
            assertEquals(expectedPage++, page.getLong("page"));
            for (Map<String, Object> r : page.<Map<String, Object>>getList("results")) {
                walked.add(r.get("query_id") + "/" + r.get("result_number"));
            }
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null && pages < 100);

        List<String> table = new ArrayList<>();
        for (Map<String, Object> row : db.query("arxiv", "SELECT query_id, result_number FROM results ORDER BY query_id, result_number")) {
            table.add(row.get("query_id") + "/" + row.get("result_number"));
        }
        assertEquals(40, table.size());
        assertEquals(table, walked);
        assertEquals(6, pages);
    }

    @Test
    void walkingOneQueryByCursorFollowingTheLinkHeader() {
        List<Integer> numbers = new ArrayList<>();
        Response response = given().queryParam("query_id", 5).queryParam("items_per_page", 5).when().get("/read-results");
        while (true) {
            assertEquals(200, response.statusCode());
            assertEquals(12, response.jsonPath().getInt("total"));
            numbers.addAll(response.jsonPath().getList("results.result_number", Integer.class));
            String link = response.header("Link");
            if (link == null) {
                assertNull(response.jsonPath().getString("next_cursor"));
                break;
            }
            String url = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            response = given().urlEncodingEnabled(false).when().get(url);
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), numbers);
    }

    @Test
    void aGarbledOrForgedCursorIsA400() {
        String cursor = given().queryParam("query_id", 1).queryParam("items_per_page", 5).when().get("/read-results")
                .then().extract().jsonPath().getString("next_cursor");

        given().queryParam("cursor", "garbage").when().get("/read-results")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", is("cursor"));
        given().queryParam("cursor", cursor.substring(0, cursor.length() - 2)).when().get("/read-results")
                .then().statusCode(400).body("errors[0].field", is("cursor"));
        // same signature, payload pointing elsewhere: refused
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString("1|1|1|0|1".getBytes());
        String forged = forgedPayload + cursor.substring(cursor.indexOf('.'));
        given().queryParam("cursor", forged).when().get("/read-results")
                .then().statusCode(400).body("errors[0].field", is("cursor"));
        // a cursor of query 1 with query_id 2
        given().queryParam("query_id", 2).queryParam("cursor", cursor).when().get("/read-results")
                .then().statusCode(400).body("errors[0].message", is("belongs to another query_id"));
        // the genuine one works
        given().queryParam("cursor", cursor).when().get("/read-results")
                .then().statusCode(200).body("results[0].result_number", is(5)).body("page", is(1));
    }

    @Test
    void invalidParametersAreListedAtOnce() {
        given().queryParam("query_id", 0).queryParam("page", -1).queryParam("items_per_page", 101).when().get("/read-results")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("query_id", "page", "items_per_page"))
                .body("errors.find { it.field == 'items_per_page' }.message", is("must be between 1 and 100"));
        given().queryParam("query_id", "abc").queryParam("items_per_page", "1e3").when().get("/read-results")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("query_id", "items_per_page"))
                .body("errors.find { it.field == 'query_id' }.message", is("must be an integer"));
        given().queryParam("page", "99999999999999999999999").when().get("/read-results")
                .then().statusCode(400).body("errors[0].field", is("page"));
    }
}
