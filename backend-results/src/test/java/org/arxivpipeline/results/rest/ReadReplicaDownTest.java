package org.arxivpipeline.results.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;


import org.arxivpipeline.testsupport.DeadReadReplicaProfile;
import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * READ_DATASOURCE_URL names a replica that refuses every connection: reads are answered from the primary
 * and the service stays ready (the replica is not part of readiness).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(DeadReadReplicaProfile.class)
class ReadReplicaDownTest {

    private final TestPostgres db = TestPostgres.get();

    @Test
    void readsComeFromThePrimaryAndTheServiceStaysReady() {
        db.truncate("results");
        db.execute("arxiv", """
                INSERT INTO results (query_id, timestamp, result_number, arxiv_id, title, author, journal, doi,
                                     primary_category, published, url)
                SELECT 7, 1715014689, n, '7.' || n || 'v1', 'Title ' || n, 'A. Author', NULL, NULL,
                       'hep-th', '2024-05-02T17:59:59Z', 'http://arxiv.org/abs/7.' || n
                FROM generate_series(0, 4) AS n""");
        for (int i = 0; i < 3; i++) {
            given().queryParam("query_id", 7).queryParam("items_per_page", 2).when().get("/read-results")
                    .then().statusCode(200).body("total", is(5)).body("results", hasSize(2))
                    .body("results[0].title", is("Title 0"));
            given().queryParam("items_per_page", 10).when().get("/read-results")
                    .then().statusCode(200).body("results", hasSize(5));
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }
}
