package org.arxivpipeline.common.schema;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;

import org.arxivpipeline.dbtools.LocalPostgres;
import org.arxivpipeline.dbtools.PsqlScript;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A service that starts before its database can be reached starts anyway, not ready and saying why, and
 * migrates by itself once the database is there: no crash loop, no restart.
 */
@QuarkusTest
@TestProfile(DatabaseLaterTest.NothingThereYet.class)
class DatabaseLaterTest {

    /**
     * Where the database will be. Quarkus loads a test class in two class loaders (the profile's and the
     * test's), so the port is kept in a system property, not in a static field of each.
     */
    static int port() {
        return Integer.parseInt((String) System.getProperties().computeIfAbsent("arxivtest.later.port", key -> String.valueOf(freePort())));
    }

    public static class NothingThereYet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port() + "/arxiv",
                    "arxiv.migration.retry-interval", "300ms",
                    "arxiv.migration.table", "flyway_history_later_test");
        }
    }

    @Test
    void notReadyWhileTheDatabaseIsAwayThenMigratedAndReadyByItself() throws IOException {
        given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'Database schema' }.data.schema",
                        containsString("not migrated yet, database unreachable"));
        given().get("/q/health/live").then().statusCode(200);

        LocalPostgres cluster = new LocalPostgres(Files.createTempDirectory("arxiv-later"), port(), "later-superuser");
        try {
            PsqlScript.applyDirectory(TestPostgres.dbDirectory(), cluster::connect, Map.of());
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
                sleep();
            }
            given().get("/q/health/ready").then().log().ifValidationFails()
                    .statusCode(200)
                    .body("checks.find { it.name == 'Database schema' }.data.schema", equalTo("at version 2"));
        } finally {
            cluster.destroy();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
