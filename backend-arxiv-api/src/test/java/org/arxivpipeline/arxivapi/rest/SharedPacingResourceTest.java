package org.arxivpipeline.arxivapi.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.arxivpipeline.arxivapi.rest.ArxivStandIn.InjectArxiv;
import org.arxivpipeline.testsupport.PostgresResource;
import org.arxivpipeline.testsupport.TestPostgres;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

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
        ArxivStandIn.answerEverySearchWith(arxiv, "zero_hits.xml");
        db.execute("arxiv", "UPDATE arxiv_pacing SET next_slot = '-infinity'");

        given().queryParam("title", "first").when().get("/arxiv-api").then().statusCode(200);
        // the slot after this call is booked: one interval (the test profile's 200 ms) after the call's own
        assertEquals(1, db.queryLong("arxiv", "SELECT (next_slot > clock_timestamp() - interval '5 seconds')::int FROM arxiv_pacing"));

        // another replica booked the next 2 s: this one waits for the slot after them
        db.execute("arxiv", "UPDATE arxiv_pacing SET next_slot = clock_timestamp() + interval '2 seconds'");
        long started = System.nanoTime();
        given().queryParam("title", "second").when().get("/arxiv-api").then().statusCode(200);
        long waitedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMillis >= 1900, "waited " + waitedMillis + " ms");
    }

    @Test
    void aBurstIsServedInItsSharedSlotsOrRefusedAtOnce() throws Exception {
        // a call given up unsent (its slot passed while its connection opened) is reset: quietly, not an ERROR
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler vertxErrors = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    errors.add(record.getLoggerName() + ": " + record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger vertx = java.util.logging.Logger.getLogger("io.vertx");
        vertx.addHandler(vertxErrors);
        try {
            burst();
        } finally {
            vertx.removeHandler(vertxErrors);
        }
        assertEquals(List.of(), errors, "Vert.x logged errors");
    }

    private void burst() throws Exception {
        ArxivStandIn.answerEverySearchWith(arxiv, "zero_hits.xml");
        db.execute("arxiv", "UPDATE arxiv_pacing SET next_slot = '-infinity'");
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<long[]>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/arxiv-api?title=burst" + i))
                    .timeout(Duration.ofSeconds(10)).build();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> new long[] {response.statusCode(), (System.nanoTime() - start) / 1_000_000}));
        }
        int served = 0;
        int late = 0;
        for (CompletableFuture<long[]> answer : answers) {
            long[] statusAndMillis = answer.get(15, TimeUnit.SECONDS);
            if (statusAndMillis[0] == 200) {
                served++;
            } else if (statusAndMillis[0] == 504) {
                // the last search admitted can miss its deadline by the time each call spends between its
                // turn and its send (a reservation, a timer), which the line's estimate does not count
                late++;
            } else {
                assertEquals(429, statusAndMillis[0]);
                // the local line spaces turns as the shared slots are (interval + guard): a search it
                // admits gets its slot before its deadline, so a refusal never comes after a wait
                assertTrue(statusAndMillis[1] < 1500, "a 429 after " + statusAndMillis[1] + " ms");
            }
        }
        // start deadline 3.5 s (4 s deadline - 500 ms allowance), slots 300 ms apart (200 ms + 100 ms guard):
        // about 12, give or take the spread of the twenty arrivals; never all of them
        assertTrue(served >= 8 && served <= 14, "served " + served);
        assertTrue(late <= 1, late + " searches missed their deadline");
        // one arXiv call per served search; a late one may have made its call before its deadline passed
        int calls = arxiv.getAllServeEvents().size();
        assertTrue(calls >= served && calls <= served + late, calls + " arXiv calls for " + served + " served and " + late + " late");
    }
}
