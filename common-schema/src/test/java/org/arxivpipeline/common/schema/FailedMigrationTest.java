package org.arxivpipeline.common.schema;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A migration that fails (here a test-only V2 whose second statement fails): the service starts but is not
 * ready, readiness and the log name the migration and the reason, and the schema stays at V1 — not even
 * the first statement of V2 is left.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(FailedMigrationTest.Broken.class)
class FailedMigrationTest {

    public static class Broken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arxiv.migration.locations", "classpath:db/test/broken", "arxiv.migration.table", "flyway_history_broken_test");
        }
    }

    @Test
    void theServiceIsNotReadyAndSaysWhichMigrationFailedAndWhy() {
        given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'Database schema' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Database schema' }.data.schema", allOf(
                        containsString("migration failed, schema stays at version 1"),
                        containsString("V2__adds_a_column_then_fails.sql"),
                        containsString("division by zero")));
        given().get("/q/health/live").then().statusCode(200);
        // the same, as the series of the SchemaNotReady alert
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.matchesPattern(
                "(?s).*\\narxiv_schema_ready\\{service=\"[^\"]+\"\\} 0.0\\n.*"));
    }

    @Test
    void theSchemaStaysAtThePreviousVersion() {
        TestPostgres db = TestPostgres.get();
        assertEquals(1, db.queryLong("arxiv", "SELECT count(*) FROM flyway_history_broken_test WHERE version = '1' AND success"));
        assertEquals(0, db.queryLong("arxiv", "SELECT count(*) FROM flyway_history_broken_test WHERE version = '2'"));
        assertEquals(0, db.queryLong("arxiv",
                "SELECT count(*) FROM pg_attribute WHERE attrelid = 'probe_broken'::regclass AND attname = 'half_done'"));
    }
}
