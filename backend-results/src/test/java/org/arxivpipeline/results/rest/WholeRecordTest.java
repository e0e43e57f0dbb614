package org.arxivpipeline.results.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The later fields of a result (abstract, categories, updated, comment, pdf_url): stored, answered, validated. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class WholeRecordTest {

    private final TestPostgres db = TestPostgres.get();

    @BeforeEach
    void emptyTables() {
        db.truncate("results");
    }

    @Test
    void theWholeRecordIsStoredAndAnsweredAsWritten() {
        String body = """
                {"query_id": 7, "timestamp": 1715014689, "results": [
                  {"arxiv_id": "2405.01234v2", "title": "T", "authors": "A", "primary_category": "cs.LG",
                   "published": "2024-05-02T17:59:59Z", "url": "http://arxiv.org/abs/2405.01234v2",
                   "abstract": "We show $\\\\alpha < 1$ & more.", "categories": ["cs.LG", "stat.ML", "math.OC"],
                   "updated": "2024-05-09T10:00:00+02:00", "comment": "12 pages, 3 figures",
                   "pdf_url": "https://arxiv.org/pdf/2405.01234v2"},
                  {"arxiv_id": "2405.01235v1", "title": "U", "categories": []}]}""";
        given().contentType(ContentType.JSON).body(body).when().post("/write-results").then().statusCode(201);

        assertEquals("{cs.LG,stat.ML,math.OC}", db.query("arxiv", "SELECT categories::text AS c FROM results WHERE result_number = 0")
                .get(0).get("c"), "in their order, the primary first");
        given().queryParam("query_id", 7).when().get("/read-results").then().statusCode(200)
                .body("results[0].abstract", is("We show $\\alpha < 1$ & more."))
                .body("results[0].categories", contains("cs.LG", "stat.ML", "math.OC"))
                .body("results[0].updated", is("2024-05-09T08:00:00Z"))
                .body("results[0].comment", is("12 pages, 3 figures"))
                .body("results[0].pdf_url", is("https://arxiv.org/pdf/2405.01234v2"))
                .body("results[1].categories", empty())
                .body("results[1].abstract", nullValue())
                .body("results[1].updated", nullValue());
    }

    @Test
    void rowsStoredBeforeTheFieldsExistedAnswerThemAsNull() {
        db.execute("arxiv", """
                INSERT INTO results (query_id, timestamp, result_number, arxiv_id, title) VALUES (8, 1, 0, '2101.00001v1', 'old')""");
        given().queryParam("query_id", 8).when().get("/read-results").then().statusCode(200)
                .body("results[0].title", is("old"))
                .body("results[0].abstract", nullValue()).body("results[0].categories", nullValue())
                .body("results[0].updated", nullValue()).body("results[0].comment", nullValue())
                .body("results[0].pdf_url", nullValue());
    }

    @Test
    void aWriterThatDoesNotSendTheLaterFieldsIsNoConflict() {
        String whole = """
                {"query_id": 9, "timestamp": 1, "results": [{"arxiv_id": "2405.01234v1", "title": "T",
                  "abstract": "A", "categories": ["hep-th"], "comment": "c"}]}""";
        String older = """
                {"query_id": 9, "timestamp": 1, "results": [{"arxiv_id": "2405.01234v1", "title": "T"}]}""";
        given().contentType(ContentType.JSON).body(whole).when().post("/write-results").then().statusCode(201);
        given().contentType(ContentType.JSON).body(older).when().post("/write-results").then().statusCode(201).body("num_inserted", is(0));
        given().contentType(ContentType.JSON).body(whole.replace("\"A\"", "\"B\"")).when().post("/write-results")
                .then().statusCode(409);
    }

    @Test
    void badLaterFieldsAreEachNamed() {
        String bad = """
                {"query_id": 10, "timestamp": 1, "results": [{"arxiv_id": "x", "abstract": "%s",
                  "categories": "cs.LG", "updated": "yesterday", "comment": 5}]}""".formatted("a".repeat(10_001));
        given().contentType(ContentType.JSON).body(bad).when().post("/write-results").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("results[0].abstract"))
                .body("errors.field", hasItem("results[0].categories"))
                .body("errors.field", hasItem("results[0].updated"))
                .body("errors.field", hasItem("results[0].comment"));
        given().contentType(ContentType.JSON).body("""
                {"query_id": 10, "timestamp": 1, "results": [{"arxiv_id": "x", "categories": ["cs.LG", 3]}]}""")
                .when().post("/write-results").then().statusCode(400).body("errors[0].field", is("results[0].categories"));
        assertEquals(0L, db.queryLong("arxiv", "SELECT count(*) FROM results"));
    }
}
