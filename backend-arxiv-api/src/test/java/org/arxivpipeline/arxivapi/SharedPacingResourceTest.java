package org.arxivpipeline.arxivapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.arxivpipeline.arxivapi.ArxivStandIn.InjectArxiv;
import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With a datasource, every arXiv call first takes a slot in the shared pacing table of db/. */
@QuarkusTest
@WithTestResource(ArxivStandIn.class)
@WithTestResource(PostgresResource.class)
@TestProfile(SharedPacingResourceTest.WithDatabase.class)
class SharedPacingResourceTest {

    public static class WithDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.url", "postgresql://${arxivtest.pg.host}:${arxivtest.pg.port}/arxiv",
                    "arxiv.cache-ttl", "0s");
        }
    }

    @InjectArxiv
    WireMockServer arxiv;

    private final TestPostgres db = TestPostgres.get();

    @Test
    void eachCallReservesTheNextSharedSlot() throws Exception {
        arxiv.resetAll();
        arxiv.stubFor(get(urlPathEqualTo("/api/query")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml").withBody(FeedParsingTest.fixture("zero_hits.xml"))));
        db.execute("arxiv", "UPDATE arxiv_pacing SET next_slot = '-infinity'");

        given().queryParam("title", "first").when().get("/arxiv-api").then().statusCode(200);
        // the slot after this call is booked: one interval (the test profile's 200 ms) after the call's own
        assertEquals(1, db.queryLong("arxiv", "SELECT (next_slot > clock_timestamp() - interval '5 seconds')::int FROM arxiv_pacing"));

        // another replica booked the next 2 s: this one waits for the slot after them
        db.execute("arxiv", "UPDATE arxiv_pacing SET next_slot = clock_timestamp() + interval '2 seconds'");
        long started = System.nanoTime();
        given().queryParam("title", "second").when().get("/arxiv-api").then().statusCode(200);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(waitedMillis >= 1900, "waited " + waitedMillis + " ms");
    }
}
