package org.arxivpipeline.common.schema;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.arxivpipeline.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A service whose migrations apply is ready, and says at which version ({@link SchemaReadiness}). */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class SchemaReadinessTest {

    @Test
    void migratedAtStartItIsReadyAtTheLatestVersion() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'Database schema' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Database schema' }.data.schema", equalTo("at version 2"));
        // the same, as the series of the SchemaNotReady alert
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.matchesPattern(
                "(?s).*\\narxiv_schema_ready\\{service=\"[^\"]+\"\\} 1.0\\n.*"));
    }

    @Test
    void itStaysLive() {
        given().get("/q/health/live").then().statusCode(200).body(containsString("UP"));
    }
}
