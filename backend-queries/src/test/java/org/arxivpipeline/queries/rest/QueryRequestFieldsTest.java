package org.arxivpipeline.queries.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The request's later fields (sort_by, sort_order, start, id_list, complete): stored, read back, defaulted, checked. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class QueryRequestFieldsTest {

    private static final String WHOLE = """
            {"query_id": 7, "timestamp": 1715014689, "status": 200, "num_results": 2, "num_entries": 1, "query": "",
             "sort_by": "submitted", "sort_order": "ascending", "start": 1, "id_list": "2405.01234,hep-th/9901001", "complete": false}""";

    private final TestPostgres db = TestPostgres.get();

    @BeforeEach
    void emptyTables() {
        db.truncate("queries");
    }

    @Test
    void theWholeRequestIsStoredAndReadBackInBothForms() {
        given().contentType(ContentType.JSON).body(WHOLE).when().post("/write-queries").then().statusCode(201);
        Map<String, Object> row = db.query("arxiv", "SELECT query, sort_by, sort_order, start, id_list, complete FROM queries").get(0);
        assertEquals(Map.of("query", "", "sort_by", "submitted", "sort_order", "ascending", "start", 1, "id_list",
                "2405.01234,hep-th/9901001", "complete", false), row);
        for (String form : new String[] {"stored", "public"}) {
            given().queryParam("start_timestamp", 0).queryParam("form", form).when().get("/read-queries").then().statusCode(200)
                    .body("[0].sort_by", is("submitted")).body("[0].sort_order", is("ascending")).body("[0].start", is(1))
                    .body("[0].id_list", is("2405.01234,hep-th/9901001")).body("[0].complete", is(false));
        }
        given().contentType(ContentType.JSON).body(WHOLE).when().post("/write-queries").then().statusCode(200);
        given().contentType(ContentType.JSON).body(WHOLE.replace("\"start\": 1", "\"start\": 2")).when().post("/write-queries")
                .then().statusCode(409);
    }

    @Test
    void aRecordOfTheFirstReleaseIsADefaultCompleteSearch() {
        given().contentType(ContentType.JSON).body("""
                {"query_id": 8, "timestamp": 1, "status": 200, "num_results": 0, "num_entries": 0, "query": "ti:x"}""")
                .when().post("/write-queries").then().statusCode(201);
        db.execute("arxiv", "INSERT INTO queries (query_id, timestamp, status, num_results, num_entries, query) VALUES (9, 2, 200, 0, 0, 'ti:y')");
        given().queryParam("start_timestamp", 0).when().get("/read-queries").then().statusCode(200)
                .body("sort_by", is(java.util.List.of("relevance", "relevance"))).body("sort_order", is(java.util.List.of("descending",
                        "descending")))
                .body("start", is(java.util.List.of(0, 0))).body("[0].id_list", nullValue()).body("complete", is(java.util.List.of(true, true)));
    }

    @Test
    void badRequestFieldsAreEachNamed() {
        given().contentType(ContentType.JSON).body("""
                {"query_id": 10, "timestamp": 1, "status": 200, "num_results": 0, "num_entries": 0, "query": "ti:x",
                 "sort_by": "date", "sort_order": "up", "start": 30000, "id_list": 5, "complete": "yes"}""")
                .when().post("/write-queries").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("sort_by")).body("errors.field", hasItem("sort_order")).body("errors.field", hasItem("start"))
                .body("errors.field", hasItem("id_list")).body("errors.field", hasItem("complete"));
        given().contentType(ContentType.JSON).body("""
                {"query_id": 11, "timestamp": 1, "status": 200, "num_results": 0, "num_entries": 0, "query": " "}""")
                .when().post("/write-queries").then().statusCode(400).body("errors[0].field", is("query"));
        assertEquals(0L, db.queryLong("arxiv", "SELECT count(*) FROM queries"));
    }

    /** Issue 24: a watch's run carries its watch_id, stored and read back in every form; a search someone made has none. */
    @Test
    void theWatchOfARunIsStoredAndReadBack() {
        given().contentType(ContentType.JSON).body(WHOLE.replace("\"complete\": false", "\"complete\": false, \"watch_id\": 12"))
                .when().post("/write-queries").then().statusCode(201);
        given().contentType(ContentType.JSON).body("""
                {"query_id": 8, "timestamp": 1715014690, "status": 200, "num_results": 0, "num_entries": 0, "query": "ti:x"}""")
                .when().post("/write-queries").then().statusCode(201);
        assertEquals(12L, db.queryLong("arxiv", "SELECT watch_id FROM queries WHERE query_id = 7"));
        given().queryParam("start_timestamp", 0).queryParam("form", "public").when().get("/read-queries").then().statusCode(200)
                .body("watch_id", is(java.util.Arrays.asList(12, null)));
        String csv = given().queryParam("start_timestamp", 0).queryParam("format", "csv").when().get("/read-queries")
                .then().statusCode(200).extract().asString();
        assertEquals(java.util.List.of("watch_id", "12", ""), csv.lines().map(line -> line.substring(line.lastIndexOf(',') + 1)).toList());
        given().contentType(ContentType.JSON).body(WHOLE.replace("\"complete\": false", "\"complete\": false, \"watch_id\": 13"))
                .when().post("/write-queries").then().statusCode(409);
        given().contentType(ContentType.JSON).body(WHOLE.replace("\"query_id\": 7", "\"query_id\": 9").replace("\"complete\": false",
                "\"complete\": false, \"watch_id\": 0")).when().post("/write-queries").then().statusCode(400).body("errors[0].field", is("watch_id"));
    }
}
