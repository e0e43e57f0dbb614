package org.arxivpipeline.common.schema;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Migration at start off (a deployment that migrates separately) and the schema one version behind the
 * code: the service changes nothing, is not ready, and says which version it found and which it needs.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@TestProfile(SchemaBehindTest.MigrationOff.class)
class SchemaBehindTest {

    private static final String TABLE = "flyway_history_behind_test";

    public static class MigrationOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the separate migration applied V1 only, before this service starts
            TestPostgres db = TestPostgres.get();
            Flyway all = Migrations.flyway(db.jdbcUrl("arxiv"), "arxiv_owner", "arxiv_owner", List.of("classpath:db/test/behind"), TABLE,
                    Duration.ofSeconds(5));
            Flyway.configure(SchemaBehindTest.class.getClassLoader()).configuration(all.getConfiguration()).target("1").load().migrate();
            return Map.of("arxiv.migration.at-start", "false", "arxiv.migration.locations", "classpath:db/test/behind",
                    "arxiv.migration.table", TABLE);
        }
    }

    @Test
    void theServiceIsNotReadyAndNamesBothVersions() {
        given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'Database schema' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Database schema' }.data.schema",
                        containsString("schema at version 1, this code needs version 2"));
    }

    @Test
    void nothingWasMigrated() {
        assertEquals(0, TestPostgres.get().queryLong("arxiv", "SELECT count(*) FROM " + TABLE + " WHERE version = '2'"));
    }
}
