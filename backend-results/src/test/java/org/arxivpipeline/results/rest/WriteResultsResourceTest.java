package org.arxivpipeline.results.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PostgresResource.class)
class WriteResultsResourceTest {

    private final TestPostgres db = TestPostgres.get();

    @BeforeEach
    void emptyTables() {
        db.truncate("results");
    }

    static String entry(int i) {
        return """
                {"arxiv_id": "2405.%05dv1", "title": "Title %d", "authors": "A. Author, B. Author", "journal": null,
                 "doi": "10.1000/%d", "primary_category": "cond-mat.mes-hall", "published": "2024-05-02T17:59:59Z",
                 "url": "http://arxiv.org/abs/2405.%05dv1"}""".formatted(i, i, i, i);
    }

    static String body(long queryId, int count) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(entry(i));
        }
        return "{\"query_id\": " + queryId + ", \"timestamp\": 1715014689, \"results\": [" + String.join(",", entries) + "]}";
    }

    @Test
    void resultsAreStoredInOrderWithEveryValue() {
        String unusual = """
                {"query_id": 42, "timestamp": 1715014689, "results": [
                  {"arxiv_id": "2104.12255v1", "title": "0", "authors": "Zoë Ünal, 李 雷", "journal": "Phys. Rev. B 1, 2 (2024)",
                   "doi": null, "primary_category": "hep-th", "published": "2021-04-25T23:10:07+02:00", "url": "http://arxiv.org/abs/2104.12255v1"},
                  {"arxiv_id": "astro-ph/0601001v1", "title": "$\\\\alpha$-decay of \\"things\\"", "authors": "X"}]}""";
        given().contentType(ContentType.JSON).body(unusual).when().post("/write-results")
                .then().statusCode(201).body("num_results", is(2)).body("num_inserted", is(2));

        List<Map<String, Object>> rows = db.query("arxiv", """
                SELECT query_id, timestamp, result_number, arxiv_id, title, author, journal, doi, primary_category, published, url
                FROM results ORDER BY result_number""");
        assertEquals(2, rows.size());
        Map<String, Object> first = rows.get(0);
        assertEquals(42L, first.get("query_id"));
        assertEquals(1715014689L, first.get("timestamp"));
        assertEquals(0, first.get("result_number"));
        assertEquals("2104.12255v1", first.get("arxiv_id"));
        assertEquals("0", first.get("title"));
        assertEquals("Zoë Ünal, 李 雷", first.get("author"));
        assertEquals("Phys. Rev. B 1, 2 (2024)", first.get("journal"));
        assertEquals(null, first.get("doi"));
        assertEquals("hep-th", first.get("primary_category"));
        assertEquals(OffsetDateTime.of(2021, 4, 25, 21, 10, 7, 0, ZoneOffset.UTC).toEpochSecond(),
                db.queryLong("arxiv", "SELECT extract(epoch FROM published)::bigint FROM results WHERE result_number = 0"));
        assertEquals("http://arxiv.org/abs/2104.12255v1", first.get("url"));
        Map<String, Object> second = rows.get(1);
        assertEquals(1, second.get("result_number"));
        assertEquals("$\\alpha$-decay of \"things\"", second.get("title"));
        assertEquals(null, second.get("published"));
    }

    @Test
    void writingTheSameResultsTwiceStoresThemOnce() {
        given().contentType(ContentType.JSON).body(body(7, 5)).when().post("/write-results")
                .then().statusCode(201).body("num_inserted", is(5));
        given().contentType(ContentType.JSON).body(body(7, 5)).when().post("/write-results")
                .then().statusCode(201).body("num_inserted", is(0));
        assertEquals(5, db.queryLong("arxiv", "SELECT count(*) FROM results WHERE query_id = 7"));
    }

    @Test
    void aRetriedWriteOfTwoThousandRecordsWithoutTheNewerFieldsIsNoConflict() {
        // the records bench/write-results.lua writes: the fields of the first release only
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            results.append(i == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
                    "{\"arxiv_id\":\"2401.%05dv1\",\"title\":\"A title of realistic length about result number %d\","
                            + "\"authors\":\"A. Author, B. Author, C. Author\",\"journal\":\"Phys. Rev. B 109, 045123 (2024)\","
                            + "\"doi\":\"10.1103/PhysRevB.109.%06d\",\"primary_category\":\"cond-mat.str-el\","
                            + "\"published\":\"2024-01-02T03:04:05Z\",\"url\":\"http://arxiv.org/abs/2401.%05dv1\"}", i, i, i, i));
        }
        String body = "{\"query_id\": 901000001, \"timestamp\": 1715014689, \"results\": [" + results + "]}";
        given().contentType(ContentType.JSON).body(body).when().post("/write-results").then().statusCode(201).body("num_inserted", is(2000));
        given().contentType(ContentType.JSON).body(body).when().post("/write-results").then().statusCode(201).body("num_inserted", is(0));
    }

    @Test
    void twentyConcurrentIdenticalWritesStoreExactlyNRows() throws Exception {
        String body = body(9, 300);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                writes.add(() -> given().contentType(ContentType.JSON).body(body).when().post("/write-results").statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(writes)) {
                assertEquals(201, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(300, db.queryLong("arxiv", "SELECT count(*) FROM results WHERE query_id = 9"));
        assertEquals(300, db.queryLong("arxiv", "SELECT count(DISTINCT result_number) FROM results WHERE query_id = 9"));
        assertEquals(299, db.queryLong("arxiv", "SELECT max(result_number) FROM results WHERE query_id = 9"));
    }

    @Test
    void aWriteThatContradictsStoredResultsIsAConflict() {
        given().contentType(ContentType.JSON).body(body(11, 3)).when().post("/write-results").then().statusCode(201);
        given().contentType(ContentType.JSON).body(body(11, 3).replace("Title 1", "Another title"))
                .when().post("/write-results")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", is("result 1 of query_id 11 is already stored with other content"));
        assertEquals("Title 1", db.query("arxiv", "SELECT title FROM results WHERE query_id = 11 AND result_number = 1").get(0).get("title"));
    }

    @Test
    void zeroResultsIsAValidWrite() {
        given().contentType(ContentType.JSON).body("{\"query_id\": 12, \"timestamp\": 1, \"results\": []}")
                .when().post("/write-results").then().statusCode(201).body("num_results", is(0));
        assertEquals(0, db.queryLong("arxiv", "SELECT count(*) FROM results"));
    }

    @Test
    void twoThousandResultsAreStoredAndOneMoreIsRefused() {
        given().contentType(ContentType.JSON).body(body(13, 2000)).when().post("/write-results")
                .then().statusCode(201).body("num_inserted", is(2000));
        assertEquals(2000, db.queryLong("arxiv", "SELECT count(*) FROM results WHERE query_id = 13"));

        given().contentType(ContentType.JSON).body(body(14, 2001)).when().post("/write-results")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", is("results"))
                .body("errors[0].message", is("must hold at most 2000 results"));
        assertEquals(0, db.queryLong("arxiv", "SELECT count(*) FROM results WHERE query_id = 14"));
    }

    @Test
    void everyInvalidFieldIsListedAtOnceWithItsPath() {
        given().contentType(ContentType.JSON).body("""
                {"query_id": 0, "timestamp": "now", "results": [
                  {"title": "no id"},
                  {"arxiv_id": "1", "title": "t", "published": "yesterday", "doi": 10},
                  "not an object"]}""")
                .when().post("/write-results")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("query_id", "timestamp", "results[0].arxiv_id",
                        "results[1].published", "results[1].doi", "results[2]"))
                .body("errors.find { it.field == 'results[1].published' }.message",
                        is("must be an ISO-8601 date-time with offset, e.g. 2024-05-02T17:59:59Z"));
        given().contentType(ContentType.JSON).body("{\"query_id\": 1, \"timestamp\": 1, \"results\": {}}")
                .when().post("/write-results")
                .then().statusCode(400).body("errors[0].field", is("results")).body("errors[0].message", is("must be an array"));
        assertEquals(0, db.queryLong("arxiv", "SELECT count(*) FROM results"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"query_id\": 1, \"results\": [").when().post("/write-results")
                .then().statusCode(400).contentType("application/problem+json").body("status", is(400));
    }
}
