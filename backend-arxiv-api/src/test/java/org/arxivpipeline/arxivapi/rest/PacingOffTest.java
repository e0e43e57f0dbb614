package org.arxivpipeline.arxivapi.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.arxivpipeline.arxivapi.PacingSchema;
import org.arxivpipeline.arxivapi.rest.ArxivStandIn.InjectArxiv;
import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * ARXIV_MIN_INTERVAL=0 (pacing off, e.g. against a stand-in) with a datasource: calls take no shared
 * slot, so they are not spaced by the pacing guard either.
 */
@QuarkusTest
@WithTestResource(ArxivStandIn.class)
@WithTestResource(PostgresResource.class)
@TestProfile(PacingOffTest.PacingOffWithDatabase.class)
class PacingOffTest {

    public static class PacingOffWithDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", "postgresql://${arxivtest.pg.host}:${arxivtest.pg.port}/arxiv",
                    "arxiv.cache-ttl", "0s", "arxiv.min-interval", "0s");
        }
    }

    @InjectArxiv
    WireMockServer arxiv;

    private final TestPostgres db = TestPostgres.get();

    @Test
    void callsTakeNoSharedSlot() throws Exception {
        ArxivStandIn.answerEverySearchWith(arxiv, "zero_hits.xml");
        PacingSchema.free(db);
        for (int i = 0; i < 3; i++) {
            given().queryParam("title", "unpaced " + i).when().get("/arxiv-api").then().statusCode(200);
        }
        assertEquals(3, arxiv.getAllServeEvents().size());
        assertEquals(1, db.queryLong("arxiv", "SELECT (next_slot = '-infinity' AND holder IS NULL AND waiter IS NULL)::int FROM arxiv_pacing"),
                "no turn was taken");
    }
}
