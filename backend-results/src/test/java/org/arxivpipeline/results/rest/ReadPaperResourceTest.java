package org.arxivpipeline.results.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** GET /read-paper: one paper found by several queries in two versions, an old-style id, and the refusals. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class ReadPaperResourceTest {

    private final TestPostgres db = TestPostgres.get();

    @BeforeEach
    void sightings() {
        db.truncate("results");
        db.execute("arxiv", """
                INSERT INTO results (query_id, timestamp, result_number, arxiv_id, title, abstract) VALUES
                  (3, 1000, 4, '2405.01234v1', 'First version', 'a'),
                  (9, 3000, 0, '2405.01234v10', 'Tenth version', 'c'),
                  (5, 2000, 1, '2405.01234v2', 'Second version', 'b'),
                  (5, 2000, 2, '2405.01235v1', 'Another paper', 'x'),
                  (7, 1500, 0, 'hep-th/9901001v2', 'Old style', 'y'),
                  (12, 4000, 3, '2405.01234v2', 'Second version', 'b')""");
    }

    @Test
    void everyVersionAndEveryQueryOfThePaperWithTheNewestVersionsRecord() {
        for (String id : new String[] {"2405.01234", "2405.01234v2", "2405.01234v99"}) {
            given().queryParam("arxiv_id", id).when().get("/read-paper").then().statusCode(200)
                    .body("arxiv_id", is("2405.01234"))
                    .body("versions", contains("2405.01234v1", "2405.01234v2", "2405.01234v10"))
                    .body("query_ids", contains(3, 5, 9, 12))
                    .body("first_seen", is(1000))
                    .body("last_seen", is(4000))
                    .body("latest.arxiv_id", is("2405.01234v10"))
                    .body("latest.title", is("Tenth version"))
                    .body("latest.query_id", is(9));
        }
        given().queryParam("arxiv_id", "hep-th/9901001").when().get("/read-paper").then().statusCode(200)
                .body("versions", contains("hep-th/9901001v2")).body("query_ids", contains(7)).body("latest.title", is("Old style"));
    }

    @Test
    void aPaperNeverStoredIs404AndNotAnIdIs400() {
        given().queryParam("arxiv_id", "2405.09999").when().get("/read-paper").then().statusCode(404)
                .contentType("application/problem+json").body("detail", is("No result of arXiv paper 2405.09999 is stored"));
        given().queryParam("arxiv_id", "2405.012").when().get("/read-paper").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", is("arxiv_id"));
        given().when().get("/read-paper").then().statusCode(400);
        given().queryParam("arxiv_id", "2405.01234' OR '1'='1").when().get("/read-paper").then().statusCode(400);
    }
}
